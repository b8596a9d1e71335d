"""Protection of linked tables: one audit over everything one audience can see (S3).

Every published entry (a cell or a margin of any month, quarter or year table, of any
version) is a sum of *inner cells*: the counts per centre, month and service, or per
centre, month, age band and sex. An attacker who holds every published entry knows,
for each, an interval its sum lies in (the values that round to what was shown) and
that no count is below zero. For a hidden entry, the smallest and largest value it can
take under those constraints is a pair of linear programmes; the entry is protected
when the two lie at least K apart. This is the "global protection" of Statistics
Norway's GaussSuppression and the interval audit of tau-ARGUS and sdcTable, solved here
with HiGHS (`highspy`). Each independent part of the system is loaded into one solver
once; the audit of each item only changes the objective, so HiGHS starts from the basis
the previous item ended with.

Suppression is greedy and audit-driven: hide the small entries, audit every hidden
entry, and where a range is too narrow hide the cheapest still-published entry among
the constraints that pin it (those with a non-zero dual value), then audit again. Only
entries of the publication being made can be hidden; earlier ones are frozen. Hiding
only removes constraints, so a range that passed stays passed, and hiding every new
entry gives back the previous, audited state: the loop always ends with a pattern
that passes.

A correction gives an inner cell a second variable (its new version). The change,
new minus old, is a count of children too (a late return of 3 children), so a small
change is audited like a hidden cell.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

import highspy
import numpy as np
from highspy._core import _Highs as Solver
from scipy.optimize import linprog
from scipy.sparse import csr_array, vstack

from .disclosure import HIDDEN, K, is_small, round_count, rounding_interval

# LP results are floats; ranges are compared with this slack.
TOLERANCE = 1e-6


class CannotProtect(Exception):
    """No pattern within the free entries passes the audit (earlier publications were not protected)."""


@dataclass(frozen=True)
class Entry:
    """One published number: the sum of some inner cells (variables)."""

    key: tuple
    terms: frozenset
    # Cost of hiding it, lowest first: the caller ranks margins and coarser periods above cells.
    rank: tuple = field(default=(), compare=False)


@dataclass(frozen=True)
class Item:
    """Something that must stay uncertain: a hidden entry, or a small change between versions."""

    key: tuple
    plus: frozenset
    minus: frozenset = frozenset()

    @property
    def variables(self):
        return self.plus | self.minus


class _Components:
    """The published constraints, split into independent parts (variables linked by some constraint)."""

    def __init__(self, constraints):
        parent = {}

        def find(v):
            parent.setdefault(v, v)
            while parent[v] != v:
                parent[v] = parent[parent[v]]
                v = parent[v]
            return v

        constraints = [constraint for constraint in constraints if constraint[0].terms]
        for entry, _low, _high in constraints:
            first, *rest = entry.terms
            for other in rest:
                a, b = find(first), find(other)
                if a != b:
                    parent[a] = b
        self._find = find
        self._by_root = defaultdict(list)
        for constraint in constraints:
            self._by_root[find(next(iter(constraint[0].terms)))].append(constraint)
        self._systems = {}
        # Solutions found so far, per system: feasible points that may already show an item's range is wide.
        self.points = defaultdict(list)

    def roots(self, variables):
        return frozenset(self._find(v) for v in variables)

    def constraints(self, roots):
        return [c for root in roots for c in self._by_root.get(root, ())]

    def system(self, roots):
        """(variable index, solver loaded with low <= A x <= high and x >= 0) for these components."""
        if roots not in self._systems:
            constraints = self.constraints(roots)
            variables = sorted({v for entry, _l, _h in constraints for v in entry.terms}, key=repr)
            index = {v: n for n, v in enumerate(variables)}
            self._systems[roots] = (index, _solver(constraints, index))
        return self._systems[roots]


def _solver(constraints, index):
    """A HiGHS instance holding the constraints as rows (one per published entry), or None if there are none.

    It is the solver itself, without `highspy.Highs`'s Python callback machinery: that
    wrapper prints a banner on standard output when it is made, before output can be turned off.
    """
    if not constraints:
        return None
    lp = highspy.HighsLp()
    lp.num_col_ = len(index)
    lp.num_row_ = len(constraints)
    lp.col_cost_ = np.zeros(len(index))
    lp.col_lower_ = np.zeros(len(index))
    lp.col_upper_ = np.full(len(index), highspy.kHighsInf)
    lp.row_lower_ = np.array([low for _e, low, _h in constraints], dtype=float)
    lp.row_upper_ = np.array([high for _e, _l, high in constraints], dtype=float)
    columns = [sorted(index[v] for v in entry.terms) for entry, _l, _h in constraints]
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = np.cumsum([0, *map(len, columns)], dtype=np.int32)
    lp.a_matrix_.index_ = np.array([n for row in columns for n in row], dtype=np.int32)
    lp.a_matrix_.value_ = np.ones(sum(map(len, columns)))
    solver = Solver()
    solver.setOptionValue("output_flag", False)
    # Primal simplex: a new objective leaves the last basis feasible, so each audit after the
    # first starts from there (about 10 iterations instead of about 70 with dual simplex).
    solver.setOptionValue("simplex_strategy", 4)
    solver.passModel(lp)
    return solver


def _objective(index, item, sign):
    """The item as costs over the system's variables (sign 1 to minimise it, -1 to maximise), or None if unbounded.

    A variable no published entry mentions is only bounded below (by 0): the optimum sets it
    to 0, unless the objective falls as it grows, and then nothing limits the item.
    """
    coefficients = defaultdict(float)
    for v in item.plus:
        coefficients[v] += sign
    for v in item.minus:
        coefficients[v] -= sign
    if any(coefficient < 0 for v, coefficient in coefficients.items() if v not in index):
        return None
    objective = np.zeros(len(index))
    for v, coefficient in coefficients.items():
        if v in index:
            objective[index[v]] = coefficient
    return objective


def _extreme(components, item, sign):
    """The min (sign 1) or max (sign -1) of the item.

    The optimum's value is the same from any basis, so the solve starts from the last one.
    """
    roots = components.roots(item.variables)
    index, solver = components.system(roots)
    objective = _objective(index, item, sign)
    if objective is None:
        return -sign * math.inf
    if solver is None:
        return 0
    solver.changeColsCost(len(index), np.arange(len(index), dtype=np.int32), objective)
    solver.run()
    status = solver.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        raise CannotProtect(f"the published figures contradict each other ({solver.modelStatusToString(status)})")
    solution = solver.getSolution()
    if all(v in index for v in item.variables):
        components.points[roots].append(np.array(solution.col_value))
    return sign * solver.getInfo().objective_function_value


def pinning(components, item):
    """The published entries whose constraints pin the item's min and max (non-zero dual values).

    An optimum has many dual solutions, and which entries they name decides what is hidden
    next. These come from a solve from scratch with scipy's `linprog` (HiGHS too), as every
    audit was solved before the ranges moved to warm starts: the duals reached from the
    previous item's basis named entries that led to up to a quarter more hidden cells
    (scripts/bench_impact.py). Only items found too narrow get here.
    """
    constraints = components.constraints(components.roots(item.variables))
    if not constraints:  # nothing published pins it (and its range is unbounded)
        return set()
    variables = sorted({v for entry, _l, _h in constraints for v in entry.terms} | item.variables, key=repr)
    index = {v: n for n, v in enumerate(variables)}
    rows = [n for n, (entry, _l, _h) in enumerate(constraints) for _v in entry.terms]
    columns = [index[v] for entry, _l, _h in constraints for v in entry.terms]
    upper = csr_array((np.ones(len(rows)), (rows, columns)), shape=(len(constraints), len(variables)))
    matrix = vstack([upper, -upper]).tocsr()
    bounds = np.array([high for _e, _l, high in constraints] + [-low for _e, low, _h in constraints])
    pinned = set()
    for sign in (-1, 1):
        result = linprog(_objective(index, item, sign), A_ub=matrix, b_ub=bounds, bounds=(0, None))
        if result.status != 0:
            continue
        marginals = result.ineqlin.marginals
        tight = np.abs(marginals[: len(constraints)]) + np.abs(marginals[len(constraints) :]) > TOLERANCE
        pinned |= {constraints[n][0] for n in np.flatnonzero(tight)}
    return pinned


def _known_spread(components, item):
    """The widest spread of the item over feasible points already found: a proven lower bound on its range."""
    roots = components.roots(item.variables)
    points = components.points.get(roots)
    if not points:
        return 0
    index = components.system(roots)[0]
    if any(v not in index for v in item.variables):
        return 0
    values = [sum(point[index[v]] for v in item.plus) - sum(point[index[v]] for v in item.minus) for point in points]
    return max(values) - min(values)


def feasible_range(components, item):
    """(low, high) for one item, given the published constraints.

    When two feasible points already found set it K or more apart, that proves the range
    wide enough without solving (returned as that spread, not the full range).
    """
    spread = _known_spread(components, item)
    if spread >= K:
        return 0, spread
    high = _extreme(components, item, -1)
    if high == math.inf:
        return -math.inf if item.minus else 0, high
    return _extreme(components, item, 1), high


def audit(published):
    """{item key: (low, high)} for every hidden entry, given [(Entry, published value or HIDDEN)]."""
    constraints = [(entry, *rounding_interval(value)) for entry, value in published if value is not HIDDEN]
    components = _Components(constraints)
    ranges = {}
    for entry, value in published:
        if value is HIDDEN:
            low, high = feasible_range(components, Item(entry.key, entry.terms))
            ranges[entry.key] = (low, high)
    return ranges


def protect(new, values, frozen=(), changes=(), previous=None):
    """Published values {key: rounded value or HIDDEN} for the `new` entries.

    new: [Entry] to publish now; values: {variable: true count} for every variable
    mentioned (old versions too); frozen: [(Entry, published value or HIDDEN)] shown
    earlier to the same audience, every version; changes: [(old variable, new
    variable)], inner cells corrected since an earlier version; previous: {key: true
    value of that entry's earlier version}, for entries being restated.
    """
    previous = previous or {}
    published = {}
    for entry in new:
        value = sum(values[v] for v in entry.terms)
        moved = entry.key in previous and is_small(abs(value - previous[entry.key]))
        # A small count, or a small move since the last version (it counts children too), is never shown.
        published[entry] = HIDDEN if is_small(value) or moved else round_count(value)
    free = set(published)
    everything = dict(frozen)
    items = {Item(entry.key, entry.terms) for entry, value in everything.items() if value is HIDDEN}
    items |= {Item(entry.key, entry.terms) for entry, value in published.items() if value is HIDDEN}
    items |= {
        Item(("change", old, new_variable), frozenset([new_variable]), frozenset([old]))
        for old, new_variable in changes
        if is_small(abs(values[new_variable] - values[old]))
    }

    def cost(entry):
        return (*entry.rank, sum(values[v] for v in entry.terms))

    # The widest system there can be: only what was published before. An entry pinned within
    # K by that alone (an unchanged figure being restated) is never worth hiding: it could
    # never be protected, and its earlier version already shows it.
    before = _Components([(entry, *rounding_interval(value)) for entry, value in frozen if value is not HIDDEN])
    protectable = {}

    def worth_hiding(entry):
        if entry not in protectable:
            low, high = feasible_range(before, Item(entry.key, entry.terms))
            protectable[entry] = high - low >= K - TOLERANCE
        return protectable[entry]

    pending = items
    first_round = True
    while pending:
        everything.update(published)
        constraints = [
            (entry, *rounding_interval(value)) for entry, value in everything.items() if value is not HIDDEN
        ]
        components = _Components(constraints)
        if first_round:
            # An earlier hidden entry passed its audit then; only a new constraint in its part
            # of the system can narrow it, so the others need no second look.
            touched = components.roots(v for entry in free for v in entry.terms)
            pending = {item for item in pending if components.roots(item.variables) & touched}
            first_round = False
        to_hide, failing = set(), set()
        for item in sorted(pending, key=repr):
            low, high = feasible_range(components, item)
            if high - low >= K - TOLERANCE:
                continue
            failing.add(item)
            pinned = pinning(components, item)
            choices = [entry for entry in pinned if entry in free and published[entry] is not HIDDEN]
            if not choices:  # the dual named only frozen entries: widen to everything free in its component
                roots = components.roots(item.variables)
                choices = [
                    entry for entry in free if published[entry] is not HIDDEN and components.roots(entry.terms) & roots
                ]
            ordered = sorted(choices, key=lambda entry: (cost(entry), repr(entry.key)))
            choice = next((entry for entry in ordered if worth_hiding(entry)), None)
            if choice is None:
                raise CannotProtect(f"{item.key} cannot be protected by the entries being published")
            to_hide.add(choice)
        for entry in to_hide:
            published[entry] = HIDDEN
        pending = failing | {Item(entry.key, entry.terms) for entry in to_hide}
    return {entry.key: value for entry, value in published.items()}
