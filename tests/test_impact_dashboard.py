"""The staff dashboard: who may see it, what it shows, its CSV export and its query budget."""

import csv
import io
import re

import pytest

from impact.disclosure import K
from impact.models import MonthlyReturn

from .query_budget import assert_flat_queries
from .staff_helpers import log_in, make_staff, totp_code

SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
URLS = ["/admin/impact/", "/admin/impact/export.csv?kind=year"]


def staff_client(client, username, group=None, superuser=False):
    make_staff(username, group=group, secret=SECRET, superuser=superuser)
    log_in(client, username, totp_code(SECRET))
    return client


def cell_values(html):
    """The text of every data cell on a page."""
    return [cell.strip() for cell in re.findall(r"<td>([^<]*)</td>", html)]


@pytest.mark.django_db
@pytest.mark.parametrize("url", URLS)
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Finance", "Editors"])
@pytest.mark.parametrize("url", [*URLS, "/admin/impact/enter/", "/admin/impact/import/", "/admin/impact/history/"])
def test_finance_and_editors_are_refused(client, group, url):
    staff_client(client, "outsider", group=group)
    response = client.get(url)
    # Wagtail answers a denial inside the admin with a redirect home and an error message.
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    assert b"Children received" not in response.content
    assert b"section,period" not in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Finance", "Editors"])
def test_the_menu_and_home_panel_are_only_for_those_allowed(client, group):
    staff_client(client, "outsider", group=group)
    assert b"/admin/impact/" not in client.get("/admin/").content


@pytest.mark.django_db
@pytest.mark.parametrize(("group", "superuser"), [("Programme data", False), ("Moderators", False), (None, True)])
def test_programme_data_moderators_and_superusers_see_the_dashboard_and_the_link(client, group, superuser):
    staff_client(client, "allowed", group=group, superuser=superuser)
    home = client.get("/admin/").content.decode()
    assert 'href="/admin/impact/"' in home
    response = client.get("/admin/impact/?kind=quarter")
    assert response.status_code == 200
    assert "Children received" in response.content.decode()
    assert client.get("/admin/impact/export.csv?kind=year").status_code == 200


@pytest.mark.django_db
def test_only_programme_data_enters_figures(client):
    staff_client(client, "moderator", group="Moderators")
    assert client.get("/admin/impact/enter/")["Location"] == "/admin/"
    assert b"Enter a month" not in client.get("/admin/impact/").content


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["month", "quarter", "year"])
def test_demo_dashboard_and_csv_never_show_a_small_number(client, kind):
    staff_client(client, "programme", group="Programme data")
    page = client.get(f"/admin/impact/?kind={kind}")
    assert page.status_code == 200
    values = cell_values(page.content.decode())
    assert "hidden" in values  # the demo's small cells (Gwadar) are suppressed
    for value in values:
        if value != "hidden":
            number = int(value.replace(",", ""))
            assert number % 5 == 0 and not 1 <= number < K
    export = client.get(f"/admin/impact/export.csv?kind={kind}")
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0] == ["section", "period", "version", "row", "column", "value"]
    values = [row[5] for row in rows[1:-1]]
    assert "hidden" in values
    for value in values:
        if value != "hidden":
            number = int(value.replace(",", ""))
            assert number % 5 == 0 and not 1 <= number < K


@pytest.mark.django_db
def test_csv_export_is_exactly_what_the_page_shows(client):
    staff_client(client, "programme", group="Programme data")
    page = client.get("/admin/impact/?kind=year").content.decode()
    rows = list(csv.reader(io.StringIO(client.get("/admin/impact/export.csv?kind=year").content.decode())))
    table_values = [row[5] for row in rows[1:] if not row[0].startswith(("Trend", "Note"))]
    assert table_values == cell_values(page)[: len(table_values)]


@pytest.mark.django_db
def test_chart_labels_never_show_a_suppressed_value(client):
    staff_client(client, "programme", group="Programme data")
    body = client.get("/admin/impact/?kind=month").content.decode()
    titles = re.findall(r"<title>([^<]*)</title>", body)
    point_titles = [title for title in titles if ": " in title]
    assert point_titles
    for title in point_titles:
        value = title.rsplit(": ", 1)[1].replace(",", "")
        assert value.isdigit() and (int(value) == 0 or int(value) >= K)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "kind=week",
        "kind=month&period=2026-13",
        "kind=quarter&period=2026-03",
        "kind=year&period=1999",
        "kind=year&period=2090",
    ],
)
def test_bad_periods_get_a_clear_error_not_a_500(client, query):
    staff_client(client, "programme", group="Programme data")
    response = client.get(f"/admin/impact/?{query}")
    assert response.status_code == 400
    assert b'role="alert"' in response.content
    assert client.get(f"/admin/impact/export.csv?{query}").status_code == 400


@pytest.mark.django_db
def test_a_period_in_progress_is_never_published(client):
    from impact.figures import current_month

    staff_client(client, "programme", group="Programme data")
    quetta = MonthlyReturn.objects.filter(centre__slug="quetta").first().centre
    MonthlyReturn.objects.create(centre=quetta, month=current_month(), children_received=50)
    response = client.get(f"/admin/impact/?kind=month&period={current_month():%Y-%m}")
    assert response.status_code == 400
    assert "There are no published figures for" in response.content.decode()


@pytest.mark.django_db
def test_the_dashboard_reads_a_fixed_number_of_queries_however_many_years_are_published(client):
    """Publications are read, never re-added: 5 or 50 years of month tables cost the same queries."""
    from impact.models import Publication

    template = list(Publication.objects.filter(kind="month", start__year=2025, current=True))
    assert len(template) == 12
    made = []

    def add_years(count):
        for _ in range(count):
            year = 1990 - len(made)
            made.append(year)
            Publication.objects.bulk_create(
                Publication(
                    kind="month",
                    start=one.start.replace(year=year),
                    version=1,
                    reason=one.reason,
                    tables=one.tables,
                    inputs={},
                )
                for one in template
            )

    staff_client(client, "programme", group="Programme data")
    client.get("/admin/")  # warm the session and admin menus
    count = assert_flat_queries(client, "/admin/impact/?kind=month&period=2025-12", add_years)
    assert count <= 25
    assert "December 2025" in client.get("/admin/impact/?kind=month&period=2025-12").content.decode()
