"""The body of the home page and of standard pages: the shared blocks, a campaign's progress and
impact figures."""

from core.blocks import BaseBodyBlock
from donate.blocks import CampaignProgressBlock
from impact.blocks import ImpactFiguresBlock


class StandardBodyBlock(BaseBodyBlock):
    campaign_progress = CampaignProgressBlock()
    impact_figures = ImpactFiguresBlock()
