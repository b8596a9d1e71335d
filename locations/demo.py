"""Demo content: 'Where We Work' and the three Child Friendly Centres."""

from decimal import Decimal

from core.demo import ensure_child
from core.factories import get_or_create_picture

from .factories import CentreIndexPageFactory, CentrePageFactory
from .models import CentrePagePhoto, Service

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
            "<p>Quetta is where the roads from Taftan, Chaman and the Makran coast meet, so children "
            "intercepted anywhere in the province are often transferred here while their cases are heard. "
            "The centre has a quiet room for interviews, a playroom and a small clinic, and every service "
            "SEHER offers is available under one roof.</p>"
        ),
        "services": None,  # every service on the shared list
        "opening_hours": "Open day and night, every day of the year: officers can bring a child in at any hour.",
        "contact": "Through the duty officer at the FIA office in Quetta, or SEHER's head office.",
        "photos": [
            ("Hills above Quetta at sunrise (illustration)", "Drawing of brown hills and a rising sun above Quetta."),
            ("The valley road into Quetta (illustration)", "Drawing of the valley road into Quetta, hills behind."),
        ],
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
            "<p>Most children reach Taftan in groups handed over by the Iranian authorities. Our staff meet "
            "them at the FIA office, keep them apart from the adults they travelled with, and stay with them "
            "until a family member or the Quetta centre takes over.</p>"
        ),
        "services": [
            "child-friendly-care",
            "nutrition",
            "psychosocial-counselling",
            "medical-aid",
            "family-reunification",
        ],
        "opening_hours": "Open whenever the border crossing is open; a member of staff is on call at night.",
        "contact": "Through the duty officer at the FIA office in Taftan.",
        "photos": [
            ("Desert near Taftan (illustration)", "Drawing of flat desert and low hills under a pale sky."),
        ],
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
            "<p>Many of the children found on boats and coastal roads come from far inland and speak neither "
            "Balochi nor Urdu, so the team works with interpreters to hear what each child needs before any "
            "decision about their return is made.</p>"
        ),
        "services": ["child-friendly-care", "nutrition", "legal-aid", "medical-aid", "family-reunification"],
        "opening_hours": "Open every day from 8 in the morning to 8 in the evening; on call at night.",
        "contact": "Through the duty officer at the FIA office in Gwadar.",
        "photos": [
            ("The coast at Gwadar (illustration)", "Drawing of the sea and the hills behind Gwadar's bay."),
        ],
    },
]


def photos_for(photos, first_seed):
    return [
        CentrePagePhoto(image=get_or_create_picture(title, first_seed + index), alt_text=alt, sort_order=index)
        for index, (title, alt) in enumerate(photos)
    ]


def fill_in(centre, fields, services, photos):
    """Give a centre made by an older seed_demo its services, hours, contact line and photos."""
    if centre.services.exists() or centre.photos.exists():
        return
    for name in ("opening_hours", "contact", "description"):
        setattr(centre, name, fields[name])
    centre.services.set(services)
    centre.photos.set(photos)
    centre.save_revision().publish()


def seed(demo):
    index = ensure_child(
        demo.home,
        CentreIndexPageFactory,
        "where-we-work",
        title="Where We Work",
        show_in_menus=True,
        search_description="SEHER's Child Friendly Centres in Quetta, Taftan and Gwadar, Balochistan.",
        intro=(
            "Our Child Friendly Centres are inside Federal Investigation Agency offices on the routes "
            "smugglers use through Balochistan."
        ),
    )
    services = {service.slug: service for service in Service.originals()}
    demo.centres = []
    for number, centre in enumerate(CENTRES, start=1):
        fields = dict(centre)
        slug = fields.pop("slug")
        names = fields.pop("services")
        chosen = [services[name] for name in names] if names else list(services.values())
        photos = photos_for(fields.pop("photos"), first_seed=20 + 10 * number)
        page = ensure_child(
            index,
            CentrePageFactory,
            slug,
            host_office="Federal Investigation Agency (FIA) office",
            province="Balochistan",
            social_image=get_or_create_picture(f"Landscape near {fields['city']} (illustration)", 10 + number),
            services=chosen,
            photos=photos,
            **fields,
        )
        fill_in(page, fields, chosen, photos)
        demo.centres.append(page)
    demo.centre_index = index
