"""An attacker with a Moderator's login: download every impact CSV, rebuild the linked tables, solve.

The attacker reads the dashboard of each period kind for the periods (and earlier
versions) it offers, downloads each CSV through HTTP and builds one system from them
alone: every published entry is a sum of inner cells (per centre, month and column),
quarters add up months, years add up months, a row "Total" adds up the row and "All
centres" adds up the centres listed. A rounded value stands for the counts that round
to it (found by trying `round_count` on every count, not by trusting the site's own
interval function); "hidden" says nothing. Then, for every hidden entry, min and max
by `scipy.optimize.linprog` (HiGHS).

Corrections: the CSVs cannot say which returns changed between versions, so the test
tells the attacker (the worst case: a reader who knows a centre sent a late return).
`changed` maps a publication's position in publishing order to the (centre title,
month) returns that changed just before it.
"""

import csv
import datetime
import io
import math
import re
from collections import defaultdict

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_array, vstack

from impact.disclosure import K, Period, is_small, round_count

FAMILIES = {"Children given each service": "services", "Children received": "received"}


def interval(shown):
    """(low, high) of the counts that publish as `shown`."""
    value = int(shown.replace(",", ""))
    candidates = [n for n in range(0, value + 20) if not is_small(n) and round_count(n) == value]
    assert candidates, f"{shown} is not a value the site can publish"
    return min(candidates), max(candidates)


def offered_csvs(client, kinds=("month", "quarter", "year"), only_year=None):
    """(kind, period slug, version or None) for every CSV the dashboard links to (of one year, if given)."""
    offered = set()
    for kind in kinds:
        page = client.get(f"/admin/impact/?kind={kind}").content.decode()
        periods = re.findall(r'<option value="([^"]+)"', page)
        for slug in periods:
            if only_year and not slug.startswith(str(only_year)):
                continue
            offered.add((kind, slug, None))
            detail = client.get(f"/admin/impact/?kind={kind}&period={slug}").content.decode()
            for version in re.findall(r"export\.csv\?kind=\w+&amp;period=[\w-]+&amp;version=(\d+)", detail):
                offered.add((kind, slug, int(version)))
    return sorted(offered, key=lambda item: (item[0], item[1], item[2] or 0))


def download(client, kind, slug, version):
    url = f"/admin/impact/export.csv?kind={kind}&period={slug}" + (f"&version={version}" if version else "")
    response = client.get(url)
    assert response.status_code == 200, url
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def months_of(kind, slug):
    period = Period.parse(kind, slug)
    month, result = period.start, []
    while month <= period.end:
        result.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return result


def published_entries(client, kinds=("month", "quarter", "year"), only_year=None):
    """[(kind, slug, version, family, row, column, shown)] from every offered CSV, each entry once."""
    entries = {}
    for kind, slug, version in offered_csvs(client, kinds, only_year):
        for row in download(client, kind, slug, version):
            family = FAMILIES.get(row["section"])
            if family is None or row["period"] != slug:
                continue
            key = (kind, slug, int(row.get("version") or 1), family, row["row"], row["column"])
            entries[key] = row["value"]
    return [(*key, shown) for key, shown in entries.items()]


def linked_system(entries, order=None, changed=None):
    """(constraints, hidden): [(terms, low, high)] and {entry key: terms}; terms are sets of inner cells.

    order: {(kind, slug, version): position in publishing order}; changed: {position:
    {(centre, month)}} returns corrected just before that publication. Without them
    every version is read as the same figures.
    """
    changed = changed or {}
    rows = defaultdict(set)
    columns = defaultdict(set)
    for kind, slug, version, family, row, column, _shown in entries:
        if row != "All centres":
            rows[(kind, slug, version, family)].add(row)
        if column != "Total":
            columns[(kind, slug, version, family)].add(column)

    def cell(family, centre, month, column, position):
        edits = sum(1 for p, returns in changed.items() if p <= position and (centre, month) in returns)
        return (family, centre, month, column, edits)

    constraints, hidden = [], {}
    for kind, slug, version, family, row, column, shown in entries:
        position = (order or {}).get((kind, slug, version), 0)
        table = (kind, slug, version, family)
        centres = rows[table] if row == "All centres" else {row}
        wanted = columns[table] if column == "Total" else {column}
        terms = frozenset(
            cell(family, centre, month, one, position)
            for centre in centres
            for month in months_of(kind, slug)
            for one in wanted
        )
        key = (kind, slug, version, family, row, column)
        if shown == "hidden":
            hidden[key] = terms
        else:
            constraints.append((terms, *interval(shown)))
    return constraints, hidden


def feasible_ranges(constraints, hidden):
    """{hidden key: (min, max)} by linear programming, one connected part of the system at a time."""
    parent = {}

    def find(v):
        parent.setdefault(v, v)
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for terms, _low, _high in constraints:
        first, *rest = terms
        for other in rest:
            parent[find(other)] = find(first)
    parts = defaultdict(list)
    for constraint in constraints:
        parts[find(next(iter(constraint[0])))].append(constraint)
    systems = {}
    ranges = {}
    for key, terms in hidden.items():
        roots = frozenset(find(v) for v in terms)
        if roots not in systems:
            chosen = [c for root in roots for c in parts.get(root, [])]
            variables = sorted({v for t, _l, _h in chosen for v in t} | set(terms), key=repr)
            index = {v: n for n, v in enumerate(variables)}
            matrix = csr_array(
                (
                    [1.0 for t, _l, _h in chosen for _v in t],
                    (
                        [n for n, (t, _l, _h) in enumerate(chosen) for _v in t],
                        [index[v] for t, _l, _h in chosen for v in t],
                    ),
                ),
                shape=(len(chosen), len(variables)),
            )
            bounds = np.array([h for _t, _l, h in chosen] + [-low for _t, low, _h in chosen], dtype=float)
            systems[roots] = (index, vstack([matrix, -matrix]).tocsr() if chosen else None, bounds)
        index, matrix, bounds = systems[roots]
        if any(v not in index for v in terms):  # a variable no published entry limits
            ranges[key] = (0, math.inf)
            continue
        objective = np.zeros(len(index))
        for v in terms:
            objective[index[v]] = 1
        extremes = []
        for sign in (1, -1):
            result = linprog(sign * objective, A_ub=matrix, b_ub=bounds if matrix is not None else None)
            if result.status == 3:
                extremes.append(math.inf)
            else:
                assert result.status == 0, result.message
                extremes.append(sign * result.fun)
        ranges[key] = tuple(extremes)
    return ranges


def narrow_ranges(client, order=None, changed=None, expect_hidden=True, **kwargs):
    """Every hidden entry whose range an attacker can narrow below K, with its range."""
    constraints, hidden = linked_system(published_entries(client, **kwargs), order, changed)
    assert hidden or not expect_hidden, "nothing is hidden: the attack has nothing to try"
    ranges = feasible_ranges(constraints, hidden)
    return {key: (low, high) for key, (low, high) in ranges.items() if high - low < K - 1e-6}
