"""The gift export runs no formulas in a spreadsheet and is recorded in the audit trail.

The attack: a donor types a formula as their name or dedication on the donate form
(or in Stripe Checkout, which the webhook copies): '=HYPERLINK("http://x","y")' shows
a link that sends the row's data away when clicked, and '@SUM(1+1)' or '+cmd|...'
run when Finance opens the CSV in Excel or LibreOffice. Separately, a Finance account
taken over can download every donor's details with no trace.

Failed on main before the fix: the CSV cells came out as written (the row began
'=HYPERLINK(...'), and neither the CSV nor the XLSX export left an AuditEvent.
"""

import csv
import io

import pytest

from donate.models import Gift
from staff.models import AuditEvent

FORMULAS = {
    "donor_name": '=HYPERLINK("http://x","y")',
    "donor_email": "@SUM(1+1)",
    "dedication": "+cmd|' /C calc'!A0",
    "campaign": "-2+3",
}


@pytest.mark.django_db
def test_formula_cells_come_out_neutralised_and_the_export_is_audited(finance):
    user, client = finance
    gift = Gift.objects.create(amount="2500", currency="PKR", status="paid", **FORMULAS)
    Gift.objects.create(amount="100", currency="PKR", donor_name="Plain Name", donor_email="plain@example.org")

    response = client.get("/admin/gifts/", {"export": "csv", "status": "paid"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    [row] = [row for row in rows if row["Reference"] == str(gift.reference)]
    assert row["Donor name"] == "'" + FORMULAS["donor_name"]
    assert row["Donor email"] == "'" + FORMULAS["donor_email"]
    assert row["Dedication"] == "'" + FORMULAS["dedication"]
    assert row["Campaign"] == "'" + FORMULAS["campaign"]
    assert row["Amount"] == "2500.00"  # numbers stay numbers
    for value in row.values():
        assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))

    [event] = AuditEvent.objects.filter(kind="export")
    assert event.user == user
    assert event.path == "/admin/gifts/"
    assert "csv" in event.detail and "status=paid" in event.detail


@pytest.mark.django_db
def test_the_xlsx_export_is_audited_and_keeps_formulas_as_text(finance):
    """XLSX cells are typed: Wagtail already wrote these as text cells on main; the audit event was missing."""
    from openpyxl import load_workbook

    _, client = finance
    Gift.objects.create(amount="2500", currency="PKR", status="paid", **FORMULAS)
    response = client.get("/admin/gifts/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = {cell.value: cell.data_type for row in sheet.iter_rows(min_row=2) for cell in row}
    assert cells[FORMULAS["donor_name"]] == "s"  # a string cell, never a formula ("f")
    assert AuditEvent.objects.filter(kind="export", detail__contains="xlsx").count() == 1


def test_safe_cell_neutralises_text_and_leaves_numbers():
    from decimal import Decimal

    from staff.exports import safe_cell

    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("\tx") == "'\tx"
    assert safe_cell("\rx") == "'\rx"
    assert safe_cell("Amina") == "Amina"
    assert safe_cell(Decimal("-5")) == Decimal("-5")
    assert safe_cell(None) is None
