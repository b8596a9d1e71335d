"""Publishing is an act: the cron command, the staff button, restatements, and who may do them."""

import datetime
import re

import pytest
from django.core.management import CommandError, call_command

from impact.models import MonthlyReturn, Publication

from .staff_helpers import log_in, make_staff, totp_code

SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def cells(response):
    return re.findall(r"<td>([^<]*)</td>", response.content.decode())


def staff(client, group):
    make_staff(f"user-{group}", group=group, secret=SECRET)
    log_in(client, f"user-{group}", totp_code(SECRET))
    return client


@pytest.mark.django_db
def test_the_demo_publishes_its_closed_periods_and_the_command_does_nothing_twice(capsys):
    assert Publication.objects.filter(kind="year").exists()
    before = Publication.objects.count()
    call_command("publish_impact")
    assert Publication.objects.count() == before
    assert "Nothing to publish" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_command_publishes_a_period_once_it_has_closed(settings, capsys):
    quetta = MonthlyReturn.objects.filter(centre__slug="quetta").first().centre
    MonthlyReturn.objects.create(centre=quetta, month=datetime.date(2014, 5, 1), children_received=60)
    call_command("publish_impact")
    assert Publication.objects.filter(kind="month", start=datetime.date(2014, 5, 1), version=1).exists()
    assert "month 2014-05" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_command_fails_with_a_one_line_reason(monkeypatch):
    from impact.management.commands import publish_impact

    def refuse(**kwargs):
        raise publish_impact.CannotProtect("the published figures contradict each other")

    monkeypatch.setattr(publish_impact, "publish_due", refuse)
    with pytest.raises(CommandError, match=r"^Nothing more published: the published figures contradict"):
        call_command("publish_impact")


@pytest.mark.django_db
def test_changed_figures_change_nothing_shown_until_a_restatement(client):
    staff(client, "Programme data")
    december = Publication.objects.get(kind="month", start=datetime.date(2025, 12, 1), current=True)
    shown = cells(client.get("/admin/impact/?kind=month&period=2025-12"))
    MonthlyReturn.objects.filter(month=datetime.date(2025, 12, 1)).update(children_received=400)
    assert cells(client.get("/admin/impact/?kind=month&period=2025-12")) == shown
    response = client.post("/admin/impact/restatement/", {"year": "2025"}, follow=True)
    assert "Restated" in response.content.decode()
    restated = Publication.objects.get(kind="month", start=december.start, current=True)
    assert restated.version == 2
    page = client.get("/admin/impact/?kind=month&period=2025-12").content.decode()
    assert "Version 2" in page and "(current)" in page and "Restatements by month" in page
    old = client.get("/admin/impact/?kind=month&period=2025-12&version=1").content.decode()
    assert "replaced by version 2" in old
    response = client.post("/admin/impact/restatement/", {"year": "2025"}, follow=True)
    assert "nothing to restate" in response.content.decode()


@pytest.mark.django_db
def test_staff_may_publish_an_ended_period_before_it_closes(client):
    staff(client, "Programme data")
    quetta = MonthlyReturn.objects.filter(centre__slug="quetta").first().centre
    MonthlyReturn.objects.create(centre=quetta, month=datetime.date(2013, 2, 1), children_received=60)
    response = client.post("/admin/impact/publish/", {"kind": "month", "period": "2013-02"}, follow=True)
    assert "Published" in response.content.decode()
    assert Publication.objects.filter(kind="month", start=datetime.date(2013, 2, 1)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "month", "period": "2026-13"}, "Give the month as"),
        ({"kind": "month", "period": "2099-01"}, "has not ended yet"),
        ({"kind": "week", "period": "2026-01"}, "Choose month, quarter or year"),
        ({"kind": "month", "period": "2025-12"}, "already published"),
        ({"kind": "year", "period": "2026"}, "has not ended yet"),
    ],
)
def test_bad_publish_requests_get_a_clear_message_not_a_500(client, data, message):
    staff(client, "Programme data")
    before = Publication.objects.count()
    response = client.post("/admin/impact/publish/", data, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Publication.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/impact/publish/", "/admin/impact/restatement/"])
def test_moderators_cannot_publish_or_restate(client, url):
    staff(client, "Moderators")
    before = Publication.objects.count()
    response = client.post(url, {"kind": "month", "period": "2013-02", "year": "2025"})
    assert response.status_code in (302, 403)
    assert Publication.objects.count() == before
