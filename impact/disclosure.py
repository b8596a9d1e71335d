"""Disclosure control: thresholds, rounding and fixed periods (S2, S4, S5), and the per-table method.

Pure functions, no database. What is published is protected by `linked.protect`, over
every table an audience can see at once; `protect_table()` below protects one table on
its own and is kept as the baseline that method is measured against (tests,
scripts/bench_impact.py): it is not enough on its own, since tables of different
periods can be subtracted. For a single table:

1. Threshold (S2): an entry from 1 to K - 1 (K = 11) is never published; zero may be.
   This holds for cells and for row, column and grand totals alike.
2. Complementary suppression (S3): further entries are hidden until every hidden
   entry lies on a hidden cycle that lets it move by at least K while all published
   cells and totals stay the same and no value goes below zero. Such a cycle is a
   feasible direction of the linear programme an attacker would solve, so the range
   it proves is a lower bound on the range the attacker gets.
3. Rounding (S4): every published count and total is rounded to a multiple of 5
   (to the nearest one, but never below 15, so that 11 and 12 do not become 10).
4. Fixed periods (S5): months, quarters and years only (`Period`), and fixed
   breakdowns chosen by the caller, never free date ranges.

Tables are audited before rounding, against exact totals: rounding only adds
uncertainty for a reader, so a pattern that holds with exact totals holds with
rounded ones too.
"""

import calendar
import datetime
import math
import re
from dataclasses import dataclass

K = 11
ROUNDING_BASE = 5
# The smallest number a published non-zero count can show: the first multiple of 5 from K.
SMALLEST_PUBLISHED = math.ceil(K / ROUNDING_BASE) * ROUNDING_BASE
# When more than this share of the non-zero cells is hidden, a coarser view is offered.
SPARSE_SHARE = 0.25
HIDDEN = None

PLAIN_LANGUAGE_NOTE = (
    "To protect the children we work with, every figure is rounded to the nearest 5 "
    "(11 and 12 are shown as 15), so totals may not add up exactly. Figures from 1 to 10, "
    "and a few others that would let them be worked out, are not shown."
)


def is_small(value):
    """A count that may never be published on its own (1 to K - 1)."""
    return 0 < value < K


def round_count(value):
    """The published form of a count that passed the threshold: a multiple of 5, zero or at least 15."""
    if value < 0:
        raise ValueError("counts are never negative")
    if is_small(value):
        raise ValueError(f"counts from 1 to {K - 1} are never published")
    if value == 0:
        return 0
    nearest = ROUNDING_BASE * ((value + ROUNDING_BASE // 2) // ROUNDING_BASE)
    return max(nearest, SMALLEST_PUBLISHED)


def rounding_interval(published):
    """(low, high): the true counts a published value stands for, as a reader can work them out.

    0 is exact; 15 stands for 11 to 17 (11 and 12 are shown as 15); any other value v for v - 2 to v + 2.
    """
    if published == 0:
        return (0, 0)
    low = K if published == SMALLEST_PUBLISHED else published - ROUNDING_BASE // 2
    return (low, published + ROUNDING_BASE // 2)


def extended_table(values):
    """The table with its margins: row totals as the last column, column totals and grand total as the last row."""
    rows = [[*row, sum(row)] for row in values]
    columns = len(values[0]) + 1 if values else 1
    rows.append([sum(row[j] for row in rows) for j in range(columns)])
    return rows


def _check_shape(values):
    if not values or not values[0]:
        raise ValueError("a table needs at least one row and one column")
    width = len(values[0])
    for row in values:
        if len(row) != width:
            raise ValueError("every row needs the same number of columns")
        for value in row:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError("counts are whole numbers from zero up")


def _cycle_ranges(rectangle, table, last_row, last_column):
    """How far each entry of a hidden 4-cycle can move while published cells and totals stay fixed.

    Entries move by +t or -t; a total moves with the cells it adds up. Returns
    {entry: up + down}; `math.inf` when nothing limits the upward move.
    """
    direction = {}
    for (i, j), alternating in zip(rectangle, (1, -1, 1, -1), strict=True):
        sign = (-1 if i == last_row else 1) * (-1 if j == last_column else 1)
        direction[(i, j)] = sign * alternating
    ranges = {}
    for entry, moving in direction.items():
        against = [table[i][j] for (i, j), other in direction.items() if other == -moving]
        along = [table[i][j] for (i, j), other in direction.items() if other == moving]
        up = min(against, default=math.inf)
        down = min(along)
        ranges[entry] = up + down
    return ranges


def suppression_pattern(values):
    """The entries of the extended table (cells and margins) to hide, as a frozenset of (row, column).

    Row index len(values) is the column-totals row; column index len(values[0]) is the row-totals column.
    """
    _check_shape(values)
    table = extended_table(values)
    last_row, last_column = len(values), len(values[0])
    hidden = {(i, j) for i, row in enumerate(table) for j, value in enumerate(row) if is_small(value)}
    certified = set()

    def cost(entry):
        i, j = entry
        margins = (i == last_row) + (j == last_column)  # the grand total counts twice
        return margins, 1, table[i][j]

    while pending := sorted(hidden - certified):
        i, j = pending[0]
        best = None
        for i2 in range(last_row + 1):
            for j2 in range(last_column + 1):
                if i2 == i or j2 == j:
                    continue
                rectangle = ((i, j), (i, j2), (i2, j2), (i2, j))
                added = [entry for entry in rectangle if entry not in hidden]
                key = tuple(map(sum, zip(*(cost(entry) for entry in added), strict=True))) if added else (0, 0, 0)
                if best is not None and key >= best[0]:
                    continue
                if min(_cycle_ranges(rectangle, table, last_row, last_column).values()) >= K:
                    best = (key, rectangle)
        if best is None:  # cannot happen while the table has a cell and margins; kept as a safe fallback
            return frozenset((a, b) for a in range(last_row + 1) for b in range(last_column + 1))
        hidden.update(best[1])
        certified.update(best[1])
    return frozenset(hidden)


@dataclass(frozen=True)
class ProtectedTable:
    """What may be published of a table: rounded figures, `None` where hidden."""

    row_labels: tuple
    column_labels: tuple
    cells: tuple  # rows of rounded counts or None
    row_totals: tuple
    column_totals: tuple
    total: int | None
    hidden_count: int
    sparse: bool

    def rows(self):
        """(label, cells, row total) for each row, for templates and CSV."""
        return list(zip(self.row_labels, self.cells, self.row_totals, strict=True))

    def column(self, label):
        """The published column total for one column label."""
        return self.column_totals[self.column_labels.index(label)]

    def published_numbers(self):
        """Every number this table publishes (for checks)."""
        numbers = [value for row in self.cells for value in row]
        numbers += [*self.row_totals, *self.column_totals, self.total]
        return [value for value in numbers if value is not None]


def protect_table(values, row_labels, column_labels):
    """Threshold, complementary suppression and rounding for a table of counts with its margins."""
    _check_shape(values)
    if len(row_labels) != len(values) or len(column_labels) != len(values[0]):
        raise ValueError("one label per row and per column")
    hidden = suppression_pattern(values)
    table = extended_table(values)
    last_row, last_column = len(values), len(values[0])

    def publish(i, j):
        return HIDDEN if (i, j) in hidden else round_count(table[i][j])

    nonzero = [(i, j) for i in range(last_row) for j in range(last_column) if table[i][j]]
    hidden_cells = [entry for entry in nonzero if entry in hidden]
    return ProtectedTable(
        row_labels=tuple(row_labels),
        column_labels=tuple(column_labels),
        cells=tuple(tuple(publish(i, j) for j in range(last_column)) for i in range(last_row)),
        row_totals=tuple(publish(i, last_column) for i in range(last_row)),
        column_totals=tuple(publish(last_row, j) for j in range(last_column)),
        total=publish(last_row, last_column),
        hidden_count=len(hidden),
        sparse=bool(nonzero) and len(hidden_cells) / len(nonzero) > SPARSE_SHARE,
    )


def display(value):
    """How a published entry reads in HTML, CSV and chart labels."""
    return "hidden" if value is HIDDEN else f"{value:,}"


# Fixed periods (S5) ---------------------------------------------------------------------------

PERIOD_KINDS = ("month", "quarter", "year")
COARSER = {"month": "quarter", "quarter": "year", "year": None}
_PATTERNS = {
    "month": re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
    "year": re.compile(r"^(\d{4})$"),
}


@dataclass(frozen=True, order=True)
class Period:
    """A whole calendar month, quarter or year."""

    kind: str
    start: datetime.date

    @classmethod
    def containing(cls, kind, day):
        if kind not in PERIOD_KINDS:
            raise ValueError(f"the period is a month, quarter or year, not {kind!r}")
        if kind == "month":
            return cls(kind, day.replace(day=1))
        if kind == "quarter":
            return cls(kind, datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1))
        return cls(kind, datetime.date(day.year, 1, 1))

    @classmethod
    def parse(cls, kind, text):
        """'2026-03', '2026-Q1' or '2026'; raises ValueError with a plain message."""
        if kind not in PERIOD_KINDS:
            raise ValueError("Choose month, quarter or year.")
        match = _PATTERNS[kind].match(text or "")
        if not match or not 2000 <= int(match.group(1)) <= 2100:
            examples = {"month": "2026-03", "quarter": "2026-Q1", "year": "2026"}
            raise ValueError(f"Give the {kind} as {examples[kind]}.")
        year = int(match.group(1))
        if kind == "month":
            return cls(kind, datetime.date(year, int(match.group(2)), 1))
        if kind == "quarter":
            return cls(kind, datetime.date(year, 3 * int(match.group(2)) - 2, 1))
        return cls(kind, datetime.date(year, 1, 1))

    @property
    def end(self):
        """The last day of the period."""
        months = {"month": 1, "quarter": 3, "year": 12}[self.kind]
        last_month = self.start.month + months - 1
        return datetime.date(self.start.year, last_month, calendar.monthrange(self.start.year, last_month)[1])

    @property
    def slug(self):
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @property
    def label(self):
        if self.kind == "month":
            return f"{self.start:%B %Y}"
        if self.kind == "quarter":
            return f"{self.start:%B} to {self.end:%B %Y}"
        return str(self.start.year)

    @property
    def short_label(self):
        if self.kind == "month":
            return f"{self.start:%b %Y}"
        return self.slug

    def previous(self):
        return Period.containing(self.kind, self.start - datetime.timedelta(days=1))

    def is_complete(self, today):
        return self.end < today

    def __str__(self):
        return self.label


def latest_complete(kind, today):
    """The last whole period of this kind that has ended before today."""
    return Period.containing(kind, today).previous()
