"""Leaving fast and finding help: the exit button, Shift pressed three times, the link without JavaScript,
and the Get help link first in line, in English and in Urdu.

The neutral site is a tiny server of the test's own on another port (the network is closed), so
"left the site" means the tab shows another origin.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from home.models import ContactSettings

from .helpers import PHONE, VIEWPORTS, assert_no_axe_violations, tab_until


class NeutralSite(BaseHTTPRequestHandler):
    visits = []

    def do_GET(self):
        NeutralSite.visits.append({"path": self.path, "referer": self.headers.get("Referer")})
        body = b"<!DOCTYPE html><html lang='en'><title>Weather</title><h1>Sunny</h1></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def neutral_site(site_url):
    """The exit target, set in the site's contact settings; yields its URL. Visits are recorded."""
    NeutralSite.visits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), NeutralSite)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/weather"
    contact = ContactSettings.objects.get()
    contact.neutral_site_url = url
    contact.save()
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True)
    yield context.new_page()
    context.close()


def test_the_exit_button_leaves_and_back_does_not_return(page, site_url, neutral_site):
    page.goto(site_url + "/en/")
    page.goto(site_url + "/en/get-help/")
    length = page.evaluate("history.length")
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(neutral_site)
    expect(page.get_by_role("heading", name="Sunny")).to_be_visible()
    assert page.evaluate("history.length") == length, "the exit added a history entry instead of replacing one"
    page.go_back()
    assert page.url == site_url + "/en/", "Back returned to the page the reader left"


def test_shift_three_times_leaves_from_the_urdu_site(phone, site_url, neutral_site):
    phone.goto(site_url + "/ur/awareness/")
    for _ in range(3):
        phone.keyboard.press("Shift")
    phone.wait_for_url(neutral_site)
    phone.go_back()
    assert "/ur/awareness/" not in phone.url


def test_capital_letters_do_not_count_as_the_shortcut(page, site_url, neutral_site):
    page.goto(site_url + "/en/search/")
    page.get_by_role("searchbox").focus()
    for letter in "ABC":
        page.keyboard.press(f"Shift+{letter}")
    page.wait_for_timeout(300)
    assert page.url.startswith(site_url), "typing capitals left the site"
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)


def test_without_javascript_the_exit_is_a_link_that_sends_no_referrer(browser, site_url, neutral_site):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        reader = context.new_page()
        reader.goto(site_url + "/ur/get-help/")
        reader.get_by_role("link", name="یہ صفحہ فوراً چھوڑیں").click()
        reader.wait_for_url(neutral_site)
        assert NeutralSite.visits[0] == {"path": "/weather", "referer": None}
    finally:
        context.close()


def test_get_help_is_one_tap_from_the_urdu_home_page(phone, site_url):
    phone.goto(site_url + "/ur/")
    phone.get_by_role("link", name="مدد حاصل کریں").first.tap()
    phone.wait_for_url(site_url + "/ur/get-help/")
    expect(phone.locator("html")).to_have_attribute("lang", "ur")
    expect(phone.get_by_role("heading", level=1)).to_have_text("مدد حاصل کریں")
    expect(phone.get_by_role("main").get_by_role("link", name="1121")).to_be_visible()


@pytest.mark.parametrize("path", ["/en/", "/ur/", "/ur/where-we-work/taftan/"])
def test_get_help_comes_first_after_the_skip_link_at_phone_width(phone, site_url, path):
    phone.goto(site_url + path)
    assert tab_until(phone, ".skip-link") == 1
    assert tab_until(phone, ".quick-exit__help") == 1
    expect(phone.locator(".quick-exit__help")).to_be_in_viewport()
    assert tab_until(phone, "a[href^='tel:']") == 1, "the help line should come next"


TOUCHED = [
    "/en/get-help/",
    "/ur/get-help/",
    "/en/browse-safely/",
    "/ur/browse-safely/",
    "/ur/accessibility/",
    "/ur/privacy/",
    "/ur/awareness/",
    "/ur/awareness/signs-a-child-is-being-trafficked/",
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_touched_pages_have_no_axe_violations(browser, site_url, viewport):
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    try:
        reader = context.new_page()
        for path in TOUCHED:
            reader.goto(site_url + path)
            assert_no_axe_violations(reader)
    finally:
        context.close()
