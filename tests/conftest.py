import os

import pytest
from django.core.management import call_command

from donate.stripe_double import StripeDouble, serve_in_thread


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the demo site once per test database; every test starts from it and rolls back.

    Tests that commit (transaction=True, serialized_rollback=True) start from this same
    state: a snapshot of it is taken after seeding (tests/db_snapshot.py).
    """
    from django.db import connections

    from . import db_snapshot

    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        for connection in connections.all():
            db_snapshot.install(connection)


@pytest.fixture
def demo_site(db):
    """The full demo site, as `make run` builds it."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(demo_site):
    return demo_site.root_page.specific


@pytest.fixture
def stripe_double(settings):
    """The Stripe double on a free loopback port; the site's StripeClient talks to it over HTTP."""
    double = StripeDouble(webhook_secret=settings.STRIPE_WEBHOOK_SECRET)
    server, base = serve_in_thread(double)
    settings.STRIPE_API_BASE = base
    yield double
    server.shutdown()
    server.server_close()


@pytest.fixture
def live_double(stripe_double, live_server):
    """The Stripe double delivering its webhooks to the live server, as Stripe would."""
    stripe_double.webhook_url = f"{live_server.url}/donate/webhook/"
    return stripe_double


@pytest.fixture
def donate_page(demo_site):
    from donate.models import DonatePage, Donation

    Donation.objects.all().delete()  # start each test without the demo gifts
    return DonatePage.objects.get(locale__language_code="en")


@pytest.fixture
def frozen_ratelimit_clock(monkeypatch):
    """Keep rate-limit windows from rolling over in the middle of a test."""
    import home.ratelimit

    now = home.ratelimit.time.time()
    monkeypatch.setattr(home.ratelimit.time, "time", lambda: now)


@pytest.fixture(autouse=True)
def empty_cache(request):
    """Rate-limit counters and used-code markers never leak from one test into the next."""
    if (
        "db" in request.fixturenames
        or "transactional_db" in request.fixturenames
        or request.node.get_closest_marker("django_db")
    ):
        request.getfixturevalue("django_db_blocker")
        from django.core.cache import caches

        from pagecache.cache import forget_local_copies

        with request.getfixturevalue("django_db_blocker").unblock():
            for cache in caches.all():
                cache.clear()
        forget_local_copies()
    yield


DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def uses_the_database(item):
    return bool(DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))) or item.get_closest_marker("django_db")


def pytest_collection_modifyitems(config, items):
    """`SEHER_DATABASE_TESTS_ONLY=1` keeps only the tests that use the test database.

    .ci/run sets it for its PostgreSQL pass: the other tests (pure logic, property
    searches, settings read in a subprocess, the lock files, PDFs) cannot answer
    differently on another database, and `make test` has just run them on SQLite.
    """
    if os.environ.get("SEHER_DATABASE_TESTS_ONLY") != "1":
        return
    kept = [item for item in items if uses_the_database(item)]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if not uses_the_database(item)])
        items[:] = kept
