"""Factories for the home app's pages, shared by the tests and by `seed_demo`."""

import factory
import wagtail_factories

from .models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = factory.Sequence(lambda n: f"home-{n}")
    hero_heading = "Protecting children on the move"
    hero_text = "Care, legal help and a way home for trafficked children."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    intro = "An introduction."

    class Meta:
        model = StandardPage
