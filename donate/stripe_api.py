"""The one place the site talks to Stripe: a StripeClient built from settings."""

import stripe
from django.conf import settings

# Seconds to wait for an answer from Stripe. With the one retry below a donor waits at
# most about twice this before seeing "please try again", well inside gunicorn's 30-second
# worker timeout (past which the proxy's bare error page would show instead of ours).
TIMEOUT = 10


def get_client(request=None):
    """A client for Stripe's API; the double mounted in the site (development) is at the site's own address.

    Without a request (a webhook handler, a task), that address is WAGTAILADMIN_BASE_URL.
    """
    base = settings.STRIPE_API_BASE
    if settings.STRIPE_DOUBLE_MOUNTED:
        site = request.build_absolute_uri("/") if request is not None else settings.WAGTAILADMIN_BASE_URL
        base = site.rstrip("/") + "/stripe-double"
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        stripe_version=settings.STRIPE_API_VERSION,
        base_addresses={"api": base},
        max_network_retries=1,
        http_client=stripe.new_default_http_client(timeout=TIMEOUT),
    )


def test_mode():
    return not settings.STRIPE_SECRET_KEY.startswith("sk_live_")
