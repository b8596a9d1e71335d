"""Starting or paying a gift does not empty the page cache; only published changes do.

The attack: every POST to the donate form saved a pending gift, and any saved model
in the donate app bumped the page cache's generation, so every cached page on every
server was thrown away. Ten POSTs a minute per address (the form's limit), from a few
addresses, keep the whole site rendering every page afresh: a cheap denial of service
that also hides how much the cache normally absorbs.

Failed on main before the fix: after the POST the home page was a miss again.
"""

import pytest
from django.test import Client

from donate.models import Gift
from tests.donate_helpers import give


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_LOCAL_SECONDS = 0  # ask the shared cache each time, as another server would


@pytest.mark.django_db
def test_a_donate_post_leaves_cached_pages_cached(home_page, donate_page, stripe_double):
    reader = Client()
    reader.get(home_page.url)
    assert reader.get(home_page.url)["X-Page-Cache"] == "hit"

    give(Client(), donate_page, amount="2500")
    assert Gift.objects.get().status == "pending"

    assert reader.get(home_page.url)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_a_confirmed_gift_leaves_cached_pages_cached_too(home_page, donate_page, stripe_double):
    """Paid gifts change only the campaign figures, which a cached page fills in live."""
    reader = Client()
    give(Client(), donate_page, amount="2500")
    reader.get(home_page.url)
    gift = Gift.objects.get()
    gift.status = Gift.Status.PAID  # what the webhook does
    gift.save()
    assert reader.get(home_page.url)["X-Page-Cache"] == "hit"
