"""Reusable checks for browser tests. Add a page to PAGE_URLS and every page-wide check covers it."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe


@dataclass(frozen=True)
class PageUnderTest:
    name: str  # used in test ids and screenshot file names
    path: str
    status: int = 200


# Every public page type, with one real URL from the demo content. Add new page types here.
PAGE_URLS = [
    PageUnderTest("home", "/en/"),
    PageUnderTest("standard", "/en/about/"),
    PageUnderTest("privacy", "/en/privacy/"),
    PageUnderTest("browse-safely", "/en/browse-safely/"),
    PageUnderTest("accessibility", "/en/accessibility/"),
    PageUnderTest("programme-index", "/en/our-work/"),
    PageUnderTest("programme", "/en/our-work/prevention-protection-trafficked-children/"),
    PageUnderTest("article-index", "/en/awareness/"),
    PageUnderTest("article-index-topic", "/en/awareness/?topic=for-parents"),
    PageUnderTest("article", "/en/awareness/signs-a-child-is-being-trafficked/"),
    PageUnderTest("story", "/en/awareness/ali-goes-home/"),
    PageUnderTest("get-help", "/en/get-help/"),
    PageUnderTest("centre-index", "/en/where-we-work/"),
    PageUnderTest("centre", "/en/where-we-work/quetta/"),
    PageUnderTest("search", "/en/search/?q=children"),
    PageUnderTest("search-empty", "/en/search/?q=zzqxv"),
    PageUnderTest("not-found", "/en/no-such-page/", status=404),
    PageUnderTest("contact", "/en/contact/"),
    PageUnderTest("donate", "/en/donate/"),
    PageUnderTest("manage-gift", "/en/gift/manage/"),
    PageUnderTest("manage-gift-expired", "/en/gift/manage/not-a-valid-link/", status=400),
    PageUnderTest("login", "/accounts/login/"),
    PageUnderTest("home-urdu", "/ur/"),
    PageUnderTest("centre-index-urdu", "/ur/where-we-work/"),
    PageUnderTest("centre-urdu", "/ur/where-we-work/taftan/"),
    PageUnderTest("browse-safely-urdu", "/ur/browse-safely/"),
    PageUnderTest("get-help-urdu", "/ur/get-help/"),
    PageUnderTest("article-index-urdu", "/ur/awareness/"),
    PageUnderTest("article-urdu", "/ur/awareness/signs-a-child-is-being-trafficked/"),
    PageUnderTest("rate-limited", "/__browser-tests__/429/", status=429),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

# WCAG 2.0, 2.1 and 2.2, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

_axe = Axe()


def axe_violations(page, tags=WCAG_TAGS):
    """Run axe-core (bundled with axe-playwright-python, no network) on the page; return its violations."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]})
    return results.response["violations"]


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}" for node in violation["nodes"])
    return "\n".join(lines)


def assert_no_axe_violations(page, tags=WCAG_TAGS):
    violations = axe_violations(page, tags)
    assert not violations, f"axe found on {page.url}:\n{format_violations(violations)}"


def assert_no_axe_violations_in_copy(page, tags=WCAG_TAGS):
    """For a page open with JavaScript off, where axe (a script) cannot run: check a copy of it.

    The copy is the page's HTML served at the same URL, in a tab of the same size with
    JavaScript on, so its stylesheets and images load from the site as they did for the original.
    """
    html = page.content()
    context = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        copy = context.new_page()
        copy.route(
            page.url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        )
        copy.goto(page.url)
        violations = axe_violations(copy, tags)
    finally:
        context.close()
    assert not violations, f"axe found on {page.url} (a copy, JavaScript off):\n{format_violations(violations)}"


def record_requests(page):
    """Start recording every request the page makes; returns the list of URLs, filled as it goes."""
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def external_requests(urls, base_url):
    """The URLs that go anywhere but the live server's own scheme, host and port (data: and blob: are local)."""
    own = urlsplit(base_url)
    outside = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if (parts.scheme, parts.netloc) != (own.scheme, own.netloc):
            outside.append(url)
    return outside


# Records Content-Security-Policy violations in window.__cspViolations, from before any page script runs.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push({
    directive: event.violatedDirective || event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ":" + event.lineNumber,
  });
});
"""


def watch_csp(page):
    """Install the CSP recorder and collect console messages that mention the Content Security Policy.

    Call before navigating; read with csp_problems(page, console).
    """
    page.add_init_script(CSP_RECORDER)
    console = []
    page.on(
        "console",
        lambda message: console.append(message.text) if "content security policy" in message.text.lower() else None,
    )
    return console


def csp_problems(page, console):
    return page.evaluate("window.__cspViolations || []") + console


def tab_until(page, selector, limit=80):
    """Press Tab until the focused element matches `selector`; returns how many presses that took.

    Fails if focus never gets there, or if it stops moving (a keyboard trap).
    """
    previous = None
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return presses
        current = page.evaluate("() => document.activeElement && document.activeElement.outerHTML")
        assert current != previous or current is None, f"focus is stuck on {current}"
        previous = current
    raise AssertionError(f"{selector} not reached after {limit} presses of Tab on {page.url}")


def focus_indicator(page):
    """The focused element's outline and box-shadow, as the browser computes them."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {
            tag: el.tagName, text: (el.textContent || "").trim().slice(0, 40),
            outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
            boxShadow: style.boxShadow,
          };
        }"""
    )


def has_visible_focus(indicator):
    outline = indicator["outlineStyle"] not in ("none", "") and indicator["outlineWidth"] >= 2
    shadow = indicator["boxShadow"] not in ("none", "")
    return outline or shadow


def assert_focus_visible(page):
    indicator = focus_indicator(page)
    assert has_visible_focus(indicator), f"no visible focus indicator on {indicator}"


def keyboard_follow(page, selector, navigates=True, limit=80):
    """Tab to the link or control, check its focus can be seen, press Enter (and wait for the next page)."""
    tab_until(page, selector, limit)
    assert_focus_visible(page)
    if navigates:
        with page.expect_navigation():
            page.keyboard.press("Enter")
    else:
        page.keyboard.press("Enter")


# Links and buttons smaller than 24x24 CSS px, except inline links in running text (WCAG 2.5.8 exception).
SMALL_TARGETS = """
() => Array.from(document.querySelectorAll("a[href], button, input, select, textarea, [role=button]"))
  .filter((el) => !el.closest("p, address, .visually-hidden, [aria-hidden=true]") && el.tabIndex >= 0)
  .filter((el) => { const s = getComputedStyle(el); return s.visibility !== "hidden" && s.display !== "none"; })
  .map((el) => {
    const r = el.getBoundingClientRect();
    return {html: el.outerHTML.slice(0, 120), w: r.width, h: r.height};
  })
  .filter((t) => t.w > 0 && t.h > 0 && (t.w < 24 || t.h < 24))
"""


def small_touch_targets(page):
    return page.evaluate(SMALL_TARGETS)


def horizontal_overflow(page):
    """How many CSS px the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
