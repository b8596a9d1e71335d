"""Write logins, failures and MFA changes to the audit trail."""

from allauth.account.internal.flows.login import record_authentication
from allauth.account.signals import password_changed, password_reset, password_set
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import record, typed_login_name


@receiver(user_logged_in, dispatch_uid="staff-audit-login")
def on_login(sender, request, user, **kwargs):
    record(request, "login", user=user)


@receiver(user_logged_out, dispatch_uid="staff-audit-logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(request, "logout", user=user)


@receiver(user_login_failed, dispatch_uid="staff-audit-login-failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    typed = credentials.get("username") or credentials.get("email") or ""
    record(request, "login_failed", username=typed_login_name(typed))


@receiver(password_reset, dispatch_uid="staff-audit-password-reset")
def on_password_reset(sender, request, user, **kwargs):
    record(request, "password_reset", user=user)


@receiver(password_changed, dispatch_uid="staff-audit-password-changed")
@receiver(password_set, dispatch_uid="staff-audit-password-set")
def on_password_changed(sender, request, user, **kwargs):
    record(request, "password_changed", user=user)


@receiver(mfa_signals.authenticator_reset, dispatch_uid="staff-audit-recovery-codes")
def on_authenticator_reset(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        record(request, "recovery_codes_generated", user=user)


@receiver(mfa_signals.authenticator_added, dispatch_uid="staff-audit-mfa-added")
def on_authenticator_added(sender, request, user, authenticator, **kwargs):
    record(request, "mfa_added", user=user, detail=authenticator.type)
    if request is not None and authenticator.type in (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN):
        # Setting up a second factor means entering a valid code: this session has passed MFA.
        record_authentication(request, user, "mfa", type=authenticator.type, reason="activated")


@receiver(mfa_signals.authenticator_removed, dispatch_uid="staff-audit-mfa-removed")
def on_authenticator_removed(sender, request, user, authenticator, **kwargs):
    record(request, "mfa_removed", user=user, detail=authenticator.type)


@receiver(mfa_signals.authenticator_used, dispatch_uid="staff-audit-mfa-used")
def on_authenticator_used(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        record(request, "recovery_code_used", user=user)


@receiver(mfa_signals.authentication_failed, dispatch_uid="staff-audit-mfa-failed")
def on_mfa_failed(sender, request, user, **kwargs):
    record(request, "mfa_failed", user=user)
