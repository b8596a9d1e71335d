"""Body blocks for programme and article pages.

Each family has its own named StreamBlock, so a change to one never forces a
migration on the other or on the home app's pages.
"""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import (
    CallToActionBlock,
    CaptionedImageBlock,
    HeadingBlock,
    HelpCalloutBlock,
    QuoteBlock,
    SavedCallToActionBlock,
)
from impact.blocks import ImpactFiguresBlock

RICH_TEXT_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class ServicesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="What children receive")
    services = blocks.ListBlock(
        SnippetChooserBlock("locations.Service"),
        help_text="Chosen from the shared list of services, the same list the impact figures count.",
    )

    class Meta:
        icon = "list-ul"
        template = "components/blocks/services_block.html"
        description = "A list of services from the shared services list"


def paragraph_block():
    return blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        template="components/blocks/paragraph_block.html",
        icon="pilcrow",
        description="Formatted text",
    )


class ProgramBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = paragraph_block()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    services = ServicesBlock()
    impact_figures = ImpactFiguresBlock()
    call_to_action = CallToActionBlock()
    saved_call_to_action = SavedCallToActionBlock()
    help_callout = HelpCalloutBlock()


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = paragraph_block()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    saved_call_to_action = SavedCallToActionBlock()
    help_callout = HelpCalloutBlock()
