"""The one-click link that stops news by email withdraws only its own donor's consent, and only when signed.

The attacker holds a link from their own email (or makes one up) and tries to stop
another donor's news, or to learn whether an address gave: a changed token, another
donor's address in the payload, or a token signed for something else.
"""

import pytest
from django.core import signing

from donate.manage_links import manage_link_token
from donate.models import Gift
from donate.updates import UPDATES_SALT, withdraw_token

VICTIM = "victim@example.org"
VICTIM_PAYLOAD = b'{"email":"victim@example.org"}'
DOTLESS_I = "\u0131"  # the dotless i, which Unicode case rules fold to "I"


@pytest.fixture
def two_donors(donate_page):
    def consenting(email):
        return Gift.objects.create(
            amount="2500",
            currency="PKR",
            status="paid",
            donor_email=email,
            updates_consent_at="2026-11-01T10:00Z",
            updates_consent_wording="Email me news",
        )

    return consenting("attacker@example.org"), consenting("victim@example.org")


def still_subscribed(gift):
    gift.refresh_from_db()
    return gift.updates_withdrawn_at is None


@pytest.mark.django_db
def test_the_link_withdraws_in_one_click_and_a_look_changes_nothing(client, two_donors):
    attacker, victim = two_donors
    url = f"/en/gift/stop-emails/{withdraw_token('attacker@example.org')}/"
    page = client.get(url)  # a mail scanner opening the link
    assert page.status_code == 200
    assert still_subscribed(attacker)
    done = client.post(url)  # no CSRF token: a mail program's one-click POST (RFC 8058)
    assert done.status_code == 200
    assert 'role="status"' in done.content.decode()
    assert not still_subscribed(attacker)
    assert still_subscribed(victim)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # changed signature
        lambda token: token.replace(token.split(":")[0], signing.b64_encode(VICTIM_PAYLOAD).decode()),
        lambda token: signing.Signer(salt="another.purpose").sign_object({"email": VICTIM}),
        lambda token: signing.Signer(salt=UPDATES_SALT, key="not-our-key").sign_object({"email": VICTIM}),
        # a token this site signs for something else
        lambda token: manage_link_token(Gift(pk=1, stripe_customer_id="victim@example.org")),
        lambda token: "victim@example.org",
    ],
    ids=["tampered", "payload-swapped", "other-salt", "other-key", "manage-link-token", "bare-address"],
)
def test_a_forged_or_other_token_withdraws_nothing(client, two_donors, forge):
    attacker, victim = two_donors
    token = forge(withdraw_token("attacker@example.org"))
    response = client.post(f"/en/gift/stop-emails/{token}/")
    assert response.status_code in (400, 404)
    assert still_subscribed(victim)
    assert still_subscribed(attacker)


@pytest.mark.django_db
def test_a_look_alike_address_withdraws_nothing(client, two_donors):
    """The dotless i (U+0131) matches 'I' under Unicode case rules; mailboxes match on ASCII case only."""
    _attacker, victim = two_donors
    client.post(f"/en/gift/stop-emails/{withdraw_token(VICTIM.replace('i', DOTLESS_I))}/")
    assert still_subscribed(victim)
    client.post(f"/en/gift/stop-emails/{withdraw_token('VICTIM@example.org')}/")
    assert not still_subscribed(victim)  # the same mailbox, typed in capitals
