"""Receipt emails, sent from the background queue so a slow mail server never slows a webhook."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db import DatabaseBackend

from .manage_links import manage_link_token
from .models import Gift, MonthlyPayment, PartnerSettings
from .receipt_pdf import receipt_pdf
from .updates import withdraw_token

logger = logging.getLogger(__name__)
# Wait this long before each new attempt while the mail server is down or refusing;
# after the last one the receipt is given up on (and the failure is in the logs and
# the task results for Finance to send by hand). About a day in all.
RETRY_DELAYS = [timedelta(minutes=minutes) for minutes in (1, 5, 15, 60, 180, 720)]


def queue_receipt(kind, pk):
    """Queue a receipt as part of the surrounding transaction (the webhook's).

    The database queue writes the task in that same transaction, so a payment is
    never recorded without its receipt (or the other way round), and the worker sees
    the task only once the payment is committed. Other backends (the immediate one
    in tests) run the task once the transaction has committed.
    """
    if isinstance(send_receipt.get_backend(), DatabaseBackend):
        send_receipt.enqueue(kind, pk)
    else:
        transaction.on_commit(lambda: send_receipt.enqueue(kind, pk))


@task(backend="queue", queue_name="email")
def send_receipt(kind, pk, attempt=1):
    if kind == "payment":
        payment = MonthlyPayment.objects.select_related("gift").get(pk=pk)
        gift, number, amount, when = payment.gift, payment.receipt_number, payment.amount, payment.paid_at
    else:
        gift = Gift.objects.get(pk=pk)
        number, amount, when = gift.receipt_number, gift.total_charged, gift.paid_at
    if not gift.donor_email:
        return "no address"
    partner = PartnerSettings.objects.filter(site__is_default_site=True).first()
    stop_link = withdraw_link(gift.donor_email, gift.language)
    with translation.override(gift.language):
        context = {
            "gift": gift,
            "number": number,
            "amount": amount,
            "when": when,
            # Card gifts are received by the partner; offline gifts by SEHER's own account.
            "partner": partner if partner and partner.name and not gift.is_offline else None,
            "partner_note": partner.tax_note_for(gift.language) if partner else "",
            "stop_link": stop_link,
        }
        subject = render_to_string("donate/email/receipt_subject.txt", context).strip()
        body = render_to_string("donate/email/receipt.txt", context)
        message = donor_email(subject, body, gift.donor_email, stop_link)
        attach_pdf(
            message,
            f"seher-receipt-{number}.pdf",
            lambda: receipt_pdf(gift, number, amount, when),
            f"receipt of {kind} {pk}",
        )
    send_or_retry(message, send_receipt, (kind, pk), attempt, f"receipt {number}")
    return "sent"


def attach_pdf(message, filename, build, what):
    """Attach the PDF that build() makes; if building it fails, the email goes without it.

    The email's body is the receipt or statement itself, so a missing font or a bug in
    the PDF library must not hold it back. The log names only `what` (the record's kind
    and id) and the error's class: its message could quote the donor's name or address.
    """
    try:
        content = build()
    except Exception as error:  # any failure at all: the email still goes
        logger.error("%s: PDF not built (%s); sending the email without it", what, error.__class__.__name__)
        return False
    message.attach(filename, content, "application/pdf")
    return True


def send_or_retry(message, mail_task, args, attempt, what):
    """Send `message`; while the mail server is down or refusing, queue `mail_task(*args)` again later.

    Keeps the queue moving: this attempt fails (and is recorded as failed), the next one
    waits its turn in RETRY_DELAYS, and after the last the email is given up on.
    """
    try:
        message.send()
    except OSError as error:  # SMTP down or refusing: try again later, keep the queue moving
        name = error.__class__.__name__
        if attempt > len(RETRY_DELAYS) or not mail_task.get_backend().supports_defer:
            logger.error("%s not sent (%s) after %s attempts; giving up", what, name, attempt)
            raise
        delay = RETRY_DELAYS[attempt - 1]
        logger.error("%s not sent (%s) on attempt %s; trying again in %s", what, name, attempt, delay)
        mail_task.using(run_after=timezone.now() + delay).enqueue(*args, attempt=attempt + 1)
        raise


@task(backend="queue", queue_name="email")
def send_manage_link(gift_pk, language):
    """Email a single-use link to manage a monthly gift, to the address stored on the gift.

    Queued for every valid request, with None when no gift matched the address typed,
    so the form's answer takes the same path and time either way, and the typed
    address itself is never stored in the queue. The link is built from
    WAGTAILADMIN_BASE_URL, never from a request's Host header.
    """
    gift = Gift.objects.filter(pk=gift_pk).first() if gift_pk is not None else None
    if gift is None or not gift.donor_email or not gift.stripe_customer_id:
        return "no gift"
    stop_link = withdraw_link(gift.donor_email, language)
    with translation.override(language):
        path = reverse("gifts:manage_link", args=[manage_link_token(gift)])
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
        subject = translation.gettext("Manage your monthly gift")
        body = translation.gettext(
            "Use this link within an hour to change or stop your monthly gift to SEHER:\n\n%(link)s\n\n"
            "If you did not ask for it, you can ignore this email."
        ) % {"link": link}
        body += "\n\n" + translation.gettext("To stop news by email: %(link)s") % {"link": stop_link}
    donor_email(subject, body, gift.donor_email, stop_link).send()
    return "sent"


def withdraw_link(email, language):
    """The one-click link that stops news by email, built from WAGTAILADMIN_BASE_URL, never a Host header."""
    with translation.override(language):
        path = reverse("gifts:withdraw_updates", args=[withdraw_token(email)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def donor_email(subject, body, to, stop_link):
    """An email to a donor, with the headers mail programs show as an unsubscribe button (RFC 2369, 8058)."""
    headers = {"List-Unsubscribe": f"<{stop_link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)
