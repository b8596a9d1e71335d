"""Every page type is creatable only where it belongs, and renders."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from awareness.models import ArticleIndexPage, ArticlePage
from home.models import HomePage, StandardPage
from locations.models import CentreIndexPage, CentrePage
from programs.models import ProgrammeIndexPage, ProgrammePage


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_standard_pages_sit_under_home_or_each_other(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(CentreIndexPage, StandardPage)

    def test_centres_sit_only_under_where_we_work(self):
        self.assertCanCreateAt(HomePage, CentreIndexPage)
        self.assertCanCreateAt(CentreIndexPage, CentrePage)
        self.assertCanNotCreateAt(HomePage, CentrePage)
        self.assertCanNotCreateAt(CentrePage, CentrePage)

    def test_programme_pages_cannot_sit_under_centres(self):
        self.assertCanNotCreateAt(CentreIndexPage, ProgrammePage)
        self.assertCanNotCreateAt(CentrePage, ProgrammePage)

    def test_programmes_sit_only_under_our_work(self):
        self.assertCanCreateAt(HomePage, ProgrammeIndexPage)
        self.assertCanCreateAt(ProgrammeIndexPage, ProgrammePage)
        self.assertCanNotCreateAt(HomePage, ProgrammePage)
        self.assertCanNotCreateAt(ProgrammePage, ProgrammePage)
        self.assertCanNotCreateAt(StandardPage, ProgrammeIndexPage)

    def test_articles_sit_only_under_awareness(self):
        self.assertCanCreateAt(HomePage, ArticleIndexPage)
        self.assertCanCreateAt(ArticleIndexPage, ArticlePage)
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanNotCreateAt(ProgrammeIndexPage, ArticlePage)
        self.assertCanNotCreateAt(ArticlePage, ArticlePage)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    [
        HomePage,
        StandardPage,
        ProgrammeIndexPage,
        ProgrammePage,
        ArticleIndexPage,
        ArticlePage,
        CentreIndexPage,
        CentrePage,
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


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("listing", "model"),
    [
        ("/en/", CentrePage),
        ("/en/our-work/", ProgrammePage),
        ("/en/where-we-work/", CentrePage),
        ("/en/awareness/", ArticlePage),
    ],
)
def test_listings_leave_out_pages_behind_a_view_restriction(client, demo_site, listing, model):
    from wagtail.models import PageViewRestriction

    before = render(client, listing)
    shown = [page for page in model.objects.live().filter(locale__language_code="en") if page.title in before]
    assert len(shown) >= 2, f"{listing} lists fewer than two {model.__name__}s"
    PageViewRestriction.objects.create(page=shown[0], restriction_type=PageViewRestriction.LOGIN)
    html = render(client, listing)
    assert shown[0].title not in html
    assert shown[1].title in html


@pytest.mark.django_db
def test_home_page_leaves_out_centres_under_a_restricted_page(client, demo_site):
    from wagtail.models import PageViewRestriction

    centres = list(CentrePage.objects.live().filter(locale__language_code="en"))
    assert all(centre.title in render(client, "/en/") for centre in centres)
    PageViewRestriction.objects.create(page=centres[0].get_parent(), restriction_type=PageViewRestriction.LOGIN)
    html = render(client, "/en/")
    assert not any(centre.title in html for centre in centres)


def render(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().replace("&amp;", "&").replace("&#x27;", "'")


@pytest.mark.django_db
def test_standard_page_queries_do_not_grow_with_its_calls_to_action(client, demo_site):
    from home.factories import StandardPageFactory
    from tests.query_budget import DETAIL, assert_flat_queries, count_queries

    home = HomePage.objects.get(locale__language_code="en")
    standard = StandardPageFactory(parent=home, title="Counted page")
    targets = list(ProgrammePage.objects.live().filter(locale=home.locale))

    def make_children(n):
        body = list(standard.body.raw_data)
        for i in range(len(body), len(body) + n):
            target = targets[i % len(targets)]
            body.append(
                {
                    "type": "call_to_action",
                    "value": {"heading": f"Read {i}", "link_page": target.pk, "link_text": "Go"},
                }
            )
        standard.body = body
        standard.save_revision().publish()

    assert count_queries(client, standard.url) <= DETAIL  # no calls to action: the floor alone
    assert_flat_queries(client, standard.url, make_children, ceiling=DETAIL)


@pytest.mark.django_db
def test_routing_finds_nested_pages_and_answers_404_for_drafts_and_unknown_paths(client, demo_site):
    """BasePage.route reads the path's pages in one query; what it answers is Wagtail's."""
    from home.factories import StandardPageFactory

    home = HomePage.objects.get(locale__language_code="en")
    about = StandardPageFactory(parent=home, title="Routed parent", slug="routed-parent")
    child = StandardPageFactory(parent=about, title="Routed child", slug="routed-child")
    draft = StandardPageFactory(parent=about, title="Routed draft", slug="routed-draft")
    draft.unpublish()
    assert "Routed child" in render(client, "/en/routed-parent/routed-child/")
    assert child.url == "/en/routed-parent/routed-child/"
    for missing in ("/en/routed-parent/routed-draft/", "/en/routed-parent/nowhere/", "/en/routed-child/"):
        assert client.get(missing).status_code == 404, missing
    assert client.get("/en/awareness/feed/")["Content-Type"].startswith("application/rss+xml")
    no_urdu_version = client.get("/ur/routed-parent/routed-child/")
    assert no_urdu_version.status_code == 302 and no_urdu_version["Location"] == "/en/routed-parent/routed-child/"
