"""Per-client rate limits kept in the shared cache, so they hold across every worker."""

import functools
import logging
import time

from django.core.cache import cache
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)

# Behind N trusted proxies the client is the Nth address from the right of X-Forwarded-For.
# Set by settings (TRUSTED_PROXY_COUNT); 0 means REMOTE_ADDR is the client.


def client_ip(request):
    from django.conf import settings

    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(scope, key, limit, period):
    """Count one hit for (scope, key) in the current window; True while within `limit` per `period` seconds.

    If the shared cache cannot be reached the limit fails open (the request is
    allowed and an error logged): a cache outage must not stop people donating
    or searching, and Stripe's own fraud checks still stand behind the donate form.
    """
    window = int(time.time() // period)
    cache_key = f"ratelimit:{scope}:{key}:{window}"
    try:
        if cache.add(cache_key, 1, timeout=period + 1):
            return True
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=period + 1)
            return True
    except Exception as error:  # the cache backend's own outage errors vary
        logger.error("rate limit %s not enforced: cache unavailable (%s)", scope, error.__class__.__name__)
        return True
    return count <= limit


def too_many_requests(request, retry_after):
    response = TemplateResponse(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def ratelimit(scope, limit, period, methods=("POST",)):
    """Decorate a view: more than `limit` requests per `period` seconds from one client IP get a 429 page."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods and not hit(scope, client_ip(request), limit, period):
                return too_many_requests(request, period)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
