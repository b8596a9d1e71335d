"""Demo content: 'Awareness' with topics and articles, all demo text written to show every
block and the article kinds in use (a story passes its safeguarding checks first)."""

import datetime

from core.demo import ensure_child, heading, paragraph

from .factories import ArticleIndexPageFactory, ArticlePageFactory, TopicFactory

TOPICS = [
    ("signs-of-trafficking", "Signs of trafficking", "How to notice that a child may be being trafficked."),
    ("safe-migration", "Safe migration", "What families should know before anyone travels for work."),
    ("for-parents", "For parents", "Plain advice for mothers, fathers and guardians."),
    ("news", "News", "What is new at the centres and in SEHER's work."),
    ("stories", "Stories", "Children's journeys, told with their consent and with names changed."),
]


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


def seed(demo):
    seed_articles(demo)
