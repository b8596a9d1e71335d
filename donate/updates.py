"""Withdrawing consent to news by email: a signed link in every email sent to a donor, one click, no script."""

from django.core import signing
from django.utils import timezone

from .manage_links import matching_address
from .models import Gift

UPDATES_SALT = "donate.withdraw-updates"


def withdraw_token(email):
    """A signed token naming one address; it never expires, as old emails must keep working."""
    return signing.Signer(salt=UPDATES_SALT).sign_object({"email": email})


def email_from_token(token):
    try:
        return signing.Signer(salt=UPDATES_SALT).unsign_object(token)["email"]
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        return None


def withdraw(email):
    """Every consent given with this address (ASCII case aside) is withdrawn now; returns how many."""
    gifts = Gift.objects.filter(
        donor_email__iexact=email, updates_consent_at__isnull=False, updates_withdrawn_at__isnull=True
    )
    pks = [gift.pk for gift in gifts if matching_address(gift.donor_email, email)]
    return Gift.objects.filter(pk__in=pks).update(updates_withdrawn_at=timezone.now())
