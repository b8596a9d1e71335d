"""Topics, services and saved calls to action: translated like pages, and moderated like pages.

The moderation tests act as an editor in the real admin (logged in with MFA), then read the
public pages as an anonymous reader, in English and Urdu, with the page cache on.
"""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from wagtail.models import Locale, WorkflowState

from awareness.factories import TopicFactory
from awareness.models import ArticlePage, Topic
from core.snippet_migration import add_urdu_translation, urdu_columns_to_translations
from home.models import CallToAction
from locations.models import Service

from .staff_helpers import log_in, make_staff, totp_code

SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
ARTICLE = "signs-a-child-is-being-trafficked"  # in both languages, with topics and the saved call to action

GIVE_MONTHLY_EN = "Stand beside a child every month"
GIVE_MONTHLY_UR = "ہر مہینے کسی بچے کا ساتھ دیں"
SIGNS_EN, SIGNS_UR = "Signs of trafficking", "اسمگلنگ کی نشانیاں"


def article(language):
    return ArticlePage.objects.get(slug=ARTICLE, locale__language_code=language)


def html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def give_monthly(language="en"):
    return CallToAction.objects.get(name="Give monthly", locale__language_code=language)


# Each language shows its own wording, and English until a translation is live.


@pytest.mark.django_db
def test_an_urdu_page_shows_the_urdu_topic_and_call_to_action(client, demo_site):
    urdu = html(client, article("ur").url)
    assert SIGNS_UR in urdu and GIVE_MONTHLY_UR in urdu
    assert SIGNS_EN not in urdu and GIVE_MONTHLY_EN not in urdu
    assert 'class="button cta__button" href="/ur/donate/"' in urdu  # its page, in the reader's language
    english = html(client, article("en").url)
    assert SIGNS_EN in english and GIVE_MONTHLY_EN in english
    assert SIGNS_UR not in english and GIVE_MONTHLY_UR not in english


@pytest.mark.django_db
def test_urdu_pages_fall_back_to_english_when_a_snippet_has_no_live_translation(client, demo_site):
    Topic.objects.filter(slug="signs-of-trafficking", locale__language_code="ur").delete()
    urdu_call = give_monthly("ur")
    urdu_call.live = False  # a translation saved as a draft, never published
    urdu_call.save()
    urdu = html(client, article("ur").url)
    assert SIGNS_EN in urdu and GIVE_MONTHLY_EN in urdu
    assert "والدین کے لیے" in urdu  # the article's other topic is still translated
    assert GIVE_MONTHLY_UR not in urdu


@pytest.mark.django_db
def test_the_topic_filter_works_in_both_languages_and_counts_each_article_once(client, demo_site):
    english_index = article("en").get_parent()
    urdu_index = article("ur").get_parent()
    english = html(client, english_index.url, topic="signs-of-trafficking")
    urdu = html(client, urdu_index.url, topic="signs-of-trafficking")
    # The Urdu listing shows the topic in Urdu, and the same articles (untranslated ones in English).
    assert f'<h2 class="section-heading">{SIGNS_UR}</h2>' in urdu
    assert f'<h2 class="section-heading">{SIGNS_EN}</h2>' in english
    assert english.count('class="article-list__item"') == urdu.count('class="article-list__item"') >= 2
    listing = html(client, urdu_index.url)
    assert listing.count('?topic=signs-of-trafficking"') == 1
    assert "والدین کے لیے" in listing and "For parents" not in listing


@pytest.mark.django_db
def test_an_unpublished_topic_is_shown_nowhere(client, demo_site):
    draft = TopicFactory(slug="not-yet", name="Not yet approved", live=False)
    page = article("en")
    page.topics.add(draft)
    page.save_revision().publish()
    assert "Not yet approved" not in html(client, page.url)
    listing = html(client, page.get_parent().url)
    assert "Not yet approved" not in listing
    assert "There is no topic by that name" in html(client, page.get_parent().url, topic="not-yet")


@pytest.mark.django_db
def test_the_services_list_is_translated_on_centre_pages_and_impact_keeps_one_row_per_service(client, demo_site):
    from impact.figures import services
    from impact.importer import expected_columns

    urdu = html(client, "/ur/where-we-work/quetta/")
    assert "قانونی مدد" in urdu and "Legal aid" not in urdu
    # Impact figures and CSV imports key on the English rows: a translation is not another service.
    assert [service.locale.language_code for service in services()] == ["en"] * 7
    assert Service.objects.filter(slug="legal-aid").count() == 2
    assert expected_columns().count("legal-aid") == 1


@pytest.mark.django_db
def test_slugs_are_unique_within_a_language():
    TopicFactory(slug="unique-here", name="Unique here")
    with pytest.raises(IntegrityError), transaction.atomic():
        Topic.objects.create(slug="unique-here", name="Another", locale=Locale.get_default())
    urdu, _ = Locale.objects.get_or_create(language_code="ur")
    Topic.objects.create(
        slug="unique-here",
        name="یہاں",
        locale=urdu,
        translation_key=Topic.objects.get(slug="unique-here").translation_key,
    )


# The data migration: hand-made Urdu columns become Urdu translation rows.


@pytest.mark.django_db
def test_the_migration_turns_urdu_columns_into_translations_and_keeps_the_english():
    urdu, _ = Locale.objects.get_or_create(language_code="ur")
    both = TopicFactory(slug="both", name="Both", description="In English.")
    both.name_ur, both.description_ur = "دونوں", "اردو میں۔"
    name_only = TopicFactory(slug="name-only", name="Name only", description="Kept in English.")
    name_only.name_ur, name_only.description_ur = "صرف نام", ""
    none = TopicFactory(slug="none", name="None")
    none.name_ur = none.description_ur = ""

    assert urdu_columns_to_translations([both, name_only, none], ["name", "description"], urdu) == 2

    made = {row.slug: row for row in Topic.objects.filter(locale=urdu, slug__in=["both", "name-only", "none"])}
    assert set(made) == {"both", "name-only"}
    assert (made["both"].name, made["both"].description) == ("دونوں", "اردو میں۔")
    assert (made["name-only"].name, made["name-only"].description) == ("صرف نام", "Kept in English.")
    for source in (both, name_only):
        translation = made[source.slug]
        assert translation.translation_key == source.translation_key and translation.pk != source.pk
        assert translation.live and translation.get_translation(source.locale) == source
        source.refresh_from_db()
        assert source.locale == Locale.get_default() and source.name in ("Both", "Name only")
    # Run again: nothing more is made.
    assert urdu_columns_to_translations([both, name_only, none], ["name", "description"], urdu) == 0
    assert add_urdu_translation(both, {"name": "پھر"}, urdu) is None
    assert Topic.objects.filter(translation_key=both.translation_key).count() == 2


# Moderation: an editor's change waits for a moderator, in both languages.


def staff(username, group):
    client = Client()
    make_staff(username, group=group, secret=SECRET)
    log_in(client, username, totp_code(SECRET))
    return client


def form_data(snippet, **changes):
    fields = {
        CallToAction: ["name", "heading", "text", "link_url", "link_text"],
        Topic: ["name", "slug", "description"],
    }[type(snippet)]
    data = {name: getattr(snippet, name) for name in fields}
    if isinstance(snippet, CallToAction):
        data["link_page"] = snippet.link_page_id or ""
    data.update(changes)
    return data


def edit_url(snippet):
    meta = snippet._meta
    return f"/admin/snippets/{meta.app_label}/{meta.model_name}/edit/{snippet.pk}/"


@pytest.fixture
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.mark.django_db
def test_an_editors_change_to_a_call_to_action_is_public_only_once_a_moderator_approves(
    client, demo_site, page_cache_on
):
    english_url, urdu_url = article("en").url, article("ur").url
    for url in (english_url, urdu_url):  # cached as readers last saw them
        html(client, url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    editor = staff("editor", "Editors")
    english_call, urdu_call = give_monthly("en"), give_monthly("ur")

    # The editor tries to publish straight away, then submits for moderation, in both languages.
    response = editor.post(
        edit_url(english_call), {**form_data(english_call, heading="Changed at once"), "action-publish": "1"}
    )
    assert give_monthly("en").heading == GIVE_MONTHLY_EN
    for call, heading in ((english_call, "A new English heading"), (urdu_call, "ایک نئی اردو سرخی")):
        response = editor.post(edit_url(call), {**form_data(call, heading=heading), "action-submit": "1"})
        assert response.status_code == 302, response.content.decode()[:2000]

    # The drafts exist, with a workflow in progress; readers still get the live wording.
    for language, heading, live in (
        ("en", "A new English heading", GIVE_MONTHLY_EN),
        ("ur", "ایک نئی اردو سرخی", GIVE_MONTHLY_UR),
    ):
        call = give_monthly(language)
        assert call.heading == live and call.has_unpublished_changes
        assert call.latest_revision.content["heading"] == heading
        assert WorkflowState.objects.for_instance(call).get().status == WorkflowState.STATUS_IN_PROGRESS
    for url, live, new in (
        (english_url, GIVE_MONTHLY_EN, "A new English heading"),
        (urdu_url, GIVE_MONTHLY_UR, "ایک نئی اردو سرخی"),
    ):
        for reader in (client, Client()):
            page = html(reader, url)
            assert live in page and new not in page
        assert "Changed at once" not in page

    # A moderator approves each; readers get the new wording at once.
    moderator = staff("moderator", "Moderators")
    for language in ("en", "ur"):
        call = give_monthly(language).get_latest_revision_as_object()
        response = moderator.post(
            edit_url(call),
            {**form_data(call), "action-workflow-action": "1", "workflow-action-name": "approve"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    assert "A new English heading" in html(client, english_url)
    assert "ایک نئی اردو سرخی" in html(client, urdu_url)
    assert GIVE_MONTHLY_UR not in html(client, urdu_url)
    # Its history is kept: the first version, the draft, the approved one.
    call = give_monthly("en")
    assert not call.has_unpublished_changes
    assert call.revisions.count() >= 2


@pytest.mark.django_db
def test_an_editors_change_to_a_topic_waits_for_a_moderator_in_both_languages(client, demo_site):
    index_en, index_ur = article("en").get_parent(), article("ur").get_parent()
    editor = staff("editor", "Editors")
    for topic, name in (
        (Topic.objects.get(slug="for-parents", locale__language_code="en"), "Parents and carers"),
        (Topic.objects.get(slug="for-parents", locale__language_code="ur"), "والدین اور سرپرست"),
    ):
        response = editor.post(edit_url(topic), {**form_data(topic, name=name), "action-submit": "1"})
        assert response.status_code == 302
    english, urdu = html(client, index_en.url), html(client, index_ur.url)
    assert "For parents" in english and "Parents and carers" not in english
    assert "والدین کے لیے" in urdu and "والدین اور سرپرست" not in urdu
    assert all(topic.has_unpublished_changes for topic in Topic.objects.filter(slug="for-parents"))

    moderator = staff("moderator", "Moderators")
    for topic in Topic.objects.filter(slug="for-parents"):
        topic = topic.get_latest_revision_as_object()
        moderator.post(
            edit_url(topic), {**form_data(topic), "action-workflow-action": "1", "workflow-action-name": "approve"}
        )
    assert "Parents and carers" in html(client, index_en.url)
    assert "والدین اور سرپرست" in html(client, index_ur.url)
    assert "Parents and carers" in html(client, index_en.url, topic="for-parents")


@pytest.mark.django_db
def test_editors_may_not_delete_a_snippet_every_page_shows(demo_site):
    call = give_monthly()
    editor = staff("editor", "Editors")
    editor.post(f"/admin/snippets/home/calltoaction/delete/{call.pk}/")
    assert CallToAction.objects.filter(pk=call.pk).exists()


@pytest.mark.django_db
def test_a_snippet_preview_shows_the_draft(demo_site):
    call = give_monthly("ur")
    call.heading = "پیش نظارہ"
    response = call.make_preview_request()
    assert response.status_code == 200
    assert "پیش نظارہ" in response.content.decode()
    assert '<html lang="ur" dir="rtl">' in response.content.decode()  # as Urdu readers will see it
    for topic in (Topic.objects.first(), Service.objects.first()):
        assert topic.name in topic.make_preview_request().content.decode()


@pytest.mark.django_db
def test_an_editors_new_translation_starts_as_a_draft_that_only_a_moderator_publishes(
    client, demo_site, django_capture_on_commit_callbacks
):
    from django.urls import reverse
    from wagtail_localize.models import Translation

    english = Topic.objects.get(slug="for-parents", locale__language_code="en")
    Topic.objects.filter(slug="for-parents", locale__language_code="ur").delete()
    urdu = Locale.objects.get(language_code="ur")
    editor = staff("editor", "Editors")
    submit = reverse("wagtail_localize:submit_snippet_translation", args=["awareness", "topic", english.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(submit, {"locales": [urdu.pk]})
    assert response.status_code == 302
    draft = english.get_translation(urdu)
    assert Translation.objects.filter(source__object_id=english.translation_key, target_locale=urdu).exists()
    assert not draft.live
    # The editor tries to publish it from the translation editor: refused, still a draft.
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(edit_url(draft), {"action": "publish"})
    draft.refresh_from_db()
    assert not draft.live
    assert "For parents" in html(client, article("ur").get_parent().url)

    moderator = staff("moderator", "Moderators")
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator.post(edit_url(draft), {"action": "publish"})
    draft.refresh_from_db()
    assert draft.live
