"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Every test here is marked `browser`, so a run can leave them out with `-m "not browser"`.
"""

import os
from pathlib import Path

import pytest
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


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Playwright cannot download its own browser here: use the system Chromium, headless."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture
def site_url(live_server, django_db_serialized_rollback, transactional_db, settings):
    """The demo site served by the live server; returns its base URL (http://localhost:port).

    The live server shares this process's settings, so the test URLconf (media files,
    the 429 page) reaches it. The database is emptied after each test, hence the seed each
    time; serialized rollback brings back what migrations made (the root page, the services).
    This holds only when the browser tests run in a pytest process of their own (`make test`
    does so): mixed with ordinary database tests, the serialized copy is not found again.
    """
    settings.ROOT_URLCONF = "tests.browser.urls"
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)
    return live_server.url


@pytest.fixture
def screenshots_dir():
    path = HERE / "screenshots"
    path.mkdir(exist_ok=True)
    return path
