"""The impact CSV runs no formulas in a spreadsheet and every download is in the audit trail.

The attack: an editor (or whoever took over an editor's account) names a centre page
'=HYPERLINK("http://x","y")' and a service '@SUM(1+1)'. Labels are copied into the
publication, and a Moderator who opens the impact CSV in Excel or LibreOffice runs them.
Separately, a Moderator account taken over could download every table with no trace.

Failed on main before the fix: no AuditEvent was left by the download. (The labels
were already neutralised there, by the impact app's own copy of the rule; both
exports now share staff.exports.safe_cell.)
"""

import csv
import datetime
import io

import pytest
from django.test import Client

from impact.models import MonthlyReturn, ServiceFigure
from impact.publishing import publish_due
from locations.models import Service
from staff.models import AuditEvent
from tests.staff_helpers import log_in, make_staff, totp_code

SECRET = "ONSWG4TFORZWK4TFONSWG4TFORZWK4TF"
CENTRE_NAME = '=HYPERLINK("http://x","y")'
SERVICE_NAME = "@SUM(1+1)"


@pytest.mark.django_db
def test_formula_labels_come_out_neutralised_and_the_download_is_audited(demo_site):
    quetta = MonthlyReturn.objects.filter(centre__slug="quetta").first().centre
    quetta.title = CENTRE_NAME
    quetta.save_revision().publish()
    service = Service.originals().get(slug="legal-aid")
    service.name = SERVICE_NAME
    service.save()
    for month in range(1, 13):
        monthly = MonthlyReturn.objects.create(
            centre=quetta, month=datetime.date(2016, month, 1), children_received=40
        )
        ServiceFigure.objects.create(monthly_return=monthly, service=service, children=30)
    publish_due(today=datetime.date(2017, 1, 25))

    moderator = make_staff("moderator", group="Moderators", secret=SECRET)
    client = Client()
    log_in(client, "moderator", totp_code(SECRET))
    response = client.get("/admin/impact/export.csv", {"kind": "year", "period": "2016"})
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    labels = {row[3] for row in rows[1:]} | {row[4] for row in rows[1:]}
    assert "'" + CENTRE_NAME in labels
    assert "'" + SERVICE_NAME in labels
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row

    [event] = AuditEvent.objects.filter(kind="export")
    assert event.user == moderator
    assert event.path == "/admin/impact/export.csv"
    assert "impact figures" in event.detail and "2016" in event.detail
