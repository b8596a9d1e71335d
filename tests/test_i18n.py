"""Urdu on the public site: translated messages, amounts written for the locale, receipts in the donor's language."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import Locale

from donate.currencies import CURRENCIES, format_money
from donate.demo import PRESETS as DONATE_PRESETS
from donate.models import DonatePage, Gift, PartnerSettings
from donate.tasks import send_receipt
from programs.models import ProgrammePage

from .donate_helpers import gift_form


@pytest.mark.parametrize(
    ("language", "amount", "code", "expected"),
    [
        ("en", Decimal("5000.00"), "PKR", "Rs 5,000"),
        ("ur", Decimal("5000.00"), "PKR", "5,000 روپے"),
        ("en", Decimal("1500000"), "PKR", "Rs 1,500,000"),
        ("ur", Decimal("1500000"), "PKR", "1,500,000 روپے"),
        ("en", Decimal("2500.50"), "PKR", "Rs 2,500.50"),
        ("ur", Decimal("2500.50"), "PKR", "2,500.50 روپے"),
        ("en", Decimal("25"), "USD", "US$25"),
        ("ur", Decimal("25.5"), "USD", "25.50 امریکی ڈالر"),
        ("en", Decimal("10000"), "GBP", "£10,000"),
        ("ur", 50, "EUR", "50 یورو"),
        ("ur", Decimal("7000"), "XYZ", "XYZ 7,000"),
    ],
)
def test_amounts_are_written_for_the_language(language, amount, code, expected):
    with translation.override(language):
        assert format_money(amount, code) == expected


def test_urdu_keeps_western_digits():
    with translation.override("ur"):
        text = format_money(Decimal("1234567.89"), "PKR")
    assert re.search(r"[\u0660-\u0669\u06f0-\u06f9]", text) is None
    assert text.startswith("1,234,567.89")


def test_every_currency_has_a_pattern_in_both_languages():
    for code, currency in CURRENCIES.items():
        for language in ("en", "ur"):
            with translation.override(language):
                text = currency.format(Decimal("10"))
            assert "10" in text and text != "10", (code, language)


@pytest.mark.parametrize(
    ("path", "urdu"),
    [
        ("/ur/no-such-page/", "ہمیں یہ صفحہ نہیں ملا"),
        ("/ur/search/?q=" + "x" * 101, "براہِ کرم مختصر تلاش کریں"),
        ("/ur/search/?q=zzqxv", "سے کوئی صفحہ نہیں ملا"),
        ("/ur/gift/manage/", "مجھے لنک ای میل کریں"),
    ],
)
@pytest.mark.django_db
def test_public_pages_and_errors_speak_urdu(client, demo_site, path, urdu):
    html = client.get(path).content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert urdu in html
    assert "سیدھے اصل مواد پر جائیں" in html  # the skip link, from base.html


@pytest.mark.parametrize("name", ["500.html", "503.html"])
def test_plain_error_pages_follow_the_active_language(name):
    with translation.override("ur"):
        html = render_to_string(name)
    assert '<html lang="ur" dir="rtl">' in html
    assert "صفحۂ اول پر جائیں" in html
    with translation.override("en"):
        assert '<html lang="en" dir="ltr">' in render_to_string(name)


@pytest.mark.django_db
def test_rate_limit_page_in_urdu(rf, demo_site):
    from core.ratelimit import too_many_requests

    with translation.override("ur"):
        response = too_many_requests(rf.get("/ur/"), 60)
        html = response.render().content.decode()
    assert "براہِ کرم 60 سیکنڈ بعد دوبارہ کوشش کریں" in html


@pytest.mark.django_db
def test_urdu_donate_page_writes_amounts_in_urdu(client, demo_site):
    english = DonatePage.objects.get(locale__language_code="en")
    urdu = english.get_translation(Locale.objects.get(language_code="ur"))
    assert urdu.url == "/ur/donate/"
    html = client.get(urdu.url).content.decode()
    assert '<html lang="ur" dir="rtl">' in html
    assert "عطیہ دیں" in html and "محفوظ ادائیگی کی طرف بڑھیں" in html
    assert "5,000 روپے" in html  # a preset
    assert "1,500,000 روپے میں سے" in html  # the campaign goal
    assert "ایک بار" in html and "ہر مہینے" in html  # how often, from the model's choices
    en_html = client.get(english.url).content.decode()
    assert "Rs 5,000" in en_html and "of Rs 1,500,000" in en_html


@pytest.mark.django_db
def test_urdu_donate_page_says_what_each_preset_does_in_urdu(client, demo_site):
    """The demo's preset descriptions, and its Zakat note, are written in Urdu on the Urdu page."""
    html = unescape(client.get("/ur/donate/").content.decode())  # "counsellor's" is written &#x27;
    assert "ایک مرکز میں ایک ہفتے کا کھانا" in html  # Rs 2,500, once
    assert "زکوٰۃ الگ رکھی جاتی ہے" in html
    english = {description for _currency, _frequency, _amount, description in DONATE_PRESETS}
    assert [words for words in english if words in html] == []  # none left, in any currency or frequency
    assert "Zakat is kept apart" not in html
    assert "A week of meals at a centre" in client.get("/en/donate/").content.decode()


@pytest.mark.django_db
def test_donate_form_errors_in_urdu(client, demo_site):
    response = client.post("/ur/donate/", gift_form(amount="499"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "آن لائن ہم کم از کم 500 روپے کا عطیہ لے سکتے ہیں۔" in html
    assert "براہِ کرم فارم دوبارہ دیکھ لیں" in html
    html = client.post("/ur/donate/", gift_form(amount="abc")).content.decode()
    assert "رقم ہندسوں میں لکھیں" in html
    html = client.post("/ur/donate/", gift_form(amount="3000000")).content.decode()
    assert "2,000,000 روپے سے زیادہ" in html
    html = client.post("/ur/donate/", gift_form(amount="")).content.decode()
    assert "کوئی اور رقم: کوئی رقم چنیں، یا" in html


@pytest.mark.django_db
def test_manage_gift_errors_in_urdu(client, demo_site):
    html = client.post("/ur/gift/manage/", {"email": "not-an-address"}).content.decode()
    assert "درست ای میل پتا لکھیں۔" in html


@pytest.mark.django_db
def test_a_gift_started_in_urdu_is_recorded_as_urdu(client, demo_site, stripe_double):
    response = client.post("/ur/donate/", gift_form(amount="2500"))
    assert response.status_code == 303
    assert Gift.objects.latest("created_at").language == "ur"
    client.post("/en/donate/", gift_form(amount="2500"))
    assert Gift.objects.latest("created_at").language == "en"


def paid_gift(language, **fields):
    return Gift.objects.create(
        amount=Decimal("5000.00"),
        currency="PKR",
        status=Gift.Status.PAID,
        donor_email="donor@example.org",
        donor_name="Ayesha",
        language=language,
        paid_at=timezone.now(),
        receipt_number=4242,
        **fields,
    )


@pytest.mark.django_db
def test_receipt_goes_out_in_the_donors_language(demo_site):
    mail.outbox.clear()
    language_before = translation.get_language()
    gift = paid_gift("ur", dedication="نانی جان")
    send_receipt.enqueue("gift", gift.pk)
    (message,) = mail.outbox
    assert message.subject == "سحر کی طرف سے آپ کی رسید (نمبر 4242)"
    assert "محترم Ayesha،" in message.body
    assert "5,000 روپے کے عطیے کا بہت شکریہ۔" in message.body
    assert "رسید نمبر: 4242" in message.body
    assert "جن کے اعزاز یا یاد میں دیا گیا: نانی جان" in message.body
    with translation.override("ur"):
        assert f"تاریخ: {date_format(timezone.localtime(gift.paid_at), 'j F Y')}" in message.body  # Urdu month name
    # Links, names and what editors wrote in English only (the partner's details) are not ours to translate.
    words = re.sub(r"https?://\S+", "", message.body)
    partner = PartnerSettings.for_site(demo_site)
    for editors_words in (partner.name, partner.country, partner.registration_number, partner.card_statement_name):
        words = words.replace(editors_words, "")
    words = words.replace("Ayesha", "").replace("SEHER", "")
    assert "Gift Aid" in words  # the tax sentence has no Urdu in the demo: Urdu receipts show the English
    words = words.replace(partner.tax_note, "")
    assert not re.search(r"[A-Za-z]{3,}", words)
    assert translation.get_language() == language_before


@pytest.mark.django_db
def test_receipt_in_english_for_an_english_donor(demo_site):
    mail.outbox.clear()
    send_receipt.enqueue("gift", paid_gift("en").pk)
    (message,) = mail.outbox
    assert message.subject == "Your receipt from SEHER (no. 4242)"
    assert "Thank you for your gift of Rs 5,000." in message.body


@pytest.mark.django_db
def test_thank_you_page_in_urdu(client, demo_site):
    gift = paid_gift("ur")
    html = client.get(f"/ur/gift/{gift.reference}/thank-you/").content.decode()
    assert "آپ کے 5,000 روپے کے عطیے کی تصدیق ہو گئی ہے۔" in html


@pytest.mark.django_db
@pytest.mark.parametrize("model", [ProgrammePage, DonatePage], ids=lambda m: m.__name__)
def test_programme_and_donate_page_have_urdu_alternates(client, demo_site, model):
    english = model.objects.filter(locale__language_code="en").order_by("path").first()
    urdu = english.get_translation(Locale.objects.get(language_code="ur"))
    assert urdu.live
    for page, other in ((english, urdu), (urdu, english)):
        html = client.get(page.url).content.decode()
        code = other.locale.language_code
        assert f'<link rel="alternate" hreflang="{code}" href="http://testserver{other.url}">' in html


@pytest.mark.django_db
def test_urdu_home_links_to_the_urdu_programme_and_donate_page(client, demo_site):
    urdu = Locale.objects.get(language_code="ur")
    programme = ProgrammePage.objects.filter(locale__language_code="en").order_by("path").first().get_translation(urdu)
    html = client.get("/ur/").content.decode()
    assert f'href="{programme.url}"' in html
    assert 'href="/ur/donate/"' in html
    assert 'href="/en/donate/"' not in html
    programme_html = client.get(programme.url).content.decode()
    assert '<html lang="ur" dir="rtl">' in programme_html
    assert "اسمگلنگ کا شکار بچوں کی روک تھام اور تحفظ" in programme_html
    assert "مراکز میں کیا ہوتا ہے" in programme_html


def footer(client, path):
    html = client.get(path).content.decode()
    return html[html.index('<footer class="site-footer">') :]


@pytest.mark.django_db
def test_the_help_line_in_every_footer_speaks_the_pages_language(client, demo_site):
    """The most important words on the site: what to do when a child is in danger."""
    urdu = footer(client, "/ur/")
    assert "ابھی مدد چاہیے؟" in urdu
    assert "بچوں کے تحفظ کی ہیلپ لائن" in urdu
    assert "کال مفت ہے" in urdu
    assert "کوئٹہ، بلوچستان" in urdu
    assert 'href="tel:1121"' in urdu
    assert "Child protection helpline" not in urdu

    english = footer(client, "/en/")
    assert "Child protection helpline" in english
    assert "Quetta, Balochistan" in english
    assert "ابھی مدد چاہیے؟" not in english


@pytest.mark.django_db
def test_urdu_pages_fall_back_to_the_english_help_line_until_it_is_translated(client, demo_site):
    from home.models import ContactSettings

    contact = ContactSettings.for_site(demo_site)
    contact.help_heading_ur = contact.help_text_ur = contact.helpline_name_ur = contact.address_ur = ""
    contact.save()
    urdu = footer(client, "/ur/")
    assert "Child protection helpline" in urdu
    assert contact.help_text in urdu
    assert 'href="tel:1121"' in urdu


@pytest.mark.django_db
def test_services_are_named_in_the_pages_language(client, demo_site):
    urdu = client.get("/ur/where-we-work/quetta/").content.decode()
    assert "قانونی مدد" in urdu
    assert "مفت قانونی مشورہ اور نمائندگی۔" in urdu
    assert "Legal aid" not in urdu
    english = client.get("/en/where-we-work/quetta/").content.decode()
    assert "Legal aid" in english
    assert "قانونی مدد" not in english


@pytest.mark.django_db
def test_a_service_without_urdu_wording_shows_its_english_name_on_urdu_pages(client, demo_site):
    from locations.models import Service

    Service.objects.filter(slug="legal-aid", locale__language_code="ur").delete()
    urdu = client.get("/ur/where-we-work/quetta/").content.decode()
    assert "Legal aid" in urdu
    assert "Free legal advice and representation." in urdu
