"""Search engines and sharing: sitemap, canonical links, Open Graph, JSON-LD; the help call-out."""

import json
import re
import xml.etree.ElementTree as ET  # nosec B405 -- parses the site's own sitemap

import pytest
from wagtail.models import Page

from awareness.factories import ArticlePageFactory
from awareness.models import ArticleIndexPage
from core.seo import json_ld
from home.models import ContactSettings
from programs.factories import ProgrammePageFactory
from programs.models import ProgrammeIndexPage

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def json_ld_blocks(html):
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


@pytest.mark.django_db
def test_sitemap_lists_every_live_page_in_every_language(client, demo_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    listed = {loc.text for loc in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)}  # noqa: S314 # nosec B314
    live = {page.full_url for page in Page.objects.live().public().exclude(depth=1).specific()}
    assert listed == live
    assert any("/ur/" in url for url in listed)


@pytest.mark.django_db
def test_sitemap_leaves_out_drafts(client, demo_site):
    page = Page.objects.get(url_path="/home/about/")
    page.unpublish()
    listed = client.get("/sitemap.xml").content.decode()
    assert "/en/about/" not in listed


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "schema_type"),
    [
        ("/en/", "NGO"),
        ("/en/where-we-work/quetta/", "Place"),
        ("/en/awareness/signs-a-child-is-being-trafficked/", "Article"),
        ("/en/donate/", "DonateAction"),
    ],
)
def test_json_ld_parses_with_the_right_type(client, demo_site, url, schema_type):
    blocks = json_ld_blocks(client.get(url).content.decode())
    assert len(blocks) == 1
    assert blocks[0]["@context"] == "https://schema.org"
    assert blocks[0]["@type"] == schema_type


@pytest.mark.django_db
def test_home_page_offers_the_donate_action(client, demo_site):
    (ngo,) = json_ld_blocks(client.get("/en/").content.decode())
    assert ngo["potentialAction"]["@type"] == "DonateAction"
    assert ngo["potentialAction"]["target"].endswith("/en/donate/")


@pytest.mark.django_db
def test_centre_place_carries_its_coordinates(client, demo_site):
    (place,) = json_ld_blocks(client.get("/en/where-we-work/taftan/").content.decode())
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 28.96, "longitude": 61.59}


def test_json_ld_cannot_be_closed_by_page_text():
    html = json_ld({"@type": "Article", "headline": "</script><script>alert(1)</script>"})
    assert html.count("</script>") == 1
    assert json.loads(re.search(r">(.*)</script>", html).group(1))["headline"].startswith("</script>")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/en/", "/en/our-work/legal-aid-for-children/", "/en/awareness/ali-goes-home/", "/ur/where-we-work/"]
)
def test_every_page_has_canonical_description_and_sharing_tags(client, demo_site, url):
    html = client.get(url).content.decode()
    assert f'<link rel="canonical" href="http://localhost{url}">' in html
    assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
    for prop in ("og:title", "og:description", "og:url", "og:image", "og:type"):
        assert f'property="{prop}"' in html, prop
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    image = re.search(r'property="og:image" content="([^"]+)"', html).group(1)
    assert image.startswith("http://")


@pytest.mark.django_db
def test_articles_are_shared_as_articles(client, demo_site):
    html = client.get("/en/awareness/ali-goes-home/").content.decode()
    assert '<meta property="og:type" content="article">' in html


@pytest.mark.django_db
def test_help_line_from_the_settings_is_in_every_footer_and_on_the_help_page(client, demo_site):
    contact = ContactSettings.for_site(demo_site)
    contact.helpline_number = "0800 12345"
    contact.save()
    for url in ("/en/get-help/", "/en/awareness/signs-a-child-is-being-trafficked/"):
        # The strip at the top of every page, the help box in the page, and the footer.
        in_header_body_and_footer = client.get(url).content.decode().count('href="tel:080012345"')
        assert in_header_body_and_footer == 3, url
    for url in ("/en/", "/en/awareness/", "/ur/", "/en/search/"):
        assert 'href="tel:080012345"' in client.get(url).content.decode(), url


@pytest.mark.django_db
def test_search_finds_articles_and_programmes_by_their_words(client, demo_site):
    ProgrammePageFactory(
        parent=ProgrammeIndexPage.objects.get(locale__language_code="en"),
        title="Found programme",
        summary="Helps children with an interpreter in court.",
    )
    ArticlePageFactory(
        parent=ArticleIndexPage.objects.get(locale__language_code="en"),
        title="Found article",
        summary="What to ask before a relative takes a child to the quarry.",
    )
    text = client.get("/en/search/", {"q": "interpreter"}).content.decode()
    assert "Found programme" in text and "Found article" not in text
    text = client.get("/en/search/", {"q": "quarry"}).content.decode()
    assert "Found article" in text and "Found programme" not in text
