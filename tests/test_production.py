"""Health endpoint, structured logs, and serving through cache and database outages."""

import json
import logging
import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.core.cache import cache
from django.test import Client

from core.observability import JsonFormatter, scrub
from tests.redis_helpers import redis_cache, redis_caches
from tests.staff_helpers import PASSWORD, has_admin_session, log_in, make_staff, totp_code

ROOT = Path(__file__).resolve().parent.parent
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def default_cache_on(location):
    return {"default": redis_cache(location, "seher-test")}


@pytest.mark.django_db
def test_health_is_ok_with_database_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_is_ok_on_a_running_redis(client, settings):
    settings.CACHES = default_cache_on("redis://127.0.0.1:6379/5")
    assert client.get("/healthz").json()["cache"] == "ok"


@pytest.mark.django_db
def test_stopped_redis_degrades_health_but_pages_still_serve(client, home_page, settings):
    settings.CACHES = default_cache_on(DEAD_REDIS)
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {**health.json(), "status": "degraded", "cache": "down", "database": "ok"}
    page = client.get(home_page.url)
    assert page.status_code == 200
    assert home_page.hero_heading in page.content.decode()


@pytest.mark.django_db
def test_rate_limits_fail_open_while_the_cache_is_down(settings, caplog):
    from core.ratelimit import hit

    settings.CACHES = default_cache_on(DEAD_REDIS)
    with caplog.at_level(logging.ERROR):
        assert all(hit("outage", "10.0.0.1", limit=1, period=60) for _ in range(3))
    assert "not enforced" in caplog.text


@pytest.mark.django_db
def test_single_use_codes_fail_closed_while_the_cache_is_down(settings):
    # allauth records a used TOTP code with cache.add(); during an outage add() says
    # "already used", so no code can be replayed while Redis is away.
    settings.CACHES = default_cache_on(DEAD_REDIS)
    assert not cache.add("totp-used:123456", "y", 30)


@pytest.fixture
def full_redis():
    """A Redis server of this test's own, at its memory limit, refusing writes (noeviction) as production runs it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert shutil.which("redis-server"), "the tests need Redis's server program (Debian package redis-server)"
    options = "--save '' --appendonly no --maxmemory 2mb --maxmemory-policy noeviction"
    server = subprocess.Popen(  # noqa: S603 - the machine's own redis-server, on loopback
        [shutil.which("redis-server"), "--bind", "127.0.0.1", "--port", str(port), *shlex.split(options)],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.exceptions.ConnectionError:
            time.sleep(0.05)
    try:
        for number in range(10_000):
            client.set(f"filler:{number}", "x" * 10_000)
    except redis.exceptions.OutOfMemoryError:
        pass
    else:
        pytest.fail("the Redis under test never filled up")
    # Full, but only just: a few bytes freed (a client's buffer shrinking) would let one
    # small write through. Half the limit keeps every write refused for the whole test.
    client.config_set("maxmemory", "1mb")
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


@pytest.mark.django_db
def test_a_full_redis_serves_pages_refuses_logins_and_lets_gifts_through(home_page, settings, full_redis):
    """A Redis that refuses writes (OOM under noeviction) answers like a stopped one, never with a 500.

    Pages are served (uncached), staff logins are refused (a code cannot be marked used),
    and the donate form's rate limit lets gifts through.
    """
    from core.ratelimit import hit

    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    make_staff("amina", secret=secret, superuser=True)
    settings.CACHES = redis_caches(full_redis, "seher-test")
    page = Client().get(home_page.url)
    assert page.status_code == 200
    assert home_page.hero_heading in page.content.decode()
    staff = Client()
    # The right password and code: allauth cannot take its rate-limit lock (a write), so it
    # answers with the site's 429 page, which a template error once turned into a 500.
    answer = staff.post("/accounts/login/", {"login": "amina", "password": PASSWORD})
    assert answer.status_code == 429
    assert "Please wait a moment" in answer.content.decode()
    log_in(staff, "amina", totp_code(secret))
    assert not has_admin_session(staff)
    assert all(hit("donate", "10.0.0.2", limit=1, period=60) for _ in range(3))  # fails open


def test_request_id_is_echoed_and_generated(client, db):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abc12345-proxy")
    assert response["X-Request-ID"] == "abc12345-proxy"
    generated = client.get("/healthz", HTTP_X_REQUEST_ID="bad id with spaces")["X-Request-ID"]
    assert generated != "bad id with spaces"
    assert len(generated) == 32


def test_json_log_lines_carry_the_request_id_and_no_personal_data():
    from core.observability import _request_id

    token = _request_id.set("req-42abcdef")
    try:
        record = logging.LogRecord(
            "donate",
            logging.INFO,
            __file__,
            1,
            "receipt sent to %s with key %s",
            ("amina@example.org", "sk_live_abc123"),
            None,
        )
        line = json.loads(JsonFormatter().format(record))
    finally:
        _request_id.reset(token)
    assert line["request_id"] == "req-42abcdef"
    assert line["level"] == "INFO"
    assert "amina@example.org" not in line["message"]
    assert "sk_live_abc123" not in line["message"]


def test_scrub_hides_card_numbers():
    assert "4242" not in scrub("card 4242 4242 4242 4242 declined")


def _run_with_unreachable_database(code):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(DATABASE_URL="postgres://postgres@127.0.0.1:1/seher", DJANGO_SETTINGS_MODULE="config.settings.test")
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_database_down_gives_a_503_page_and_health_says_down():
    code = (
        "from django.test import Client\n"
        "c = Client(raise_request_exception=False)\n"
        "page = c.get('/en/')\n"
        "print(page.status_code, page['Retry-After'], 'busy or under maintenance' in page.content.decode())\n"
        "health = c.get('/healthz')\n"
        "print(health.status_code, health.json()['status'])\n"
    )
    result = _run_with_unreachable_database(code)
    lines = result.stdout.split("\n")
    assert lines[0] == "503 30 True", result.stderr[-2000:]
    assert lines[1] == "503 down", result.stderr[-2000:]
