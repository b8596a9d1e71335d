"""Programme data staff open the impact statistics in Chromium: tables, SVG trends, no script errors."""

from playwright.sync_api import expect

from tests.browser.test_staff_journey import log_in
from tests.staff_helpers import make_staff

SECRET = "ONSWG4TFOQYTEMZUONSWG4TFOQYTEMZU"


def test_programme_data_reads_the_dashboard(page, site_url, screenshots_dir):
    make_staff("programme-b", group="Programme data", secret=SECRET)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    log_in(page, site_url, "programme-b", SECRET)
    page.get_by_role("link", name="Open the impact statistics").click()
    page.get_by_role("link", name="By month").click()
    page.wait_for_url("**/admin/impact/?kind=month")
    expect(page.get_by_role("heading", name="Trends by month")).to_be_visible()
    expect(page.locator("svg[role=img] polyline").first).to_be_attached()
    assert page.get_by_role("table", name="Children received, all centres and each centre: the values in the chart")
    assert page.locator("td", has_text="hidden").count() > 0
    page.screenshot(path=str(screenshots_dir / "impact-dashboard.png"), full_page=True)
    chart = page.locator("figure.impact-trend svg[role=img]").first
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(screenshots_dir / "impact-trend.png"))
    # Colours come from the design tokens by class: unstyled, SVG would stroke nothing.
    stroke = "element => getComputedStyle(element).stroke"
    assert chart.locator(".chart__grid").first.evaluate(stroke) == "rgb(221, 221, 221)"
    assert chart.locator(".chart__series--2 polyline").first.evaluate(stroke) == "rgb(0, 114, 178)"
    with page.expect_download() as download:
        page.get_by_role("link", name="Download this page as CSV").click()
    assert download.value.suggested_filename.startswith("impact-")
    # Wagtail's user avatar asks gravatar.com, which the admin policy blocks; nothing else may be refused.
    refused = [error for error in errors if "Content Security Policy" in error and "gravatar.com" not in error]
    assert not refused


def test_home_page_shows_headline_figures(page, site_url, screenshots_dir):
    page.goto(f"{site_url}/en/")
    section = page.locator(".impact-figures")
    assert section.get_by_role("heading", name="Our work in numbers").is_visible()
    assert section.locator(".impact-figures__value").count() >= 2
    section.screenshot(path=str(screenshots_dir / "impact-home.png"))
