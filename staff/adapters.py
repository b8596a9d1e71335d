"""allauth adapters: no public sign-up, MFA by MFA only, TOTP secrets encrypted at rest."""

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ImproperlyConfigured

from core.ratelimit import client_ip

from .second_factor import has_second_factor
from .tasks import send_account_mail

PREFIX = "fernet:"


class StaffAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Staff are invited: an administrator creates the user, who sets a password by reset email."""
        return False

    def get_client_ip(self, request):
        """The validated client address the site's own limits use (core.ratelimit), for allauth's
        per-address login limits and the address in its security notices: the proxy's
        address would put every reader in one bucket, and allauth's own reading of
        X-Forwarded-For does not know TRUSTED_PROXY_COUNT.
        """
        return client_ip(request)

    def send_mail(self, template_prefix, email, context):
        """Rendered now, in the request's language and site; sent by the task worker.

        A slow or failing mail server then never slows or breaks a login, and every
        security notice (ACCOUNT_EMAIL_NOTIFICATIONS) waits in the queue until it is sent.
        """
        request = allauth_context.request
        context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        message = self.render_mail(template_prefix, email, context)
        html = [
            alternative.content
            for alternative in getattr(message, "alternatives", [])
            if alternative.mimetype == "text/html"
        ]
        send_account_mail.enqueue(
            message.subject, message.body, message.from_email, message.to, html[0] if html else ""
        )

    def get_reauthentication_methods(self, user):
        """A user with a second factor re-authenticates with it: a password alone is not offered.

        allauth's password re-authentication view then sends such a user on to the
        MFA one, so no password-only re-authentication is ever recorded for them.
        """
        methods = super().get_reauthentication_methods(user)
        if user.is_authenticated and has_second_factor(user):
            return [method for method in methods if method["id"].startswith("mfa_reauthenticate")]
        return methods


def _fernet_key(material):
    # Any string of key material becomes a Fernet key the same way, so what the
    # key encrypted before it was moved to the fallbacks still decrypts.
    digest = hashlib.sha256(("seher-mfa:" + material).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _fernet():
    """Encrypts with MFA_ENCRYPTION_KEY; decrypts with it or any of MFA_ENCRYPTION_KEY_FALLBACKS."""
    if not settings.MFA_ENCRYPTION_KEY:
        raise ImproperlyConfigured("MFA_ENCRYPTION_KEY is needed to encrypt TOTP secrets")
    keys = [settings.MFA_ENCRYPTION_KEY, *settings.MFA_ENCRYPTION_KEY_FALLBACKS]
    return MultiFernet([_fernet_key(material) for material in keys])


class EncryptedMFAAdapter(DefaultMFAAdapter):
    """Stores TOTP secrets and recovery-code seeds encrypted (Fernet: AES-128-CBC with HMAC-SHA256)."""

    def encrypt(self, text):
        return PREFIX + _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text):
        if not encrypted_text.startswith(PREFIX):
            return encrypted_text  # written before encryption was turned on
        try:
            return _fernet().decrypt(encrypted_text.removeprefix(PREFIX).encode()).decode()
        except InvalidToken as error:
            raise ImproperlyConfigured(
                "an MFA secret cannot be decrypted: is the key that wrote it in MFA_ENCRYPTION_KEY_FALLBACKS?"
            ) from error
