from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from .currencies import CURRENCIES, CURRENCY_CHOICES
from .models import FREQUENCY_CHOICES, Donation

# Django's own words, in our catalog too so the Urdu reads the way the rest of the site does.
REQUIRED = {"required": _("This field is required.")}


class DonateForm(forms.Form):
    amount = forms.CharField(label=_("Amount"), max_length=20, error_messages=REQUIRED)
    currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES)
    frequency = forms.ChoiceField(label=_("How often"), choices=FREQUENCY_CHOICES, widget=forms.RadioSelect)
    dedication = forms.CharField(
        label=_("In honour or memory of (optional)"), max_length=200, required=False, strip=True
    )
    anonymous = forms.BooleanField(label=_("Leave my name off public acknowledgements"), required=False)
    cover_fees = forms.BooleanField(label=_("Add an amount to cover card processing fees"), required=False)
    # Left empty by people; filled in by bots that fill every field.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Please leave this field empty."))
        return ""

    def clean(self):
        cleaned = super().clean()
        raw = (self.data.get("amount") or "").strip().replace(",", "")
        currency = CURRENCIES.get(cleaned.get("currency", ""))
        if currency is None:
            return cleaned
        try:
            amount = Decimal(raw)
        except InvalidOperation:
            self.add_error("amount", _("Enter an amount as a number, for example 25 or 25.50."))
            return cleaned
        if not amount.is_finite() or amount.as_tuple().exponent < -currency.decimals:
            self.add_error("amount", _("Use at most two decimal places."))
        elif amount < currency.minimum:
            self.add_error(
                "amount",
                _("The smallest gift we can take online is %(amount)s.")
                % {"amount": currency.format(currency.minimum)},
            )
        elif amount > currency.maximum:
            self.add_error(
                "amount",
                _("For gifts above %(amount)s, please contact us or give by bank transfer.")
                % {"amount": currency.format(currency.maximum)},
            )
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
        if self.instance.pk and self.instance.source == Donation.Source.STRIPE:
            for name in self.STRIPE_OWNED:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = "Set by Stripe; only Stripe's confirmations change it."
        elif "source" in self.fields:
            self.fields["source"].choices = [
                (value, label) for value, label in self.fields["source"].choices if value != Donation.Source.STRIPE
            ]
