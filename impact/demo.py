"""Demo figures: three years of months for the three centres, Quetta busiest, Gwadar smallest.

Gwadar's months are small enough that many of its cells must be hidden, so the
disclosure rules show on the demo dashboard. The closed periods are then published,
as `publish_impact` does from cron. Deterministic (demo.random) and safe to run twice.
"""

import datetime

from django.utils import timezone

from locations.models import Service

from .figures import BREAKDOWN_KEYS
from .models import MonthlyReturn, ReceivedBreakdown, ServiceFigure
from .publishing import publish_due

MONTHS = 36
# Children received in an ordinary month, by centre slug.
TYPICAL = {"quetta": 120, "taftan": 45, "gwadar": 12}
# Share of the month's children given each service.
SERVICE_SHARE = {
    "child-friendly-care": 0.95,
    "nutrition": 0.9,
    "legal-aid": 0.4,
    "psychosocial-counselling": 0.5,
    "medical-aid": 0.6,
    "recreation": 0.7,
    "family-reunification": 0.3,
}
# Girls, then boys; each by age band 0-5, 6-11, 12-14, 15-17.
GROUP_SHARE = [0.03, 0.08, 0.1, 0.09, 0.05, 0.17, 0.25, 0.23]


def months_back(count, today):
    month = today.replace(day=1)
    result = []
    for _ in range(count):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
        result.append(month)
    return list(reversed(result))


def split(total, shares, rng):
    """Spread a total over groups roughly by share; the remainder (if any) is left unrecorded."""
    parts = [int(total * share * rng.uniform(0.7, 1.1)) for share in shares]
    while sum(parts) > total:
        parts[parts.index(max(parts))] -= 1
    return parts


def seed(demo):
    rng = demo.random
    services = {service.slug: service for service in Service.originals()}
    centres = [centre for centre in getattr(demo, "centres", []) if centre.slug in TYPICAL]
    existing = set(MonthlyReturn.objects.values_list("centre_id", "month"))
    new_returns, figures, breakdowns = [], [], []
    for number, month in enumerate(months_back(MONTHS, timezone.localdate())):
        season = 1.25 if month.month in (5, 6, 7, 8) else 1.0  # more children travel in summer
        growth = 0.85 + 0.3 * number / MONTHS
        for centre in centres:
            received = max(0, round(TYPICAL[centre.slug] * season * growth * rng.uniform(0.75, 1.25)))
            counts = {
                slug: min(received, round(received * share * rng.uniform(0.8, 1.2)))
                for slug, share in SERVICE_SHARE.items()
            }
            # Breakdowns by age and sex were recorded at Gwadar only from the second year.
            parts = split(received, GROUP_SHARE, rng) if centre.slug != "gwadar" or number >= 12 else None
            if (centre.pk, month) in existing:
                continue
            monthly_return = MonthlyReturn(centre=centre, month=month, children_received=received)
            new_returns.append(monthly_return)
            figures.extend(
                ServiceFigure(monthly_return=monthly_return, service=services[slug], children=count)
                for slug, count in counts.items()
                if slug in services
            )
            if parts is not None:
                breakdowns.extend(
                    ReceivedBreakdown(
                        monthly_return=monthly_return,
                        sex=key.split(":")[0],
                        age_band=key.split(":")[1],
                        children=count,
                    )
                    for key, count in zip(BREAKDOWN_KEYS, parts, strict=True)
                )
    MonthlyReturn.objects.bulk_create(new_returns)
    ServiceFigure.objects.bulk_create(figures)
    ReceivedBreakdown.objects.bulk_create(breakdowns)
    # The dashboard reads publications only: publish the demo's closed periods, as cron would.
    publish_due()
