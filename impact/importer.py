"""CSV import: every bad row reported by line number; nothing saved unless every row is good."""

import csv
import io

from django.db import transaction

from .figures import BREAKDOWN_KEYS, MonthFigures, centres, check_count, parse_month, save_month, services
from .models import FigureChange

REQUIRED_COLUMNS = ["centre", "month", "children_received"]


def expected_columns():
    return [*REQUIRED_COLUMNS, *(service.slug for service in services()), *BREAKDOWN_KEYS]


class ImportFailed(Exception):
    def __init__(self, errors):
        super().__init__(errors[0] if errors else "The file could not be imported.")
        self.errors = errors


def parse(text):
    """Rows as MonthFigures, or ImportFailed listing every problem as 'Line N: ...'."""
    reader = csv.DictReader(io.StringIO(text))
    columns = expected_columns()
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in columns[: len(REQUIRED_COLUMNS) + len(services())] if name not in header]
    unknown = [name for name in header if name not in columns]
    if not header:
        raise ImportFailed(["Line 1: the file is empty; it needs a header row."])
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"unknown column(s) {', '.join(unknown)}")
        raise ImportFailed([f"Line 1: {'; '.join(parts)}."])
    reader.fieldnames = header
    centre_by_slug = {centre.slug: centre for centre in centres()}
    service_slugs = [service.slug for service in services()]
    rows, errors, seen = [], [], {}
    for row in reader:
        line = reader.line_num
        problems = []
        if None in row:
            problems.append("more values than columns")
        values = {key: (value or "").strip() for key, value in row.items() if key is not None}
        centre = centre_by_slug.get(values.get("centre", ""))
        if centre is None:
            known = ", ".join(sorted(centre_by_slug))
            problems.append(f"unknown centre {values.get('centre', '')[:40]!r} (use one of: {known})")
        try:
            month = parse_month(values.get("month"))
        except ValueError as error:
            month = None
            problems.append(str(error).rstrip("."))
        counts = {}
        for key in ["children_received", *service_slugs]:
            try:
                counts[key] = check_count(values.get(key, ""), key)
            except ValueError as error:
                problems.append(str(error).rstrip("."))
        breakdown_given = {key: values.get(key, "") for key in BREAKDOWN_KEYS if values.get(key, "") != ""}
        breakdown = {}
        if breakdown_given and len(breakdown_given) != len(BREAKDOWN_KEYS):
            problems.append("fill in the whole age and sex breakdown, or leave all of it empty")
        for key, value in breakdown_given.items():
            try:
                breakdown[key] = check_count(value, key)
            except ValueError as error:
                problems.append(str(error).rstrip("."))
        if centre is not None and month is not None:
            earlier = seen.setdefault((centre.pk, month), line)
            if earlier != line:
                problems.append(f"{centre.slug} {month:%Y-%m} is already on line {earlier}")
        if not problems:
            figures = MonthFigures(
                centre=centre,
                month=month,
                children_received=counts["children_received"],
                services={slug: counts[slug] for slug in service_slugs},
                breakdown=breakdown if len(breakdown) == len(BREAKDOWN_KEYS) else {},
            )
            problems.extend(problem.rstrip(".") for problem in figures.problems())
            rows.append(figures)
        if problems:
            errors.append(f"Line {line}: {'; '.join(problems)}.")
    if errors:
        raise ImportFailed(errors)
    if not rows:
        raise ImportFailed(["The file has a header but no rows of figures."])
    return rows


@transaction.atomic
def import_csv(text, user=None):
    """Save every row (all or nothing). Returns (rows read, months changed)."""
    rows = parse(text)
    changed = sum(save_month(figures, user, FigureChange.Source.CSV) is not None for figures in rows)
    return len(rows), changed
