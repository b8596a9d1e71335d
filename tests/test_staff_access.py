"""Staff login: allauth with mandatory MFA, no side doors, single-use codes, audit."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core.cache import cache

from staff.models import AuditEvent

from .redis_helpers import delete_keys, redis_cache
from .staff_helpers import PASSWORD, has_admin_session, log_in, make_staff, recovery_codes, totp_code

ROOT = Path(__file__).resolve().parent.parent
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()  # rate-limit and used-code markers from other tests
    yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", ["/admin/login/", "/accounts/login/", "/admin/password_reset/", "/en/_util/login/", "/ur/_util/login/"]
)
def test_a_correct_password_alone_opens_no_admin_session(client, route):
    make_staff("amina", secret=SECRET, superuser=True)
    client.post(route, {"username": "amina", "login": "amina", "password": PASSWORD, "email": "amina@example.org"})
    # The session first: a request to /admin/ would log a half-made session out and hide it.
    assert "_auth_user_id" not in client.session
    assert not has_admin_session(client)


@pytest.mark.django_db
def test_wagtail_login_and_password_reset_go_to_allauth(client):
    assert client.get("/admin/login/?next=/admin/pages/")["Location"] == "/accounts/login/?next=/admin/pages/"
    assert client.get("/admin/password_reset/")["Location"] == "/accounts/password/reset/"
    assert client.get("/admin/password_reset/done/")["Location"] == "/accounts/password/reset/"
    from django.conf import settings

    assert "django.contrib.admin" not in settings.INSTALLED_APPS
    assert client.get("/en/django-admin/").status_code == 404


@pytest.mark.django_db
def test_password_then_totp_opens_the_admin(client):
    make_staff("amina", secret=SECRET, superuser=True)
    step = log_in(client, "amina")
    assert step["Location"].startswith("/accounts/2fa/authenticate/")
    assert not has_admin_session(client)
    log_in_response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(SECRET)})
    assert log_in_response.status_code == 302
    assert has_admin_session(client)


@pytest.mark.django_db
def test_user_without_mfa_reaches_only_the_mfa_setup(client):
    make_staff("bilal", group="Editors")
    log_in(client, "bilal")
    for path in ("/admin/", "/admin/pages/", "/admin/images/", "/admin/users/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == "/accounts/2fa/totp/activate/", path
    # allauth asks for the password again before a second factor is added, then shows the set-up.
    assert client.get("/accounts/2fa/totp/activate/")["Location"].startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    assert AuditEvent.objects.filter(kind="mfa_required", username="bilal").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_setting_up_totp_opens_the_admin(client):
    """Real commits, so allauth's on-commit signal runs inside the request as in production."""
    make_staff("bilal", group="Editors")
    log_in(client, "bilal")
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/").content.decode()
    secret = client.session["mfa.totp.secret"]
    assert secret in page
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert has_admin_session(client)
    assert AuditEvent.objects.filter(kind="mfa_added", username="bilal").exists()


@pytest.mark.django_db
def test_a_session_that_skipped_mfa_is_refused(client):
    user = make_staff("amina", secret=SECRET, superuser=True)
    client.force_login(user)  # a session opened some other way than allauth's login
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind="session_refused").exists()


@pytest.mark.django_db
def test_a_totp_code_works_once(client):
    make_staff("amina", secret=SECRET, superuser=True)
    code = totp_code(SECRET)
    log_in(client, "amina", code)
    assert has_admin_session(client)
    client.post("/accounts/logout/")
    response = log_in(client, "amina", code)
    assert response.status_code == 200  # the form again, with an error
    assert not has_admin_session(client)
    assert AuditEvent.objects.filter(kind="mfa_failed").exists()


@pytest.mark.django_db
def test_a_code_used_in_another_process_is_refused_here(settings):
    """Two app servers share Redis; a code used on one must fail on the other.

    The key prefix is this run's own, and no FLUSHDB: CI runs the suite on SQLite and
    on PostgreSQL at once, against one Redis.
    """
    prefix = f"seher-staff-test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:6379/6", prefix)}
    user = make_staff("amina", secret=SECRET, superuser=True)
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    code = totp_code(SECRET)
    other_process = (
        "import django; django.setup()\n"
        "import os\n"
        "from django.conf import settings\n"
        "settings.CACHES['default']['KEY_PREFIX'] = os.environ['PREFIX']\n"
        "from allauth.mfa.models import Authenticator\n"
        "from allauth.mfa.totp.internal.auth import TOTP\n"
        "a = Authenticator(user_id=int(os.environ['USER_ID']), type='totp', data={'secret': os.environ['DATA']})\n"
        "print(TOTP(a).validate_code(os.environ['CODE']))\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        REDIS_URL="redis://127.0.0.1:6379/6",
        USER_ID=str(user.pk),
        DATA=authenticator.data["secret"],
        CODE=code,
        PREFIX=prefix,
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", other_process], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "True", result.stderr[-2000:]
    assert TOTP(authenticator).validate_code(code) is False
    delete_keys("redis://127.0.0.1:6379/6", prefix)


@pytest.mark.django_db
def test_recovery_codes_work_once_each(client):
    user = make_staff("amina", secret=SECRET, superuser=True, recovery=True)
    first, second = recovery_codes(user)[:2]
    log_in(client, "amina", first)
    assert has_admin_session(client)
    client.post("/accounts/logout/")
    log_in(client, "amina", first)
    assert not has_admin_session(client)
    client.post("/accounts/logout/")
    log_in(client, "amina", second)
    assert has_admin_session(client)
    assert AuditEvent.objects.filter(kind="recovery_code_used").count() == 2


@pytest.mark.django_db
def test_sign_up_is_closed(client):
    response = client.get("/accounts/signup/")
    assert "closed" in response.content.decode().lower()
    client.post(
        "/accounts/signup/",
        {"username": "intruder", "email": "i@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert not get_user_model().objects.filter(username="intruder").exists()


@pytest.mark.django_db
def test_login_by_emailed_code_is_off(client):
    assert client.get("/accounts/login/code/", follow=True).status_code == 404


@pytest.mark.django_db
def test_failed_logins_are_rate_limited_as_allauth_documents(client):
    make_staff("amina", secret=SECRET, superuser=True)
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": "amina", "password": "wrong-password"})
        assert response.status_code == 200
    # The sixth attempt for the same account within five minutes is refused, even with the right password.
    response = client.post("/accounts/login/", {"login": "amina", "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()
    assert not client.session.get("account_login")
    assert AuditEvent.objects.filter(kind="login_failed", username="amina").count() == 5


@pytest.mark.django_db
def test_totp_secret_is_encrypted_at_rest():
    user = make_staff("amina", secret=SECRET, superuser=True)
    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    assert SECRET not in stored
    assert stored.startswith("fernet:")
    assert TOTP(Authenticator.objects.get(pk=Authenticator.objects.get(user=user, type="totp").pk)).validate_code(
        totp_code(SECRET)
    )


@pytest.mark.django_db
def test_logins_are_audited(client):
    make_staff("amina", secret=SECRET, superuser=True)
    client.post("/accounts/login/", {"login": "amina", "password": "wrong-password"})
    log_in(client, "amina", totp_code(SECRET))
    kinds = list(AuditEvent.objects.order_by("created_at").values_list("kind", flat=True))
    assert kinds[0] == "login_failed"
    assert "login" in kinds
    event = AuditEvent.objects.get(kind="login")
    assert event.ip_address == "127.0.0.1"
    assert PASSWORD not in str(list(AuditEvent.objects.values()))


@pytest.mark.django_db
def test_passwords_change_only_through_allauth(client):
    """Wagtail's own password form would change it with no notice to the owner and nothing in the audit trail."""
    make_staff("amina", secret=SECRET, superuser=True)
    log_in(client, "amina", totp_code(SECRET))
    page = client.get("/admin/account/").content.decode()
    assert 'name="password-old_password"' not in page
