"""Impact publishing and dashboard costs, and how much the linked suppression hides.

Runs in one process on a throwaway SQLite database with the demo site, and prints:

1. publishing one year for 10 centres x 7 services (every month, quarter and the
   year, in the order the site publishes them), and rendering the dashboard (by
   month) with 10 years of publications, each as a ratio to a plain page render
   (the home page) timed in the same run;
2. cells hidden beyond the first-round small ones, linked method against the
   per-table method, summed over random systems of up to 12 months x 6 centres x
   7 services (the property test's generator, seeded);
3. how often publishing months alone hides quarter or year cells that are not
   small themselves, against publishing months together with their quarter, on
   the demo's figures and on sparse random figures.

Usage: .venv/bin/python scripts/bench_impact.py [random systems, default 40]
"""

import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django

django.setup()

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from impact import publishing  # noqa: E402
from impact.disclosure import HIDDEN, is_small  # noqa: E402
from impact.models import MonthlyReturn, Publication, ReceivedBreakdown, ServiceFigure  # noqa: E402
from staff.demo import ACCOUNTS, DEMO_PASSWORD  # noqa: E402
from tests.test_impact_linked import (  # noqa: E402
    linked_hidden_beyond_small,
    per_table_hidden,
    publish_linked,
)


def timed(client, url, repeat=15):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return statistics.median(samples)


def log_in():
    username, secret = next((name, secret) for _, name, group, secret in ACCOUNTS if group == "Programme data")
    client = Client()
    client.post("/accounts/login/", {"login": username, "password": DEMO_PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": format_hotp_value(hotp_value(secret, int(time.time()) // 30))})
    return client


def ten_centres():
    from locations.models import CentrePage

    pages = list(CentrePage.objects.filter(locale__language_code="en"))
    index, template = pages[0].get_parent(), pages[0]
    for number in range(len(pages), 10):
        index.add_child(
            instance=CentrePage(
                title=f"Centre {number}",
                slug=f"centre-{number}",
                city=f"City {number}",
                latitude=template.latitude,
                longitude=template.longitude,
            )
        )
    return list(CentrePage.objects.filter(locale__language_code="en"))


def one_year_of_figures(centres, year, rng):
    from locations.models import Service

    services = list(Service.originals())
    returns, figures, groups = [], [], []
    for month in range(1, 13):
        for number, centre in enumerate(centres):
            received = rng.randint(5, 20 + 15 * number)
            monthly = MonthlyReturn(centre=centre, month=datetime.date(year, month, 1), children_received=received)
            returns.append(monthly)
            figures += [
                ServiceFigure(monthly_return=monthly, service=service, children=rng.randint(0, received))
                for service in services
            ]
            groups.append(
                ReceivedBreakdown(monthly_return=monthly, sex="girls", age_band="6-11", children=received // 3)
            )
    MonthlyReturn.objects.bulk_create(returns)
    ServiceFigure.objects.bulk_create(figures)
    ReceivedBreakdown.objects.bulk_create(groups)


def coarse_hidden(publications):
    """(quarter and year cells hidden, quarter and year cells) in stored publications, centre cells only."""
    hidden = cells = 0
    for publication in publications:
        if publication.kind == "month":
            continue
        for family in ("services", "received"):
            values = [value for row in publication.tables[family]["cells"] for value in row]
            hidden += sum(value is HIDDEN for value in values)
            cells += len(values)
    return hidden, cells


def demo_modes():
    """Quarter and year cells hidden on the demo, months alone against months with their quarter."""
    results = {}
    for with_quarter in (False, True):
        publishing.MONTHS_WITH_QUARTER = with_quarter
        Publication.objects.all().delete()
        publishing.publish_due()
        results[with_quarter] = coarse_hidden(Publication.objects.all())
    publishing.MONTHS_WITH_QUARTER = False
    return results


def random_systems(count, sparse):
    rng = random.Random(2026)  # noqa: S311 # nosec B311: repeatable figures, nothing secret
    totals = {"linked": 0, "per-table": 0, "coarse alone": 0, "coarse with quarter": 0, "coarse cells": 0}
    for _ in range(count):
        months, centres = rng.randint(1, 12), list(range(1, rng.randint(1, 6) + 1))
        services = [f"s{n}" for n in range(rng.randint(1, 7))]
        top = 14 if sparse else 60
        values = {
            (c, datetime.date(2020, m, 1), s): rng.choice([0, rng.randint(0, top)])
            for c in centres
            for m in range(1, months + 1)
            for s in services
        }
        figures = (months, centres, services, values)
        alone, _ = publish_linked(*figures)
        with_quarter, _ = publish_linked(*figures, with_quarter=True)
        totals["linked"] += linked_hidden_beyond_small(alone)
        totals["per-table"] += per_table_hidden(*figures)
        for name, shown in (("coarse alone", alone), ("coarse with quarter", with_quarter)):
            totals[name] += sum(
                1
                for period, slot, true, published in shown
                if period.kind != "month" and slot.row != "all" and published is HIDDEN and not is_small(true)
            )
        totals["coarse cells"] += sum(1 for period, slot, *_ in alone if period.kind != "month" and slot.row != "all")
    return totals


def main():
    systems = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    start = time.perf_counter()
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"seed_demo, publishing the demo's 3 years: {time.perf_counter() - start:.1f} s")
    client = log_in()
    timed(client, "/en/", 2)
    plain = timed(client, "/en/")
    print(f"plain page (home page, logged in): median {plain * 1000:.1f} ms")

    centres = ten_centres()
    one_year_of_figures(centres, 2015, random.Random(1))  # noqa: S311 # nosec B311: repeatable figures
    start = time.perf_counter()
    made = publishing.publish_due(today=datetime.date(2016, 3, 1))
    took = time.perf_counter() - start
    print(f"publish one year, 10 centres x 7 services ({len(made)} tables): {took:.2f} s = {took / plain:.0f} x plain")

    template = list(Publication.objects.filter(kind="month", start__year=2015))
    for year in range(2005, 2015):
        Publication.objects.bulk_create(
            Publication(
                kind="month", start=one.start.replace(year=year), reason=one.reason, tables=one.tables, inputs={}
            )
            for one in template
        )
    url = "/admin/impact/?kind=month&period=2015-12"
    timed(client, url, 2)
    dashboard = timed(client, url)
    print(
        f"dashboard by month, 11 years x 10 centres published: median {dashboard * 1000:.1f} ms"
        f" = {dashboard / plain:.1f} x plain"
    )

    Publication.objects.filter(start__lt=datetime.date(2016, 1, 1)).delete()
    for with_quarter, (hidden, cells) in demo_modes().items():
        mode = "months with their quarter" if with_quarter else "months alone"
        print(f"demo, {mode}: {hidden} of {cells} quarter and year centre cells hidden ({hidden / cells:.0%})")
    for sparse in (False, True):
        totals = random_systems(systems, sparse)
        label = "sparse (counts 0-14)" if sparse else "mixed (counts 0-60)"
        print(
            f"{systems} random systems, {label}: cells hidden beyond the small ones: linked {totals['linked']}, "
            f"per-table {totals['per-table']}; quarter/year cells hidden though not small: months alone "
            f"{totals['coarse alone']}, months with quarter {totals['coarse with quarter']} "
            f"(of {totals['coarse cells']})"
        )


if __name__ == "__main__":
    main()
