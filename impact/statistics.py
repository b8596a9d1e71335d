"""Impact statistics for the staff dashboard, its CSV export and the public block.

The database does the adding up (a handful of GROUP BY queries, whatever the number
of months or centres); every figure then leaves through `disclosure.protect_table`,
one fixed table per period:

- services: centres x services (children given each service), with totals;
- children received: centres x age band and sex (plus "not broken down"), with totals.

Trend charts only re-use the entries of these per-period tables (a centre's row
total, the "all centres" total row), so they never publish anything the tables do not.
"""

from dataclasses import dataclass

from django.db.models import DateField, Sum
from django.db.models.functions import Trunc
from django.utils import timezone

from .disclosure import HIDDEN, Period, protect_table
from .figures import BREAKDOWN_KEYS, breakdown_label, centres, services
from .models import MonthlyReturn, ReceivedBreakdown, ServiceFigure

NOT_BROKEN_DOWN = "Not broken down"
ALL_CENTRES = "All centres"


def _by_period(queryset, field, kind, *group_by, total):
    period = Trunc(field, kind, output_field=DateField())
    return queryset.annotate(period=period).values("period", *group_by).annotate(total=Sum(total)).order_by()


@dataclass(frozen=True)
class PeriodTables:
    period: Period
    services: object  # ProtectedTable
    received: object  # ProtectedTable

    @property
    def sparse(self):
        return self.services.sparse or self.received.sparse


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple  # (Period, published value or HIDDEN)


class ImpactStatistics:
    """All published impact tables for one kind of period (month, quarter or year)."""

    def __init__(self, kind, periods=None):
        self.kind = kind
        centre_rows = list(centres().values_list("pk", "title"))
        self.service_rows = [(service.pk, service.name, service.slug) for service in services()]
        returns = MonthlyReturn.objects.filter(centre__in=[pk for pk, _ in centre_rows])
        if periods is not None:
            first, last = min(periods), max(periods)
            returns = returns.filter(month__gte=first.start, month__lte=last.end)
        received = _by_period(returns, "month", kind, "centre", total="children_received")
        service_counts = _by_period(
            ServiceFigure.objects.filter(monthly_return__in=returns),
            "monthly_return__month",
            kind,
            "monthly_return__centre",
            "service",
            total="children",
        )
        breakdown = _by_period(
            ReceivedBreakdown.objects.filter(monthly_return__in=returns),
            "monthly_return__month",
            kind,
            "monthly_return__centre",
            "sex",
            "age_band",
            total="children",
        )
        received_totals = {(row["period"], row["centre"]): row["total"] for row in received}
        service_totals = {
            (row["period"], row["monthly_return__centre"], row["service"]): row["total"] for row in service_counts
        }
        breakdown_totals = {
            (row["period"], row["monthly_return__centre"], f"{row['sex']}:{row['age_band']}"): row["total"]
            for row in breakdown
        }
        with_data = {centre for _, centre in received_totals}
        self.centres = [(pk, title) for pk, title in centre_rows if pk in with_data]
        # Only periods that have ended: a month, quarter or year in progress would be
        # published again, larger, once it ends, and the two could be subtracted (S5).
        today = timezone.localdate()
        starts = sorted({start for start, _ in received_totals})
        self.periods = [Period(kind, start) for start in starts if Period(kind, start).is_complete(today)]
        if periods is not None:
            self.periods = [period for period in self.periods if period in set(periods)]
        self.tables = {}
        for period in self.periods:
            self.tables[period] = self._protect(period.start, received_totals, service_totals, breakdown_totals)

    def _protect(self, start, received_totals, service_totals, breakdown_totals):
        centre_labels = [title for _, title in self.centres]
        service_values = [
            [service_totals.get((start, centre, service), 0) for service, _, _ in self.service_rows]
            for centre, _ in self.centres
        ]
        received_values = []
        for centre, _ in self.centres:
            parts = [breakdown_totals.get((start, centre, key), 0) for key in BREAKDOWN_KEYS]
            rest = max(received_totals.get((start, centre), 0) - sum(parts), 0)
            received_values.append([*parts, rest])
        return PeriodTables(
            period=Period(self.kind, start),
            services=protect_table(service_values, centre_labels, [name for _, name, _ in self.service_rows]),
            received=protect_table(
                received_values, centre_labels, [*map(breakdown_label, BREAKDOWN_KEYS), NOT_BROKEN_DOWN]
            ),
        )

    def received_trends(self):
        """Children received per period: all centres, then each centre (row totals of the received tables)."""
        series = [Series(ALL_CENTRES, tuple((p, t.received.total) for p, t in self.tables.items()))]
        for index, (_, title) in enumerate(self.centres):
            series.append(Series(title, tuple((p, t.received.row_totals[index]) for p, t in self.tables.items())))
        return series

    def service_trends(self):
        """Children given each service per period, all centres (the totals row of the services tables)."""
        return [
            Series(name, tuple((p, t.services.column_totals[index]) for p, t in self.tables.items()))
            for index, (_, name, _) in enumerate(self.service_rows)
        ]

    def service_total(self, period, slug):
        """One published all-centres service figure, e.g. families reunified in a year."""
        tables = self.tables.get(period)
        if tables is None:
            return HIDDEN
        index = [service_slug for _, _, service_slug in self.service_rows].index(slug)
        return tables.services.column_totals[index]

    def received_total(self, period):
        tables = self.tables.get(period)
        return tables.received.total if tables else HIDDEN
