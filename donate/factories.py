import factory
import wagtail_factories

from .models import DonatePage


class DonatePageFactory(wagtail_factories.PageFactory):
    title = "Donate"
    slug = "donate"
    intro = "Your gift pays for care, legal help and the journey home."

    class Meta:
        model = DonatePage


class GiftFactory(factory.django.DjangoModelFactory):
    amount = "2500.00"
    currency = "PKR"
    frequency = "once"

    class Meta:
        model = "donate.Gift"
