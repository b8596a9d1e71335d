"""Each page's language versions, for search engines: xhtml:link alternates in the sitemap,
and an x-default alternate (the English page) in every page's head beside the hreflang links."""

import re
import xml.etree.ElementTree as ET  # nosec B405 -- parses the site's own sitemap

import pytest
from wagtail.models import Locale, Page, PageViewRestriction

from home.factories import StandardPageFactory
from tests.query_budget import assert_flat_queries

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def sitemap_alternates(client):
    """{page address: {hreflang: address}} as sitemap.xml lists them."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 # nosec B314
    listed = {}
    for url in root.findall("s:url", NS):
        links = url.findall("xhtml:link", NS)
        assert all(link.get("rel") == "alternate" for link in links)
        listed[url.find("s:loc", NS).text] = {link.get("hreflang"): link.get("href") for link in links}
    return listed


def head_alternates(html):
    head = html.split("</head>", 1)[0]
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', head))


@pytest.mark.django_db
def test_sitemap_lists_each_page_with_its_language_versions_and_the_english_default(client, demo_site):
    listed = sitemap_alternates(client)
    urdu = Locale.objects.get(language_code="ur")
    both = 0
    for english in Page.objects.live().public().filter(locale__language_code="en").exclude(depth=1):
        translation = english.get_translation_or_none(urdu)
        expected = {"en": english.full_url, "x-default": english.full_url}
        if translation is not None and translation.live:
            expected["ur"] = translation.full_url
            assert listed[translation.full_url] == expected  # the Urdu page lists the same set
            both += 1
        assert listed[english.full_url] == expected
    assert both >= 5  # the demo translates the home page, programmes, centres, donate...


@pytest.mark.django_db
def test_sitemap_alternates_leave_out_a_private_or_unpublished_translation(client, demo_site):
    urdu_home = Page.objects.get(depth=2, locale__language_code="ur")
    urdu_page = urdu_home.get_children().live().first()
    english = urdu_page.get_translation(Locale.objects.get(language_code="en"))
    PageViewRestriction.objects.create(page=urdu_page, restriction_type=PageViewRestriction.LOGIN)
    listed = sitemap_alternates(client)
    assert listed[english.full_url] == {"en": english.full_url, "x-default": english.full_url}
    assert urdu_page.full_url not in listed

    urdu_home.specific.unpublish()
    listed = sitemap_alternates(client)
    english_home = urdu_home.get_translation(Locale.objects.get(language_code="en"))
    assert listed[english_home.full_url] == {"en": english_home.full_url, "x-default": english_home.full_url}


@pytest.mark.django_db
def test_sitemap_alternates_cost_the_same_queries_for_any_number_of_pages(client, demo_site):
    english_home = Page.objects.get(url_path="/home/")
    urdu = Locale.objects.get(language_code="ur")

    def add_translated_pages(count):
        for _ in range(count):
            page = StandardPageFactory(parent=english_home)
            page.copy_for_translation(urdu).save_revision().publish()

    assert_flat_queries(client, "/sitemap.xml", add_translated_pages, few=2, many=6)


@pytest.mark.django_db
def test_head_carries_an_x_default_alternate_pointing_at_the_english_page(client, demo_site):
    urdu = Locale.objects.get(language_code="ur")
    english = Page.objects.get(url_path="/home/").specific
    translation = english.get_translation(urdu)
    for page in (english, translation):
        alternates = head_alternates(client.get(page.url).content.decode())
        assert alternates == {
            "en": f"http://testserver{english.url}",
            "ur": f"http://testserver{translation.url}",
            "x-default": f"http://testserver{english.url}",
        }


@pytest.mark.django_db
def test_head_x_default_on_a_page_in_english_only(client, demo_site):
    contact = Page.objects.get(slug="contact", locale__language_code="en")
    assert not contact.get_translations().exists()
    alternates = head_alternates(client.get(contact.url).content.decode())
    assert alternates == {"en": f"http://testserver{contact.url}", "x-default": f"http://testserver{contact.url}"}
