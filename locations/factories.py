from decimal import Decimal

import factory

from core.factories import page_factory

from .models import CentreIndexPage, CentrePage

CentreIndexPageFactory = page_factory(CentreIndexPage, title="Where We Work", slug="where-we-work")
CentrePageFactory = page_factory(
    CentrePage,
    title=factory.Sequence(lambda n: f"Centre {n}"),
    city=factory.Sequence(lambda n: f"City {n}"),
    province="Balochistan",
    latitude=Decimal("30.18"),
    longitude=Decimal("66.99"),
)
