"""Manage my monthly gift: a signed, expiring link to Stripe's billing portal."""

import re
import urllib.request

import pytest
from django.core import mail, signing
from django.core.cache import cache

from donate.manage_links import MANAGE_SALT
from donate.models import Donation

from .donate_helpers import gift_form, session_id_from


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()


@pytest.fixture
def monthly_gift(donate_page):
    return Donation.objects.create(
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
def test_the_link_opens_the_billing_portal(client, monthly_gift, stripe_double):
    client.post("/en/gift/manage/", {"email": "amina@example.org"})
    link = re.search(r"http://127.0.0.1:8000(/en/gift/manage/[^\s]+/)", mail.outbox[0].body).group(1)
    response = client.get(link)
    assert response.status_code == 303
    assert "/portal/bps_test_" in response["Location"]
    assert ("POST", "/v1/billing_portal/sessions") in stripe_double.requests


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
    gift = Donation.objects.get(stripe_checkout_session_id=session_id)
    client.post("/en/gift/manage/", {"email": gift.donor_email})
    link = re.search(r"http://127.0.0.1:8000(/en/gift/manage/[^\s]+/)", mail.outbox[-1].body).group(1)
    portal = client.get(link)["Location"]
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
