"""Deterministic performance budgets: queries, image weight and markup, static file caching."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from wagtail.models import Page

from core.factories import ImageFactory
from home.models import HomePageFeaturedProgramme
from locations.factories import CentrePageFactory
from locations.models import CentreIndexPage
from programs.factories import ProgrammePageFactory
from tests.query_budget import HOME, assert_flat_queries
from tests.settings_probe import case
from tests.test_settings import PRODUCTION_ENV

HERO_PHONE_BUDGET = 100 * 1024
PHONE_WIDTH = 480  # a 400-480 px wide phone picks the first candidate at least this wide


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_featured_programmes_and_centres(client, home_page):
    image = ImageFactory()  # one picture for all, so the test does not spend its time encoding renditions
    index = CentreIndexPage.objects.live().get(locale=home_page.locale)
    added = []

    def make_children(n):
        start = len(added)
        for i in range(start, start + n):
            programme = ProgrammePageFactory(parent=home_page, title=f"Budget programme {i}", hero_image=image)
            HomePageFeaturedProgramme.objects.create(page=home_page, programme=programme, sort_order=100 + i)
            CentrePageFactory(parent=index, title=f"Budget centre {i}")
            added.append(programme)

    assert_flat_queries(client, home_page.url, make_children, ceiling=HOME)
    body = client.get(home_page.url).content.decode()
    assert "Budget programme 49" in body and "Budget centre 49" in body


def test_flat_query_helper_notices_a_page_that_grows(client, db, home_page):
    """The helper itself fails when each child costs a query (here: a view that counts them one by one)."""
    from django.contrib.auth import get_user_model
    from django.http import HttpResponse
    from django.test import override_settings
    from django.urls import path

    def listing(request):
        users = [user.pk for user in get_user_model().objects.all()]
        names = [get_user_model().objects.get(pk=pk).username for pk in users]  # one query per child
        return HttpResponse(", ".join(names))

    urlconf = type("urls", (), {"urlpatterns": [path("grows/", listing)]})
    made = []

    def make_children(n):
        for i in range(len(made), len(made) + n):
            made.append(get_user_model().objects.create_user(f"child{i}"))

    with override_settings(ROOT_URLCONF=urlconf), pytest.raises(AssertionError, match="5 children"):
        assert_flat_queries(client, "/grows/", make_children)


class ImageCollector(HTMLParser):
    """Every <img>, with the types of the <source> elements of its <picture>."""

    def __init__(self):
        super().__init__()
        self.images = []
        self.sources = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self.sources = []
        elif tag == "source" and self.sources is not None:
            self.sources.append(attrs)
        elif tag == "img":
            self.images.append({**attrs, "sources": self.sources or []})

    def handle_endtag(self, tag):
        if tag == "picture":
            self.sources = None


def images_on(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    collector = ImageCollector()
    collector.feed(response.content.decode())
    return collector.images


def candidate_for(srcset, width):
    """The srcset candidate a browser picks for a slot `width` CSS pixels wide at 1x."""
    candidates = sorted((int(w), url) for url, w in re.findall(r"(\S+)\s+(\d+)w", srcset))
    assert candidates, f"no width descriptors in {srcset!r}"
    return next((url for w, url in candidates if w >= width), candidates[-1][1])


@pytest.mark.django_db
def test_hero_image_at_phone_width_is_under_100_kb_in_every_format(client, home_page):
    hero = next(image for image in images_on(client, home_page.url) if "hero__image" in image.get("class", ""))
    assert {source.get("type") for source in hero["sources"]} >= {"image/avif", "image/webp"}
    sets = [source["srcset"] for source in hero["sources"]] + [hero.get("srcset") or f"{hero['src']} {PHONE_WIDTH}w"]
    for srcset in sets:
        url = candidate_for(srcset, PHONE_WIDTH)
        assert url.startswith(settings.MEDIA_URL), url
        size = default_storage.size(url.removeprefix(settings.MEDIA_URL))
        assert 0 < size <= HERO_PHONE_BUDGET, f"{url}: {size} bytes"


@pytest.mark.django_db
def test_every_image_on_public_pages_has_dimensions_modern_formats_and_lazy_loading(client, demo_site):
    urls = [page.url for page in Page.objects.live().public().exclude(depth=1).specific()]
    media_images = 0
    for url in urls:
        for image in images_on(client, url):
            where = f"{url}: {image.get('src')}"
            assert image.get("width") and image.get("height"), f"{where} has no width and height"
            assert image.get("alt") is not None, f"{where} has no alt"
            if not image["src"].startswith(settings.MEDIA_URL):
                continue  # the logo: a small static SVG in the header
            media_images += 1
            types = {source.get("type") for source in image["sources"]}
            assert {"image/avif", "image/webp"} <= types, f"{where} offers only {types}"
            if image.get("fetchpriority") != "high":  # only the hero at the top of a page loads eagerly
                assert image.get("loading") == "lazy", f"{where} below the fold is not lazy"
    assert media_images >= 5  # the check really saw the demo site's pictures


ONE_YEAR = 365 * 24 * 60 * 60


@pytest.fixture
def production_static(settings, tmp_path):
    """Our static files collected as production does (fingerprinted, .br and .gz), served by whitenoise."""
    from django.core.management import call_command
    from django.http import HttpResponse
    from whitenoise.middleware import WhiteNoiseMiddleware

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_MAX_AGE = ONE_YEAR
    # Only the site's own files: compressing the admin's would take most of a minute.
    ignore = ["wagtail*", "account", "mfa", "admin", "django_extensions"]
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=ignore)
    return WhiteNoiseMiddleware(lambda request: HttpResponse("not a static file", status=404))


PRODUCTION_STATIC = case("static files", PRODUCTION_ENV, read=["WHITENOISE_MAX_AGE", "WHITENOISE_AUTOREFRESH"])


def test_production_static_settings_match_what_the_budget_test_serves(settings_cases):
    assert settings_cases[PRODUCTION_STATIC].values == [str(ONE_YEAR), "False"]


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_static_files_are_fingerprinted_compressed_and_cached_for_a_year(production_static, rf, encoding):
    from django.contrib.staticfiles.storage import staticfiles_storage

    for name in ["css/base.css", "css/components.css"]:
        url = staticfiles_storage.url(name)
        assert re.search(r"\.[0-9a-f]{12}\.css$", url), f"{name} is not fingerprinted: {url}"
        response = production_static(rf.get(url, HTTP_ACCEPT_ENCODING=encoding))
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == encoding
        assert "immutable" in response["Cache-Control"]
        max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
        assert max_age >= ONE_YEAR
        plain = production_static(rf.get(url))
        assert "Content-Encoding" not in plain
        body = b"".join(response.streaming_content)
        assert len(body) < int(plain["Content-Length"])
