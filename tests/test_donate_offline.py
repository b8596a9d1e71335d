"""Bank transfers and other offline gifts: told by the donor, confirmed by Finance, receipted from the one sequence."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from donate import webhooks
from donate.models import DonatePage, Gift, PartnerSettings, ReceiptCounter
from donate.offline import confirm_offline_gift

from .staff_helpers import log_in, make_staff, totp_code

SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
BANK_TRANSFER = "/en/gift/bank-transfer/"


def transfer_form(**overrides):
    data = {
        "amount": "50,000",
        "currency": "PKR",
        "transfer_date": str(timezone.localdate() - timedelta(days=1)),
        "bank_reference": "HBL-778812",
        "email": "bilal@example.org",
        "name": "Bilal",
        "designation": "zakat",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def finance_client(donate_page):
    make_staff("finance", group="Finance", secret=SECRET)
    client = Client()
    log_in(client, "finance", totp_code(SECRET))
    return client


def edit_form(gift, **changes):
    data = {
        "source": gift.source,
        "status": gift.status,
        "amount": str(gift.amount),
        "currency": gift.currency,
        "frequency": gift.frequency,
        "designation": gift.designation,
        "campaign": gift.campaign,
        "donor_name": gift.donor_name,
        "donor_email": gift.donor_email,
        "dedication": gift.dedication,
        "bank_reference": gift.bank_reference,
        "transfer_date": str(gift.transfer_date or ""),
        "paid_at": "",
        "notes": "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_donate_page_shows_the_bank_details_and_links_the_transfer_form(client, donate_page):
    html = client.get(donate_page.url).content.decode()
    assert "PK00DEMO0000000000000000" in html
    assert "Raast ID" in html and "0300-0000000" in html
    assert f'href="{BANK_TRANSFER}"' in html
    form = client.get(BANK_TRANSFER).content.decode()
    assert "0300-0000000" in form and "PK00DEMO0000000000000000" in form


@pytest.mark.django_db
def test_a_told_transfer_is_a_pending_offline_gift_counted_nowhere_public(client, donate_page):
    before = donate_page.raised_so_far()
    response = client.post(BANK_TRANSFER, transfer_form())
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode()
    gift = Gift.objects.get()
    assert (gift.source, gift.status, gift.amount, gift.designation) == (
        "bank_transfer",
        "pending",
        Decimal("50000.00"),
        "zakat",
    )
    assert (gift.bank_reference, gift.donor_email, gift.receipt_number) == ("HBL-778812", "bilal@example.org", None)
    gift.campaign = donate_page.campaign_name
    gift.save()
    assert DonatePage.objects.get(pk=donate_page.pk).raised_so_far() == before
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"amount": "lots"}, "Enter an amount as a number"),
        ({"amount": "0"}, "Enter the amount you sent"),
        ({"amount": "1e12"}, "Enter the amount you sent"),
        ({"transfer_date": "2026-13-40"}, "year-month-day"),
        ({"transfer_date": str(timezone.localdate() + timedelta(days=3))}, "cannot be in the future"),
        ({"bank_reference": ""}, "This field is required"),
        ({"email": "bilal@"}, "valid email"),
        ({"currency": "JPY"}, "Select a valid choice"),
        ({"designation": "tithe"}, "Select a valid choice"),
        ({"website": "http://spam.example"}, "leave this field empty"),
    ],
)
def test_bad_transfer_details_come_back_explained(client, donate_page, overrides, message):
    response = client.post(BANK_TRANSFER, transfer_form(**overrides))
    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert 'role="alert"' in response.content.decode()
    assert not Gift.objects.exists()


@pytest.mark.django_db
def test_telling_transfers_is_rate_limited_like_the_donate_form(client, donate_page, settings, frozen_ratelimit_clock):
    settings.DONATE_RATE_LIMIT = 3
    codes = [client.post(BANK_TRANSFER, transfer_form()).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert Gift.objects.count() == 3


@pytest.mark.django_db
def test_finance_confirms_a_transfer_and_the_donor_gets_the_next_numbered_receipt(
    finance_client, client, django_capture_on_commit_callbacks
):
    client.post(BANK_TRANSFER, transfer_form())
    gift = Gift.objects.get()
    expected = ReceiptCounter.objects.get(pk=1).next_number
    with django_capture_on_commit_callbacks(execute=True):
        response = finance_client.post(f"/admin/gifts/edit/{gift.pk}/", edit_form(gift, status="paid"))
    assert response.status_code == 302, response.content.decode()[:3000]
    gift.refresh_from_db()
    assert (gift.status, gift.receipt_number) == ("paid", expected)
    assert gift.paid_at is not None
    [receipt] = mail.outbox
    assert receipt.to == ["bilal@example.org"]
    assert receipt.subject == f"Your receipt from SEHER (no. {expected})"
    assert "You gave this gift as Zakat." in receipt.body
    assert "Bank reference: HBL-778812" in receipt.body
    assert PartnerSettings.objects.get().name not in receipt.body  # a transfer comes to SEHER's own account
    assert "/en/gift/stop-emails/" in receipt.body

    # Saving it again sends nothing more and keeps its number.
    with django_capture_on_commit_callbacks(execute=True):
        finance_client.post(f"/admin/gifts/edit/{gift.pk}/", edit_form(gift, notes="matched"))
    gift.refresh_from_db()
    assert gift.receipt_number == expected
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_gift_finance_enters_as_paid_is_receipted_the_same_way(finance_client, django_capture_on_commit_callbacks):
    expected = ReceiptCounter.objects.get(pk=1).next_number
    new = Gift(source="cheque", status="paid", amount=Decimal(20000), currency="PKR", donor_email="c@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = finance_client.post("/admin/gifts/new/", edit_form(new, paid_at="2026-11-20 10:00"))
    assert response.status_code == 302, response.content.decode()[:3000]
    gift = Gift.objects.get(source="cheque")
    assert gift.receipt_number == expected
    assert [email.subject for email in mail.outbox] == [f"Your receipt from SEHER (no. {expected})"]


@pytest.mark.django_db
def test_finance_can_filter_and_export_by_designation_and_consent(finance_client, donate_page):
    Gift.objects.create(amount="100", currency="PKR", status="paid", designation="zakat", donor_email="z@x.org")
    Gift.objects.create(
        amount="200",
        currency="PKR",
        status="paid",
        designation="general",
        donor_email="g@x.org",
        updates_consent_at=timezone.now(),
        updates_consent_wording="Email me news",
    )
    listing = finance_client.get("/admin/gifts/", {"designation": "zakat"}).content.decode()
    assert "z@x.org" in listing and "g@x.org" not in listing
    export = finance_client.get("/admin/gifts/", {"export": "csv", "designation": "zakat"})
    text = b"".join(export.streaming_content).decode()
    assert "z@x.org" in text and "g@x.org" not in text
    header = text.splitlines()[0].lower()
    assert "designation" in header and "updates consent wording" in header
    everything = b"".join(finance_client.get("/admin/gifts/", {"export": "csv"}).streaming_content).decode()
    assert "Email me news" in everything


# The one receipt sequence, shared by card and offline gifts, under concurrent writers (PostgreSQL in CI).


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locking needs PostgreSQL; CI runs this there")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_offline_and_card_receipts_share_one_gap_free_sequence_under_concurrency(donate_page):
    start = ReceiptCounter.objects.get_or_create(pk=1)[0].next_number
    offline = [
        Gift.objects.create(source="bank_transfer", status="pending", amount="1000", currency="PKR") for _ in range(6)
    ]
    cards = [Gift.objects.create(amount="2500", currency="PKR") for _ in range(6)]
    errors = []
    barrier = threading.Barrier(12)

    def run(work):
        try:
            barrier.wait(timeout=30)
            work()
        except Exception as error:  # reported below: a thread's failure must fail the test
            errors.append(error)
        finally:
            connection.close()

    def confirm(gift):
        return lambda: confirm_offline_gift(gift.pk)

    def card_paid(gift):
        session = {"client_reference_id": str(gift.reference), "payment_status": "paid", "amount_total": 250000}

        def work():
            with transaction.atomic():
                webhooks.checkout_completed(session)

        return work

    threads = [threading.Thread(target=run, args=(confirm(gift),)) for gift in offline]
    threads += [threading.Thread(target=run, args=(card_paid(gift),)) for gift in cards]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    gifts = Gift.objects.filter(pk__in=[gift.pk for gift in offline + cards])
    numbers = sorted(gifts.values_list("receipt_number", flat=True))
    assert numbers == list(range(start, start + 12))  # every gift numbered, no gap, no repeat
    assert ReceiptCounter.objects.get(pk=1).next_number == start + 12
