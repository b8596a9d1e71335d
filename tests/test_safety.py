"""For readers at risk: a way to leave fast on every page, the help line first, and safety links in each footer."""

import re

import pytest
from wagtail.models import Page

from home.models import ContactSettings

EXIT_LINK = re.compile(r'<a class="quick-exit__button" href="([^"]+)" rel="noreferrer" data-quick-exit-link>')


def public_urls():
    urls = [page.url for page in Page.objects.live().public().exclude(depth=1)]
    return [*urls, "/en/search/?q=child", "/ur/search/?q=child", "/en/nowhere/", "/ur/nowhere/"]


@pytest.mark.django_db
def test_every_public_page_has_the_exit_link_after_the_help_line(client, demo_site):
    urls = public_urls()
    assert len(urls) >= 20
    for url in urls:
        html = client.get(url).content.decode()
        found = EXIT_LINK.search(html)
        assert found, url
        assert found.group(1) == "https://www.bbc.com/weather", url
        assert '<script src="/static/js/quick-exit.js" defer></script>' in html, url
        helpline = html.index('href="tel:1121"')
        assert helpline < found.start(), f"{url}: the help line should come before the exit button"
        assert html.index('class="quick-exit__help"') < helpline, url


@pytest.mark.django_db
def test_editors_choose_the_neutral_site(client, demo_site):
    contact = ContactSettings.for_site(demo_site)
    contact.neutral_site_url = "https://weather.example.org/today"
    contact.save()
    for url in ("/en/about/", "/ur/"):
        assert EXIT_LINK.search(client.get(url).content.decode()).group(1) == "https://weather.example.org/today"


@pytest.mark.django_db
def test_the_help_and_safety_links_are_in_the_readers_language(client, demo_site):
    english = client.get("/en/awareness/").content.decode()
    assert '<a class="quick-exit__help" href="/en/get-help/">Get help</a>' in english
    assert 'href="/en/browse-safely/"' in english
    urdu = client.get("/ur/").content.decode()
    # Get help has no Urdu version: the link leads to the English page and says so.
    assert (
        '<a class="quick-exit__help" href="/en/get-help/" hreflang="en">مدد حاصل کریں'
        ' <span class="lang-note">(انگریزی)</span></a>'
    ) in urdu
    assert 'href="/ur/browse-safely/"' in urdu
    assert "یہ صفحہ فوراً چھوڑیں" in urdu


FOOTER = re.compile(r'<nav class="site-footer__about"[^>]*>(.*?)</nav>', re.S)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/en/", ["/en/privacy/", "/en/accessibility/", "/en/registration/"]),
        ("/en/where-we-work/quetta/", ["/en/privacy/", "/en/accessibility/", "/en/registration/"]),
        ("/ur/", ["/ur/privacy/", "/ur/accessibility/", "/ur/registration/"]),
        ("/ur/donate/", ["/ur/privacy/", "/ur/accessibility/", "/ur/registration/"]),
    ],
)
def test_footer_links_the_privacy_accessibility_and_registration_pages(client, demo_site, url, expected):
    footer = FOOTER.search(client.get(url).content.decode()).group(1)
    assert re.findall(r'href="([^"]+)"', footer) == expected
    assert ' lang="en"' not in footer


@pytest.mark.django_db
def test_an_untranslated_footer_page_links_the_english_one_and_says_so(client, demo_site):
    privacy = Page.objects.get(locale__language_code="ur", url_path__endswith="/privacy/")
    privacy.unpublish()
    footer = FOOTER.search(client.get("/ur/").content.decode()).group(1)
    assert '<a href="/en/privacy/" lang="en" hreflang="en">Privacy notice</a>' in footer
    assert "(انگریزی)" in footer


@pytest.mark.django_db
def test_a_missing_or_unpublished_page_leaves_no_broken_link(client, demo_site):
    Page.objects.get(locale__language_code="en", url_path__endswith="/accessibility/").get_translations(
        inclusive=True
    ).unpublish()
    contact = ContactSettings.for_site(demo_site)
    contact.registration_page = None
    contact.save()
    footer = FOOTER.search(client.get("/en/").content.decode()).group(1)
    assert re.findall(r'href="([^"]+)"', footer) == ["/en/privacy/"]
