"""Page-weight budgets for a first visit on a slow phone connection (gzip-compressed bytes)."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import Page

HTML_CSS_JS_BUDGET = 60 * 1024
JS_BUDGET = 20 * 1024
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="(/static/[^"]+)"')


def compressed_size(data):
    return len(gzip.compress(data, compresslevel=9))


def page_weight(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    html = response.content
    total = compressed_size(html)
    js = 0
    for asset in sorted(set(ASSET.findall(html.decode()))):
        path = finders.find(asset.removeprefix("/static/"))
        assert path, f"{url} links {asset}, which is not a static file"
        with open(path, "rb") as handle:
            size = compressed_size(handle.read())
        total += size
        if asset.endswith(".js"):
            js += size
    return total, js


@pytest.mark.django_db
def test_every_public_page_fits_the_budget(client, demo_site):
    urls = [page.url for page in Page.objects.live().public().exclude(depth=1).specific()]
    urls += ["/en/search/?q=child", "/en/no-such-page/"]
    assert len(urls) >= 8
    for url in urls:
        total, js = page_weight(client, url)
        assert total <= HTML_CSS_JS_BUDGET, f"{url}: {total} bytes"
        assert js <= JS_BUDGET, f"{url}: {js} bytes of JavaScript"


def test_budget_check_counts_stylesheets(client, db):
    # The 404 page on an empty site still links the four stylesheets; their weight is counted.
    total, _ = page_weight(client, "/en/nothing-here/")
    assert total > sum(compressed_size(b"") for _ in range(5)) + 1000
