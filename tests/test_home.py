import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePageFeaturedProgram
from programs.factories import ProgramPageFactory
from programs.models import ProgramIndexPage


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


HOME_QUERY_BUDGET = 25


@pytest.mark.django_db
def test_home_page_query_count_does_not_grow_with_programmes(client, home_page):
    client.get(home_page.url)  # warm renditions and site settings once
    few = count_queries(client, home_page.url)
    programmes = ProgramIndexPage.objects.get(locale=home_page.locale)
    for n in range(5):
        program = ProgramPageFactory(parent=programmes, title=f"Extra programme {n}", show_in_menus=True)
        HomePageFeaturedProgram.objects.create(page=home_page, program=program, sort_order=n + 1)
    client.get(home_page.url)
    many = count_queries(client, home_page.url)
    assert many == few
    assert many <= HOME_QUERY_BUDGET


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
