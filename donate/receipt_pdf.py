"""Receipts and yearly statements as PDF files, in the donor's language, Urdu shaped in Nastaliq.

fpdf2 writes the PDF and shapes text with HarfBuzz (uharfbuzz), so Urdu letters take
their joined (initial, medial, final) Nastaliq forms; both install with pip alone. The
fonts are TrueType files in donate/fonts/, made from the site's own font packages by
scripts/receipt_fonts: Noto Nastaliq Urdu for Urdu, Noto Sans (Latin and Latin
Extended) for English and for the names, addresses and numbers inside Urdu text.
Call these functions inside `translation.override(language)`: the active language
decides the words, the direction and the fonts.
"""

from pathlib import Path

from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from .currencies import format_money
from .models import PartnerSettings

FONTS = Path(__file__).resolve().parent / "fonts"
URDU_FONT = FONTS / "noto-nastaliq-urdu-400.ttf"
LATIN_FONT = FONTS / "noto-sans-latin-400.ttf"
LATIN_EXT_FONT = FONTS / "noto-sans-latin-ext-400.ttf"
# Nastaliq climbs and falls far from its baseline: its lines need more height than Latin ones.
LINE_HEIGHT = {"nastaliq": 2.1, "latin": 1.5}


def partner_entity_lines():
    """The lines about the partner entity that takes card gifts, in the active language.

    Printed on card receipts and on statements, as the email body and the donate page
    say them (templates/donate/partner.html); empty while the setting has no name.
    """
    partner = PartnerSettings.objects.filter(site__is_default_site=True).first()
    if partner is None or not partner.name:
        return []
    lines = [
        _("Card gifts are received by %(partner)s in %(country)s, SEHER's partner, and passed on to SEHER.")
        % {"partner": partner.name, "country": partner.country}
    ]
    if partner.registration_number:
        lines.append(_("Registration: %(number)s.") % {"number": partner.registration_number})
    if note := partner.tax_note_for(translation.get_language()):
        lines.append(note)
    return lines


def designation_label(gift):
    """The gift's designation (Zakat, Sadaqah, general) as the donor reads it, or "" when gifts have none."""
    if not getattr(gift, "designation", ""):
        return ""
    display = getattr(gift, "get_designation_display", None)
    return str(display()) if display else str(gift.designation)


def long_date(when):
    """`when` as "5 March 2026" in the active language, in the site's time zone."""
    return dateformat.format(timezone.localtime(when), "j F Y")


class Document:
    """An A4 page of lines, right-aligned and shaped right to left when the active language is Urdu."""

    def __init__(self, title):
        self.rtl = translation.get_language_bidi()
        self.pdf = FPDF(format="A4", unit="pt")
        self.pdf.set_margins(56, 56, 56)
        self.pdf.set_auto_page_break(True, margin=56)
        self.pdf.set_title(title)
        self.pdf.set_author("SEHER")
        self.pdf.set_lang(translation.get_language())
        self.pdf.add_font("nastaliq", fname=str(URDU_FONT))
        self.pdf.add_font("latin", fname=str(LATIN_FONT))
        self.pdf.add_font("latin-ext", fname=str(LATIN_EXT_FONT))
        if self.rtl:
            self.family, fallbacks = "nastaliq", ["latin", "latin-ext"]
        else:
            self.family, fallbacks = "latin", ["latin-ext", "nastaliq"]
        self.pdf.set_fallback_fonts(fallbacks, exact_match=False)
        self.pdf.set_text_shaping(use_shaping_engine=True, direction="rtl" if self.rtl else "ltr")
        self.pdf.add_page()

    def line(self, text, size=11, gap=0):
        """One paragraph, wrapped to the page width."""
        self.pdf.set_font(self.family, size=size)
        height = size * LINE_HEIGHT[self.family]
        self.pdf.multi_cell(0, height, str(text), align="R" if self.rtl else "L", new_x="LMARGIN", new_y="NEXT")
        if gap:
            self.pdf.ln(gap)

    def heading(self, text):
        self.line(text, size=18, gap=6)

    def fact(self, label, value):
        """ "Label: value" on one line."""
        self.line(f"{label}: {value}")

    def output(self):
        return bytes(self.pdf.output())


def receipt_pdf(gift, number, amount, when):
    """The receipt for one gift (a one-off gift, or one payment of a monthly gift) as PDF bytes."""
    document = Document(_("Receipt %(number)s") % {"number": number})
    document.line("SEHER", size=14)
    document.heading(_("Receipt for your gift"))
    document.fact(_("Receipt number"), number)
    document.fact(_("Date"), long_date(when))
    document.fact(_("Amount"), format_money(amount, gift.currency))
    document.fact(_("Currency"), gift.currency)
    document.fact(_("How often"), gift.get_frequency_display())
    if gift.frequency == "monthly":
        document.line(_("This is one payment of your monthly gift."))
    if designation := designation_label(gift):
        document.fact(_("Given as"), designation)
    if gift.donor_name:
        document.fact(_("From"), gift.donor_name)
    if gift.dedication:
        document.fact(_("Given in honour or memory of"), gift.dedication)
    document.pdf.ln(12)
    for text in [] if gift.is_offline else partner_entity_lines():
        document.line(text, size=10)
    document.line(
        _(
            "Your gift helps children rescued from trafficking in Balochistan get care, legal help "
            "and a safe way home."
        ),
        gap=6,
    )
    return document.output()
