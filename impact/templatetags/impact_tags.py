"""Template helpers for impact figures; the public home-page section as `{% impact_headlines %}`."""

from django import template

from impact.disclosure import display
from impact.headlines import headline_figures

register = template.Library()


@register.filter
def published(value):
    """A published figure as text; a hidden one never shows its value."""
    return display(value)


@register.filter
def by_period(series):
    """Series (one per line) turned into rows per period for the chart's data table."""
    if not series:
        return []
    rows = []
    for index, (period, _) in enumerate(series[0].points):
        rows.append({"period": period, "values": [one.points[index][1] for one in series]})
    return rows


@register.inclusion_tag("impact/headlines.html", takes_context=True)
def impact_headlines(context):
    """Headline figures for the latest complete year, for the home page."""
    return {"headlines": headline_figures("year"), "request": context.get("request")}
