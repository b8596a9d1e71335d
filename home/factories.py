"""Factories for the home app's pages, shared by the tests and by `seed_demo`."""

import factory

from core.factories import page_factory

from .models import HomePage, StandardPage

HomePageFactory = page_factory(
    HomePage,
    title="Home",
    slug=factory.Sequence(lambda n: f"home-{n}"),
    hero_heading="Protecting children on the move",
    hero_text="Care, legal help and a way home for trafficked children.",
)
StandardPageFactory = page_factory(
    StandardPage, title=factory.Sequence(lambda n: f"Page {n}"), intro="An introduction."
)
