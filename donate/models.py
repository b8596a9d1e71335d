import uuid

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Page, TranslatableMixin

from core.models import URDU_HELP, BasePage
from core.seo import donate_action
from pagecache.shown import never_shown

from .currencies import CURRENCY_CHOICES

FREQUENCY_CHOICES = [("once", _("Once")), ("monthly", _("Monthly"))]


class Designation(models.TextChoices):
    """What a gift is given as; Finance accounts for Zakat apart from other gifts."""

    GENERAL = "general", _("A general gift")
    ZAKAT = "zakat", _("Zakat")
    SADAQAH = "sadaqah", _("Sadaqah")


class DonatePage(BasePage):
    """The donate form. Works without JavaScript; payment happens on Stripe Checkout."""

    intro = models.TextField(help_text="Why to give, in two or three sentences.")
    default_currency = models.CharField(
        max_length=3, choices=CURRENCY_CHOICES, default="PKR", help_text="The currency the form starts with."
    )
    default_frequency = models.CharField(
        max_length=10,
        choices=FREQUENCY_CHOICES,
        default="once",
        help_text="Which choice, once or monthly, the form starts with.",
    )
    campaign_name = models.CharField(
        max_length=80, blank=True, help_text="Gifts made here are recorded under this campaign, e.g. 'Winter 2026'."
    )
    campaign_goal = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="Leave empty for no progress bar."
    )
    campaign_currency = models.CharField(
        max_length=3,
        choices=CURRENCY_CHOICES,
        default="PKR",
        help_text="The currency of the campaign goal; only gifts in it count towards the bar.",
    )
    thank_you_text = models.TextField(blank=True, help_text="Shown once a gift is confirmed.")
    designation_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="One sentence under the Zakat / Sadaqah / general choice, e.g. what Zakat pays for here.",
    )
    offer_monthly = models.BooleanField(
        default=False,
        help_text="After a donor picks a one-off amount, ask once whether they would give monthly instead.",
    )
    monthly_offer_text = models.CharField(
        max_length=300,
        blank=True,
        help_text=(
            "The one sentence that asks, with {amount} where the monthly amount goes, e.g. "
            "'Could you give {amount} every month instead? Regular gifts let the centres plan ahead.' "
            "The monthly amount is the monthly preset in the same place as the one-off amount chosen."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("default_currency"), FieldPanel("default_frequency")], "Form defaults"),
        InlinePanel("preset_amounts", label="Preset amounts (per currency and frequency)"),
        MultiFieldPanel([FieldPanel("offer_monthly"), FieldPanel("monthly_offer_text")], "Ask for a monthly gift"),
        FieldPanel("designation_text"),
        MultiFieldPanel(
            [FieldPanel("campaign_name"), FieldPanel("campaign_goal"), FieldPanel("campaign_currency")], "Campaign"
        ),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = ["home.HomePage"]

    def structured_data(self, request, context):
        return donate_action(request, self)

    subpage_types = []
    max_count_per_parent = 1

    def raised_so_far(self):
        if not self.campaign_name:
            return None
        total = Gift.objects.filter(
            campaign=self.campaign_name, currency=self.campaign_currency, status=Gift.Status.PAID
        ).aggregate(total=Sum("amount"))["total"]
        monthly = MonthlyPayment.objects.filter(
            gift__campaign=self.campaign_name, gift__currency=self.campaign_currency, status="paid"
        ).aggregate(total=Sum("amount"))["total"]
        return (total or 0) + (monthly or 0)

    def serve(self, request, *args, **kwargs):
        # Breaks the cycle donate.views -> donate.models.
        from .views import donate_page

        return donate_page(request, self)


class DonatePagePresetAmount(TranslatableMixin, Orderable):
    """One amount to tap, for one currency and frequency, with what it pays for (translated with the page)."""

    page = ParentalKey(DonatePage, on_delete=models.CASCADE, related_name="preset_amounts")
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, help_text="The currency this button is for.")
    frequency = models.CharField(
        max_length=10, choices=FREQUENCY_CHOICES, default="once", help_text="Shown for one-off or for monthly gifts."
    )
    amount = models.PositiveIntegerField(help_text="A whole amount, e.g. 2500.")
    description = models.CharField(
        max_length=120, blank=True, help_text="What this amount does, e.g. 'A week of meals at a centre'."
    )

    panels = [FieldPanel("currency"), FieldPanel("frequency"), FieldPanel("amount"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


@never_shown
class Gift(models.Model):
    """A gift: one-off, or a monthly pledge whose payments are MonthlyPayment rows."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        PAID = "paid", "Paid"
        FAILED = "failed", "Failed"
        REFUNDED = "refunded", "Refunded"
        CANCELLED = "cancelled", "Cancelled"
        EXPIRED = "expired", "Expired"

    class Source(models.TextChoices):
        STRIPE = "stripe", "Card (Stripe)"
        BANK_TRANSFER = "bank_transfer", "Bank transfer"
        CHEQUE = "cheque", "Cheque"
        CASH = "cash", "Cash"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
        help_text="Paid once the money has arrived; Stripe gifts move on their own.",
    )
    source = models.CharField(
        max_length=16, choices=Source.choices, default=Source.STRIPE, help_text="How the money came in."
    )
    amount = models.DecimalField(max_digits=12, decimal_places=2, help_text="In major units, e.g. 25.00.")
    fee_covered = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    amount_refunded = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    currency = models.CharField(max_length=3, choices=CURRENCY_CHOICES, help_text="The currency the donor gave in.")
    frequency = models.CharField(
        max_length=10,
        choices=FREQUENCY_CHOICES,
        default="once",
        help_text="A single gift, or one of a monthly series.",
    )
    campaign = models.CharField(
        max_length=80, blank=True, db_index=True, help_text="The campaign the gift counts towards, if any."
    )
    dedication = models.CharField(
        max_length=200, blank=True, help_text="In memory or in honour of, as the donor wrote it."
    )
    anonymous = models.BooleanField(default=False, help_text="Leave the donor's name off public acknowledgements.")
    donor_name = models.CharField(max_length=200, blank=True, help_text="As it should appear on the receipt.")
    donor_email = models.EmailField(
        blank=True, db_index=True, help_text="Where the receipt goes; seen only by Finance."
    )
    language = models.CharField(max_length=8, default="en")
    disputed = models.BooleanField(default=False)
    stripe_checkout_session_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_subscription_id = models.CharField(max_length=255, blank=True, db_index=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True, db_index=True)
    receipt_number = models.PositiveIntegerField(null=True, blank=True, unique=True)
    paid_at = models.DateTimeField(null=True, blank=True, help_text="When the money arrived.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    notes = models.TextField(blank=True, help_text="Finance notes, e.g. the bank reference of a transfer.")
    designation = models.CharField(
        max_length=10,
        choices=Designation.choices,
        default=Designation.GENERAL,
        db_index=True,
        help_text="Zakat and Sadaqah are accounted for apart from general gifts.",
    )
    bank_reference = models.CharField(
        max_length=100, blank=True, help_text="The reference the donor gave for a bank transfer."
    )
    transfer_date = models.DateField(null=True, blank=True, help_text="The day the donor says they sent it.")
    # Consent to news by email: when it was given, in the words shown, and when it was withdrawn.
    updates_consent_at = models.DateTimeField(null=True, blank=True, editable=False)
    updates_consent_wording = models.TextField(blank=True, editable=False)
    updates_withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "gift"

    def __str__(self):
        return f"{self.currency} {self.amount} {self.get_frequency_display().lower()} ({self.get_status_display()})"

    @property
    def total_charged(self):
        return self.amount + self.fee_covered

    @property
    def is_offline(self):
        return self.source != self.Source.STRIPE

    @property
    def wants_updates(self):
        return self.updates_consent_at is not None and self.updates_withdrawn_at is None

    def amount_history(self):
        """The donor's changes of a monthly amount, newest first, for Finance's view of the gift."""
        return ", ".join(f"{change.changed_at:%Y-%m-%d}: {change}" for change in self.amount_changes.all()) or "-"

    amount_history.short_description = "Amount changes"

    def mark_paid(self, amount_total=None, when=None):
        """Record payment; the amount comes from Stripe's object when there is one."""
        if self.status in (self.Status.REFUNDED, self.Status.CANCELLED) and self.paid_at:
            return False
        if amount_total is not None:
            self.amount = amount_total - self.fee_covered
        self.status = self.Status.PAID
        self.paid_at = self.paid_at or when or timezone.now()
        if self.receipt_number is None and self.frequency == "once":
            self.receipt_number = next_receipt_number()  # monthly gifts: one receipt per payment instead
        return True


@never_shown
class MonthlyPayment(models.Model):
    """One payment of a monthly gift, recorded once per Stripe invoice."""

    gift = models.ForeignKey(Gift, on_delete=models.CASCADE, related_name="payments")
    stripe_invoice_id = models.CharField(max_length=255, unique=True)
    # Learnt when a refund or dispute names it: Stripe's charges do not name their invoice.
    stripe_payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    amount_refunded = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    disputed = models.BooleanField(default=False)
    status = models.CharField(max_length=10, default="paid")  # paid, or refunded once fully refunded
    receipt_number = models.PositiveIntegerField(null=True, blank=True, unique=True)
    paid_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-paid_at"]

    def __str__(self):
        return f"{self.gift.currency} {self.amount} ({self.stripe_invoice_id})"


@never_shown
class AmountChange(models.Model):
    """A monthly donor changed the amount: the history Finance reads beside the payments."""

    gift = models.ForeignKey(Gift, on_delete=models.CASCADE, related_name="amount_changes")
    old_amount = models.DecimalField(max_digits=12, decimal_places=2)
    new_amount = models.DecimalField(max_digits=12, decimal_places=2)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self):
        return f"{self.gift.currency} {self.old_amount} -> {self.new_amount}"


@never_shown
class StripeEvent(models.Model):
    """Each processed Stripe event, stored in the same transaction as its effects."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.type} {self.event_id}"


@never_shown
class ReceiptCounter(models.Model):
    """One row: the next receipt number. Locked while a number is taken, so numbers never repeat or skip."""

    next_number = models.PositiveIntegerField(default=1)

    def __str__(self):
        return f"next receipt {self.next_number}"


@never_shown
class YearlyStatement(models.Model):
    """A donor's statement of one calendar year's gifts: one row per address and year, so it goes out once.

    The gifts themselves are not copied here: the statement is built from the gift records
    whenever it is sent or downloaded (donate/statements.py).
    """

    donor_email = models.EmailField(help_text="The donor's address, in lower case.")
    year = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True, help_text="When it last went out.")
    times_sent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-year", "donor_email"]
        constraints = [models.UniqueConstraint(fields=["donor_email", "year"], name="one_statement_per_donor_year")]

    def __str__(self):
        return f"{self.year} statement for {self.donor_email}"


def next_receipt_number():
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("receipt numbers are taken inside a transaction")
    counter, _ = ReceiptCounter.objects.select_for_update().get_or_create(pk=1)
    number = counter.next_number
    counter.next_number = number + 1
    counter.save(update_fields=["next_number"])
    return number


@register_setting(icon="doc-full")
class BankTransferSettings(BaseSiteSetting):
    """Bank details for donors in Pakistan who give by transfer; Finance records those gifts by hand."""

    account_title = models.CharField(
        max_length=120, blank=True, help_text="The name on the account, exactly as the bank has it."
    )
    bank_name = models.CharField(max_length=120, blank=True, help_text="The bank, e.g. 'Meezan Bank'.")
    account_number = models.CharField(max_length=60, blank=True, help_text="For transfers within Pakistan.")
    iban = models.CharField(max_length=40, blank=True, help_text="The IBAN (PK followed by 22 characters).")
    branch = models.CharField(max_length=120, blank=True, help_text="Branch name and code, if donors need them.")
    instructions = models.TextField(blank=True, help_text="e.g. 'Email us the transfer reference for a receipt.'")
    raast_id = models.CharField(
        max_length=40, blank=True, help_text="The Raast ID donors can send to instantly (a mobile number or alias)."
    )

    class Meta:
        verbose_name = "bank transfer details"


@register_setting(icon="site")
class PartnerSettings(BaseSiteSetting):
    """The partner entity whose Stripe account takes card gifts: named wherever a donor pays or is receipted."""

    name = models.CharField(max_length=120, blank=True, help_text="The partner's legal name.")
    country = models.CharField(max_length=80, blank=True, help_text="Where the partner is registered.")
    registration_number = models.CharField(
        max_length=80, blank=True, help_text="Its charity registration or tax number, as receipts should show it."
    )
    card_statement_name = models.CharField(
        max_length=40, blank=True, help_text="What donors see on their card statement, as Stripe prints it."
    )
    statement_descriptor_suffix = models.CharField(
        max_length=22,
        blank=True,
        help_text=(
            "Added by Stripe after the account's short name on one-off card gifts, e.g. 'SEHER'. Latin "
            "letters and digits, at least one letter, none of < > \\ ' \" *; at most 22 characters "
            "with the short name."
        ),
    )
    tax_note = models.TextField(
        blank=True, help_text="One sentence on tax deductibility, e.g. 'Gifts are tax-deductible in the UK.'"
    )
    tax_note_ur = models.TextField(blank=True, help_text=URDU_HELP)

    class Meta:
        verbose_name = "partner taking card gifts"

    def clean(self):
        suffix = self.statement_descriptor_suffix
        if suffix and (
            not suffix.isascii() or not any(c.isalpha() for c in suffix) or any(c in "<>\\'\"*" for c in suffix)
        ):
            raise ValidationError(
                {"statement_descriptor_suffix": "Use Latin letters and digits, at least one letter, no < > \\ ' \" *."}
            )

    def tax_note_for(self, language):
        return (self.tax_note_ur if language == "ur" else "") or self.tax_note
