"""Production: everything from the environment, refuses to start half-configured."""

import os
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT", "json")  # noqa: F405

for _name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "MFA_ENCRYPTION_KEY"):
    if not os.environ.get(_name):
        raise ImproperlyConfigured(f"{_name} must be set in the environment for production settings")
# Its own key, so rotating SECRET_KEY never locks staff out of their authenticators
# and a leaked SECRET_KEY does not also reveal their TOTP secrets.
if MFA_ENCRYPTION_KEY == SECRET_KEY or len(MFA_ENCRYPTION_KEY) < 32:  # noqa: F405
    raise ImproperlyConfigured("MFA_ENCRYPTION_KEY must be at least 32 characters and differ from SECRET_KEY")

# Behind a proxy every request comes from the proxy's address: without the count, rate
# limits would lump all readers together (or, trusting the wrong entry, let anyone
# choose their address). Say it explicitly, 0 included.
if not os.environ.get("TRUSTED_PROXY_COUNT", "").strip():
    raise ImproperlyConfigured(
        "TRUSTED_PROXY_COUNT must be set in the environment for production settings: the number of proxies "
        "that append to X-Forwarded-For (1 behind one nginx or load balancer, 0 if nothing stands in front)"
    )

if globals().get("MFA_TOTP_INSECURE_BYPASS_CODE") or os.environ.get("MFA_TOTP_INSECURE_BYPASS_CODE"):
    raise ImproperlyConfigured("MFA_TOTP_INSECURE_BYPASS_CODE must never be set in production")

# Demo content and its staff accounts never reach a real site (home/management/commands/seed_demo.py).
DEMO_SEED_ALLOWED = os.environ.get("DEMO_SEED_ALLOWED", "").lower() == "true"

# Real Stripe only: the offline double and mixed test/live keys are refused.
if not os.environ.get("STRIPE_SECRET_KEY") or not os.environ.get("STRIPE_WEBHOOK_SECRET"):
    raise ImproperlyConfigured("STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set in production")
if STRIPE_DOUBLE_MOUNTED or "stripe-double" in STRIPE_API_BASE:  # noqa: F405
    raise ImproperlyConfigured("the Stripe double cannot be used with production settings")
if os.environ.get("STRIPE_LIVE_MODE", "true").lower() != "false" and not os.environ["STRIPE_SECRET_KEY"].startswith(
    ("sk_live_", "rk_live_")
):
    raise ImproperlyConfigured("production needs a live Stripe key (set STRIPE_LIVE_MODE=false for a staging site)")
if os.environ["STRIPE_SECRET_KEY"].startswith(("sk_live_", "rk_live_")) and not STRIPE_API_BASE.startswith(  # noqa: F405
    "https://api.stripe.com"
):
    raise ImproperlyConfigured("a live Stripe key may only be sent to https://api.stripe.com")

# Fingerprinted names (css/base.3f2a....css) with .br and .gz copies made at collectstatic;
# whitenoise marks those names immutable, and gives unhashed files a year as well.
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}
WHITENOISE_MAX_AGE = 365 * 24 * 60 * 60
WHITENOISE_AUTOREFRESH = False  # the file list is read once per worker, never per request

# A CDN in front (docs/deploy.md): off unless FRONTEND_CACHE names one. Wagtail then
# purges a page's URLs, in every language, from the CDN when the page is published.
FRONTEND_CACHE = os.environ.get("FRONTEND_CACHE", "").lower()
if FRONTEND_CACHE == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
            "ZONEID": os.environ.get("CLOUDFLARE_ZONE_ID", ""),
        }
    }
elif FRONTEND_CACHE == "cloudfront":
    # AWS credentials come from the usual AWS_* variables or the machine's role.
    WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": os.environ.get("CLOUDFRONT_DISTRIBUTION_ID", ""),
        }
    }
elif FRONTEND_CACHE:
    raise ImproperlyConfigured("FRONTEND_CACHE must be cloudflare, cloudfront or empty")
if FRONTEND_CACHE:
    _missing = [name for name, value in next(iter(WAGTAILFRONTENDCACHE.values())).items() if not value]
    if _missing:
        raise ImproperlyConfigured(f"FRONTEND_CACHE={FRONTEND_CACHE} needs {', '.join(_missing)} set")
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
    WAGTAILFRONTENDCACHE_LANGUAGES = [code for code, _ in LANGUAGES]  # noqa: F405

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
# Where plain-HTTP requests are sent (host[:port]); the requested host when unset.
SECURE_SSL_HOST = os.environ.get("SECURE_SSL_HOST") or None
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Email: an API provider through django-anymail (ANYMAIL_PROVIDER=mailgun|postmark|
# sendgrid|amazon_ses|brevo..., with ANYMAIL_API_KEY), or SMTP from EMAIL_URL
# (smtp://user:password@host:587, TLS on; smtps:// for implicit TLS), or EMAIL_HOST & co.
_smtp = urlsplit(os.environ.get("EMAIL_URL", ""))
if os.environ.get("ANYMAIL_PROVIDER"):
    _provider = os.environ["ANYMAIL_PROVIDER"]
    MAILERS = {"default": {"BACKEND": f"anymail.backends.{_provider}.EmailBackend"}}
    ANYMAIL = {"API_KEY": os.environ.get("ANYMAIL_API_KEY", ""), "SEND_DEFAULTS": {"track_clicks": False}}
    if os.environ.get("ANYMAIL_SENDER_DOMAIN"):
        ANYMAIL["SENDER_DOMAIN"] = os.environ["ANYMAIL_SENDER_DOMAIN"]
elif _smtp.hostname:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _smtp.hostname,
                "port": _smtp.port or (465 if _smtp.scheme == "smtps" else 587),
                "username": unquote(_smtp.username or ""),
                "password": unquote(_smtp.password or ""),
                "use_tls": _smtp.scheme == "smtp",
                "use_ssl": _smtp.scheme == "smtps",
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "587")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": os.environ.get("EMAIL_USE_TLS", "true").lower() != "false",
                "timeout": 10,
            },
        }
    }

# Uploaded images and documents in an S3-compatible bucket, shared by every app server.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Error reports to Sentry when SENTRY_DSN is set: no request bodies, no local
# variables, no personal data (core/observability.py).
if os.environ.get("SENTRY_DSN"):
    # Only when Sentry is configured: otherwise its SDK is never loaded.
    from core.observability import init_sentry

    init_sentry(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )
