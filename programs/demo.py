"""Demo content: the Prevention & Protection of Trafficked Children programme."""

from home.demo import ensure_child, heading, paragraph
from home.factories import get_or_create_picture
from home.models import HomePageFeaturedProgram

from .factories import ProgramPageFactory


def seed(demo):
    program = ensure_child(
        demo.home,
        ProgramPageFactory,
        "prevention-protection-trafficked-children",
        title="Prevention & Protection of Trafficked Children",
        show_in_menus=True,
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
            heading("What happens at the centres"),
            paragraph(
                "<ul><li>A calm, child-friendly room away from the holding cells</li>"
                "<li>Meals and nutritional supplements</li>"
                "<li>Free legal aid</li><li>Psychosocial counselling</li><li>Medical aid</li>"
                "<li>Games, drawing and other recreation</li>"
                "<li>Tracing families and bringing children home</li></ul>"
            ),
            {
                "type": "quote",
                "value": {
                    "quote": "After a border, a child first needs a meal and a kind word, not a form.",
                    "attribution": "A SEHER caseworker in Taftan",
                },
            },
        ],
    )
    if not demo.home.featured_programs.filter(program=program).exists():
        HomePageFeaturedProgram.objects.create(page=demo.home, program=program, sort_order=0)
    demo.programs = [program]
