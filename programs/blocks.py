"""Body blocks for programme and article pages.

Each family has its own named StreamBlock, so a change to one never forces a
migration on the other or on the home app's pages.
"""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import BaseBodyBlock, paragraph_block
from impact.blocks import ImpactFiguresBlock
from locations.models import Service

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

    def get_preview_value(self):
        services = Service.originals().order_by("pk")[:3]
        return self.normalize({"heading": "What children receive", "services": list(services)})


class ProgrammeBodyBlock(BaseBodyBlock):
    paragraph = paragraph_block(RICH_TEXT_FEATURES)
    services = ServicesBlock()
    impact_figures = ImpactFiguresBlock()


class ArticleBodyBlock(BaseBodyBlock):
    paragraph = paragraph_block(RICH_TEXT_FEATURES)
