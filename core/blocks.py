"""Blocks shared by every page family, and the body they all start from.

Each page family keeps its own named StreamBlock extending `BaseBodyBlock`
(`StandardBodyBlock` in home/, `ProgrammeBodyBlock` in programs/, `ArticleBodyBlock` in awareness/), so
that a block added to one family forces a migration on that family's pages alone.

The saved call to action and the help box show content that `home` owns (its snippet and
its site settings); they name it by label and import nothing from it.
"""

from django.apps import apps
from wagtail import blocks
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

PARAGRAPH_PREVIEW = (
    "<p>Children who reach a centre get <b>legal aid</b>, counselling, medical care and help to go home.</p>"
)


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

    def get_preview_value(self):
        """The library's first image, so that the block picker shows a real one."""
        image = get_image_model().objects.order_by("pk").first()
        return self.normalize({"image": image, "caption": "A caption says what the image shows, in one line."})


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

    def get_preview_value(self):
        return apps.get_model("home", "CallToAction").objects.order_by("pk").first()


class HelpCalloutBlock(blocks.StaticBlock):
    """The 'get help / report trafficking' box, with the numbers from the site settings."""

    class Meta:
        icon = "warning"
        template = "components/blocks/help_callout_block.html"
        admin_text = "Shows the help line numbers and text from Settings → Contact details and help line."
        description = "The help line box (its words and numbers come from the site settings)"
        preview_value = None  # the box has no value of its own: the preview shows the settings' words


# What a paragraph in a page body may use; long-form pages (programmes, articles) add subheadings.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]
LONG_FORM_FEATURES = ["h3", *PARAGRAPH_FEATURES]


def paragraph_block(features):
    return blocks.RichTextBlock(
        features=features,
        template="components/blocks/paragraph_block.html",
        icon="pilcrow",
        description="Formatted text",
        preview_value=PARAGRAPH_PREVIEW,
    )


class BaseBodyBlock(blocks.StreamBlock):
    """What every page family's body offers. A family extends it with blocks of its own, which
    come after these in the block picker, and may redefine one (the paragraph's features)."""

    heading = HeadingBlock()
    paragraph = paragraph_block(PARAGRAPH_FEATURES)
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    saved_call_to_action = SavedCallToActionBlock()
    help_callout = HelpCalloutBlock()
