"""Manage my monthly gift: a signed, expiring link to the gift's page (change the amount), then Stripe's portal."""

import re
import urllib.request
from decimal import Decimal

import pytest
from django.core import mail, signing
from django.core.cache import cache

from donate.manage_links import MANAGE_SALT
from donate.models import Gift

from .donate_helpers import LIVE, gift_form, open_link, session_id_from


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


@pytest.fixture
def monthly_gift(donate_page):
    return Gift.objects.create(
        amount="1000",
        currency="PKR",
        frequency="monthly",
        status="paid",
        donor_email="amina@example.org",
        stripe_customer_id="cus_test_1",
    )


@pytest.mark.django_db
def test_known_and_unknown_addresses_get_the_same_answer(client, monthly_gift):
    known = client.post("/en/gift/manage/", {"email": "AMINA@example.org"})
    unknown = client.post("/en/gift/manage/", {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(known.content.decode()) == strip(unknown.content.decode())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["amina@example.org"]  # the address stored on the gift


@pytest.mark.django_db
def test_the_link_opens_the_gift_and_then_the_billing_portal(client, monthly_gift, stripe_double):
    monthly_gift.stripe_subscription_id = "sub_test_1"
    monthly_gift.save()
    client.post("/en/gift/manage/", {"email": "amina@example.org"})
    page = open_link(client)
    assert "You give Rs 1,000 every month." in page.content.decode()
    assert stripe_double.requests == []  # nothing is asked of Stripe until the donor acts
    response = client.post("/en/gift/manage/current/portal/")
    assert response.status_code == 303
    assert "/portal/bps_test_" in response["Location"]
    assert stripe_double.requests == [("POST", "/v1/billing_portal/sessions")]


@pytest.mark.django_db
def test_expired_or_forged_links_are_refused(client, monthly_gift, stripe_double, monkeypatch):
    forged = client.get("/en/gift/manage/cus_test_1:forged/")
    assert forged.status_code == 400
    assert "expired or is not valid" in forged.content.decode()
    assert 'action="/en/gift/manage/"' in forged.content.decode()  # the form to ask for a new link
    old = signing.TimestampSigner(salt=MANAGE_SALT)
    monkeypatch.setattr("time.time", lambda: 1_000_000_000.0)
    token = old.sign_object({"customer": "cus_test_1", "nonce": "an-hour-old"})
    monkeypatch.undo()
    assert client.get(f"/en/gift/manage/{token}/").status_code == 400
    assert stripe_double.requests == []


@pytest.mark.django_db
def test_bad_email_re_renders_with_a_message(client, monthly_gift):
    response = client.post("/en/gift/manage/", {"email": "not an email"})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


@pytest.mark.django_db
def test_manage_requests_are_rate_limited(client, monthly_gift, frozen_ratelimit_clock):
    codes = [client.post("/en/gift/manage/", {"email": "x@example.org"}).status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stopping_the_gift_in_the_portal_cancels_it(client, donate_page, stripe_double, live_server):
    """The double's billing portal stops the subscription and tells the site with a signed webhook."""
    stripe_double.webhook_url = f"{live_server.url}/donate/webhook/"
    session_id = session_id_from(client.post(donate_page.url, gift_form(frequency="monthly")))
    stripe_double.complete(session_id)
    gift = Gift.objects.get(stripe_checkout_session_id=session_id)
    client.post("/en/gift/manage/", {"email": gift.donor_email})
    open_link(client)
    portal = client.post("/en/gift/manage/current/portal/")["Location"]
    with urllib.request.urlopen(portal) as page:  # noqa: S310 - the double on a loopback port  # nosec B310
        stop = re.search(r"action='([^']+/stop/[^']+)'", page.read().decode()).group(1)
    with urllib.request.urlopen(urllib.request.Request(stop, method="POST")) as page:  # noqa: S310  # nosec B310
        assert "is stopped. Nothing more will be taken." in page.read().decode()
    assert stripe_double.deliveries[-1] == ("customer.subscription.deleted", 200)
    gift.refresh_from_db()
    assert gift.status == "cancelled"


@pytest.mark.django_db
def test_the_manage_link_email_also_carries_the_stop_news_link(client, monthly_gift):
    monthly_gift.updates_consent_at = "2026-11-01T10:00Z"
    monthly_gift.save()
    client.post("/en/gift/manage/", {"email": "amina@example.org"})
    [email] = mail.outbox
    stop = re.search(r"http://127.0.0.1:8000(/en/gift/stop-emails/[^\s]+/)", email.body).group(1)
    assert email.extra_headers["List-Unsubscribe"] == f"<http://127.0.0.1:8000{stop}>"
    client.post(stop)
    monthly_gift.refresh_from_db()
    assert monthly_gift.updates_withdrawn_at is not None


@LIVE
def test_changing_the_amount_updates_the_subscription_and_the_webhook_records_it(client, donate_page, live_double):
    """The real SDK changes the subscription's price; the double tells the site, which keeps the old amount too."""
    session_id = session_id_from(client.post(donate_page.url, gift_form(frequency="monthly", amount="1000")))
    live_double.complete(session_id)
    gift = Gift.objects.get(stripe_checkout_session_id=session_id)
    client.post("/en/gift/manage/", {"email": gift.donor_email})
    open_link(client)
    response = client.post("/en/gift/manage/current/", {"amount": "2,500"})
    assert response.status_code == 200
    assert "your gift will be Rs 2,500 a month" in response.content.decode()
    [(subscription, params)] = live_double.subscription_updates
    assert subscription == gift.stripe_subscription_id
    assert params["items"][0]["price_data"]["unit_amount"] == "250000"
    assert params["proration_behavior"] == "none"
    assert live_double.deliveries[-1] == ("customer.subscription.updated", 200)
    gift.refresh_from_db()
    assert gift.amount == Decimal("2500.00")
    [change] = gift.amount_changes.all()
    assert (change.old_amount, change.new_amount) == (Decimal("1000.00"), Decimal("2500.00"))
    live_double.renew(session_id)  # the next payment is taken at the new amount
    assert gift.payments.order_by("paid_at", "pk").last().amount == Decimal("2500.00")
    assert "You give Rs 2,500 every month." in client.get("/en/gift/manage/current/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "This field is required."),
        ("lots", "Enter an amount as a number"),
        ("10", "The smallest gift we can take online is Rs 500."),
        ("99999999", "please contact us or give by bank transfer"),
        ("1000.555", "Use at most two decimal places."),
        ("NaN", "Use at most two decimal places."),
    ],
)
def test_a_bad_new_amount_re_renders_with_a_message(client, monthly_gift, stripe_double, typed, message):
    monthly_gift.stripe_subscription_id = "sub_test_1"
    monthly_gift.save()
    client.post("/en/gift/manage/", {"email": "amina@example.org"})
    open_link(client)
    response = client.post("/en/gift/manage/current/", {"amount": typed})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'role="alert"' in response.content.decode()
    assert stripe_double.requests == []
    monthly_gift.refresh_from_db()
    assert monthly_gift.amount == Decimal("1000.00")


@pytest.mark.django_db
def test_stripe_down_while_changing_says_so_and_changes_nothing(client, monthly_gift, stripe_double):
    monthly_gift.stripe_subscription_id = "sub_test_1"
    monthly_gift.save()
    client.post("/en/gift/manage/", {"email": "amina@example.org"})
    open_link(client)
    stripe_double.fail_api = True
    response = client.post("/en/gift/manage/current/", {"amount": "1500"})
    assert response.status_code == 503
    assert "Nothing has changed" in response.content.decode()
    monthly_gift.refresh_from_db()
    assert monthly_gift.amount == Decimal("1000.00")


@pytest.mark.django_db
def test_amount_changes_are_rate_limited(client, monthly_gift, stripe_double, frozen_ratelimit_clock):
    monthly_gift.stripe_subscription_id = "sub_test_1"
    monthly_gift.save()
    client.post("/en/gift/manage/", {"email": "amina@example.org"})
    open_link(client)
    codes = [client.post("/en/gift/manage/current/", {"amount": "1"}).status_code for _ in range(6)]
    assert codes == [400] * 5 + [429]
    assert stripe_double.requests == []
