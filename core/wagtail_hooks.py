from django.templatetags.static import static
from django.utils.html import format_html_join
from wagtail import hooks

# The staff charts (core.charts) take their colours from the site's design tokens.
ADMIN_STYLESHEETS = ("css/tokens.css", "css/admin/charts.css")


@hooks.register("insert_global_admin_css")
def chart_colours():
    return format_html_join("", '<link rel="stylesheet" href="{}">', ((static(path),) for path in ADMIN_STYLESHEETS))
