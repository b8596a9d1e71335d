"""Health endpoint, structured logs, and serving through cache and database outages."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache

from core.observability import JsonFormatter, scrub

ROOT = Path(__file__).resolve().parent.parent
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "core.cache.TolerantRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "seher-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


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
    settings.CACHES = redis_cache("redis://127.0.0.1:6379/5")
    assert client.get("/healthz").json()["cache"] == "ok"


@pytest.mark.django_db
def test_stopped_redis_degrades_health_but_pages_still_serve(client, home_page, settings):
    settings.CACHES = redis_cache(DEAD_REDIS)
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json() == {**health.json(), "status": "degraded", "cache": "down", "database": "ok"}
    page = client.get(home_page.url)
    assert page.status_code == 200
    assert home_page.hero_heading in page.content.decode()


@pytest.mark.django_db
def test_rate_limits_fail_open_while_the_cache_is_down(settings, caplog):
    from home.ratelimit import hit

    settings.CACHES = redis_cache(DEAD_REDIS)
    with caplog.at_level(logging.ERROR):
        assert all(hit("outage", "10.0.0.1", limit=1, period=60) for _ in range(3))
    assert "not enforced" in caplog.text


@pytest.mark.django_db
def test_single_use_codes_fail_closed_while_the_cache_is_down(settings):
    # allauth records a used TOTP code with cache.add(); during an outage add() says
    # "already used", so no code can be replayed while Redis is away.
    settings.CACHES = redis_cache(DEAD_REDIS)
    assert cache.add("totp-used:123456", "y", 30) is False


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
