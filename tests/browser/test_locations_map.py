"""The Where We Work map in a real browser: its markers are links a reader can click, tap or Tab to."""

import pytest
from playwright.sync_api import expect

from .helpers import PHONE, focus_indicator, has_visible_focus, tab_until


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    yield context.new_page()
    context.close()


def test_tap_a_marker_on_a_phone_with_javascript_off(phone_without_javascript, site_url):
    page = phone_without_javascript
    page.goto(site_url + "/en/where-we-work/")
    figure = page.get_by_role("figure")
    expect(figure.get_by_role("group", name="Map of Pakistan's provinces showing our centres")).to_be_visible()
    marker = figure.get_by_role("link", name="Taftan", exact=True)
    box = marker.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24, box
    # A tap on the dot itself, not only on the name beside it, opens the centre.
    dot = page.locator('a[href="/en/where-we-work/taftan/"] .centre-map__dot')
    dot_box = dot.bounding_box()
    page.mouse.click(dot_box["x"] + dot_box["width"] / 2, dot_box["y"] + dot_box["height"] / 2)
    expect(page).to_have_url(site_url + "/en/where-we-work/taftan/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Taftan Child Friendly Centre")


def test_markers_take_keyboard_focus_visibly(page, site_url):
    page.goto(site_url + "/en/where-we-work/")
    tab_until(page, 'svg a[href="/en/where-we-work/gwadar/"]')
    assert has_visible_focus(focus_indicator(page))
    dot = page.locator('a[href="/en/where-we-work/gwadar/"] .centre-map__dot')
    assert dot.evaluate("(el) => getComputedStyle(el).strokeWidth") == "4px"  # the dot takes the focus colour too
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Gwadar Child Friendly Centre")
