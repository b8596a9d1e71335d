"""The Stripe double on a loopback port, and a donate page to post to."""

import re

import pytest

from donate.stripe_double import StripeDouble, serve_in_thread


@pytest.fixture
def stripe_double(settings):
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


def gift_form(**overrides):
    data = {"amount": "2500", "currency": "PKR", "frequency": "once", "dedication": "", "website": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def session_id_from(response):
    return re.search(r"/checkout/(cs_test_\w+)", response["Location"]).group(1)
