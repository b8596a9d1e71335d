from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.models import BasePage


class LocationIndexPage(BasePage):
    """'Where We Work': the list of centres."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["locations.LocationPage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["centres"] = LocationPage.objects.child_of(self).live().public().order_by("path")
        return context


class LocationPage(BasePage):
    """A Child Friendly Centre, e.g. the one inside the FIA office at Quetta."""

    city = models.CharField(max_length=80)
    province = models.CharField(max_length=80, default="Balochistan")
    host_office = models.CharField(max_length=160, blank=True, help_text="e.g. 'Federal Investigation Agency office'.")
    description = RichTextField(features=["bold", "italic", "link", "ul"], blank=True)
    latitude = models.DecimalField(max_digits=7, decimal_places=4, help_text="City-level only, e.g. 30.18.")
    longitude = models.DecimalField(max_digits=7, decimal_places=4, help_text="City-level only, e.g. 66.99.")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("city"), FieldPanel("province"), FieldPanel("host_office")], "Where"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("latitude"), FieldPanel("longitude")], "Map position (city level)"),
    ]
    parent_page_types = ["locations.LocationIndexPage"]
    subpage_types = []
