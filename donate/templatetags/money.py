"""`{{ amount|money:"PKR" }}`: an amount written for the reader's language ("Rs 5,000", "5,000 روپے")."""

from django import template

from donate.currencies import format_money

register = template.Library()


@register.filter
def money(amount, code):
    if amount is None or amount == "":
        return ""
    return format_money(amount, code)
