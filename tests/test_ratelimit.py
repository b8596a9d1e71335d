import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from core.ratelimit import client_ip, ratelimit


@ratelimit("test-view", limit=3, period=60)
def view(request):
    return HttpResponse("ok")


@pytest.mark.django_db
def test_limit_answers_429_past_the_limit_with_retry_after(home_page, frozen_ratelimit_clock):
    factory = RequestFactory()
    codes = [view(factory.post("/", REMOTE_ADDR="10.0.0.9")).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    response = view(factory.post("/", REMOTE_ADDR="10.0.0.9"))
    response.render()
    assert response["Retry-After"] == "60"
    assert "Please wait a moment" in response.content.decode()


@pytest.mark.django_db
def test_limit_is_per_client_and_ignores_gets(frozen_ratelimit_clock):
    factory = RequestFactory()
    for _ in range(3):
        view(factory.post("/", REMOTE_ADDR="10.0.0.1"))
    assert view(factory.post("/", REMOTE_ADDR="10.0.0.2")).status_code == 200
    assert view(factory.get("/", REMOTE_ADDR="10.0.0.1")).status_code == 200


def test_client_ip_trusts_only_the_configured_proxies(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.5"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"
