"""Demo content for the home app: the home page, About, Get help, Browse safely and the footer's pages.

Run through `manage.py seed_demo`; every step is safe to run again.
"""

import functools

from wagtail.models import Locale, Page, Site

from core.demo import ensure_child, heading, paragraph
from core.factories import get_or_create_picture
from core.snippets import moderate_public_snippets

from .factories import HomePageFactory, StandardPageFactory
from .models import CallToAction, ContactSettings, HomePage, HomePageFeaturedProgramme


def feature_on_home(home, programme, order):
    """Show the programme among the home page's featured programmes, in this place."""
    HomePageFeaturedProgramme.objects.get_or_create(page=home, programme=programme, defaults={"sort_order": order})


def saved_call_to_action(name, fields):
    """The call to action kept under Snippets with this name, in the default language, created if missing."""
    call, _ = CallToAction.objects.get_or_create(name=name, locale=Locale.get_default(), defaults=fields)
    return call


def ensure_home_page():
    root = Page.get_first_root_node()
    home = root.get_children().filter(slug="home").first()
    if home is not None and not isinstance(home.specific, HomePage):
        home.delete()  # Wagtail's placeholder welcome page
        home = None
    if home is None:
        home = HomePageFactory(
            parent=root,
            slug="home",
            title="Home",
            seo_title="SEHER: protecting trafficked children in Balochistan",
            search_description=(
                "SEHER runs Child Friendly Centres inside FIA offices in Quetta, Taftan and Gwadar, "
                "giving trafficked children care, legal aid and a safe way home."
            ),
            hero_heading="Every child found on the border deserves a safe way home",
            hero_text=(
                "In Quetta, Taftan and Gwadar, SEHER gives children rescued from trafficking a safe place, "
                "free legal help, care and a route back to their families."
            ),
            hero_image=get_or_create_picture("Hills near Quetta at dawn (illustration)", seed=1),
            mission=(
                "<p>SEHER works so that no child in Pakistan is bought, sold or smuggled. Where children are "
                "stopped at the border, we make sure they meet kindness, get the help the law promises them "
                "and go home safely.</p>"
            ),
            where_we_work_text=(
                "Our three Child Friendly Centres sit inside Federal Investigation Agency offices along "
                "Balochistan's smuggling routes."
            ),
            donate_text=(
                "A gift pays for meals, counselling, a lawyer's time and the journey that brings a child home."
            ),
        )
    home = home.specific
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "SEHER"
        site.save()
    return home, site


def seed(demo):
    home, site = ensure_home_page()
    demo.home = home
    demo.site = site
    # The other apps' demo steps reach home's page and snippets through these, importing nothing from home.
    demo.feature_on_home = functools.partial(feature_on_home, home)
    demo.saved_call_to_action = saved_call_to_action
    moderate_public_snippets()  # topics, services and calls to action are moderated like pages

    contact = ContactSettings.for_site(site)
    if not contact.address:
        contact.address = "SEHER head office\nQuetta, Balochistan\nPakistan"
        contact.phone = "+92 81 000 0000"
        contact.email = "info@seher.org.pk"
        contact.help_text = (
            "If you think a child is being trafficked, or a child near you is in danger, call the "
            "helpline. Calls are free and you do not have to give your name."
        )
        contact.helpline_name = "Child protection helpline"
        contact.helpline_number = "1121"
        contact.emergency_number = "15"
        contact.save()

    ensure_child(
        home,
        StandardPageFactory,
        "about",
        title="About SEHER",
        show_in_menus=True,
        search_description="Who we are and why SEHER works with trafficked children in Balochistan.",
        intro="SEHER is a Pakistani child-protection organisation. We stand beside children at the moment "
        "they are most alone: after they have been stopped on a smuggling route.",
        body=[
            heading("Why Balochistan"),
            paragraph(
                "<p>Balochistan borders Iran and Afghanistan. Smuggling networks move people from Pakistan "
                "through Iran towards the Gulf States, Turkey and Europe, and children are moved along the "
                "same roads. Many of the children and young migrants the Federal Investigation Agency "
                "stops come from poor districts of Southern Punjab, where families have long depended on "
                "money sent home from abroad.</p>"
            ),
            heading("What trafficking does to children"),
            paragraph(
                "<p>Trafficked children may be forced into sex work, bonded labour, camel jockeying or "
                "early marriage. Often a parent agreed to the journey, believing it would lead to work or "
                "school. Poverty is the root; a lack of protection at home and in public services lets it "
                "grow.</p>"
            ),
            heading("How we work"),
            paragraph(
                "<p>We work inside the system that first meets these children. Our centres sit in FIA "
                "offices, so a child is cared for from the first hour, not handed from desk to desk.</p>"
            ),
        ],
    )
    ensure_child(
        home,
        StandardPageFactory,
        "contact",
        title="Contact us",
        search_description="How to reach SEHER's head office and the child protection helpline.",
        intro="Write to us, call the office, or, if a child is in danger now, call the helpline.",
        body=[
            heading("Head office"),
            paragraph(
                "<p>SEHER head office, Quetta, Balochistan. The office is open Monday to Friday, "
                "9 am to 5 pm. Our address, phone and email are at the foot of every page.</p>"
            ),
            heading("If a child is in danger"),
            paragraph(
                "<p>Do not wait for an email reply. Call the child protection helpline or the police; "
                "both numbers are at the foot of this page.</p>"
            ),
            heading("Press and partners"),
            paragraph(
                "<p>We never arrange interviews with children or share their photographs. We are glad to "
                "talk about our work and share rounded figures.</p>"
            ),
        ],
    )
    ensure_child(
        home,
        StandardPageFactory,
        "get-help",
        title="Get help",
        show_in_menus=True,
        search_description="Report suspected child trafficking, or get help for a child in danger.",
        intro="If you think a child is being trafficked, you do not need proof to call. Tell someone who can act.",
        body=[
            {"type": "help_callout", "value": None},
            heading("What happens when you call"),
            paragraph(
                "<p>The helpline asks what you saw, where and when. You can stay anonymous. If a child is in "
                "immediate danger, the police are sent; otherwise a child protection officer follows up.</p>"
            ),
            heading("At a border crossing or airport"),
            paragraph(
                "<p>Tell an officer of the Federal Investigation Agency. At Quetta, Taftan and Gwadar, children "
                "they stop are brought to our centres inside the FIA offices.</p>"
            ),
        ],
    )
    ensure_child(
        home,
        StandardPageFactory,
        "privacy",
        title="Privacy notice",
        search_description="How SEHER handles the personal data of donors, visitors and staff.",
        intro="We collect as little as we can and never publish anything that could identify a child.",
        body=[
            heading("Visitors"),
            paragraph(
                "<p>This website sets no advertising or analytics cookies and loads nothing from other "
                "companies. Our servers keep short technical logs to keep the site safe.</p>"
            ),
            heading("Donors"),
            paragraph(
                "<p>When you give online, your card details go straight to our payment processor, Stripe; "
                "we never see them. We keep your name, email and gift so we can send receipts. Only our "
                "finance staff can see these records.</p>"
            ),
            heading("Children"),
            paragraph(
                "<p>We publish only rounded totals, never figures small enough to point to one child, and "
                "never a child's real name, face or home.</p>"
            ),
        ],
    )
    ensure_child(
        home,
        StandardPageFactory,
        "browse-safely",
        title="Browse safely",
        search_description="How to read this site without others finding out: private browsing and clearing history.",
        intro="If someone else uses your phone or computer, or checks what you read, these steps help keep "
        "your visit to this site private.",
        body=[
            heading("Leave quickly"),
            paragraph(
                "<p>Every page has an <b>Exit this page</b> button at the top. It opens a weather page "
                "instead of this one. On a keyboard, pressing the Shift key three times does the same.</p>"
            ),
            heading("Use a private window"),
            paragraph(
                "<p>A private window (called Incognito in Chrome, InPrivate in Edge, Private in Safari and "
                "Firefox) forgets the pages you visited when you close it. Open it from your browser's menu. "
                "It does not hide your visit from the owner of a work or school network.</p>"
            ),
            heading("Clear your history"),
            paragraph(
                "<p>If you did not use a private window, open your browser's settings, choose history, and "
                "delete the pages from this site. Clearing everything can itself be noticed; removing only "
                "these pages is less visible.</p>"
            ),
            heading("Calls and messages"),
            paragraph(
                "<p>A call to the helpline shows in your phone's call log. Delete it there if needed. The "
                "helpline never calls back unless you ask it to.</p>"
            ),
        ],
    )
    ensure_child(
        home,
        StandardPageFactory,
        "accessibility",
        title="Accessibility statement",
        search_description="How accessible this website is, what we tested, what is still missing and how to tell us.",
        intro="We want everyone to be able to use this site, including on an old phone, with a screen reader, "
        "with the keyboard alone or with JavaScript switched off.",
        body=[
            heading("How we tested"),
            paragraph(
                "<p>Every kind of page, in English and in Urdu, is checked automatically with axe-core in "
                "Chromium against WCAG 2.2 levels A and AA, at phone and desktop widths. We also go through "
                "the main journeys (finding help, reading an article, donating) with the keyboard alone, and "
                "check that pages and gifts work with JavaScript off.</p>"
            ),
            heading("What we know is not right yet"),
            paragraph(
                "<ul><li>Some pages have no Urdu version yet; Urdu menus link to the English page and say so.</li>"
                "<li>The Urdu text has not yet been checked by a native-speaking editor.</li>"
                "<li>We have not yet tested the site with people who use screen readers every day.</li>"
                "<li>The Urdu font is a large download on a slow connection the first time it loads.</li></ul>"
            ),
            heading("Tell us about a barrier"),
            paragraph(
                "<p>If something on this site does not work for you, email or call the office (the details "
                "are at the foot of every page). Tell us the page and what happened; we reply within ten "
                "working days.</p>"
            ),
        ],
    )
    ensure_child(
        home,
        StandardPageFactory,
        "registration",
        title="Registration details",
        search_description="SEHER's legal registration, governance and accounts.",
        intro="SEHER is a not-for-profit organisation registered in Pakistan.",
        body=[
            heading("Registration"),
            paragraph(
                "<p>Demo text: an editor replaces this with the registering authority, the registration "
                "number and its date before launch.</p>"
            ),
            heading("Accounts"),
            paragraph(
                "<p>Our accounts are audited every year. Write to the office for a copy of the latest "
                "audited accounts.</p>"
            ),
        ],
    )
    link_pages(contact, home)


def link_pages(contact, home):
    """Point the header's help links and the footer's links at their pages, unless an editor already has."""
    changed = False
    for field, slug in (
        ("help_page", "get-help"),
        ("safe_browsing_page", "browse-safely"),
        ("privacy_page", "privacy"),
        ("accessibility_page", "accessibility"),
        ("registration_page", "registration"),
    ):
        if getattr(contact, f"{field}_id") is None:
            setattr(contact, field, home.get_children().get(slug=slug))
            changed = True
    if changed:
        contact.save()
