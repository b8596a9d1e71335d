"""Only Finance, through its own form with its CSRF token, can confirm an offline gift and issue its receipt.

The attack: someone tells us of a transfer they never made, then tries to have it
confirmed (and a numbered receipt sent, which is a tax document) by posting to the
gift admin: with no session, as an editor, or from another site riding Finance's session.
"""

import pytest
from django.core import mail
from django.test import Client

from donate.models import Gift, ReceiptCounter
from tests.staff_helpers import log_in, make_staff, totp_code

SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def confirm_form(gift):
    return {
        "source": "bank_transfer",
        "status": "paid",
        "amount": str(gift.amount),
        "currency": "PKR",
        "frequency": "once",
        "designation": "general",
        "campaign": "",
        "donor_name": "",
        "donor_email": gift.donor_email,
        "dedication": "",
        "bank_reference": "FAKE-1",
        "transfer_date": "",
        "paid_at": "",
        "notes": "",
    }


@pytest.fixture
def told_transfer(donate_page):
    return Gift.objects.create(
        source="bank_transfer", status="pending", amount="900000", currency="PKR", donor_email="forger@example.org"
    )


def assert_unconfirmed(gift, counter_before):
    gift.refresh_from_db()
    assert (gift.status, gift.receipt_number, gift.paid_at) == ("pending", None, None)
    assert ReceiptCounter.objects.get(pk=1).next_number == counter_before
    assert mail.outbox == []


def editor_client():
    make_staff("editor", group="Editors", secret=SECRET)
    editor = Client()
    log_in(editor, "editor", totp_code(SECRET))
    return editor


@pytest.mark.django_db
@pytest.mark.parametrize("who", [Client, editor_client], ids=["anonymous", "editor"])
def test_only_finance_can_confirm(told_transfer, django_capture_on_commit_callbacks, who):
    before = ReceiptCounter.objects.get(pk=1).next_number
    with django_capture_on_commit_callbacks(execute=True):
        response = who().post(f"/admin/gifts/edit/{told_transfer.pk}/", confirm_form(told_transfer))
    assert response.status_code in (302, 403)
    assert_unconfirmed(told_transfer, before)


@pytest.mark.django_db
def test_a_cross_site_post_riding_finances_session_cannot_confirm(told_transfer, django_capture_on_commit_callbacks):
    make_staff("finance", group="Finance", secret=SECRET)
    logged_in = Client()
    log_in(logged_in, "finance", totp_code(SECRET))
    finance = Client(enforce_csrf_checks=True)  # another site's form, posted by Finance's browser
    finance.cookies = logged_in.cookies
    assert finance.get("/admin/gifts/").status_code == 200  # the session is real and logged in
    before = ReceiptCounter.objects.get(pk=1).next_number
    with django_capture_on_commit_callbacks(execute=True):
        response = finance.post(f"/admin/gifts/edit/{told_transfer.pk}/", confirm_form(told_transfer))
    assert response.status_code == 403
    assert_unconfirmed(told_transfer, before)


@pytest.mark.django_db
def test_the_public_transfer_form_cannot_create_a_paid_gift(client, donate_page):
    """Fields the form does not have are ignored: a told transfer is always pending and unnumbered."""
    client.post(
        "/en/gift/bank-transfer/",
        {
            "amount": "100",
            "currency": "PKR",
            "transfer_date": "2026-01-01",
            "bank_reference": "X",
            "email": "a@example.org",
            "status": "paid",
            "receipt_number": "1",
            "source": "cash",
        },
    )
    gift = Gift.objects.get()
    assert (gift.status, gift.source, gift.receipt_number) == ("pending", "bank_transfer", None)
