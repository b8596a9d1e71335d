"""Whole-response cache for anonymous readers, kept in the shared cache.

A response is stored only when it is the same for every anonymous reader: a GET
without a session, answered 200, that set no cookie, used no CSRF token and
carries no CSP nonce. The key is the host and path (the path carries the
language, /en/ or /ur/). Any content change (a page published, a snippet,
setting, image or figure saved) bumps one shared generation number, so every
server sees the change at once: an entry made under an older generation is
no longer served, and the next render replaces it.

Each worker process also keeps the pages it served lately in its own memory,
with the generation they belong to. For PAGE_CACHE_LOCAL_SECONDS (1 second by
default) after it last read the shared generation number, a worker serves those
copies without asking the shared cache at all; a hit then costs no network
round trip. A change made in the same process is seen at once, one made by
another worker or server within that second.

Pages live in their own cache alias, `pages`, bounded and free to lose entries;
rate limits and used login codes live in `default`, which pages never touch, so
no number of cached pages can push security state out (config/cache.py).
A query string is kept only when the view says it chose real content with it
(`response.page_cache_query = True`, as the article listing does for an existing
topic and page number): any other query is answered fresh, so `?page=<random>`
cannot fill the cache with copies of one page.
"""

import logging
import time

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

PAGE_CACHE_ALIAS = "pages"
GENERATION_KEY = "pagecache:generation"
# Query parameters that select a listing page or a topic; anything else (a search) is not cached.
CACHEABLE_QUERY_KEYS = {"page", "topic"}
# Content lives in these apps; saving any of their models (bar the bookkeeping ones) invalidates.
INVALIDATING_APPS = {
    "home",
    "programs",
    "locations",
    "donate",
    "impact",
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "taggit",
}
BOOKKEEPING_MODELS = {
    "rendition",
    "pagelogentry",
    "modellogentry",
    "referenceindex",
    "revision",
    "workflowstate",
    "taskstate",
    "pagesubscription",
    "comment",
    "commentreply",
    "pagelock",
    "uploadedfile",
    "uploadedimage",
    "uploadeddocument",
    "stripeevent",
    "receiptcounter",
}


# Pages this process served lately: path key -> (expiry, (generation, status, headers, content)).
LOCAL_ENTRIES_MAX = 256
_local_entries = {}
# The shared generation as this process last read it, with the monotonic time of the read.
_local = {"generation": (None, 0.0)}


def page_cache():
    return caches[PAGE_CACHE_ALIAS]


def current_generation():
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Started from the clock, not from 1: after the shared cache is emptied, no copy
        # kept in a worker's memory can carry the new number.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY) or time.time_ns()
    return generation


def forget_local_copies():
    """This process reads the shared generation again on its next request and drops its own copies."""
    _local["generation"] = (None, 0.0)
    _local_entries.clear()


def invalidate_all():
    forget_local_copies()
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)


def _changes_no_page(meta, instance):
    """A pending gift counts in no total a page shows (campaign progress counts paid gifts).

    Every POST to the donate form saves one; if that emptied the cache, anyone could
    keep every server rendering every page by posting the form now and then.
    """
    gift = meta.app_label == "donate" and meta.model_name == "donation"
    return gift and getattr(instance, "status", "") == "pending"


def _on_content_change(sender, instance=None, **kwargs):
    meta = sender._meta
    if meta.apps is not global_apps:
        return  # a migration's historical model: no pages are served from this state
    if _changes_no_page(meta, instance):
        return
    if meta.app_label in INVALIDATING_APPS and meta.model_name not in BOOKKEEPING_MODELS:
        try:
            # A savepoint, so a cache failure (the database cache's table missing) cannot
            # abort the caller's transaction on PostgreSQL.
            with transaction.atomic():
                invalidate_all()
        except Exception as error:
            logger.warning("page cache not invalidated: %s", error.__class__.__name__)


post_save.connect(_on_content_change, dispatch_uid="pagecache-save")
post_delete.connect(_on_content_change, dispatch_uid="pagecache-delete")


def _request_is_cacheable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return set(request.GET) <= CACHEABLE_QUERY_KEYS


def _response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if request.GET and not getattr(response, "page_cache_query", False):
        return False  # the view did not vouch for this query string: one copy per junk URL otherwise
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    if getattr(request, "_csp_nonce", None) or "'nonce-" in response.get("Content-Security-Policy", ""):
        return False  # the page embeds this request's nonce
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _remember(key, entry):
    if not settings.PAGE_CACHE_LOCAL_SECONDS:
        return
    if len(_local_entries) >= LOCAL_ENTRIES_MAX:
        _local_entries.clear()
    _local_entries[key] = (time.monotonic() + settings.PAGE_CACHE_SECONDS, entry)


def _replay(entry):
    _, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _page_key(request):
    return f"pagecache:{request.get_host()}:{request.get_full_path()}"


class AnonymousPageCacheMiddleware:
    """Answers a hit from the worker's own copy, or with one shared-cache round trip.

    Each entry remembers the generation it was rendered under and is served only
    while that is still the current one; the generation and the page are read
    together (one MGET on Redis, one query on the database cache). It sits before
    sessions, locale, CSRF, authentication and the Wagtail site lookup, so a hit
    runs none of them; the HTTPS redirect, request id, security and CSP headers
    still come from the middleware above it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.PAGE_CACHE_SECONDS
        if not timeout or not _request_is_cacheable(request):
            return self.get_response(request)
        key = _page_key(request)
        cache = page_cache()
        now = time.monotonic()
        generation, read_at = _local["generation"]
        if generation is not None and now - read_at < settings.PAGE_CACHE_LOCAL_SECONDS:
            local = _local_entries.get(key)
            if local is not None and local[0] > now and local[1][0] == generation:
                return _replay(local[1])
            stored = cache.get(key)
        else:
            found = cache.get_many((GENERATION_KEY, key))
            generation = found.get(GENERATION_KEY) or current_generation()
            _local["generation"] = (generation, now)
            stored = found.get(key)
        # An entry newer than the generation this process knows was rendered after the
        # latest change it has heard of: fresher than anything it could render itself.
        if stored is not None and stored[0] >= generation:
            _remember(key, stored)
            return _replay(stored)
        response = self.get_response(request)
        if _response_is_cacheable(request, response):
            patch_vary_headers(response, ("Cookie",))
            headers = [
                (name, value) for name, value in response.items() if name.lower() not in ("set-cookie", "x-request-id")
            ]
            # Stored under the generation read before rendering: a change published
            # meanwhile makes this entry stale at once.
            entry = (generation, response.status_code, headers, response.content)
            cache.set(key, entry, timeout)
            _remember(key, entry)
            response["X-Page-Cache"] = "miss"
        return response
