"""Snippets readers see (topics, services, saved calls to action): translated and moderated like pages.

Each such snippet is one row per language, linked by a shared `translation_key`, made and
kept in step by wagtail-localize (**Translate** on the snippet listing). A change is saved
as a revision and goes through the same "Moderators approval" workflow as pages: the row
itself keeps the live version until a moderator publishes, so public pages read the row
and never a draft. A snippet never published (`live` false) is not shown at all.

`in_reader_language(snippets)` picks, for each snippet a page refers to, the live version
in the reader's language, else its live original: pages translated before their snippets
(or copied with their English choices) still show Urdu wording once it exists.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    Workflow,
    WorkflowContentType,
    WorkflowMixin,
)


class PublicSnippet(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, TranslatableMixin, models.Model
):
    """A snippet shown on public pages: one row per language, drafts and history kept as revisions."""

    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="%(app_label)s_%(class)s")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="%(app_label)s_%(class)s",
        for_concrete_model=False,
    )

    class Meta(TranslatableMixin.Meta):
        abstract = True

    @property
    def revisions(self):
        return self._revisions

    @classmethod
    def originals(cls):
        """The rows in the site's main language: the ones other records (impact figures, imports) key on."""
        return cls.objects.filter(in_main_language())

    def get_preview_template(self, request, mode_name):
        return "components/snippet_preview.html"

    def serve_preview(self, request, mode_name):
        """In the snippet's own language, so an Urdu draft is previewed right to left as readers will see it."""
        with translation.override(self.locale.language_code):
            response = super().serve_preview(request, mode_name)
            response.render()
        return response

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["snippet_template"] = self.preview_include
        return context


def moderate_public_snippets(workflow_name="Moderators approval"):
    """Changes to every public snippet model go through the pages' workflow (the migration does the same)."""
    workflow = Workflow.objects.filter(name=workflow_name).first()
    if workflow is None:
        return
    for model in apps.get_models():
        if issubclass(model, PublicSnippet):
            content_type = ContentType.objects.get_for_model(model)
            WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})


def in_main_language():
    """Choices for pages' topic and service boxes: one box per snippet, its row in the main language."""
    return models.Q(locale__language_code=default_language())


def default_language():
    return get_supported_language_variant(settings.LANGUAGE_CODE)


def reader_language():
    try:
        return get_supported_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return default_language()


def in_reader_language(snippets):
    """Each snippet's live version in the reader's language, else its live original, in the given order.

    Snippets with no live version are left out; two rows of one snippet are shown once.
    One query, however many snippets; none when they were loaded with their locale
    (`select_related("locale")`) and are all live and in the reader's language.
    """
    snippets = [snippet for snippet in snippets if snippet is not None]
    if not snippets:
        return []
    language = reader_language()
    locale_field = type(snippets[0])._meta.get_field("locale")
    if all(
        snippet.live and locale_field.is_cached(snippet) and snippet.locale.language_code == language
        for snippet in snippets
    ):
        return _once_each(snippets)  # each is already its live version in the reader's language: no query
    rows = (
        type(snippets[0])
        .objects.filter(translation_key__in={snippet.translation_key for snippet in snippets}, live=True)
        .select_related("locale")
    )
    by_pk = {}
    by_language = {}
    for row in rows:
        by_pk[row.pk] = row
        by_language[row.translation_key, row.locale.language_code] = row
    chosen = []
    for snippet in snippets:
        key = snippet.translation_key
        row = by_language.get((key, language)) or by_pk.get(snippet.pk) or by_language.get((key, default_language()))
        if row is not None:
            chosen.append(row)
    return _once_each(chosen)


def one_in_reader_language(snippet):
    shown = in_reader_language([snippet])
    return shown[0] if shown else None


def _once_each(snippets):
    seen = set()
    kept = []
    for snippet in snippets:
        if snippet.translation_key not in seen:
            seen.add(snippet.translation_key)
            kept.append(snippet)
    return kept
