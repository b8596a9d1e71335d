"""Urdu pages in Chromium: the self-hosted Nastaliq font loads, every Urdu letter on the page has a glyph
in it (no fallback font, no missing-glyph boxes), and axe finds no WCAG A/AA problem at phone or desktop width.
"""

import pytest

from .helpers import VIEWPORTS, assert_no_axe_violations

URDU_FONT = "Noto Nastaliq Urdu"
URDU_PAGES = {
    "home": ("/ur/", "سرحد پر ملنے والا ہر بچہ"),
    "donate": ("/ur/donate/", "محفوظ ادائیگی کی طرف بڑھیں"),
    "programme": ("/ur/our-work/prevention-protection-trafficked-children/", "مراکز میں کیا ہوتا ہے"),
}

FONT_STATE = """async (family) => {
  await document.fonts.ready;
  const faces = Array.from(document.fonts).filter((face) => face.family.replace(/"/g, "") === family);
  return {
    statuses: faces.map((face) => face.status),
    check: document.fonts.check(`16px "${family}"`, "پاکستان"),
    bodyFont: getComputedStyle(document.body).fontFamily,
  };
}"""

# One span holding each Arabic-script letter of the page once, set in the Urdu font alone.
ADD_PROBE = """([family, extra]) => {
  const letters = new Set((document.body.innerText + document.title + extra).match(/[\\u0600-\\u06FF]/g));
  const probe = document.createElement("span");
  probe.id = "urdu-glyph-probe";
  probe.lang = "ur";
  probe.style.fontFamily = `"${family}"`;
  probe.textContent = Array.from(letters).join("");
  document.body.append(probe);
  // Once the font is loaded, lay the probe out and let two frames pass, so that Chromium has
  // shaped its text before DevTools is asked which fonts drew it.
  return document.fonts.load(`16px "${family}"`, probe.textContent).then(() => new Promise((resolve) => {
    probe.getBoundingClientRect();
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(probe.textContent)));
  }));
}"""


def fonts_rendering_probe(page, extra=""):
    """Letters on the page and the fonts Chromium really drew them with (DevTools' platform fonts)."""
    letters = page.evaluate(ADD_PROBE, [URDU_FONT, extra])
    return letters, platform_fonts(page)


def fonts_rendering_probe_text(page, text):
    page.evaluate(ADD_PROBE.replace("document.body.innerText + document.title + extra", "extra"), [URDU_FONT, text])
    return platform_fonts(page)


def platform_fonts(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#urdu-glyph-probe"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    for _ in range(20):  # an answer with no font at all means the text is not laid out yet
        if fonts:
            break
        page.wait_for_timeout(100)
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    page.evaluate("() => document.getElementById('urdu-glyph-probe').remove()")
    cdp.detach()
    return fonts


def missing_letters(page, letters):
    """Each letter the Urdu font cannot draw, named with its code point, for a readable failure."""
    found = []
    for letter in letters:
        if other_fonts(fonts_rendering_probe_text(page, letter)):
            found.append(f"{letter} U+{ord(letter):04X}")
    return found


def other_fonts(fonts):
    """Fonts other than the Urdu web font that drew Arabic letters: each means letters missing from it."""
    return [font for font in fonts if not (font["isCustomFont"] and font["familyName"] == URDU_FONT)]


@pytest.mark.parametrize("name", list(URDU_PAGES))
def test_urdu_page_uses_the_urdu_font_with_every_glyph_and_passes_axe(page, site_url, name):
    path, sample = URDU_PAGES[name]
    for viewport in VIEWPORTS.values():
        page.set_viewport_size(viewport)
        response = page.goto(site_url + path)
        assert response.status == 200
        assert page.evaluate("document.documentElement.lang") == "ur"
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert sample in page.inner_text("main")

        state = page.evaluate(FONT_STATE, URDU_FONT)
        assert state["bodyFont"].startswith(f'"{URDU_FONT}"'), state
        assert "loaded" in state["statuses"], state
        assert state["check"], state

        letters, fonts = fonts_rendering_probe(page)
        assert len(letters) >= 30, letters  # the page really has Urdu text
        # Chromium reports the probe drawn, and drawn by this font: an empty report would prove nothing.
        assert any(font not in other_fonts(fonts) and font["glyphCount"] for font in fonts), fonts
        assert not other_fonts(fonts), f"{missing_letters(page, letters)} drawn in a fallback font: {fonts}"
        assert_no_axe_violations(page)


def test_glyph_check_notices_a_letter_the_font_lacks(page, site_url):
    """ڻ (U+06BB, Sindhi) is in the font's unicode-range but not in the Urdu subset: a fallback must draw it."""
    page.goto(site_url + "/ur/")
    page.evaluate(FONT_STATE, URDU_FONT)
    letters, fonts = fonts_rendering_probe(page, extra="ڻ")
    assert "ڻ" in letters
    fallbacks = other_fonts(fonts)
    assert fallbacks, f"the check did not notice a letter missing from the font: {fonts}"
    assert sum(font["glyphCount"] for font in fallbacks) == 1  # that one letter, and nothing else
