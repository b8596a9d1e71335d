"""Overhead of the donate POST (validation, saving the gift, building the Checkout call), without Stripe.

Runs in one process on a throwaway SQLite database: times N renders of the donate
page, N donate POSTs against the Stripe double on loopback, and N bare SDK calls to
the double, then reports (POST - SDK call) / page render as a ratio.
Usage: .venv/bin/python scripts/measure_donate_post.py [N]
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/measure.sqlite3"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from donate.models import DonatePage  # noqa: E402
from donate.stripe_api import get_client  # noqa: E402
from donate.stripe_double import StripeDouble, serve_in_thread  # noqa: E402


def timed(action, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    double = StripeDouble(settings.STRIPE_WEBHOOK_SECRET)
    server, base = serve_in_thread(double)
    settings.STRIPE_API_BASE = base
    settings.DONATE_RATE_LIMIT = 10**9
    page = DonatePage.objects.get(locale__language_code="en")
    client = Client()
    form = {"amount": "2500", "currency": "PKR", "frequency": "once", "website": ""}
    params = {
        "mode": "payment",
        "line_items": [
            {"price_data": {"currency": "pkr", "unit_amount": 250000, "product_data": {"name": "x"}}, "quantity": 1}
        ],
        "success_url": "http://x/",
        "cancel_url": "http://x/",
    }
    stripe_client = get_client()
    for _ in range(10):  # warm up templates, renditions, connections
        client.get(page.url)
        client.post(page.url, form)
    render = timed(lambda: client.get(page.url), repeat)
    post = timed(lambda: client.post(page.url, form), repeat)
    sdk = timed(lambda: stripe_client.v1.checkout.sessions.create(params=params), repeat)
    server.shutdown()
    overhead = post - sdk
    print(
        f"median over {repeat} runs: page render {render * 1000:.1f} ms, donate POST {post * 1000:.1f} ms, "
        f"SDK call to the double {sdk * 1000:.1f} ms"
    )
    print(f"donate POST without Stripe: {overhead * 1000:.1f} ms = {overhead / render:.2f} x a plain page render")


if __name__ == "__main__":
    main()
