"""Spreadsheet exports that cannot run formulas and are always in the audit trail.

Use `safe_cell()` on every cell of any CSV or spreadsheet this site writes, and
`audited_csv_response()` to write one; Wagtail list exports get both through
`AuditedExportMixin` on their index view.
"""

import csv
from decimal import Decimal

from django.http import HttpResponse

from .audit import record

# What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A cell value that no spreadsheet program will run as a formula.

    Text that begins with =, +, -, @, a tab or a carriage return (a donor named
    '=HYPERLINK("http://x","y")', an email '@SUM(1+1)') gets a leading apostrophe,
    which spreadsheets show as text and never evaluate. Everything else is returned
    unchanged: other text, None, dates, booleans, and numbers. Numbers (int, float,
    Decimal) are left alone even when negative: a spreadsheet reads '-5' as the number
    it is, and the site's amounts and counts are never negative anyway. Pass values
    as their Python types (not pre-formatted strings) so numbers stay numbers.
    """
    if isinstance(value, int | float | Decimal):
        return value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def audited_csv_response(request, filename, rows, what):
    """A CSV download of `rows`, every cell through safe_cell(), recorded in the audit trail.

    request:  the staff member's request (who, from where, which URL; recorded).
    filename: the download's name, e.g. "impact-2026-q1.csv".
    rows:     an iterable of sequences; put the headings first.
    what:     a few words saying what was exported and with which filters, e.g.
              "impact figures, quarter 2026-Q1"; kept in the audit event's detail.
    """
    record(request, "export", detail=f"{what} ({filename})")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return response


class AuditedExportMixin:
    """For a Wagtail IndexView with list_export: safe CSV cells, and an audit event for every export."""

    export_description = ""  # what the audit trail says was exported, e.g. "gift records"

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        # XLSX cells are typed: Wagtail writes a formula-looking text as a string cell,
        # which no spreadsheet evaluates, so only CSV (untyped) needs the apostrophe.
        return safe_cell(value) if export_format == self.FORMAT_CSV else value

    def as_spreadsheet(self, queryset, spreadsheet_format):
        what = self.export_description or self.model._meta.verbose_name_plural
        filters = self.request.GET.copy()
        filters.pop("export", None)
        detail = f"{what}, {spreadsheet_format}, {queryset.count()} rows"
        if filters:
            detail += f", filters {filters.urlencode()}"
        record(self.request, "export", detail=detail)
        return super().as_spreadsheet(queryset, spreadsheet_format)
