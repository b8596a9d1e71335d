from django.db import models
from django.templatetags.static import static
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import seo
from core.models import URDU_HELP, BasePage, image_field, page_link_field, public, with_renditions
from core.snippets import PublicSnippet
from locations.models import CentrePage

from .blocks import StandardBodyBlock


class HomePage(BasePage):
    hero_heading = models.CharField(max_length=120, help_text="The first words a visitor reads.")
    hero_text = models.TextField(blank=True, help_text="One short paragraph under the heading.")
    hero_image = image_field("A wide photo of a place or of staff at work; never an identifiable child.")
    mission = RichTextField(features=["bold", "italic", "link"], blank=True, help_text="The mission statement.")
    where_we_work_heading = models.CharField(
        max_length=120, default="Where we work", help_text="Heading above the map of the centres."
    )
    where_we_work_text = models.TextField(blank=True, help_text="A sentence introducing the centres.")
    donate_heading = models.CharField(
        max_length=120,
        default="Help a child get home safely",
        help_text="Heading of the donate box near the end of the page.",
    )
    donate_text = models.TextField(blank=True, help_text="One or two sentences on what a gift does.")
    donate_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the donate button leads.",
    )
    body = StreamField(StandardBodyBlock(), blank=True, help_text="Optional extra sections at the end.")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")], "Hero"),
        FieldPanel("mission"),
        InlinePanel("featured_programmes", label="Featured programmes", max_num=6),
        MultiFieldPanel([FieldPanel("where_we_work_heading"), FieldPanel("where_we_work_text")], "Where we work"),
        MultiFieldPanel(
            [FieldPanel("donate_heading"), FieldPanel("donate_text"), PageChooserPanel("donate_page")],
            "Donate call to action",
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    def structured_data(self, request, context):
        data = organisation(request)
        if self.donate_page and self.donate_page.live:
            data["potentialAction"] = seo.donate_action(request, self.donate_page)
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.featured_programmes.filter(programme__live=True).select_related("programme__locale")
        featured = [item.programme for item in items]
        # The hero's renditions and the cards' in one query.
        images = with_renditions(self.hero_image_id, *(programme.hero_image_id for programme in featured))
        for programme in featured:
            programme.hero_image = images.get(programme.hero_image_id)
        context["featured_programmes"] = featured
        context["centres"] = (
            public(CentrePage.objects.live().filter(locale_id=self.locale_id))
            .select_related("locale")
            .order_by("path")
        )
        context["hero_image"] = images.get(self.hero_image_id)
        return context


class HomePageFeaturedProgramme(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_programmes")
    programme = models.ForeignKey(
        "programs.ProgrammePage",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="A programme to feature on the home page, in this order.",
    )

    panels = [PageChooserPanel("programme")]


class StandardPage(BasePage):
    """A simple page: About, Contact, Privacy notice."""

    intro = models.TextField(blank=True, help_text="A short opening paragraph.")
    body = StreamField(
        StandardBodyBlock(), blank=True, help_text="The page's content: headings, text, images, quotes and more."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields]
    parent_page_types = ["home.HomePage", "home.StandardPage"]


# An ordinary page that reveals nothing about what the reader was looking at.
NEUTRAL_SITE_URL = "https://www.bbc.com/weather"


@register_setting(icon="mail")
class ContactSettings(BaseSiteSetting):
    """Contact details and the 'get help' call-out, shown in every page's footer."""

    organisation_name = models.CharField(
        max_length=120, default="SEHER", help_text="Shown in the footer and in search results."
    )
    address = models.TextField(blank=True, help_text="Postal address of the head office.")
    phone = models.CharField(
        max_length=40, blank=True, help_text="The office's phone number, as people should dial it."
    )
    email = models.EmailField(blank=True, help_text="The office's public email address.")
    help_heading = models.CharField(
        max_length=120, default="Need help now?", help_text="Heading of the help-line box in every footer."
    )
    help_text = models.TextField(
        blank=True,
        help_text="What to do if a child is in danger or you suspect trafficking.",
    )
    helpline_name = models.CharField(max_length=80, blank=True, help_text="e.g. 'Child protection helpline'.")
    helpline_number = models.CharField(
        max_length=40, blank=True, help_text="The help line's number, as people should dial it."
    )
    emergency_number = models.CharField(max_length=40, blank=True, help_text="e.g. the police emergency number.")
    # The same words for Urdu pages: one site serves both languages, so a setting has one row.
    address_ur = models.TextField(blank=True, help_text=URDU_HELP)
    help_heading_ur = models.CharField(max_length=120, blank=True, help_text=URDU_HELP)
    help_text_ur = models.TextField(blank=True, help_text=URDU_HELP)
    helpline_name_ur = models.CharField(max_length=80, blank=True, help_text=URDU_HELP)
    neutral_site_url = models.URLField(
        default=NEUTRAL_SITE_URL,
        help_text=(
            "Where 'Exit this page' sends a reader who must hide what they were reading: "
            "an ordinary site that says nothing about trafficking, such as a weather or news page."
        ),
    )
    help_page = page_link_field(
        "The 'Get help' page, linked at the top of every page. Urdu pages link its Urdu translation."
    )
    safe_browsing_page = page_link_field(
        "The page on browsing privately and clearing history, linked beside 'Exit this page'."
    )
    privacy_page = page_link_field("The privacy notice, linked in every footer.")
    accessibility_page = page_link_field("The accessibility statement, linked in every footer.")
    registration_page = page_link_field(
        "The page giving the organisation's registration details, linked in every footer."
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("address"), FieldPanel("phone"), FieldPanel("email")],
            "Contact details",
        ),
        MultiFieldPanel(
            [
                FieldPanel("help_heading"),
                FieldPanel("help_text"),
                FieldPanel("helpline_name"),
                FieldPanel("helpline_number"),
                FieldPanel("emergency_number"),
            ],
            "Get help / report trafficking",
        ),
        MultiFieldPanel(
            [
                FieldPanel("help_heading_ur"),
                FieldPanel("help_text_ur"),
                FieldPanel("helpline_name_ur"),
                FieldPanel("address_ur"),
            ],
            "In Urdu",
        ),
        MultiFieldPanel(
            [FieldPanel("neutral_site_url"), PageChooserPanel("help_page"), PageChooserPanel("safe_browsing_page")],
            "Leave this site quickly",
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("privacy_page"),
                PageChooserPanel("accessibility_page"),
                PageChooserPanel("registration_page"),
            ],
            "Footer links",
        ),
    ]

    # The pages linked in every header and footer, by field name.
    FOOTER_PAGES = ("privacy_page", "accessibility_page", "registration_page")
    LINKED_PAGES = ("help_page", "safe_browsing_page", *FOOTER_PAGES)

    class Meta:
        verbose_name = "contact details and help line"


@register_snippet
class CallToAction(PublicSnippet):
    """A call to action reused on several pages (e.g. 'Give monthly'); change it once, it changes everywhere.

    So a change goes through moderation before any page shows it; Urdu pages show its Urdu translation.
    """

    name = models.CharField(max_length=80, help_text="For finding it in the chooser; not shown.")
    heading = models.CharField(max_length=120, help_text="Short and direct, e.g. 'Help a child get home'.")
    text = models.TextField(blank=True, help_text="One or two sentences.")
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the button leads on this site (or give an address below). "
        "Urdu pages link its Urdu translation when there is one.",
    )
    link_url = models.URLField(blank=True, help_text="An address elsewhere, used when no page is chosen.")
    link_text = models.CharField(max_length=60, help_text="The button's words, e.g. 'Donate now'.")

    panels = [
        FieldPanel("name"),
        FieldPanel("heading"),
        FieldPanel("text"),
        PageChooserPanel("link_page"),
        FieldPanel("link_url"),
        FieldPanel("link_text"),
    ]
    # The chosen page stays the English one; the template links the reader's translation of it.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("heading"),
        TranslatableField("text"),
        TranslatableField("link_text"),
        SynchronizedField("link_page"),
        SynchronizedField("link_url"),
    ]
    preview_include = "components/call_to_action_preview.html"

    class Meta(PublicSnippet.Meta):
        ordering = ["name"]
        verbose_name = "call to action"
        constraints = [
            models.UniqueConstraint(fields=["name", "locale"], name="unique_call_to_action_name_per_language")
        ]

    def __str__(self):
        return self.name


def organisation(request):
    """SEHER as a schema.org NGO, with the contact details from the site settings."""
    contact = ContactSettings.for_request(request)
    data = {
        "@type": "NGO",
        "name": contact.organisation_name,
        "url": request.build_absolute_uri("/"),
        "logo": request.build_absolute_uri(static("img/favicon.svg")),
        "areaServed": {"@type": "AdministrativeArea", "name": "Balochistan, Pakistan"},
    }
    if contact.phone:
        data["telephone"] = contact.phone
    if contact.email:
        data["email"] = contact.email
    if contact.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": contact.address, "addressCountry": "PK"}
    return data
