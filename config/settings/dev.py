"""Local development: debug on, a throwaway key, console email."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-" + "x" * 40
MFA_ENCRYPTION_KEY = MFA_ENCRYPTION_KEY or "dev-only-mfa-key-not-secret-" + "x" * 32  # noqa: F405
# Development databases seeded before the MFA key had its own setting were encrypted with SECRET_KEY.
MFA_ENCRYPTION_KEY_FALLBACKS = MFA_ENCRYPTION_KEY_FALLBACKS or [SECRET_KEY]  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
WHITENOISE_USE_FINDERS = True  # serve straight from static/ without collectstatic
PAGE_CACHE_SECONDS = 0  # see template edits at once; `make serve` runs with the cache on
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # security keys over http://127.0.0.1 while developing

# Without a Stripe key, gifts go through the built-in Stripe double (test mode banner).
if not os.environ.get("STRIPE_SECRET_KEY"):
    # Placeholders the offline double accepts; they open nothing at Stripe.
    STRIPE_SECRET_KEY = "sk_test_offline_double"  # noqa: S105 # nosec B105
    STRIPE_WEBHOOK_SECRET = "whsec_offline_double"  # noqa: S105 # nosec B105
    STRIPE_DOUBLE_MOUNTED = True
# Receipts print to the console at once; production queues them for `manage.py db_worker`.
TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "email"]},
}
