from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from home.blocks import StandardBodyBlock
from home.models import BasePage


class ProgramPage(BasePage):
    """One programme, e.g. Prevention & Protection of Trafficked Children."""

    summary = models.TextField(help_text="Two or three sentences: what the programme does and for whom.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Never an identifiable child.",
    )
    body = StreamField(StandardBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("hero_image"), FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
