"""Share links on articles and the thank-you page: plain links with the page's absolute address, both languages."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from wagtail.models import Page

from donate.models import DonatePage, Gift

pytestmark = pytest.mark.django_db

ARTICLE = "/{}/awareness/signs-a-child-is-being-trafficked/"


def share_section(html):
    match = re.search(r'<section class="share".*?</section>', html, re.S)
    assert match, "no share links on the page"
    return match.group(0)


def links(section):
    return [unescape(href) for href in re.findall(r'class="share__link[^"]*" href="([^"]+)"', section)]


def assert_shares(html, url, title):
    section = share_section(html)
    whatsapp, facebook, x, email = links(section)
    assert parse_qs(urlsplit(whatsapp).query) == {"text": [f"{title} {url}"]}
    assert whatsapp.startswith("https://wa.me/?")
    assert parse_qs(urlsplit(facebook).query) == {"u": [url]}
    assert urlsplit(facebook).netloc == "www.facebook.com"
    assert parse_qs(urlsplit(x).query) == {"text": [title], "url": [url]}
    assert urlsplit(x).netloc == "x.com"
    assert email.startswith("mailto:?") and parse_qs(urlsplit(email).query)["body"] == [url]
    assert "+" not in email  # spaces as %20: a mail program keeps + as a plus
    assert f'value="{url}" readonly' in section
    # Nothing here loads from another host: the only script is the site's own.
    assert re.findall(r'src="([^"]+)"', section) == ["/static/js/share.js"]


@pytest.mark.parametrize("language", ["en", "ur"])
def test_article_shares_its_own_absolute_address(client, demo_site, language):
    response = client.get(ARTICLE.format(language))
    assert response.status_code == 200
    page = response.context["page"]
    url = page.get_full_url()
    assert url.startswith("http") and url.endswith(ARTICLE.format(language))
    html = response.content.decode()
    assert_shares(html, url, page.seo_title or page.title)
    if language == "ur":
        assert "واٹس ایپ پر شیئر کریں" in html and "یہ صفحہ شیئر کریں" in html


@pytest.mark.parametrize("language", ["en", "ur"])
def test_thank_you_page_shares_the_donate_page_never_itself(client, demo_site, language):
    gift = Gift.objects.create(amount=2500, currency="PKR", status=Gift.Status.PAID, language=language)
    response = client.get(f"/{language}/gift/{gift.reference}/thank-you/")
    html = response.content.decode()
    donate_page = DonatePage.objects.live().get(locale__language_code=language)
    assert_shares(html, donate_page.get_full_url(), donate_page.seo_title or donate_page.title)
    assert str(gift.reference) not in share_section(html)


def test_no_share_links_without_a_donate_page(client, demo_site):
    gift = Gift.objects.create(amount=2500, currency="PKR", status=Gift.Status.PAID)
    for page in DonatePage.objects.all():
        Page.objects.filter(pk=page.pk).update(live=False)
    html = client.get(f"/en/gift/{gift.reference}/thank-you/").content.decode()
    assert 'class="share"' not in html
