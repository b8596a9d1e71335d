"""Currencies we accept, their limits, and conversion to Stripe's minor units."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Currency:
    code: str
    symbol: str
    minimum: Decimal
    maximum: Decimal
    presets: tuple[int, ...]
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


CURRENCIES = {
    currency.code: currency
    for currency in (
        Currency(
            "PKR", "Rs", Decimal("500"), Decimal("2000000"), (1000, 2500, 5000, 10000), Decimal("3.9"), Decimal("90")
        ),
        Currency("USD", "$", Decimal("5"), Decimal("10000"), (10, 25, 50, 100), Decimal("2.9"), Decimal("0.30")),
        Currency("GBP", "£", Decimal("5"), Decimal("10000"), (10, 25, 50, 100), Decimal("2.5"), Decimal("0.20")),
        Currency("EUR", "€", Decimal("5"), Decimal("10000"), (10, 25, 50, 100), Decimal("2.5"), Decimal("0.25")),
    )
}
CURRENCY_CHOICES = [(code, code) for code in CURRENCIES]
