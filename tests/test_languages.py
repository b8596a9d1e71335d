"""English and Urdu: translations, direction, hreflang, switcher, fallback."""

import re

import pytest
from wagtail.models import Locale, Page

from home.models import HomePage
from locations.models import CentreIndexPage, CentrePage


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="http://testserver([^"]+)">', html))


@pytest.mark.django_db
@pytest.mark.parametrize("model", [HomePage, CentreIndexPage, CentrePage], ids=lambda m: m.__name__)
def test_seeded_pages_render_in_both_languages(client, demo_site, model):
    urdu = Locale.objects.get(language_code="ur")
    for english in model.objects.live().filter(locale__language_code="en"):
        translation = english.get_translation(urdu)
        en_html = client.get(english.url).content.decode()
        ur_html = client.get(translation.url).content.decode()
        assert '<html lang="en" dir="ltr">' in en_html
        assert '<html lang="ur" dir="rtl">' in ur_html
        assert translation.url.startswith("/ur/")
        # Each names the other as its alternate.
        assert hreflangs(en_html) == {"en": english.url, "ur": translation.url}
        assert hreflangs(ur_html) == hreflangs(en_html)


@pytest.mark.django_db
def test_switcher_lands_on_the_translation(client, demo_site):
    html = client.get("/en/where-we-work/taftan/").content.decode()
    link = re.search(r'<a class="language-switcher__link"\s+href="([^"]+)"\s+lang="ur"', html)
    assert link, "no Urdu link in the switcher"
    response = client.get(link.group(1))
    assert response.status_code == 200
    assert "تفتان چائلڈ فرینڈلی سینٹر" in response.content.decode()


@pytest.mark.django_db
def test_untranslated_page_falls_back_to_english(client, demo_site):
    contact = Page.objects.get(slug="contact", locale__language_code="en")
    assert not contact.get_translations().exists()
    response = client.get("/ur/contact/")
    assert response.status_code == 302
    assert response["Location"] == contact.url
    # The switcher on an untranslated page offers the Urdu home instead of a dead link.
    html = client.get(contact.url).content.decode()
    assert re.search(r'href="/ur/"\s+lang="ur"', html)
    assert "ur" not in hreflangs(html)


@pytest.mark.django_db
def test_unknown_urdu_path_is_still_a_404(client, demo_site):
    assert client.get("/ur/no-such-page/").status_code == 404


@pytest.mark.django_db
def test_root_sends_urdu_readers_to_urdu(client, demo_site):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ur-PK,ur;q=0.9,en;q=0.5")
    assert response["Location"] == "/ur/"
