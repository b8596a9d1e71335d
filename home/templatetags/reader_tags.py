"""Editor-entered wording in the reader's language.

Site settings cannot be translated like pages, so a setting has one row and its Urdu
wording sits in a `<field>_ur` field beside the English: `{{ contact|for_reader:"field" }}`
gives the Urdu on Urdu pages when an editor has filled it in, and the English otherwise.

Snippets readers see (topics, services, calls to action) are translated like pages, one
row per language: `{{ snippets|in_reader_language }}` and `{{ snippet|one_in_reader_language }}`
give the live row in the reader's language, else the live English (core/snippets.py).
"""

from django import template
from django.utils import translation

from core import snippets

register = template.Library()

register.filter("in_reader_language", snippets.in_reader_language)
register.filter("one_in_reader_language", snippets.one_in_reader_language)


@register.filter
def for_reader(obj, name):
    if translation.get_language() == "ur":
        urdu = getattr(obj, f"{name}_ur", "")
        if urdu:
            return urdu
    return getattr(obj, name)


@register.filter
def other_language(page, shown_on):
    """The language code of `page` when it differs from that of `shown_on` (the page listing it), else "".

    A listing in Urdu that links a page with no Urdu version yet marks the link with it.
    """
    if page.locale_id == shown_on.locale_id:
        return ""
    return page.locale.language_code
