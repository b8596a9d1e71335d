"""Who has a second factor, whether this session passed it, and what needs it again."""

import time
from functools import wraps

from allauth.account import app_settings as account_settings
from allauth.account.authentication import get_authentication_records
from allauth.core.exceptions import ReauthenticationRequired
from allauth.mfa.models import Authenticator

SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def has_second_factor(user):
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


def passed_mfa(request):
    """This session passed a second factor (at login, on re-authentication or by setting one up)."""
    return any(entry.get("method") == "mfa" for entry in get_authentication_records(request, request.user))


def recently_proved_second_factor(request):
    """A code or key was given again within ACCOUNT_REAUTHENTICATION_TIMEOUT.

    Only a re-authentication by MFA counts, or setting up a new authenticator (which
    takes a valid code from it); the code given at login does not, as allauth holds too.
    """
    now = time.time()
    return any(
        entry.get("method") == "mfa"
        and (entry.get("reauthenticated") or entry.get("reason") == "activated")
        and now - entry.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT
        for entry in get_authentication_records(request, request.user)
    )


def second_factor_required(view):
    """Changing or reading a second factor needs the second factor, not a password re-entered.

    A user's first authenticator is added after the password alone, as allauth
    allows; from then on, allauth's middleware sends the request to re-authentication
    by MFA (the only method StaffAccountAdapter offers such a user) and resumes it.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and has_second_factor(user) and not recently_proved_second_factor(request):
            raise ReauthenticationRequired()
        return view(request, *args, **kwargs)

    return wrapper
