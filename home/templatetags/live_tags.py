"""Parts of a page the page cache treats on their own (pagecache/cache.py).

`{% live_figure "campaign" donate_page %}`: a figure that changes with gifts, kept
apart and filled into cached pages, at most LIVE_FIGURES_SECONDS old.

`{% site_fragment "menu" part %}...{% endsite_fragment %}`: markup shown on every
page (the main menu, the footer), rendered once per change that may show on any
page, per host, language and the parts given, and reused by later renders.
"""

from django import template
from django.utils import translation

from pagecache.cache import live_figure as live_figure_html
from pagecache.cache import once_per_change

register = template.Library()


@register.simple_tag
def live_figure(name, obj):
    if obj is None:
        return ""
    return live_figure_html(name, obj.pk, translation.get_language() or "en")


class SiteFragmentNode(template.Node):
    def __init__(self, parts, nodelist):
        self.parts = parts
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        host = request.get_host() if request is not None else ""
        parts = (host, translation.get_language(), *(str(part.resolve(context)) for part in self.parts))
        return once_per_change(("fragment", *parts), lambda: self.nodelist.render(context))


@register.tag
def site_fragment(parser, token):
    parts = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endsite_fragment",))
    parser.delete_first_token()
    return SiteFragmentNode(parts, nodelist)
