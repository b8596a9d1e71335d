"""Yearly statements: in January each donor gets one email, with a PDF, listing last year's gifts.

Which gifts count: one-off gifts that are paid, and each payment of a monthly gift,
paid within the calendar year in the site's time zone (Asia/Karachi), by the donor's
email address (in any case). A refunded gift or payment is left off; a partly refunded
one counts for what was kept. A disputed payment is left off too, as the bank may take
it back: Finance re-sends the statement if the dispute is won. Totals are per currency
(never converted) and, where gifts carry a designation (Zakat, Sadaqah, general), per
designation and currency too.

`queue_yearly_statements(year)` makes one YearlyStatement row per donor and year and
queues its email in the same transaction; a donor who already has a row is skipped, so
running it again sends nothing twice. Finance can re-send one, or download any donor's
statement, from the staff area (donate/statement_admin.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models.functions import Lower
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks_db import DatabaseBackend

from .currencies import format_money
from .models import Gift, MonthlyPayment, YearlyStatement
from .receipt_pdf import Document, designation_label, long_date, partner_entity_lines
from .tasks import attach_pdf, donor_email, send_or_retry, withdraw_link

FIRST_YEAR = 2000  # no gift on this site is older


@dataclass
class StatementLine:
    when: datetime
    receipt_number: int | None
    amount: Decimal
    currency: str
    frequency: str
    designation: str


@dataclass
class Statement:
    email: str
    year: int
    name: str = ""
    language: str = "en"
    lines: list[StatementLine] = field(default_factory=list)

    @property
    def totals(self):
        """[(currency, total)], by currency code."""
        sums = defaultdict(Decimal)
        for line in self.lines:
            sums[line.currency] += line.amount
        return sorted(sums.items())

    @property
    def totals_by_designation(self):
        """[(designation, currency, total)], only when some gift carries a designation."""
        if not any(line.designation for line in self.lines):
            return []
        sums = defaultdict(Decimal)
        for line in self.lines:
            sums[line.designation, line.currency] += line.amount
        return [(designation, currency, total) for (designation, currency), total in sorted(sums.items())]


def year_bounds(year):
    """The start of `year` and of the next one, in the site's time zone."""
    return timezone.make_aware(datetime(year, 1, 1)), timezone.make_aware(datetime(year + 1, 1, 1))


def last_year():
    return timezone.localdate().year - 1


def gifts_in(year):
    """(one-off gifts, monthly payments) that count for `year`, as querysets."""
    start, end = year_bounds(year)
    once = Gift.objects.filter(
        frequency="once", status=Gift.Status.PAID, disputed=False, paid_at__gte=start, paid_at__lt=end
    ).exclude(donor_email="")
    payments = (
        MonthlyPayment.objects.filter(status="paid", disputed=False, paid_at__gte=start, paid_at__lt=end)
        .exclude(gift__donor_email="")
        .select_related("gift")
    )
    return once, payments


def donors_in(year):
    """The lower-cased addresses of everyone with a gift that counts for `year`."""
    once, payments = gifts_in(year)
    emails = set(once.annotate(email=Lower("donor_email")).values_list("email", flat=True))
    emails |= set(payments.annotate(email=Lower("gift__donor_email")).values_list("email", flat=True))
    return sorted(emails)


def build_statement(email, year):
    """The statement for the donor at `email` for `year`, or None when no gift of theirs counts."""
    once, payments = gifts_in(year)
    gifts = [(gift, gift, gift.total_charged, gift.receipt_number) for gift in once.filter(donor_email__iexact=email)]
    gifts += [
        (payment, payment.gift, payment.amount, payment.receipt_number)
        for payment in payments.filter(gift__donor_email__iexact=email)
    ]
    statement = Statement(email=email.lower(), year=year)
    for paid, gift, charged, number in sorted(gifts, key=lambda item: item[0].paid_at):
        kept = charged - paid.amount_refunded
        if kept <= 0:
            continue
        statement.lines.append(
            StatementLine(paid.paid_at, number, kept, gift.currency, gift.frequency, designation_label(gift))
        )
        statement.name = gift.donor_name or statement.name  # the latest name given
        statement.language = gift.language or statement.language
    return statement if statement.lines else None


def queue_yearly_statements(year):
    """Make and queue the statement of each donor for `year` who has none yet; returns how many were queued."""
    queued = 0
    for email in donors_in(year):
        with transaction.atomic():
            statement, created = YearlyStatement.objects.get_or_create(donor_email=email, year=year)
            if created:
                queue_statement(statement.pk)
                queued += 1
    return queued


def queue_statement(pk):
    """Queue a statement's email with the surrounding transaction, as receipts are (tasks.queue_receipt)."""
    if isinstance(send_statement.get_backend(), DatabaseBackend):
        send_statement.enqueue(pk)
    else:
        transaction.on_commit(lambda: send_statement.enqueue(pk))


def statement_pdf(statement):
    """The statement as PDF bytes, in the active language."""
    document = Document(_("Your gifts to SEHER in %(year)s") % {"year": statement.year})
    document.line("SEHER", size=14)
    document.heading(_("Your gifts to SEHER in %(year)s") % {"year": statement.year})
    if statement.name:
        document.fact(_("From"), statement.name)
    document.fact(_("Email"), statement.email)
    document.pdf.ln(6)
    for line in statement.lines:
        parts = [long_date(line.when), format_money(line.amount, line.currency), line_kind(line)]
        if line.receipt_number:
            parts.append(_("receipt %(number)s") % {"number": line.receipt_number})
        document.line(" · ".join(str(part) for part in parts))
    document.pdf.ln(6)
    for currency, total in statement.totals:
        document.fact(_("Total in %(currency)s") % {"currency": currency}, format_money(total, currency))
    for designation, currency, total in statement.totals_by_designation:
        document.fact(f"{designation or _('No designation')} ({currency})", format_money(total, currency))
    document.pdf.ln(12)
    for text in partner_entity_lines():
        document.line(text, size=10)
    document.line(_("Thank you for standing with children in Balochistan this year."))
    return document.output()


def line_kind(line):
    kind = _("monthly gift") if line.frequency == "monthly" else _("one-off gift")
    return f"{kind}, {line.designation}" if line.designation else kind


@task(backend="queue", queue_name="email")
def send_statement(pk, attempt=1):
    record = YearlyStatement.objects.get(pk=pk)
    statement = build_statement(record.donor_email, record.year)
    if statement is None:
        return "no gifts"  # all refunded since it was queued
    stop_link = withdraw_link(record.donor_email, statement.language)
    with translation.override(statement.language):
        context = {"statement": statement, "stop_link": stop_link}
        subject = render_to_string("donate/email/statement_subject.txt", context).strip()
        body = render_to_string("donate/email/statement.txt", context)
        message = donor_email(subject, body, record.donor_email, stop_link)
        attach_pdf(message, f"seher-statement-{record.year}.pdf", lambda: statement_pdf(statement), f"statement {pk}")
    send_or_retry(message, send_statement, (pk,), attempt, f"statement {record.year} #{pk}")
    YearlyStatement.objects.filter(pk=pk).update(sent_at=timezone.now(), times_sent=record.times_sent + 1)
    return "sent"
