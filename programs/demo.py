"""Demo content: 'Our work' with three programmes, then the site's menu in its order.

The Prevention & Protection programme is SEHER's own; the other two programmes are
demo text, written to show every block and page type in use.
"""

from core.demo import call_to_action, ensure_child, heading, order_children, paragraph
from core.factories import get_or_create_picture
from locations.models import CentrePage, Service

from .factories import ProgrammeIndexPageFactory, ProgrammePageFactory
from .models import ProgrammePageCentre, ProgrammePageRelated


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
            call_to_action(
                "Where we work",
                "Visit the three centres on the map, with what each offers and how to reach it.",
                demo.centre_index,
                "See the centres",
            ),
            call_to_action(
                "Help a child get home",
                "A gift pays for meals, a lawyer's time, counselling and the journey back to a family.",
                demo.donate_page,
                "Donate",
            ),
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
            call_to_action(
                "A lawyer for one child",
                "A monthly gift keeps a lawyer on call at each centre.",
                demo.donate_page,
                "Give monthly",
            ),
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


MENU_ORDER = ["our-work", "where-we-work", "awareness", "about", "get-help", "donate", "contact", "privacy"]


def seed(demo):
    seed_programmes(demo)
    order_children(demo.home, MENU_ORDER)
