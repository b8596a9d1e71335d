from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage, public
from core.snippets import PublicSnippet, in_main_language, in_reader_language

from . import map as centre_map


@register_snippet
class Service(PublicSnippet):
    """A service a centre offers, e.g. legal aid.

    One list, shared by the centre pages and the impact statistics, so a figure
    for "legal aid" always means the same thing wherever it appears. Translated like
    pages: the Urdu row shares the English row's slug and translation key, and impact
    figures and CSV imports key on the English rows only (`Service.originals()`).
    """

    name = models.CharField(max_length=80, help_text="The service as readers see it, e.g. 'Legal aid'.")
    slug = models.SlugField(max_length=80, help_text="Used in CSV imports and exports; do not change.")
    description = models.CharField(
        max_length=240, blank=True, help_text="One sentence on what the service gives a child."
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are listed first.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]
    preview_include = "components/service_preview.html"

    class Meta(PublicSnippet.Meta):
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_service_slug_per_language"),
            models.UniqueConstraint(fields=["name", "locale"], name="unique_service_name_per_language"),
        ]

    def __str__(self):
        return self.name


class CentreIndexPage(BasePage):
    """'Where We Work': the map and the list of centres."""

    intro = models.TextField(
        blank=True, help_text="One or two sentences above the map: where the centres are, and why."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["locations.CentrePage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        centres = list(public(CentrePage.objects.child_of(self).live()).select_related("locale").order_by("path"))
        context["centres"] = centres
        context["centre_map"] = centre_map.centre_map(centres, self.locale.language_code)
        return context


class CentrePage(BasePage):
    """A Child Friendly Centre, e.g. the one inside the FIA office at Quetta."""

    city = models.CharField(max_length=80, help_text="The town or city, e.g. 'Quetta'. Shown beside the map marker.")
    province = models.CharField(max_length=80, default="Balochistan", help_text="e.g. 'Balochistan'.")
    host_office = models.CharField(max_length=160, blank=True, help_text="e.g. 'Federal Investigation Agency office'.")
    description = RichTextField(
        features=["bold", "italic", "link", "ul"],
        blank=True,
        help_text="What the centre does and for whom. Never name or describe a child who stayed there.",
    )
    services = ParentalManyToManyField(
        Service,
        blank=True,
        related_name="centres",
        limit_choices_to=in_main_language,
        help_text="Tick every service this centre offers. The list is shared with the impact figures. "
        "Urdu pages show each service's Urdu translation.",
    )
    opening_hours = models.CharField(
        max_length=160,
        blank=True,
        help_text="Optional, e.g. 'Open day and night, every day of the year'. Left out of the page when empty.",
    )
    contact = models.CharField(
        max_length=160,
        blank=True,
        help_text="Optional: a phone number or a line on how to reach the centre. Left out of the page when empty.",
    )
    latitude = models.DecimalField(max_digits=7, decimal_places=4, help_text="City-level only, e.g. 30.18.")
    longitude = models.DecimalField(max_digits=7, decimal_places=4, help_text="City-level only, e.g. 66.99.")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("city"), FieldPanel("province"), FieldPanel("host_office")], "Where"),
        FieldPanel("description"),
        FieldPanel("services", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("opening_hours"), FieldPanel("contact")], "Opening hours and contact"),
        InlinePanel("photos", label="Photo", heading="Photos"),
        MultiFieldPanel([FieldPanel("latitude"), FieldPanel("longitude")], "Map position (city level)"),
    ]
    parent_page_types = ["locations.CentreIndexPage"]
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

    def clean(self):
        super().clean()
        if self.latitude is not None and self.longitude is not None:
            x, y = centre_map.project(self.latitude, self.longitude)
            if not centre_map.in_view(x, y):
                raise ValidationError(
                    {"latitude": "This position is outside the map of Pakistan. Check the latitude and longitude."}
                )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["services"] = in_reader_language(self.services.select_related("locale"))
        context["photos"] = list(
            self.photos.select_related("image").prefetch_related("image__renditions").order_by("sort_order")
        )
        context["programmes"] = list(self.programmes())
        return context

    def programmes(self):
        """The live programmes that list this centre among theirs, as pages (a title and an address).

        The link is the programme's (`programme_links` is the related name of programs' centre
        links), so centres need not import programmes: those are the layer above.
        """
        return public(Page.objects.live().filter(pk__in=self.programme_links.values("page_id"))).order_by("path")


class CentrePagePhoto(Orderable):
    """A photo in a centre's gallery."""

    page = ParentalKey(CentrePage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The building, a room or staff at work. Never a recognisable child.",
    )
    alt_text = models.CharField(
        max_length=200,
        help_text="What the photo shows, for people who cannot see it, e.g. 'The playroom, with cushions and toys'.",
    )
    caption = models.CharField(max_length=200, blank=True, help_text="Optional line shown under the photo.")

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]
