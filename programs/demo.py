"""Demo content: 'Our work' with three programmes, and 'Awareness' with topics and articles.

The Prevention & Protection programme is SEHER's own; the other two programmes and
all articles are demo text, written to show every block and page type in use.
"""

import datetime

from core.demo import ensure_child, heading, order_children, paragraph
from core.factories import get_or_create_picture
from locations.models import CentrePage, Service

from .factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ProgrammeIndexPageFactory,
    ProgrammePageFactory,
    TopicFactory,
)
from .models import ProgrammePageCentre, ProgrammePageRelated

TOPICS = [
    ("signs-of-trafficking", "Signs of trafficking", "How to notice that a child may be being trafficked."),
    ("safe-migration", "Safe migration", "What families should know before anyone travels for work."),
    ("for-parents", "For parents", "Plain advice for mothers, fathers and guardians."),
    ("news", "News", "What is new at the centres and in SEHER's work."),
    ("stories", "Stories", "Children's journeys, told with their consent and with names changed."),
]


def services_block(heading_text, slugs):
    ids = list(Service.originals().filter(slug__in=slugs).values_list("pk", flat=True))
    return {"type": "services", "value": {"heading": heading_text, "services": ids}}


def seed_programmes(demo):
    index = ensure_child(
        demo.home,
        ProgrammeIndexPageFactory,
        "our-work",
        title="Our work",
        show_in_menus=True,
        search_description="SEHER's programmes for children who have been trafficked or are at risk.",
        intro="Everything we do starts from one question: what does this child need to be safe tonight, "
        "and to be safe for good?",
    )
    main = ensure_child(
        index,
        ProgrammePageFactory,
        "prevention-protection-trafficked-children",
        title="Prevention & Protection of Trafficked Children",
        search_description="Care, legal aid and family reunification for trafficked children in Balochistan.",
        summary=(
            "Children caught on smuggling routes through Balochistan get a safe place to stay, free legal "
            "help, medical care, counselling and a supported return to their families."
        ),
        hero_image=get_or_create_picture("Road towards Taftan (illustration)", seed=2),
        body=[
            heading("The problem"),
            paragraph(
                "<p>Trafficking grows where children's rights are ignored and families are desperate. "
                "Traffickers earn a great deal, sometimes with a relative's help, and children pay for it "
                "with their safety, their schooling and their childhood.</p>"
            ),
            heading("A route through Balochistan"),
            paragraph(
                "<p>Balochistan shares a long border with Iran, and smuggling networks run from Pakistan "
                "through Iran to the Gulf States, Turkey and on to Europe. Children are moved along the same "
                "roads. The Federal Investigation Agency (FIA) finds that most trafficked children and "
                "irregular migrants it stops come from the poorer districts of Southern Punjab, where families "
                "have long lived on money sent home from abroad.</p>"
                "<p>Many of these children leave with a parent's blessing, promised work in a city or overseas. "
                "What waits for them can be sexual exploitation, bonded labour, racing camels as jockeys or a "
                "forced marriage, with no say over any of it, and no school.</p>"
            ),
            heading("What happens at the centres"),
            paragraph(
                "<p>SEHER runs Child Friendly Centres inside the FIA offices at Quetta, Taftan and Gwadar. When "
                "officers stop a child on the route, the child comes to the centre rather than a cell: a calm "
                "room with trained staff, a meal, a doctor and someone to talk to. Our lawyers represent the "
                "child for free, and caseworkers trace the family and travel with the child until they are "
                "safely home.</p>"
            ),
            services_block(
                "What every child receives",
                [
                    "child-friendly-care",
                    "nutrition",
                    "legal-aid",
                    "psychosocial-counselling",
                    "medical-aid",
                    "recreation",
                    "family-reunification",
                ],
            ),
            {
                "type": "impact_figures",
                "value": {
                    "heading": "The centres last year",
                    "figures": ["children_received", "family_reunification"],
                    "period": "year",
                },
            },
            {
                "type": "quote",
                "value": {
                    "quote": "After a border, a child first needs a meal and a kind word, not a form.",
                    "attribution": "A SEHER caseworker in Taftan",
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Where we work",
                    "text": "Visit the three centres on the map, with what each offers and how to reach it.",
                    "link_page": demo.centre_index.pk,
                    "link_url": "",
                    "link_text": "See the centres",
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Help a child get home",
                    "text": "A gift pays for meals, a lawyer's time, counselling and the journey back to a family.",
                    "link_page": demo.donate_page.pk,
                    "link_url": "",
                    "link_text": "Donate",
                },
            },
        ],
    )
    legal = ensure_child(
        index,
        ProgrammePageFactory,
        "legal-aid-for-children",
        title="Legal aid for children",
        search_description="Free lawyers for children caught up in trafficking and smuggling cases.",
        summary="A child stopped at the border is a victim, not a suspect. Our lawyers make sure the law "
        "treats them that way, from the first statement to the last hearing.",
        hero_image=get_or_create_picture("Court building steps (illustration)", seed=3),
        body=[
            heading("Why children need a lawyer"),
            paragraph(
                "<p>Children found with smugglers are sometimes held, questioned or charged as if they had "
                "chosen the journey. A lawyer makes sure the child is heard with a guardian present, that "
                "their statement is taken kindly, and that they are never detained for being trafficked.</p>"
            ),
            services_block("What the programme offers", ["legal-aid", "psychosocial-counselling"]),
            {
                "type": "call_to_action",
                "value": {
                    "heading": "A lawyer for one child",
                    "text": "A monthly gift keeps a lawyer on call at each centre.",
                    "link_page": demo.donate_page.pk,
                    "link_url": "",
                    "link_text": "Give monthly",
                },
            },
        ],
    )
    awareness = ensure_child(
        index,
        ProgrammePageFactory,
        "safe-migration-awareness",
        title="Safe migration awareness",
        search_description="Sessions in the districts children leave from, so families can spot a trafficker's offer.",
        summary="Most children we meet come from poor districts of Southern Punjab. We talk with families "
        "there about how traffickers recruit, and what a safe job offer looks like.",
        hero_image=get_or_create_picture("Village lane at evening (illustration)", seed=4),
        body=[
            heading("Stopping the journey before it starts"),
            paragraph(
                "<p>Traffickers rarely look like criminals. They are often a neighbour or a relative with a "
                "promise of work abroad. Our sessions with parents, teachers and religious leaders explain "
                "the warning signs and where to ask for help.</p>"
            ),
        ],
    )
    programmes = [main, legal, awareness]
    centres = list(CentrePage.objects.filter(locale=demo.home.locale).order_by("path"))
    for programme, centre_slugs in ((main, None), (legal, {"quetta", "taftan"})):
        for order, centre in enumerate(c for c in centres if centre_slugs is None or c.slug in centre_slugs):
            ProgrammePageCentre.objects.get_or_create(page=programme, centre=centre, defaults={"sort_order": order})
    for programme in programmes:
        for order, other in enumerate(p for p in programmes if p != programme):
            ProgrammePageRelated.objects.get_or_create(page=programme, programme=other, defaults={"sort_order": order})
    for order, programme in enumerate(programmes):
        demo.feature_on_home(programme, order)
    demo.programmes = programmes
    demo.programme_index = index


ARTICLES = [
    {
        "slug": "signs-a-child-is-being-trafficked",
        "title": "Seven signs a child may be being trafficked",
        "kind": "signs",
        "topics": ["signs-of-trafficking", "for-parents"],
        "summary": "Trafficked children rarely ask for help. These signs, seen together, are a reason to call "
        "the helpline.",
        "body": [
            paragraph(
                "<ul><li>The child travels with an adult who is not a parent and answers for them.</li>"
                "<li>Someone else holds the child's identity papers.</li>"
                "<li>The child does not know where they are going, or tells a story that sounds rehearsed.</li>"
                "<li>The child seems afraid, exhausted or underfed.</li>"
                "<li>The family was promised a job or school abroad and paid a large sum.</li>"
                "<li>The child is out of school and working long hours far from home.</li>"
                "<li>A girl is being married far away, quickly, to a stranger.</li></ul>"
            ),
            heading("What to do"),
            paragraph(
                "<p>Do not confront the adult. Note what you saw and call the child protection helpline or "
                "the police. You do not need to be sure; they will decide what to do.</p>"
            ),
            {"type": "help_callout", "value": None},
            {"type": "saved_call_to_action", "value": "GIVE_MONTHLY"},
        ],
        "days_ago": 3,
    },
    {
        "slug": "before-anyone-travels-for-work",
        "title": "Before anyone in your family travels for work",
        "kind": "guidance",
        "topics": ["safe-migration", "for-parents"],
        "summary": "Five questions to ask about any offer of work abroad, and how to check the answers.",
        "body": [
            paragraph(
                "<ol><li>Is the recruiting agent licensed by the Bureau of Emigration?</li>"
                "<li>Is there a written contract, in a language you read?</li>"
                "<li>Will the traveller keep their own passport?</li>"
                "<li>Is the route by air, with a visa, rather than overland?</li>"
                "<li>Would they still go if they were sixteen? A child should never travel this way.</li></ol>"
            ),
        ],
        "days_ago": 12,
    },
    {
        "slug": "taftan-centre-opens-new-room",
        "title": "A quieter room for children at Taftan",
        "kind": "news",
        "topics": ["news"],
        "summary": "The Taftan centre now has a separate room where children can rest and play away from the "
        "crossing's noise.",
        "body": [
            paragraph(
                "<p>Children returned at the Taftan crossing often wait hours for paperwork. The new room has "
                "mats, books and drawing materials, and a caseworker on every shift.</p>"
            ),
        ],
        "days_ago": 20,
    },
    {
        "slug": "how-family-reunification-works",
        "title": "How we bring a child home",
        "kind": "guidance",
        "topics": ["for-parents"],
        "summary": "Tracing a family, checking that home is safe, and the journey back: the steps our "
        "caseworkers take.",
        "body": [
            paragraph(
                "<p>We first ask the child, gently, about home. Caseworkers then reach the family through "
                "the district authorities and visit to make sure the child will be safe there. Only then do "
                "we arrange the journey, with a staff member travelling alongside.</p>"
            ),
        ],
        "days_ago": 35,
    },
    {
        "slug": "ali-goes-home",
        "title": "“I wanted to see my mother”: a boy's journey home",
        "kind": "story",
        "topics": ["stories"],
        "summary": "Stopped at the border at fourteen, a boy we call Ali spent nine days at the Quetta centre "
        "before going home. His name and details are changed.",
        "body": [
            paragraph(
                "<p>Ali (not his real name) had been told there was work waiting across the border. He "
                "arrived at the centre silent and hungry. A counsellor sat with him every day; by the fourth "
                "day he was drawing pictures of his mother's kitchen.</p>"
            ),
            {
                "type": "quote",
                "value": {"quote": "I wanted to see my mother more than I wanted the job.", "attribution": "Ali"},
            },
            {"type": "saved_call_to_action", "value": "GIVE_MONTHLY"},
        ],
        "days_ago": 50,
        "safeguarding": True,
    },
    {
        "slug": "talking-to-children-about-strangers-offers",
        "title": "Talking to children about offers from strangers",
        "kind": "guidance",
        "topics": ["for-parents", "signs-of-trafficking"],
        "summary": "Simple words parents and teachers can use so children know which promises to doubt.",
        "body": [
            paragraph(
                "<p>Tell children that no real job needs them to leave secretly, hide their age or hand over "
                "their papers. Make sure they know they can always tell you, even if they have already said "
                "yes.</p>"
            ),
        ],
        "days_ago": 64,
    },
]


def seed_articles(demo):
    give_monthly = demo.saved_call_to_action(
        "Give monthly",
        {
            "heading": "Stand beside a child every month",
            "text": "A monthly gift lets the centres plan: a counsellor's salary, meals, the bus fare home.",
            "link_page": demo.donate_page,
            "link_text": "Give monthly",
        },
    )
    index = ensure_child(
        demo.home,
        ArticleIndexPageFactory,
        "awareness",
        title="Awareness",
        show_in_menus=True,
        search_description="How to recognise child trafficking, how to prevent it, and news from SEHER.",
        intro="Guidance for families and teachers, the signs of trafficking, and news from the centres.",
    )
    topics = {slug: TopicFactory(slug=slug, name=name, description=description) for slug, name, description in TOPICS}
    today = datetime.date(2026, 11, 1)
    for article in ARTICLES:
        fields = {key: value for key, value in article.items() if key not in {"topics", "days_ago", "safeguarding"}}
        fields["body"] = [
            {**block, "value": give_monthly.pk} if block["value"] == "GIVE_MONTHLY" else block
            for block in article["body"]
        ]
        if article.get("safeguarding"):
            fields["live"] = False  # published below, once its checks are recorded
        page = ensure_child(
            index, ArticlePageFactory, date=today - datetime.timedelta(days=article["days_ago"]), **fields
        )
        if article.get("safeguarding") and not page.safeguarding_done:
            page.confirm_safeguarding(user=None)  # the demo's stories are fiction, checked as they are written
            page.save_revision().publish()
        if not page.topics.exists():
            page.topics.set([topics[slug] for slug in article["topics"]])
            page.save_revision().publish()
    demo.article_index = index


MENU_ORDER = ["our-work", "where-we-work", "awareness", "about", "get-help", "donate", "contact", "privacy"]


def seed(demo):
    seed_programmes(demo)
    seed_articles(demo)
    order_children(demo.home, MENU_ORDER)
