from wagtail import blocks

from .headlines import DEFAULT_FIGURES, FIGURE_CHOICES, headline_figures


class ImpactFiguresBlock(blocks.StructBlock):
    """Headline figures from the centres, rounded and protected like every published impact figure."""

    heading = blocks.CharBlock(max_length=120, default="Our work in numbers")
    figures = blocks.MultipleChoiceBlock(
        choices=FIGURE_CHOICES,
        default=DEFAULT_FIGURES,
        help_text="Which figures to show. Any that are too small to publish safely are left out.",
    )
    period = blocks.ChoiceBlock(
        choices=[("year", "The last full year"), ("quarter", "The last full quarter")],
        default="year",
        help_text="Figures always cover a whole year or quarter, never part of one.",
    )

    class Meta:
        icon = "table"
        template = "components/blocks/impact_figures_block.html"
        description = "Headline figures from the centres (rounded, small numbers hidden)"
        preview_value = {"heading": "Our work in numbers", "figures": DEFAULT_FIGURES, "period": "year"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["headlines"] = headline_figures(value.get("period") or "year", list(value.get("figures") or []))
        return context
