"""Programmes and awareness articles: listings within a fixed query budget, topics, the feed, stories."""

import xml.etree.ElementTree as ET  # nosec B405 -- parses the site's own feed

import pytest
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.template.loader import render_to_string

from awareness.factories import ArticleIndexPageFactory, ArticlePageFactory, TopicFactory
from awareness.models import ARTICLES_PER_PAGE, ArticleIndexPage, ArticlePage, Topic
from core.factories import ImageFactory
from programs.factories import ProgrammePageFactory
from programs.models import ProgrammeIndexPage
from tests.query_budget import DETAIL, LISTING, assert_flat_queries
from tests.staff_helpers import log_in, make_staff, totp_code

# One image for all the added pages: a listing that fetched each page's image on its own would
# still cost a query per page (Django keeps no identity map), and the test does not spend its
# time encoding renditions.


def add_programmes(index, count):
    image = ImageFactory()
    start = index.get_children().count()
    for n in range(start, start + count):
        ProgrammePageFactory(parent=index, title=f"Extra programme {n}", hero_image=image)


def add_articles(index, count):
    image = ImageFactory()
    topic = TopicFactory(slug="extra-topic", name="Extra topic")
    start = index.get_children().count()
    for n in range(start, start + count):
        article = ArticlePageFactory(parent=index, title=f"Extra article {n}", hero_image=image)
        article.topics.add(topic)
        article.save()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "add", "suffix"),
    [
        (ProgrammeIndexPage, add_programmes, ""),
        (ArticleIndexPage, add_articles, ""),
        (ArticleIndexPage, add_articles, "?topic=extra-topic"),
        (ArticleIndexPage, add_articles, "feed/"),
    ],
    ids=["programmes", "articles", "articles-by-topic", "feed"],
)
def test_listing_queries_do_not_grow_with_items(client, demo_site, model, add, suffix):
    index = model.objects.get(locale__language_code="en")
    assert_flat_queries(client, index.url + suffix, lambda n: add(index, n), ceiling=LISTING)


@pytest.mark.django_db
def test_programme_page_queries_do_not_grow_with_its_centres_and_related_programmes(client, demo_site):
    from locations.factories import CentrePageFactory
    from locations.models import CentreIndexPage
    from programs.models import ProgrammePageCentre, ProgrammePageRelated

    index = ProgrammeIndexPage.objects.get(locale__language_code="en")
    centres = CentreIndexPage.objects.get(locale__language_code="en")
    programme = ProgrammePageFactory(parent=index, title="Counted programme", hero_image=ImageFactory())

    def make_children(n):
        for _ in range(n):
            centre = CentrePageFactory(parent=centres, title=f"Centre {ProgrammePageCentre.objects.count()}")
            ProgrammePageCentre.objects.create(page=programme, centre=centre)
            related = ProgrammePageFactory(parent=index, title=f"Related {ProgrammePageRelated.objects.count()}")
            ProgrammePageRelated.objects.create(page=programme, programme=related)

    assert_flat_queries(client, programme.url, make_children, ceiling=DETAIL)


@pytest.mark.django_db
def test_article_page_queries_do_not_grow_with_its_topics(client, demo_site):
    index = ArticleIndexPage.objects.get(locale__language_code="en")
    article = ArticlePageFactory(parent=index, title="Counted article", hero_image=ImageFactory())

    def make_children(n):
        for _ in range(n):
            count = Topic.objects.count()
            article.topics.add(TopicFactory(slug=f"counted-{count}", name=f"Counted topic {count}"))
        article.save()

    assert_flat_queries(client, article.url, make_children, ceiling=DETAIL)


@pytest.fixture
def articles(demo_site):
    return ArticleIndexPage.objects.get(locale__language_code="en")


@pytest.fixture
def own_articles(home_page):
    """An article index of the test's own under the home page: one guidance article, one story."""
    index = ArticleIndexPageFactory(parent=home_page, slug="listed-articles")
    for title, date, topic in [
        ("Newest guidance", "2026-11-01", TopicFactory(slug="listed-guidance", name="Listed guidance")),
        ("A story from the border", "2026-10-01", TopicFactory(slug="listed-stories", name="Listed stories")),
    ]:
        article = ArticlePageFactory(parent=index, title=title, date=date)
        article.topics.add(topic)
        article.save()
    return index


@pytest.mark.django_db
def test_articles_are_newest_first_and_paginated(client, own_articles):
    for n in range(ARTICLES_PER_PAGE):
        ArticlePageFactory(parent=own_articles, title=f"Old article {n}", date="2020-01-01")
    first = client.get(own_articles.url).content.decode()
    assert first.index("Newest guidance") < first.index("A story from the border") < first.index("Old article")
    assert "Page 1 of 2" in first
    second = client.get(own_articles.url + "?page=2").content.decode()
    assert "Old article" in second and "Newest guidance" not in second


def test_pagination_links_keep_one_parameter_and_name_the_page():
    """The component both paginated lists use (articles by topic, search results by query)."""
    page = Paginator(range(30), 10).page(2)
    words = {"page_obj": page, "label": "Pages", "previous": "Newer", "next": "Older"}
    html = render_to_string(
        "components/pagination.html", {**words, "keep": "q", "value": "child & home", "count": True}
    )
    assert '<nav class="pagination" aria-label="Pages">' in html
    assert '<a href="?q=child%20%26%20home&amp;page=1">Newer</a>' in html
    assert '<a href="?q=child%20%26%20home&amp;page=3">Older</a>' in html
    assert "Page 2 of 3" in html
    bare = render_to_string("components/pagination.html", {**words, "keep": "topic", "value": ""})
    assert '<a href="?page=1">Newer</a>' in bare
    assert "topic=" not in bare
    assert "Page 2 of 3" not in bare


@pytest.mark.django_db
@pytest.mark.parametrize("bad_page", ["99", "abc", "-1"])
def test_a_bad_page_number_shows_the_first_page(client, own_articles, bad_page):
    response = client.get(own_articles.url, {"page": bad_page})
    assert response.status_code == 200
    assert "Newest guidance" in response.content.decode()


@pytest.mark.django_db
def test_topic_filter_shows_only_that_topic(client, own_articles):
    text = client.get(own_articles.url, {"topic": "listed-stories"}).content.decode()
    assert "A story from the border" in text
    assert "Newest guidance" not in text
    assert 'aria-current="page">Listed stories<' in text


@pytest.mark.django_db
def test_an_unknown_topic_says_so_and_lists_nothing(client, own_articles):
    response = client.get(own_articles.url, {"topic": "<script>"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "There is no topic by that name" in text
    assert "<script>" not in text and "Newest guidance" not in text


@pytest.mark.django_db
def test_feed_is_valid_rss_with_the_latest_articles(client, own_articles):
    response = client.get(own_articles.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 # nosec B314
    assert channel.findtext("title") == "Awareness · SEHER"
    items = channel.findall("item")
    live = ArticlePage.objects.child_of(own_articles).live()
    assert len(items) == live.count() == 2
    newest = live.order_by("-date").first()
    assert items[0].findtext("title") == newest.title
    for item in items:
        assert item.findtext("link").startswith("http")
        assert item.findtext("pubDate")
    assert {c.text for c in items[0].findall("category")} == {t.name for t in newest.topics.all()}


@pytest.mark.django_db
def test_listing_links_to_its_feed(client, own_articles):
    assert '<link rel="alternate" type="application/rss+xml"' in client.get(own_articles.url).content.decode()


# Stories about children (safeguarding rule S6)


def story_form(story, **changes):
    data = {
        "title": story.title,
        "slug": story.slug,
        "kind": "story",
        "date": "2026-10-01",
        "summary": story.summary,
        "body-count": "0",
        "centre_links-TOTAL_FORMS": "0",
        "centre_links-INITIAL_FORMS": "0",
        "centre_links-MIN_NUM_FORMS": "0",
        "centre_links-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.fixture
def moderator_client(client, demo_site):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"
    make_staff("story-moderator", group="Moderators", secret=secret)
    log_in(client, "story-moderator", totp_code(secret))
    return client


@pytest.fixture
def draft_story(articles):
    story = ArticlePageFactory(parent=articles, title="A girl's return", kind="story", live=False)
    story.save_revision()
    return story


@pytest.mark.django_db
def test_a_story_without_its_safeguarding_checks_cannot_be_published(moderator_client, draft_story):
    response = moderator_client.post(
        f"/admin/pages/{draft_story.pk}/edit/",
        story_form(draft_story, consent_recorded="on", **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 200  # the form again, with its errors
    errors = response.context["form"].errors
    assert set(errors) == {"name_changed", "no_identifying_image"}
    assert "cannot be published until this is done" in str(errors["name_changed"])
    draft_story.refresh_from_db()
    assert not draft_story.live


@pytest.mark.django_db
def test_a_story_draft_may_be_saved_before_the_checks(moderator_client, draft_story):
    response = moderator_client.post(f"/admin/pages/{draft_story.pk}/edit/", story_form(draft_story))
    assert response.status_code == 302
    draft_story.refresh_from_db()
    assert not draft_story.live


@pytest.mark.django_db
def test_a_story_with_its_checks_done_is_published(moderator_client, draft_story):
    response = moderator_client.post(
        f"/admin/pages/{draft_story.pk}/edit/",
        story_form(
            draft_story,
            consent_recorded="on",
            name_changed="on",
            no_identifying_image="on",
            **{"action-publish": "action-publish"},
        ),
    )
    assert response.status_code == 302
    draft_story.refresh_from_db()
    assert draft_story.live


@pytest.mark.django_db
def test_a_story_cannot_be_published_outside_the_editor_either(draft_story):
    with pytest.raises(ValidationError):
        draft_story.get_latest_revision().publish()
    draft_story.refresh_from_db()
    assert not draft_story.live


@pytest.mark.django_db
def test_the_seeded_story_passed_its_checks(articles):
    stories = ArticlePage.objects.live().filter(kind="story")
    assert stories.exists()
    assert all(story.safeguarding_done for story in stories)


def checked_story(articles, user=None, slug="a-boys-journey-home"):
    story = ArticlePageFactory(parent=articles, title="A boy's journey home", slug=slug, kind="story", live=False)
    story.confirm_safeguarding(user)
    story.save_revision().publish()
    story.refresh_from_db()
    return story


@pytest.mark.django_db
def test_ticking_the_checks_records_who_and_when(moderator_client, draft_story):
    moderator_client.post(
        f"/admin/pages/{draft_story.pk}/edit/",
        story_form(draft_story, consent_recorded="on", name_changed="on", no_identifying_image="on"),
    )
    draft_story.refresh_from_db()
    assert draft_story.safeguarding_done
    assert draft_story.safeguarding_confirmed_by.username == "story-moderator"
    assert draft_story.safeguarding_confirmed_at is not None


@pytest.mark.django_db
def test_changing_a_checked_story_clears_its_checks_and_it_cannot_be_published(moderator_client, articles):
    story = checked_story(articles)
    assert story.live and story.safeguarding_done
    ticked = {"consent_recorded": "on", "name_changed": "on", "no_identifying_image": "on"}
    response = moderator_client.post(
        f"/admin/pages/{story.pk}/edit/",
        story_form(story, title="A new title", **ticked, **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 200
    assert "changed after its safeguarding checks were ticked" in response.content.decode()
    story.refresh_from_db()
    assert story.title == "A boy's journey home"  # the live story is unchanged
    response = moderator_client.post(f"/admin/pages/{story.pk}/edit/", story_form(story, title="A new title"))
    assert response.status_code == 302, response.context["form"].errors
    story.refresh_from_db()
    assert story.get_latest_revision().as_object().safeguarding_confirmed_at is None  # the draft's checks are cleared


@pytest.mark.django_db
def test_a_changed_body_or_image_undoes_the_checks(articles):
    story = checked_story(articles)
    story.body = [("paragraph", "<p>Her village was near the border.</p>")]
    assert not story.safeguarding_done
    story = checked_story(articles, slug="with-picture")
    story.hero_image = ImageFactory()
    assert not story.safeguarding_done


@pytest.mark.django_db
def test_a_changed_story_is_not_published_from_a_script_or_by_schedule(articles):
    import datetime

    from django.utils import timezone

    story = checked_story(articles)
    story.title = "Changed without new checks"
    with pytest.raises(ValidationError):
        story.save_revision().publish()
    draft = ArticlePageFactory(parent=articles, title="Scheduled story", kind="story", live=False)
    draft.go_live_at = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        draft.save_revision().publish()


@pytest.mark.django_db
def test_a_copied_story_starts_as_a_draft_without_checks(articles):
    story = checked_story(articles)
    copy = story.copy(update_attrs={"slug": "copied-story", "title": "Copied story"}, keep_live=True).specific
    assert not copy.live
    assert not copy.consent_recorded and copy.safeguarding_confirmed_at is None


@pytest.mark.django_db
def test_a_translated_story_needs_its_checks_again(articles):
    from wagtail.models import Locale

    story = checked_story(articles)
    urdu = Locale.objects.get(language_code="ur")
    translation = story.copy_for_translation(urdu, copy_parents=True).specific
    translation.title = "ایک لڑکے کا گھر واپسی کا سفر"
    assert not translation.live
    assert not translation.safeguarding_done
    with pytest.raises(ValidationError):
        translation.save_revision().publish()
