import pytest

from locations.factories import CentrePageFactory
from locations.models import CentreIndexPage


@pytest.mark.django_db
def test_search_finds_a_centre(client, home_page):
    CentrePageFactory(parent=CentreIndexPage.objects.get(locale=home_page.locale), title="Zhob Centre", city="Zhob")
    response = client.get("/en/search/", {"q": "Zhob"})
    assert response.status_code == 200
    assert "Zhob Centre" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["zzzxqv", "'; DROP TABLE", "<script>", "%%%", "a" * 100])
def test_search_handles_odd_queries(client, home_page, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


@pytest.mark.django_db
def test_search_rejects_overlong_query_with_a_message(client, home_page):
    response = client.get("/en/search/", {"q": "a" * 101})
    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()


@pytest.mark.django_db
def test_search_bad_page_number_falls_back(client, home_page):
    response = client.get("/en/search/", {"q": "child", "page": "x"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_robots_points_at_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.django_db
def test_unknown_page_gets_the_friendly_404(client, home_page):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@pytest.mark.django_db
def test_search_is_rate_limited_per_address(client, home_page, frozen_ratelimit_clock):
    from django.core.cache import cache

    from home.views import SEARCH_RATE_LIMIT

    cache.clear()
    for _ in range(SEARCH_RATE_LIMIT):
        assert client.get("/en/search/", {"q": "Quetta"}).status_code == 200
    response = client.get("/en/search/", {"q": "Quetta"})
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Please wait a moment" in response.content.decode()
    cache.clear()
