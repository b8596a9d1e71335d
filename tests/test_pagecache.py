"""Anonymous page cache: served from the shared cache, made stale by the changes that show on a page."""

import json
import threading
import uuid

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

import pagecache.cache as pagecache
from awareness.models import ArticleIndexPage, ArticlePage, Topic
from donate.models import Gift
from donate.stripe_double import StripeDouble
from pagecache.changes import pages_showing
from pagecache.shown import is_project_app, is_shown
from programs.models import ProgrammePage
from tests.donate_helpers import LIVE, gift_form, give, open_link, session_id_from
from tests.redis_helpers import delete_keys, redis_caches


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_LOCAL_SECONDS = 0  # ask the shared cache each time, as another server would


def is_cached(client, url, **query):
    """True when the page is served from the cache as it stands (a hit, not a render)."""
    return client.get(url, query)["X-Page-Cache"] == "hit"


def warm(client, *urls):
    for url in urls:
        client.get(url)
        assert is_cached(client, url), url


def pay(settings, gift):
    """What Stripe sends when a Checkout completes: a signed event, through the real webhook view."""
    double = StripeDouble(webhook_secret=settings.STRIPE_WEBHOOK_SECRET)
    session = {
        "id": gift.stripe_checkout_session_id,
        "object": "checkout.session",
        "client_reference_id": str(gift.reference),
        "payment_status": "paid",
        "amount_total": int(gift.amount * 100),
        "payment_intent": "pi_test_cache",
        "customer_details": {"email": "donor@example.org", "name": "Demo Donor"},
    }
    payload = json.dumps(double.event("checkout.session.completed", session))
    response = Client().post(
        "/donate/webhook/", payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=double.sign(payload)
    )
    assert response.status_code == 200, response.content
    gift.refresh_from_db()
    assert gift.status == Gift.Status.PAID


def an_article(language="en"):
    return ArticlePage.objects.live().filter(locale__language_code=language, topics__isnull=False).first()


def rendered_footer(response):
    """True when this response rendered the footer itself, rather than reusing the copy for this change number."""
    return "components/site_footer.html" in [template.name for template in response.templates]


def rename_organisation(home_page, name):
    """A change to a setting the footer shows: a change to "everything"."""
    from home.models import ContactSettings

    contact = ContactSettings.for_site(home_page.get_site())
    contact.organisation_name = name
    contact.save()


@pytest.mark.django_db
def test_second_anonymous_view_is_served_from_the_cache(client, home_page):
    first = client.get(home_page.url)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get(home_page.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    # The clock, the numbers for everything and for this path, and the page: one read.
    assert len(queries) <= 1


@pytest.mark.django_db
def test_a_hit_writes_back_the_headers_the_page_was_stored_with(client, home_page, settings):
    first = client.get(home_page.url)
    second = client.get(home_page.url)
    for name in ("Content-Security-Policy", "X-Frame-Options", "Content-Type", "Vary", "Cache-Control"):
        assert second[name] == first[name], name
    assert second["Content-Length"] == str(len(second.content))
    cache_control = second["Cache-Control"]
    assert f"s-maxage={settings.PAGE_CACHE_CDN_SECONDS}" in cache_control
    assert f"stale-while-revalidate={settings.PAGE_CACHE_STALE_SECONDS}" in cache_control
    assert "max-age=0" in cache_control and "public" in cache_control


@pytest.mark.django_db
def test_a_hit_computes_no_header_again(client, home_page, monkeypatch):
    """The stored headers are the response's final ones (CSP, HSTS, Permissions-Policy...): a hit builds none."""
    import django.middleware.csp

    built = []
    build_policy = django.middleware.csp.build_policy
    monkeypatch.setattr(django.middleware.csp, "build_policy", lambda *a: built.append(a) or build_policy(*a))
    first = client.get(home_page.url, secure=True)
    assert first["X-Page-Cache"] == "miss" and len(built) == 1
    second = client.get(home_page.url, secure=True)
    assert second["X-Page-Cache"] == "hit"
    assert len(built) == 1  # the policy was written back, not built again
    for name in ("Content-Security-Policy", "Permissions-Policy", "Referrer-Policy", "Cross-Origin-Opener-Policy"):
        assert second[name] == first[name], name
    assert second["X-Request-ID"] != first["X-Request-ID"]  # each answer still gets its own id


@pytest.mark.django_db
def test_a_copy_cached_over_https_is_not_served_over_plain_http(client, home_page, settings):
    """The HTTPS redirect still comes first, and a plain-HTTP answer never carries the HTTPS copy's headers."""
    settings.SECURE_HSTS_SECONDS = 3600
    warm_https = client.get(home_page.url, secure=True)
    assert warm_https["Strict-Transport-Security"] == "max-age=3600"
    assert client.get(home_page.url, secure=True)["X-Page-Cache"] == "hit"
    plain = client.get(home_page.url)
    assert plain["X-Page-Cache"] == "miss"
    assert "Strict-Transport-Security" not in plain
    settings.SECURE_SSL_REDIRECT = True
    redirected = Client().get(home_page.url)  # a new client: SecurityMiddleware reads the setting once
    assert redirected.status_code == 301
    assert redirected["Location"] == f"https://testserver{home_page.url}"


@pytest.mark.django_db
def test_static_files_never_ask_the_page_cache(client, home_page, monkeypatch):
    asked = []
    monkeypatch.setattr(pagecache, "page_cache", lambda: asked.append(1) or pagecache.caches["pages"])
    client.get("/static/css/base.css")
    client.get("/media/images/missing.jpg")
    assert asked == []


@pytest.mark.django_db
def test_publishing_a_change_invalidates_cached_pages(client, home_page):
    about = home_page.get_children().get(slug="about").specific
    warm(client, about.url)
    about.intro = "A freshly published introduction."
    about.save_revision().publish()
    response = client.get(about.url)
    assert response["X-Page-Cache"] == "miss"
    assert "A freshly published introduction." in response.content.decode()


@pytest.mark.django_db
def test_publishing_invalidates_cached_pages_on_redis(client, home_page, settings, monkeypatch):
    """The same on Redis, where the change number goes through django-redis's incr (a Lua script).

    Lua keeps integers exact only up to 2**53: a clock started from the wall clock in
    nanoseconds came back rounded, older than the page it should have made stale, and
    the old text stayed cached after publishing (found by scripts/multi_instance_check).
    The wall clock here is one such moment: 1,796,621,428,083,642,985 + 1 came back as
    ...880.
    """
    monkeypatch.setattr(pagecache.time, "time_ns", lambda: 1_796_621_428_083_642_985)
    prefix = f"seher-pagecache-test-{uuid.uuid4().hex}"
    location = "redis://127.0.0.1:6379/8"
    settings.CACHES = redis_caches(location, prefix)
    try:
        test_publishing_a_change_invalidates_cached_pages(client, home_page)
    finally:
        delete_keys(location, prefix)


@pytest.mark.django_db
def test_changing_a_setting_shown_in_the_footer_invalidates(client, home_page):
    from home.models import ContactSettings

    warm(client, home_page.url)
    contact = ContactSettings.for_site(home_page.get_site())
    contact.helpline_number = "0800 999"
    contact.save()
    assert "0800 999" in client.get(home_page.url).content.decode()


@pytest.mark.django_db
def test_a_paid_gift_invalidates_no_page(client, settings, home_page, donate_page, stripe_double):
    programme = ProgrammePage.objects.live().filter(locale__language_code="en").first()
    article = an_article()
    pages = [home_page.url, programme.url, article.url, article.get_parent().url]
    warm(client, *pages)

    give(Client(), donate_page, amount="2500")  # a pending gift
    gift = Gift.objects.get()
    pay(settings, gift)  # and the webhook marks it paid
    gift.refresh_from_db()
    gift.status = Gift.Status.REFUNDED  # Finance refunds it
    gift.save()

    for url in pages:
        assert is_cached(client, url), url


@LIVE
def test_a_donor_changing_a_monthly_amount_invalidates_no_page(client, home_page, donate_page, live_double):
    """The donor's whole journey: a monthly gift, the manage link, a new amount, and Stripe's webhook,
    which records the change (an AmountChange row) and the new amount on the gift."""
    programme = ProgrammePage.objects.live().filter(locale__language_code="en").first()
    article = an_article()
    pages = [home_page.url, programme.url, article.url, article.get_parent().url]
    warm(client, *pages)

    donor = Client()
    session_id = session_id_from(donor.post(donate_page.url, gift_form(frequency="monthly", amount="1000")))
    live_double.complete(session_id)
    gift = Gift.objects.get(stripe_checkout_session_id=session_id)
    donor.post("/en/gift/manage/", {"email": gift.donor_email})
    open_link(donor)
    assert donor.post("/en/gift/manage/current/", {"amount": "2,500"}).status_code == 200
    assert gift.amount_changes.count() == 1

    for url in pages:
        assert is_cached(client, url), url


@pytest.mark.django_db
def test_campaign_progress_is_live_on_a_cached_page(client, settings, home_page, donate_page, stripe_double):
    settings.LIVE_FIGURES_SECONDS = 10
    home_page.body = [("campaign_progress", {"donate_page": donate_page, "heading": "Winter appeal"})]
    home_page.save_revision().publish()
    warm(client, home_page.url)
    assert "Rs 0 raised of" in client.get(home_page.url).content.decode()

    session_id = session_id_from(give(Client(), donate_page, amount="2500"))
    gift = Gift.objects.get(stripe_checkout_session_id=session_id)
    pay(settings, gift)

    # Within the window the figure may still be the old one; the page stays cached throughout.
    assert is_cached(client, home_page.url)
    later = pagecache.time.time() + 10.01
    monotonic_later = pagecache.time.monotonic() + 10.01
    pagecache._live.clear()  # this worker's copy of the figure expires with the shared one
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pagecache.time, "time", lambda: later)
        patch.setattr(pagecache.time, "monotonic", lambda: monotonic_later)
        response = client.get(home_page.url)
    assert response["X-Page-Cache"] == "hit"
    body = response.content.decode()
    assert "Rs 2,500 raised of" in body
    assert body.count("Winter appeal") == 1
    # The donate page's own bar (the form is never cached) shows the same figure.
    assert "Rs 2,500 raised of" in client.get(donate_page.url).content.decode()


@pytest.mark.django_db
def test_publishing_an_article_refreshes_its_listing_and_topics_in_both_languages(client, home_page, donate_page):
    article = an_article()
    topic = article.topics.first()
    listing = article.get_parent().specific
    urdu_listing = ArticleIndexPage.objects.get(locale__language_code="ur")
    urdu_article = article.get_translations().live().first()
    untouched = ProgrammePage.objects.live().filter(locale__language_code="en").first()
    shown = [article.url, listing.url, urdu_listing.url] + ([urdu_article.url] if urdu_article else [])
    warm(client, untouched.url, *shown)
    for url in (listing.url, urdu_listing.url):
        client.get(url, {"topic": topic.slug})
        assert is_cached(client, url, topic=topic.slug)

    article.title = "A title published just now"
    article.save_revision().publish()

    for url in shown:  # every language: the Urdu pages link to it, or list it until it is translated
        assert client.get(url)["X-Page-Cache"] == "miss", url
        assert client.get(url, {"topic": topic.slug}).status_code == 200
    for url in (article.url, listing.url):
        assert "A title published just now" in client.get(url).content.decode(), url
    topic_page = client.get(listing.url, {"topic": topic.slug})
    assert "A title published just now" in topic_page.content.decode()
    assert is_cached(client, untouched.url)
    paths = pages_showing([article.pk])
    assert {article.url, listing.url, urdu_listing.url, f"{listing.url}feed/", "/sitemap.xml"} <= paths
    assert donate_page.url not in paths


@pytest.mark.django_db
def test_saving_a_draft_invalidates_nothing(client, home_page):
    article = an_article()
    warm(client, article.url, article.get_parent().url, home_page.url)
    article.title = "Only a draft"
    article.save_revision()
    for url in (article.url, article.get_parent().url, home_page.url):
        assert is_cached(client, url), url
    assert "Only a draft" not in client.get(article.url).content.decode()


@pytest.mark.django_db
def test_unpublishing_an_article_removes_it_from_its_listing(client):
    article = an_article()
    listing = article.get_parent()
    warm(client, article.url, listing.url)
    assert article.title in client.get(listing.url).content.decode()
    article.unpublish()
    assert client.get(article.url).status_code == 404
    assert article.title not in client.get(listing.url).content.decode()


@pytest.mark.django_db
def test_publishing_a_programme_refreshes_the_centres_it_names(client):
    programme = ProgrammePage.objects.live().filter(locale__language_code="en", centre_links__isnull=False).first()
    centre = programme.centre_links.first().centre
    warm(client, centre.url)
    programme.title = "A programme renamed just now"
    programme.save_revision().publish()
    assert "A programme renamed just now" in client.get(centre.url).content.decode()


@pytest.mark.django_db
def test_a_snippet_change_refreshes_every_page(client, home_page):
    article = an_article()
    topic = article.topics.first()
    listing = article.get_parent()
    warm(client, listing.url, home_page.url)
    topic.name = "A topic renamed just now"
    topic.save()
    assert "A topic renamed just now" in client.get(listing.url).content.decode()
    assert client.get(home_page.url)["X-Page-Cache"] == "miss"  # which pages show a topic cannot be known


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
    from django.middleware.csrf import get_token

    request = RequestFactory().get("/en/donate/")
    get_token(request)
    assert not pagecache._response_is_cacheable(request, HttpResponse("form"))


@pytest.mark.django_db
def test_not_found_pages_are_not_cached(client, home_page):
    client.get("/en/missing/")
    assert "X-Page-Cache" not in client.get("/en/missing/")


@pytest.mark.django_db
def test_a_worker_serves_its_own_copy_without_asking_the_shared_cache(client, home_page, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60  # longer than a render takes on a busy test machine
    client.get(home_page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(home_page.url)["X-Page-Cache"] == "hit"
    assert len(queries) == 0


@pytest.mark.django_db
def test_a_change_made_by_another_server_is_seen_within_the_local_window(client, monkeypatch, settings):
    settings.PAGE_CACHE_LOCAL_SECONDS = 60
    article = an_article()
    client.get(article.url)
    # Another server publishes: the database and the shared marks change, not this process's memory.
    ArticlePage.objects.filter(pk=article.pk).update(title="Title changed elsewhere")
    number = pagecache.page_cache().incr(pagecache.CLOCK_KEY)
    pagecache.page_cache().set(pagecache.CHANGED_PREFIX + article.url, number)
    stale = client.get(article.url)
    assert stale["X-Page-Cache"] == "hit"
    assert "Title changed elsewhere" not in stale.content.decode()
    later = pagecache.time.monotonic() + 60.01
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: later)
    fresh = client.get(article.url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Title changed elsewhere" in fresh.content.decode()


@pytest.mark.django_db
def test_a_render_that_read_old_rows_before_a_change_is_not_kept(client, home_page):
    """The entry carries the clock read before its render; a change committed meanwhile is newer."""
    article = an_article()
    key = f"pagecache:http:testserver:{article.url}"
    client.get(article.url)
    clock, *rest = pagecache.page_cache().get(key)
    pagecache.invalidate_paths([article.url])
    pagecache.page_cache().set(key, (clock, *rest), 600)  # stored after the change, rendered before it
    assert client.get(article.url)["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_while_one_request_renders_a_stale_page_the_others_get_the_previous_copy(settings):
    """Two threads: the first renders (held until released), the second gets the stale copy at once."""
    settings.CACHES = {**settings.CACHES, "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    release, started = threading.Event(), threading.Event()
    renders = []

    def view(request):
        renders.append(request.path)
        started.set()
        assert release.wait(10)
        return HttpResponse(f"render {len(renders)}")

    middleware = pagecache.AnonymousPageCacheMiddleware(view)
    request = RequestFactory().get
    release.set()
    assert middleware(request("/en/news/"))["X-Page-Cache"] == "miss"
    release.clear()
    started.clear()  # set by that render: the wait below must see the next one start
    pagecache.invalidate_paths(["/en/news/"])

    answers = {}
    renderer = threading.Thread(target=lambda: answers.update(first=middleware(request("/en/news/"))))
    renderer.start()
    assert started.wait(10)
    second = middleware(request("/en/news/"))
    assert second["X-Page-Cache"] == "stale"
    assert second.content == b"render 1"
    release.set()
    renderer.join(10)
    assert answers["first"]["X-Page-Cache"] == "miss"
    assert answers["first"].content == b"render 2"
    assert middleware(request("/en/news/")).content == b"render 2"
    assert renders == ["/en/news/", "/en/news/"]  # one render for the stale page, not two


@pytest.mark.django_db
def test_a_listing_query_is_cached_only_for_a_real_topic_and_page(client, home_page):
    listing = ArticleIndexPage.objects.get(locale__language_code="en")
    topic = Topic.objects.filter(articles__in=listing.articles()).first()
    client.get(listing.url, {"topic": topic.slug})
    assert client.get(listing.url, {"topic": topic.slug})["X-Page-Cache"] == "hit"
    for junk in ({"page": "999"}, {"page": "01"}, {"topic": "no-such-topic"}, {"page": "1", "utm": "x"}):
        client.get(listing.url, junk)
        assert "X-Page-Cache" not in client.get(listing.url, junk)
    client.get("/en/", {"page": "2"})  # a page that reads no query at all
    assert "X-Page-Cache" not in client.get("/en/", {"page": "2"})


@pytest.mark.django_db
def test_menu_and_footer_render_once_until_a_change_shows_everywhere(client, home_page, monkeypatch):
    from home.templatetags import navigation_tags

    menus = []
    real_menu_pages = navigation_tags.menu_pages
    monkeypatch.setattr(navigation_tags, "menu_pages", lambda context: menus.append(1) or real_menu_pages(context))
    # Two pages in one section of the menu (which item is current is part of the menu's key).
    article, other = ArticlePage.objects.live().filter(locale__language_code="en")[:2]
    first = client.get(article.url)
    second = client.get(other.url)  # another page, rendered afresh: the same menu and footer
    assert first["X-Page-Cache"] == second["X-Page-Cache"] == "miss"
    assert rendered_footer(first)
    assert not rendered_footer(second)
    assert len(menus) == 1
    assert "site-footer" in second.content.decode() and "main-menu" in second.content.decode()

    rename_organisation(home_page, "SEHER, renamed just now")
    third = client.get(other.url)
    assert rendered_footer(third)
    assert "SEHER, renamed just now" in third.content.decode()
    assert len(menus) == 2


@pytest.mark.django_db
def test_pages_that_cannot_be_cached_still_reuse_the_menu_and_footer(client, home_page, donate_page):
    """The donate page (it sets a CSRF cookie) renders the site-wide fragments once per change too."""
    client.get(home_page.url)  # renders the footer for this host and language
    donate = client.get(donate_page.url)
    assert "X-Page-Cache" not in donate  # not cacheable: it carries this reader's CSRF cookie
    assert not rendered_footer(donate)
    assert "site-footer" in donate.content.decode()

    rename_organisation(home_page, "SEHER, renamed for the donate page")
    again = client.get(donate_page.url)
    assert rendered_footer(again)
    assert "SEHER, renamed for the donate page" in again.content.decode()


@pytest.mark.django_db
def test_a_restriction_added_after_renders_closes_the_page_at_once(client, home_page):
    """Which pages are restricted is read once per change to everything: a new restriction is such a change."""
    from wagtail.models import PageViewRestriction

    article = an_article()
    listing = article.get_parent()
    warm(client, article.url, listing.url)
    restriction = PageViewRestriction.objects.create(page=listing, restriction_type=PageViewRestriction.LOGIN)
    for url in (article.url, listing.url):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    restriction.delete()
    assert client.get(article.url).status_code == 200


@pytest.mark.django_db
def test_an_alias_of_a_restricted_page_is_restricted_too(client, home_page):
    """Another URL to the same page: an alias follows its source's restriction, read once per change."""
    from wagtail.models import PageViewRestriction

    article = an_article()
    alias = article.create_alias(parent=home_page, update_slug="alias-of-a-restricted-article")
    # Restricted after the alias was made: the alias has no restriction row of its own.
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert not PageViewRestriction.objects.filter(page=alias).exists()
    client.get(home_page.url)  # the restricted pages are now known for this change number
    response = client.get(alias.url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert article.title not in response.content.decode()


@pytest.mark.django_db
def test_a_page_rendered_for_a_query_the_cache_does_not_keep_still_reuses_the_menu_and_footer(client, home_page):
    """Not stored (the query is not one the view vouches for), but rendered as a miss is: fragments reused."""
    client.get(home_page.url)
    response = client.get(home_page.url, {"utm_source": "newsletter"})
    assert "X-Page-Cache" not in response  # neither served from nor stored in the cache
    assert not rendered_footer(response)
    assert "site-footer" in response.content.decode()


@pytest.mark.django_db
def test_staff_pages_render_the_menu_and_footer_themselves(home_page):
    """A fragment rendered for a signed-in reader is never kept for others, nor one kept used for them."""
    staff = get_user_model().objects.create_user("fragment-staff", password="x", is_staff=True)
    signed_in, reader = Client(), Client()
    signed_in.force_login(staff)
    assert rendered_footer(signed_in.get(home_page.url))
    assert rendered_footer(reader.get(home_page.url))  # the signed-in copy was not kept
    assert not rendered_footer(reader.get(home_page.url, {"utm_source": "x"}))  # the reader's copy was
    assert rendered_footer(signed_in.get(home_page.url))  # and is not used for the signed-in reader


def test_every_project_apps_rows_count_unless_their_model_is_marked_never_shown():
    """A new app's rows make pages stale with nothing to edit in the page cache; gifts and the
    audit trail are the models marked as never shown."""
    project = [model for model in apps.get_models() if is_project_app(model._meta.app_config)]
    assert {model._meta.app_label for model in project} == {
        "home",
        "programs",
        "awareness",
        "locations",
        "donate",
        "impact",
        "staff",
    }
    assert {model._meta.label_lower for model in project if not is_shown(model)} == {
        "donate.gift",
        "donate.monthlypayment",
        "donate.amountchange",
        "donate.stripeevent",
        "donate.receiptcounter",
        "donate.yearlystatement",
        "staff.auditevent",
    }
    libraries = {"wagtailcore", "wagtailimages", "auth", "sessions", "account", "mfa", "wagtail_localize"}
    assert not any(is_project_app(apps.get_app_config(label)) for label in libraries)
    assert is_shown(apps.get_model("wagtailimages", "Image"))
    assert not is_shown(apps.get_model("wagtailimages", "Rendition"))
    assert not is_shown(apps.get_model("wagtailcore", "Revision"))
    assert not is_shown(get_user_model())
