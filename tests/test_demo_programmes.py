"""The demo programme pages read like the organisation's own: every heading has its text."""

import pytest
from wagtail.rich_text import get_text_for_indexing

from programs.models import ProgrammePage


def headings_without_text(page):
    """The headings of a page's body that are not followed by a paragraph with words in it."""
    blocks = list(page.body)
    missing = []
    for position, block in enumerate(blocks):
        if block.block_type != "heading":
            continue
        following = blocks[position + 1] if position + 1 < len(blocks) else None
        text = (
            get_text_for_indexing(following.value.source) if following and following.block_type == "paragraph" else ""
        )
        if not text.strip():
            missing.append(block.value["text"])
    return missing


@pytest.mark.django_db
def test_no_heading_in_a_demo_programme_page_is_followed_by_nothing(demo_site):
    pages = list(ProgrammePage.objects.live().select_related("locale"))
    assert {page.locale.language_code for page in pages} == {"en", "ur"}
    for page in pages:
        assert headings_without_text(page) == [], f"{page.url_path} ({page.locale.language_code})"


@pytest.mark.django_db
def test_the_programme_page_follows_the_organisations_own(client, demo_site):
    page = ProgrammePage.objects.get(slug="prevention-protection-trafficked-children", locale__language_code="en")
    body = " ".join(
        get_text_for_indexing(block.value.source) for block in page.body if block.block_type == "paragraph"
    )
    for fact in ("Quetta", "Taftan", "Gwadar", "Federal Investigation Agency", "Iran", "Southern Punjab"):
        assert fact in body
    headings = [block.value["text"] for block in page.body if block.block_type == "heading"]
    assert headings[:3] == ["The problem", "A route through Balochistan", "What happens at the centres"]
    # Like the organisation's page, it ends by pointing to the centres and to giving.
    html = client.get(page.url).content.decode()
    assert 'href="/en/where-we-work/"' in html
    assert 'href="/en/donate/"' in html
