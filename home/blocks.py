"""Small blocks shared by several page families.

Each page family keeps its own named StreamBlock (`StandardBodyBlock` here,
`ProgramBodyBlock` in programs/) so that changing one never forces a migration
on every page model.
"""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from donate.blocks import CampaignProgressBlock
from impact.blocks import ImpactFiguresBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text="The heading's words, short and plain.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (H2)"), ("h3", "Sub-heading (H3)")],
        default="h2",
        help_text="Use H2 for a new section and H3 inside a section, so screen readers can follow.",
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"
        description = "A section heading"
        preview_value = {"text": "How the centres help", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(help_text="Never show a child who could be recognised. Alt text is required.")
    caption = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "components/blocks/captioned_image_block.html"
        description = "An image with its alt text and an optional caption"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The words quoted. For a child's words, use a changed name.")
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"
        description = "A pull quote"
        preview_value = {"quote": "Every child deserves to be safe and heard.", "attribution": "SEHER"}


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    link_page = blocks.PageChooserBlock(required=False, help_text="A page on this site, or…")
    link_url = blocks.URLBlock(required=False, help_text="…an address elsewhere.")
    link_text = blocks.CharBlock(max_length=60, help_text="The button's words, e.g. 'Donate now'.")

    class Meta:
        icon = "pick"
        template = "components/blocks/call_to_action_block.html"
        description = "A highlighted box with a button"
        preview_value = {"heading": "Help a child get home", "link_text": "Donate"}


class SavedCallToActionBlock(SnippetChooserBlock):
    """One of the reusable calls to action kept under Snippets, so a change shows everywhere it is used."""

    def __init__(self, **kwargs):
        super().__init__("home.CallToAction", **kwargs)

    class Meta:
        icon = "pick"
        template = "components/blocks/saved_call_to_action_block.html"
        description = "A call to action kept under Snippets and reused on several pages"


class HelpCalloutBlock(blocks.StaticBlock):
    """The 'get help / report trafficking' box, with the numbers from the site settings."""

    class Meta:
        icon = "warning"
        template = "components/blocks/help_callout_block.html"
        admin_text = "Shows the help line numbers and text from Settings → Contact details and help line."
        description = "The help line box (its words and numbers come from the site settings)"


class StandardBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"],
        template="components/blocks/paragraph_block.html",
        icon="pilcrow",
        description="Formatted text",
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    saved_call_to_action = SavedCallToActionBlock()
    help_callout = HelpCalloutBlock()
    campaign_progress = CampaignProgressBlock()
    impact_figures = ImpactFiguresBlock()
