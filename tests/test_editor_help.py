"""Communications staff build pages without help: every field they are shown says what it is for."""

import pytest
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from wagtail.admin.panels import get_edit_handler
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models

from donate.models import Gift
from donate.wagtail_hooks import GiftViewSet

CONTENT_APPS = {"home", "programs", "awareness", "locations", "donate"}
# Wagtail's own page fields (title, slug, promote and settings tabs) come with Wagtail's help.
WAGTAIL_PAGE_FIELDS = {field.name for field in Page._meta.get_fields()}


def editable_models():
    """Every page type, snippet and setting of the content apps."""
    for model in apps.get_models():
        if model._meta.app_label not in CONTENT_APPS:
            continue
        is_page = issubclass(model, Page) and model is not Page
        if is_page or model in get_snippet_models() or issubclass(model, BaseSiteSetting):
            yield model


def fields_editors_see(model):
    """(model, field name) for every field in the model's edit form, inline panels included."""
    handler = model.get_edit_handler() if issubclass(model, Page) else get_edit_handler(model)
    options = handler.get_form_options()
    for name in options.get("fields", []):
        yield model, name
    for relation, formset in options.get("formsets", {}).items():
        child = getattr(model, relation).rel.related_model
        if child._meta.app_label not in CONTENT_APPS:
            continue  # Wagtail's own comments
        for name in formset.get("fields", []):
            yield child, name


def test_the_walk_covers_every_kind_of_editable_model():
    names = {model.__name__ for model in editable_models()}
    assert {"HomePage", "ProgrammePage", "ArticlePage", "CentrePage", "DonatePage"} <= names
    assert {"Topic", "Service", "CallToAction", "ContactSettings", "BankTransferSettings"} <= names
    inline = {child.__name__ for model in editable_models() for child, _ in fields_editors_see(model)}
    assert {"HomePageFeaturedProgramme", "CentrePagePhoto", "DonatePagePresetAmount"} <= inline


def lacks_help(owner, name):
    if issubclass(owner, Page) and name in WAGTAIL_PAGE_FIELDS:
        return False
    try:
        return not owner._meta.get_field(name).help_text
    except FieldDoesNotExist:
        return False  # a field Wagtail adds to the form itself (comment notifications), with its own label


@pytest.mark.parametrize("model", list(editable_models()), ids=lambda model: model.__name__)
def test_every_field_in_the_editor_has_help_text(model):
    missing = [f"{owner.__name__}.{name}" for owner, name in fields_editors_see(model) if lacks_help(owner, name)]
    assert missing == []


def test_every_field_of_the_offline_gift_form_has_help_text():
    missing = [name for name in GiftViewSet.form_fields if not Gift._meta.get_field(name).help_text]
    assert missing == []
