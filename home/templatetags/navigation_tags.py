from django import template
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Locale, Page, Site

from home.models import ContactSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page of the current site, in the reader's language where a translation exists."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_site_root"):  # asked for by the header, the menu and the language switcher
        site = Site.find_for_request(request)
        request._site_root = site.root_page.localized.specific if site else None
    return request._site_root


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
    from django.conf import settings
    from django.urls import translate_url
    from django.utils.translation import get_language_info

    request = context.get("request")
    page = context.get("page")
    versions = []
    translations = {}
    if isinstance(page, Page):
        translations = {
            p.locale.language_code: p for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
    root = site_root(context)
    roots = (
        {p.locale.language_code: p for p in root.get_translations(inclusive=True).live().select_related("locale")}
        if root
        else {}
    )
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
