"""The linked suppression on random systems of tables, without the database.

Random figures for up to 12 months x 6 centres x 7 services (mostly small counts, so
that much must be hidden) are published as the site does (months alone, a quarter with
its last month, the year with December) and attacked with an LP written apart from the
site's code (tests/impact_attacker.py). Each example also counts the cells hidden
beyond the first round (the small ones), for this method and for the per-table method
it replaces; scripts/bench_impact.py sums those counts over many examples.
"""

import datetime

from hypothesis import event, given, settings
from hypothesis import strategies as st

from impact.disclosure import HIDDEN, K, Period, is_small, suppression_pattern
from impact.linked import protect
from impact.publishing import ALL, SERVICES, TOTAL, slots

from .impact_attacker import feasible_ranges, interval
from .search_budget import examples

small_heavy = st.one_of(st.integers(0, 12), st.integers(0, 12), st.integers(0, 40))


@st.composite
def linked_figures(draw, max_months=12, max_centres=6, max_services=7):
    months = draw(st.integers(1, max_months))
    centres = list(range(1, draw(st.integers(1, max_centres)) + 1))
    services = [f"s{n}" for n in range(draw(st.integers(1, max_services)))]
    values = {
        (centre, datetime.date(2020, month, 1), service): draw(small_heavy)
        for centre in centres
        for month in range(1, months + 1)
        for service in services
    }
    return months, centres, services, values


def acts(months, with_quarter=False):
    """The periods published together, in order: each month alone (or held for its quarter), then
    the quarter with its last month and the year with December, when they end."""
    held = []
    for number in range(1, months + 1):
        month = datetime.date(2020, number, 1)
        held.append(Period("month", month))
        if with_quarter and number % 3 and number != months:
            continue
        if number % 3 == 0:
            held.append(Period.containing("quarter", month))
        if number == 12:
            held.append(Period.containing("year", month))
        yield held
        held = []


def value_of(values):
    def value(base):
        _family, centre, month, service = base.split("|")
        return values[(int(centre), datetime.date.fromisoformat(month + "-01"), service)]

    return value


def publish_linked(months, centres, services, values, with_quarter=False):
    """[(period, slot, true value, published)] for every services entry, published act by act."""
    value = value_of(values)
    frozen, shown = [], []
    for periods in acts(months, with_quarter):
        new = {}
        for period in periods:
            for slot in slots(period, centres, services):
                if slot.family == SERVICES:
                    entry = protect_entry(period, slot)
                    new[entry] = (period, slot)
        variables = {v: value(v[0]) for entry in new for v in entry.terms}
        variables |= {v: value(v[0]) for entry, _ in frozen for v in entry.terms}
        published = protect(list(new), variables, frozen=frozen)
        for entry, (period, slot) in new.items():
            frozen.append((entry, published[entry.key]))
            shown.append((period, slot, sum(variables[v] for v in entry.terms), published[entry.key]))
    return shown, frozen


def protect_entry(period, slot):
    from impact.linked import Entry

    key = (period.kind, period.slug, slot.row, slot.column)
    return Entry(key, frozenset((base, 0) for base in slot.bases), slot.rank(period.kind))


def per_table_hidden(months, centres, services, values):
    """Cells hidden beyond the small ones by the per-table method (each period's table on its own)."""
    beyond = 0
    periods = [period for act in acts(months) for period in act]
    for period in periods:
        table = [[sum(values[(c, m, s)] for m in _months(period)) for s in services] for c in centres]
        hidden = suppression_pattern(table)
        beyond += sum(
            1
            for i in range(len(centres))
            for j in range(len(services))
            if (i, j) in hidden and not is_small(table[i][j])
        )
    return beyond


def _months(period):
    return [datetime.date(2020, month, 1) for month in range(period.start.month, period.end.month + 1)]


def linked_hidden_beyond_small(shown):
    return sum(
        1
        for _period, slot, true, published in shown
        if slot.row != ALL and slot.column != TOTAL and published is HIDDEN and not is_small(true)
    )


@settings(max_examples=examples(10, quick=4), deadline=None)
@given(linked_figures())
def test_linked_suppression_always_passes_an_independent_audit(figures):
    shown, frozen = publish_linked(*figures)
    for _period, _slot, true, published in shown:
        if published is not HIDDEN:
            low, high = interval(str(published))
            assert low <= true <= high and not is_small(published)
        else:
            assert published is HIDDEN
    constraints = [(entry.terms, *interval(str(value))) for entry, value in frozen if value is not HIDDEN]
    hidden = {entry.key: entry.terms for entry, value in frozen if value is HIDDEN}
    for key, (low, high) in feasible_ranges(constraints, hidden).items():
        assert high - low >= K - 1e-6, (key, low, high)
    event(f"cells hidden beyond the small ones: linked {linked_hidden_beyond_small(shown)}")
    event(f"cells hidden beyond the small ones: per-table {per_table_hidden(*figures)}")


def test_every_small_entry_is_hidden_in_the_first_round():
    figures = (
        3,
        [1, 2],
        ["s0"],
        {(c, datetime.date(2020, m, 1), "s0"): (5 if c == 1 else 40) for c in (1, 2) for m in (1, 2, 3)},
    )
    shown, _frozen = publish_linked(*figures)
    for _period, slot, true, published in shown:
        if is_small(true):
            assert published is HIDDEN, slot
