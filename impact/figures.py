"""Entering figures: the checks shared by the form and the CSV import, and saving with history."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from locations.models import CentrePage, Service

from .models import MAX_MONTHLY_COUNT, AgeBand, FigureChange, MonthlyReturn, ReceivedBreakdown, ServiceFigure, Sex

BREAKDOWN_KEYS = [f"{sex}:{band}" for sex in Sex.values for band in AgeBand.values]


def breakdown_label(key):
    sex, band = key.split(":")
    return f"{Sex(sex).label}, {AgeBand(band).label}"


def centres():
    """Centres figures may be entered for: the pages in the default language (translations share them)."""
    return CentrePage.objects.filter(locale=Locale.get_default()).order_by("path")


def services():
    return list(Service.originals())  # the English rows: translations share their slugs


def current_month():
    return timezone.localdate().replace(day=1)


def parse_month(text):
    """'2026-03' to the first of that month; ValueError with a plain message otherwise."""
    try:
        month = datetime.datetime.strptime((text or "").strip(), "%Y-%m").date()
    except ValueError:
        raise ValueError("Give the month as YYYY-MM, e.g. 2026-03.") from None
    if month > current_month():
        raise ValueError("Figures cannot be entered for a month that has not started yet.")
    if month.year < 2000:
        raise ValueError("Give a month from the year 2000 on.")
    return month


def check_count(value, what):
    """A count as an int, or ValueError naming the figure."""
    if isinstance(value, str):
        value = value.strip()
        if not value.isdigit():
            raise ValueError(f"{what} must be a whole number from 0 up (got {value[:20]!r}).")
        value = int(value)
    if value < 0:
        raise ValueError(f"{what} cannot be negative.")
    if value > MAX_MONTHLY_COUNT:
        raise ValueError(f"{what} looks too large for one month (at most {MAX_MONTHLY_COUNT:,}).")
    return value


@dataclass
class MonthFigures:
    centre: object
    month: datetime.date
    children_received: int
    services: dict  # service slug -> count
    breakdown: dict = field(default_factory=dict)  # "girls:0-5" -> count; empty when not given

    def problems(self):
        """Checks across figures; each problem is one plain sentence."""
        problems = []
        if self.breakdown and sum(self.breakdown.values()) > self.children_received:
            problems.append(
                "The age and sex breakdown adds up to more than the children received "
                f"({sum(self.breakdown.values())} against {self.children_received})."
            )
        return problems

    def as_dict(self):
        figures = {"children_received": self.children_received}
        figures.update({f"service:{slug}": count for slug, count in self.services.items()})
        figures.update(self.breakdown)
        return figures


def current_figures(monthly_return):
    figures = {"children_received": monthly_return.children_received}
    for item in monthly_return.service_figures.select_related("service"):
        figures[f"service:{item.service.slug}"] = item.children
    for item in monthly_return.breakdown.all():
        figures[f"{item.sex}:{item.age_band}"] = item.children
    return figures


@transaction.atomic
def save_month(figures, user, source):
    """Create or correct a centre's month; records a FigureChange when anything changed."""
    monthly_return = (
        MonthlyReturn.objects.select_for_update().filter(centre=figures.centre, month=figures.month).first()
    )
    before = current_figures(monthly_return) if monthly_return else {}
    if monthly_return is None:
        monthly_return = MonthlyReturn(centre=figures.centre, month=figures.month)
    monthly_return.children_received = figures.children_received
    monthly_return.save()
    service_ids = {service.slug: service.pk for service in services()}
    for slug, count in figures.services.items():
        ServiceFigure.objects.update_or_create(
            monthly_return=monthly_return, service_id=service_ids[slug], defaults={"children": count}
        )
    monthly_return.breakdown.all().delete()
    ReceivedBreakdown.objects.bulk_create(
        ReceivedBreakdown(
            monthly_return=monthly_return, sex=key.split(":")[0], age_band=key.split(":")[1], children=count
        )
        for key, count in figures.breakdown.items()
    )
    after = figures.as_dict()
    changed = {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }
    if not changed:
        return None
    return FigureChange.objects.create(monthly_return=monthly_return, changed_by=user, source=source, figures=changed)
