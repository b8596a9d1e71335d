"""Demo content: 'Where We Work' and the three Child Friendly Centres."""

from decimal import Decimal

from home.demo import ensure_child
from home.factories import get_or_create_picture

from .factories import LocationIndexPageFactory, LocationPageFactory

CENTRES = [
    {
        "slug": "quetta",
        "title": "Quetta Child Friendly Centre",
        "city": "Quetta",
        "latitude": Decimal("30.18"),
        "longitude": Decimal("66.99"),
        "listing_summary": "Our first centre, in the FIA office in Balochistan's capital.",
        "description": (
            "<p>Children stopped in and around Quetta are brought here first. Staff make sure each child has "
            "food, rest and someone to talk to, then arrange a lawyer and start tracing the family.</p>"
        ),
    },
    {
        "slug": "taftan",
        "title": "Taftan Child Friendly Centre",
        "city": "Taftan",
        "latitude": Decimal("28.96"),
        "longitude": Decimal("61.59"),
        "listing_summary": "At the Iran border crossing, where children are handed back to Pakistan.",
        "description": (
            "<p>Taftan is the main crossing into Iran. Children returned across the border, often after "
            "weeks on the road, arrive tired, hungry and frightened. The centre gives them a calm room, "
            "medical checks and counselling while their return is arranged.</p>"
        ),
    },
    {
        "slug": "gwadar",
        "title": "Gwadar Child Friendly Centre",
        "city": "Gwadar",
        "latitude": Decimal("25.13"),
        "longitude": Decimal("62.32"),
        "listing_summary": "On the Makran coast, for children intercepted on sea routes.",
        "description": (
            "<p>Gwadar's port and coast are used to move people towards the Gulf. Children intercepted here "
            "receive the same care as in our other centres: legal aid, medical care, play and a safe journey "
            "home.</p>"
        ),
    },
]


def seed(demo):
    index = ensure_child(
        demo.home,
        LocationIndexPageFactory,
        "where-we-work",
        title="Where We Work",
        show_in_menus=True,
        search_description="SEHER's Child Friendly Centres in Quetta, Taftan and Gwadar, Balochistan.",
        intro=(
            "Our Child Friendly Centres are inside Federal Investigation Agency offices on the routes "
            "smugglers use through Balochistan."
        ),
    )
    demo.centres = []
    for number, centre in enumerate(CENTRES, start=1):
        fields = dict(centre)
        slug = fields.pop("slug")
        demo.centres.append(
            ensure_child(
                index,
                LocationPageFactory,
                slug,
                host_office=f"Federal Investigation Agency office, {fields['city']}",
                province="Balochistan",
                social_image=get_or_create_picture(f"Landscape near {fields['city']} (illustration)", 10 + number),
                **fields,
            )
        )
    demo.location_index = index
