"""Journeys a reader takes, each by mouse with JavaScript on, with it off, and by keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import PAGE_URLS, assert_focus_visible, focus_indicator, has_visible_focus, keyboard_follow, tab_until

PROGRAMME = "Prevention & Protection of Trafficked Children"
CENTRE = "Quetta Child Friendly Centre"
ARTICLE = "Seven signs a child may be being trafficked"


@pytest.fixture(params=["javascript", "no-javascript"])
def reader(request, browser):
    """A page in a fresh context, with JavaScript on or off: every journey here must work both ways."""
    context = browser.new_context(java_script_enabled=request.param == "javascript")
    yield context.new_page()
    context.close()


def test_read_the_home_page(reader, site_url):
    reader.goto(site_url + "/en/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(re.compile("Every child found"))
    expect(reader.get_by_role("heading", name="Our programmes")).to_be_visible()
    expect(reader.get_by_role("contentinfo").get_by_role("link", name="1121")).to_have_attribute("href", "tel:1121")
    expect(reader.get_by_role("navigation", name="Main")).to_be_visible()


def test_open_a_programme(reader, site_url):
    reader.goto(site_url + "/en/")
    reader.get_by_role("main").get_by_role("link", name=PROGRAMME).click()
    expect(reader).to_have_url(site_url + "/en/our-work/prevention-protection-trafficked-children/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(PROGRAMME)


def test_find_a_centre_and_open_it(reader, site_url):
    reader.goto(site_url + "/en/")
    reader.get_by_role("navigation", name="Main").get_by_role("link", name="Where We Work").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Where We Work")
    reader.get_by_role("main").get_by_role("link", name=CENTRE).click()
    expect(reader).to_have_url(site_url + "/en/where-we-work/quetta/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(CENTRE)


def test_read_an_article_found_by_topic(reader, site_url):
    reader.goto(site_url + "/en/")
    reader.get_by_role("navigation", name="Main").get_by_role("link", name="Awareness").click()
    expect(reader.get_by_role("heading", level=1)).to_have_text("Awareness")
    reader.get_by_role("navigation", name="Topics").get_by_role("link", name="Signs of trafficking").click()
    expect(reader).to_have_url(site_url + "/en/awareness/?topic=signs-of-trafficking")
    reader.get_by_role("main").get_by_role("link", name=ARTICLE).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(ARTICLE)
    expect(reader.get_by_role("main").get_by_role("link", name="1121")).to_be_visible()  # the help box


def test_search_and_open_a_result(reader, site_url):
    reader.goto(site_url + "/en/")
    reader.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    reader.get_by_label("Search the site").fill("Quetta")
    reader.get_by_role("main").get_by_role("button", name="Search").click()
    results = reader.get_by_role("main").get_by_role("list").first
    results.get_by_role("link", name=CENTRE).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(CENTRE)


# Keyboard alone.


def test_skip_link_comes_first_and_moves_focus_to_main(page, site_url):
    page.goto(site_url + "/en/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    assert_focus_visible(page)
    assert page.locator(".skip-link").is_visible(), "the skip link must show when focused"
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)"), (
        "after the skip link, Tab must go on inside main, not back to the header"
    )


def test_read_the_home_page_by_keyboard(page, site_url):
    page.goto(site_url + "/en/")
    keyboard_follow(page, ".skip-link", navigates=False)
    tab_until(page, '.help-callout a[href="tel:1121"]')  # the helpline, reachable without the mouse
    assert_focus_visible(page)


def test_open_a_programme_by_keyboard(page, site_url):
    page.goto(site_url + "/en/")
    keyboard_follow(page, ".skip-link", navigates=False)
    keyboard_follow(page, 'main a[href="/en/our-work/prevention-protection-trafficked-children/"]')
    expect(page.get_by_role("heading", level=1)).to_have_text(PROGRAMME)


def test_find_a_centre_by_keyboard(page, site_url):
    page.goto(site_url + "/en/")
    keyboard_follow(page, '.site-header__nav a[href="/en/where-we-work/"]')
    expect(page.get_by_role("heading", level=1)).to_have_text("Where We Work")
    keyboard_follow(page, ".skip-link", navigates=False)
    keyboard_follow(page, 'main a[href="/en/where-we-work/quetta/"]')
    expect(page.get_by_role("heading", level=1)).to_have_text(CENTRE)


def test_search_by_keyboard(page, site_url):
    page.goto(site_url + "/en/")
    keyboard_follow(page, '.site-header__nav a[href="/en/search/"]')
    tab_until(page, "#search-q")
    assert_focus_visible(page)
    page.keyboard.type("Quetta")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=Quetta"))
    keyboard_follow(page, '.search-results a[href="/en/where-we-work/quetta/"]')
    expect(page.get_by_role("heading", level=1)).to_have_text(CENTRE)


def test_tab_reaches_every_control_with_visible_focus_and_no_trap(page, site_url):
    """On every page type: Tab visits each link and control, each shows focus, and focus gets out the end."""
    problems = []
    for target in PAGE_URLS:
        page.goto(site_url + target.path)
        focusable = page.evaluate(
            """() => Array.from(document.querySelectorAll("a[href], button, input, select, textarea"))
                 .filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length)
                 // A radio group is one Tab stop: its checked radio, or its first one.
                 .filter((el) => el.type !== "radio" || el === (
                     document.querySelector(`input[type=radio][name="${el.name}"]:checked`)
                     || document.querySelector(`input[type=radio][name="${el.name}"]`)))
                 .map((el, index) => { el.dataset.tabProbe = index; return index; }).length"""
        )
        seen = []
        for _ in range(focusable + 3):
            page.keyboard.press("Tab")
            probe = page.evaluate(
                "() => document.activeElement.dataset ? document.activeElement.dataset.tabProbe : null"
            )
            if probe is None or (seen and probe == seen[0]):
                break  # past the last control (to the browser, or round to the first): no trap
            if seen and probe == seen[-1]:
                problems.append((target.path, "focus stuck on control", probe))
                break
            seen.append(probe)
            if not has_visible_focus(focus_indicator(page)):
                problems.append((target.path, "focus not visible on control", probe))
        else:
            problems.append((target.path, "focus never got past the last control"))
        if len(set(seen)) < focusable:
            problems.append((target.path, f"Tab reached {len(set(seen))} of {focusable} controls"))
    assert problems == [], "\n".join(map(str, problems))


def test_focus_and_trap_checks_can_fail(page):
    """A control whose focus style is removed, and one that keeps Tab for itself, are both caught."""
    page.set_content(
        """<!DOCTYPE html><html lang="en"><title>x</title><style>a:focus { outline: none; }</style>
        <a href="#a">no ring</a><input id="trap" onkeydown="if (event.key === 'Tab') event.preventDefault()">
        <a href="#b">never reached</a>"""
    )
    page.keyboard.press("Tab")
    assert not has_visible_focus(focus_indicator(page))
    with pytest.raises(AssertionError, match="stuck"):
        tab_until(page, 'a[href="#b"]')
