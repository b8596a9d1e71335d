"""For readers at risk: a way to leave fast on every page, the help line first, and safety links in each footer."""

import re

import pytest
from wagtail.models import Page

from home.factories import StandardPageFactory
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
    for url in ("/en/about/", "/ur/about/"):  # the default first
        assert EXIT_LINK.search(client.get(url).content.decode()).group(1) == "https://www.bbc.com/weather"
    contact = ContactSettings.for_site(demo_site)
    contact.neutral_site_url = "https://weather.example.org/today"
    contact.save()
    for url in ("/en/about/", "/ur/about/"):
        assert EXIT_LINK.search(client.get(url).content.decode()).group(1) == "https://weather.example.org/today"


@pytest.mark.django_db
def test_the_help_and_safety_links_are_in_the_readers_language(client, demo_site):
    english = client.get("/en/awareness/").content.decode()
    assert '<a class="quick-exit__help" href="/en/get-help/">Get help</a>' in english
    assert 'href="/en/browse-safely/"' in english
    urdu = client.get("/ur/").content.decode()
    assert '<a class="quick-exit__help" href="/ur/get-help/">مدد حاصل کریں</a>' in urdu
    assert 'href="/ur/browse-safely/"' in urdu
    assert "یہ صفحہ فوراً چھوڑیں" in urdu


@pytest.mark.django_db
def test_without_an_urdu_get_help_page_the_link_leads_to_the_english_one_and_says_so(client, demo_site):
    Page.objects.get(locale__language_code="ur", url_path__endswith="/get-help/").unpublish()
    urdu = client.get("/ur/").content.decode()
    assert (
        '<a class="quick-exit__help" href="/en/get-help/" hreflang="en">مدد حاصل کریں'
        ' <span class="lang-note">(انگریزی)</span></a>'
    ) in urdu


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


MENU = re.compile(r'<ul class="main-menu">(.*?)</ul>', re.S)


@pytest.mark.django_db
def test_urdu_menu_lists_untranslated_pages_in_english_and_says_so(client, demo_site, home_page):
    StandardPageFactory(parent=home_page, slug="volunteer", title="Volunteer with us", show_in_menus=True)
    menu = MENU.search(client.get("/ur/").content.decode()).group(1)
    links = re.findall(r'<a class="main-menu__link" href="([^"]+)"', menu)
    assert links == [
        "/ur/our-work/",
        "/ur/where-we-work/",
        "/ur/awareness/",
        "/ur/about/",
        "/ur/get-help/",
        "/ur/donate/",
        "/en/volunteer/",
        "/ur/search/",
    ]
    assert re.search(
        r'<a class="main-menu__link" href="/en/volunteer/" lang="en" hreflang="en"\s*>Volunteer with us</a>\s*'
        r'<span class="lang-note">\(انگریزی\)</span>',
        menu,
    )
    assert menu.count(' lang="en"') == 1
    assert ">مدد حاصل کریں</a>" in menu
    english = MENU.search(client.get("/en/").content.decode()).group(1)
    assert ' lang="en"' not in english and "/en/volunteer/" in english


@pytest.mark.django_db
def test_urdu_awareness_lists_untranslated_articles_in_english(client, demo_site):
    html = client.get("/ur/awareness/").content.decode()
    assert 'href="/ur/awareness/signs-a-child-is-being-trafficked/"' in html
    assert 'href="/en/awareness/signs-a-child-is-being-trafficked/"' not in html
    assert re.search(r'<a href="/en/awareness/before-anyone-travels-for-work/" lang="en" hreflang="en"\s*>', html)
    assert html.count("(انگریزی)") >= 5  # five of the six articles are English only
    assert "اسمگلنگ کی نشانیاں" in html  # the topic filter in Urdu
    filtered = client.get("/ur/awareness/?topic=signs-of-trafficking").content.decode()
    assert "سات نشانیاں" in filtered and "Talking to children about offers from strangers" in filtered
    assert "Before anyone in your family travels for work" not in filtered
    english = client.get("/en/awareness/").content.decode()
    assert "(English)" not in english and 'lang="ur"' not in english.split("<main", 1)[1]


@pytest.mark.django_db
def test_the_urdu_article_shows_its_topics_in_urdu(client, demo_site):
    html = client.get("/ur/awareness/signs-a-child-is-being-trafficked/").content.decode()
    assert '?topic=signs-of-trafficking">اسمگلنگ کی نشانیاں</a>' in html
    assert '?topic=for-parents">والدین کے لیے</a>' in html


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/ur/our-work/", "/ur/"])
def test_urdu_programme_cards_include_the_english_only_programmes(client, demo_site, url):
    html = client.get(url).content.decode()
    cards = re.findall(r'<a class="card__link" href="([^"]+)"\s*(lang="en" hreflang="en")?\s*>', html)
    assert ("/ur/our-work/prevention-protection-trafficked-children/", "") in cards
    assert ("/en/our-work/legal-aid-for-children/", 'lang="en" hreflang="en"') in cards
    assert len(cards) == 3 and html.count('<span class="lang-note">(انگریزی)</span>') >= 2
