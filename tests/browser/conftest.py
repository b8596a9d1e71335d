"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Every test here is marked `browser`, so a run can leave them out with `-m "not browser"`.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread, which makes Django's
# async-safety check refuse the test's own database calls. Only the tests here need this.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).parent


def in_memory_sqlite():
    database = django_settings.DATABASES["default"]
    return "sqlite" in database["ENGINE"] and not database.get("TEST", {}).get("NAME")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            if not in_memory_sqlite():
                # Another database is emptied after each test: serialized rollback brings back
                # what migrations made, and `site_url` seeds the demo again on top.
                item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Playwright cannot download its own browser here: use the system Chromium, headless."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


def restore_demo():
    """Make sure the demo site is in the database, as the session's set-up seeded it.

    On the in-memory SQLite database the live server shares with this process, it already
    is: every test that commits puts the session's snapshot back when it ends, instead of
    emptying the tables (tests/db_snapshot.py). On any other database the demo is seeded
    again, on top of what serialized rollback restored.
    """
    if not in_memory_sqlite():
        with open(os.devnull, "w") as devnull:
            call_command("seed_demo", stdout=devnull)


@pytest.fixture
def site_url(live_server, transactional_db, settings):
    """The demo site served by the live server; returns its base URL (http://localhost:port).

    The live server shares this process's settings, so the test URLconf (media files,
    the 429 page) reaches it. The browser tests run in a pytest process of their own
    (`make test` does so), whose session set-up seeded the demo (tests/conftest.py).
    """
    settings.ROOT_URLCONF = "tests.browser.urls"
    settings.WAGTAILADMIN_BASE_URL = live_server.url  # links in emails point at the site under test
    restore_demo()
    return live_server.url


@pytest.fixture
def screenshots_dir():
    path = HERE / "screenshots"
    path.mkdir(exist_ok=True)
    return path
