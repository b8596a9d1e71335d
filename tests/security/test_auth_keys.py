"""The key that encrypts TOTP secrets: its own, required in production, and rotatable."""

import io

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.settings_probe import case
from tests.staff_helpers import make_staff, recovery_codes, totp_code
from tests.test_settings import PRODUCTION_ENV

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
OLD_KEY = "old-mfa-key-" + "o" * 32
NEW_KEY = "new-mfa-key-" + "n" * 32


def stored(user):
    return dict(Authenticator.objects.filter(user=user).values_list("type", "data"))


WEAK_KEYS = [
    case(f"mfa key {label}", {**PRODUCTION_ENV, "MFA_ENCRYPTION_KEY": key})
    for label, key in (("is the secret key", PRODUCTION_ENV["SECRET_KEY"]), ("too short", "too-short"))
]


def test_production_refuses_an_mfa_key_that_is_the_secret_key_or_short(settings_cases):
    for name in WEAK_KEYS:
        error = settings_cases[name].error
        assert error and "MFA_ENCRYPTION_KEY must be at least 32 characters and differ from SECRET_KEY" in error


@pytest.mark.django_db
def test_rotating_the_key_keeps_every_authenticator_working(settings):
    demo_key = settings.MFA_ENCRYPTION_KEY  # the seeded demo accounts' secrets
    settings.MFA_ENCRYPTION_KEY = OLD_KEY
    user = make_staff("amina", secret=SECRET, superuser=True, recovery=True)
    codes = recovery_codes(user)
    before = stored(user)

    settings.MFA_ENCRYPTION_KEY, settings.MFA_ENCRYPTION_KEY_FALLBACKS = NEW_KEY, [OLD_KEY, demo_key]
    out = io.StringIO()
    call_command("reencrypt_mfa_secrets", stdout=out)
    assert "MFA secrets encrypted with the current MFA_ENCRYPTION_KEY" in out.getvalue()
    after = stored(user)
    assert after["totp"]["secret"] != before["totp"]["secret"]
    assert after["recovery_codes"]["seed"] != before["recovery_codes"]["seed"]

    settings.MFA_ENCRYPTION_KEY_FALLBACKS = []  # the old keys are gone
    assert TOTP(Authenticator.objects.get(user=user, type="totp")).validate_code(totp_code(SECRET))
    assert recovery_codes(user) == codes


@pytest.mark.django_db
def test_reencrypting_without_the_old_key_changes_nothing_and_says_why(settings):
    demo_key = settings.MFA_ENCRYPTION_KEY
    settings.MFA_ENCRYPTION_KEY = OLD_KEY
    user = make_staff("amina", secret=SECRET, superuser=True, recovery=True)
    before = stored(user)
    settings.MFA_ENCRYPTION_KEY, settings.MFA_ENCRYPTION_KEY_FALLBACKS = NEW_KEY, [demo_key]  # OLD_KEY forgotten
    with pytest.raises(CommandError, match=f"user {user.pk}\\) cannot be decrypted .* nothing was changed"):
        call_command("reencrypt_mfa_secrets")
    assert stored(user) == before
