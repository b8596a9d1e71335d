"""Mandatory MFA for the staff area, and a record of permission denials."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from .audit import record

ADMIN_PREFIX = "/admin/"
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def wagtail_denied(request, response):
    """Wagtail answers most denials with a redirect to the admin home and an error message, not a 403."""
    from django.contrib.messages import constants

    if response.status_code != 302 or response.get("Location") != reverse("wagtailadmin_home"):
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", [])  # read without consuming
    return any(message.level == constants.ERROR for message in queued)


def passed_mfa(request):
    return any(entry.get("method") == "mfa" for entry in get_authentication_records(request, request.user))


class MandatoryMFAMiddleware:
    """Everyone who reaches /admin/ has a second factor and used it for this session.

    - Logged in, but no TOTP or security key yet: sent to set one up; nothing else
      in the admin opens until then.
    - Has a second factor, but this session never passed it (e.g. a session made
      some other way than allauth's login): logged out and sent to log in again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIX) and request.user.is_authenticated:
            refusal = self.refuse(request)
            if refusal is not None:
                return refusal
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIX) and (
            response.status_code == 403 or wagtail_denied(request, response)
        ):
            record(request, "permission_denied", detail=f"{response.status_code} on {request.path[:200]}")
        return response

    def refuse(self, request):
        user = request.user
        if not Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists():
            record(request, "mfa_required")
            messages.warning(request, "Set up an authenticator app before using the staff area.")
            return redirect(reverse("mfa_activate_totp"))
        if not passed_mfa(request):
            record(request, "session_refused")
            logout(request)
            return redirect(f"{reverse('account_login')}?next={request.path}")
        return None
