"""Attacks on staff sessions: no route gives a user with a second factor a session without it.

Each test runs the attack and asserts on what it leaves behind (the session, the rows),
never on a later request that would log the attacker out first.
"""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.views import LoginView, PasswordChangeView, PasswordResetConfirmView, PasswordResetView
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLResolver, get_resolver, resolve
from django.urls import path as mount
from django.urls.exceptions import Resolver404
from django.utils import translation
from django.utils.regex_helper import normalize
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from config.urls import urlpatterns as site_urlpatterns
from staff.models import AuditEvent
from tests.staff_helpers import PASSWORD, make_staff

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
LANGUAGES = ("en", "ur")
# The site with one more side door, as a package or a later change might add one.
urlpatterns = [mount("side-door/", LoginView.as_view(template_name="wagtailcore/login.html")), *site_urlpatterns]


def walk(patterns, prefix=""):
    for pattern in patterns:
        regex = prefix + pattern.pattern.regex.pattern.lstrip("^").removesuffix(r"\Z").removesuffix("$")
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, regex)
        else:
            yield regex


def every_route():
    """One concrete path for each URL pattern the site mounts, in each language, with its view.

    Parameters are filled with "1" (or left empty, for Wagtail's page catch-all),
    and each path is checked to resolve, so the walk sees what a visitor can reach.
    """
    routes = {}
    for language in LANGUAGES:
        with translation.override(language):
            for regex in walk(get_resolver().url_patterns):
                for pattern, params in normalize(regex):
                    for value in ("1", ""):
                        path = "/" + pattern % dict.fromkeys(params, value)
                        try:
                            routes.setdefault(path, resolve(path).func)
                        except Resolver404:
                            continue
                        break
                    else:
                        raise AssertionError(f"no path found for {regex}")
    return dict(sorted(routes.items()))


@pytest.mark.django_db
def test_the_walk_reaches_the_login_forms():
    paths = every_route()
    for path in ("/accounts/login/", "/admin/login/", "/en/_util/login/", "/ur/_util/login/", "/admin/account/"):
        assert path in paths


@pytest.mark.django_db
def test_no_django_or_wagtail_login_view_answers_any_route():
    """Django's and Wagtail's login, password-reset and password-change views know nothing
    of the second factor, the owner's notices or the audit trail. On main, /en/_util/login/
    and /ur/_util/login/ resolved to Django's LoginView.
    """
    side_doors = (LoginView, PasswordResetView, PasswordResetConfirmView, PasswordChangeView)
    found = []
    for path, view in every_route().items():
        view_class = getattr(view, "view_class", None)
        if view_class is not None and issubclass(view_class, side_doors):
            found.append((path, view_class.__qualname__))
    assert found == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_front_end_login_gives_no_session_to_a_user_with_totp(client, language):
    """The attack, as it worked on main in November 2026:

    1. POST a staff user's username and password to Wagtail's front-end login
       /en/_util/login/ (or /ur/...): 302, and a logged-in session, no code asked for.
    2. With it, /accounts/2fa/totp/deactivate/ asked only for the password again
       (/accounts/reauthenticate/) and removed the TOTP authenticator.
    3. /admin/ then sent the session to TOTP set-up; the attacker scanned their own
       secret and had the admin, from a password alone.
    Main failed the first assertion: the session held _auth_user_id.
    """
    user = make_staff("amina", secret=SECRET, superuser=True)
    client.post(f"/{language}/_util/login/", {"username": "amina", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    client.post("/accounts/2fa/totp/deactivate/", {})
    assert "_auth_user_id" not in client.session
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).count() == 1
    assert not AuditEvent.objects.filter(kind__in=["login", "mfa_removed"]).exists()


@pytest.mark.django_db
def test_no_route_logs_in_with_a_password_alone():
    """Every URL the site mounts, in both languages, is sent the username and password
    of a user with TOTP in every field name a login form uses. None may leave a session.
    On main, /en/_util/login/ and /ur/_util/login/ (Wagtail's front-end login, a plain
    Django LoginView) left one.
    """
    make_staff("amina", secret=SECRET, superuser=True)
    credentials = {"username": "amina", "login": "amina", "email": "amina@example.org", "password": PASSWORD}
    opened = []
    for path in every_route():
        client = Client()
        client.post(path, credentials)
        if "_auth_user_id" in client.session:
            opened.append(path)
        cache.clear()  # each route gets its own rate-limit budget
    assert opened == []
    assert not AuditEvent.objects.filter(kind="login").exists()


@pytest.mark.django_db
def test_a_session_that_skipped_mfa_gets_nothing_anywhere():
    """A session for a user with TOTP that never passed it (made by a side door; here
    force_login stands in for one) must get no answer but the login page, on any route.
    On main, only /admin/ refused it: /accounts/email/, /accounts/2fa/totp/deactivate/,
    /accounts/password/change/, private pages and documents all answered.
    """
    user = make_staff("amina", secret=SECRET, superuser=True)
    answered = []
    for path in every_route():
        client = Client()
        client.force_login(user)
        response = client.get(path)
        refused = response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        if "_auth_user_id" in client.session or not refused:
            answered.append((path, response.status_code))
    assert answered == []
    assert AuditEvent.objects.filter(kind="session_refused", user=user).exists()


@pytest.mark.django_db
def test_a_session_that_skipped_mfa_reads_no_private_page_or_document(client):
    """Attack (main, November 2026): with the session from the front-end login (see above),
    Wagtail served pages and documents restricted to logged-in users, as only /admin/
    checked for MFA. Main failed the first assertion: the document was sent.
    """
    user = make_staff("amina", secret=SECRET, superuser=True)
    private = Collection.get_first_root_node().add_child(name="Safeguarding")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    document = get_document_model().objects.create(
        title="Case review", file=SimpleUploadedFile("review.pdf", b"%PDF-1.4 private"), collection=private
    )
    about = Page.objects.get(slug="about", locale__language_code="en")
    PageViewRestriction.objects.create(page=about, restriction_type="login")

    client.force_login(user)  # the session a side door would have made
    response = client.get(document.url)
    assert not response.streaming and b"private" not in response.content
    assert "_auth_user_id" not in client.session

    client.force_login(user)
    response = client.get(about.url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_side_door_added_later_still_leaves_no_session(client):
    """Defence in depth: a view that logs in on a password alone (here Django's LoginView
    at /side-door/) has its session undone as the answer leaves. On main only a later
    visit to /admin/ would have undone it.
    """
    user = make_staff("amina", secret=SECRET, superuser=True)
    response = client.post("/side-door/", {"username": "amina", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response["Location"].startswith("/accounts/login/")
    assert AuditEvent.objects.filter(kind="session_refused", user=user).exists()


@pytest.mark.django_db
def test_allauths_own_rate_limit_answers_the_sites_429_page():
    """A login flood from one address meets allauth's limit (30 a minute): a 429 page, never a 500.

    allauth renders the site's 429.html without the number of seconds the site's own limits
    pass it; on main that template then raised, and the flood got an error page.
    """
    make_staff("amina", secret=SECRET)
    flooder = Client()
    answers = [
        flooder.post("/accounts/login/", {"login": "amina", "password": f"guess-{n}"}).status_code for n in range(31)
    ]
    assert answers[-1] == 429
    page = flooder.post("/accounts/login/", {"login": "amina", "password": PASSWORD})
    assert page.status_code == 429
    assert "Please wait a moment" in page.content.decode()
    assert "_auth_user_id" not in flooder.session
