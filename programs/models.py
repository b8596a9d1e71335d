"""Programmes: what SEHER does. ProgrammeIndexPage ("Our work") holds the programmes."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import BasePage, image_field, public, with_renditions_of, with_untranslated

from .blocks import ProgrammeBodyBlock


class ProgrammeIndexPage(BasePage):
    """'Our work': the list of programmes (in Urdu, those not translated yet are listed in English)."""

    intro = models.TextField(blank=True, help_text="A short paragraph above the list of programmes.")

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["programs.ProgrammePage"]
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programmes"] = (
            public(with_untranslated(ProgrammePage, self).live())
            .select_related("hero_image", "locale")
            .prefetch_related("hero_image__renditions")
            .order_by("path")
        )
        return context


class ProgrammePage(BasePage):
    """One programme, e.g. Prevention & Protection of Trafficked Children."""

    summary = models.TextField(help_text="Two or three sentences: what the programme does and for whom.")
    hero_image = image_field(
        "A wide photo of a place or of staff at work; never an identifiable child. "
        "Its alt text comes from the image's description."
    )
    body = StreamField(
        ProgrammeBodyBlock(),
        blank=True,
        help_text="What the programme does: text, services, figures, images and calls to action.",
    )

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("centre_links", heading="Centres that deliver it", label="Centre"),
        InlinePanel("related_links", heading="Related programmes", label="Related programme", max_num=3),
    ]
    parent_page_types = ["programs.ProgrammeIndexPage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["hero_image"] = with_renditions_of(self.hero_image_id)
        context["centres"] = [
            link.centre
            for link in self.centre_links.filter(centre__live=True).select_related("centre", "centre__locale")
        ]
        context["related_programmes"] = [
            link.programme
            for link in self.related_links.filter(programme__live=True).select_related(
                "programme", "programme__locale", "programme__hero_image"
            )
        ]
        return context


class ProgrammePageCentre(Orderable):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="centre_links")
    centre = models.ForeignKey(
        "locations.CentrePage",
        on_delete=models.CASCADE,
        related_name="programme_links",
        help_text="A centre where this programme is delivered.",
    )

    panels = [PageChooserPanel("centre")]


class ProgrammePageRelated(Orderable):
    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="related_links")
    programme = models.ForeignKey(
        ProgrammePage, on_delete=models.CASCADE, related_name="+", help_text="Another programme readers may want."
    )

    panels = [PageChooserPanel("programme")]
