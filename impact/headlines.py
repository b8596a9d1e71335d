"""Headline figures for the public site, taken from the same protected tables as the staff dashboard.

They cover a whole past year or quarter and are read from its publication, so they
change only when something is published: each worker keeps them for a few minutes. A
publication clears this worker's copy at once (signal in apps.py); others follow within
`KEEP_SECONDS`.
"""

import time

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .disclosure import HIDDEN, PLAIN_LANGUAGE_NOTE, latest_complete
from .statistics import ImpactStatistics

# key -> (what the public reads, where the figure comes from: "received" or a service slug)
FIGURES = {
    "children_received": (_("children received at our centres"), "received"),
    "family_reunification": (_("children reunited with their families"), "family-reunification"),
    "legal_aid": (_("children given free legal aid"), "legal-aid"),
    "medical_aid": (_("children given medical care"), "medical-aid"),
    "counselling": (_("children given counselling"), "psychosocial-counselling"),
}
DEFAULT_FIGURES = ["children_received", "family_reunification", "legal_aid"]
FIGURE_CHOICES = [(key, label) for key, (label, _source) in FIGURES.items()]


KEEP_SECONDS = 600
_kept = {}


def forget(**kwargs):
    """Drop the kept headline figures (after figures change)."""
    _kept.clear()


def headline_figures(kind="year", keys=None, today=None):
    """The headline figures, kept for a few minutes per worker; see `protected_headlines`."""
    period = latest_complete(kind, today or timezone.localdate())
    key = (period, tuple(keys or DEFAULT_FIGURES))
    kept = _kept.get(key)
    if kept is not None and kept[0] > time.monotonic():
        return kept[1]
    headlines = protected_headlines(period, key[1])
    _kept[key] = (time.monotonic() + KEEP_SECONDS, headlines)
    return headlines


def protected_headlines(period, keys):
    """{"period", "figures": [{"label", "value"}], "note"} for one whole year or quarter.

    Figures the disclosure rules hide are left out; None when nothing can be shown.
    """
    statistics = ImpactStatistics(period.kind, periods=[period])
    if period not in statistics.tables:
        return None
    figures = []
    for key in keys:
        if key not in FIGURES:
            continue
        label, source = FIGURES[key]
        value = statistics.received_total(period) if source == "received" else statistics.service_total(period, source)
        if value is not HIDDEN and value > 0:
            figures.append({"label": label, "value": value})
    if not figures:
        return None
    return {"period": period, "figures": figures, "note": PLAIN_LANGUAGE_NOTE}
