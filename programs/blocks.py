"""Body blocks for programme pages.

Each page family has its own named StreamBlock (articles' is in awareness/blocks.py),
so a change to one never forces a migration on another.
"""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from core.blocks import LONG_FORM_FEATURES, BaseBodyBlock, paragraph_block
from impact.blocks import ImpactFiguresBlock
from locations.models import Service


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
    paragraph = paragraph_block(LONG_FORM_FEATURES)
    services = ServicesBlock()
    impact_figures = ImpactFiguresBlock()
