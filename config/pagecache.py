"""Whole-response cache for anonymous readers, kept in the shared cache.

A response is stored only when it is the same for every anonymous reader: a GET
without a session, answered 200, that set no cookie, used no CSRF token and
carries no CSP nonce. The key is the host and path (the path carries the
language, /en/ or /ur/). Any content change (a page published, a snippet,
setting, image or figure saved) bumps one shared generation number, so every
server sees the change at once; old entries simply stop being read and expire.
"""

import logging

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

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


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY) or 1
    return generation


def invalidate_all():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)


def _on_content_change(sender, **kwargs):
    meta = sender._meta
    if meta.apps is not global_apps:
        return  # a migration's historical model: no pages are served from this state
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
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    if getattr(request, "_csp_nonce", None) or "'nonce-" in response.get("Content-Security-Policy", ""):
        return False  # the page embeds this request's nonce
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timeout = settings.PAGE_CACHE_SECONDS
        if not timeout or not _request_is_cacheable(request):
            return self.get_response(request)
        key = f"pagecache:{current_generation()}:{request.get_host()}:{request.get_full_path()}"
        stored = cache.get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _response_is_cacheable(request, response):
            patch_vary_headers(response, ("Cookie",))
            headers = [
                (name, value) for name, value in response.items() if name.lower() not in ("set-cookie", "x-request-id")
            ]
            cache.set(key, (response.status_code, headers, response.content), timeout)
            response["X-Page-Cache"] = "miss"
        return response
