"""The donate form: server-side validation, abuse limits, Stripe outages, and who sees gift records."""

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from donate.models import Gift

from .donate_helpers import gift_form
from .search_budget import examples
from .staff_helpers import log_in, make_staff, totp_code

SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


@pytest.fixture(autouse=True)
def clear_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"amount": "abc"}, "Enter an amount as a number"),
        ({"amount": "25.555", "currency": "USD"}, "at most two decimal places"),
        ({"amount": "499", "currency": "PKR"}, "smallest gift"),
        ({"amount": "4", "currency": "USD"}, "smallest gift"),
        ({"amount": "10001", "currency": "GBP"}, "bank transfer"),
        ({"currency": "JPY"}, "Select a valid choice"),
        ({"frequency": "weekly"}, "Select a valid choice"),
        ({"amount": "NaN"}, "two decimal places"),
        ({"website": "http://spam.example"}, "leave this field empty"),
    ],
)
def test_invalid_gifts_re_render_with_a_message_and_never_reach_stripe(
    client,
    donate_page,
    stripe_double,
    overrides,
    message,
):
    response = client.post(donate_page.url, gift_form(**overrides))
    assert response.status_code == 400
    body = response.content.decode()
    assert message.lower() in body.lower()
    assert 'role="alert"' in body
    assert stripe_double.requests == []
    assert not Gift.objects.exists()


@pytest.mark.django_db
def test_input_is_kept_when_the_form_comes_back(client, donate_page, stripe_double):
    body = client.post(donate_page.url, gift_form(amount="12.345", currency="USD", dedication="My teacher")).content
    assert b'value="12.345"' in body
    assert b'value="My teacher"' in body


@pytest.mark.django_db
def test_more_than_ten_checkouts_a_minute_get_429(client, donate_page, stripe_double, frozen_ratelimit_clock):
    codes = [client.post(donate_page.url, gift_form()).status_code for _ in range(11)]
    assert codes[:10] == [303] * 10
    assert codes[10] == 429
    assert len(stripe_double.requests) == 10


@pytest.mark.django_db
def test_stripe_down_keeps_the_gift_pending_and_retry_works(client, donate_page, stripe_double, caplog):
    stripe_double.fail_api = True
    response = client.post(donate_page.url, gift_form(amount="3000"))
    assert response.status_code == 503
    assert "Nothing has been charged" in response.content.decode()
    assert 'value="3000"' in response.content.decode()
    assert Gift.objects.get().status == "pending"
    assert "could not start checkout" in caplog.text
    stripe_double.fail_api = False
    retry = client.post(donate_page.url, gift_form(amount="3000"))
    assert retry.status_code == 303
    assert Gift.objects.filter(status="pending").count() == 2


@pytest.mark.django_db
def test_thank_you_page_never_marks_paid(client, donate_page, stripe_double):
    client.post(donate_page.url, gift_form())
    gift = Gift.objects.get()
    for _ in range(3):
        assert "being confirmed" in client.get(f"/en/gift/{gift.reference}/thank-you/").content.decode()
    gift.refresh_from_db()
    assert gift.status == "pending"
    assert client.get("/en/gift/00000000-0000-0000-0000-000000000000/thank-you/").status_code == 404


amounts = st.one_of(
    st.text(max_size=12),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**9), max_value=10**9).map(str),
    st.floats().map(str),
)


@pytest.mark.django_db
@hypothesis_settings(max_examples=examples(1000, quick=150), deadline=None, suppress_health_check=list(HealthCheck))
@given(
    amount=amounts,
    currency=st.one_of(st.sampled_from(["PKR", "USD", "GBP", "EUR"]), st.text(max_size=4)),
    frequency=st.one_of(st.sampled_from(["once", "monthly"]), st.text(max_size=8)),
    dedication=st.text(max_size=250),
    anonymous=st.sampled_from([None, "on", "x"]),
    cover_fees=st.sampled_from([None, "on"]),
)
def test_random_input_gets_a_redirect_or_a_form_error(
    client,
    donate_page,
    stripe_double,
    settings,
    amount,
    currency,
    frequency,
    dedication,
    anonymous,
    cover_fees,
):
    settings.DONATE_RATE_LIMIT = 10**9
    before = len(stripe_double.requests)
    data = {"amount": amount, "currency": currency, "frequency": frequency, "dedication": dedication, "website": ""}
    data.update({k: v for k, v in {"anonymous": anonymous, "cover_fees": cover_fees}.items() if v})
    data = {k: v.replace("\x00", "") for k, v in data.items()}
    response = client.post(donate_page.url, data)
    assert response.status_code in (303, 400)
    if response.status_code == 400:
        assert len(stripe_double.requests) == before  # an invalid gift never reaches Stripe
    else:
        assert len(stripe_double.requests) == before + 1


@pytest.mark.django_db
def test_only_finance_sees_gift_records(client, donate_page):
    make_staff("editor", group="Editors", secret=SECRET)
    log_in(client, "editor", totp_code(SECRET))
    assert client.get("/admin/gifts/").status_code in (302, 403)
    client.post("/accounts/logout/")
    cache.clear()
    make_staff("finance", group="Finance", secret=SECRET)
    log_in(client, "finance", totp_code(SECRET))
    Gift.objects.create(amount="2500", currency="PKR", status="paid", donor_email="amina@example.org")
    listing = client.get("/admin/gifts/", {"q": "amina"})
    assert listing.status_code == 200
    assert "amina@example.org" in listing.content.decode()
    export = client.get("/admin/gifts/", {"export": "csv"})
    assert export.status_code == 200
    assert "amina@example.org" in b"".join(export.streaming_content).decode()
    home = client.get("/admin/").content.decode()
    assert "This month&#x27;s gifts" in home or "This month's gifts" in home


@pytest.mark.django_db
def test_finance_can_record_an_offline_gift(client, donate_page):
    make_staff("finance", group="Finance", secret=SECRET)
    log_in(client, "finance", totp_code(SECRET))
    response = client.post(
        "/admin/gifts/new/",
        {
            "source": "bank_transfer",
            "status": "paid",
            "amount": "50000",
            "currency": "PKR",
            "frequency": "once",
            "campaign": "",
            "donor_name": "A donor",
            "donor_email": "",
            "dedication": "",
            "paid_at": "2026-11-20 10:00",
            "notes": "HBL ref 1234",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    gift = Gift.objects.get(source="bank_transfer")
    assert gift.stripe_checkout_session_id == ""
