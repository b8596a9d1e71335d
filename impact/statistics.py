"""Impact statistics for the dashboard, its CSV files, charts and the public figures: read from publications.

Nothing here adds up live figures: every number comes from a frozen `Publication`
(see `publishing`), so what one audience sees was audited as one system, and the
dashboard costs the same few queries however many years have been published.

Trend charts only re-use entries of the published tables (a centre's children
received, the "all centres" row), so they never show anything the tables do not.
"""

from dataclasses import dataclass

from .disclosure import HIDDEN, Period
from .models import Publication

ALL_CENTRES = "All centres"


@dataclass(frozen=True)
class PublishedTable:
    """One stored table: rounded figures, `None` where hidden; `has_totals` when it has row totals."""

    row_labels: tuple
    column_labels: tuple
    column_keys: tuple  # service slugs, or age band and sex keys
    cells: tuple
    row_totals: tuple
    column_totals: tuple
    total: int | None
    has_totals: bool

    @classmethod
    def from_json(cls, data):
        has_totals = data["row_totals"] is not None
        return cls(
            row_labels=tuple(title for _, title in data["rows"]),
            column_labels=tuple(label for _, label in data["columns"]),
            column_keys=tuple(key for key, _ in data["columns"]),
            cells=tuple(tuple(row) for row in data["cells"]),
            row_totals=tuple(data["row_totals"] or [HIDDEN] * len(data["rows"])),
            column_totals=tuple(data["column_totals"]),
            total=data["total"],
            has_totals=has_totals,
        )

    def rows(self):
        """(label, cells, row total) for each row, for templates and CSV."""
        return list(zip(self.row_labels, self.cells, self.row_totals, strict=True))

    def column(self, label):
        return self.column_totals[self.column_labels.index(label)]

    def published_numbers(self):
        numbers = [value for row in self.cells for value in row] + list(self.column_totals)
        if self.has_totals:
            numbers += [*self.row_totals, self.total]
        return [value for value in numbers if value is not None]


@dataclass(frozen=True)
class PeriodTables:
    period: Period
    version: int
    published_at: object
    reason: str
    services: PublishedTable
    received: PublishedTable
    sparse: bool

    @classmethod
    def from_publication(cls, publication):
        return cls(
            period=Period(publication.kind, publication.start),
            version=publication.version,
            published_at=publication.published_at,
            reason=publication.get_reason_display(),
            services=PublishedTable.from_json(publication.tables["services"]),
            received=PublishedTable.from_json(publication.tables["received"]),
            sparse=publication.tables["sparse"],
        )


def publications(**filters):
    # The unprotected inputs are never loaded for reading.
    return Publication.objects.filter(**filters).defer("inputs").order_by("start", "version")


@dataclass(frozen=True)
class Series:
    label: str
    points: tuple  # (Period, published value or HIDDEN)


class ImpactStatistics:
    """The current published tables for one kind of period (month, quarter or year): one query."""

    def __init__(self, kind, periods=None):
        self.kind = kind
        filters = {"kind": kind, "current": True}
        if periods is not None:
            filters["start__in"] = [period.start for period in periods if period.kind == kind]
        self.tables = {}
        for publication in publications(**filters):
            tables = PeriodTables.from_publication(publication)
            self.tables[tables.period] = tables
        self.periods = list(self.tables)
        latest = self.tables[self.periods[-1]] if self.periods else None
        # Trends follow the centres and services of the latest publication.
        self.centres = list(latest.received.row_labels) if latest else []
        self.service_names = list(latest.services.column_labels) if latest else []

    def received_trends(self):
        """Children received per period: all centres, then each centre (row totals of the received tables)."""
        series = [Series(ALL_CENTRES, tuple((p, t.received.total) for p, t in self.tables.items()))]
        for title in self.centres:
            series.append(Series(title, tuple((p, _row_total(t.received, title)) for p, t in self.tables.items())))
        return series

    def service_trends(self):
        """Children given each service per period, all centres (the totals row of the services tables)."""
        return [
            Series(name, tuple((p, _column_total(t.services, name)) for p, t in self.tables.items()))
            for name in self.service_names
        ]

    def service_total(self, period, slug):
        """One published all-centres service figure, e.g. families reunified in a year."""
        tables = self.tables.get(period)
        if tables is None or slug not in tables.services.column_keys:
            return HIDDEN
        return tables.services.column_totals[tables.services.column_keys.index(slug)]

    def received_total(self, period):
        tables = self.tables.get(period)
        return tables.received.total if tables else HIDDEN


def _row_total(table, title):
    return table.row_totals[table.row_labels.index(title)] if title in table.row_labels else HIDDEN


def _column_total(table, name):
    return table.column_totals[table.column_labels.index(name)] if name in table.column_labels else HIDDEN
