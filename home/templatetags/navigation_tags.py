from django import template
from django.conf import settings
from django.db.models import Q
from django.urls import translate_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_info
from wagtail.models import Locale, Page, Site

from home.models import ContactSettings

register = template.Library()


def page_languages(request, page):
    """The live versions of this page and of the site's home page, by language code: (page's, home's).

    One query for both, made once per request and page (the head's alternates, the language
    switcher, the header's home link and the menu all ask).
    """
    cached = getattr(request, "_page_languages", None)
    if cached is not None and cached[0] is page:
        return cached[1]
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    keys = {p.translation_key for p in (page, root) if isinstance(p, Page)}
    found = ({}, {})
    if keys:
        for version in Page.objects.live().filter(translation_key__in=keys).select_related("locale"):
            code = version.locale.language_code
            if isinstance(page, Page) and version.translation_key == page.translation_key:
                found[0][code] = version
            if root is not None and version.translation_key == root.translation_key:
                found[1][code] = version
    request._page_languages = (page, found)
    return found


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page of the current site, in the reader's language where a live translation exists."""
    request = context.get("request")
    if request is None:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    roots = page_languages(request, context.get("page"))[1]
    return roots.get(translation.get_language()) or site.root_page


def menu_pages(context):
    """The main menu's pages in the reader's language, in the order of the site's own (English) menu.

    A page with no live translation yet is listed in English, so an Urdu reader still finds every
    page. Pages in the menu only in the reader's language follow at the end.
    """
    request = context.get("request")
    root = site_root(context)
    if root is None:
        return []
    site = Site.find_for_request(request)
    source = site.root_page if site else root
    items = list(root.get_children().live().in_menu().select_related("locale"))
    if source.pk == root.pk:
        return items
    translated = {page.translation_key: page for page in items}
    english = source.get_children().live().in_menu().select_related("locale")
    menu = [translated.pop(page.translation_key, page) for page in english]
    return menu + [page for page in items if page.translation_key in translated]


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    current = context.get("page")
    current_path = getattr(current, "path", "")
    root = site_root(context)
    return {
        "request": context.get("request"),  # lets {% pageurl %} reuse the request's cached site paths
        "items": [
            (item, bool(current_path) and current_path.startswith(item.path), item.locale_id != root.locale_id)
            for item in menu_pages(context)
        ],
    }


def on_this_site(url):
    """A path on this site: no scheme or host, and not one a browser reads as //host."""
    return (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    )


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in each site language: (code, name, url, exists, default), in LANGUAGES order.

    For a Wagtail page, a language's URL is the live translation when there is
    one, otherwise that language's home page. For other views the URL is the
    same path under the other language prefix.
    """
    request = context.get("request")
    page = context.get("page")
    versions = []
    translations, roots = page_languages(request, page) if request is not None else ({}, {})
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        if isinstance(page, Page):
            target = translations.get(code) or roots.get(code)
            url = target.get_url(request=request) if target else None
            exists = code in translations
        else:
            url = translate_url(request.get_full_path(), code) if request else None
            if url and not on_this_site(url):
                # A path like //evil.example/ (a 404 page's own address) would come back as
                # a link off the site: offer that language's home page instead.
                url = roots[code].get_url(request=request) if code in roots else None
            exists = True
        if url:
            versions.append(
                {
                    "code": code,
                    "name": info["name_local"],
                    "url": url,
                    "exists": exists,
                    "default": code == settings.LANGUAGE_CODE,  # the x-default alternate
                }
            )
    return versions


def in_reader_language(pages):
    """Each page in the reader's language: its live translation if there is one, else the page itself.

    Returns {page id: (page, lang)}, where `lang` is the language code of a page shown in another
    language than the reader's (so the link can say so), or "" when it is in the reader's language.
    One query, whatever the number of pages.
    """
    language = translation.get_language()
    pages = [page for page in pages if page is not None]
    keys = {page.translation_key for page in pages}
    translations = {}
    if keys:
        locale = Locale.objects.filter(language_code=language)
        for translated in Page.objects.live().filter(translation_key__in=keys, locale__in=locale):
            translations[translated.translation_key] = translated
    found = {}
    for page in pages:
        shown = translations.get(page.translation_key)
        if shown is not None:
            found[page.pk] = (shown, "")
        elif page.live:
            found[page.pk] = (page, page.locale.language_code if page.locale.language_code != language else "")
    return found


@register.simple_tag(takes_context=True)
def linked_pages(context):
    """The pages the contact settings link in every header and footer, in the reader's language.

    A dict by setting name ("help_page", "privacy_page"...) of {"url", "title", "lang"}; a page that
    is not set or not live is missing. Worked out once per request (the header and footer both ask).
    """
    request = context.get("request")
    if request is None:
        return {}
    if hasattr(request, "_linked_pages"):
        return request._linked_pages
    site = Site.find_for_request(request)
    if site is None:
        return {}
    contact = ContactSettings.for_request(request)
    names = ContactSettings.LINKED_PAGES
    ids = {name: getattr(contact, f"{name}_id") for name in names}
    chosen = Page.objects.filter(pk__in=[pk for pk in ids.values() if pk]).select_related("locale")
    shown = in_reader_language(list(chosen))
    links = {}
    for name, pk in ids.items():
        if pk in shown:
            page, lang = shown[pk]
            links[name] = {"url": page.get_url(request=request), "title": page.title, "lang": lang}
    links["footer"] = [links[name] for name in ContactSettings.FOOTER_PAGES if name in links]
    request._linked_pages = links
    return links


@register.simple_tag(takes_context=True)
def reader_page(context, page):
    """`page.localized` for a page a call to action links to, with every such link of the current page
    looked up together on the first (one query for all of them, rather than one or two each).
    """
    request = context.get("request")
    if page is None or request is None:
        return getattr(page, "localized", page)
    asked, shown = getattr(request, "_call_to_action_pages", (set(), {}))
    if page.pk not in asked:
        asked = {page.pk, *call_to_action_targets(context.get("page"))}
        language = translation.get_language()
        keys = Page.objects.filter(pk__in=asked).values("translation_key")
        in_language = Q(translation_key__in=keys, locale__language_code=language, live=True)
        rows = list(Page.objects.filter(Q(pk__in=asked) | in_language).select_related("locale"))
        translated = {row.translation_key: row for row in rows if row.live and row.locale.language_code == language}
        shown = {row.pk: translated.get(row.translation_key, row) for row in rows if row.pk in asked}
        request._call_to_action_pages = (asked, shown)
    return shown.get(page.pk, page)


def call_to_action_targets(page):
    """The ids of the pages the calls to action in this page's body link to."""
    for block in getattr(page, "body", None) or ():
        if block.block_type == "call_to_action" and block.value.get("link_page") is not None:
            yield block.value["link_page"].pk
