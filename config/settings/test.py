"""Settings for the test suite: SQLite unless DATABASE_URL is set, fast hashing."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-" + "x" * 40
MFA_ENCRYPTION_KEY = "test-only-mfa-key-not-secret-" + "x" * 32
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
WHITENOISE_USE_FINDERS = True
# Background tasks run at once in tests.
TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default", "email"]},
}
# Query budgets measure real renders; tests of the page cache turn it on themselves.
PAGE_CACHE_SECONDS = 0
# Campaign figures as of this moment; tests of live figures set their own window.
LIVE_FIGURES_SECONDS = 0
# Placeholders: tests point STRIPE_API_BASE at the Stripe double, never at Stripe.
STRIPE_SECRET_KEY = "sk_test_suite"  # noqa: S105 # nosec B105
STRIPE_WEBHOOK_SECRET = "whsec_test_suite"  # noqa: S105 # nosec B105
