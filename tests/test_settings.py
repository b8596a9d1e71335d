"""Settings for each environment: safe defaults, production's refusals, mail, media, static files, CDN.

Each environment is a case loaded with the others in one separate interpreter (tests/settings_probe.py).
"""

import os

from .settings_probe import case

PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "example.org",
    "DATABASE_URL": "postgres://u@127.0.0.1/db",
    "MFA_ENCRYPTION_KEY": "m" * 44,
    "STRIPE_SECRET_KEY": "sk_live_example",
    "STRIPE_WEBHOOK_SECRET": "whsec_example",
    "TRUSTED_PROXY_COUNT": "1",
}

WSGI = case("wsgi with no environment", {}, module="config.wsgi")


def test_wsgi_defaults_to_production_settings(settings_cases):
    assert "SECRET_KEY must be set" in settings_cases[WSGI].error


def test_base_settings_are_safe_by_default():
    from config.settings import base

    assert base.DEBUG is False
    assert os.environ.get("SECRET_KEY", "") == base.SECRET_KEY


def test_caches_are_shared_never_local_memory():
    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"] in (
        "core.cache.SecurityDatabaseCache",
        "django_redis.cache.RedisCache",
    )
    assert settings.CACHES["pages"]["BACKEND"] in (
        "django.core.cache.backends.db.DatabaseCache",
        "django_redis.cache.RedisCache",
    )


REDIS = case(
    "redis",
    {"REDIS_URL": "redis://127.0.0.1:6379/3"},
    module="config.settings.base",
    read=["CACHES['default']['BACKEND']", "CACHES['pages']['BACKEND']"],
)


def test_redis_url_switches_the_cache_to_redis(settings_cases):
    assert settings_cases[REDIS].values == ["django_redis.cache.RedisCache"] * 2


STATIC = case("production", PRODUCTION_ENV, read=["STORAGES['staticfiles']['BACKEND']"])


def test_production_uses_compressed_manifest_static_files(settings_cases):
    assert settings_cases[STATIC].values == ["whitenoise.storage.CompressedManifestStaticFilesStorage"]


SMTP = case(
    "smtp",
    {**PRODUCTION_ENV, "EMAIL_URL": "smtp://mailer:p%40ss@smtp.example.org:2525"},
    read=[f"MAILERS['default']['OPTIONS'][{key!r}]" for key in ("host", "port", "username", "password", "use_tls")],
)


def test_production_reads_smtp_from_email_url(settings_cases):
    assert settings_cases[SMTP].values == ["smtp.example.org", "2525", "mailer", "p@ss", "True"]


API_MAIL = case(
    "mail api",
    {**PRODUCTION_ENV, "ANYMAIL_PROVIDER": "mailgun", "ANYMAIL_API_KEY": "key-1"},
    read=["MAILERS['default']['BACKEND']", "ANYMAIL['API_KEY']"],
)


def test_production_can_send_through_an_api_provider(settings_cases):
    assert settings_cases[API_MAIL].values == ["anymail.backends.mailgun.EmailBackend", "key-1"]


BUCKET = case(
    "bucket",
    {**PRODUCTION_ENV, "AWS_STORAGE_BUCKET_NAME": "seher-media"},
    read=["STORAGES['default']['BACKEND']", "STORAGES['default']['OPTIONS']['default_acl']"],
)


def test_production_stores_media_in_a_bucket_when_configured(settings_cases):
    assert settings_cases[BUCKET].values == ["storages.backends.s3.S3Storage", "private"]


WITHOUT = {
    missing: case(f"without {missing}", {k: v for k, v in PRODUCTION_ENV.items() if k != missing})
    for missing in PRODUCTION_ENV
}


def test_production_refuses_to_start_without_its_secrets(settings_cases):
    for missing, name in WITHOUT.items():
        error = settings_cases[name].error
        assert error and missing in error and "must be set" in error, (missing, error)


STRIPE_REFUSED = {
    case(
        "stripe double", {**PRODUCTION_ENV, "STRIPE_API_BASE": "http://127.0.0.1:8000/stripe-double"}
    ): "Stripe double",
    case("stripe test key", {**PRODUCTION_ENV, "STRIPE_SECRET_KEY": "sk_test_123"}): "live Stripe key",
    case(
        "stripe elsewhere", {**PRODUCTION_ENV, "STRIPE_API_BASE": "http://127.0.0.1:9999"}
    ): "may only be sent to https://api.stripe.com",
}
STAGING = case("staging", {**PRODUCTION_ENV, "STRIPE_SECRET_KEY": "sk_test_123", "STRIPE_LIVE_MODE": "false"})


def test_production_refuses_the_stripe_double_and_mixed_keys(settings_cases):
    for name, message in STRIPE_REFUSED.items():
        error = settings_cases[name].error
        assert error and message in error, (name, error)
    assert settings_cases[STAGING].error == ""


NO_CDN = case("no cdn", PRODUCTION_ENV, read=["'WAGTAILFRONTENDCACHE' in globals()", "INSTALLED_APPS"])


def test_a_cdn_is_off_unless_named(settings_cases):
    named, apps = settings_cases[NO_CDN].values
    assert named == "False"
    assert "frontend_cache" not in apps


CLOUDFLARE = case(
    "cloudflare",
    {
        **PRODUCTION_ENV,
        "FRONTEND_CACHE": "cloudflare",
        "CLOUDFLARE_ZONE_ID": "zone123",
        "CLOUDFLARE_BEARER_TOKEN": "tok456",
    },
    read=[
        "WAGTAILFRONTENDCACHE['cloudflare']['BACKEND']",
        "WAGTAILFRONTENDCACHE['cloudflare']['ZONEID']",
        "WAGTAILFRONTENDCACHE['cloudflare']['BEARER_TOKEN']",
        "'wagtail.contrib.frontend_cache' in INSTALLED_APPS",
        "WAGTAILFRONTENDCACHE_LANGUAGES",
    ],
)


def test_cloudflare_purging_is_read_from_the_environment(settings_cases):
    assert settings_cases[CLOUDFLARE].values == [
        "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "zone123",
        "tok456",
        "True",
        "['en', 'ur']",
    ]


CLOUDFRONT_WITHOUT_ID = case("cloudfront without id", {**PRODUCTION_ENV, "FRONTEND_CACHE": "cloudfront"})
CLOUDFRONT = case(
    "cloudfront",
    {**PRODUCTION_ENV, "FRONTEND_CACHE": "cloudfront", "CLOUDFRONT_DISTRIBUTION_ID": "E2ABC"},
    read=["WAGTAILFRONTENDCACHE['cloudfront']['DISTRIBUTION_ID']"],
)
VARNISH = case("varnish", {**PRODUCTION_ENV, "FRONTEND_CACHE": "varnish"})


def test_cloudfront_needs_its_distribution_id(settings_cases):
    assert "FRONTEND_CACHE=cloudfront needs DISTRIBUTION_ID set" in settings_cases[CLOUDFRONT_WITHOUT_ID].error
    assert settings_cases[CLOUDFRONT].values == ["E2ABC"]
    assert "FRONTEND_CACHE must be cloudflare, cloudfront or empty" in settings_cases[VARNISH].error
