"""The manage-gift link reaches only the donor's own mailbox, once, at the site's real address.

The attacks on "Manage my monthly gift", which opens Stripe's billing portal (stop the
gift, see the card's last digits and the donor's address):
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
"""

import re

import pytest
from django.core import mail
from django.test import Client

from donate.models import Donation

LINK = re.compile(r"(https?://[^/\s]+)(/en/gift/manage/[^\s]+/)")


@pytest.fixture
def monthly_gifts(donate_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://seher.example.org"
    for address, customer in (("seher@example.org", "cus_seher"), ("amina@example.org", "cus_amina")):
        Donation.objects.create(
            amount="1000",
            currency="PKR",
            frequency="monthly",
            status="paid",
            donor_email=address,
            stripe_customer_id=customer,
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
    first, second = Client().get(path), Client().get(path)
    assert first.status_code == 303
    assert second.status_code == 400
    assert stripe_double.requests.count(("POST", "/v1/billing_portal/sessions")) == 1


@pytest.mark.django_db
def test_the_link_is_built_from_the_configured_address_not_the_host_header(monthly_gifts):
    assert ask("seher@example.org", HTTP_HOST="localhost").status_code == 200
    base, _path = LINK.search(mail.outbox[0].body).groups()
    assert base == "https://seher.example.org"
    assert "localhost" not in mail.outbox[0].body
