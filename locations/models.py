from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from home.models import BasePage


@register_snippet
class Service(models.Model):
    """A service a centre offers, e.g. legal aid.

    One list, shared by the centre pages and the impact statistics, so a figure
    for "legal aid" always means the same thing wherever it appears.
    """

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in CSV imports and exports; do not change.")
    description = models.CharField(max_length=240, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


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

    def structured_data(self, request, context):
        return {
            "@type": "Place",
            "name": self.title,
            "url": self.get_full_url(request),
            "address": {
                "@type": "PostalAddress",
                "addressLocality": self.city,
                "addressRegion": self.province,
                "addressCountry": "PK",
            },
            "geo": {"@type": "GeoCoordinates", "latitude": float(self.latitude), "longitude": float(self.longitude)},
        }
