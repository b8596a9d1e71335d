"""The whole donor path through the real stripe SDK, the Stripe double over HTTP, and signed webhooks."""

import json
import threading
import time
from decimal import Decimal

import pytest
import stripe
from django.core import mail
from django.db import connection

from donate.models import Gift, MonthlyPayment, StripeEvent

from .donate_helpers import LIVE, give, session_id_from


@LIVE
def test_one_off_gift_end_to_end(client, donate_page, live_double):
    response = give(client, donate_page, amount="2500.50", currency="PKR")
    session_id = session_id_from(response)
    params = live_double.sessions[session_id]["_params"]
    gift = Gift.objects.get()
    assert gift.status == "pending"
    assert params["mode"] == "payment"
    assert params["submit_type"] == "donate"
    assert params["line_items"][0]["price_data"]["unit_amount"] == "250050"  # paisa
    assert params["line_items"][0]["price_data"]["currency"] == "pkr"
    assert params["client_reference_id"] == str(gift.reference)
    assert params["metadata"]["gift_id"] == str(gift.reference)
    assert "customer" not in params and "customer_creation" not in params  # no Customer for one-off gifts
    # Before the webhook, the thank-you page only says "being confirmed".
    thank_you = live_double.sessions[session_id]["success_url"]
    assert "being confirmed" in client.get(thank_you.replace("http://testserver", "")).content.decode()
    assert Gift.objects.get().status == "pending"

    live_double.complete(session_id)
    assert live_double.deliveries == [("checkout.session.completed", 200)]
    gift.refresh_from_db()
    assert gift.status == "paid"
    assert gift.amount == Decimal("2500.50")
    assert gift.donor_email == "donor@example.org"
    assert gift.receipt_number is not None
    assert len(mail.outbox) == 1
    assert f"no. {gift.receipt_number}" in mail.outbox[0].subject
    assert "is confirmed" in client.get(f"/en/gift/{gift.reference}/thank-you/").content.decode()


@LIVE
@pytest.mark.parametrize(
    "currency, amount, minor", [("USD", "25", "2500"), ("GBP", "10.5", "1050"), ("EUR", "99.99", "9999")]
)
def test_amounts_reach_stripe_in_minor_units(client, donate_page, live_double, currency, amount, minor):
    session_id = session_id_from(give(client, donate_page, amount=amount, currency=currency))
    price = live_double.sessions[session_id]["_params"]["line_items"][0]["price_data"]
    assert (price["currency"], price["unit_amount"]) == (currency.lower(), minor)


@LIVE
def test_covering_fees_adds_our_estimate(client, donate_page, live_double):
    session_id = session_id_from(give(client, donate_page, amount="100", currency="USD", cover_fees="on"))
    assert live_double.sessions[session_id]["_params"]["line_items"][0]["price_data"]["unit_amount"] == "10320"
    assert Gift.objects.get().fee_covered == Decimal("3.20")


@LIVE
def test_monthly_gift_with_renewals(client, donate_page, live_double):
    session_id = session_id_from(give(client, donate_page, amount="1000", frequency="monthly"))
    params = live_double.sessions[session_id]["_params"]
    gift = Gift.objects.get()
    assert params["mode"] == "subscription"
    assert params["line_items"][0]["price_data"]["recurring"] == {"interval": "month"}
    assert params["subscription_data"]["metadata"]["gift_id"] == str(gift.reference)
    live_double.complete(session_id)
    gift.refresh_from_db()
    assert gift.status == "paid"
    assert gift.stripe_subscription_id
    assert gift.payments.count() == 1
    assert live_double.renew(session_id) == 200
    assert gift.payments.count() == 2
    receipts = sorted(MonthlyPayment.objects.values_list("receipt_number", flat=True))
    assert receipts[1] == receipts[0] + 1
    assert len(mail.outbox) == 2
    live_double.simple_event(
        session_id, "customer.subscription.deleted", {"id": gift.stripe_subscription_id, "object": "subscription"}
    )
    gift.refresh_from_db()
    assert gift.status == "cancelled"


@LIVE
def test_full_and_partial_refunds(client, donate_page, live_double):
    session_id = session_id_from(give(client, donate_page, amount="5000"))
    live_double.complete(session_id)
    live_double.refund(session_id, amount=100000)
    gift = Gift.objects.get()
    assert (gift.status, gift.amount_refunded) == ("paid", Decimal("1000.00"))
    live_double.refund(session_id)
    gift.refresh_from_db()
    assert (gift.status, gift.amount_refunded) == ("refunded", Decimal("5000.00"))


@LIVE
def test_expired_and_cancelled_checkouts(client, donate_page, live_double):
    response = give(client, donate_page, amount="777", currency="PKR")
    session_id = session_id_from(response)
    cancel = live_double.sessions[session_id]["cancel_url"].replace("http://testserver", "")
    form = client.get(cancel).content.decode()
    assert 'value="777.00"' in form  # the amount is kept
    live_double.simple_event(session_id, "checkout.session.expired")
    assert Gift.objects.get().status == "expired"


@LIVE
def test_a_replayed_event_has_one_effect(client, donate_page, live_double):
    session_id = session_id_from(give(client, donate_page, frequency="monthly"))
    live_double.complete(session_id)
    invoice = live_double.event("invoice.paid", live_double.invoice(live_double.sessions[session_id]))
    assert live_double.deliver(invoice) == 200
    assert live_double.deliver(invoice) == 200
    assert MonthlyPayment.objects.filter(stripe_invoice_id=invoice["data"]["object"]["id"]).count() == 1
    assert StripeEvent.objects.filter(event_id=invoice["id"]).count() == 1


@LIVE
def test_events_out_of_order_end_the_same(client, donate_page, live_double):
    """The first invoice can arrive before checkout.session.completed; the end state is the same."""
    session_id = session_id_from(give(client, donate_page, frequency="monthly"))
    session = live_double.sessions[session_id]
    session.update(customer="cus_x", subscription="sub_x", status="complete", payment_status="paid")
    invoice = live_double.event("invoice.paid", live_double.invoice(session))
    completed = live_double.event("checkout.session.completed", dict(session))
    assert live_double.deliver(invoice) == 200
    assert live_double.deliver(completed) == 200
    gift = Gift.objects.get()
    assert (gift.status, gift.stripe_subscription_id, gift.payments.count()) == ("paid", "sub_x", 1)


@LIVE
def test_an_event_for_a_gift_this_site_never_created_is_acknowledged(live_double):
    # Gifts are recorded before their Checkout Session exists, so an unknown one is not ours.
    event = live_double.event(
        "checkout.session.completed", {"client_reference_id": "00000000-0000-0000-0000-000000000000"}
    )
    assert live_double.deliver(event) == 200
    assert not StripeEvent.objects.exists()


@LIVE
def test_unknown_event_types_are_acknowledged(live_double):
    assert live_double.deliver(live_double.event("customer.created", {"id": "cus_1"})) == 200


@LIVE
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locking needs PostgreSQL; CI runs this there")
def test_two_deliveries_at_once_have_one_effect(client, donate_page, live_double):
    """Runs on PostgreSQL (.ci/run's second pass): concurrent writers are what this is about."""
    session_id = session_id_from(give(client, donate_page, frequency="monthly"))
    live_double.complete(session_id)
    for _ in range(5):
        invoice = live_double.event("invoice.paid", live_double.invoice(live_double.sessions[session_id]))
        statuses = []

        def deliver(event=invoice, results=statuses):
            results.append(live_double.deliver(event))

        threads = [threading.Thread(target=deliver) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(statuses) == [200, 200, 200, 200]
        assert MonthlyPayment.objects.filter(stripe_invoice_id=invoice["data"]["object"]["id"]).count() == 1
    assert MonthlyPayment.objects.count() == 6


@pytest.mark.django_db
@pytest.mark.parametrize(
    "tamper",
    ["wrong secret", "old timestamp", "changed body", "no header", "garbage header"],
)
def test_bad_signatures_get_400_and_change_nothing(client, settings, tamper):
    payload = json.dumps({"id": "evt_1", "type": "checkout.session.expired", "data": {"object": {}}})
    secret, timestamp, body = settings.STRIPE_WEBHOOK_SECRET, int(time.time()), payload
    if tamper == "wrong secret":
        secret = "whsec_someone_else"
    elif tamper == "old timestamp":
        timestamp -= 3600
    header = stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp)
    if tamper == "changed body":
        body = payload.replace("evt_1", "evt_2")
    elif tamper == "no header":
        header = ""
    elif tamper == "garbage header":
        header = "t=abc,v1=zzz"
    response = client.post("/donate/webhook/", body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


@pytest.mark.django_db
def test_webhook_is_post_only_and_outside_the_language_prefix(client):
    assert client.get("/donate/webhook/").status_code == 405
    assert client.post("/en/donate/webhook/").status_code in (404, 405)


@pytest.mark.django_db
def test_tolerance_is_never_zero(settings):
    assert settings.STRIPE_WEBHOOK_TOLERANCE > 0


@LIVE
def test_delayed_payment_methods_and_failures(client, donate_page, live_double):
    first = session_id_from(give(client, donate_page, amount="1500"))
    second = session_id_from(give(client, donate_page, amount="1600"))
    session = dict(live_double.sessions[first], payment_status="paid")
    assert live_double.deliver(live_double.event("checkout.session.async_payment_succeeded", session)) == 200
    assert live_double.simple_event(second, "checkout.session.async_payment_failed") == 200
    statuses = dict(Gift.objects.values_list("amount", "status"))
    assert statuses == {Decimal("1500.00"): "paid", Decimal("1600.00"): "failed"}


@LIVE
def test_failed_renewal_and_dispute_are_recorded(client, donate_page, live_double):
    monthly = session_id_from(give(client, donate_page, frequency="monthly"))
    live_double.complete(monthly)
    assert live_double.renew(monthly, status="failed") == 200
    assert Gift.objects.get(frequency="monthly").payments.count() == 1
    once = session_id_from(give(client, donate_page, amount="9000"))
    live_double.complete(once)
    intent = live_double.sessions[once]["payment_intent"]
    dispute = {"id": "dp_1", "object": "dispute", "payment_intent": intent}
    assert live_double.deliver(live_double.event("charge.dispute.created", dispute)) == 200
    assert Gift.objects.get(amount="9000").disputed


@pytest.mark.django_db
def test_campaign_progress_counts_paid_gifts_only(client, donate_page):
    from home.models import StandardPage

    Gift.objects.create(amount="100000", currency="PKR", status="paid", campaign=donate_page.campaign_name)
    Gift.objects.create(amount="50000", currency="PKR", status="pending", campaign=donate_page.campaign_name)
    Gift.objects.create(amount="70", currency="USD", status="paid", campaign=donate_page.campaign_name)
    assert donate_page.raised_so_far() == Decimal("100000")
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    about.body.append(("campaign_progress", {"donate_page": donate_page, "heading": "Winter appeal"}))
    about.save_revision().publish()
    html = client.get(about.url).content.decode()
    assert '<progress class="campaign-progress__bar" max="1500000" value="100000">' in html
    assert "Winter appeal" in html
    page_html = client.get(donate_page.url).content.decode()
    assert 'value="100000"' in page_html
