"""Demo content: the donate page, bank transfer details and a few gifts of each kind."""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.demo import ensure_child

from .factories import DonatePageFactory, GiftFactory
from .models import (
    BankTransferSettings,
    DonatePagePresetAmount,
    Gift,
    MonthlyPayment,
    PartnerSettings,
    next_receipt_number,
)

CAMPAIGN = "Winter 2026"
# (currency, frequency, amount, what it does): what the demo donate page offers to tap.
PRESETS = [
    ("PKR", "once", 1000, "Hot meals for a child for three days"),
    ("PKR", "once", 2500, "A week of meals at a centre"),
    ("PKR", "once", 5000, "A counsellor's session with a child"),
    ("PKR", "once", 10000, "A child's journey home with an escort"),
    ("PKR", "monthly", 500, "A warm blanket each month"),
    ("PKR", "monthly", 1000, "A week of meals, every month"),
    ("PKR", "monthly", 2500, "A lawyer's hour, every month"),
    ("PKR", "monthly", 5000, "A counsellor's week, every month"),
    ("USD", "once", 10, "A week of meals at a centre"),
    ("USD", "once", 25, "A counsellor's session with a child"),
    ("USD", "once", 50, "A child's journey home with an escort"),
    ("USD", "once", 100, "A month of legal help for one child"),
    ("USD", "monthly", 5, "A week of meals, every month"),
    ("USD", "monthly", 10, "A counsellor's session, every month"),
    ("USD", "monthly", 20, "A journey home, every month"),
    ("USD", "monthly", 35, "Legal help for a child, every month"),
]


def seed(demo):
    page = ensure_child(
        demo.home,
        DonatePageFactory,
        "donate",
        title="Donate",
        show_in_menus=True,
        search_description="Give once or monthly to help trafficked children in Balochistan get home safely.",
        intro=(
            "Every gift pays for a child's meals, a lawyer's time, counselling and the journey home. Give once, or "
            "every month so the centres can plan ahead."
        ),
        campaign_name=CAMPAIGN,
        campaign_goal=Decimal("1500000"),
        campaign_currency="PKR",
    )
    if not page.preset_amounts.exists():
        for order, (currency, frequency, amount, description) in enumerate(PRESETS):
            DonatePagePresetAmount.objects.create(
                page=page,
                currency=currency,
                frequency=frequency,
                amount=amount,
                description=description,
                sort_order=order,
            )
    if not page.designation_text:
        page.designation_text = (
            "Zakat is kept apart and spent only on the children in our centres: their food, care and journey home."
        )
        page.monthly_offer_text = (
            "Could you give {amount} every month instead? Regular gifts let the centres plan ahead."
        )
        page.save_revision().publish()
    if demo.home.donate_page_id != page.pk:
        demo.home.donate_page = page
        demo.home.save_revision().publish()
    demo.donate_page = page

    fill_in_once(
        PartnerSettings.for_site(demo.site),
        name="SEHER Partner Trust (demo)",
        country="the United Kingdom",
        registration_number="Charity 0000000",
        card_statement_name="SEHERPARTNER* SEHER",
        statement_descriptor_suffix="SEHER",
        tax_note="Gifts from UK taxpayers can be claimed under Gift Aid.",
    )
    fill_in_once(
        BankTransferSettings.for_site(demo.site),
        account_number="0000-0000000-00",
        account_title="SEHER (demo account)",
        bank_name="Demo Bank Limited",
        branch="Jinnah Road, Quetta",
        iban="PK00DEMO0000000000000000",
        instructions="Please email us the transfer reference so we can send a receipt.",
        raast_id="0300-0000000",
    )

    if Gift.objects.exists():
        return
    now = timezone.now()
    with transaction.atomic():
        for days, amount, currency, source in [
            (3, "5000.00", "PKR", "stripe"),
            (12, "25.00", "USD", "stripe"),
            (20, "100000.00", "PKR", "bank_transfer"),
            (40, "2500.00", "PKR", "stripe"),
            (70, "50.00", "GBP", "stripe"),
        ]:
            GiftFactory(
                amount=amount,
                currency=currency,
                source=source,
                status="paid",
                campaign=CAMPAIGN,
                donor_email=f"donor{days}@example.org",
                paid_at=now - timedelta(days=days),
                receipt_number=next_receipt_number(),
            )
        monthly = GiftFactory(
            amount="1000.00",
            frequency="monthly",
            status="paid",
            campaign=CAMPAIGN,
            donor_email="monthly@example.org",
            stripe_subscription_id="sub_demo_1",
            paid_at=now - timedelta(days=60),
            receipt_number=next_receipt_number(),
        )
        for month in range(3):
            MonthlyPayment.objects.create(
                gift=monthly,
                stripe_invoice_id=f"in_demo_{month}",
                amount=Decimal("1000.00"),
                receipt_number=next_receipt_number(),
                paid_at=now - timedelta(days=60 - 30 * month),
            )
        GiftFactory(amount="3000.00", status="pending", campaign=CAMPAIGN)


def fill_in_once(setting, **values):
    """Give a site setting the demo's values, unless its first field is already filled in (by an editor)."""
    if getattr(setting, next(iter(values))):
        return
    for name, value in values.items():
        setattr(setting, name, value)
    setting.save()
