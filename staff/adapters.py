"""allauth adapters: no public sign-up, TOTP secrets encrypted at rest."""

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .second_factor import has_second_factor

PREFIX = "fernet:"


class StaffAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Staff are invited: an administrator creates the user, who sets a password by reset email."""
        return False

    def get_reauthentication_methods(self, user):
        """A user with a second factor re-authenticates with it: a password alone is not offered.

        allauth's password re-authentication view then sends such a user on to the
        MFA one, so no password-only re-authentication is ever recorded for them.
        """
        methods = super().get_reauthentication_methods(user)
        if user.is_authenticated and has_second_factor(user):
            return [method for method in methods if method["id"].startswith("mfa_reauthenticate")]
        return methods


def _fernet():
    key_material = getattr(settings, "MFA_ENCRYPTION_KEY", "") or settings.SECRET_KEY
    if not key_material:
        raise ImproperlyConfigured("MFA_ENCRYPTION_KEY or SECRET_KEY is needed to encrypt TOTP secrets")
    digest = hashlib.sha256(("seher-mfa:" + key_material).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


class EncryptedMFAAdapter(DefaultMFAAdapter):
    """Stores TOTP secrets encrypted (Fernet: AES-128-CBC with HMAC-SHA256)."""

    def encrypt(self, text):
        return PREFIX + _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text):
        if not encrypted_text.startswith(PREFIX):
            return encrypted_text  # written before encryption was turned on
        try:
            return _fernet().decrypt(encrypted_text.removeprefix(PREFIX).encode()).decode()
        except InvalidToken as error:
            raise ImproperlyConfigured("TOTP secret cannot be decrypted: was MFA_ENCRYPTION_KEY changed?") from error
