"""Currencies we accept, their limits, and conversion to Stripe's minor units."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Currency:
    code: str
    symbol: str
    minimum: Decimal
    maximum: Decimal
    presets: tuple[int, ...]  # one-off amounts a page without its own presets offers
    monthly_presets: tuple[int, ...]
    # Estimated card processing fee, for donors who choose to cover it: percent plus a fixed part.
    fee_percent: Decimal
    fee_fixed: Decimal
    decimals: int = 2  # Stripe counts all four currencies in hundredths

    def to_minor_units(self, amount):
        return int((amount * (10**self.decimals)).to_integral_value(rounding=ROUND_HALF_UP))

    def from_minor_units(self, value):
        return (Decimal(value) / (10**self.decimals)).quantize(Decimal(1).scaleb(-self.decimals))

    def estimated_fee(self, amount):
        fee = amount * self.fee_percent / 100 + self.fee_fixed
        return fee.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    def format(self, amount):
        """The amount for a reader, in the active language: "Rs 5,000" in English, "5,000 روپے" in Urdu.

        Whole amounts lose their decimals; numbers are grouped in thousands, and digits stay 0-9
        in Urdu too, as Pakistani bank statements and Stripe's receipts print them.
        """
        amount = Decimal(amount)
        places = 0 if amount == amount.to_integral_value() else self.decimals
        number = number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
        return str(PATTERNS[self.code]) % {"amount": number}


CURRENCIES = {
    code: Currency(code, symbol, Decimal(least), Decimal(most), once, monthly, Decimal(percent), Decimal(fixed))
    for code, symbol, least, most, once, monthly, percent, fixed in [
        # code, symbol, smallest and largest gift, one-off and monthly presets, card fee: percent + fixed
        ("PKR", "Rs", "500", "2000000", (1000, 2500, 5000, 10000), (500, 1000, 2500, 5000), "3.9", "90"),
        ("USD", "$", "5", "10000", (10, 25, 50, 100), (5, 10, 20, 35), "2.9", "0.30"),
        ("GBP", "£", "5", "10000", (10, 25, 50, 100), (5, 10, 20, 35), "2.5", "0.20"),
        ("EUR", "€", "5", "10000", (10, 25, 50, 100), (5, 10, 20, 35), "2.5", "0.25"),
    ]
}
CURRENCY_CHOICES = [(code, code) for code in CURRENCIES]

# How each currency writes an amount, per language (the Urdu catalog puts the unit after the number).
PATTERNS = {
    "PKR": pgettext_lazy("amount in Pakistani rupees", "Rs %(amount)s"),
    "USD": pgettext_lazy("amount in US dollars", "US$%(amount)s"),
    "GBP": pgettext_lazy("amount in pounds sterling", "£%(amount)s"),
    "EUR": pgettext_lazy("amount in euros", "€%(amount)s"),
}


def format_money(amount, code):
    """`amount` in currency `code` as the active language writes it; an unknown code goes before the number."""
    currency = CURRENCIES.get(code)
    if currency is None:
        return f"{code} {number_format(amount, use_l10n=True, force_grouping=True)}"
    return currency.format(amount)
