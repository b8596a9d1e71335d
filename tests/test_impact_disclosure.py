"""Disclosure control, checked the way an attacker would try to undo it.

The audit solves, for every hidden entry, min and max of that entry by linear
programming over all hidden entries, given every published cell and total with its
exact (unrounded) value and all values >= 0. That is stricter than what a reader
gets: published figures are rounded, which only widens the feasible ranges
(the exact feasible set is contained in the set allowed by rounding intervals), so
a pattern that passes this audit also passes one against the rounded output.
"""

import datetime
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from impact.disclosure import (
    HIDDEN,
    K,
    Period,
    display,
    extended_table,
    latest_complete,
    protect_table,
    round_count,
    suppression_pattern,
)

from .search_budget import examples

# Counts are drawn mostly small, so that most tables need suppression.
counts = st.one_of(st.integers(0, 12), st.integers(0, 40), st.integers(0, 400))


@st.composite
def tables(draw, max_rows=6, max_columns=6):
    rows = draw(st.integers(1, max_rows))
    columns = draw(st.integers(1, max_columns))
    return [[draw(counts) for _ in range(columns)] for _ in range(rows)]


def labels(values):
    return [f"r{i}" for i in range(len(values))], [f"c{j}" for j in range(len(values[0]))]


def feasible_ranges(values, hidden):
    """{hidden entry: (min, max)} an attacker can prove from the published entries and margins."""
    table = extended_table(values)
    last_row, last_column = len(values), len(values[0])
    unknowns = sorted(hidden)
    index = {entry: n for n, entry in enumerate(unknowns)}
    equations, right = [], []

    def add_equation(terms):
        # terms: [(entry, coefficient)]; known entries move to the right-hand side.
        row, constant = np.zeros(len(unknowns)), 0.0
        for entry, coefficient in terms:
            if entry in index:
                row[index[entry]] += coefficient
            else:
                constant -= coefficient * table[entry[0]][entry[1]]
        if row.any():
            equations.append(row)
            right.append(constant)

    for i in range(last_row + 1):
        add_equation([((i, j), 1) for j in range(last_column)] + [((i, last_column), -1)])
    for j in range(last_column + 1):
        add_equation([((i, j), 1) for i in range(last_row)] + [((last_row, j), -1)])
    ranges = {}
    for entry, n in index.items():
        objective = np.zeros(len(unknowns))
        objective[n] = 1
        bounds = []
        for sign in (1, -1):
            result = linprog(
                sign * objective,
                A_eq=np.array(equations) if equations else None,
                b_eq=np.array(right) if right else None,
                bounds=(0, None),
                method="highs",
            )
            if result.status == 3:  # unbounded: only possible for the maximum
                bounds.append(math.inf)
            else:
                assert result.status == 0, result.message
                bounds.append(sign * result.fun)
        ranges[entry] = tuple(bounds)
    return ranges


@settings(max_examples=examples(2000, quick=300), deadline=None)
@given(tables(max_rows=8, max_columns=7))
def test_published_numbers_are_never_small_always_multiples_of_five_and_close_to_the_truth(values):
    published = protect_table(values, *labels(values))
    for number in published.published_numbers():
        assert not 1 <= number <= K - 1
        assert number % 5 == 0
    table = extended_table(values)
    shown = [[*cells, total] for _, cells, total in published.rows()]
    shown.append([*published.column_totals, published.total])
    for true_row, shown_row in zip(table, shown, strict=True):
        for true, number in zip(true_row, shown_row, strict=True):
            if 1 <= true < K:
                assert number is HIDDEN
            elif number is not HIDDEN:
                assert abs(number - true) <= 4  # 11 and 12 show as 15; otherwise within 2


@settings(max_examples=examples(300, quick=60), deadline=None)
@given(tables(max_rows=5, max_columns=5))
def test_no_hidden_entry_can_be_narrowed_below_k_by_linear_programming(values):
    hidden = suppression_pattern(values)
    for entry, (low, high) in feasible_ranges(values, hidden).items():
        assert high - low >= K - 1e-6, (values, sorted(hidden), entry, low, high)


def test_example_table_hides_the_small_cell_and_enough_others():
    values = [[3, 50, 40], [20, 30, 60], [25, 12, 0]]
    published = protect_table(values, ["Quetta", "Taftan", "Gwadar"], ["Care", "Food", "Law"])
    assert published.cells[0][0] is HIDDEN
    hidden_cells = sum(value is HIDDEN for row in published.cells for value in row)
    assert hidden_cells >= 4  # a small cell needs partners in its row and its column
    assert published.total == 240
    assert published.cells[1] == (20, 30, 60)


def test_single_small_row_total_is_hidden_with_partners():
    values = [[4, 3], [60, 70], [80, 90]]
    hidden = suppression_pattern(values)
    assert {(0, 0), (0, 1), (0, 2)} <= hidden
    for low, high in feasible_ranges(values, hidden).values():
        assert high - low >= K


def test_a_table_of_only_small_counts_hides_everything_small():
    published = protect_table([[2, 3], [4, 1]], ["a", "b"], ["x", "y"])
    assert published.published_numbers() == []


def test_a_table_with_nothing_small_is_only_rounded():
    published = protect_table([[11, 12, 13], [100, 102, 998]], ["a", "b"], ["x", "y", "z"])
    assert published.cells == ((15, 15, 15), (100, 100, 1000))
    assert published.row_totals == (35, 1200)
    assert published.hidden_count == 0
    assert not published.sparse


def test_sparse_tables_are_flagged_for_a_coarser_view():
    assert protect_table([[1, 2, 30], [2, 0, 40]], ["a", "b"], ["x", "y", "z"]).sparse


@pytest.mark.parametrize(
    ("value", "published"),
    [(0, 0), (11, 15), (12, 15), (13, 15), (17, 15), (18, 20), (22, 20), (23, 25), (1002, 1000)],
)
def test_rounding(value, published):
    assert round_count(value) == published


@pytest.mark.parametrize("value", [1, 5, 10, -1])
def test_rounding_refuses_small_or_negative_counts(value):
    with pytest.raises(ValueError):
        round_count(value)


@pytest.mark.parametrize("bad", [[], [[]], [[1, 2], [3]], [[-1]], [[1.5]], [[True]]])
def test_malformed_tables_are_refused(bad):
    with pytest.raises(ValueError):
        suppression_pattern(bad)


def test_display_never_shows_a_hidden_value():
    assert display(HIDDEN) == "hidden"
    assert display(1500) == "1,500"


def test_fixed_periods():
    assert Period.parse("month", "2026-03") == Period("month", datetime.date(2026, 3, 1))
    assert Period.parse("quarter", "2026-Q2").end == datetime.date(2026, 6, 30)
    assert Period.parse("year", "2025").slug == "2025"
    assert Period.containing("quarter", datetime.date(2026, 11, 29)).slug == "2026-Q4"
    assert latest_complete("year", datetime.date(2026, 11, 29)).slug == "2025"
    assert latest_complete("month", datetime.date(2026, 1, 5)).slug == "2025-12"
    for kind, text in [("month", "2026-13"), ("month", "2026-03-01"), ("quarter", "2026-Q5"), ("week", "2026")]:
        with pytest.raises(ValueError):
            Period.parse(kind, text)
