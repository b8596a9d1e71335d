from django import template
from django.utils import translation

from config.pagecache import live_figure as live_figure_html

register = template.Library()


@register.simple_tag
def live_figure(name, obj):
    """`{% live_figure "campaign" donate_page %}`: a figure that changes with gifts (config/pagecache.py)."""
    if obj is None:
        return ""
    return live_figure_html(name, obj.pk, translation.get_language() or "en")
