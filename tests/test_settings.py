import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_python(code, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    full_env.update(env)
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=60
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60,
    "ALLOWED_HOSTS": "example.org",
    "DATABASE_URL": "postgres://u@127.0.0.1/db",
    "MFA_ENCRYPTION_KEY": "m" * 44,
    "STRIPE_SECRET_KEY": "sk_live_example",
    "STRIPE_WEBHOOK_SECRET": "whsec_example",
    "TRUSTED_PROXY_COUNT": "1",
}


def test_wsgi_defaults_to_production_settings():
    result = run_python("import config.wsgi")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


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


def test_redis_url_switches_the_cache_to_redis():
    code = "import config.settings.base as b; print(b.CACHES['default']['BACKEND'], b.CACHES['pages']['BACKEND'])"
    result = run_python(code, REDIS_URL="redis://127.0.0.1:6379/3")
    assert result.stdout.strip() == "django_redis.cache.RedisCache django_redis.cache.RedisCache"


def test_production_uses_compressed_manifest_static_files():
    code = "import config.settings.production as p; print(p.STORAGES['staticfiles']['BACKEND'])"
    result = run_python(code, **PRODUCTION_ENV)
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage", result.stderr


def test_production_reads_smtp_from_email_url():
    code = (
        "import config.settings.production as p; o = p.MAILERS['default']['OPTIONS'];"
        "print(o['host'], o['port'], o['username'], o['use_tls'])"
    )
    result = run_python(code, **PRODUCTION_ENV, EMAIL_URL="smtp://mailer:p%40ss@smtp.example.org:2525")
    assert result.stdout.strip() == "smtp.example.org 2525 mailer True", result.stderr


def test_production_can_send_through_an_api_provider():
    code = "import config.settings.production as p; print(p.MAILERS['default']['BACKEND'], p.ANYMAIL['API_KEY'])"
    result = run_python(code, **PRODUCTION_ENV, ANYMAIL_PROVIDER="mailgun", ANYMAIL_API_KEY="key-1")
    assert result.stdout.strip() == "anymail.backends.mailgun.EmailBackend key-1", result.stderr


def test_production_stores_media_in_a_bucket_when_configured():
    code = (
        "import config.settings.production as p; storage = p.STORAGES['default'];"
        "print(storage['BACKEND'], storage['OPTIONS']['default_acl'])"
    )
    result = run_python(code, **PRODUCTION_ENV, AWS_STORAGE_BUCKET_NAME="seher-media")
    assert result.stdout.strip() == "storages.backends.s3.S3Storage private", result.stderr


def test_production_refuses_to_start_without_its_secrets():
    for missing in PRODUCTION_ENV:
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
        result = run_python("import config.settings.production", **env)
        assert result.returncode != 0
        assert missing in result.stderr and "must be set" in result.stderr


def test_production_refuses_the_stripe_double_and_mixed_keys():
    cases = [
        ({"STRIPE_API_BASE": "http://127.0.0.1:8000/stripe-double"}, "Stripe double"),
        ({"STRIPE_SECRET_KEY": "sk_test_123"}, "live Stripe key"),
        ({"STRIPE_API_BASE": "http://127.0.0.1:9999"}, "may only be sent to https://api.stripe.com"),
    ]
    for overrides, message in cases:
        result = run_python("import config.settings.production", **{**PRODUCTION_ENV, **overrides})
        assert result.returncode != 0
        assert message in result.stderr, result.stderr[-500:]
    staging = run_python(
        "import config.settings.production",
        **{**PRODUCTION_ENV, "STRIPE_SECRET_KEY": "sk_test_123", "STRIPE_LIVE_MODE": "false"},
    )
    assert staging.returncode == 0, staging.stderr[-500:]


def test_a_cdn_is_off_unless_named():
    code = "import config.settings.production as p; print(hasattr(p, 'WAGTAILFRONTENDCACHE'), p.INSTALLED_APPS[-1])"
    result = run_python(code, **PRODUCTION_ENV)
    assert result.stdout.strip().startswith("False "), result.stderr
    assert "frontend_cache" not in result.stdout


def test_cloudflare_purging_is_read_from_the_environment():
    code = (
        "import config.settings.production as p; c = p.WAGTAILFRONTENDCACHE['cloudflare'];"
        "print(c['BACKEND'], c['ZONEID'], c['BEARER_TOKEN'], 'wagtail.contrib.frontend_cache' in p.INSTALLED_APPS,"
        " p.WAGTAILFRONTENDCACHE_LANGUAGES)"
    )
    cdn = {"FRONTEND_CACHE": "cloudflare", "CLOUDFLARE_ZONE_ID": "zone123", "CLOUDFLARE_BEARER_TOKEN": "tok456"}
    result = run_python(code, **PRODUCTION_ENV, **cdn)
    assert result.stdout.strip() == (
        "wagtail.contrib.frontend_cache.backends.CloudflareBackend zone123 tok456 True ['en', 'ur']"
    ), result.stderr


def test_cloudfront_needs_its_distribution_id():
    code = "import config.settings.production"
    result = run_python(code, **PRODUCTION_ENV, FRONTEND_CACHE="cloudfront")
    assert "FRONTEND_CACHE=cloudfront needs DISTRIBUTION_ID set" in result.stderr
    code = "import config.settings.production as p; print(p.WAGTAILFRONTENDCACHE['cloudfront']['DISTRIBUTION_ID'])"
    result = run_python(code, **PRODUCTION_ENV, FRONTEND_CACHE="cloudfront", CLOUDFRONT_DISTRIBUTION_ID="E2ABC")
    assert result.stdout.strip() == "E2ABC", result.stderr
    assert run_python(code, **PRODUCTION_ENV, FRONTEND_CACHE="varnish").returncode != 0
