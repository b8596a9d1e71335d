"""Publishing: a closed period's tables are computed, protected and frozen as a `Publication`.

A month, quarter or year is published once it has closed (`IMPACT_CLOSING_DAYS` after
its end, for late returns) or when programme data staff publish it sooner. Each
publication act is protected by `linked.protect` together with everything published
before in the same calendar year, every version (years are the largest period, so no
published number links two years). Corrections after publication change nothing shown
until staff publish a restatement: a new version of every period whose figures changed.

Inner cells (the variables of the audit) are counts per centre, month and service, and
per centre, month and age band and sex, plus "not broken down" (children received
minus the breakdown). The two families share no inner cell and no published sum: a
service count is not a part of the children received (a child may be given several
services, in a later month than the one received), so each service, and the children
received, is audited as its own family. That is also why the services table has no
"all services" total: it would count a child once per service, and would tie every
service into one large system.

Months are published alone, as soon as they close; a quarter is published with its
last month, a year with December, and the suppression such a coarser table needs is
taken from the entries published in the same act. Measured with scripts/bench_impact.py
(30 seeded random systems of up to 12 months x 6 centres x 7 services): quarter and year
cells hidden though not small themselves, months alone against months held for their
quarter, 216 against 69 of 1,063 with mixed counts and 96 against 41 of 640 with sparse
ones; on the demo, 18% against 19% of quarter and year centre cells hidden in all. The
coarser views stay mostly visible, and months appear up to two months sooner, so months
are published alone (`MONTHS_WITH_QUARTER` switches).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from .disclosure import HIDDEN, PERIOD_KINDS, SPARSE_SHARE, Period
from .figures import BREAKDOWN_KEYS, breakdown_label, centres, services
from .linked import Entry, protect
from .models import MonthlyReturn, Publication, ReceivedBreakdown, ServiceFigure

SERVICES, RECEIVED = "services", "received"
REST = "rest"  # children received but not broken down by age band and sex
RECEIVED_COLUMNS = [*BREAKDOWN_KEYS, REST]
NOT_BROKEN_DOWN = "Not broken down"
ALL, TOTAL = "all", "total"
KIND_RANK = {kind: number for number, kind in enumerate(PERIOD_KINDS)}
# Set to True to hold months back until their quarter closes and publish them with it.
MONTHS_WITH_QUARTER = False


class NothingToPublish(ValueError):
    """A plain reason why a publication or restatement was not made."""


def act_day(period):
    """The end of what a period is published with: its own end, or its quarter's when months are held back."""
    if MONTHS_WITH_QUARTER and period.kind == "month":
        period = Period.containing("quarter", period.start)
    return period.end


def closing_day(period):
    """The day a period closes for late returns and is published."""
    return act_day(period) + datetime.timedelta(days=settings.IMPACT_CLOSING_DAYS)


def months(period):
    month, result = period.start, []
    while month <= period.end:
        result.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return result


def variable(family, centre, month, column):
    return f"{family}|{centre}|{month:%Y-%m}|{column}"


def current_inputs(first, last):
    """{variable: count} for every non-zero inner cell of the months first..last (three queries)."""
    centre_ids = list(centres().values_list("pk", flat=True))
    returns = MonthlyReturn.objects.filter(centre__in=centre_ids, month__gte=first, month__lte=last)
    inputs = defaultdict(int)
    for centre, month, slug, children in ServiceFigure.objects.filter(monthly_return__in=returns).values_list(
        "monthly_return__centre", "monthly_return__month", "service__slug", "children"
    ):
        inputs[variable(SERVICES, centre, month, slug)] += children
    broken_down = {
        row["monthly_return"]: row["total"]
        for row in ReceivedBreakdown.objects.filter(monthly_return__in=returns)
        .values("monthly_return")
        .annotate(total=Sum("children"))
        .order_by()
    }
    for centre, month, sex, band, children in ReceivedBreakdown.objects.filter(monthly_return__in=returns).values_list(
        "monthly_return__centre", "monthly_return__month", "sex", "age_band", "children"
    ):
        inputs[variable(RECEIVED, centre, month, f"{sex}:{band}")] += children
    for pk, centre, month, received in returns.values_list("pk", "centre", "month", "children_received"):
        inputs[variable(RECEIVED, centre, month, REST)] += max(received - broken_down.get(pk, 0), 0)
    return {key: value for key, value in inputs.items() if value}


@dataclass(frozen=True)
class Slot:
    """Where one published entry sits in a period's tables, and which inner cells it adds up."""

    family: str
    row: object  # centre id or ALL
    column: str  # service slug, breakdown key, REST or TOTAL
    bases: tuple

    def rank(self, kind):
        # Hide cells before totals, and months before quarters and years: the totals and
        # coarser periods are what readers use most.
        return ((self.row == ALL) + (self.column == TOTAL), KIND_RANK[kind])


def slots(period, rows, service_columns):
    """Every published entry of a period's two tables, in the order `table_json` stores them."""
    spans = months(period)
    result = []
    for family, columns, with_totals in ((SERVICES, service_columns, False), (RECEIVED, RECEIVED_COLUMNS, True)):
        for centre in rows:
            for column in columns:
                result.append(Slot(family, centre, column, tuple(variable(family, centre, m, column) for m in spans)))
            if with_totals:
                bases = tuple(variable(family, centre, m, c) for m in spans for c in columns)
                result.append(Slot(family, centre, TOTAL, bases))
        for column in columns:
            bases = tuple(variable(family, centre, m, column) for centre in rows for m in spans)
            result.append(Slot(family, ALL, column, bases))
        if with_totals:
            bases = tuple(variable(family, centre, m, c) for centre in rows for m in spans for c in columns)
            result.append(Slot(family, ALL, TOTAL, bases))
    return result


def table_json(rows, service_columns, published, inputs, slot_list):
    """The tables as stored: labels, rounded values (None where hidden), and whether they are sparse."""
    value = {(slot.family, slot.row, slot.column): published[slot] for slot in slot_list}
    hidden_nonzero = [
        slot
        for slot in slot_list
        if slot.row != ALL and slot.column != TOTAL and sum(inputs.get(b, 0) for b in slot.bases)
    ]
    sparse = bool(hidden_nonzero) and sum(published[s] is HIDDEN for s in hidden_nonzero) / len(hidden_nonzero) > (
        SPARSE_SHARE
    )
    tables = {"sparse": sparse}
    families = (
        (SERVICES, service_columns, False),
        (RECEIVED, [(key, breakdown_label(key)) for key in BREAKDOWN_KEYS] + [(REST, NOT_BROKEN_DOWN)], True),
    )
    for family, columns, with_totals in families:
        tables[family] = {
            "rows": [list(row) for row in rows],
            "columns": [list(column) for column in columns],
            "cells": [[value[(family, centre, key)] for key, _ in columns] for centre, _ in rows],
            "row_totals": [value[(family, centre, TOTAL)] for centre, _ in rows] if with_totals else None,
            "column_totals": [value[(family, ALL, key)] for key, _ in columns],
            "total": value[(family, ALL, TOTAL)] if with_totals else None,
        }
    return tables


def stored_slots(publication):
    """The slots of a stored publication, with the value it published for each."""
    tables = publication.tables
    rows = [centre for centre, _ in tables[RECEIVED]["rows"]]
    service_columns = [slug for slug, _ in tables[SERVICES]["columns"]]
    result = []
    for slot in slots(Period(publication.kind, publication.start), rows, service_columns):
        table = tables[slot.family]
        columns = [key for key, _ in table["columns"]]
        if slot.row == ALL:
            shown = table["total"] if slot.column == TOTAL else table["column_totals"][columns.index(slot.column)]
        else:
            row = rows.index(slot.row)
            if slot.column == TOTAL:
                shown = table["row_totals"][row]
            else:
                shown = table["cells"][row][columns.index(slot.column)]
        result.append((slot, shown))
    return result


class _History:
    """Versions of inner cells as the publications of one year saw them, in the order they were made."""

    def __init__(self):
        self.seen = {}  # base variable -> (version, value)
        self.values = {}  # (base, version) -> value
        self.changes = []  # ((base, old version), (base, new version))

    def variable(self, base, value):
        if base not in self.seen:
            self.seen[base] = (0, value)
            self.values[(base, 0)] = value
        elif self.seen[base][1] != value:
            version = self.seen[base][0] + 1
            self.changes.append(((base, self.seen[base][0]), (base, version)))
            self.seen[base] = (version, value)
            self.values[(base, version)] = value
        return (base, self.seen[base][0])

    def entry(self, key, slot, inputs, kind):
        return Entry(key, frozenset(self.variable(b, inputs.get(b, 0)) for b in slot.bases), slot.rank(kind))


def _key(publication_kind, start, version, slot):
    return (slot.family, publication_kind, start.isoformat(), version, slot.row, slot.column)


@transaction.atomic
def publish(periods, reason, user=None):
    """Publish these periods of one calendar year as one act (new periods or restatements)."""
    year = {period.start.year for period in periods}
    if len(year) != 1:
        raise NothingToPublish("One publication covers periods of one year.")
    year = year.pop()
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    # Locks the year's publications, so two publishing processes take turns.
    year_publications = Publication.objects.select_for_update().filter(start__gte=first, start__lte=last)
    earlier = list(year_publications.order_by("published_at", "pk"))
    history, frozen = _History(), []
    for publication in earlier:
        for slot, shown in stored_slots(publication):
            key = _key(publication.kind, publication.start, publication.version, slot)
            frozen.append((history.entry(key, slot, publication.inputs, publication.kind), shown))
    inputs = current_inputs(first, last)
    rows = list(centres().values_list("pk", "title"))
    service_columns = [(service.slug, service.name) for service in services()]
    latest = {(p.kind, p.start): p for p in earlier if p.current}
    new, previous, plans = [], {}, []
    for period in sorted(periods):
        before = latest.get((period.kind, period.start))
        version = before.version + 1 if before else 1
        period_inputs = {key: value for key, value in inputs.items() if period.start <= _month_of(key) <= period.end}
        slot_list = slots(period, [pk for pk, _ in rows], [slug for slug, _ in service_columns])
        entries = {}
        for slot in slot_list:
            key = _key(period.kind, period.start, version, slot)
            entries[slot] = history.entry(key, slot, period_inputs, period.kind)
            if before:
                previous[key] = sum(before.inputs.get(b, 0) for b in slot.bases)
        new.extend(entries.values())
        plans.append((period, version, before, period_inputs, slot_list, entries))
    shown = protect(new, history.values, frozen=frozen, changes=history.changes, previous=previous)
    made = []
    for period, version, before, period_inputs, slot_list, entries in plans:
        if before:
            Publication.objects.filter(pk=before.pk).update(current=False)
        published = {slot: shown[entries[slot].key] for slot in slot_list}
        made.append(
            Publication.objects.create(
                kind=period.kind,
                start=period.start,
                version=version,
                reason=reason,
                published_by=user,
                tables=table_json(rows, service_columns, published, period_inputs, slot_list),
                inputs=period_inputs,
            )
        )
    return made


def _month_of(key):
    return datetime.date.fromisoformat(key.split("|")[2] + "-01")


def periods_with_figures(today):
    """Every month, quarter and year that has ended and has at least one return."""
    found = set()
    for month in MonthlyReturn.objects.filter(centre__in=centres()).values_list("month", flat=True).distinct():
        for kind in PERIOD_KINDS:
            period = Period.containing(kind, month)
            if period.is_complete(today):
                found.add(period)
    return found


def publish_due(today=None, up_to=None, user=None):
    """Publish every closed period not yet published, oldest first; idempotent (safe from cron).

    With `up_to` (a period staff asked for), periods that have ended but not closed are
    published too, up to its end, so that the order of publication stays that of time.
    """
    today = today or timezone.localdate()
    if up_to is not None and not up_to.is_complete(today):
        raise NothingToPublish(f"{up_to.label} has not ended yet; it can be published once it has.")
    done = set(Publication.objects.values_list("kind", "start").distinct())
    due = [
        period
        for period in periods_with_figures(today)
        if (period.kind, period.start) not in done
        and (closing_day(period) <= today or (up_to is not None and act_day(period) <= act_day(up_to)))
    ]
    if up_to is not None and (up_to.kind, up_to.start) in done:
        raise NothingToPublish(f"{up_to.label} is already published; corrections are published as a restatement.")
    acts = defaultdict(list)
    for period in due:
        acts[(act_day(period), period.start.year)].append(period)
    made = []
    for (_day, _year), periods in sorted(acts.items()):
        closed = closing_day(periods[0]) <= today
        made += publish(periods, Publication.Reason.CLOSED if closed else Publication.Reason.STAFF, user)
    return made


def restate(year, user):
    """Publish a new version of every published period of `year` whose figures have changed since."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    inputs = current_inputs(first, last)
    changed = []
    for publication in Publication.objects.filter(start__gte=first, start__lte=last, current=True):
        period = Period(publication.kind, publication.start)
        now = {key: value for key, value in inputs.items() if period.start <= _month_of(key) <= period.end}
        if now != publication.inputs:
            changed.append(period)
    if not changed:
        raise NothingToPublish(f"No published figures of {year} have changed; there is nothing to restate.")
    return publish(changed, Publication.Reason.RESTATEMENT, user)
