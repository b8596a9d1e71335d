from django import template
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.models import Page, Site

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


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    root = site_root(context)
    items = root.get_children().live().in_menu().select_related("locale") if root else []
    current = context.get("page")
    current_path = getattr(current, "path", "")
    return {
        "request": context.get("request"),  # lets {% pageurl %} reuse the request's cached site paths
        "items": [(item, bool(current_path) and current_path.startswith(item.path)) for item in items],
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
    """The current page in each site language: (code, name, url, exists), in LANGUAGES order.

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
            versions.append({"code": code, "name": info["name_local"], "url": url, "exists": exists})
    return versions
