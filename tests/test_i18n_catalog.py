"""The Urdu catalog: complete for every public template, compiled, and the compiled file current.

When this fails after new templates arrived, add the listed strings to
locale/ur/LC_MESSAGES/django.po (steps in docs/editors.md, "Strings in the site's templates").
"""

import gettext
import re
from pathlib import Path

import polib
from django.template import engines
from django.template.base import FilterExpression, Node, Variable
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
PO = ROOT / "locale" / "ur" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# Staff-only templates: the admin and the staff login stay in English.
STAFF_ONLY = ("donate/admin/", "allauth/", "staff/", "wagtailadmin/")
TRANSLATED_LITERAL = re.compile(r"""_\((["'])(.*?)\1\)""")


def literal(expression):
    """The constant string of a FilterExpression or Variable, or None when it is a variable."""
    value = expression.var if isinstance(expression, FilterExpression) else expression
    if isinstance(value, Variable):
        return value.literal if isinstance(value.literal, str) else None
    return value if isinstance(value, str) else None


def translated_variables(node):
    """`_("…")` strings anywhere in a node's expressions, e.g. `{{ x|default:_("Helpline") }}`."""
    expressions = []
    for value in vars(node).values():
        items = value.values() if isinstance(value, dict) else value if isinstance(value, list | tuple) else [value]
        expressions.extend(item for item in items if isinstance(item, FilterExpression))
    for expression in expressions:
        # Constant filter arguments are resolved (translated) when the template compiles: read the source token.
        for _, msgid in TRANSLATED_LITERAL.findall(expression.token):
            yield (None, msgid, None)


def messages_in(source):
    """Every (context, msgid, plural msgid) that a template's source asks to translate."""
    template = engines["django"].engine.from_string(source)
    found = set()
    for node in template.nodelist.get_nodes_by_type(Node):
        context = literal(node.message_context) if getattr(node, "message_context", None) else None
        if isinstance(node, TranslateNode) and not node.noop:
            msgid = literal(node.filter_expression)
            if msgid is not None:
                found.add((context, str(msgid), None))
        elif isinstance(node, BlockTranslateNode):
            singular, _ = node.render_token_list(node.singular)
            plural = node.render_token_list(node.plural)[0] if node.plural else None
            found.add((context, singular, plural))
        else:
            found.update(translated_variables(node))
    return found


def public_templates():
    for path in sorted(TEMPLATES.rglob("*")):
        name = path.relative_to(TEMPLATES).as_posix()
        if path.is_file() and path.suffix in (".html", ".txt") and not name.startswith(STAFF_ONLY):
            yield name, path


def compiled_catalog():
    with MO.open("rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def has_translation(catalog, context, msgid, plural):
    key = f"{context}\x04{msgid}" if context else msgid
    if plural is not None:
        return bool(catalog.get((key, 0))) and bool(catalog.get((key, 1)))
    return bool(catalog.get(key))


def missing_translations(catalog, templates):
    missing = {}
    for name, path in templates:
        for context, msgid, plural in sorted(messages_in(path.read_text()), key=str):
            if not has_translation(catalog, context, msgid, plural):
                missing.setdefault((context, msgid, plural), []).append(name)
    return missing


def describe(missing):
    lines = [f"{len(missing)} template string(s) have no Urdu translation in {MO.relative_to(ROOT)}:"]
    for (context, msgid, plural), names in sorted(missing.items(), key=str):
        where = ", ".join(sorted(set(names)))
        ctx = f" [context {context!r}]" if context else ""
        plural_text = f" / plural {plural!r}" if plural else ""
        lines.append(f"  {msgid!r}{plural_text}{ctx}  (in {where})")
    lines.append("Add them to django.po (makemessages), translate, then compilemessages: see docs/editors.md.")
    return "\n".join(lines)


def test_every_public_template_string_has_an_urdu_translation():
    catalog = compiled_catalog()
    templates = list(public_templates())
    assert len(templates) > 15, "the template scan found too few templates"
    missing = missing_translations(catalog, templates)
    assert not missing, describe(missing)


def test_the_scan_finds_every_kind_of_marked_string():
    source = """{% load i18n %}
    <a aria-label="{% translate 'Main' %}">{% translate "Skip to main content" %}</a>
    {% translate "Rs %(amount)s" context "amount in Pakistani rupees" %}
    {{ name|default:_("Helpline") }}
    {% if x %}{% for y in z %}
      {% blocktranslate with amount=a %}Your gift of {{ amount }} is confirmed.{% endblocktranslate %}
    {% endfor %}{% endif %}
    {% blocktranslate count seconds=n %}{{ seconds }} second.{% plural %}{{ seconds }} seconds.{% endblocktranslate %}
    {% translate some_variable %}{% translate "ignored" noop %}
    """
    assert messages_in(source) == {
        (None, "Main", None),
        (None, "Skip to main content", None),
        ("amount in Pakistani rupees", "Rs %(amount)s", None),
        (None, "Helpline", None),
        (None, "Your gift of %(amount)s is confirmed.", None),
        (None, "%(seconds)s second.", "%(seconds)s seconds."),
    }


def test_the_check_lists_a_string_missing_from_the_catalog(tmp_path):
    page = tmp_path / "new_page.html"
    page.write_text('{% load i18n %}<h1>{% translate "A sentence nobody has translated yet" %}</h1>')
    missing = missing_translations(compiled_catalog(), [("new_page.html", page)])
    assert list(missing) == [(None, "A sentence nobody has translated yet", None)]
    assert "'A sentence nobody has translated yet'  (in new_page.html)" in describe(missing)


def test_known_template_strings_are_found_in_the_site_templates():
    found = set()
    for _, path in public_templates():
        found |= messages_in(path.read_text())
    msgids = {msgid for _, msgid, _ in found}
    # One from each family: base layout, errors (plain and plural), donate flow, receipts, search.
    for expected in (
        "Skip to main content",
        "We could not find that page",
        "Something went wrong on our side",
        "Continue to secure payment",
        "Thank you for your gift of %(amount)s.",
        "Your receipt from SEHER (no. %(number)s)",
        "Search the site",
    ):
        assert expected in msgids
    assert any(plural for _, _, plural in found), "the 429 page's plural message was not found"


def test_the_po_file_has_no_untranslated_or_fuzzy_entries():
    po = polib.pofile(str(PO))
    assert po.metadata["Language"] == "ur"
    assert not po.metadata_is_fuzzy
    problems = [entry.msgid for entry in po if entry.fuzzy or not entry.translated()]
    assert not problems, f"untranslated or fuzzy in django.po: {problems}"


def test_the_committed_mo_file_is_compiled_from_the_current_po():
    """Compare what each file says (not bytes): a bare machine can run this without gettext's msgfmt."""

    def entries(catalog):
        out = {}
        for entry in catalog:
            if "fuzzy" in entry.flags or entry.obsolete or not (entry.msgstr or any(entry.msgstr_plural.values())):
                continue
            value = tuple(sorted(entry.msgstr_plural.items())) if entry.msgid_plural else entry.msgstr
            out[(entry.msgctxt, entry.msgid, entry.msgid_plural or None)] = value
        return out

    from_po = entries(polib.pofile(str(PO)))
    from_mo = entries(polib.mofile(str(MO)))
    assert from_po, "django.po has no translations"
    stale = sorted(set(from_po.items()) ^ set(from_mo.items()), key=str)
    assert not stale, (
        "locale/ur/LC_MESSAGES/django.mo is out of date with django.po; run "
        f"`python manage.py compilemessages -l ur --ignore=.venv`. Differences: {stale[:5]}"
    )


def test_urdu_keeps_every_placeholder():
    """A translation that drops or renames %(amount)s would crash or lose the amount at render time."""
    pattern = re.compile(r"%\(\w+\)s")
    for entry in polib.pofile(str(PO)):
        if "python-format" not in entry.flags:
            continue
        if entry.msgid_plural:  # Urdu has two forms: singular, then plural
            pairs = [(entry.msgid, entry.msgstr_plural[0]), (entry.msgid_plural, entry.msgstr_plural[1])]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            assert sorted(pattern.findall(text)) == sorted(pattern.findall(source)), entry.msgid
