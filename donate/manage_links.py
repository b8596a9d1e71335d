"""Links that let a donor manage a monthly gift: signed, expiring after an hour, usable once."""

import secrets

from django.core import signing
from django.core.cache import cache

from .models import Gift

MANAGE_LINK_MAX_AGE = 60 * 60  # seconds a "manage my monthly gift" link stays valid
MANAGE_SALT = "donate.manage-monthly-gift"


def matching_address(stored, typed):
    """The same mailbox: equal ignoring ASCII case only.

    Unicode case rules make look-alikes equal: PostgreSQL's UPPER() and Python's
    casefold() turn the long s (U+017F) into 's' and the Turkish dotless i (U+0131)
    into 'I'. Mailboxes are matched on ASCII letters alone, so a look-alike typed by
    someone else never matches a donor's stored address.
    """
    if stored == typed:
        return True
    return stored.isascii() and typed.isascii() and stored.lower() == typed.lower()


def manage_link_token(gift):
    """A signed, expiring token for one monthly gift (and its Stripe customer), with a nonce so it can be used once."""
    payload = {"gift": gift.pk, "customer": gift.stripe_customer_id, "nonce": secrets.token_hex(16)}
    return signing.TimestampSigner(salt=MANAGE_SALT).sign_object(payload)


def redeem_manage_link_token(token):
    """The monthly gift a valid, unused token names, or None. Redeeming it uses it up.

    The used nonce is kept in the security cache (never culled, core/cache.py) for as
    long as the token could be valid. If that cache is down, `add` answers False and
    the link is refused: it fails closed, and the donor can ask for a new one.
    """
    try:
        data = signing.TimestampSigner(salt=MANAGE_SALT).unsign_object(token, max_age=MANAGE_LINK_MAX_AGE)
        gift_pk, customer, nonce = int(data["gift"]), str(data["customer"]), str(data["nonce"])
    except (signing.BadSignature, ValueError, TypeError, KeyError):
        return None
    if not cache.add(f"donate:manage-link-used:{nonce}", 1, timeout=MANAGE_LINK_MAX_AGE + 60):
        return None
    # The gift must still be that customer's running monthly gift.
    return (
        Gift.objects.filter(pk=gift_pk, stripe_customer_id=customer, frequency="monthly")
        .exclude(stripe_customer_id="")
        .first()
    )


def monthly_gift_for(typed_email):
    """The paid monthly gift whose stored address is the one typed (ASCII case aside), or None."""
    candidates = Gift.objects.filter(
        donor_email__iexact=typed_email, frequency="monthly", status=Gift.Status.PAID
    ).exclude(stripe_customer_id="")
    return next((gift for gift in candidates if matching_address(gift.donor_email, typed_email)), None)
