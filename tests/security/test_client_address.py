"""Rate limits and the audit trail key on a validated client address, whatever X-Forwarded-For says.

The attacks, with the site behind one proxy (TRUSTED_PROXY_COUNT=1) that appends the
address it received from, sometimes with the source port (as Azure's gateway does):
1. put a fresh fake address at the left of X-Forwarded-For on every request, and make
   each request from a new source port, to get a fresh rate-limit bucket each time;
2. rotate through the 2**64 addresses of one's own IPv6 /64;
3. send a header that is empty, garbage, too short or huge, hoping for a 500 or for a
   junk value in the audit trail (PostgreSQL's inet column refuses it mid-request).

Failed on main before the fix: the port variant of (1) gave six 200s instead of a 429
(each 'address:port' was its own bucket; the leftmost spoof alone was already ignored),
(2) gave six 200s, and (3) stored 'garbage' as a failed login's ip_address.
"""

import ipaddress

import pytest
from django.test import Client

from staff.models import AuditEvent
from tests.settings_probe import case
from tests.staff_helpers import PASSWORD, make_staff
from tests.test_settings import PRODUCTION_ENV

LIMIT = 5  # the manage-gift form: five requests a minute from one client


@pytest.fixture
def behind_one_proxy(settings, frozen_ratelimit_clock, demo_site):
    settings.TRUSTED_PROXY_COUNT = 1


def ask_for_manage_link(forwarded, remote="10.0.0.2"):
    """One anonymous POST as the proxy delivers it: REMOTE_ADDR is the proxy."""
    return (
        Client()
        .post("/en/gift/manage/", {"email": "x@example.org"}, HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
        .status_code
    )


@pytest.mark.django_db
def test_spoofed_leftmost_entries_and_source_ports_share_one_bucket(behind_one_proxy):
    codes = [ask_for_manage_link(f"198.51.100.{n}, 203.0.113.7:{40000 + n}") for n in range(LIMIT + 1)]
    assert codes == [200] * LIMIT + [429]
    assert ask_for_manage_link("203.0.113.8") == 200  # another client is not held back


@pytest.mark.django_db
def test_rotating_addresses_within_one_ipv6_64_does_not_escape_the_limit(behind_one_proxy):
    codes = [ask_for_manage_link(f"2001:db8:1:2:{n:x}::1") for n in range(LIMIT + 1)]
    assert codes == [200] * LIMIT + [429]
    assert ask_for_manage_link("[2001:db8:1:2:ffff::9]:443") == 429  # bracketed, with a port: same /64
    assert ask_for_manage_link("2001:db8:1:3::1") == 200  # the next /64 is someone else


MALFORMED = [
    "",
    " , ,, ",
    "garbage",
    "999.1.1.1",
    "1.2.3.4.5",
    "[::1",
    "::1]:80",
    "unknown",
    "203.0.113.7:notaport",
    "\u0661\u0662\u0663.1.1.1",  # Arabic-Indic digits
    "x" * 20_000,
    "10.0.0.1, " * 4_000,
]


@pytest.mark.django_db
@pytest.mark.parametrize("proxies", [1, 2])
def test_malformed_headers_answer_normally_and_never_reach_the_audit_trail(settings, demo_site, proxies):
    settings.TRUSTED_PROXY_COUNT = proxies
    for forwarded in MALFORMED:
        assert ask_for_manage_link(forwarded) in (200, 429)
        client = Client()
        client.post(
            "/accounts/login/",
            {"login": "nobody", "password": "wrong-password-1"},
            HTTP_X_FORWARDED_FOR=forwarded,
            REMOTE_ADDR="10.0.0.2",
        )
    addresses = set(AuditEvent.objects.filter(kind="login_failed").values_list("ip_address", flat=True))
    assert addresses, "the failed logins were audited"
    for address in addresses:
        assert address is None or ipaddress.ip_address(address)


NO_PROXY_COUNT = case("no proxy count", {k: v for k, v in PRODUCTION_ENV.items() if k != "TRUSTED_PROXY_COUNT"})
NEGATIVE_PROXY_COUNT = case("negative proxy count", {"TRUSTED_PROXY_COUNT": "-1"}, module="config.settings.base")


def test_production_settings_refuse_to_start_without_a_proxy_count(settings_cases):
    assert "TRUSTED_PROXY_COUNT must be set" in settings_cases[NO_PROXY_COUNT].error
    assert "TRUSTED_PROXY_COUNT must be a whole number" in settings_cases[NEGATIVE_PROXY_COUNT].error


def test_the_deploy_check_says_how_to_set_the_proxy_count(settings):
    from core.ratelimit import proxy_count_check

    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_COUNT = 0
    [warning] = proxy_count_check()
    assert warning.id == "seher.W003"
    assert "Set TRUSTED_PROXY_COUNT to the number of proxies" in warning.hint
    settings.TRUSTED_PROXY_COUNT = 1
    assert proxy_count_check() == []


@pytest.mark.django_db
def test_login_failures_from_one_reader_do_not_lock_out_another_behind_the_proxy(behind_one_proxy):
    """allauth keeps its own per-address login limits (10 failures a minute).

    Attack: behind the proxy, fail ten logins from one address, each under a new
    username (so the per-account limit never trips). On main allauth read REMOTE_ADDR,
    the proxy's address, for every reader: the eleventh login, a real staff member's
    from another address, was refused too (everyone behind the proxy locked out), and
    the spoofer's failures counted against the same bucket whatever it wrote.
    """
    make_staff("nadia", secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    attacker = Client(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7", REMOTE_ADDR="10.0.0.2")
    for n in range(10):
        attacker.post("/accounts/login/", {"login": f"nobody{n}", "password": "wrong-password-123"})
    refused = attacker.post("/accounts/login/", {"login": "nobody-else", "password": "wrong-password-123"})
    assert b"Too many failed login attempts" in refused.content

    staff = Client(HTTP_X_FORWARDED_FOR="203.0.113.8", REMOTE_ADDR="10.0.0.2")
    response = staff.post("/accounts/login/", {"login": "nadia", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in staff.session  # only the MFA step is open, as for anyone
    failures = set(AuditEvent.objects.filter(kind="login_failed").values_list("ip_address", flat=True))
    assert failures == {"203.0.113.7"}
