"""Attacks on a staff member's second factor: changing it needs the second factor, never a password alone."""

import pytest
from allauth.mfa.models import Authenticator

from staff.models import AuditEvent
from tests.staff_helpers import PASSWORD, log_in, make_staff, totp_code

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
WEBAUTHN_STATE = "mfa.webauthn.state"  # allauth keeps a key registration in progress here


@pytest.fixture
def amina(client):
    """A superuser with TOTP and recovery codes, logged in through the full flow (password and code)."""
    user = make_staff("amina", secret=SECRET, superuser=True, recovery=True)
    log_in(client, "amina", totp_code(SECRET))
    assert client.session["_auth_user_id"] == str(user.pk)
    return user


def reauthenticate_with_password(client):
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})


def authenticators(user, kind):
    return list(Authenticator.objects.filter(user=user, type=kind).values_list("data", flat=True))


@pytest.mark.django_db
def test_removing_totp_refuses_a_password_reauthentication(client, amina):
    """Attack (main, November 2026): with a session someone left open, POST the password
    to /accounts/reauthenticate/, then POST /accounts/2fa/totp/deactivate/: the TOTP was
    gone, and the next login could set up the attacker's own. Main failed the row count.
    """
    reauthenticate_with_password(client)
    client.post("/accounts/2fa/totp/deactivate/", {})
    assert len(authenticators(amina, Authenticator.Type.TOTP)) == 1
    assert not AuditEvent.objects.filter(kind="mfa_removed").exists()


@pytest.mark.django_db
def test_adding_a_security_key_refuses_a_password_reauthentication(client, amina):
    """Attack (main): password to /accounts/reauthenticate/, then /accounts/2fa/webauthn/add/
    handed out a registration for the attacker's own key. Main failed the session check.
    """
    reauthenticate_with_password(client)
    response = client.get("/accounts/2fa/webauthn/add/")
    assert WEBAUTHN_STATE not in client.session
    client.post("/accounts/2fa/webauthn/add/", {"name": "attacker key", "credential": "{}"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")
    assert authenticators(amina, Authenticator.Type.WEBAUTHN) == []


@pytest.mark.django_db
def test_regenerating_recovery_codes_refuses_a_password_reauthentication(client, amina):
    """Attack (main): password to /accounts/reauthenticate/, then POST
    /accounts/2fa/recovery-codes/generate/: fresh codes for the attacker, the owner's
    old ones dead. Main failed the comparison of the stored codes.
    """
    before = authenticators(amina, Authenticator.Type.RECOVERY_CODES)
    reauthenticate_with_password(client)
    client.post("/accounts/2fa/recovery-codes/generate/", {})
    assert authenticators(amina, Authenticator.Type.RECOVERY_CODES) == before


@pytest.mark.django_db
def test_password_reauthentication_is_not_offered_to_a_user_with_a_second_factor(client, amina):
    response = client.get("/accounts/reauthenticate/?next=/accounts/2fa/totp/deactivate/")
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Fdeactivate%2F"
    reauthenticate_with_password(client)
    records = client.session["account_authentication_methods"]
    assert not [record for record in records if record.get("reauthenticated")]


@pytest.mark.django_db
def test_the_second_factor_replaces_the_authenticator(client, amina):
    """The owner's way: the code again at /accounts/2fa/reauthenticate/, then remove and set up anew."""
    response = client.post("/accounts/2fa/totp/deactivate/", {})
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")
    client.post("/accounts/2fa/reauthenticate/", {"code": totp_code(SECRET, offset=1)})
    client.post("/accounts/2fa/totp/deactivate/", {})
    assert authenticators(amina, Authenticator.Type.TOTP) == []
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    assert client.session["_auth_user_id"] == str(amina.pk)
