"""The manage-gift link reaches only the donor's own mailbox, once, at the site's real address.

The attacks on "Manage my monthly gift", whose page changes the monthly amount and opens
Stripe's billing portal (stop the gift, see the card's last digits and the donor's address):
1. type a look-alike of a donor's address: seher@ with a long s (U+017F), amina@ with
   a Turkish dotless i (U+0131), fullwidth letters. PostgreSQL's UPPER() folds the first two
   onto the donor's address, and main mailed the link to the address *typed*.
2. time or watch the answer: main sent the email inside the request for a known
   address only.
3. reuse a link found later (a forwarded email, a shared computer's history).
4. send the request with a forged Host header that is still in ALLOWED_HOSTS (a
   second domain, a proxy passing Host through): main built the link from it, so the
   donor's email pointed at the attacker's host.

Failed on main before the fix: (1) on PostgreSQL the look-alikes got a mail addressed
to themselves, (2) the known address sent mail during the request and queued nothing,
(3) the second use gave 303 to a new portal session, (4) the link began
http://localhost/, and a link to a case-different address went to the typed address.

Changing the amount (below): the page acts only on the gift its link was issued for,
through the session that link opened, within the link's hour; whatever an attacker posts,
the only subscription Stripe is asked to change is that gift's.
"""

import re
from decimal import Decimal

import pytest
from django.core import mail, signing
from django.test import Client

from donate.manage_links import MANAGE_SALT, manage_link_token
from donate.models import Gift
from tests.donate_helpers import gift_form, session_id_from

LINK = re.compile(r"(https?://[^/\s]+)(/en/gift/manage/[^\s]+/)")


@pytest.fixture
def monthly_gifts(donate_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://seher.example.org"
    for address, customer in (("seher@example.org", "cus_seher"), ("amina@example.org", "cus_amina")):
        Gift.objects.create(
            amount="1000",
            currency="PKR",
            frequency="monthly",
            status="paid",
            donor_email=address,
            stripe_customer_id=customer,
            stripe_subscription_id=customer.replace("cus_", "sub_"),
        )


def ask(email, **headers):
    return Client().post("/en/gift/manage/", {"email": email}, **headers)


@pytest.mark.django_db
def test_look_alike_addresses_get_no_link(monthly_gifts):
    long_s, dotless_i, fullwidth = "\u017feher@example.org", "am\u0131na@example.org", "\uff53\uff45her@example.org"
    for typed in (long_s, dotless_i, fullwidth):
        assert ask(typed).status_code in (200, 400)  # fullwidth is not a valid address: the form says so
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_link_goes_to_the_stored_address_not_the_typed_one(monthly_gifts):
    assert ask("SEHER@Example.ORG").status_code == 200
    [message] = mail.outbox
    assert message.to == ["seher@example.org"]


@pytest.mark.django_db
def test_known_and_unknown_addresses_take_the_same_path_through_the_queue(monthly_gifts, settings):
    from donate.tasks import send_manage_link

    settings.TASKS = {
        **settings.TASKS,
        "queue": {"BACKEND": "django.tasks.backends.dummy.DummyBackend", "QUEUES": ["default", "email"]},
    }
    known, unknown = ask("seher@example.org"), ask("nobody@example.org")
    assert known.status_code == unknown.status_code == 200
    assert mail.outbox == []  # nothing is sent while the visitor waits
    queued = send_manage_link.get_backend().results
    assert [result.task.name for result in queued] == ["send_manage_link", "send_manage_link"]
    assert "nobody@example.org" not in repr([result.args for result in queued])  # typed addresses are not kept


@pytest.mark.django_db
def test_a_link_works_once(monthly_gifts, stripe_double):
    ask("seher@example.org")
    path = LINK.search(mail.outbox[0].body).group(2)
    donor, finder = Client(), Client()
    first, second = donor.get(path), finder.get(path)
    assert first.status_code == 303
    assert second.status_code == 400
    assert finder.post("/en/gift/manage/current/portal/").status_code == 400
    assert donor.post("/en/gift/manage/current/portal/").status_code == 303
    assert stripe_double.requests.count(("POST", "/v1/billing_portal/sessions")) == 1


@pytest.mark.django_db
def test_the_link_is_built_from_the_configured_address_not_the_host_header(monthly_gifts):
    assert ask("seher@example.org", HTTP_HOST="localhost").status_code == 200
    base, _path = LINK.search(mail.outbox[0].body).groups()
    assert base == "https://seher.example.org"
    assert "localhost" not in mail.outbox[0].body


# Changing the amount.

CURRENT = "/en/gift/manage/current/"


@pytest.fixture
def two_running_gifts(donate_page, stripe_double):
    """Gifts A and B, each with a subscription the double knows (its webhooks are not needed here)."""
    gifts = []
    for address, amount in (("seher@example.org", "1000"), ("amina@example.org", "3000")):
        session_id = session_id_from(Client().post(donate_page.url, gift_form(frequency="monthly", amount=amount)))
        session = stripe_double.complete(session_id, deliver=False)
        gift = Gift.objects.get(stripe_checkout_session_id=session_id)
        gift.status, gift.donor_email = "paid", address
        gift.stripe_customer_id, gift.stripe_subscription_id = session["customer"], session["subscription"]
        gift.save()
        gifts.append(gift)
    stripe_double.requests.clear()
    return gifts


def opened(gift):
    """A browser that has opened a fresh link for `gift`."""
    browser = Client()
    assert browser.get(f"/en/gift/manage/{manage_link_token(gift)}/").status_code == 303
    return browser


def amounts(*gifts):
    return [Gift.objects.get(pk=gift.pk).amount for gift in gifts]


@pytest.mark.django_db
def test_a_link_for_gift_a_changes_only_gift_a(two_running_gifts, stripe_double):
    a, b = two_running_gifts
    attacker = opened(a)
    forged = {"amount": "9000", "gift": b.pk, "reference": str(b.reference), "subscription": b.stripe_subscription_id}
    assert attacker.post(CURRENT, forged).status_code == 200
    assert attacker.post(f"{CURRENT}?gift={b.pk}", {"amount": "9000"}).status_code == 200
    assert [subscription for subscription, _params in stripe_double.subscription_updates] == [
        a.stripe_subscription_id,
        a.stripe_subscription_id,
    ]
    assert b.stripe_subscription_id not in repr(stripe_double.requests)
    assert stripe_double.session_of_subscription(b.stripe_subscription_id)["amount_total"] == 300000
    assert amounts(b) == [Decimal("3000.00")]


@pytest.mark.django_db
def test_a_token_naming_another_customers_gift_is_refused(two_running_gifts, stripe_double):
    a, b = two_running_gifts
    mixed = signing.TimestampSigner(salt=MANAGE_SALT).sign_object(
        {"gift": b.pk, "customer": a.stripe_customer_id, "nonce": "mixed"}
    )
    attacker = Client()
    assert attacker.get(f"/en/gift/manage/{mixed}/").status_code == 400
    assert attacker.post(CURRENT, {"amount": "9000"}).status_code == 400
    assert stripe_double.requests == []


@pytest.mark.django_db
def test_a_used_link_changes_nothing(two_running_gifts, stripe_double):
    a, _b = two_running_gifts
    path = f"/en/gift/manage/{manage_link_token(a)}/"
    assert Client().get(path).status_code == 303  # the donor
    finder = Client()
    assert finder.get(path).status_code == 400
    assert finder.post(CURRENT, {"amount": "9000"}).status_code == 400
    assert stripe_double.requests == []
    assert amounts(a) == [Decimal("1000.00")]


@pytest.mark.django_db
def test_an_expired_link_or_session_changes_nothing(two_running_gifts, stripe_double, monkeypatch):
    a, _b = two_running_gifts
    monkeypatch.setattr("time.time", lambda: 1_000_000_000.0)
    old = manage_link_token(a)
    monkeypatch.undo()
    late = Client()
    assert late.get(f"/en/gift/manage/{old}/").status_code == 400
    assert late.post(CURRENT, {"amount": "9000"}).status_code == 400
    # A session opened by a good link is worth an hour, like the link.
    browser = opened(a)
    session = browser.session
    session["donate:managed-gift"] = [a.pk, session["donate:managed-gift"][1] - 3601]
    session.save()
    assert browser.post(CURRENT, {"amount": "9000"}).status_code == 400
    assert stripe_double.requests == []
    assert amounts(a) == [Decimal("1000.00")]


@pytest.mark.django_db
def test_a_forged_post_without_the_links_session_changes_nothing(two_running_gifts, stripe_double):
    a, b = two_running_gifts
    opened(a)  # the donor's own browser has a session; the attacker's has none
    for attacker in (Client(), Client(enforce_csrf_checks=True)):
        for data in ({"amount": "9000"}, {"amount": "9000", "gift": a.pk}):
            assert attacker.post(CURRENT, data).status_code in (400, 403)
        assert attacker.post(f"{CURRENT}portal/").status_code in (400, 403)
    assert stripe_double.requests == []
    assert amounts(a, b) == [Decimal("1000.00"), Decimal("3000.00")]


@pytest.mark.django_db
def test_a_stopped_gift_cannot_be_changed(two_running_gifts, stripe_double):
    a, _b = two_running_gifts
    browser = opened(a)
    Gift.objects.filter(pk=a.pk).update(status="cancelled")
    assert browser.post(CURRENT, {"amount": "9000"}).status_code == 400
    assert stripe_double.requests == []
