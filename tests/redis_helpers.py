"""Redis cache settings for tests, as config/settings/base.py writes them for production.

CI runs the suite on SQLite and on PostgreSQL at once, against one Redis: each test keeps
its keys under a prefix of its own and deletes only those (never FLUSHDB).
"""

import redis
from django.conf import settings


def redis_cache(location, prefix):
    """One cache on the Redis at `location`, its keys under `prefix`."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": prefix,
        "OPTIONS": settings.REDIS_CACHE_OPTIONS,
    }


def redis_caches(location, prefix):
    """Both of the site's caches on that Redis: security state, and pages under a prefix of their own."""
    return {"default": redis_cache(location, prefix), "pages": redis_cache(location, f"{prefix}-pages")}


def delete_keys(location, prefix):
    server = redis.Redis.from_url(location)
    for key in server.scan_iter(match=f"{prefix}*", count=1000):
        server.delete(key)
