import factory

from core.factories import page_factory

from .models import DonatePage

DonatePageFactory = page_factory(
    DonatePage, title="Donate", slug="donate", intro="Your gift pays for care, legal help and the journey home."
)


class GiftFactory(factory.django.DjangoModelFactory):
    amount = "2500.00"
    currency = "PKR"
    frequency = "once"

    class Meta:
        model = "donate.Gift"
