"""Security state (used TOTP codes, login-failure counts, rate limits) survives any flood of cached pages.

The attack: an attacker who has seen a staff member's TOTP code (shoulder, phishing
proxy) waits until it is used, then floods the site with anonymous requests for
distinct cacheable URLs (`?page=<n>` on the article listing). Each one became a
page-cache entry in the same cache that held allauth's "code used" marker; past
300 entries Django's database cache culls a third of its keys alphabetically, and
'seher:1:allauth...' sorts before 'seher:1:pagecache...'. With the marker gone the
same code is accepted again. Failure counts (allauth's login_failed limit) and the
site's own limits went the same way.

Failed on main before the fix (database cache): the replayed code logged the
attacker in (`assert '_auth_user_id' not in attacker.session` failed), and the
failure count was culled so a sixth password attempt was let through.
"""

import uuid

import pytest
from django.core.cache import caches
from django.test import Client

from awareness.models import ArticleIndexPage
from tests.redis_helpers import delete_keys, redis_caches
from tests.staff_helpers import PASSWORD, log_in, make_staff, totp_code

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
# Past MAX_ENTRIES (300 by default) the old shared cache culled a third of its keys. The
# database caches here cull past 30, so a flood of 40 goes as far past it as 400 went past 300.
MAX_ENTRIES = 30
FLOOD = 40
REDIS = "redis://127.0.0.1:6379/7"  # this suite's own Redis database


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings, demo_site):
    # On Redis, each run has a key prefix of its own and deletes only its own keys:
    # clear() is FLUSHDB, which would wipe the state of another test run (CI runs the
    # suite on SQLite and on PostgreSQL at once, on one Redis) mid-test.
    prefix = f"seher-test-{uuid.uuid4().hex}"
    if request.param == "redis":
        settings.CACHES = redis_caches(REDIS, prefix)
    else:
        settings.CACHES = {
            name: {**config, "OPTIONS": {**config.get("OPTIONS", {}), "MAX_ENTRIES": MAX_ENTRIES}}
            for name, config in settings.CACHES.items()
        }
        for cache in caches.all():
            cache.clear()
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_LOCAL_SECONDS = 0  # every request goes to the shared cache
    # The tests freeze time.time, so a code stays valid however slow the flood; but the
    # used-code marker expires in real time, after TOTP_PERIOD x (2 x tolerance + 1)
    # seconds (90 at the site's tolerance of 1). A flood slower than that on a loaded
    # machine would find the marker gone for a reason no attacker controls: give it 11 minutes.
    settings.MFA_TOTP_TOLERANCE = 10
    yield request.param
    if request.param == "redis":
        delete_keys(REDIS, prefix)
    else:
        for cache in caches.all():
            cache.clear()


def flood_with_cacheable_pages(count=FLOOD):
    """Anonymous requests for `count` distinct URLs the page cache accepted on main."""
    listing = ArticleIndexPage.objects.get(locale__language_code="en").url
    anonymous = Client()
    for number in range(count):
        assert anonymous.get(listing, {"page": number}).status_code == 200


@pytest.mark.django_db
def test_a_used_totp_code_and_login_failure_counts_survive_a_flood_of_cached_pages(
    shared_cache, frozen_ratelimit_clock
):
    """One flood, two pieces of security state: a used code, and a failure count at its limit.

    The clock is frozen (time.time, which TOTP and the rate limits read), so the replayed
    code is still in its window however slow the flood: a refusal means "used", never "stale".
    """
    make_staff("amina", secret=SECRET, superuser=True)
    make_staff("bilal", secret=SECRET)
    code = totp_code(SECRET)
    staff = Client()
    log_in(staff, "amina", code)
    assert staff.session.get("_auth_user_id")  # the code worked once
    guesser = Client()
    for attempt in range(5):  # allauth's limit: 5 failures per username per 5 minutes
        log_in(guesser, "bilal", password=f"wrong-guess-{attempt}")

    flood_with_cacheable_pages()

    assert totp_code(SECRET) == code  # still the current code: only its use can refuse it
    attacker = Client()
    log_in(attacker, "amina", code)
    assert "_auth_user_id" not in attacker.session
    assert attacker.get("/admin/").status_code != 200
    # The right password now (say the sixth guess): still refused, the count is intact.
    log_in(guesser, "bilal", password=PASSWORD)
    assert "account_login" not in guesser.session  # allauth's record of a passed password step
    assert "_auth_user_id" not in guesser.session
    # And the flood itself left no copies: junk page numbers are answered fresh.
    listing = ArticleIndexPage.objects.get(locale__language_code="en").url
    assert caches["pages"].get(f"pagecache:http:testserver:{listing}?page=999") is None


@pytest.mark.django_db
@pytest.mark.parametrize("shared_cache", ["database"], indirect=True)  # Redis never culls by count
def test_a_used_code_survives_rate_limit_counters_from_more_addresses_than_the_cache_holds(
    shared_cache, frozen_ratelimit_clock
):
    """Security state is never culled, even by other security state.

    The attack: after the code is used, requests from more addresses than the cache's
    MAX_ENTRIES (a botnet, or rotating IPv6 addresses) each leave a rate-limit counter in
    the same cache. On main the database cache culled past MAX_ENTRIES, alphabetically,
    and 'allauth...' went first.
    Failed on main before the fix: the replayed code logged the attacker in.
    The clock is frozen, so a slow run cannot cross into the next rate-limit or TOTP window.
    """
    from core.ratelimit import hit

    make_staff("amina", secret=SECRET, superuser=True)
    code = totp_code(SECRET)
    log_in(Client(), "amina", code)

    for number in range(FLOOD):
        hit("donate", f"198.51.{number // 256}.{number % 256}", limit=10, period=60)

    assert totp_code(SECRET) == code  # still the current code: only its use can refuse it
    attacker = Client()
    log_in(attacker, "amina", code)
    assert "_auth_user_id" not in attacker.session
    assert not hit("donate", "198.51.0.0", limit=1, period=60)  # the first counter is still there too


def test_the_deploy_check_refuses_a_redis_that_evicts(settings, monkeypatch):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    import core.cache

    settings.CACHES = redis_caches(REDIS, "seher-test")
    call_command("check", "--deploy", "--tag", "caches", "--fail-level", "WARNING")  # the real server: noeviction
    monkeypatch.setattr(core.cache, "redis_eviction_policy", lambda alias="default": "allkeys-lru")
    with pytest.raises(SystemCheckError, match=r"seher\.W001"):
        call_command("check", "--deploy", "--tag", "caches", "--fail-level", "WARNING")
