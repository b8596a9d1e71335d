import os

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from donate.stripe_double import StripeDouble, serve_in_thread

from . import db_snapshot, seeded_copy, settings_probe


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """On SQLite in memory, a saved copy of the seeded database (tests/seeded_copy.py) is used
    when it is up to date: the tables then come from the models, not migrations."""
    from django.db import connection

    if not seeded_copy.can_be_saved(connection):
        return None
    claim = seeded_copy.Claim()
    if claim.copy:
        connection.settings_dict["TEST"]["MIGRATE"] = False
    return claim


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_modify_db_settings):
    """Build the demo site once per test database; every test starts from it and rolls back.

    Tests that commit (transaction=True, serialized_rollback=True) start from this same
    state: a snapshot of it is taken after seeding (tests/db_snapshot.py). On SQLite the
    seeded database is also saved for the next run, or loaded from the last one.
    """
    from django.db import connection, connections

    claim = django_db_modify_db_settings
    with django_db_blocker.unblock():
        if claim and claim.copy:
            seeded_copy.load(connection, claim.copy)
        else:
            call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
            render_every_page_once()
            if claim:
                claim.save(connection, media_files())
        for each in connections.all():
            db_snapshot.install(each)


def media_files():
    """The files under MEDIA_ROOT that the database names: images, their renditions, documents."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    images = get_image_model()
    tables = (images, images.get_rendition_model(), get_document_model())
    return [name for model in tables for name in model.objects.values_list("file", flat=True)]


def render_every_page_once():
    """Render every live page, in each language, before the tests start from this state.

    The image renditions the pages ask for are then in the database every test starts from:
    encoding AVIF and WebP takes about a second a page, and would otherwise happen again in
    every test that renders a page, since each test's renditions are rolled back with it.
    """
    from django.core.cache import caches
    from django.test import Client
    from wagtail.models import Page

    client = Client()
    for page in Page.objects.live().exclude(depth=1).specific().iterator():
        url = page.get_url()
        if url:
            client.get(url)
    for cache in caches.all():
        cache.clear()  # no rate-limit counts or cached pages in the starting state


@pytest.fixture(scope="session")
def settings_cases():
    """{name: Loaded}: every environment the test modules declared with settings_probe.case(), in one interpreter."""
    return settings_probe.load_all(settings_probe.CASES)


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
    from donate.models import DonatePage, Gift

    Gift.objects.all().delete()  # start each test without the demo gifts
    return DonatePage.objects.get(locale__language_code="en")


@pytest.fixture
def frozen_ratelimit_clock(monkeypatch):
    """Keep rate-limit windows from rolling over in the middle of a test."""
    import core.ratelimit

    now = core.ratelimit.time.time()
    monkeypatch.setattr(core.ratelimit.time, "time", lambda: now)


@pytest.fixture(autouse=True)
def first_language():
    """Each test starts in the site's first language. A request through the test client leaves
    the language LocaleMiddleware chose active in this thread, so after a test that asked for an
    Urdu page, a bare reverse() or render in the next one came out in Urdu."""
    translation.activate(settings.LANGUAGE_CODE)


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
