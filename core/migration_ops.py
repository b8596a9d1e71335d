"""Operations for migrations that rename a model or a field of a page.

Django's `RenameModel` renames the table, and during `migrate` the contenttypes and
auth apps rename the content type and the model's permissions, so rows, pages and
group grants keep pointing at it. What Django does not reach is data stored as JSON
keyed by field name: Wagtail's revisions and wagtail-localize's translation sources.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations


def _rename_keys(data, relation, new_relation, field, new_field):
    """Rename a child relation, and a field of its items, in one page's serialised data."""
    if not isinstance(data, dict) or relation not in data:
        return False
    items = data.pop(relation)
    for item in items if isinstance(items, list) else []:
        if field and isinstance(item, dict) and field in item:
            item[new_field] = item.pop(field)
    data[new_relation] = items
    return True


def _rewrite_page_data(apps, app_label, models, relation, new_relation, field, new_field):
    Revision = apps.get_model("wagtailcore", "Revision")
    revisions = Revision.objects.filter(content_type__app_label=app_label, content_type__model__in=models)
    for revision in revisions.iterator():
        if _rename_keys(revision.content, relation, new_relation, field, new_field):
            revision.save(update_fields=["content"])
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    sources = TranslationSource.objects.filter(
        specific_content_type__app_label=app_label, specific_content_type__model__in=models
    )
    for source in sources.iterator():
        data = json.loads(source.content_json)
        if _rename_keys(data, relation, new_relation, field, new_field):
            source.content_json = json.dumps(data, cls=DjangoJSONEncoder)
            source.save(update_fields=["content_json"])


def RenameInPageData(app_label, models, relation, new_relation, field=None, new_field=None):
    """A reversible RunPython for a renamed child relation (or a field of its items) of a page.

    Revisions and wagtail-localize's translation sources keep each page as serialised
    data keyed by field name. Without this, a draft saved before the rename, or a
    revision restored after it, would come back without the renamed relation's items
    (Wagtail ignores keys it does not know), and publishing it would delete them.
    `models` names the page model both before and after a rename in the same migration.
    """
    models = [name.lower() for name in models]

    def forwards(apps, schema_editor):
        _rewrite_page_data(apps, app_label, models, relation, new_relation, field, new_field)

    def backwards(apps, schema_editor):
        _rewrite_page_data(apps, app_label, models, new_relation, relation, new_field, field)

    return migrations.RunPython(forwards, backwards)
