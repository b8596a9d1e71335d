from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, get_language_from_path
from django.views import defaults
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Page, Site

from core.ratelimit import ratelimit

SEARCH_QUERY_MAX_LENGTH = 100
# Searches are the one public GET that costs real database work: 30 a minute per address
# is far above what a reader types, and stops a script from hammering the database.
SEARCH_RATE_LIMIT = 30
SEARCH_RESULTS_PER_PAGE = 10


@require_GET
@ratelimit("search", limit=SEARCH_RATE_LIMIT, period=60, methods=("GET",))
def search(request):
    """Site search over live public pages in the reader's language."""
    query = request.GET.get("q", "").strip()
    error = ""
    results = None
    if len(query) > SEARCH_QUERY_MAX_LENGTH:
        error = "too_long"
    elif query:
        pages = Page.objects.live().public().specific()
        locale = Locale.objects.filter(language_code=get_language()).first()
        if locale:
            pages = pages.filter(locale=locale)
        paginator = Paginator(pages.search(query), SEARCH_RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except (PageNotAnInteger, EmptyPage):
            results = paginator.page(1)
    return TemplateResponse(
        request,
        "home/search.html",
        {"search_query": query, "search_results": results, "search_error": error},
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def page_not_found(request, exception=None):
    """404, except that a page not yet translated falls back to its English original.

    /ur/about/ with no Urdu translation redirects to /en/about/ rather than
    leaving an Urdu reader at a dead end.
    """
    language = get_language_from_path(request.path_info)
    if language and language != settings.LANGUAGE_CODE:
        site = Site.find_for_request(request)
        components = [part for part in request.path_info.split("/")[2:] if part]
        if site is not None:
            try:
                page = site.root_page.specific.route(request, components).page
            except Http404:
                page = None
            if page is not None and page.live and page.locale.language_code == settings.LANGUAGE_CODE:
                return redirect(page.get_url(request))
    return defaults.page_not_found(request, exception)
