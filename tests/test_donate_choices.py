"""The donate form's choices: currency first, amounts to tap, the monthly question, Zakat, news, the partner."""

import json
import re

import pytest
from django.core import mail
from wagtail.models import Locale

from donate.models import DonatePage, DonatePagePresetAmount, Gift, PartnerSettings

from .donate_helpers import LIVE, gift_form, give, session_id_from


def preset_values(html):
    """The amounts offered as radio buttons, in order ("other" last)."""
    return re.findall(r'name="preset"\s+value="([^"]+)"', html)


def presets_shown(html):
    return [value for value in preset_values(html) if value != "other"]


# What the page offers and who receives card gifts are set here, so that what these tests
# expect follows this file and not the demo's copy.
PRESETS = [
    *(("PKR", "once", amount, f"Rupee gift {amount}") for amount in (1000, 2500, 5000, 10000)),
    *(("PKR", "monthly", amount, f"Rupee month {amount}") for amount in (500, 1000, 2500, 5000)),
    *(("USD", "once", amount, f"Dollar gift {amount}") for amount in (10, 25, 50, 100)),
    *(("USD", "monthly", amount, f"Dollar month {amount}") for amount in (5, 10, 20, 35)),
]
PARTNER = {
    "name": "Example Partner Foundation",
    "country": "Ireland",
    "registration_number": "CHY 12345",
    "card_statement_name": "EXAMPLEPF* SEHER",
    "statement_descriptor_suffix": "SEHER",
    "tax_note": "Irish donors may ask about tax relief.",
}


@pytest.fixture
def donate_page(donate_page):
    """The donate page with this file's presets and partner."""
    DonatePagePresetAmount.objects.filter(page=donate_page).delete()
    for order, (currency, frequency, amount, description) in enumerate(PRESETS):
        DonatePagePresetAmount.objects.create(
            page=donate_page,
            locale=donate_page.locale,
            currency=currency,
            frequency=frequency,
            amount=amount,
            description=description,
            sort_order=order,
        )
    PartnerSettings.objects.update(**PARTNER)
    return donate_page


@pytest.fixture
def urdu_donate_page(demo_site):
    return DonatePage.objects.get(locale__language_code="ur")


@pytest.mark.django_db
def test_only_the_chosen_currency_and_frequency_offer_their_presets_with_what_they_do(client, donate_page):
    html = client.get(donate_page.url, {"currency": "PKR"}).content.decode()
    assert presets_shown(html) == ["1000", "2500", "5000", "10000"]
    assert preset_values(html)[-1] == "other"
    assert "Rupee gift 2500" in html
    assert "US$" not in re.sub(r'<script id="donate-presets".*?</script>', "", html, flags=re.S)

    monthly = client.get(donate_page.url, {"currency": "USD", "frequency": "monthly"}).content.decode()
    assert presets_shown(monthly) == ["5", "10", "20", "35"]
    assert "Dollar month 35" in monthly
    # A currency the page has no presets for falls back to the site's own, without descriptions.
    euros = client.get(donate_page.url, {"currency": "EUR"}).content.decode()
    assert presets_shown(euros) == ["10", "25", "50", "100"]


@pytest.mark.django_db
def test_the_script_gets_every_currency_and_frequency_as_data_not_code(client, donate_page):
    html = client.get(donate_page.url).content.decode()
    data = json.loads(re.search(r'<script id="donate-presets" type="application/json">(.*?)</script>', html)[1])
    assert [choice["value"] for choice in data["USD"]["once"]] == ["10", "25", "50", "100"]
    described = {"value": "2500", "label": "Rs 2,500", "description": "Rupee gift 2500"}
    assert data["PKR"]["once"][1] == described
    assert '<script src="/static/js/donate-form.js" defer></script>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header, currency",
    [
        ("ur", "PKR"),
        ("ur-PK,ur;q=0.9", "PKR"),
        ("en-PK,en;q=0.9", "PKR"),
        ("en-GB,en;q=0.9", "USD"),
        ("", "USD"),
        ("x" * 5000, "USD"),
    ],
)
def test_the_starting_currency_follows_the_browser_and_the_editor(client, donate_page, header, currency):
    donate_page.default_currency = "USD"
    donate_page.save_revision().publish()
    response = client.get(donate_page.url, HTTP_ACCEPT_LANGUAGE=header)
    assert re.search(rf'<option value="{currency}" selected>', response.content.decode())
    # One copy per browser, never one shared: the page depends on the header.
    assert "Accept-Language" in response["Vary"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_urdu_page_starts_in_rupees_and_says_the_payment_page_is_in_english(client, urdu_donate_page):
    urdu_donate_page.default_currency = "USD"
    urdu_donate_page.save_revision().publish()
    html = client.get(urdu_donate_page.url, HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<option value="PKR" selected>' in html
    note = re.search(r'<p class="donate-form__note">([^<]+)</p>\s*<button class="button donate-form__submit"', html)
    assert note, "the Urdu page says, just before the button, that the payment page is in English"
    assert "انگریزی" in note[1]


@pytest.mark.django_db
def test_switching_currency_without_script_keeps_every_answer_and_creates_nothing(client, donate_page, stripe_double):
    answers = gift_form(
        currency="USD",
        frequency="monthly",
        preset="2500",
        amount="",
        designation="zakat",
        dedication="My teacher",
        anonymous="on",
        updates="on",
        update_amounts="1",
    )
    response = client.post(donate_page.url, answers)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' not in html  # no error for a reload
    assert '<option value="USD" selected>' in html
    assert presets_shown(html) == ["5", "10", "20", "35"]  # USD monthly
    assert 'value="2500" checked' not in html  # the rupee preset does not carry over
    assert re.search(r'value="monthly"[^>]*checked', html)
    assert re.search(r'value="zakat"[^>]*checked', html)
    assert 'value="My teacher"' in html
    assert re.search(r'name="anonymous"[^>]*checked', html)
    assert re.search(r'name="updates"[^>]*checked', html)
    assert not Gift.objects.exists()
    assert stripe_double.requests == []


@pytest.mark.django_db
def test_a_preset_kept_when_it_exists_in_the_new_choice(client, donate_page, stripe_double):
    answers = gift_form(preset="2500", frequency="once", update_amounts="1")
    html = client.post(donate_page.url, answers).content.decode()
    assert re.search(r'value="2500"\s+checked', html)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, amount",
    [
        ({"preset": "5000", "amount": ""}, "5000.00"),
        ({"preset": "other", "amount": "3333"}, "3333.00"),
        ({"amount": "2500"}, "2500.00"),  # no choice at all: the box, as links and older forms send it
        ({"preset": "5000", "amount": "5,000"}, "5000.00"),  # the same amount twice is no conflict
    ],
)
def test_a_tapped_preset_or_another_amount_is_what_is_given(client, donate_page, stripe_double, fields, amount):
    give(client, donate_page, **{"amount": None, **fields})
    assert str(Gift.objects.get().amount) == amount


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fields, message",
    [
        ({"preset": "5000", "amount": "7000"}, "not both"),
        ({"preset": "other", "amount": ""}, "Choose an amount"),
        ({"preset": "", "amount": ""}, "Choose an amount"),
        ({"preset": "100", "amount": ""}, "smallest gift"),  # a forged preset meets the same limits
    ],
)
def test_unclear_or_forged_amounts_are_explained(client, donate_page, stripe_double, fields, message):
    response = client.post(donate_page.url, gift_form(**fields))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Gift.objects.exists()
    assert stripe_double.requests == []


@pytest.fixture
def asking_page(donate_page):
    donate_page.offer_monthly = True
    donate_page.monthly_offer_text = "Could you give {amount} every month instead?"
    donate_page.save_revision().publish()
    return DonatePage.objects.get(pk=donate_page.pk)


@pytest.mark.django_db
def test_the_monthly_question_is_off_unless_the_page_asks(client, donate_page, stripe_double):
    assert client.post(donate_page.url, gift_form(preset="2500", amount=None)).status_code == 303


@pytest.mark.django_db
def test_after_a_one_off_preset_the_page_asks_once_and_never_pre_ticks(client, asking_page, stripe_double):
    response = client.post(asking_page.url, gift_form(preset="2500", amount=None, designation="sadaqah"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Could you give Rs 1,000 every month instead?" in html  # the second monthly preset, as 2,500 is second
    assert "checked" not in html
    assert stripe_double.requests == [] and not Gift.objects.exists()
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    assert hidden["preset"] == "2500" and hidden["designation"] == "sadaqah"

    no = client.post(asking_page.url, {**hidden, "monthly_offer": "decline"})
    assert no.status_code == 303
    once = Gift.objects.get()
    assert (once.frequency, str(once.amount), once.designation) == ("once", "2500.00", "sadaqah")

    yes = client.post(asking_page.url, {**hidden, "monthly_offer": "accept"})
    assert yes.status_code == 303
    monthly = Gift.objects.exclude(pk=once.pk).get()
    assert (monthly.frequency, str(monthly.amount)) == ("monthly", "1000.00")
    session = stripe_double.sessions[session_id_from(yes)]
    assert session["mode"] == "subscription"


@pytest.mark.django_db
def test_no_question_after_another_amount_or_a_monthly_gift(client, asking_page, stripe_double):
    assert client.post(asking_page.url, gift_form(preset="other", amount="3333")).status_code == 303
    assert client.post(asking_page.url, gift_form(preset="1000", frequency="monthly", amount=None)).status_code == 303


@pytest.mark.django_db
def test_a_forged_monthly_answer_takes_the_pages_amount_not_the_posted_one(client, asking_page, stripe_double):
    client.post(asking_page.url, gift_form(preset="10000", amount=None, monthly_offer="accept", frequency="once"))
    gift = Gift.objects.get()
    assert (gift.frequency, str(gift.amount)) == ("monthly", "5000.00")


@pytest.mark.django_db
def test_presets_are_translated_with_the_page(urdu_donate_page):
    """wagtail-localize translates each preset's words; the amounts stay the source's (the demo's translation)."""
    donate_page = urdu_donate_page.get_translation(Locale.objects.get(language_code="en"))
    english = DonatePagePresetAmount.objects.filter(page=donate_page).first()
    urdu = DonatePagePresetAmount.objects.get(page=urdu_donate_page, translation_key=english.translation_key)
    assert urdu.locale.language_code == "ur" and english.locale.language_code == "en"
    from wagtail_localize.segments.extract import extract_segments

    segments = [segment.string.data for segment in extract_segments(donate_page) if hasattr(segment, "string")]
    assert english.description in segments


# Zakat, news by email, the partner: stored, sent to Stripe, receipted.


@LIVE
def test_designation_and_consent_are_stored_and_receipted(client, donate_page, live_double):
    session_id = session_id_from(give(client, donate_page, designation="zakat", updates="on"))
    gift = Gift.objects.get()
    assert gift.designation == "zakat"
    assert gift.updates_consent_at is not None
    assert gift.updates_consent_wording == "Email me news of SEHER's work now and then. I can stop this at any time."
    live_double.complete(session_id)
    [receipt] = mail.outbox
    assert "You gave this gift as Zakat." in receipt.body
    assert "/en/gift/stop-emails/" in receipt.body
    assert receipt.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "You gave this gift as Zakat." in client.get(f"/en/gift/{gift.reference}/thank-you/").content.decode()


@pytest.mark.django_db
def test_nothing_is_ticked_for_the_donor(client, donate_page, stripe_double):
    html = client.get(donate_page.url).content.decode()
    assert not re.search(r'name="updates"[^>]*checked', html)
    assert not re.search(r'name="preset"[^>]*checked', html)
    assert re.search(r'value="general"[^>]*checked', html)  # the plain default of the optional choice
    give(client, donate_page)
    gift = Gift.objects.get()
    assert (gift.designation, gift.updates_consent_at, gift.updates_consent_wording) == ("general", None, "")


@LIVE
def test_the_partner_is_named_on_the_page_at_checkout_on_the_thank_you_page_and_receipt(
    client, donate_page, live_double
):
    partner = PartnerSettings.objects.get()
    html = client.get(donate_page.url).content.decode()
    assert "Card gifts are received by Example Partner Foundation in Ireland" in html
    assert "Your card statement will show EXAMPLEPF* SEHER." in html
    assert partner.tax_note in html

    session_id = session_id_from(give(client, donate_page))
    params = live_double.sessions[session_id]["_params"]
    assert "Example Partner Foundation" in params["custom_text"]["submit"]["message"]
    assert "CHY 12345" in params["custom_text"]["submit"]["message"]
    assert params["payment_intent_data"]["statement_descriptor_suffix"] == "SEHER"
    assert "statement_descriptor" not in params["payment_intent_data"]  # Stripe refuses it on card charges

    live_double.complete(session_id)
    gift = Gift.objects.get()
    thanks = client.get(f"/en/gift/{gift.reference}/thank-you/").content.decode()
    assert "Card gifts are received by Example Partner Foundation" in thanks
    [receipt] = mail.outbox
    assert "Example Partner Foundation" in receipt.body and "CHY 12345" in receipt.body
    assert partner.tax_note in receipt.body


@pytest.mark.django_db
def test_a_monthly_gift_names_the_partner_at_checkout_too(client, donate_page, stripe_double):
    session_id = session_id_from(give(client, donate_page, frequency="monthly", amount="1000"))
    params = stripe_double.sessions[session_id]["_params"]
    assert "Example Partner Foundation" in params["custom_text"]["submit"]["message"]
    assert "payment_intent_data" not in params  # subscriptions use the account's own descriptor


@pytest.mark.django_db
def test_a_statement_suffix_stripe_would_refuse_cannot_be_saved(demo_site):
    from django.core.exceptions import ValidationError

    partner = PartnerSettings.for_site(demo_site)
    for bad in ("12345", 'SEHER "GIFT"', "سحر"):
        partner.statement_descriptor_suffix = bad
        with pytest.raises(ValidationError):
            partner.full_clean()


@pytest.mark.django_db
def test_the_double_refuses_a_descriptor_stripe_would_refuse(client, donate_page, stripe_double):
    """A suffix saved past the settings form's check is refused as Stripe refuses it: the gift stays unpaid."""
    PartnerSettings.objects.update(statement_descriptor_suffix="SEHER*GIFT")
    response = client.post(donate_page.url, gift_form())
    assert response.status_code == 503
    assert "Nothing has been charged" in response.content.decode()
    assert stripe_double.requests == [("POST", "/v1/checkout/sessions")] and stripe_double.sessions == {}
