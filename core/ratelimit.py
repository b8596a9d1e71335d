"""Per-client rate limits kept in the shared cache, so they hold across every worker."""

import functools
import ipaddress
import logging
import time

from django.conf import settings
from django.core import checks
from django.core.cache import cache
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)

# A client address longer than this is not an address (the longest IPv6 form with a
# zone and a port is well under it); the header around it may be huge, we never split it all.
MAX_ADDRESS_LENGTH = 64


def parse_address(text):
    """An IP address from one X-Forwarded-For entry or REMOTE_ADDR, or None.

    Accepts '203.0.113.7', '203.0.113.7:5412', '2001:db8::1' and '[2001:db8::1]:443';
    an IPv4 address written as IPv6 ('::ffff:203.0.113.7') is the IPv4 address.
    """
    text = text.strip()
    if not text or len(text) > MAX_ADDRESS_LENGTH:
        return None
    if text.startswith("["):  # [IPv6] or [IPv6]:port
        text = text[1 : text.find("]")] if "]" in text else ""
    elif text.count(":") == 1:  # IPv4:port (a bare IPv6 address has at least two colons)
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address


def client_address(request):
    """The client's validated address, or None.

    Behind N trusted proxies (settings.TRUSTED_PROXY_COUNT) each appends the address it
    received from, so the client is the Nth entry from the right of X-Forwarded-For:
    anything left of it was written by the client and proves nothing. With 0, or when
    the header has fewer entries than proxies or the entry is not an address, the
    connection's own address (REMOTE_ADDR) is used: an odd header never fails a request
    and never earns a fresh rate-limit bucket.
    """
    proxies = settings.TRUSTED_PROXY_COUNT or 0
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        entries = forwarded.rsplit(",", proxies)  # only the last N entries are read
        if len(entries) >= proxies:
            address = parse_address(entries[-proxies])
            if address is not None:
                return address
    return parse_address(request.META.get("REMOTE_ADDR", ""))


def client_ip(request):
    """The client's address as text (for the audit trail and logs), or 'unknown'."""
    address = client_address(request)
    return str(address) if address is not None else "unknown"


def client_key(request):
    """What rate limits count per: the IPv4 address, or the IPv6 /64 the address is in.

    One IPv6 subscriber usually holds a whole /64 and can rotate through it at will,
    so counting per address would give an attacker 2**64 fresh buckets.
    """
    address = client_address(request)
    if address is None:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


@checks.register(checks.Tags.security, deploy=True)
def proxy_count_check(app_configs=None, **kwargs):
    """Settings that expect a proxy (SECURE_PROXY_SSL_HEADER) must say how many append to X-Forwarded-For."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not settings.TRUSTED_PROXY_COUNT:
        return [
            checks.Warning(
                "TRUSTED_PROXY_COUNT is 0 behind a proxy: every reader shares the proxy's address in rate limits",
                hint=(
                    "Set TRUSTED_PROXY_COUNT to the number of proxies that append to X-Forwarded-For "
                    "(1 behind one nginx or load balancer; 2 behind a CDN and a load balancer). See docs/deploy.md."
                ),
                id="seher.W003",
            )
        ]
    return []


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
    if count is None:  # a Redis outage, which the backend answers with None (IGNORE_EXCEPTIONS)
        logger.error("rate limit %s not enforced: cache unavailable", scope)
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
            if request.method in methods and not hit(scope, client_key(request), limit, period):
                return too_many_requests(request, period)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
