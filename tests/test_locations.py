"""Where We Work: the server-drawn map, the list of centres, and each centre's page."""

import gzip
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from wagtail.models import Locale

from core.factories import ImageFactory
from home.models import ContactSettings
from locations.factories import CentrePageFactory
from locations.map import project
from locations.models import CentreIndexPage, CentrePage, CentrePagePhoto, Service
from tests.query_budget import DETAIL, LISTING, assert_flat_queries
from tests.staff_helpers import EDITOR_SECRET, log_in, make_staff, totp_code
from tests.test_page_weight import page_weight

SVG = "{http://www.w3.org/2000/svg}"


def render(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def map_svg(html):
    """The map's <svg> element, parsed as XML (the page writes it as well-formed SVG)."""
    match = re.search(r"<svg class=\"centre-map__svg\".*?</svg>", html, re.DOTALL)
    assert match, "no map on the page"
    return ET.fromstring(match.group(0))  # noqa: S314 -- our own page, rendered by the test


def markers(svg):
    """{href: (accessible name, dot x, dot y)} for every centre marker on the map."""
    found = {}
    for link in svg.iter(f"{SVG}a"):
        dot = link.find(f"{SVG}circle[@class='centre-map__dot']")
        found[link.get("href")] = (link.get("aria-label"), float(dot.get("cx")), float(dot.get("cy")))
    return found


@pytest.fixture
def index(demo_site):
    return CentreIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def quetta(index):
    return CentrePage.objects.get(slug="quetta", locale__language_code="en")


# The map.


@pytest.mark.django_db
def test_each_seeded_centre_has_a_marker_where_its_coordinates_say(client, index):
    svg = map_svg(render(client, index.url))
    found = markers(svg)
    centres = CentrePage.objects.child_of(index).live()
    assert {centre.city for centre in centres} == {"Quetta", "Taftan", "Gwadar"}
    assert set(found) == {centre.url for centre in centres}
    for centre in centres:
        name, x, y = found[centre.url]
        assert (x, y) == project(centre.latitude, centre.longitude)
        assert name == centre.city


@pytest.mark.django_db
def test_map_draws_the_provinces_and_names_itself(client, index):
    svg = map_svg(render(client, index.url))
    provinces = [path for path in svg.iter(f"{SVG}path") if path.get("class") == "centre-map__province"]
    assert len(provinces) == 7
    assert all(re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z)+", path.get("d")) for path in provinces)
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == desc.get("id")
    assert "Pakistan" in title.text
    assert "3 centres" in desc.text
    # The outlines and place names are drawing only; the markers are the links.
    (drawing,) = [group for group in svg.findall(f"{SVG}g") if group.get("aria-hidden") == "true"]
    assert drawing.find(f".//{SVG}a") is None
    assert svg.get("viewBox") == "290 60 390 332.6"


@pytest.mark.django_db
def test_list_beside_the_map_links_every_centre(client, index):
    html = render(client, index.url)
    listing = html[html.index('<ul class="centre-list">') :]
    for centre in CentrePage.objects.child_of(index).live():
        assert f'<a class="centre-list__link" href="{centre.url}">{centre.title}</a>' in listing


@pytest.mark.django_db
def test_where_we_work_page_loads_nothing_from_another_host(client, index):
    html = render(client, index.url)
    addresses = re.findall(r'(?:href|src|srcset|xlink:href|xmlns)="([^"]+)"', html)
    assert addresses
    outside = [a for a in addresses if a.startswith(("http:", "https:", "//"))]
    # The SVG namespace, the page's own addresses (hreflang alternates on the request's host;
    # canonical and sharing links on the site's configured root) and the neutral site that
    # "Exit this page" links to (a link, never fetched) are the only absolute addresses.
    own = ("http://testserver/", index.get_site().root_url + "/")
    neutral = ContactSettings.for_site(index.get_site()).neutral_site_url
    assert {a for a in outside if not a.startswith(own)} == {"http://www.w3.org/2000/svg", neutral}
    # The map needs no script: the page's only one is the site-wide quick exit.
    assert re.findall(r"<script[^>]*>", html) == ['<script src="/static/js/quick-exit.js" defer>']


@pytest.mark.django_db
def test_urdu_map_is_not_mirrored_and_names_places_in_urdu(client, index):
    urdu_index = index.get_translation(Locale.objects.get(language_code="ur"))
    english, urdu = render(client, index.url), render(client, urdu_index.url)
    english_positions = sorted((x, y) for _, x, y in markers(map_svg(english)).values())
    urdu_positions = sorted((x, y) for _, x, y in markers(map_svg(urdu)).values())
    assert urdu_positions == english_positions
    assert {name for name, _, _ in markers(map_svg(urdu)).values()} == {"کوئٹہ", "تفتان", "گوادر"}
    assert "بلوچستان" in urdu and "بحیرۂ عرب" in urdu
    assert all(href.startswith("/ur/") for href in markers(map_svg(urdu)))


@pytest.mark.django_db
def test_where_we_work_page_fits_its_weight_target(client, index):
    total, js = page_weight(client, index.url)
    assert total <= 15 * 1024, f"{total} bytes gzip"
    assert js <= 1024, "the map needs no script; only the site-wide quick exit (under 1 KB) may load"


@pytest.mark.django_db
def test_map_is_a_small_part_of_the_page(client, index):
    svg = re.search(r"<svg class=\"centre-map__svg\".*?</svg>", render(client, index.url), re.DOTALL).group(0)
    assert len(gzip.compress(svg.encode(), compresslevel=9)) < 4 * 1024


@pytest.mark.django_db
def test_where_we_work_query_count_is_the_same_for_5_and_50_centres(client, index):
    def make_centres(n):
        for _ in range(n):
            count = CentrePage.objects.count()
            CentrePageFactory(
                parent=index, title=f"Extra centre {count}", latitude=Decimal("29.0"), longitude=Decimal("70.0")
            )

    assert_flat_queries(client, index.url, make_centres, ceiling=LISTING)
    assert len(markers(map_svg(render(client, index.url)))) == CentrePage.objects.child_of(index).live().count()


@pytest.mark.django_db
def test_where_we_work_with_no_centres_says_so(client, index):
    CentrePage.objects.child_of(index).update(live=False)  # unpublished: impact figures keep the pages
    html = render(client, index.url)
    assert "No centres are published yet." in html
    assert markers(map_svg(html)) == {}


# A centre's page.


@pytest.mark.django_db
def test_centre_page_shows_services_hours_contact_and_photos(client, quetta):
    html = render(client, quetta.url)
    for service in Service.originals():
        assert f'<strong class="services__name">{service.name}</strong>' in html
    assert quetta.opening_hours and quetta.opening_hours in html
    assert quetta.contact.replace("'", "&#x27;") in html
    photos = list(quetta.photos.all())
    assert len(photos) == 2
    for photo in photos:
        assert f'alt="{photo.alt_text}"' in html
    assert f'href="{quetta.get_parent().url}"' in html
    assert "30.18° N, 66.99° E" in html


@pytest.mark.django_db
def test_centre_page_leaves_out_what_the_editors_did_not_give(client, index):
    bare = CentrePageFactory(parent=index, title="Turbat Child Friendly Centre", city="Turbat")
    html = render(client, bare.url)
    for absent in ("Services at this centre", "Opening hours", "Photos", "Programmes at this centre"):
        assert absent not in html


@pytest.mark.django_db
def test_centre_page_query_count_does_not_grow_with_services_and_photos(client, index):
    centre = CentrePageFactory(parent=index, title="Turbat Child Friendly Centre", city="Turbat")
    centre.services.set(Service.originals())
    centre.save()
    image = ImageFactory()

    def make_photos(n):
        start = centre.photos.count()
        for i in range(start, start + n):
            CentrePagePhoto.objects.create(page=centre, image=image, alt_text=f"Room {i}.", sort_order=i)

    assert_flat_queries(client, centre.url, make_photos, ceiling=DETAIL)
    html = render(client, centre.url)
    assert html.count('class="photo-gallery__item"') == 50
    assert html.count('class="services__item"') == 7


@pytest.mark.django_db
def test_centre_page_lists_the_programmes_that_serve_it(client, quetta):
    from programs.models import ProgrammePageCentre

    serving = {link.page for link in ProgrammePageCentre.objects.filter(centre=quetta, page__live=True)}
    assert serving, "the demo programmes name Quetta among their centres"
    assert {page.pk for page in quetta.programmes()} == {page.pk for page in serving}
    html = render(client, quetta.url)
    assert "Programmes at this centre" in html
    for programme in serving:
        assert f'href="{programme.url}"' in html
    ProgrammePageCentre.objects.filter(centre=quetta).delete()
    assert list(quetta.programmes()) == []


@pytest.mark.django_db
def test_urdu_centre_keeps_the_services_and_photos_of_the_english_one(client, quetta):
    urdu = quetta.get_translation(Locale.objects.get(language_code="ur"))
    assert set(urdu.services.all()) == set(quetta.services.all())
    assert urdu.photos.count() == quetta.photos.count()
    assert urdu.opening_hours != quetta.opening_hours
    html = render(client, urdu.url)
    assert urdu.opening_hours in html


@pytest.mark.django_db
def test_editors_preview_shows_unsaved_services_and_photos(quetta):
    quetta.services = list(Service.originals().filter(slug="legal-aid"))
    quetta.photos = [CentrePagePhoto(image=ImageFactory(), alt_text="The new waiting room, not yet saved.")]
    response = quetta.make_preview_request()
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="services__item"') == 1
    assert 'alt="The new waiting room, not yet saved."' in html
    assert not CentrePagePhoto.objects.filter(alt_text__startswith="The new waiting room").exists()


# What editors see and may save.


def test_every_centre_field_tells_editors_what_it_is_for():
    for name in ("city", "province", "host_office", "description", "services", "opening_hours", "contact"):
        assert CentrePage._meta.get_field(name).help_text, name
    for name in ("latitude", "longitude"):
        assert CentrePage._meta.get_field(name).help_text, name
    assert CentreIndexPage._meta.get_field("intro").help_text
    for name in ("image", "alt_text", "caption"):
        assert CentrePagePhoto._meta.get_field(name).help_text, name
    assert "child" in CentrePagePhoto._meta.get_field("image").help_text


@pytest.mark.django_db
def test_editor_shows_service_checkboxes_and_the_photo_gallery(client, quetta):
    make_staff("farah", secret=EDITOR_SECRET, superuser=True)
    log_in(client, "farah", totp_code(EDITOR_SECRET))
    response = client.get(f"/admin/pages/{quetta.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    # One box per service, its English row: the Urdu rows are its translations, not more services.
    assert html.count('type="checkbox" name="services"') == Service.originals().count() == 7
    assert 'name="photos-TOTAL_FORMS" value="2"' in html
    assert "Never a recognisable child." in html
    add = client.get(f"/admin/pages/add/locations/centrepage/{quetta.get_parent().pk}/")
    assert add.status_code == 200


def test_services_are_ticked_in_the_editor():
    form_class = CentrePage.get_edit_handler().get_form_class()
    assert isinstance(form_class.base_fields["services"].widget, forms.CheckboxSelectMultiple)
    assert "photos" in form_class.formsets


@pytest.mark.django_db
def test_a_photo_needs_its_alt_text(quetta):
    photo = CentrePagePhoto(page=quetta, image=ImageFactory(), alt_text="")
    with pytest.raises(ValidationError) as error:
        photo.full_clean()
    assert "alt_text" in error.value.message_dict


@pytest.mark.django_db
def test_a_centre_off_the_map_is_refused_with_a_clear_message(quetta):
    quetta.latitude, quetta.longitude = Decimal("51.5"), Decimal("-0.12")  # London
    with pytest.raises(ValidationError, match="outside the map of Pakistan"):
        quetta.full_clean()


# Demo content.


@pytest.mark.django_db
def test_seeded_centres_offer_their_services(index):
    centres = {centre.slug: centre for centre in CentrePage.objects.child_of(index)}
    assert centres["quetta"].services.count() == Service.originals().count() == 7
    for slug in ("taftan", "gwadar"):
        assert 0 < centres[slug].services.count() < 7
    for centre in centres.values():
        assert centre.contact and centre.opening_hours and centre.photos.exists()
        assert "Federal Investigation Agency" in centre.host_office


@pytest.mark.django_db
def test_seeding_again_adds_no_second_set_of_photos_or_services(index):
    from django.core.management import call_command

    before = CentrePagePhoto.objects.count(), CentrePage.services.through.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (CentrePagePhoto.objects.count(), CentrePage.services.through.objects.count()) == before
