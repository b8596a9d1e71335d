"""Stripe events: foreign objects are acknowledged, monthly refunds and disputes are matched, errors retried.

The attacks and accidents, each through the real stripe SDK's signing and the Stripe
double over HTTP:
1. another Checkout on the same Stripe account (a partner's shop) completes, or an
   event names a gift reference that is not a UUID: main answered 409 (or 500 for the
   non-UUID), so Stripe retried for three days and then disabled the endpoint, and
   every later payment of ours went unrecorded.
2. a donor's bank disputes, or Finance refunds, one payment of a monthly gift. The
   charge names only its PaymentIntent, which main looked up among one-off gifts:
   409 for days, then the endpoint was disabled, and the refund was never recorded.
3. a handler fails half-way with an IntegrityError (here a receipt-number clash after
   a counter was restored from a backup): main took it for a duplicate event, answered
   200 "already processed", and the payment was lost for good.

Failed on main before the fix: (1) 409 and 500 instead of 200, (2) 409 instead of
200 with no refund or dispute recorded, (3) 200 and the gift stayed pending after the
retry.
"""

import logging
from decimal import Decimal

from donate.models import Gift, MonthlyPayment, ReceiptCounter, StripeEvent
from donate.views import change_monthly_amount
from tests.donate_helpers import LIVE, session_id_from
from tests.donate_helpers import give as give_response


def give(client, page, **overrides):
    return session_id_from(give_response(client, page, **overrides))


def first_invoice(double, session_id):
    subscription = double.sessions[session_id]["subscription"]
    return next(
        invoice_id
        for invoice_id, invoice in double.invoices.items()
        if invoice["parent"]["subscription_details"]["subscription"] == subscription
    )


@LIVE
def test_events_about_checkouts_this_site_never_created_are_acknowledged_and_ignored(live_double, caplog):
    foreign = [
        {"id": "cs_other_1", "object": "checkout.session", "payment_status": "paid", "amount_total": 500},
        {"id": "cs_other_2", "client_reference_id": "00000000-0000-0000-0000-000000000000"},
        {"id": "cs_other_3", "client_reference_id": "order-4711", "metadata": {"gift_id": "order-4711"}},
    ]
    gifts_before = list(Gift.objects.values_list("pk", "status", "updated_at"))
    with caplog.at_level(logging.INFO, logger="donate"):
        for session in foreign:
            for event_type in ("checkout.session.completed", "checkout.session.expired"):
                assert live_double.deliver(live_double.event(event_type, session)) == 200
    assert not StripeEvent.objects.exists()
    assert list(Gift.objects.values_list("pk", "status", "updated_at")) == gifts_before
    assert caplog.text.count("ignored: about an object this site did not create") == 6


@LIVE
def test_a_refund_of_one_monthly_payment_is_recorded_against_it(client, donate_page, live_double):
    session_id = give(client, donate_page, frequency="monthly", amount="3000")
    live_double.complete(session_id)
    assert live_double.renew(session_id) == 200
    invoice_id = first_invoice(live_double, session_id)

    assert live_double.refund_invoice(invoice_id, amount=100000) == 200  # PKR 1,000 of 3,000
    refunded = MonthlyPayment.objects.get(stripe_invoice_id=invoice_id)
    assert (refunded.status, refunded.amount_refunded) == ("paid", Decimal("1000.00"))
    assert live_double.refund_invoice(invoice_id) == 200
    refunded.refresh_from_db()
    assert (refunded.status, refunded.amount_refunded) == ("refunded", Decimal("3000.00"))
    gift = Gift.objects.get()
    assert gift.status == "paid"  # the monthly gift goes on
    assert list(gift.payments.exclude(pk=refunded.pk).values_list("status", flat=True)) == ["paid"]


@LIVE
def test_a_dispute_on_a_monthly_payment_flags_that_payment_and_its_gift(client, donate_page, live_double):
    session_id = give(client, donate_page, frequency="monthly")
    live_double.complete(session_id)
    invoice_id = first_invoice(live_double, session_id)
    assert live_double.dispute_invoice(invoice_id) == 200
    assert MonthlyPayment.objects.get(stripe_invoice_id=invoice_id).disputed
    assert Gift.objects.get().disputed


@LIVE
def test_refunds_and_disputes_of_other_products_are_acknowledged_and_ignored(live_double):
    other = {"id": "cs_shop", "currency": "usd", "amount_total": 2000, "subscription": "sub_shop"}
    invoice = live_double.invoice(other)  # the partner's own subscription, on the same account
    assert live_double.refund_invoice(invoice["id"]) == 200
    assert live_double.dispute_invoice(invoice["id"]) == 200
    stranger = {"id": "ch_x", "object": "charge", "payment_intent": "pi_unknown", "amount_refunded": 10}
    assert live_double.deliver(live_double.event("charge.refunded", stranger)) == 200
    assert not StripeEvent.objects.exists()


@LIVE
def test_a_refund_that_overtakes_its_checkout_is_retried_not_dropped(client, donate_page, live_double):
    """Events arrive out of order: a one-off gift is refunded while its checkout.session.completed
    is still being retried. The charge names only the PaymentIntent, which the gift does not
    hold yet. Answering 200 "not ours" would drop the refund for good; the site asks Stripe
    for the PaymentIntent, finds the gift in its metadata and answers 409 so Stripe retries.
    """
    session_id = give(client, donate_page, amount="2500")
    session = live_double.complete(session_id, deliver=False)  # its webhook is still on its way
    refund = live_double.refunded_charge(session["payment_intent"], session["amount_total"], session["currency"])
    assert live_double.deliver(refund) == 409
    gift = Gift.objects.get()
    assert (gift.status, gift.amount_refunded) == ("pending", Decimal("0"))
    assert not StripeEvent.objects.filter(event_id=refund["id"]).exists()  # so the retry is not a "duplicate"

    assert live_double.deliver(live_double.event("checkout.session.completed", dict(session))) == 200
    assert live_double.deliver(refund) == 200  # Stripe's retry
    gift.refresh_from_db()
    assert gift.status == "refunded"
    assert gift.amount_refunded == gift.total_charged


@LIVE
def test_a_handler_error_answers_500_and_the_retry_applies(client, donate_page, live_double):
    live_double.complete(give(client, donate_page, amount="1000"))
    used = Gift.objects.get().receipt_number
    session_id = give(client, donate_page, amount="2000")
    ReceiptCounter.objects.filter(pk=1).update(next_number=used)  # restored from an older backup
    session = live_double.sessions[session_id]
    session.update(status="complete", payment_status="paid", payment_intent="pi_test_clash")
    event = live_double.event("checkout.session.completed", dict(session))

    assert live_double.deliver(event) == 500
    assert Gift.objects.get(amount="2000").status == "pending"
    assert not StripeEvent.objects.filter(event_id=event["id"]).exists()

    ReceiptCounter.objects.filter(pk=1).update(next_number=used + 1)  # Finance fixes the counter
    assert live_double.deliver(event) == 200
    assert Gift.objects.get(amount="2000").status == "paid"
    assert live_double.deliver(event) == 200  # a true duplicate: acknowledged, applied once
    assert StripeEvent.objects.filter(event_id=event["id"]).count() == 1


@LIVE
def test_subscription_updates_record_a_new_amount_once_and_nothing_else(client, donate_page, live_double):
    """Repeats, changes of something else, other products' subscriptions and stopped gifts change no amount."""
    session_id = give(client, donate_page, frequency="monthly", amount="1000")
    live_double.complete(session_id)
    session = live_double.sessions[session_id]
    gift = Gift.objects.get(stripe_checkout_session_id=session_id)

    def updated(amount_total, session=session):
        """The subscription now charges amount_total at Stripe (its own portal, say), and Stripe says so."""
        session["amount_total"] = amount_total
        changed = live_double.subscription(session)
        return live_double.deliver(live_double.event("customer.subscription.updated", changed))

    assert updated(100000) == 200  # the card changed, not the amount
    assert not gift.amount_changes.exists()
    assert updated(150000) == updated(150000) == 200  # sent twice (two event ids)
    foreign = dict(session, subscription="sub_other_shop", subscription_data={"metadata": {}})
    assert updated(999900, session=foreign) == 200
    gift.refresh_from_db()
    assert gift.amount == Decimal("1500.00")
    assert list(gift.amount_changes.values_list("old_amount", "new_amount")) == [
        (Decimal("1000.00"), Decimal("1500.00"))
    ]
    live_double.stop(session_id)
    assert updated(200000) == 200
    gift.refresh_from_db()
    assert (gift.status, gift.amount, gift.amount_changes.count()) == ("cancelled", Decimal("1500.00"), 1)


@LIVE
def test_subscription_updates_delivered_newest_first_end_at_the_newest_amount(client, donate_page, live_double):
    """Stripe does not promise the order of events: an older amount arriving last must not win.

    The donor changes the amount twice; the two signed events reach the site in reverse
    order. Failed before the fix: the gift ended at the older amount (Rs 2,000), with a
    change back from Rs 3,000 to Rs 2,000 in its history.
    """
    session_id = give(client, donate_page, frequency="monthly", amount="1000")
    live_double.complete(session_id)
    gift = Gift.objects.get(stripe_checkout_session_id=session_id)
    live_double.hold_events = True
    change_monthly_amount(None, gift, 200000)  # the call the manage page makes, through the real SDK
    change_monthly_amount(None, gift, 300000)
    [(older, _url), (newer, url)] = live_double.held
    assert [event["data"]["object"]["items"]["data"][0]["price"]["unit_amount"] for event in (older, newer)] == [
        200000,
        300000,
    ]
    assert live_double.deliver(newer, url) == live_double.deliver(older, url) == 200
    gift.refresh_from_db()
    assert gift.amount == Decimal("3000.00")
    assert list(gift.amount_changes.order_by("pk").values_list("old_amount", "new_amount")) == [
        (Decimal("1000.00"), Decimal("3000.00"))
    ]
