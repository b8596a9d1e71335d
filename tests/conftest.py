import pytest
from django.core.management import call_command

from donate.stripe_double import StripeDouble, serve_in_thread


@pytest.fixture
def demo_site(db):
    """The full demo site, as `make run` builds it."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(demo_site):
    return demo_site.root_page.specific


@pytest.fixture
def stripe_double(settings):
    """The Stripe double on a free loopback port; the site's StripeClient talks to it over HTTP."""
    double = StripeDouble(webhook_secret=settings.STRIPE_WEBHOOK_SECRET)
    server, base = serve_in_thread(double)
    settings.STRIPE_API_BASE = base
    yield double
    server.shutdown()
    server.server_close()


@pytest.fixture
def donate_page(demo_site):
    from donate.models import DonatePage, Donation

    Donation.objects.all().delete()  # start each test without the demo gifts
    return DonatePage.objects.get(locale__language_code="en")
