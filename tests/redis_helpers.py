"""Redis cache settings for tests, as config/settings/base.py writes them for production."""

from django.conf import settings


def redis_cache(location, prefix):
    """One cache on the Redis at `location`, its keys under `prefix` (one run's own: never FLUSHDB)."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": prefix,
        "OPTIONS": settings.REDIS_CACHE_OPTIONS,
    }
