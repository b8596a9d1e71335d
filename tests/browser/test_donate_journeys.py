"""Journeys a donor takes: give once, give monthly, change or stop a monthly gift, and get a form error put right.

The Stripe double is mounted inside the site at /stripe-double/, as `make run` does, so the
browser goes from the donate form to its Checkout page on an origin the site's CSP allows
(`form-action` also governs the redirect after a form is posted). When the donor pays, the
double delivers signed webhook events to the live server over real HTTP, and the receipt
lands in Django's locmem outbox, which the live server shares with the test.
"""

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

import donate.stripe_double_site
from donate.factories import GiftFactory
from donate.manage_links import manage_link_token
from donate.models import Gift, ReceiptCounter
from donate.stripe_double import StripeDouble
from donate.updates import withdraw_token
from tests.staff_helpers import PASSWORD, make_staff, totp_code

from .helpers import (
    PHONE,
    VIEWPORTS,
    assert_focus_visible,
    assert_no_axe_violations,
    assert_no_axe_violations_in_copy,
    csp_problems,
    horizontal_overflow,
    keyboard_follow,
    small_touch_targets,
    tab_until,
    watch_csp,
)

DONATE = "/en/donate/"
MANAGE = "/en/gift/manage/"
CURRENT = "/en/gift/manage/current/"
DONOR_EMAIL = "donor@example.org"  # the address the double's Checkout reports for every payer
THANK_YOU = re.compile(r"/en/gift/([0-9a-f-]{36})/thank-you/$")


@pytest.fixture
def stripe_double(settings, monkeypatch):
    """A fresh double for each test, served by the live server itself at /stripe-double/."""
    settings.STRIPE_DOUBLE_MOUNTED = True
    double = StripeDouble(webhook_secret=settings.STRIPE_WEBHOOK_SECRET)
    monkeypatch.setattr(donate.stripe_double_site, "double", double)
    return double


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def javascript(request):
    return request.param


@pytest.fixture
def donor(javascript, browser):
    """A phone-sized page with JavaScript on or off: giving must work both ways."""
    context = browser.new_context(java_script_enabled=javascript, viewport=PHONE)
    yield context.new_page()
    context.close()


def assert_accessible(page, javascript):
    """axe is a script: with JavaScript off, it checks a copy of the page instead (see helpers)."""
    (assert_no_axe_violations if javascript else assert_no_axe_violations_in_copy)(page)


def gift_from(page):
    """The gift whose thank-you page the browser is on."""
    match = THANK_YOU.search(urlsplit(page.url).path)
    assert match, f"not a thank-you page: {page.url}"
    return Gift.objects.get(reference=match[1])


OTHER_AMOUNT = re.compile(r"Other amount, in")


def fill_donate_form(page, amount, currency="PKR", frequency="Once"):
    """Currency first, then how often, then a typed amount (a preset is tapped in the journeys below)."""
    page.get_by_label("Currency").select_option(currency)
    page.get_by_role("radio", name=frequency).check()
    page.get_by_role("radio", name="Other amount").check()
    page.get_by_label(OTHER_AMOUNT).fill(amount)


def pay_at_checkout(page, expect_text):
    """On the double's hosted Checkout page: check what it asks for, press Pay, land on the thank-you page."""
    expect(page).to_have_url(re.compile(r"/stripe-double/checkout/cs_test_\w+$"))
    expect(page.get_by_role("main")).to_contain_text(expect_text)
    page.get_by_role("button", name="Pay").click()
    expect(page).to_have_url(THANK_YOU)


def give_monthly(page, site_url, amount="1000"):
    page.goto(site_url + DONATE)
    fill_donate_form(page, amount, frequency="Monthly")
    page.get_by_role("button", name="Continue to secure payment").click()
    pay_at_checkout(page, f"PKR {amount}.00 every month")
    return gift_from(page)


def manage_link_from_outbox():
    """The signed link in the last "Manage your monthly gift" email."""
    emails = [email for email in mail.outbox if email.subject == "Manage your monthly gift"]
    assert emails, f"no manage-gift email among {[email.subject for email in mail.outbox]}"
    assert emails[-1].to == [DONOR_EMAIL]
    return re.search(r"https?://\S+/en/gift/manage/\S+/", emails[-1].body).group(0)


def test_give_once(donor, javascript, site_url, stripe_double):
    donor.goto(site_url + DONATE)
    assert_accessible(donor, javascript)
    fill_donate_form(donor, "2500")
    donor.get_by_label("In honour or memory of (optional)").fill("My grandmother")
    donor.get_by_label("Leave my name off public acknowledgements").check()
    donor.get_by_role("button", name="Continue to secure payment").click()
    pay_at_checkout(donor, "PKR 2500.00 once")

    expect(donor.get_by_role("heading", level=1)).to_have_text("Thank you")
    expect(donor.get_by_role("main")).to_contain_text("Your gift of Rs 2,500 is confirmed.")
    expect(donor.get_by_role("main")).to_contain_text("A receipt is on its way by email.")
    assert_accessible(donor, javascript)

    gift = gift_from(donor)
    assert stripe_double.deliveries == [("checkout.session.completed", 200)]
    assert (gift.status, gift.amount, gift.currency, gift.frequency) == ("paid", Decimal("2500.00"), "PKR", "once")
    assert (gift.dedication, gift.anonymous, gift.donor_email) == ("My grandmother", True, DONOR_EMAIL)
    assert gift.receipt_number is not None
    [receipt] = mail.outbox
    assert receipt.to == [DONOR_EMAIL]
    assert receipt.subject == f"Your receipt from SEHER (no. {gift.receipt_number})"
    assert "Thank you for your gift of Rs 2,500." in receipt.body
    assert "Given in honour or memory of: My grandmother" in receipt.body


def test_give_monthly(donor, javascript, site_url, stripe_double):
    donor.goto(site_url + DONATE)
    fill_donate_form(donor, "25", currency="USD", frequency="Monthly")
    donor.get_by_role("button", name="Continue to secure payment").click()
    pay_at_checkout(donor, "USD 25.00 every month")

    expect(donor.get_by_role("main")).to_contain_text("Your gift of US$25 is confirmed.")
    expect(donor.get_by_role("main")).to_contain_text("It will be taken each month until you stop it.")
    assert_accessible(donor, javascript)

    gift = gift_from(donor)
    assert stripe_double.deliveries == [("checkout.session.completed", 200), ("invoice.paid", 200)]
    assert (gift.status, gift.amount, gift.currency, gift.frequency) == ("paid", Decimal("25.00"), "USD", "monthly")
    assert gift.stripe_subscription_id and gift.stripe_customer_id
    [payment] = gift.payments.all()
    assert payment.amount == Decimal("25.00")
    [receipt] = mail.outbox
    assert receipt.subject == f"Your receipt from SEHER (no. {payment.receipt_number})"
    assert "This is one payment of your monthly gift." in receipt.body


def test_stop_a_monthly_gift(donor, javascript, site_url, stripe_double):
    gift = give_monthly(donor, site_url)
    donor.goto(site_url + DONATE)
    donor.get_by_role("link", name="Already give monthly? Change or stop your gift.").click()
    expect(donor).to_have_url(site_url + MANAGE)
    assert_accessible(donor, javascript)
    donor.get_by_label("The email address you gave with").fill(DONOR_EMAIL)
    donor.get_by_role("button", name="Email me a link").click()
    expect(donor.get_by_role("status")).to_contain_text("we have emailed it a link")
    assert_accessible(donor, javascript)

    donor.goto(manage_link_from_outbox())  # as if opened from the email
    expect(donor).to_have_url(site_url + CURRENT)
    expect(donor.get_by_role("main")).to_contain_text("You give Rs 1,000 every month.")
    assert_accessible(donor, javascript)
    donor.get_by_role("button", name="Change card or stop the gift").click()
    expect(donor).to_have_url(re.compile(r"/stripe-double/portal/bps_test_\w+$"))
    expect(donor.get_by_role("main")).to_contain_text("Your gift of PKR 1000.00 every month.")
    donor.get_by_role("button", name="Stop this monthly gift").click()
    expect(donor.get_by_role("status")).to_have_text(
        "Your gift of PKR 1000.00 every month is stopped. Nothing more will be taken."
    )
    assert stripe_double.deliveries[-1] == ("customer.subscription.deleted", 200)
    gift.refresh_from_db()
    assert gift.status == "cancelled"

    donor.get_by_role("link", name="Return to SEHER").click()
    expect(donor).to_have_url(re.compile(re.escape(site_url) + r"/(en/)?$"))


def test_asking_for_a_manage_link_with_a_bad_address(donor, javascript, site_url):
    """A mistyped address is re-shown with its error announced and tied to the field."""
    donor.goto(site_url + MANAGE)
    donor.get_by_label("The email address you gave with").fill("donor@")
    donor.get_by_role("button", name="Email me a link").click()
    field = donor.get_by_label("The email address you gave with")
    expect(field).to_have_value("donor@")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile("Enter a valid email address"))
    expect(donor.get_by_role("alert")).to_contain_text("Enter a valid email address")
    expect(donor.get_by_role("alert")).to_be_focused()
    assert_accessible(donor, javascript)
    assert mail.outbox == []


# Keyboard alone: Tab to move, Enter and Space to act, focus visible on each of the site's controls.


def test_give_once_by_keyboard(page, site_url, stripe_double):
    page.set_viewport_size(PHONE)
    page.goto(site_url + DONATE)
    keyboard_follow(page, ".skip-link", navigates=False)
    tab_until(page, "#id_amount")
    assert_focus_visible(page)
    page.keyboard.type("5000")
    tab_until(page, "#id_anonymous")
    assert_focus_visible(page)
    page.keyboard.press("Space")
    expect(page.locator("#id_anonymous")).to_be_checked()
    keyboard_follow(page, ".donate-form button[type=submit]")

    # The double's Checkout page stands in for Stripe's: its look is Stripe's business, not ours.
    expect(page).to_have_url(re.compile(r"/stripe-double/checkout/"))
    tab_until(page, "form[action$='/pay'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(THANK_YOU)
    expect(page.get_by_role("main")).to_contain_text("Your gift of Rs 5,000 is confirmed.")
    keyboard_follow(page, ".skip-link", navigates=False)
    expect(page.locator("main#main")).to_be_focused()
    gift = gift_from(page)
    assert (gift.status, gift.anonymous) == ("paid", True)
    assert len(mail.outbox) == 1


def test_give_monthly_by_keyboard(page, site_url, stripe_double):
    """Radio buttons are chosen with the arrow keys, as in every browser; nothing else but Tab and Enter."""
    page.set_viewport_size(PHONE)
    page.goto(site_url + DONATE)
    tab_until(page, "#id_frequency_0")
    assert_focus_visible(page)
    page.keyboard.press("ArrowDown")
    expect(page.locator("#id_frequency_1")).to_be_focused()
    expect(page.locator("#id_frequency_1")).to_be_checked()
    assert_focus_visible(page)
    tab_until(page, "#id_amount")
    page.keyboard.type("1000")
    keyboard_follow(page, ".donate-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/stripe-double/checkout/"))
    tab_until(page, "form[action$='/pay'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(THANK_YOU)
    expect(page.get_by_role("main")).to_contain_text("It will be taken each month until you stop it.")
    gift = gift_from(page)
    assert (gift.status, gift.frequency, gift.amount) == ("paid", "monthly", Decimal("1000.00"))


def ask_for_a_manage_link_by_keyboard(page, site_url):
    page.goto(site_url + DONATE)
    keyboard_follow(page, f'main a[href="{MANAGE}"]')
    tab_until(page, "#id_email")
    assert_focus_visible(page)
    page.keyboard.type(DONOR_EMAIL)
    keyboard_follow(page, "main button[type=submit]")
    expect(page.get_by_role("status")).to_contain_text("we have emailed it a link")
    page.goto(manage_link_from_outbox())
    expect(page).to_have_url(site_url + CURRENT)


def test_stop_a_monthly_gift_by_keyboard(donor, javascript, site_url, stripe_double):
    page = donor
    gift = give_monthly(page, site_url, amount="2500")
    ask_for_a_manage_link_by_keyboard(page, site_url)
    keyboard_follow(page, "form[action$='/portal/'] button")
    expect(page).to_have_url(re.compile(r"/stripe-double/portal/bps_test_\w+$"))
    tab_until(page, "button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("PKR 2500.00 every month is stopped")
    gift.refresh_from_db()
    assert gift.status == "cancelled"
    tab_until(page, "a")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page.url.startswith(site_url)


def test_change_a_monthly_gift_by_keyboard(donor, javascript, site_url, stripe_double):
    """A wrong amount is explained and put right; the new one reaches Stripe, and its webhook records it."""
    page = donor
    gift = give_monthly(page, site_url, amount="2500")
    ask_for_a_manage_link_by_keyboard(page, site_url)
    expect(page.get_by_role("main")).to_contain_text("You give Rs 2,500 every month.")
    assert_accessible(page, javascript)

    tab_until(page, "#id_amount")
    assert_focus_visible(page)
    page.keyboard.type("100")
    keyboard_follow(page, "form[action$='/current/'] button")
    expect(page.get_by_role("alert")).to_contain_text("The smallest gift we can take online is Rs 500.")
    expect(page.get_by_role("alert")).to_be_focused()
    field = page.get_by_label("New monthly amount, in PKR")
    expect(field).to_have_value("100")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, javascript)
    assert stripe_double.subscription_updates == []

    tab_until(page, "#id_amount")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("4000")
    keyboard_follow(page, "form[action$='/current/'] button")
    expect(page.get_by_role("status")).to_have_text(
        "Done: from your next payment on, your gift will be Rs 4,000 a month."
    )
    assert_accessible(page, javascript)
    [(subscription, _params)] = stripe_double.subscription_updates
    assert subscription == gift.stripe_subscription_id
    assert stripe_double.deliveries[-1] == ("customer.subscription.updated", 200)
    gift.refresh_from_db()
    assert gift.amount == Decimal("4000.00")
    assert list(gift.amount_changes.values_list("old_amount", "new_amount")) == [
        (Decimal("2500.00"), Decimal("4000.00"))
    ]


def offer_monthly():
    """The campaign's "would you give monthly?" question is off by default: editors switch it on."""
    from donate.models import DonatePage

    donate = DonatePage.objects.get(locale__language_code="en")
    donate.offer_monthly = True
    donate.save_revision().publish()


def test_give_monthly_after_the_prompt_by_keyboard(donor, javascript, site_url, stripe_double):
    page = donor
    offer_monthly()
    page.goto(site_url + DONATE)
    tab_until(page, "input[name=preset]")  # Rs 1,000, the first one-off amount
    page.keyboard.press("ArrowDown")  # Rs 2,500
    expect(page.get_by_role("radio", name=re.compile(r"^Rs 2,500"))).to_be_checked()
    keyboard_follow(page, ".donate-form__submit")

    expect(page.get_by_role("heading", name="Would you give monthly?")).to_be_focused()
    expect(page.get_by_role("main")).to_contain_text("Could you give Rs 1,000 every month instead?")
    assert page.get_by_role("checkbox", checked=True).count() == 0  # nothing ticked for the donor
    assert_accessible(page, javascript)
    keyboard_follow(page, "button[value=accept]")

    expect(page).to_have_url(re.compile(r"/stripe-double/checkout/"))
    expect(page.get_by_role("main")).to_contain_text("PKR 1000.00 every month")
    tab_until(page, "form[action$='/pay'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(THANK_YOU)
    expect(page.get_by_role("main")).to_contain_text("It will be taken each month until you stop it.")
    gift = gift_from(page)
    assert (gift.status, gift.frequency, gift.amount) == ("paid", "monthly", Decimal("1000.00"))


# A form error: the server re-renders the form, and the error must be heard, with or without script.

BAD_AMOUNT_MESSAGE = "The smallest gift we can take online is Rs 500."


@pytest.fixture
def no_script_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    yield context.new_page()
    context.close()


def test_a_bad_amount_is_kept_explained_and_announced(no_script_page, site_url, stripe_double):
    page = no_script_page
    page.goto(site_url + DONATE)
    fill_donate_form(page, "100")  # below the PKR 500 minimum
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Continue to secure payment").click()
    assert navigation.value.status == 400

    # Announced: the error summary is an alert, takes focus on arrival and the title says so.
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(BAD_AMOUNT_MESSAGE)
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: Donate"))
    # Kept and tied to the field: the typed amount stays, marked invalid and described by the error.
    amount = page.get_by_label(OTHER_AMOUNT)
    expect(amount).to_have_value("100")
    expect(amount).to_have_attribute("aria-invalid", "true")
    expect(amount).to_have_accessible_description(re.compile(re.escape(BAD_AMOUNT_MESSAGE)))
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_amount")
    assert_no_axe_violations_in_copy(page)
    assert stripe_double.requests == []  # nothing reached Stripe

    amount.fill("1000")
    page.get_by_role("button", name="Continue to secure payment").click()
    pay_at_checkout(page, "PKR 1000.00 once")
    assert gift_from(page).status == "paid"


def test_a_bad_amount_put_right_by_keyboard(page, site_url, stripe_double):
    page.set_viewport_size(PHONE)
    page.goto(site_url + DONATE)
    keyboard_follow(page, ".skip-link", navigates=False)
    tab_until(page, "#id_amount")
    page.keyboard.type("100")
    keyboard_follow(page, ".donate-form button[type=submit]")

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    assert_focus_visible(page)
    # From the summary, the link takes the keyboard straight to the field; put it right and carry on.
    keyboard_follow(page, '.error-summary a[href="#id_amount"]', navigates=False)
    expect(page.locator("#id_amount")).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.press("End")
    for _ in "100":
        page.keyboard.press("Backspace")
    page.keyboard.type("1000")
    keyboard_follow(page, ".donate-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/stripe-double/checkout/"))
    assert stripe_double.sessions[page.url.rsplit("/", 1)[1]]["amount_total"] == 100000


# Screenshots and page-wide checks of the donate pages that need a gift or a posted form.


def thank_you_path(**gift):
    return f"/en/gift/{GiftFactory(**gift).reference}/thank-you/"


def post_bad_amount(page, site_url):
    page.goto(site_url + DONATE)
    fill_donate_form(page, "25.505", currency="USD")
    page.get_by_role("button", name="Continue to secure payment").click()


def post_manage_request(page, site_url):
    page.goto(site_url + MANAGE)
    page.get_by_label("The email address you gave with").fill("someone@example.org")
    page.get_by_role("button", name="Email me a link").click()


DONATE_STATES = {
    "thank-you": lambda page, site_url: page.goto(site_url + thank_you_path(status="paid", amount="2500.00")),
    "thank-you-pending": lambda page, site_url: page.goto(site_url + thank_you_path()),
    "thank-you-monthly": lambda page, site_url: page.goto(
        site_url + thank_you_path(status="paid", frequency="monthly", currency="USD", amount="25.00")
    ),
    "donate-errors": post_bad_amount,
    "manage-gift-sent": post_manage_request,
}


def test_donate_pages_at_phone_and_desktop_width(page, site_url, screenshots_dir, stripe_double):
    """Each state at both widths: a screenshot, axe, no sideways scrolling, touch targets, no CSP violation."""
    console = watch_csp(page)
    problems = []
    for name, open_state in DONATE_STATES.items():
        for width_name, viewport in VIEWPORTS.items():
            page.set_viewport_size(viewport)
            open_state(page, site_url)
            page.screenshot(path=screenshots_dir / f"{name}-{width_name}.png", full_page=True)
            assert_no_axe_violations(page)
            if (overflow := horizontal_overflow(page)) > 0:
                problems.append((name, width_name, "scrolls sideways by", overflow))
            problems += [(name, width_name, "small target", target) for target in small_touch_targets(page)]
            problems += [(name, width_name, "CSP", problem) for problem in csp_problems(page, console)]
            console.clear()
    assert problems == [], "\n".join(map(str, problems))
    assert stripe_double.requests == []


# Currency first, then an amount to tap; and a bank transfer told, confirmed and receipted.
# Keyboard only, at phone width, with JavaScript on (amounts change in place) and off (a reload).

BANK_TRANSFER = "/en/gift/bank-transfer/"


def test_choose_a_currency_tap_an_amount_and_give_once_by_keyboard(donor, javascript, site_url, stripe_double):
    page = donor
    page.goto(site_url + DONATE)
    tab_until(page, "#id_currency")
    assert_focus_visible(page)
    page.keyboard.press("ArrowDown")  # PKR -> USD, as a closed select takes arrow keys
    expect(page.locator("#id_currency")).to_have_value("USD")
    if not javascript:
        keyboard_follow(page, "[data-donate-update]")  # reloads the amounts, keeping the answers
        expect(page.locator("#id_currency")).to_have_value("USD")
        expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_role("radio", name=re.compile(r"^US\$25"))).to_be_visible()
    expect(page.get_by_role("radio", name=re.compile(r"^Rs"))).to_have_count(0)
    expect(page.locator(".donate-form__presets")).to_contain_text("A counsellor's session with a child")
    assert_accessible(page, javascript)

    tab_until(page, "input[name=preset]")  # Tab enters the group on its first amount
    page.keyboard.press("ArrowDown")  # arrows move through the amounts and tap each
    expect(page.get_by_role("radio", name=re.compile(r"^US\$25"))).to_be_checked()
    expect(page.get_by_role("radio", name=re.compile(r"^US\$25"))).to_be_focused()
    assert_focus_visible(page)
    keyboard_follow(page, ".donate-form__submit")

    expect(page).to_have_url(re.compile(r"/stripe-double/checkout/"))
    expect(page.get_by_role("main")).to_contain_text("USD 25.00 once")
    tab_until(page, "form[action$='/pay'] button")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(THANK_YOU)
    expect(page.get_by_role("main")).to_contain_text("Your gift of US$25 is confirmed.")
    expect(page.get_by_role("main")).to_contain_text("Card gifts are received by SEHER Partner Trust (demo)")
    gift = gift_from(page)
    assert (gift.status, gift.amount, gift.currency, gift.frequency) == ("paid", Decimal("25.00"), "USD", "once")


def tell_us_about_a_transfer_by_keyboard(page, javascript, site_url):
    """The donor's side: from the donate page to "Tell us about your transfer", sent; returns the pending gift."""
    page.goto(site_url + DONATE)
    keyboard_follow(page, f'main a[href="{BANK_TRANSFER}"]')
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us about your transfer")
    expect(page.get_by_role("main")).to_contain_text("0300-0000000")  # the Raast ID
    assert_accessible(page, javascript)

    tab_until(page, "#id_amount")
    page.keyboard.type("50000")
    tab_until(page, "#id_transfer_date")
    page.keyboard.type("11202026")  # a date field takes month, day and year in turn (en-US)
    tab_until(page, "#id_bank_reference")
    page.keyboard.type("HBL-778812")
    tab_until(page, "#id_email")
    page.keyboard.type("bilal@example.org")
    tab_until(page, "input[name=designation]")
    page.keyboard.press("ArrowDown")  # general -> Zakat
    assert_focus_visible(page)
    keyboard_follow(page, "main button[type=submit]")

    expect(page.get_by_role("status")).to_contain_text("match your transfer with the bank statement")
    assert_accessible(page, javascript)
    gift = Gift.objects.get(bank_reference="HBL-778812")
    assert (gift.source, gift.status, gift.amount, gift.designation) == (
        "bank_transfer",
        "pending",
        Decimal("50000.00"),
        "zakat",
    )
    assert str(gift.transfer_date) == "2026-11-20"
    assert gift.receipt_number is None
    assert mail.outbox == []
    return gift


FINANCE_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def finance_logs_in_by_keyboard(page, site_url, username):
    """allauth's password step, then the code from the authenticator app; the admin opens."""
    page.goto(site_url + "/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    tab_until(page, "#id_login")
    page.keyboard.type(username)
    tab_until(page, "#id_password")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    tab_until(page, "#id_code")
    page.keyboard.type(totp_code(FINANCE_SECRET))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + "/admin/")


def test_finance_confirms_a_bank_transfer_and_the_donor_gets_the_receipt(donor, javascript, site_url, browser):
    """The donor tells us of a transfer; Finance finds it, matches it with the bank statement and confirms it.

    The receipt number comes from the one sequence card gifts use, and the donor gets one
    receipt email with its PDF. Finance's admin needs JavaScript; the donor's side is tried with and without.
    """
    gift = tell_us_about_a_transfer_by_keyboard(donor, javascript, site_url)
    make_staff("finance-journey", group="Finance", secret=FINANCE_SECRET)
    number = ReceiptCounter.objects.get(pk=1).next_number  # card gifts and transfers share this counter
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        finance_logs_in_by_keyboard(page, site_url, "finance-journey")
        keyboard_follow(page, 'a[href="/admin/gifts/"]', limit=120)
        tab_until(page, "#id_q")
        page.keyboard.type("bilal@example.org")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        keyboard_follow(page, f'a[href="/admin/gifts/edit/{gift.pk}/"]', limit=120)
        expect(page.locator("#id_status")).to_have_value("pending")
        expect(page.locator("#id_bank_reference")).to_have_value("HBL-778812")

        tab_until(page, "#id_status", limit=120)
        page.keyboard.type("Paid")  # a closed select picks the option whose label is typed
        expect(page.locator("#id_status")).to_have_value("paid")
        tab_until(page, "#id_notes", limit=120)
        page.keyboard.type("Matched with the bank statement of 20 November.")
        assert_no_axe_violations(page)
        keyboard_follow(page, "button[type=submit]:not([name])", limit=120)
        expect(page).to_have_url(re.compile(r"/admin/gifts/"))
    finally:
        context.close()

    gift.refresh_from_db()
    assert (gift.status, gift.receipt_number) == ("paid", number)
    assert gift.paid_at is not None
    assert ReceiptCounter.objects.get(pk=1).next_number == number + 1
    [receipt] = mail.outbox
    assert receipt.to == ["bilal@example.org"]
    assert receipt.subject == f"Your receipt from SEHER (no. {number})"
    [(filename, content, mimetype)] = receipt.attachments
    assert (filename, mimetype) == (f"seher-receipt-{number}.pdf", "application/pdf")
    assert content.startswith(b"%PDF")


def show_monthly_offer(page, site_url):
    offer_monthly()
    page.goto(site_url + DONATE)
    page.get_by_role("radio", name=re.compile(r"^Rs 2,500")).check()
    page.locator(".donate-form__submit").click()
    expect(page.get_by_role("heading", name="Would you give monthly?")).to_be_visible()


DONATE_STATES.update(
    {
        "monthly-offer": show_monthly_offer,
        "bank-transfer": lambda page, site_url: page.goto(site_url + BANK_TRANSFER),
        "manage-current": lambda page, site_url: open_manage_page(page, site_url),
        "manage-current-error": lambda page, site_url: open_manage_page(page, site_url, amount="10"),
        "stop-emails": lambda page, site_url: page.goto(
            site_url + "/en/gift/stop-emails/" + withdraw_token("someone@example.org") + "/"
        ),
    }
)


def open_manage_page(page, site_url, amount=None):
    """The page a manage link opens; with `amount`, after posting it (a refused one asks Stripe nothing)."""
    gift = GiftFactory(
        status="paid",
        frequency="monthly",
        amount="1000.00",
        stripe_customer_id="cus_x",
        stripe_subscription_id="sub_x",
    )
    # The English link whatever language this thread was last left in: the labels below are English.
    with translation.override("en"):
        link = reverse("gifts:manage_link", args=[manage_link_token(gift)])
    page.goto(site_url + link)
    if amount is not None:
        page.get_by_label("New monthly amount, in PKR").fill(amount)
        page.get_by_role("button", name="Change my monthly amount").click()
