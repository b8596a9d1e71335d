"""Editor-entered wording in the reader's language.

One site serves English and Urdu, so a setting or snippet has one row: its Urdu wording
sits in a `<field>_ur` field beside the English. `{{ object|for_reader:"field" }}` gives
the Urdu on Urdu pages when an editor has filled it in, and the English otherwise.
"""

from django import template
from django.utils import translation

register = template.Library()


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
