from wagtail import blocks

from .models import DonatePage


class CampaignProgressBlock(blocks.StructBlock):
    """A campaign's progress bar, placed anywhere editors like; figures come from paid gifts."""

    donate_page = blocks.PageChooserBlock(
        page_type="donate.DonatePage", help_text="The donate page whose campaign goal and gifts to show."
    )
    heading = blocks.CharBlock(max_length=120, required=False, help_text="e.g. 'Winter appeal'.")

    class Meta:
        icon = "success"
        template = "components/blocks/campaign_progress_block.html"
        description = "Progress towards a donate page's campaign goal"

    def get_preview_value(self):
        """The first donate page's campaign, as it stands."""
        page = DonatePage.objects.live().order_by("pk").first()
        return self.normalize({"donate_page": page, "heading": "Winter appeal"})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value["donate_page"].specific if value["donate_page"] else None
        context["donate_page"] = page
        context["goal"] = page.campaign_goal if page else None
        return context
