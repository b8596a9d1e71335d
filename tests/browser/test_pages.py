"""Checks that hold on every public page type (helpers.PAGE_URLS), at phone and desktop widths."""

import pytest

from .helpers import (
    DESKTOP,
    PAGE_URLS,
    VIEWPORTS,
    assert_no_axe_violations,
    axe_violations,
    csp_problems,
    external_requests,
    horizontal_overflow,
    record_requests,
    small_touch_targets,
    watch_csp,
)


@pytest.mark.parametrize("target", PAGE_URLS, ids=lambda target: target.name)
def test_page_type_meets_wcag_at_phone_and_desktop_width(page, site_url, screenshots_dir, target):
    for width_name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        response = page.goto(site_url + target.path)
        assert response.status == target.status
        page.screenshot(path=screenshots_dir / f"{target.name}-{width_name}.png", full_page=True)
        assert_no_axe_violations(page)


def test_axe_check_fails_on_a_broken_page(page):
    """The check can fail: a picture without alt text and grey-on-white text are both caught."""
    page.set_content(
        """<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main>
        <h1>Broken</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">
        <p style="color:#bbb;background:#fff">Too faint to read</p></main></body></html>"""
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "color-contrast"} <= found
    with pytest.raises(AssertionError, match="image-alt"):
        assert_no_axe_violations(page)


def test_public_pages_make_no_requests_to_other_hosts(page, site_url):
    """S7: no analytics, fonts, tiles or scripts from elsewhere, on any page type at either width."""
    requests = record_requests(page)
    for viewport in VIEWPORTS.values():
        page.set_viewport_size(viewport)
        for target in PAGE_URLS:
            page.goto(site_url + target.path, wait_until="load")
    assert requests, "no requests were recorded at all"
    assert external_requests(requests, site_url) == []


def test_external_request_check_notices_another_host(page, site_url):
    requests = record_requests(page)
    page.route("http://cdn.example.com/**", lambda route: route.fulfill(status=200, body=""))
    # A page without the site's CSP, which would (rightly) stop the request before it is sent.
    page.route(
        site_url + "/tracked/", lambda route: route.fulfill(status=200, content_type="text/html", body="<p>x</p>")
    )
    page.goto(site_url + "/tracked/")
    page.evaluate("() => fetch('http://cdn.example.com/track.js').catch(() => null)")
    page.wait_for_timeout(100)
    assert external_requests(requests, site_url) == ["http://cdn.example.com/track.js"]


def test_public_pages_report_no_content_security_policy_violations(page, site_url):
    """Whatever policy the site sends, nothing on a public page breaks it."""
    console = watch_csp(page)
    problems = []
    for target in PAGE_URLS:
        page.goto(site_url + target.path, wait_until="load")
        problems += [(target.path, problem) for problem in csp_problems(page, console)]
        console.clear()
    assert problems == []


def test_csp_check_notices_a_violation(page):
    """The recorder really sees violations: a page with a strict policy that loads an inline style."""
    console = watch_csp(page)
    page.route(
        "http://csp.test/",
        lambda route: route.fulfill(
            status=200,
            headers={"Content-Type": "text/html", "Content-Security-Policy": "default-src 'none'"},
            body='<!DOCTYPE html><html lang="en"><title>x</title><p style="color:red">x</p><script>1</script>',
        ),
    )
    page.goto("http://csp.test/")
    page.wait_for_timeout(100)
    assert csp_problems(page, console)


def test_text_reflows_at_200_percent_zoom(page, site_url):
    """1280 px wide at 200% zoom is a 640 CSS px viewport: nothing may scroll sideways (WCAG 1.4.10)."""
    page.set_viewport_size({"width": DESKTOP["width"] // 2, "height": DESKTOP["height"] // 2})
    wide = []
    for target in PAGE_URLS:
        page.goto(site_url + target.path)
        if (overflow := horizontal_overflow(page)) > 0:
            wide.append((target.path, overflow))
    assert wide == []


def test_reflow_at_320_css_pixels(page, site_url):
    """400% zoom of a 1280 px screen: 320 CSS px, still no sideways scrolling."""
    page.set_viewport_size({"width": 320, "height": 640})
    wide = []
    for target in PAGE_URLS:
        page.goto(site_url + target.path)
        if (overflow := horizontal_overflow(page)) > 0:
            wide.append((target.path, overflow))
    assert wide == []


def test_touch_targets_are_at_least_24_css_pixels(page, site_url):
    """WCAG 2.5.8: every link and control outside running text is at least 24 by 24 CSS px."""
    small = []
    for viewport in VIEWPORTS.values():
        page.set_viewport_size(viewport)
        for target in PAGE_URLS:
            page.goto(site_url + target.path)
            small += [(target.path, found) for found in small_touch_targets(page)]
    assert small == [], "\n".join(map(str, small))


def test_reduced_motion_turns_off_animation_and_transitions(browser, site_url):
    """With prefers-reduced-motion, no element animates or transitions."""
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    moving = []
    for target in PAGE_URLS:
        page.goto(site_url + target.path)
        assert page.evaluate("() => matchMedia('(prefers-reduced-motion: reduce)').matches")
        moving += page.evaluate(
            """() => Array.from(document.querySelectorAll("*")).filter((el) => {
                 const s = getComputedStyle(el);
                 const transition = s.transitionDuration.split(",").some((d) => parseFloat(d) > 0);
                 return s.animationName !== "none" || transition || s.scrollBehavior === "smooth";
               }).map((el) => el.outerHTML.slice(0, 100))"""
        )
    context.close()
    assert moving == []
