"""The impact statistics in the staff area: a menu item and a panel on the admin home page."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import urls
from .views import can_enter, can_view


class ImpactMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view(request.user)


class ImpactPanel(Component):
    """Links to the impact statistics, for everyone allowed to see them."""

    name = "impact_statistics"
    order = 120

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        return render_to_string("impact/admin/home_panel.html", {"can_enter": can_enter(self.user)})


@hooks.register("register_admin_urls")
def register_impact_urls():
    return [path("impact/", include(urls, namespace="impact"))]


@hooks.register("register_admin_menu_item")
def register_impact_menu_item():
    return ImpactMenuItem("Impact statistics", reverse("impact:dashboard"), icon_name="table", order=310)


@hooks.register("construct_homepage_panels")
def add_impact_panel(request, panels):
    if can_view(request.user):
        panels.append(ImpactPanel(request.user))
