import pytest

from home.models import HomePageFeaturedProgramme
from programs.factories import ProgrammePageFactory
from programs.models import ProgrammeIndexPage
from tests.query_budget import HOME, assert_flat_queries


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_programmes(client, home_page):
    """Featured programmes that are also in the main menu: the card list and the menu both grow."""
    programmes = ProgrammeIndexPage.objects.get(locale=home_page.locale)
    added = []

    def make_children(n):
        for i in range(len(added), len(added) + n):
            programme = ProgrammePageFactory(parent=programmes, title=f"Extra programme {i}", show_in_menus=True)
            HomePageFeaturedProgramme.objects.create(page=home_page, programme=programme, sort_order=i + 1)
            added.append(programme)

    assert_flat_queries(client, home_page.url, make_children, ceiling=HOME)


@pytest.mark.django_db
def test_root_redirects_to_the_readers_language(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_template_declares_language_and_direction(client, home_page):
    body = client.get("/en/").content.decode()
    assert '<html lang="en" dir="ltr">' in body


@pytest.mark.django_db
def test_urdu_request_is_marked_right_to_left(client, home_page):
    body = client.get("/ur/search/").content.decode()
    assert '<html lang="ur" dir="rtl">' in body


@pytest.mark.django_db
def test_footer_shows_contact_details_from_the_site_setting(client, home_page):
    from home.models import ContactSettings

    contact = ContactSettings.for_site(home_page.get_site())
    contact.helpline_number = "0800 12345"
    contact.email = "hello@example.org"
    contact.save()
    body = client.get("/en/").content.decode()
    assert 'href="tel:080012345"' in body
    assert "hello@example.org" in body


@pytest.mark.django_db
def test_skip_link_targets_main(client, home_page):
    body = client.get("/en/").content.decode()
    assert 'href="#main"' in body
    assert 'id="main"' in body
