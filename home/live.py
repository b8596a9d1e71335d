"""Live figures: the parts of a page that change with gifts, kept apart from the page cache.

Each function renders one figure's HTML from an id; `{% live_figure %}` puts it in a
page between hole markers, and pagecache/cache.py refreshes it in cached pages at
most every LIVE_FIGURES_SECONDS, so a gift never uncaches a page.
"""

from django.template.loader import render_to_string

from donate.models import DonatePage


def campaign_progress(page_id):
    """'Rs 12,000 raised of Rs 50,000' and the bar, for a donate page's campaign."""
    page = DonatePage.objects.filter(pk=page_id).first()
    if page is None or not page.campaign_goal:
        return ""
    context = {"page": page, "goal": page.campaign_goal, "raised": page.raised_so_far()}
    return render_to_string("components/live/campaign_progress.html", context)
