"""Manage my monthly gift: a signed, expiring link to Stripe's billing portal."""

import re

import pytest
from django.core import mail, signing
from django.core.cache import cache

from donate.models import Donation
from donate.views import MANAGE_SALT


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
    assert mail.outbox[0].to == ["AMINA@example.org"]


@pytest.mark.django_db
def test_the_link_opens_the_billing_portal(client, monthly_gift, stripe_double):
    client.post("/en/gift/manage/", {"email": "amina@example.org"})
    link = re.search(r"http://testserver(/en/gift/manage/[^\s]+/)", mail.outbox[0].body).group(1)
    response = client.get(link)
    assert response.status_code == 303
    assert "/portal/bps_test_" in response["Location"]
    assert ("POST", "/v1/billing_portal/sessions") in stripe_double.requests


@pytest.mark.django_db
def test_expired_or_forged_links_are_refused(client, monthly_gift, stripe_double, monkeypatch):
    forged = client.get("/en/gift/manage/cus_test_1:forged/")
    assert forged.status_code == 400
    assert "expired or is not valid" in forged.content.decode()
    old = signing.TimestampSigner(salt=MANAGE_SALT)
    monkeypatch.setattr("time.time", lambda: 1_000_000_000.0)
    token = old.sign("cus_test_1")
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
