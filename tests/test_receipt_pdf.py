"""Receipts go out with a PDF copy in the donor's language; Urdu is drawn in Nastaliq, shaped by HarfBuzz.

The Urdu checks read back the glyphs the PDF draws (tests/pdf_glyphs.py) and compare
them with HarfBuzz's shaping of the same words in the same font: joined letters take
contextual forms, which the font's plain (unshaped) letters are not.
"""

import io
from decimal import Decimal

import pypdf
import pytest
from django.core import mail
from django.utils import timezone, translation

from donate import receipt_pdf
from donate.models import Gift, MonthlyPayment
from donate.tasks import send_receipt

from .pdf_glyphs import assert_shaped, embedded_fonts

pytestmark = pytest.mark.django_db


def paid_gift(language, **fields):
    values = {
        "amount": Decimal("5000.00"),
        "currency": "PKR",
        "status": Gift.Status.PAID,
        "donor_email": "donor@example.org",
        "donor_name": "Ayesha",
        "language": language,
        "paid_at": timezone.now(),
        "receipt_number": 4242,
    }
    return Gift.objects.create(**values | fields)


def receipt_attachment(kind, pk):
    mail.outbox.clear()
    send_receipt.enqueue(kind, pk)
    (message,) = mail.outbox
    ((filename, content, mimetype),) = message.attachments
    assert mimetype == "application/pdf"
    return filename, content


def text_of(content):
    return pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_urdu_receipt_draws_shaped_nastaliq():
    gift = paid_gift("ur", donor_name="عائشہ خان", dedication="نانی جان")
    filename, content = receipt_attachment("gift", gift.pk)
    assert filename == "seher-receipt-4242.pdf"
    fonts = [name for name, embedded, _gids in embedded_fonts(pypdf.PdfReader(io.BytesIO(content))).values()]
    assert any("NotoNastaliqUrdu" in name for name in fonts)  # embedded: FontFile2 was read back
    with translation.override("ur"):
        labels = [translation.gettext("Receipt number"), translation.gettext("Date"), translation.gettext("Amount")]
    assert_shaped(content, *labels, "عائشہ", "نانی")
    text = text_of(content)
    assert "4242" in text and "5,000" in text and "PKR" in text  # numbers and codes in the Latin font


def test_without_shaping_the_check_fails():
    """The check itself: the same words drawn letter by letter (no HarfBuzz) are not taken for shaped ones."""
    document = receipt_pdf.Document("test")
    document.pdf.set_text_shaping(False)
    document.pdf.set_font("nastaliq", size=12)
    document.pdf.cell(0, 20, "رسید نمبر")
    with pytest.raises(AssertionError, match="not drawn as HarfBuzz shapes it"):
        assert_shaped(document.output(), "رسید")


def test_english_receipt():
    gift = paid_gift("en", dedication="Nani", fee_covered=Decimal("200.00"))
    _filename, content = receipt_attachment("gift", gift.pk)
    text = text_of(content)
    for line in ("Receipt number: 4242", "Amount: Rs 5,200", "Currency: PKR", "How often: Once", "From: Ayesha"):
        assert line in text
    with translation.override("en"):
        assert f"Date: {receipt_pdf.long_date(gift.paid_at)}" in text
    assert "Given in honour or memory of: Nani" in text
    fonts = [name for name, _e, _g in embedded_fonts(pypdf.PdfReader(io.BytesIO(content))).values()]
    assert not any("Nastaliq" in name for name in fonts)


def test_monthly_payment_receipt_and_partner_lines(monkeypatch):
    monkeypatch.setattr(
        receipt_pdf, "partner_entity_lines", lambda: ["Your card statement shows SEHER PARTNER LTD (UK charity 1234)."]
    )
    gift = paid_gift("en", frequency="monthly", receipt_number=None, amount=Decimal("25.00"), currency="USD")
    payment = MonthlyPayment.objects.create(
        gift=gift, stripe_invoice_id="in_1", amount=Decimal("25.00"), receipt_number=77
    )
    filename, content = receipt_attachment("payment", payment.pk)
    text = text_of(content)
    assert filename == "seher-receipt-77.pdf"
    assert "Receipt number: 77" in text and "US$25" in text and "How often: Monthly" in text
    assert "This is one payment of your monthly gift." in text
    assert "SEHER PARTNER LTD (UK charity 1234)" in text


def test_letters_no_font_has_still_give_a_receipt():
    gift = paid_gift("en", donor_name="Zoë Łukasz 王小明 🙂")
    _filename, content = receipt_attachment("gift", gift.pk)
    assert "Zoë Łukasz" in text_of(content)


class FontMissing(OSError):
    """What a missing font file or a PDF library bug might raise while the PDF is built."""


def test_a_receipt_whose_pdf_fails_still_goes_out_without_it(monkeypatch, caplog):
    """The receipt in the email's body is the record: a PDF that cannot be built does not hold it back."""

    def broken(*args, **kwargs):
        raise FontMissing("noto-nastaliq-urdu-400.ttf: no such file")

    monkeypatch.setattr("donate.tasks.receipt_pdf", broken)
    gift = paid_gift("en")
    mail.outbox.clear()
    result = send_receipt.enqueue("gift", gift.pk)
    assert result.return_value == "sent"
    (message,) = mail.outbox
    assert message.to == ["donor@example.org"]
    assert message.subject == "Your receipt from SEHER (no. 4242)"
    assert "4242" in message.body and "Rs 5,000" in message.body
    assert message.attachments == []
    gift.refresh_from_db()
    assert gift.receipt_number == 4242
    [record] = [record for record in caplog.records if record.name == "donate.tasks"]
    assert record.levelname == "ERROR"
    assert str(gift.pk) in record.getMessage() and "FontMissing" in record.getMessage()
    logged = record.getMessage() + (record.exc_text or "")
    for donor_data in ("donor@example.org", "Ayesha", "no such file"):
        assert donor_data not in logged
