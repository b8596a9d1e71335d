"""Anonymous page cache: served from the shared cache, dropped when content changes."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from config.pagecache import current_generation


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.mark.django_db
def test_second_anonymous_view_is_served_from_the_cache(client, home_page):
    first = client.get(home_page.url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(home_page.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # At most the generation number and the page itself, in one read (database cache on SQLite).
    assert len(queries) <= 1


@pytest.mark.django_db
def test_publishing_a_change_invalidates_cached_pages(client, home_page):
    about = home_page.get_children().get(slug="about").specific
    client.get(about.url)
    assert client.get(about.url)["X-Page-Cache"] == "hit"
    about.intro = "A freshly published introduction."
    about.save_revision().publish()
    response = client.get(about.url)
    assert response["X-Page-Cache"] == "miss"
    assert "A freshly published introduction." in response.content.decode()


@pytest.mark.django_db
def test_changing_a_setting_shown_in_the_footer_invalidates(client, home_page):
    from home.models import ContactSettings

    client.get(home_page.url)
    generation = current_generation()
    contact = ContactSettings.for_site(home_page.get_site())
    contact.helpline_number = "0800 999"
    contact.save()
    assert current_generation() > generation
    assert "0800 999" in client.get(home_page.url).content.decode()


@pytest.mark.django_db
def test_staff_are_never_served_or_stored_cached_pages(home_page):
    user = get_user_model().objects.create_user("reader", password="pw-long-enough-1", is_staff=True)
    staff = Client()
    staff.force_login(user)
    anonymous = Client()
    anonymous.get(home_page.url)
    response = staff.get(home_page.url)
    assert "X-Page-Cache" not in response
    assert anonymous.get(home_page.url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_search_results_are_not_cached(client, home_page):
    client.get("/en/search/", {"q": "Quetta"})
    assert "X-Page-Cache" not in client.get("/en/search/", {"q": "Quetta"})


@pytest.mark.django_db
def test_pages_with_a_csrf_token_are_not_cached(client, home_page, settings):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token
    from django.test import RequestFactory

    from config.pagecache import _response_is_cacheable

    request = RequestFactory().get("/en/donate/")
    get_token(request)
    assert not _response_is_cacheable(request, HttpResponse("form"))


@pytest.mark.django_db
def test_not_found_pages_are_not_cached(client, home_page):
    client.get("/en/missing/")
    assert "X-Page-Cache" not in client.get("/en/missing/")


@pytest.mark.django_db
def test_a_hit_reads_generation_and_page_in_one_query_when_the_worker_has_no_copy(client, home_page, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 0
    client.get(home_page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(home_page.url)["X-Page-Cache"] == "hit"
    assert len(queries) == 1


@pytest.mark.django_db
def test_a_worker_serves_its_own_copy_without_asking_the_shared_cache(client, home_page, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60  # longer than a render takes on a busy test machine
    client.get(home_page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(home_page.url)["X-Page-Cache"] == "hit"
    assert len(queries) == 0


@pytest.mark.django_db
def test_a_change_made_by_another_worker_is_seen_within_the_local_window(client, home_page, monkeypatch, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    import config.pagecache as pagecache
    from config.pagecache import GENERATION_KEY, page_cache

    cache = page_cache()

    client.get(home_page.url)
    # Another process publishes: the database and the shared generation change, not this process's memory.
    type(home_page).objects.filter(pk=home_page.pk).update(hero_heading="Heading changed elsewhere")
    cache.incr(GENERATION_KEY)
    stale = client.get(home_page.url)
    assert stale["X-Page-Cache"] == "hit"
    assert "Heading changed elsewhere" not in stale.content.decode()
    later = pagecache.time.monotonic() + 60.01
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: later)
    fresh = client.get(home_page.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Heading changed elsewhere" in fresh.content.decode()


@pytest.mark.django_db
def test_an_entry_newer_than_the_workers_generation_is_served(client, home_page):
    import config.pagecache as pagecache

    cache = pagecache.page_cache()
    client.get(home_page.url)
    key = next(key for key in pagecache._local_entries)
    generation, status, headers, _ = cache.get(key)
    cache.set(key, (generation + 1, status, headers, b"rendered after a change"), 600)
    pagecache._local_entries.clear()  # this worker knows the older generation, and has no copy
    response = client.get(home_page.url)
    assert response["X-Page-Cache"] == "hit"
    assert response.content == b"rendered after a change"


@pytest.mark.django_db
def test_a_listing_query_is_cached_only_for_a_real_topic_and_page(client, home_page):
    from programs.models import ArticleIndexPage, Topic

    listing = ArticleIndexPage.objects.get(locale__language_code="en")
    topic = Topic.objects.filter(articles__in=listing.articles()).first()
    client.get(listing.url, {"topic": topic.slug})
    assert client.get(listing.url, {"topic": topic.slug})["X-Page-Cache"] == "hit"
    for junk in ({"page": "999"}, {"page": "01"}, {"topic": "no-such-topic"}, {"page": "1", "utm": "x"}):
        client.get(listing.url, junk)
        assert "X-Page-Cache" not in client.get(listing.url, junk)
    client.get("/en/", {"page": "2"})  # a page that reads no query at all
    assert "X-Page-Cache" not in client.get("/en/", {"page": "2"})
