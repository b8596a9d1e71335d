"""Whole-response cache for anonymous readers, kept in the shared cache.

What is stored. A response is stored only when it is the same for every
anonymous reader: a GET without a session, answered 200, that set no cookie,
used no CSRF token and carries no CSP nonce. The key is the scheme, host and
path (the path carries the language, /en/ or /ur/). The entry keeps the status,
every header of the final response (the middleware sits above all the others,
so the security headers, the CSP and HSTS are in it) and the body, and a hit
writes them back as they are.

What invalidates what (pagecache/changes.py decides; docs/deploy.md has the
table). Every change takes the next number from one shared counter, the clock.
A change to one page marks the paths that show it with that number: the page in
every language, its ancestors' listings, the pages that reference it or that it
references, the sitemap. A change that may show anywhere (a setting, a snippet,
an image, impact figures, a page in the main menu) sets the number for
"everything". An entry remembers the clock as it was read before its render, and
is fresh while that is at least the newest number marking its path or
everything: a change committed during a render leaves the entry stale at once.
A gift changes no page: campaign figures are live holes (below).

Live figures. A figure that changes with gifts (campaign progress) is rendered
between `<!--live campaign 12 en-->` and `<!--/live-->` by `{% live_figure %}`.
Its HTML is kept on its own for LIVE_FIGURES_SECONDS (10 s by default) and a
hit puts the current copy into the cached page, so a page showing one stays
cached while gifts arrive, and what a reader sees of a total is at most
LIVE_FIGURES_SECONDS old.

No stampede. A stale entry is not thrown away: the first request for it takes a
short lock (`pagecache:render:<key>`, PAGE_CACHE_STALE_SECONDS) and renders the
page; every other request meanwhile, on any server, gets the previous copy
(`X-Page-Cache: stale`). A reader therefore sees an outdated copy only while a
render of that page is running, at most PAGE_CACHE_STALE_SECONDS. Responses
carry `Cache-Control: public, max-age=0, s-maxage=PAGE_CACHE_CDN_SECONDS,
stale-while-revalidate=PAGE_CACHE_STALE_SECONDS`, so a CDN in front behaves the
same way; browsers always ask again.

Copies in a worker. Each worker process also keeps the pages it served lately in
its own memory, and serves one without asking the shared cache for
PAGE_CACHE_LOCAL_SECONDS (1 second by default) after it last read or stored it.
A change made in the same process drops the affected copies at once; one made by
another worker or server is seen within that second.

Pages live in their own cache alias, `pages`, bounded and free to lose entries;
rate limits and used login codes live in `default`, which pages never touch, so
no number of cached pages can push security state out (core/cache.py).
A query string is kept only when the view says it chose real content with it
(`response.page_cache_query = True`, as the article listing does for an existing
topic and page number): any other query is answered fresh, so `?page=<random>`
cannot fill the cache with copies of one page.
"""

import logging
import re
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

PAGE_CACHE_ALIAS = "pages"
# Every change takes the next number of this counter.
CLOCK_KEY = "pagecache:clock"
# The number of the last change that may show on any page.
EVERYTHING_KEY = "pagecache:everything"
# + a path: the number of the last change that showed on that path (any query string).
CHANGED_PREFIX = "pagecache:changed:"
# + a page key: held by the one request that renders a stale page.
RENDER_LOCK_PREFIX = "pagecache:render:"
# Headers a hit does not write back: this request's own, or (the length) worked out again.
NOT_STORED_HEADERS = ("set-cookie", "x-request-id", "content-length")
# Query parameters that select a listing page or a topic; anything else (a search) is not cached.
CACHEABLE_QUERY_KEYS = {"page", "topic"}

# Pages this process served lately: page key -> (trusted until, path, entry).
LOCAL_ENTRIES_MAX = 256
_local_entries = {}
# Site-wide fragments (menu, footer) and facts this process worked out: (everything-number, *parts) -> value.
_fragments = {}
# Live figures this process holds: figure key -> (trusted until, html).
_live = {}
# The number for "everything" as the middleware read it for the request this thread renders.
_rendering = threading.local()
# The number for an anonymous request the cache does not keep: read when first needed.
_UNREAD = object()

# The figures `{% live_figure %}` may put in a page, by name; each renders its HTML from one id.
# The apps that own them register them (register_live_figure, in their AppConfig.ready).
LIVE_FIGURES = {}
LIVE_HOLE = re.compile(rb"<!--live (\w+) (\d+) ([\w-]+)-->.*?<!--/live-->", re.DOTALL)


def page_cache():
    return caches[PAGE_CACHE_ALIAS]


def current_clock():
    cache = page_cache()
    clock = cache.get(CLOCK_KEY)
    if clock is None:
        # Started from the wall clock, not from 1: after the shared cache is emptied, no
        # copy kept in a worker's memory or stored by a late render can carry a newer number.
        # In microseconds, below 2**53: django-redis increments it in a Lua script, and Lua
        # keeps integers exact only that far (nanoseconds came back rounded, even lower).
        start = time.time_ns() // 1000
        cache.add(CLOCK_KEY, start, timeout=None)
        clock = cache.get(CLOCK_KEY) or start
    return clock


def _next_number():
    cache = page_cache()
    try:
        return cache.incr(CLOCK_KEY)
    except ValueError:
        current_clock()
        return cache.incr(CLOCK_KEY)


def forget_local_copies():
    """This process drops its own copies of pages, fragments and figures."""
    _local_entries.clear()
    _fragments.clear()
    _live.clear()


def invalidate_everything():
    forget_local_copies()
    page_cache().set(EVERYTHING_KEY, _next_number(), timeout=None)


def invalidate_paths(paths):
    """Marks these paths (any host, any query string) changed; this process drops its copies of them."""
    paths = set(paths)
    if not paths:
        return
    for key, (_, path, _) in list(_local_entries.items()):
        if path in paths:
            _local_entries.pop(key, None)
    number = _next_number()
    # A mark must outlive every entry rendered before it: those expire PAGE_CACHE_SECONDS after storing.
    timeout = settings.PAGE_CACHE_SECONDS + settings.PAGE_CACHE_STALE_SECONDS + 60
    page_cache().set_many({CHANGED_PREFIX + path: number for path in paths}, timeout=timeout)


def _anonymous_page_request(request):
    """A page (not a static file or upload: WhiteNoise or the web server answer those) for a reader with no session."""
    return not request.path.startswith(_files_prefixes()) and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _request_is_cacheable(request):
    if request.method not in ("GET", "HEAD") or not _anonymous_page_request(request):
        return False
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return False  # SecurityMiddleware below answers with the redirect
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


def cache_control():
    return (
        f"public, max-age=0, s-maxage={settings.PAGE_CACHE_CDN_SECONDS}, "
        f"stale-while-revalidate={settings.PAGE_CACHE_STALE_SECONDS}"
    )


def _remember(key, path, entry):
    if not settings.PAGE_CACHE_LOCAL_SECONDS:
        return
    if len(_local_entries) >= LOCAL_ENTRIES_MAX:
        _local_entries.clear()
    _local_entries[key] = (time.monotonic() + settings.PAGE_CACHE_LOCAL_SECONDS, path, entry)


def _replay(entry, how="hit"):
    _, status, headers, content, has_live = entry
    if has_live:
        content = fill_live_figures(content)
    response = HttpResponse(content, status=status, headers=headers)
    response["Content-Length"] = str(len(content))
    response["X-Page-Cache"] = how
    return response


def _page_key(request):
    # The scheme too: an HTTPS answer carries headers (HSTS) that a plain-HTTP one must not.
    return f"pagecache:{request.scheme}:{request.get_host()}:{request.get_full_path()}"


def _files_prefixes():
    return (settings.STATIC_URL, settings.MEDIA_URL)


# Live figures ------------------------------------------------------------------------------


def register_live_figure(name, render):
    """render(object_id) -> HTML of a figure that changes with gifts, shown in cached pages as it is now."""
    LIVE_FIGURES[name] = render


def live_figure(name, object_id, language):
    """The current HTML of a live figure, at most LIVE_FIGURES_SECONDS old, between its hole markers."""
    key = f"pagecache:live:{name}:{object_id}:{language}"
    now = time.monotonic()
    local = _live.get(key)
    if local is not None and local[0] > now:
        return local[1]
    cache = page_cache()
    stored = cache.get(key)  # (wall time it was rendered, html)
    age = time.time() - stored[0] if stored is not None else None
    seconds = settings.LIVE_FIGURES_SECONDS
    if stored is None or not 0 <= age < seconds:
        with translation.override(language):
            html = str(LIVE_FIGURES[name](int(object_id)))
        html = f"<!--live {name} {int(object_id)} {language}-->{html}<!--/live-->"
        stored, age = (time.time(), html), 0.0
        if seconds:
            cache.set(key, stored, timeout=seconds)
    if seconds:
        _live[key] = (now + seconds - age, stored[1])
    return mark_safe(stored[1])  # noqa: S308 # nosec B308 B703 - rendered by our own templates


def fill_live_figures(content):
    """A cached page with each live figure replaced by its current copy."""

    def current(match):
        name, object_id, language = (part.decode() for part in match.groups())
        if name not in LIVE_FIGURES:
            return match.group(0)
        return live_figure(name, object_id, language).encode()

    return LIVE_HOLE.sub(current, content)


# Site-wide fragments -----------------------------------------------------------------------


def change_number():
    """The number for "everything" as it was when the request being rendered began, or None.

    A cacheable request read it with the page. Another anonymous one (a query the cache does
    not keep, a form's POST) reads it here, when the first fragment asks. None for a signed-in
    reader (a fragment rendered for one is never kept for others) and with the cache off.
    """
    everything = getattr(_rendering, "everything", None)
    if everything is _UNREAD:
        everything = _rendering.everything = page_cache().get(EVERYTHING_KEY) or 0
    return everything


def once_per_change(parts, compute):
    """compute(), kept in this process until the next change to "everything" (menu, footer...).

    What it returns must be the same for every reader and never mutated. When the number is
    not known (see change_number), it is computed each time.
    """
    everything = change_number()
    if everything is None:
        return compute()
    key = (everything, *parts)
    value = _fragments.get(key)
    if value is None:
        if len(_fragments) >= LOCAL_ENTRIES_MAX:
            _fragments.clear()
        value = _fragments[key] = compute()
    return value


# The middleware -----------------------------------------------------------------------------


class AnonymousPageCacheMiddleware:
    """Answers a hit from the worker's own copy, or with one shared-cache round trip.

    The clock, the number for "everything", the number for this path and the page are
    read together (one MGET on Redis, one query on the database cache). It sits above
    every middleware but the request id, so a hit runs none of them: the page was stored
    with the headers they wrote (security headers, CSP without a nonce, HSTS over HTTPS),
    under a key that holds the scheme. Requests SecurityMiddleware must redirect to HTTPS
    are let through to it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE_SECONDS or not _anonymous_page_request(request):
            return self.get_response(request)
        if not _request_is_cacheable(request):
            return self._render(request, _UNREAD)  # not kept, but it reuses the site-wide fragments
        key = _page_key(request)
        local = _local_entries.get(key)
        if local is not None and local[0] > time.monotonic():
            return _replay(local[2])
        cache = page_cache()
        changed_key = CHANGED_PREFIX + request.path
        found = cache.get_many((CLOCK_KEY, EVERYTHING_KEY, changed_key, key))
        stored = found.get(key)
        everything = found.get(EVERYTHING_KEY) or 0
        if stored is not None and stored[0] >= max(everything, found.get(changed_key) or 0):
            _remember(key, request.path, stored)
            return _replay(stored)
        clock = found.get(CLOCK_KEY) or current_clock()
        lock = RENDER_LOCK_PREFIX + key
        if stored is not None and not cache.add(lock, 1, timeout=settings.PAGE_CACHE_STALE_SECONDS):
            return _replay(stored, "stale")  # another request is rendering it
        try:
            response = self._render(request, everything)
            if _response_is_cacheable(request, response):
                self._store(request, response, key, clock)
            elif stored is not None:
                cache.delete(key)  # gone or private now: no one gets the old copy any more
        finally:
            if stored is not None:
                cache.delete(lock)
        return response

    def _render(self, request, everything):
        _rendering.everything = everything
        try:
            return self.get_response(request)
        finally:
            _rendering.everything = None

    def _store(self, request, response, key, clock):
        patch_vary_headers(response, ("Cookie",))
        response["Cache-Control"] = cache_control()
        headers = {name: value for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS}
        content = response.content
        # Stored under the clock read before rendering: a change committed meanwhile
        # takes a later number, and leaves this entry stale at once.
        entry = (clock, response.status_code, headers, content, b"<!--live " in content)
        page_cache().set(key, entry, settings.PAGE_CACHE_SECONDS)
        _remember(key, request.path, entry)
        response["X-Page-Cache"] = "miss"
