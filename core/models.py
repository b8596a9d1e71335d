"""What every page family builds on: BasePage, and the query helpers its listings use."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction

from pagecache import cache as pagecache

URDU_HELP = "In Urdu, for Urdu pages. Left empty, Urdu pages show the English."


def with_renditions(*image_ids):
    """The images with these ids, each with its renditions, by id: one query once they all have renditions.

    Wagtail otherwise looks each rendition up in the cache and writes it back on
    every render, which on the database cache costs several queries per image.
    An image with no rendition yet (its first render) costs two more queries.
    """
    image_ids = {pk for pk in image_ids if pk is not None}
    if not image_ids:
        return {}
    images = {}
    renditions = get_image_model().get_rendition_model().objects.filter(image_id__in=image_ids)
    for rendition in renditions.select_related("image"):
        image = images.setdefault(rendition.image_id, rendition.image)
        image.prefetched_renditions = [*getattr(image, "prefetched_renditions", []), rendition]
        rendition.image = image
    missing = image_ids - images.keys()
    if missing:
        first_render = get_image_model().objects.prefetch_renditions().filter(pk__in=missing)
        images.update((image.pk, image) for image in first_render)
    return images


def with_renditions_of(image_id):
    """One image with its renditions (None when there is none), as `with_renditions` reads them."""
    return with_renditions(image_id).get(image_id)


def public(pages):
    """These pages without those behind a view restriction (on them or an ancestor), in the same query.

    Wagtail's `.public()` reads every restriction first, one more query per list.
    """
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    return pages.exclude(Exists(restricted))


def image_field(help_text):
    """An optional image chosen from the library; the page keeps working if the image is deleted."""
    return models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text=help_text
    )


def with_untranslated(model, index):
    """Pages of `model` under `index`, and under its version in the site's first language those
    not translated into `index`'s language yet (the query is not filtered for live or public).

    An Urdu listing then shows every page: the untranslated ones in English, and the template
    marks them (compare each page's `locale_id` with the index's).
    """
    own = model.objects.child_of(index)
    if index.locale.language_code == settings.LANGUAGE_CODE:
        return own  # already in the site's first language
    source = index.get_translations().filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if source is None:
        return own
    return own | model.objects.child_of(source).exclude(translation_key__in=own.values("translation_key"))


def page_link_field(help_text):
    """An optional link to a page of the site; the link disappears if the page is deleted."""
    return models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", help_text=help_text
    )


def restricted_paths():
    """The tree paths of pages a view restriction applies to: restricted pages and their aliases."""
    restricted = PageViewRestriction.objects.values("page_id")
    pages = Page.objects.filter(models.Q(pk__in=restricted) | models.Q(alias_of__in=restricted))
    return frozenset(pages.values_list("path", flat=True))


class BasePage(Page):
    """Fields every public page has for listings, search engines and social cards."""

    listing_summary = models.CharField(
        max_length=240,
        blank=True,
        help_text="One or two sentences shown on cards and listings. Falls back to the search description.",
    )
    social_image = image_field(
        "Shown when the page is shared (1200 by 630 pixels works best). Never a photo of a child."
    )

    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [FieldPanel("listing_summary"), FieldPanel("social_image")],
            heading="Listings and sharing",
        ),
    ]

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """Wagtail's routing, finding the pages down the path in one query rather than two per level.

        The pages the path names are read at once; routing goes on from the deepest one whose
        parents all route the standard way (a page with its own `route`, such as a
        RoutablePageMixin listing, routes the rest of the path itself, as before).
        """
        if not path_components:
            return super().route(request, path_components)
        urls = [self.url_path + "/".join(path_components[: n + 1]) + "/" for n in range(len(path_components))]
        asked, found = getattr(request, "_pages_on_path", (set(), {}))
        if not asked.issuperset(urls):  # not read yet by a page above this one, for this request
            pages = Page.objects.filter(url_path__in=urls, path__startswith=self.path).select_related("locale")
            asked, found = set(urls), {page.url_path: page for page in pages}
            request._pages_on_path = (asked, found)
        parent, page, used = self, None, 0
        for url in urls:
            page = found.get(url)
            if page is None or page.depth != parent.depth + 1:
                break
            page._cached_parent_obj = parent  # as Wagtail's own routing does: no query for it later
            parent, used = page, used + 1
            if page.specific_class is None or page.specific_class.route is not BasePage.route:
                break
        if used == 0:
            return super().route(request, path_components)
        page = parent.specific
        page.locale = parent.locale  # read with it: no query when the page's template asks
        return page.route(request, path_components[used:])

    def get_view_restrictions(self):
        """Wagtail's restrictions for this page, without asking the database when none can apply.

        Which pages carry a restriction (theirs, or their alias source's) is read once per
        change to "everything", which adding or removing a restriction is; a page none of
        whose ancestors is among them has none. Otherwise, and whenever that number is not
        known (staff, the cache off), Wagtail's own two queries answer.
        """
        if pagecache.change_number() is not None:
            restricted = pagecache.once_per_change(("restricted-paths",), restricted_paths)
            steps = Page.steplen
            if not any(self.path[:end] in restricted for end in range(steps, len(self.path) + 1, steps)):
                return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @property
    def summary_text(self):
        return self.listing_summary or self.search_description

    def structured_data(self, request, context):
        """schema.org data for this page as a dict (shown as JSON-LD), or None."""
        return None
