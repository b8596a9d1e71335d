"""Gifts that did not come through Stripe: bank transfers, cheques and cash, receipted like card gifts."""

from django.db import transaction
from django.utils import timezone

from .models import Gift, next_receipt_number
from .tasks import queue_receipt


def receipt_if_newly_paid(gift):
    """Number and queue the receipt of an offline gift Finance has just marked paid; False if nothing to do.

    Call inside the transaction that saves the gift: the number comes from the same
    locked counter as card gifts (next_receipt_number), so the two kinds share one
    gap-free sequence, and the receipt is queued in that transaction too.
    """
    if not gift.is_offline or gift.status != Gift.Status.PAID or gift.receipt_number is not None:
        return False
    gift.receipt_number = next_receipt_number()
    gift.paid_at = gift.paid_at or timezone.now()
    gift.save()
    queue_receipt("gift", gift.pk)
    return True


def confirm_offline_gift(pk):
    """Finance found the money on the bank statement: the gift is paid and its receipt goes out."""
    with transaction.atomic():
        gift = Gift.objects.select_for_update().get(pk=pk, source__in=OFFLINE_SOURCES)
        if gift.status == Gift.Status.PENDING:
            gift.status = Gift.Status.PAID
        receipt_if_newly_paid(gift)
    return gift


OFFLINE_SOURCES = [source for source in Gift.Source.values if source != Gift.Source.STRIPE]
