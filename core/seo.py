"""What search engines and social sites read about a page: canonical address, description,
sharing card, and schema.org structured data (JSON-LD)."""

import json

from django.conf import settings
from django.db.models import Q
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.images.models import Filter
from wagtail.models import Page

SCHEMA = "https://schema.org"
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data):
    """A JSON-LD script element; <, > and & are escaped so page text can never close the element."""
    text = json.dumps({"@context": SCHEMA, **data}, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(f'<script type="application/ld+json">{text.translate(JSON_ESCAPES)}</script>')  # noqa: S308 # nosec B308 B703


def donate_action(request, donate_page):
    return {
        "@type": "DonateAction",
        "name": donate_page.title,
        "target": donate_page.get_full_url(request),
        "recipient": {"@type": "NGO", "name": "SEHER", "url": request.build_absolute_uri("/")},
    }


SHARING_FILTER = "fill-1200x630|format-jpeg"


def image_url(request, image):
    """An absolute address for a 1200 by 630 sharing rendition of the image.

    An existing rendition is looked up without writing it back to the cache (which
    get_rendition always does), so a page with prefetched renditions pays no query.
    """
    if image is None:
        return request.build_absolute_uri(static("img/social-card.png"))
    sharing = Filter(SHARING_FILTER)
    try:
        rendition = image.find_existing_rendition(sharing)
    except image.get_rendition_model().DoesNotExist:
        rendition = image.get_rendition(sharing)
    return request.build_absolute_uri(rendition.url)


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap, with the site's pages in every language (each language has its own home).

    Each page lists its language versions as xhtml:link alternates, itself included, and
    the English version as x-default: only versions that are live and public, like the
    pages themselves.
    """

    def in_site(self):
        root = self.get_wagtail_site().root_page
        in_any_language = Q()
        for home in root.get_translations(inclusive=True):
            in_any_language |= Q(path__startswith=home.path)
        return Page.objects.live().public().filter(in_any_language)

    def items(self):
        return self.in_site().order_by("path").defer_streamfields().specific()

    def alternates(self, pages):
        """{translation key: [{"lang_code", "location"}...]} for the given pages, in one query."""
        order = [code for code, _name in settings.LANGUAGES]
        versions = {}
        translations = (
            self.in_site()
            .filter(translation_key__in={page.translation_key for page in pages})
            .select_related("locale")
            .only("url_path", "translation_key", "locale__language_code")
        )
        for page in translations:
            versions.setdefault(page.translation_key, {})[page.locale.language_code] = page.get_full_url(self.request)
        found = {}
        for key, by_language in versions.items():
            links = [{"lang_code": code, "location": by_language[code]} for code in order if code in by_language]
            if settings.LANGUAGE_CODE in by_language:
                links.append({"lang_code": "x-default", "location": by_language[settings.LANGUAGE_CODE]})
            found[key] = links
        return found

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        alternates = self.alternates(pages)
        urls = []
        for item in pages:
            for url_info in item.get_sitemap_urls(self.request):
                if url_info["location"] == item.get_full_url(self.request):
                    url_info["alternates"] = alternates.get(item.translation_key, [])
                urls.append(url_info)
        last_mods = {url_info.get("lastmod") for url_info in urls}
        if last_mods and None not in last_mods:  # as Wagtail's sitemap does
            self.latest_lastmod = max(last_mods)
        return urls
