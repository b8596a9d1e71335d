"""Moving a snippet's hand-made Urdu columns into wagtail-localize translations.

Used by the migrations that made topics and services translatable: each row with Urdu
in its `<field>_ur` columns gets an Urdu row beside it (locale `ur`, the same
translation_key), holding the Urdu where there was some and the English elsewhere, as
Urdu pages showed it before. Works on historical (migration) models and on the real ones.
"""

URDU = "ur"


def urdu_columns_to_translations(sources, fields, urdu_locale):
    """An Urdu translation of each source row whose `<field>_ur` columns hold any Urdu. Returns how many were made."""
    made = 0
    for source in sources:
        urdu = {field: getattr(source, f"{field}_ur") for field in fields if getattr(source, f"{field}_ur")}
        if urdu and add_urdu_translation(source, urdu, urdu_locale) is not None:
            made += 1
    return made


def add_urdu_translation(source, urdu, urdu_locale):
    """A copy of `source` in Urdu with the given field values, or None when it already has one."""
    model = type(source)
    if model.objects.filter(translation_key=source.translation_key, locale=urdu_locale).exists():
        return None
    translation = model.objects.get(pk=source.pk)
    translation.pk = None
    translation._state.adding = True
    translation.locale = urdu_locale
    translation.latest_revision = None
    translation.live_revision = None
    for name, value in urdu.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def migration_operation(model_label, fields):
    """The RunPython step for one model: its rows in the main language, their Urdu columns into translations."""

    def forwards(apps, schema_editor):
        model = apps.get_model(model_label)
        locale_model = apps.get_model("wagtailcore", "Locale")
        rows = model.objects.exclude(locale__language_code=URDU)
        if any(rows.exclude(**{f"{field}_ur": ""}).exists() for field in fields):
            urdu_locale, _ = locale_model.objects.get_or_create(language_code=URDU)
            urdu_columns_to_translations(rows, fields, urdu_locale)

    def backwards(apps, schema_editor):
        """Back into the columns, then the Urdu rows go."""
        model = apps.get_model(model_label)
        urdu_rows = model.objects.filter(locale__language_code=URDU)
        for row in urdu_rows:
            values = {f"{field}_ur": getattr(row, field) for field in fields}
            model.objects.filter(translation_key=row.translation_key).exclude(pk=row.pk).update(**values)
        urdu_rows.delete()

    return forwards, backwards
