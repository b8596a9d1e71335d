"""What a PDF draws, read back glyph by glyph, to compare with HarfBuzz's shaping of the same text.

pypdf walks the page's content stream; each string shown in a font is a run of
two-byte character ids, which the font's CIDToGIDMap turns into glyphs of the
embedded (subset) font. A subset renumbers glyphs, so each drawn glyph is named
by its outline, looked up among the outlines of the full font file in donate/fonts/.
"""

import io
from functools import cache

import pypdf
import uharfbuzz as hb
from fontTools.ttLib import TTFont
from pypdf.generic import ContentStream

from donate.receipt_pdf import URDU_FONT


def outline(font, name):
    coordinates, end_points, _flags = font["glyf"][name].getCoordinates(font["glyf"])
    return tuple(coordinates), tuple(end_points)


@cache
def source_glyphs(path):
    """{outline: {glyph ids}} for every glyph of the font file at `path` (several glyphs may share one)."""
    font = TTFont(path)
    found = {}
    for gid, name in enumerate(font.getGlyphOrder()):
        found.setdefault(outline(font, name), set()).add(gid)
    return found


def embedded_fonts(reader):
    """{resource name: (base font name, the embedded TTFont, CID -> glyph id)} for the first page."""
    fonts = {}
    for key, reference in reader.pages[0]["/Resources"]["/Font"].items():
        font = reference.get_object()
        descendant = font["/DescendantFonts"][0].get_object()
        embedded = TTFont(io.BytesIO(descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()))
        cid_map = descendant.get("/CIDToGIDMap")
        if cid_map is None or cid_map == "/Identity":
            gids = None
        else:
            data = cid_map.get_object().get_data()
            gids = [int.from_bytes(data[i : i + 2], "big") for i in range(0, len(data), 2)]
        fonts[key] = (str(font["/BaseFont"]), embedded, gids)
    return fonts


def drawn_glyphs(pdf_bytes, base_font_part, source_path):
    """The glyphs drawn in the font whose name contains `base_font_part`, in drawing order,
    each as the set of glyph ids of the full font at `source_path` with that outline."""
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    fonts = embedded_fonts(reader)
    sources = source_glyphs(source_path)
    stream = ContentStream(reader.pages[0].get_contents(), reader)
    current, drawn, saved = None, [], []
    for operands, operator in stream.operations:
        # The font is part of the graphics state: q saves it, Q brings the saved one back.
        if operator == b"q":
            saved.append(current)
        elif operator == b"Q":
            current = saved.pop()
        if operator == b"Tf":
            current = fonts[operands[0]]
            continue
        if operator not in (b"Tj", b"TJ") or current is None or base_font_part not in current[0]:
            continue
        strings = operands[0] if operator == b"TJ" else [operands[0]]
        _name, embedded, gids = current
        order = embedded.getGlyphOrder()
        for text in strings:
            if not isinstance(text, bytes | str):
                continue  # a TJ spacing number
            # pypdf may decode a string as text: its original bytes are the character ids.
            data = text if isinstance(text, bytes) else text.original_bytes
            for i in range(0, len(data), 2):
                cid = int.from_bytes(data[i : i + 2], "big")
                gid = gids[cid] if gids is not None else cid
                drawn.append(frozenset(sources.get(outline(embedded, order[gid]), ())))
    return drawn


def harfbuzz_glyphs(text, source_path):
    """HarfBuzz's glyph ids for `text` in the font at `source_path`, in visual order, and the
    glyph ids of the same letters unshaped (each letter's own, isolated form from the cmap)."""
    font = hb.Font(hb.Face(hb.Blob.from_file_path(str(source_path))))
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer)
    shaped = [info.codepoint for info in buffer.glyph_infos]
    nominal = [font.get_nominal_glyph(ord(letter)) for letter in text]
    return shaped, nominal


def contains_run(drawn, run):
    """Whether the glyph ids `run` are drawn one after another somewhere in `drawn`."""
    return any(all(gid in drawn[start + i] for i, gid in enumerate(run)) for start in range(len(drawn) - len(run) + 1))


def assert_shaped(content, *texts):
    """Each text is drawn in the Nastaliq font exactly as HarfBuzz shapes it, joined letters in contextual forms."""
    drawn = drawn_glyphs(content, "NotoNastaliqUrdu", URDU_FONT)
    for text in texts:
        shaped, plain = harfbuzz_glyphs(text, URDU_FONT)
        assert set(shaped) - set(plain), f"{text!r} has no contextual forms to look for"
        assert contains_run(drawn, shaped), f"{text!r} is not drawn as HarfBuzz shapes it"
