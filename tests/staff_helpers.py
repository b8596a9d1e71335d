"""Helpers for logging staff in through the real allauth flow."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "a-long-staff-password-1"
EDITOR_SECRET = "JBSWY3DPEHPK3PXP"  # a TOTP secret for an editor logged in by a test


def totp_code(secret, offset=0):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def make_staff(username, group=None, secret=None, superuser=False, recovery=False):
    user_model = get_user_model()
    if superuser:
        user = user_model.objects.create_superuser(username, f"{username}@example.org", PASSWORD)
    else:
        user = user_model.objects.create_user(username, f"{username}@example.org", PASSWORD, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    if secret:
        TOTP.activate(user, secret)
    if recovery:
        RecoveryCodes.activate(user)
    return user


def recovery_codes(user):
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return RecoveryCodes(authenticator).get_unused_codes()


def log_in(client, username, code=None, password=PASSWORD):
    """Password step, then the MFA step when a code is given. Returns the last response."""
    response = client.post("/accounts/login/", {"login": username, "password": password})
    if code is not None:
        response = client.post("/accounts/2fa/authenticate/", {"code": code})
    return response


def has_admin_session(client):
    """Whether /admin/ opens. The request itself logs out a session that skipped MFA:
    to ask whether such a session exists, read client.session before calling this."""
    response = client.get("/admin/")
    return response.status_code == 200
