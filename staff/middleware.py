"""Mandatory MFA: for the staff area, and for every session of a user who has a second factor."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.messages import constants
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from .audit import record
from .second_factor import has_second_factor, passed_mfa

ADMIN_PREFIX = "/admin/"


def wagtail_denied(request, response):
    """Wagtail answers most denials with a redirect to the admin home and an error message, not a 403."""
    if response.status_code != 302 or response.get("Location") != reverse("wagtailadmin_home"):
        return False
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", [])  # read without consuming
    return any(message.level == constants.ERROR for message in queued)


def skipped_mfa(request):
    """A logged-in user who has a second factor, in a session that never passed it."""
    user = request.user
    # The session is read first, so a session that passed MFA costs no query.
    return user.is_authenticated and not passed_mfa(request) and has_second_factor(user)


class MandatoryMFAMiddleware:
    """One rule on every path: a user with a second factor has no session until it is passed.

    - A session of a user who has a second factor but never passed it (made by some
      other way than allauth's login) is logged out and sent to log in, whatever
      the path: before the view runs, and again after it, in case the view itself
      logged someone in. allauth's MFA step runs before login (the user is still
      anonymous then), so it is not affected.
    - In the staff area, a user without a TOTP or security key is sent to set one up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if skipped_mfa(request):
            return self.refuse(request)
        in_admin = request.path.startswith(ADMIN_PREFIX)
        if in_admin and request.user.is_authenticated and not has_second_factor(request.user):
            record(request, "mfa_required")
            messages.warning(request, "Set up an authenticator app before using the staff area.")
            return redirect(reverse("mfa_activate_totp"))
        user_before = request.user.pk
        response = self.get_response(request)
        if request.user.pk != user_before and skipped_mfa(request):  # the view logged someone in
            return self.refuse(request)
        if in_admin and (response.status_code == 403 or wagtail_denied(request, response)):
            record(request, "permission_denied", detail=f"{response.status_code} on {request.path[:200]}")
        return response

    def refuse(self, request):
        record(request, "session_refused")
        logout(request)
        return redirect(f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}")
