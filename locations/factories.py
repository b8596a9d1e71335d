from decimal import Decimal

import factory
import wagtail_factories

from .models import CentreIndexPage, CentrePage


class CentreIndexPageFactory(wagtail_factories.PageFactory):
    title = "Where We Work"
    slug = "where-we-work"

    class Meta:
        model = CentreIndexPage


class CentrePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Centre {n}")
    city = factory.Sequence(lambda n: f"City {n}")
    province = "Balochistan"
    latitude = Decimal("30.18")
    longitude = Decimal("66.99")

    class Meta:
        model = CentrePage
