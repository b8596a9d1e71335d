"""One small handler per Stripe event type. Each runs inside the transaction that records the event id.

Events can arrive twice, late or out of order. Handlers only move a gift forward
(pending -> paid/failed/expired, paid -> refunded/cancelled), so replaying or
reordering them ends in the same state.

The Stripe account may serve other things than this site (another Checkout, a
shop), so an event about an object this site never created raises NotOurs: the
webhook answers 200 and logs it as ignored (answering an error would make Stripe
retry it for days and then disable the endpoint). Only an event about something
that is ours but not recorded yet (a refund of a monthly payment whose invoice.paid
is still on its way) raises NotYetKnown: 409, and Stripe delivers it again later.
"""

import logging
import uuid

import stripe
from django.utils import timezone

from .currencies import CURRENCIES
from .models import AmountChange, Gift, MonthlyPayment, next_receipt_number
from .stripe_api import get_client
from .tasks import queue_receipt

logger = logging.getLogger(__name__)
Status = Gift.Status


class NotOurs(Exception):
    """The event is about an object this site did not create."""


class NotYetKnown(Exception):
    """The event is about something of ours that is not recorded yet."""


def gift_for(reference):
    """The gift a Checkout Session or subscription names in its metadata (we create gifts before sessions)."""
    try:
        reference = uuid.UUID(str(reference)) if reference else None
    except ValueError:
        reference = None
    gift = Gift.objects.select_for_update().filter(reference=reference).first() if reference else None
    if gift is None:
        raise NotOurs(reference)
    return gift


def major_units(gift, minor):
    return CURRENCIES[gift.currency].from_minor_units(minor)


def checkout_completed(session):
    gift = gift_for(session.get("client_reference_id") or (session.get("metadata") or {}).get("gift_id"))
    details = session.get("customer_details") or {}
    gift.donor_email = details.get("email") or gift.donor_email
    gift.donor_name = details.get("name") or gift.donor_name
    gift.stripe_payment_intent_id = session.get("payment_intent") or gift.stripe_payment_intent_id
    gift.stripe_subscription_id = session.get("subscription") or gift.stripe_subscription_id
    gift.stripe_customer_id = session.get("customer") or gift.stripe_customer_id
    if session.get("payment_status") == "paid" and gift.status in (Status.PENDING, Status.FAILED, Status.EXPIRED):
        gift.mark_paid(major_units(gift, session["amount_total"]))
        if gift.frequency == "once":
            queue_receipt("gift", gift.pk)
    gift.save()


def async_payment_succeeded(session):
    gift = gift_for(session.get("client_reference_id"))
    if gift.status in (Status.PENDING, Status.FAILED):
        gift.mark_paid(major_units(gift, session["amount_total"]))
        gift.save()
        queue_receipt("gift", gift.pk)


def async_payment_failed(session):
    gift = gift_for(session.get("client_reference_id"))
    if gift.status == Status.PENDING:
        gift.status = Status.FAILED
        gift.save(update_fields=["status", "updated_at"])


def checkout_expired(session):
    gift = gift_for(session.get("client_reference_id"))
    if gift.status == Status.PENDING:
        gift.status = Status.EXPIRED
        gift.save(update_fields=["status", "updated_at"])


def subscription_of(invoice):
    details = (invoice.get("parent") or {}).get("subscription_details") or {}
    return details.get("subscription"), (details.get("metadata") or {}).get("gift_id")


def invoice_paid(invoice):
    subscription, reference = subscription_of(invoice)
    gift = (
        Gift.objects.select_for_update().filter(stripe_subscription_id=subscription).first() if subscription else None
    ) or gift_for(reference)
    if MonthlyPayment.objects.filter(stripe_invoice_id=invoice["id"]).exists():
        return
    if gift.status in (Status.PENDING, Status.FAILED):
        gift.mark_paid(major_units(gift, invoice["amount_paid"]))
    gift.stripe_subscription_id = subscription or gift.stripe_subscription_id
    gift.save()
    payment = MonthlyPayment.objects.create(
        gift=gift,
        stripe_invoice_id=invoice["id"],
        amount=major_units(gift, invoice["amount_paid"]),
        receipt_number=next_receipt_number(),
        paid_at=timezone.now(),
    )
    queue_receipt("payment", payment.pk)


def invoice_payment_failed(invoice):
    subscription, _reference = subscription_of(invoice)
    logger.warning("monthly payment failed for subscription %s", subscription)


def subscription_deleted(subscription):
    gift = Gift.objects.select_for_update().filter(stripe_subscription_id=subscription["id"]).first()
    if gift is None:
        gift = gift_for((subscription.get("metadata") or {}).get("gift_id"))
    gift.status = Status.CANCELLED
    gift.save(update_fields=["status", "updated_at"])


def monthly_charge(subscription):
    """What a subscription takes each month, in minor units: the sum of its items' prices times quantities."""
    items = (subscription.get("items") or {}).get("data") or []
    return sum(
        int((item.get("price") or {}).get("unit_amount") or 0) * int(item.get("quantity") or 1) for item in items
    )


def subscription_updated(subscription):
    """The donor changed the amount (through the site's manage page, or Stripe's): record it, with the old one.

    Stripe may deliver updates late and out of order, so the event is only a signal: the
    amount is read from the subscription as Stripe has it now, never from the event's own
    copy, and an older update arriving after a newer one finds nothing left to change.
    """
    gift = Gift.objects.select_for_update().filter(stripe_subscription_id=subscription["id"]).first()
    if gift is None:
        gift = gift_for((subscription.get("metadata") or {}).get("gift_id"))
    if gift.status != Status.PAID:
        return  # a gift that is stopped: the amount stays as recorded
    charge = monthly_charge(get_client().v1.subscriptions.retrieve(subscription["id"]).to_dict())
    if not charge:
        return
    new = major_units(gift, charge)
    if new == gift.total_charged:
        return  # a repeat, an older update, or a change of something else
    AmountChange.objects.create(gift=gift, old_amount=gift.total_charged, new_amount=new)
    # The new amount is the whole monthly charge: an earlier fee cover is part of it now.
    gift.amount, gift.fee_covered = new, 0
    gift.save(update_fields=["amount", "fee_covered", "updated_at"])


def paid_by(payment_intent):
    """(gift, monthly payment or None) that a PaymentIntent paid; raises NotOurs or NotYetKnown.

    A one-off gift records its PaymentIntent at checkout (until then, the PaymentIntent's
    metadata names the gift). A monthly payment is charged
    through an invoice, and Stripe's charges and disputes name only the PaymentIntent,
    so the first time one is named we ask Stripe which invoice it paid, and remember it.
    """
    if not payment_intent:
        raise NotOurs(payment_intent)
    gift = Gift.objects.select_for_update().filter(stripe_payment_intent_id=payment_intent).first()
    if gift is not None:
        return gift, None
    payments = MonthlyPayment.objects.select_for_update().select_related("gift")
    payment = payments.filter(stripe_payment_intent_id=payment_intent).first()
    if payment is None:
        client = get_client()
        found = client.v1.invoice_payments.list(
            params={"payment": {"type": "payment_intent", "payment_intent": payment_intent}, "limit": 1}
        ).data
        if not found:
            # Not a monthly payment: a one-off gift of ours whose checkout.session.completed
            # has not been applied yet (events arrive out of order) names its gift in the
            # PaymentIntent's metadata, and is retried (409) rather than dropped.
            try:
                intent = client.v1.payment_intents.retrieve(payment_intent).to_dict()
            except stripe.InvalidRequestError as error:
                if error.code == "resource_missing":  # not even on this Stripe account
                    raise NotOurs(payment_intent) from error
                raise
            gift_for((intent.get("metadata") or {}).get("gift_id"))  # NotOurs unless it names one of our gifts
            raise NotYetKnown(payment_intent)
        invoice_id = found[0].invoice if isinstance(found[0].invoice, str) else found[0].invoice.id
        payment = payments.filter(stripe_invoice_id=invoice_id).first()
        if payment is None:
            subscription, reference = subscription_of(client.v1.invoices.retrieve(invoice_id).to_dict())
            if not (subscription and Gift.objects.filter(stripe_subscription_id=subscription).exists()):
                gift_for(reference)  # NotOurs unless the invoice's subscription names one of our gifts
            raise NotYetKnown(invoice_id)  # ours, but its invoice.paid has not been applied yet
        payment.stripe_payment_intent_id = payment_intent
        payment.save(update_fields=["stripe_payment_intent_id"])
    return payment.gift, payment


def charge_refunded(charge):
    gift, payment = paid_by(charge.get("payment_intent"))
    if payment is not None:
        # One monthly payment is refunded; the monthly gift itself goes on.
        refunded = major_units(gift, charge["amount_refunded"])
        payment.amount_refunded = max(payment.amount_refunded, refunded)
        if charge.get("refunded") or payment.amount_refunded >= payment.amount:
            payment.status = "refunded"
        payment.save(update_fields=["amount_refunded", "status"])
        return
    refunded = major_units(gift, charge["amount_refunded"])
    gift.amount_refunded = max(gift.amount_refunded, refunded)
    if charge.get("refunded") or gift.amount_refunded >= gift.total_charged:
        gift.status = Status.REFUNDED
    gift.save(update_fields=["amount_refunded", "status", "updated_at"])


def dispute_created(dispute):
    gift, payment = paid_by(dispute.get("payment_intent"))
    if payment is not None:
        payment.disputed = True
        payment.save(update_fields=["disputed"])
    gift.disputed = True
    gift.save(update_fields=["disputed", "updated_at"])


HANDLERS = {
    "checkout.session.completed": checkout_completed,
    "checkout.session.async_payment_succeeded": async_payment_succeeded,
    "checkout.session.async_payment_failed": async_payment_failed,
    "checkout.session.expired": checkout_expired,
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_payment_failed,
    "customer.subscription.updated": subscription_updated,
    "customer.subscription.deleted": subscription_deleted,
    "charge.refunded": charge_refunded,
    "charge.dispute.created": dispute_created,
}
