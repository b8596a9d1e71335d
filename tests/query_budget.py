"""Query budgets that must not grow with content, in one place.

    count = assert_flat_queries(client, "/en/where-we-work/", make_centres, ceiling=LISTING)

`make_children(n)` adds n more children (programmes, centres, articles, photos...)
to what the page shows. The page is rendered with 5 and then with 50 of them, and
the two query counts must be equal; with `ceiling`, the count must also stay within
its budget. The count is returned.

What is counted is one real render of the page, as a reader's first request after a
change gets it: the page cache is on (in memory, so its own reads and writes, one
round trip to Redis in production, are not counted as SQL), the page was rendered
once to warm image renditions, settings and the site-wide fragments (menu, footer,
rendered once per change to "everything", pagecache/cache.py), and then only this
path is marked changed, so the counted request renders the page itself again while
the fragments come from their per-generation copy, as they do in production.
"""

import os
import re
import traceback
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from pagecache.cache import forget_local_copies, invalidate_paths, page_cache

# A page's queries, whatever the number of programmes, centres, articles or photos it shows.
HOME = 12
LISTING = 12  # the programmes, Where We Work, awareness (and by topic) listings, the feed
DETAIL = 10  # a programme, a centre, an article, a standard page

# What every page pays before it shows anything of its own (Wagtail 8's serve view), 6
# queries: the site, the reader's Locale, the home page as its own class, the pages down
# the path (one query, BasePage.route), the page as its own class, and its versions in
# every language. Its view restrictions cost none while no restricted page is above it
# (BasePage.get_view_restrictions), and the site's root paths are a cache read.

# The caches as Redis keeps them in production: reads are not SQL, and nothing is culled at 300
# entries (the image renditions of 50 children would push out the site's root paths).
IN_MEMORY = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 100_000}}
PAGES_IN_MEMORY = {**IN_MEMORY, "LOCATION": "query-budget-pages"}
DEFAULT_IN_MEMORY = {**IN_MEMORY, "LOCATION": "query-budget-default"}


def count_queries(client, url, show=None):
    """The queries of one real render of url, after a warming request; `show` (or SHOW_QUERIES=1) prints their SQL."""
    caches = {**settings.CACHES, "default": DEFAULT_IN_MEMORY, "pages": PAGES_IN_MEMORY}
    with override_settings(PAGE_CACHE_SECONDS=600, PAGE_CACHE_LOCAL_SECONDS=0, CACHES=caches):
        page_cache().clear()
        forget_local_copies()
        client.get(url)  # renditions, settings, and this generation's menu and footer
        invalidate_paths([urlsplit(url).path])
        origins = []
        with CaptureQueriesContext(connection) as queries, connection.execute_wrapper(_origin(origins)):
            response = client.get(url)
        page_cache().clear()
        forget_local_copies()
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    assert response.get("X-Page-Cache") not in ("hit", "stale"), f"{url} was not rendered"
    if show or (show is None and os.environ.get("SHOW_QUERIES")):
        print(f"\n{url}: {len(queries)} queries")
        for n, (query, origin) in enumerate(zip(queries, origins, strict=False), 1):
            sql = re.sub(r"^SELECT .*? FROM", "SELECT … FROM", query["sql"])
            print(f"{n:3}. {sql[:300]}\n     from {origin}")
    return len(queries)


def _origin(origins):
    """A database wrapper that notes, for each query, the project's code (or template) that asked for it."""

    def wrapper(execute, sql, params, many, context):
        here = [
            f"{frame.filename.removeprefix(str(settings.BASE_DIR) + '/')}:{frame.lineno} {frame.name}"
            for frame in traceback.extract_stack()
            if frame.filename.startswith(str(settings.BASE_DIR)) and not re.search(r"/(\.venv|tests)/", frame.filename)
        ]
        origins.append(" < ".join(reversed(here[-3:])) or "?")
        return execute(sql, params, many, context)

    return wrapper


def assert_flat_queries(client, url, make_children, few=5, many=50, ceiling=None):
    make_children(few)
    with_few = count_queries(client, url)
    make_children(many - few)
    with_many = count_queries(client, url)
    assert with_many == with_few, f"{url}: {with_few} queries with {few} children, {with_many} with {many}"
    if ceiling is not None:
        assert with_many <= ceiling, f"{url}: {with_many} queries, more than its budget of {ceiling}"
    return with_many
