"""Yearly statements: one per donor and year, correct totals, none without gifts, never twice; Finance only."""

import io
from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace

import pypdf
import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.utils import timezone

from donate.models import Gift, MonthlyPayment, YearlyStatement
from donate.receipt_pdf import designation_label
from donate.statements import Statement, StatementLine, build_statement, last_year
from staff.models import AuditEvent

from .pdf_glyphs import assert_shaped
from .staff_helpers import log_in, make_staff, totp_code

pytestmark = pytest.mark.django_db
SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
YEAR = last_year()


def at(month, day, hour=12, minute=0, year=YEAR):
    return timezone.make_aware(datetime(year, month, day, hour, minute))  # the site's time zone


def gift(email="amina@example.org", amount="2500", currency="PKR", when=None, **fields):
    values = {
        "amount": Decimal(amount),
        "currency": currency,
        "status": Gift.Status.PAID,
        "donor_email": email,
        "donor_name": "Amina",
        "paid_at": when or at(3, 5),
    }
    return Gift.objects.create(**values | fields)


def monthly(email, amount, currency, *whens, **fields):
    pledge = gift(email, amount, currency, frequency="monthly", when=whens[0])
    for number, when in enumerate(whens):
        MonthlyPayment.objects.create(
            gift=pledge, stripe_invoice_id=f"in_{email}_{number}", amount=Decimal(amount), paid_at=when, **fields
        )
    return pledge


def sent_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def amina_gifts():
    gift(amount="2500", when=at(3, 5), receipt_number=901)
    gift(amount="1000", fee_covered=Decimal("90"), when=at(12, 31, 23, 30), receipt_number=902)  # late on 31 Dec
    gift(amount="5000", when=at(6, 1), amount_refunded=Decimal("2000"))  # partly refunded: 3,000 kept
    gift(amount="9999", when=at(7, 1), status=Gift.Status.REFUNDED, amount_refunded=Decimal("9999"))
    gift(amount="7777", when=at(8, 1), disputed=True)
    gift(amount="4444", when=at(1, 1, 0, 30, year=YEAR + 1))  # this year, not last
    gift(amount="3333", when=at(12, 31, year=YEAR - 1))  # the year before
    gift(amount="100", status=Gift.Status.PENDING, when=None)
    monthly("AMINA@example.org", "25", "USD", at(1, 10), at(2, 10))
    MonthlyPayment.objects.create(
        gift=Gift.objects.get(currency="USD", donor_email="AMINA@example.org"),
        stripe_invoice_id="in_refunded",
        amount=Decimal("25"),
        amount_refunded=Decimal("25"),
        status="refunded",
        paid_at=at(3, 10),
    )


def send_statements(capture, *args):
    """Run the command; its emails are queued to go once its transactions commit."""
    out = io.StringIO()
    with capture(execute=True):
        call_command("send_yearly_statements", *args, stdout=out)
    return out.getvalue()


def test_one_statement_per_donor_with_the_right_totals_and_never_twice(django_capture_on_commit_callbacks):
    amina_gifts()
    gift("nobody@example.org", when=at(5, 5, year=YEAR - 1))  # gave, but not in the year
    mail.outbox.clear()
    send_statements(django_capture_on_commit_callbacks)
    (message,) = sent_to("amina@example.org")  # one, though she used two spellings of her address
    assert sent_to("AMINA@example.org") == []
    assert sent_to("nobody@example.org") == []
    assert not YearlyStatement.objects.filter(donor_email="nobody@example.org").exists()
    assert message.subject == f"Your gifts to SEHER in {YEAR}"
    assert "Total in PKR: Rs 6,590" in message.body  # 2,500 + 1,090 + 3,000
    assert "Total in USD: US$50" in message.body  # two monthly payments; the refunded third left off
    for left_off in ("9,999", "7,777", "4,444", "3,333", "Rs 100"):
        assert left_off not in message.body
    assert "receipt 901" in message.body
    ((filename, content, mimetype),) = message.attachments
    assert (filename, mimetype) == (f"seher-statement-{YEAR}.pdf", "application/pdf")
    text = pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Total in PKR: Rs 6,590" in text and "Total in USD: US$50" in text
    row = YearlyStatement.objects.get(donor_email="amina@example.org", year=YEAR)
    assert row.times_sent == 1 and row.sent_at is not None

    mail.outbox.clear()
    out = send_statements(django_capture_on_commit_callbacks, "--year", str(YEAR))
    assert mail.outbox == [] and "Queued 0" in out
    assert YearlyStatement.objects.filter(donor_email="amina@example.org").count() == 1


def test_a_statement_whose_pdf_fails_goes_out_without_it(django_capture_on_commit_callbacks, monkeypatch, caplog):
    """The totals in the email's body are the statement: a PDF that cannot be built does not hold it back."""

    def broken(statement):
        raise RuntimeError(f"cannot draw {statement.email}")

    monkeypatch.setattr("donate.statements.statement_pdf", broken)
    amina_gifts()
    mail.outbox.clear()
    send_statements(django_capture_on_commit_callbacks)
    (message,) = sent_to("amina@example.org")
    assert "Total in PKR: Rs 6,590" in message.body
    assert message.attachments == []
    row = YearlyStatement.objects.get(donor_email="amina@example.org", year=YEAR)
    assert row.times_sent == 1 and row.sent_at is not None
    [record] = [record for record in caplog.records if record.name == "donate.tasks"]
    assert str(row.pk) in record.getMessage() and "RuntimeError" in record.getMessage()
    assert "amina" not in (record.getMessage() + (record.exc_text or "")).lower()


def test_urdu_statement_is_shaped_nastaliq(django_capture_on_commit_callbacks):
    gift("ayesha@example.org", donor_name="عائشہ خان", language="ur", receipt_number=903)
    mail.outbox.clear()
    send_statements(django_capture_on_commit_callbacks)
    (message,) = sent_to("ayesha@example.org")
    assert message.subject == f"سحر کے لیے آپ کے {YEAR} کے عطیات"
    assert_shaped(message.attachments[0][1], "عائشہ", "عطیات")


def test_a_year_not_yet_over_is_refused():
    with pytest.raises(CommandError, match="has not ended yet"):
        call_command("send_yearly_statements", "--year", str(YEAR + 1))
    with pytest.raises(CommandError, match="before any gift"):
        call_command("send_yearly_statements", "--year", "1999")
    assert not YearlyStatement.objects.exists()


def test_totals_per_designation_when_gifts_carry_one():
    """Gifts get a designation (Zakat, Sadaqah, general) from the donate form; statements total by it."""
    zakat = SimpleNamespace(designation="zakat", get_designation_display=lambda: "Zakat")
    assert designation_label(zakat) == "Zakat"
    assert designation_label(SimpleNamespace()) == ""
    lines = [
        StatementLine(at(1, 1), 1, Decimal("100"), "PKR", "once", "Zakat"),
        StatementLine(at(2, 1), 2, Decimal("50"), "PKR", "once", "Zakat"),
        StatementLine(at(3, 1), 3, Decimal("70"), "PKR", "once", "Sadaqah"),
        StatementLine(at(4, 1), 4, Decimal("5"), "USD", "once", "Zakat"),
    ]
    statement = Statement("a@example.org", YEAR, lines=lines)
    assert statement.totals == [("PKR", Decimal("220")), ("USD", Decimal("5"))]
    assert statement.totals_by_designation == [
        ("Sadaqah", "PKR", Decimal("70")),
        ("Zakat", "PKR", Decimal("150")),
        ("Zakat", "USD", Decimal("5")),
    ]
    undesignated = [StatementLine(at(1, 1), 1, Decimal("100"), "PKR", "once", "")]
    assert Statement("a@example.org", YEAR, lines=undesignated).totals_by_designation == []


def test_no_statement_without_gifts():
    assert build_statement("nobody-at-all@example.org", YEAR) is None


def finance_client(client):
    make_staff("finance", group="Finance", secret=SECRET)
    log_in(client, "finance", totp_code(SECRET))
    return client


def test_finance_downloads_and_resends_a_statement(client, django_capture_on_commit_callbacks):
    gift(amount="2500", receipt_number=904)
    finance_client(client)
    page = client.get("/admin/statements/", {"email": "Amina@example.org", "year": YEAR})
    assert page.status_code == 200
    assert "Rs 2,500" in page.content.decode()

    pdf = client.get("/admin/statements/statement.pdf", {"email": "amina@example.org", "year": YEAR})
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        kind="export", username="finance", detail=f"yearly statement {YEAR} PDF for amina@example.org"
    ).exists()

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/statements/send/", {"email": "amina@example.org", "year": YEAR})
    assert response.status_code == 302
    assert len(sent_to("amina@example.org")) == 1
    assert YearlyStatement.objects.get(donor_email="amina@example.org", year=YEAR).times_sent == 1
    assert AuditEvent.objects.filter(kind="export", detail__startswith=f"yearly statement {YEAR} sent again").exists()


def test_bad_lookups_come_back_with_a_message(client):
    finance_client(client)
    for query in ({"email": "not-an-address", "year": YEAR}, {"email": "a@example.org", "year": YEAR + 1}):
        response = client.get("/admin/statements/", query)
        assert response.status_code == 400
        assert "error-message" in response.content.decode()
    assert client.get("/admin/statements/statement.pdf", {"email": "x", "year": "y"}).status_code == 404
    mail.outbox.clear()
    client.post("/admin/statements/send/", {"email": "nobody-at-all@example.org", "year": YEAR})
    assert mail.outbox == [] and not YearlyStatement.objects.filter(donor_email="nobody-at-all@example.org").exists()


def test_an_editor_cannot_see_download_or_resend_statements(client):
    gift(amount="2500")
    make_staff("editor", group="Editors", secret=SECRET)
    log_in(client, "editor", totp_code(SECRET))
    mail.outbox.clear()
    query = {"email": "amina@example.org", "year": YEAR}
    # Wagtail answers a refusal in its admin with a redirect to the dashboard and a message.
    assert client.get("/admin/statements/", query).status_code in (302, 403)
    download = client.get("/admin/statements/statement.pdf", query)
    assert download.status_code in (302, 403) and not download.content.startswith(b"%PDF")
    assert client.post("/admin/statements/send/", query).status_code in (302, 403)
    assert mail.outbox == []
    assert not YearlyStatement.objects.filter(donor_email="amina@example.org").exists()
    assert not AuditEvent.objects.filter(kind="export").exists()
    assert AuditEvent.objects.filter(kind="permission_denied", username="editor").count() == 3
    assert "/admin/statements/" not in client.get("/admin/").content.decode()  # no menu item either
    cache.clear()
