from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page of the current site, in the reader's language where a translation exists."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    return site.root_page.localized.specific


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    root = site_root(context)
    items = root.get_children().live().in_menu().select_related("locale") if root else []
    current = context.get("page")
    current_path = getattr(current, "path", "")
    return {
        "request": context.get("request"),  # lets {% pageurl %} reuse the request's cached site paths
        "items": [(item, bool(current_path) and current_path.startswith(item.path)) for item in items],
    }
