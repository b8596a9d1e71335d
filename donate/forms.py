from decimal import Decimal, InvalidOperation

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .currencies import CURRENCIES, CURRENCY_CHOICES
from .models import FREQUENCY_CHOICES, Designation, Gift
from .offline import receipt_if_newly_paid

# Django's own words, in our catalog too so the Urdu reads the way the rest of the site does.
REQUIRED = {"required": _("This field is required.")}


OTHER = "other"
# The words beside the email opt-in; stored with each consent, exactly as shown.
UPDATES_WORDING = _("Email me news of SEHER's work now and then. I can stop this at any time.")


def read_amount(raw):
    """A Decimal from what was typed ("2,500", " 25.50 "), or None when it is no number at all."""
    try:
        return Decimal((raw or "").strip().replace(",", ""))
    except InvalidOperation:
        return None


def amount_problem(currency, amount):
    """Why an amount cannot be given online in this currency, or "" when it can."""
    if not amount.is_finite() or amount.as_tuple().exponent < -currency.decimals:
        return _("Use at most two decimal places.")
    if amount < currency.minimum:
        return _("The smallest gift we can take online is %(amount)s.") % {"amount": currency.format(currency.minimum)}
    if amount > currency.maximum:
        return _("For gifts above %(amount)s, please contact us or give by bank transfer.") % {
            "amount": currency.format(currency.maximum)
        }
    return ""


class HoneypotAndDesignationMixin:
    """A field bots fill and people leave empty, and the optional Zakat / Sadaqah / general choice."""

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""

    def clean_designation(self):
        return self.cleaned_data.get("designation") or Designation.GENERAL


class DonateForm(HoneypotAndDesignationMixin, forms.Form):
    """Currency first, then an amount to tap (or another amount), how often, and what the gift is."""

    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    frequency = forms.ChoiceField(label=_("How often"), choices=FREQUENCY_CHOICES, widget=forms.RadioSelect)
    # A preset's amount, or "other" for the box below; without one, the box is read (older links, scripts).
    preset = forms.CharField(label=_("Amount"), max_length=20, required=False)
    amount = forms.CharField(label=_("Other amount"), max_length=20, required=False)
    designation = forms.ChoiceField(
        label=_("This gift is"),
        choices=Designation.choices,
        initial=Designation.GENERAL,
        required=False,
        widget=forms.RadioSelect,
    )
    dedication = forms.CharField(
        label=_("In honour or memory of (optional)"), max_length=200, required=False, strip=True
    )
    anonymous = forms.BooleanField(label=_("Leave my name off public acknowledgements"), required=False)
    cover_fees = forms.BooleanField(label=_("Add an amount to cover card processing fees"), required=False)
    updates = forms.BooleanField(label=UPDATES_WORDING, required=False)
    # Left empty by people; filled in by bots that fill every field.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean(self):
        cleaned = super().clean()
        currency = CURRENCIES.get(cleaned.get("currency", ""))
        if currency is None:
            return cleaned
        preset = (self.data.get("preset") or "").strip()
        typed = (self.data.get("amount") or "").strip()
        if preset and preset != OTHER:
            if typed and read_amount(typed) != read_amount(preset):
                self.add_error(
                    "amount", _("Choose one of the amounts, or Other amount, not both (or clear this box).")
                )
                return cleaned
            raw = preset
        else:
            raw = typed
        if not raw:
            self.add_error("amount", _("Choose an amount, or type one in Other amount."))
            return cleaned
        amount = read_amount(raw)
        if amount is None:
            self.add_error("amount", _("Enter an amount as a number, for example 25 or 25.50."))
            return cleaned
        if problem := amount_problem(currency, amount):
            self.add_error("amount", problem)
        else:
            cleaned["amount"] = amount.quantize(Decimal("0.01"))
            cleaned["fee"] = currency.estimated_fee(amount) if cleaned.get("cover_fees") else Decimal("0.00")
        return cleaned


class ManageGiftForm(forms.Form):
    """Ask for a link to manage a monthly gift."""

    email = forms.EmailField(
        label=_("The email address you gave with"),
        max_length=254,
        error_messages={**REQUIRED, "invalid": _("Enter a valid email address.")},
    )


class ChangeAmountForm(forms.Form):
    """A monthly donor's new amount, in the gift's currency, within the donate form's limits."""

    amount = forms.CharField(
        label=_("New monthly amount"),
        max_length=20,
        error_messages=REQUIRED,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def __init__(self, *args, currency, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["amount"].label = _("New monthly amount, in %(currency)s") % {"currency": currency.code}

    def clean_amount(self):
        amount = read_amount(self.cleaned_data["amount"])
        if amount is None:
            raise forms.ValidationError(_("Enter an amount as a number, for example 25 or 25.50."))
        if problem := amount_problem(self.currency, amount):
            raise forms.ValidationError(problem)
        return amount.quantize(Decimal("0.01"))


class GiftRecordForm(forms.ModelForm):
    """Finance's form for gift records: offline gifts are theirs; a card gift's facts are Stripe's.

    On a gift that came through Stripe, what Stripe confirmed (amount, currency,
    status, how and when it was paid) is shown but disabled: a disabled field ignores
    whatever is posted, so only the webhooks change it. A new gift is always an
    offline one (bank transfer, cheque, cash).
    """

    STRIPE_OWNED = ("source", "status", "amount", "currency", "frequency", "paid_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "designation" in self.fields:
            self.fields["designation"].required = False
        if self.instance.pk and self.instance.source == Gift.Source.STRIPE:
            for name in self.STRIPE_OWNED:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = "Set by Stripe; only Stripe's confirmations change it."
        elif "source" in self.fields:
            self.fields["source"].choices = [
                (value, label) for value, label in self.fields["source"].choices if value != Gift.Source.STRIPE
            ]

    def clean_designation(self):
        # Optional, as on the donate form: records saved before it existed post none.
        return self.cleaned_data.get("designation") or Designation.GENERAL

    def save(self, commit=True):
        """An offline gift saved as paid (entered so, or confirmed against the bank statement) is receipted."""
        with transaction.atomic():
            gift = super().save(commit=commit)
            if commit:
                receipt_if_newly_paid(gift)
        return gift


class BankTransferForm(HoneypotAndDesignationMixin, forms.Form):
    """A donor tells Finance about a transfer they made, so it can be matched and receipted."""

    amount = forms.CharField(label=_("Amount sent"), max_length=20, error_messages=REQUIRED)
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES, initial="PKR")
    transfer_date = forms.DateField(
        label=_("Date of the transfer"),
        error_messages={**REQUIRED, "invalid": _("Enter the date as year-month-day, e.g. 2026-11-20.")},
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    bank_reference = forms.CharField(
        label=_("The bank's reference for the transfer"), max_length=100, error_messages=REQUIRED
    )
    email = forms.EmailField(
        label=_("Your email address, for the receipt"),
        max_length=254,
        error_messages={**REQUIRED, "invalid": _("Enter a valid email address.")},
    )
    name = forms.CharField(
        label=_("Your name, as the receipt should show it (optional)"), max_length=200, required=False
    )
    designation = DonateForm.base_fields["designation"]
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    # Far above any real gift: a mistyped amount is caught here, not in Finance's totals.
    MAXIMUM = Decimal("100000000")

    def clean_amount(self):
        amount = read_amount(self.cleaned_data["amount"])
        if amount is None or not amount.is_finite() or amount.as_tuple().exponent < -2:
            raise forms.ValidationError(_("Enter an amount as a number, for example 25 or 25.50."))
        if amount <= 0 or amount > self.MAXIMUM:
            raise forms.ValidationError(_("Enter the amount you sent."))
        return amount.quantize(Decimal("0.01"))

    def clean_transfer_date(self):
        day = self.cleaned_data["transfer_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date of the transfer cannot be in the future."))
        return day
