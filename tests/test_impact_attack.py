"""The attack S3 guards against, run for real: a Moderator downloads every CSV and solves for hidden cells.

This file was run against the code before publications existed (per-table suppression,
figures summed live): `test_a_moderator_cannot_narrow_any_hidden_demo_figure` and
`test_worked_example_feb_between_jan_0_and_mar_30` failed there (hidden demo cells
pinned to ranges narrower than 11, and Feb pinned to 1..9), as the Jan/Feb/Mar example shows.
"""

import contextlib
import datetime

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from impact.disclosure import Period
from impact.linked import CannotProtect
from impact.models import MonthlyReturn, Publication, ServiceFigure
from impact.publishing import publish_due, restate

from .impact_attacker import interval, narrow_ranges
from .search_budget import THOROUGH
from .staff_helpers import log_in, make_staff, totp_code

SECRET = "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK"


@pytest.fixture
def moderator(client):
    make_staff("moderator-attack", group="Moderators", secret=SECRET)
    log_in(client, "moderator-attack", totp_code(SECRET))
    return client


def test_intervals_come_from_the_published_rounding():
    from impact.disclosure import rounding_interval

    assert interval("0") == (0, 0)
    assert interval("15") == (11, 17)
    assert interval("20") == (18, 22)
    for shown in range(15, 1005, 5):
        assert rounding_interval(shown) == interval(str(shown))


@pytest.mark.django_db
def test_a_moderator_cannot_narrow_any_hidden_demo_figure(moderator):
    """The demo's figures, every month, quarter and year CSV, solved as one linked system.

    A thorough run (HYPOTHESIS_PROFILE=thorough) attacks all three years at once; a quick one
    the latest year alone. No table spans two years, so a year shares no cell with another
    and is a system of its own: the quick run solves that system whole.
    """
    only_year = None if THOROUGH else Publication.objects.filter(kind="year").latest("start").start.year
    assert narrow_ranges(moderator, only_year=only_year) == {}


def centre(slug):
    return MonthlyReturn.objects.filter(centre__slug=slug).first().centre


def enter(centre_page, month, legal_aid, received=40):
    """A return where only legal aid varies (every other service 0)."""
    from locations.models import Service

    monthly, _ = MonthlyReturn.objects.update_or_create(
        centre=centre_page, month=month, defaults={"children_received": received}
    )
    for service in Service.originals():
        ServiceFigure.objects.update_or_create(
            monthly_return=monthly,
            service=service,
            defaults={"children": legal_aid if service.slug == "legal-aid" else 0},
        )


def closing(day):
    return day + datetime.timedelta(days=25)


@pytest.mark.django_db
def test_worked_example_feb_between_jan_0_and_mar_30(moderator):
    """Jan 0, Feb 3 (hidden), Mar 30: published as months then Q1, Feb must not be pinned to 1..9."""
    quetta = centre("quetta")
    for month, count in ((1, 0), (2, 3), (3, 30)):
        enter(quetta, datetime.date(2019, month, 1), count)
    for month_end in (datetime.date(2019, 1, 31), datetime.date(2019, 2, 28), datetime.date(2019, 3, 31)):
        publish_due(today=closing(month_end))
    assert narrow_ranges(moderator, only_year=2019) == {}
    feb = Publication.objects.get(kind="month", start=datetime.date(2019, 2, 1)).tables["services"]
    legal_aid = [slug for slug, _ in feb["columns"]].index("legal-aid")
    assert feb["cells"][[pk for pk, _ in feb["rows"]].index(quetta.pk)][legal_aid] is None


@pytest.mark.django_db
def test_late_return_then_restatement_keeps_the_late_figure_hidden(moderator):
    """Q1 published without Taftan's February; it arrives (3 children) and Q1 is restated."""
    quetta, taftan = centre("quetta"), centre("taftan")
    for month in (1, 2, 3):
        enter(quetta, datetime.date(2018, month, 1), 30)
        if month != 2:
            enter(taftan, datetime.date(2018, month, 1), 20)
    for month_end in (datetime.date(2018, 1, 31), datetime.date(2018, 2, 28), datetime.date(2018, 3, 31)):
        publish_due(today=closing(month_end))
    made_before = Publication.objects.filter(start__year=2018).count()
    enter(taftan, datetime.date(2018, 2, 1), 3)  # the late return
    restated = restate(2018, user=None)
    assert {(p.kind, p.version) for p in restated} >= {("quarter", 2)}
    order = {
        (p.kind, Period(p.kind, p.start).slug, p.version): n
        for n, p in enumerate(Publication.objects.filter(start__year=2018).order_by("published_at", "pk"))
    }
    changed = {made_before: {(taftan.title, datetime.date(2018, 2, 1))}}
    assert narrow_ranges(moderator, only_year=2018, order=order, changed=changed) == {}
    page = moderator.get("/admin/impact/?kind=quarter&period=2018-Q1").content.decode()
    assert "Version 2" in page and "Restatements by quarter" in page


# Sparse figures: a few centres, months of small counts, late returns and corrections.
sparse_month = st.fixed_dictionaries(
    {
        "received": st.integers(0, 25),
        "legal_aid": st.one_of(st.just(0), st.integers(1, 14)),
        "counselling": st.integers(0, 14),
        "late": st.booleans(),
    }
)


# Found by this search: a centre's January return (17 children) arrives after January
# was published without it, and March then holds a hidden 3. No entry still free to hide
# protects March, so publishing refuses (CannotProtect: `publish_impact` exits with a
# one-line reason, nothing of that act is published, and later periods wait behind it).
# No figure leaks, which is what this test holds publishing to; that the quarter then
# waits for staff is a known limit of impact/linked.py (docs/security.md). The example
# is always run. The explain phase, which re-runs a failing case under a tracer for
# minutes, is off.
LATE_JANUARY = [
    [
        {"received": 17, "late": True, "legal_aid": 1, "counselling": 0},
        {"received": 0, "counselling": 14, "late": False, "legal_aid": 0},
    ],
    [
        {"received": 0, "legal_aid": 0, "counselling": 0, "late": False},
        {"received": 0, "legal_aid": 0, "counselling": 0, "late": False},
    ],
    [
        {"received": 3, "legal_aid": 0, "counselling": 0, "late": False},
        {"received": 16, "legal_aid": 0, "counselling": 0, "late": False},
    ],
]


@pytest.mark.django_db
@settings(
    max_examples=4,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    figures=st.lists(st.lists(sparse_month, min_size=2, max_size=2), min_size=3, max_size=6),
    correction=st.tuples(st.integers(0, 5), st.integers(0, 1), st.integers(0, 14)),
)
@example(figures=LATE_JANUARY, correction=(0, 0, 0))
def test_a_moderator_cannot_narrow_hidden_sparse_figures_with_late_returns_and_corrections(
    moderator, figures, correction
):
    from locations.models import Service

    MonthlyReturn.objects.filter(month__year=2017).delete()
    Publication.objects.filter(start__year=2017).delete()
    centres = [centre("gwadar"), centre("taftan")]
    services = {service.slug: service for service in Service.originals()}

    def save(centre_page, month, numbers):
        monthly, _ = MonthlyReturn.objects.update_or_create(
            centre=centre_page, month=month, defaults={"children_received": numbers["received"]}
        )
        for slug, key in (("legal-aid", "legal_aid"), ("psychosocial-counselling", "counselling")):
            ServiceFigure.objects.update_or_create(
                monthly_return=monthly, service=services[slug], defaults={"children": numbers[key]}
            )

    changed, late = {}, []
    for number, month_figures in enumerate(figures):
        month = datetime.date(2017, number + 1, 1)
        for centre_page, numbers in zip(centres, month_figures, strict=True):
            if numbers["late"] and number % 3 != 2:
                late.append((centre_page, month, numbers))  # arrives after its month is published
            else:
                save(centre_page, month, numbers)
        next_month = datetime.date(2017, number + 2, 1)
        with contextlib.suppress(CannotProtect):  # refused: nothing of it is published (see above)
            publish_due(today=closing(next_month - datetime.timedelta(days=1)))
        count = Publication.objects.filter(start__year=2017).count()
        for centre_page, late_month, numbers in late:
            if late_month.month == number:  # one month late: before the quarter closes
                save(centre_page, late_month, numbers)
                changed.setdefault(count, set()).add((centre_page.title, late_month))
    month_index, centre_index, value = correction
    if month_index < len(figures):
        corrected = MonthlyReturn.objects.filter(
            month=datetime.date(2017, month_index + 1, 1), centre=centres[centre_index]
        ).first()
        if corrected:
            count = Publication.objects.filter(start__year=2017).count()
            ServiceFigure.objects.filter(monthly_return=corrected, service=services["legal-aid"]).update(
                children=value
            )
            changed.setdefault(count, set()).add((centres[centre_index].title, corrected.month))
            # NothingToPublish (a ValueError) when the correction changed nothing published.
            with contextlib.suppress(ValueError, CannotProtect):
                restate(2017, user=None)
    order = {
        (p.kind, Period(p.kind, p.start).slug, p.version): n
        for n, p in enumerate(Publication.objects.filter(start__year=2017).order_by("published_at", "pk"))
    }
    # Sparse draws may hide nothing (all zeros or all large); most hide several cells.
    assert narrow_ranges(moderator, only_year=2017, order=order, changed=changed, expect_hidden=False) == {}
