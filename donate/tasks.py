"""Receipt emails, sent from the background queue so a slow mail server never slows a webhook."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

logger = logging.getLogger(__name__)
RETRY_AFTER = timedelta(minutes=10)


def queue_receipt(kind, pk):
    """Queue the receipt once the surrounding transaction (the webhook's) has committed."""
    transaction.on_commit(lambda: send_receipt.enqueue(kind, pk))


@task(backend="queue", queue_name="email")
def send_receipt(kind, pk):
    from .models import Donation, MonthlyPayment

    if kind == "payment":
        payment = MonthlyPayment.objects.select_related("donation").get(pk=pk)
        donation, number, amount, when = payment.donation, payment.receipt_number, payment.amount, payment.paid_at
    else:
        donation = Donation.objects.get(pk=pk)
        number, amount, when = donation.receipt_number, donation.total_charged, donation.paid_at
    if not donation.donor_email:
        return "no address"
    with translation.override(donation.language):
        context = {"donation": donation, "number": number, "amount": amount, "when": when}
        subject = render_to_string("donate/email/receipt_subject.txt", context).strip()
        body = render_to_string("donate/email/receipt.txt", context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [donation.donor_email])
    except OSError as error:  # SMTP down or refusing: try again later, keep the queue moving
        logger.error("receipt %s not sent (%s); retrying", number, error.__class__.__name__)
        if send_receipt.get_backend().supports_defer:
            send_receipt.using(run_after=timezone.now() + RETRY_AFTER).enqueue(kind, pk)
        raise
    return "sent"
