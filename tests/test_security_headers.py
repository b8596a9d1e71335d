"""Exact security headers on every kind of response, for readers and for staff."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from wagtail.models import Page

from .staff_helpers import log_in, make_staff, totp_code

ROOT = Path(__file__).resolve().parent.parent
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

PUBLIC_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self' https://checkout.stripe.com"
)
ADMIN_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-src 'self'; worker-src 'self'; "
    "manifest-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'"
)
PERMISSIONS = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)
COMMON = {
    "Permissions-Policy": PERMISSIONS,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
EXECUTABLE_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src=|type=\"application/(?:ld\+)?json\"))[^>]*>")


def public_urls():
    urls = [page.url for page in Page.objects.live().public().exclude(depth=1)]
    return [*urls, "/en/search/?q=child", "/en/nowhere/", "/accounts/login/", "/accounts/password/reset/"]


def assert_public_headers(response, url):
    assert response["Content-Security-Policy"] == PUBLIC_CSP, url
    assert response["X-Frame-Options"] == "DENY", url
    for name, value in COMMON.items():
        assert response[name] == value, (url, name)


@pytest.mark.django_db
def test_public_pages_carry_the_strict_policy(client, demo_site):
    urls = public_urls()
    assert len(urls) >= 15
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 404), url
        assert_public_headers(response, url)
    for url in ("/robots.txt", "/sitemap.xml", "/healthz"):
        assert_public_headers(client.get(url), url)


@pytest.mark.django_db
def test_public_pages_have_no_inline_script_or_style(client, demo_site):
    for url in public_urls():
        html = client.get(url, follow=True).content.decode()
        assert not EXECUTABLE_INLINE_SCRIPT.search(html), url
        assert " style=" not in html, url
        assert "<style" not in html, url


@pytest.mark.django_db
def test_staff_get_the_strict_policy_on_public_pages_and_the_admin_policy_in_the_admin(client, demo_site):
    make_staff("amina", secret=SECRET, superuser=True)
    log_in(client, "amina", totp_code(SECRET))
    for url in public_urls():
        assert_public_headers(client.get(url), url)
    home = demo_site.root_page
    for url in ("/admin/", "/admin/pages/", f"/admin/pages/{home.pk}/edit/", "/admin/images/", "/admin/audit-trail/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"] == ADMIN_CSP, url
        assert response["X-Frame-Options"] == "SAMEORIGIN", url
        for name, value in COMMON.items():
            assert response[name] == value, (url, name)


@pytest.mark.django_db
def test_wagtail_admin_still_needs_unsafe_inline(client, demo_site):
    """When this fails, Wagtail no longer writes inline scripts: drop 'unsafe-inline' from SECURE_CSP_ADMIN."""
    make_staff("amina", secret=SECRET, superuser=True)
    log_in(client, "amina", totp_code(SECRET))
    html = client.get(f"/admin/pages/{demo_site.root_page.pk}/edit/").content.decode()
    assert EXECUTABLE_INLINE_SCRIPT.search(html), (
        "Wagtail's editor has no inline script any more: tighten the admin CSP"
    )


def test_production_headers_and_cookies():
    code = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "c = Client()\n"
        "plain = c.get('/healthz')\n"
        "secure = c.get('/healthz', secure=True)\n"
        "from django.conf import settings\n"
        "print(json.dumps({'redirect': [plain.status_code, plain.get('Location')],"
        " 'hsts': secure.get('Strict-Transport-Security'), 'session': settings.SESSION_COOKIE_NAME,"
        " 'csrf': settings.CSRF_COOKIE_NAME, 'secure': [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],"
        " 'domain': [settings.SESSION_COOKIE_DOMAIN, settings.CSRF_COOKIE_DOMAIN],"
        " 'path': [settings.SESSION_COOKIE_PATH, settings.CSRF_COOKIE_PATH],"
        " 'csp': secure.get('Content-Security-Policy'), 'frame': secure.get('X-Frame-Options')}))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 60,
        MFA_ENCRYPTION_KEY="m" * 44,
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{ROOT / '.test-media' / 'production-headers.sqlite3'}",
        REDIS_URL="redis://127.0.0.1:6379/8",
        STRIPE_SECRET_KEY="sk_live_example",
        STRIPE_WEBHOOK_SECRET="whsec_example",
        TRUSTED_PROXY_COUNT="1",
    )
    (ROOT / ".test-media").mkdir(exist_ok=True)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["redirect"] == [301, "https://testserver/healthz"]
    assert found["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert found["session"] == "__Host-sessionid"
    assert found["csrf"] == "__Host-csrftoken"
    assert found["secure"] == [True, True]
    assert found["domain"] == [None, None]
    assert found["path"] == ["/", "/"]
    assert found["csp"] == PUBLIC_CSP
    assert found["frame"] == "DENY"


# Every route of config.urls, found by walking the resolver, so routes added later
# are covered without editing this file. Each pattern's regex is turned into one
# concrete path (the shortest the regex allows; "1" wherever a digit fits, so ids look like ids).
def _sample(parsed):
    """A string that the parsed regex matches: first branch, fewest repeats, first char class member."""
    out = []
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append("2" if chr(arg) == "1" else "1")
        elif name == "ANY":
            out.append("1")
        elif name == "IN":
            out.append(_sample_class(arg))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _high, item = arg
            out.append(_sample(item) * low)
        elif name == "SUBPATTERN":
            out.append(_sample(arg[-1]))
        elif name == "BRANCH":
            out.append(_sample(arg[1][0]))
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        else:
            raise AssertionError(f"no sample for regex op {name}: extend _sample")
    return "".join(out)


def _sample_class(items):
    ops = {str(op): arg for op, arg in items}
    if "NEGATE" in ops:
        return "1" if not any(str(op) == "LITERAL" and arg == ord("1") for op, arg in items) else "2"
    for op, arg in items:
        if str(op) == "LITERAL":
            return chr(arg)
        if str(op) == "RANGE":
            return chr(arg[0])
        if str(op) == "CATEGORY":
            return "1" if "DIGIT" in str(arg) or "WORD" in str(arg) else "a"
    raise AssertionError(f"no sample for character class {items}")


def _route_regexes(patterns, prefix=""):
    for entry in patterns:
        regex = entry.pattern.regex.pattern.removeprefix("^")
        if hasattr(entry, "url_patterns"):
            yield from _route_regexes(entry.url_patterns, prefix + regex)
        else:
            yield prefix + regex, entry


def every_route():
    """(path, pattern) for every URL pattern in config.urls, with sample values for its parameters."""
    import re._parser as sre_parse

    from django.urls import get_resolver

    routes = []
    for regex, entry in _route_regexes(get_resolver().url_patterns):
        path = "/" + _sample(sre_parse.parse(regex))
        assert re.fullmatch(regex.removesuffix("$").replace(r"\Z", ""), path[1:]), (regex, path)
        routes.append((path, entry))
    return routes


def assert_headers_for(response, url):
    if url.startswith("/admin/"):
        assert response["Content-Security-Policy"] == ADMIN_CSP, url
        assert response["X-Frame-Options"] == "SAMEORIGIN", url
        for name, value in COMMON.items():
            assert response[name] == value, (url, name)
    else:
        assert_public_headers(response, url)


# Wagtail's /admin/failwhale/ raises on purpose, to try the error page.
RAISES_ON_PURPOSE = {"wagtailadmin_error_test"}


def is_logout(route):
    path, entry = route
    return "logout" in path or "logout" in (entry.name or "")


def walk_routes(client, routes):
    from django.urls import resolve

    for path, entry in routes:
        resolve(path)  # the sample path reaches a view, not a 404 from the resolver
        if entry.name in RAISES_ON_PURPOSE:
            continue
        response = client.get(path)
        assert response.status_code < 500, (path, entry, response.status_code)
        assert_headers_for(response, path)
    return routes


@pytest.mark.django_db
def test_every_url_pattern_carries_the_exact_headers_for_readers(client, demo_site):
    routes = walk_routes(client, every_route())
    paths = {path for path, _ in routes}
    # The walk really reaches the machinery the issue names.
    for expected in ("/sitemap.xml", "/robots.txt", "/healthz", "/accounts/login/", "/admin/"):
        assert expected in paths, expected
    assert any(path.startswith("/donate/") for path in paths)
    assert any(path.startswith("/en/") for path in paths)
    assert len(routes) > 100


@pytest.mark.django_db
def test_every_url_pattern_carries_the_exact_headers_for_staff(client, demo_site):
    make_staff("amina", secret=SECRET, superuser=True)
    log_in(client, "amina", totp_code(SECRET))
    assert client.get("/admin/").status_code == 200
    routes = every_route()
    walk_routes(client, [route for route in routes if not is_logout(route)])
    assert client.get("/admin/").status_code == 200, "the walk logged staff out half-way"
    walk_routes(client, [route for route in routes if is_logout(route)])


def live_page_types():
    """One live instance of every Page subclass that has any, found through Wagtail's registry."""
    from wagtail.models import get_page_models

    found = {}
    for model in get_page_models():
        page = model.objects.live().public().exclude(depth=1).exact_type(model).first()
        if page is not None:
            found[model] = page
    return found


@pytest.mark.django_db
def test_every_page_type_carries_the_exact_headers(client, demo_site):
    pages = live_page_types()
    assert len(pages) >= 5, pages
    for model, page in pages.items():
        response = client.get(page.url)
        assert response.status_code == 200, (model, page.url)
        assert_public_headers(response, page.url)
    make_staff("amina", secret=SECRET, superuser=True)
    log_in(client, "amina", totp_code(SECRET))
    for model, page in pages.items():
        response = client.get(page.url)
        assert response.status_code == 200, (model, page.url)
        assert_public_headers(response, page.url)
        for url in (f"/admin/pages/{page.pk}/edit/", f"/admin/pages/{page.pk}/edit/preview/?mode="):
            response = client.get(url)
            assert response.status_code == 200, (model, url)
            assert_headers_for(response, url)
