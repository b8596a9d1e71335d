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


def test_wsgi_defaults_to_production_settings():
    result = run_python("import config.wsgi")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_base_settings_are_safe_by_default():
    from config.settings import base

    assert base.DEBUG is False
    assert os.environ.get("SECRET_KEY", "") == base.SECRET_KEY


def test_cache_is_shared_never_local_memory():
    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"] in (
        "django.core.cache.backends.db.DatabaseCache",
        "config.cache.TolerantRedisCache",
    )


def test_redis_url_switches_the_cache_to_redis():
    code = "import config.settings.base as b; print(b.CACHES['default']['BACKEND'])"
    result = run_python(code, REDIS_URL="redis://127.0.0.1:6379/3")
    assert result.stdout.strip() == "config.cache.TolerantRedisCache"


def test_production_uses_compressed_manifest_static_files():
    code = "import config.settings.production as p; print(p.STORAGES['staticfiles']['BACKEND'])"
    result = run_python(
        code, SECRET_KEY="x" * 60, ALLOWED_HOSTS="example.org", DATABASE_URL="postgres://u@127.0.0.1/db"
    )
    assert result.stdout.strip() == "whitenoise.storage.CompressedManifestStaticFilesStorage", result.stderr
