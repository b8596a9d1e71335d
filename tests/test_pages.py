"""Every page type is creatable only where it belongs, and renders."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage
from locations.models import LocationIndexPage, LocationPage
from programs.models import ArticleIndexPage, ArticlePage, ProgramIndexPage, ProgramPage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_standard_pages_sit_under_home_or_each_other(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(LocationIndexPage, StandardPage)

    def test_centres_sit_only_under_where_we_work(self):
        self.assertCanCreateAt(HomePage, LocationIndexPage)
        self.assertCanCreateAt(LocationIndexPage, LocationPage)
        self.assertCanNotCreateAt(HomePage, LocationPage)
        self.assertCanNotCreateAt(LocationPage, LocationPage)

    def test_programme_pages_cannot_sit_under_centres(self):
        self.assertCanNotCreateAt(LocationIndexPage, ProgramPage)
        self.assertCanNotCreateAt(LocationPage, ProgramPage)

    def test_programmes_sit_only_under_our_work(self):
        self.assertCanCreateAt(HomePage, ProgramIndexPage)
        self.assertCanCreateAt(ProgramIndexPage, ProgramPage)
        self.assertCanNotCreateAt(HomePage, ProgramPage)
        self.assertCanNotCreateAt(ProgramPage, ProgramPage)
        self.assertCanNotCreateAt(StandardPage, ProgramIndexPage)

    def test_articles_sit_only_under_awareness(self):
        self.assertCanCreateAt(HomePage, ArticleIndexPage)
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ProgramIndexPage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    [
        HomePage,
        StandardPage,
        ProgramIndexPage,
        ProgramPage,
        ArticleIndexPage,
        ArticlePage,
        LocationIndexPage,
        LocationPage,
    ],
    ids=lambda m: m.__name__,
)
def test_each_seeded_page_type_renders(client, demo_site, model):
    pages = model.objects.live()
    assert pages.exists(), f"seed_demo made no {model.__name__}"
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        text = response.content.decode().replace("&amp;", "&")
        assert (page.seo_title or page.title) in text, page.url
        assert "<h1" in text


class RenderableTests(WagtailPageTestCase):
    def setUp(self):
        from django.core.management import call_command

        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    def test_every_page_is_renderable(self):
        pages = Page.objects.live().exclude(depth=1)
        self.assertGreaterEqual(pages.count(), 20)
        for page in pages:
            self.assertPageIsRenderable(page.specific)
