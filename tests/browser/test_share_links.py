"""Share links in a real browser, JavaScript on and off: no request to another host before a click, and the
page's absolute address in every link, in English and Urdu."""

from urllib.parse import quote

import pytest
from wagtail.models import Page

from donate.models import DonatePage, Gift

from .helpers import (
    PHONE,
    assert_no_axe_violations,
    assert_no_axe_violations_in_copy,
    external_requests,
    record_requests,
)

ARTICLE = "/{}/awareness/signs-a-child-is-being-trafficked/"


@pytest.fixture(params=["javascript", "no-javascript"])
def context(browser, request):
    javascript = request.param == "javascript"
    context = browser.new_context(java_script_enabled=javascript, viewport=PHONE)
    if javascript:
        context.grant_permissions(["clipboard-read", "clipboard-write"])
    context.javascript = javascript
    yield context
    context.close()


def check_share_links(context, site_url, path, shared_url):
    page = context.new_page()
    requests = record_requests(page)
    page.goto(site_url + path, wait_until="load")
    page.wait_for_timeout(100)
    assert external_requests(requests, site_url) == []
    # Read through Playwright's own world: with JavaScript off, page scripts (evaluate) never run.
    hrefs = [link.get_attribute("href") for link in page.locator(".share__link").all()]
    assert [href.split(":", 1)[0] for href in hrefs] == ["https", "https", "https", "mailto"]
    assert hrefs[0].startswith("https://wa.me/") and hrefs[2].startswith("https://x.com/")
    assert all(quote(shared_url, safe="") in href for href in hrefs)
    field = page.locator("[data-share-url]")
    assert field.input_value() == shared_url
    assert field.get_attribute("readonly") is not None
    copy = page.locator("[data-share-copy]")
    if context.javascript:
        copy.click()
        page.wait_for_function("() => document.querySelector('[data-share-status]').textContent !== ''", timeout=5000)
    else:
        assert not copy.is_visible()
    assert external_requests(requests, site_url) == []  # still none after copying
    if context.javascript:
        assert_no_axe_violations(page)
    else:
        assert_no_axe_violations_in_copy(page)
    page.close()


@pytest.mark.parametrize("language", ["en", "ur"])
def test_article_share_links(context, site_url, language):
    article = Page.objects.get(
        url_path__endswith="/awareness/signs-a-child-is-being-trafficked/", locale__language_code=language
    )
    check_share_links(context, site_url, ARTICLE.format(language), article.get_full_url())


def test_thank_you_page_shares_the_donate_page(context, site_url):
    gift = Gift.objects.create(amount=2500, currency="PKR", status=Gift.Status.PAID)
    donate_page = DonatePage.objects.live().get(locale__language_code="en")
    check_share_links(context, site_url, f"/en/gift/{gift.reference}/thank-you/", donate_page.get_full_url())
