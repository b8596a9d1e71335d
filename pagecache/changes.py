"""Which saved changes make which cached pages stale (pagecache/cache.py keeps them).

A page published, unpublished or saved live invalidates the pages that show it:
the URLs Wagtail's frontend-cache purge uses for it (`PurgeBatch.add_page`, i.e.
`get_cached_paths` under its URL) for the page in every language, its
descendants, its ancestors' listings in every language (a listing in Urdu also
lists English pages not translated yet), the pages that reference it and that it
references (Wagtail's reference index, before and after the change: a centre
lists the programmes that name it) and the sitemap. Saving a draft invalidates
nothing.

Everything is invalidated when the pages that show a change cannot be known:
- a page at the top of the tree (a home page or one of its children: the main
  menu, the header and footer links) or a page referenced by something other
  than a page (a setting, a snippet); a page moved or deleted;
- a setting (the footer and header show them on every page);
- a snippet (Topic, Service, CallToAction: listings show every topic and
  service); a snippet with drafts only when it is published or unpublished;
- an image or a document (renditions, the social image, rich text);
- impact figures, redirects and tags.

Nothing is invalidated by a gift (pending, paid, refunded, a monthly payment, a new
monthly amount), nor by any other row no page shows (pagecache/shown.py says which):
campaign figures are live holes refreshed on their own (LIVE_FIGURES_SECONDS).

Each change is applied when it is saved and again when its transaction commits,
so a render that read the rows just before the commit cannot stay cached. A
process whose settings turn the page cache off (PAGE_CACHE_SECONDS=0: the test
and dev settings) works out nothing; production processes, the scheduled
`publish_scheduled` and shells with production settings all do.
"""

import logging
from urllib.parse import urlsplit

from django.apps import apps as global_apps
from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save, pre_save
from modelcluster.fields import ParentalKey
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import DraftStateMixin, Page, ReferenceIndex
from wagtail.signals import page_unpublished, post_page_move, published, unpublished

from pagecache import cache as pagecache
from pagecache.shown import is_shown

logger = logging.getLogger(__name__)

# A save of only these fields records a draft, a lock or a comment: the live page is unchanged.
DRAFT_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "wagtail_admin_comments",
    "locked",
    "locked_at",
    "locked_by",
}
# Paths that list every page.
SITE_WIDE_PATHS = {"/sitemap.xml"}
# Pages at this depth or above are in the menu, header or footer of every page (1 is the tree's root).
TOP_DEPTH = 3

EVERYTHING = object()


def _page_paths(pages):
    batch = PurgeBatch()
    batch.add_pages(pages)
    return {urlsplit(url).path for url in batch.urls}


def pages_showing(page_ids, also=()):
    """The paths that show these pages, or EVERYTHING when that cannot be known."""
    pages = list(Page.objects.filter(pk__in=page_ids))
    if not pages or any(page.depth <= TOP_DEPTH for page in pages):
        return EVERYTHING if pages else set()
    keys = {page.translation_key for page in pages}
    translations = list(Page.objects.filter(translation_key__in=keys))
    references = ReferenceIndex.get_references_to_in_bulk(translations)
    page_type = ReferenceIndex._get_base_content_type(Page)
    if references.exclude(base_content_type=page_type).exists():
        return EVERYTHING
    shown = {int(pk) for pk in references.values_list("object_id", flat=True)} | set(also)
    shown |= outbound_pages(translations)
    ancestors = set()
    for page in translations:
        ancestors.update(page.get_ancestors().filter(depth__gt=1).values_list("translation_key", flat=True))
    related = Page.objects.filter(pk__in=shown) | Page.objects.filter(translation_key__in=ancestors)
    for page in translations:
        related |= Page.objects.descendant_of(page)
    return _page_paths([*translations, *related.live().specific(defer=True)]) | SITE_WIDE_PATHS


def outbound_pages(pages):
    """Pages these pages reference (a programme names its centres, which list it back)."""
    found = set()
    page_type = ReferenceIndex._get_base_content_type(Page)
    for page in pages:
        references = ReferenceIndex.get_references_for_object(page).filter(to_content_type=page_type)
        found.update(int(pk) for pk in references.values_list("to_object_id", flat=True))
    return found


def _apply(paths):
    try:
        with transaction.atomic():  # a cache failure (the database cache's table missing) cannot abort the caller
            if paths is EVERYTHING:
                pagecache.invalidate_everything()
            else:
                pagecache.invalidate_paths(paths)
    except Exception as error:
        logger.warning("page cache not invalidated: %s", error.__class__.__name__)


def changed(page_ids=(), everything=False, also=()):
    """Invalidate now, and once more when the transaction commits."""
    if not settings.PAGE_CACHE_SECONDS:
        return  # this process runs without the page cache (tests, `manage.py` with dev settings)
    paths = EVERYTHING if everything else pages_showing(page_ids, also)
    _apply(paths)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _apply(paths))


def _parent_page(instance):
    """The page a child row (a featured programme, a centre link) belongs to, if it is one."""
    for field in instance._meta.fields:
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            return getattr(instance, field.attname)
    return None


def _only_draft_fields(update_fields):
    return update_fields is not None and set(update_fields) <= DRAFT_FIELDS


def _on_page_pre_save(sender, instance, update_fields=None, **kwargs):
    """Remember the pages it referenced before the change: they listed it, and may no longer."""
    if isinstance(instance, Page) and instance.pk and not _only_draft_fields(update_fields):
        instance._pagecache_referenced = outbound_pages([instance])


def _on_save(sender, instance, created=False, update_fields=None, **kwargs):
    meta = sender._meta
    if meta.apps is not global_apps:
        return  # a migration's historical model: no pages are served from this state
    if isinstance(instance, Page):
        if _only_draft_fields(update_fields) or (created and not instance.live):
            return
        changed([instance.pk], also=getattr(instance, "_pagecache_referenced", ()))
        return
    if not is_shown(meta.concrete_model):
        return
    if (parent := _parent_page(instance)) is not None:
        changed([parent])
        return
    if isinstance(instance, DraftStateMixin) and (_only_draft_fields(update_fields) or not instance.live):
        return  # a draft: published (or unpublished) through the signals below
    changed(everything=True)


def _on_delete(sender, instance, **kwargs):
    meta = sender._meta
    if meta.apps is not global_apps or not is_shown(meta.concrete_model):
        return
    if not isinstance(instance, Page) and (parent := _parent_page(instance)) is not None:
        if Page.objects.filter(pk=parent).exists():
            changed([parent])
        return
    changed(everything=True)


def _on_unpublished_page(sender, instance, **kwargs):
    changed([instance.pk])


def _on_snippet_published(sender, instance, **kwargs):
    if not isinstance(instance, Page) and is_shown(instance._meta.concrete_model):
        changed(everything=True)


def _on_move(sender, instance, **kwargs):
    changed(everything=True)  # every path under it changed


pre_save.connect(_on_page_pre_save, dispatch_uid="pagecache-pre-save")
post_save.connect(_on_save, dispatch_uid="pagecache-save")
post_delete.connect(_on_delete, dispatch_uid="pagecache-delete")
page_unpublished.connect(_on_unpublished_page, dispatch_uid="pagecache-page-unpublished")
published.connect(_on_snippet_published, dispatch_uid="pagecache-published")
unpublished.connect(_on_snippet_published, dispatch_uid="pagecache-unpublished")
post_page_move.connect(_on_move, dispatch_uid="pagecache-move")
