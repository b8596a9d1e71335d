"""Finance may correct offline gifts, but only Stripe's webhooks change what Stripe confirmed.

The attack (or the slip): a Finance account, taken over or careless, edits a card gift
that Stripe confirmed: raises its amount, marks a refunded gift paid, or turns it into
a 'bank transfer' first so it can then be changed at will. The records Finance
reconciles against Stripe and the campaign totals the public sees would then lie.

Failed on main before the fix: the POST saved amount 99999, status 'paid' and source
'cash' on the Stripe gift, and a new gift could be created as a 'Card (Stripe)' gift.
"""

from decimal import Decimal

import pytest

from donate.models import AmountChange, Gift


def edit_form(**changes):
    data = {
        "source": "stripe",
        "status": "paid",
        "amount": "2500.00",
        "currency": "PKR",
        "frequency": "once",
        "campaign": "",
        "donor_name": "Amina",
        "donor_email": "amina@example.org",
        "dedication": "",
        "paid_at": "2026-11-20 10:00",
        "notes": "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_finance_cannot_change_what_stripe_confirmed(finance):
    _, finance = finance
    gift = Gift.objects.create(
        source="stripe",
        status="refunded",
        amount="2500",
        currency="PKR",
        donor_name="Amina",
        donor_email="amina@example.org",
        stripe_checkout_session_id="cs_test_1",
        stripe_payment_intent_id="pi_test_1",
    )
    response = finance.post(
        f"/admin/gifts/edit/{gift.pk}/",
        edit_form(amount="99999", currency="USD", status="paid", source="cash", notes="Donor called to correct"),
    )
    assert response.status_code in (200, 302)
    gift.refresh_from_db()
    assert (gift.amount, gift.currency, gift.status, gift.source) == (Decimal("2500.00"), "PKR", "refunded", "stripe")
    assert gift.notes == "Donor called to correct"  # what Finance may edit is still saved


@pytest.mark.django_db
def test_finance_can_still_edit_an_offline_gift_and_cannot_create_a_stripe_one(finance):
    _, finance = finance
    gift = Gift.objects.create(source="bank_transfer", status="pending", amount="1000", currency="PKR")
    response = finance.post(
        f"/admin/gifts/edit/{gift.pk}/",
        edit_form(source="bank_transfer", amount="1200", status="paid", notes="HBL ref 99"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    gift.refresh_from_db()
    assert (gift.amount, gift.status, gift.notes) == (Decimal("1200.00"), "paid", "HBL ref 99")

    before = Gift.objects.count()
    forged = finance.post("/admin/gifts/new/", edit_form(source="stripe"))
    assert forged.status_code == 200  # the form comes back with an error
    assert Gift.objects.count() == before


@pytest.mark.django_db
def test_finance_sees_a_monthly_gifts_amount_changes(finance):
    _, finance = finance
    gift = Gift.objects.create(amount="1500", currency="PKR", frequency="monthly", status="paid")
    AmountChange.objects.create(gift=gift, old_amount="1000", new_amount="1500", changed_at="2026-11-20T10:00Z")
    page = finance.get(f"/admin/gifts/inspect/{gift.pk}/").content.decode()
    assert "Amount changes" in page
    assert "2026-11-20: PKR 1000.00 -&gt; 1500.00" in page
