import io
import json
import logging
from decimal import Decimal

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.ratelimit import client_key, hit, too_many_requests

from . import webhooks
from .currencies import CURRENCIES
from .forms import OTHER, UPDATES_WORDING, BankTransferForm, ChangeAmountForm, DonateForm, ManageGiftForm
from .manage_links import MANAGE_LINK_MAX_AGE, monthly_gift_for, redeem_manage_link_token
from .models import BankTransferSettings, Gift, PartnerSettings, StripeEvent
from .stripe_api import get_client, test_mode
from .tasks import send_manage_link
from .updates import email_from_token, withdraw

logger = logging.getLogger(__name__)


def default_currency(request, page):
    """PKR on Urdu pages and for browsers that ask for Urdu or Pakistan; the page's setting for the rest."""
    for language, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")[:255]):
        tag = language.lower()
        if tag == "ur" or tag.startswith("ur-") or tag.endswith("-pk"):
            return "PKR"
    return default_currency_for_page(page)


def donate_page(request, page):
    if request.method == "POST":
        if not hit("donate", client_key(request), settings.DONATE_RATE_LIMIT, 60):
            return too_many_requests(request, 60)
        if "update_amounts" in request.POST:
            # No script: the donor changed currency or frequency and asked for its amounts. Every
            # answer is kept, nothing is saved and nothing is checked yet.
            return render_form(request, page, DonateForm(initial=kept_answers(request.POST, page)))
        form = DonateForm(request.POST)
        if form.is_valid():
            offer = monthly_offer(page, form.cleaned_data)
            answer = request.POST.get("monthly_offer")
            if offer and answer == "accept":
                form.cleaned_data.update(frequency="monthly", amount=offer["amount"], fee=offer["fee"])
            elif offer and answer != "decline":
                return render_form(request, page, form, offer=offer)
            return start_checkout(request, page, form)
        return render_form(request, page, form, status=400)
    initial = {
        "currency": request.GET.get("currency")
        if request.GET.get("currency") in CURRENCIES
        else default_currency(request, page),
        "frequency": request.GET.get("frequency") if request.GET.get("frequency") in ("once", "monthly") else None,
        "amount": request.GET.get("amount", "")[:20],
    }
    initial["frequency"] = initial["frequency"] or page.default_frequency
    response = render_form(request, page, DonateForm(initial=initial))
    if not request.GET.get("currency") and get_language() != "ur":
        # The starting currency follows the browser's languages: one copy per visitor, not one for all.
        patch_vary_headers(response, ("Accept-Language",))
        patch_cache_control(response, private=True)
    return response


def kept_answers(data, page):
    """The posted answers, to show again: a preset of another currency or frequency is dropped."""
    answers = {name: data.get(name) for name in DonateForm.base_fields if name in data}
    for name in ("anonymous", "cover_fees", "updates"):
        answers[name] = name in data
    if answers.get("currency") not in CURRENCIES:
        answers["currency"] = default_currency_for_page(page)
    if answers.get("frequency") not in ("once", "monthly"):
        answers["frequency"] = page.default_frequency
    amounts = [str(amount) for amount, _text in presets_for(page)[answers["currency"]][answers["frequency"]]]
    if answers.get("preset") not in amounts:
        answers.pop("preset", None)
    return answers


def default_currency_for_page(page):
    """PKR on Urdu pages, the page's setting on the others (no browser languages to go by)."""
    return "PKR" if get_language() == "ur" else page.default_currency


def presets_for(page):
    """{currency: {frequency: [(amount, what it does)]}}: the page's presets, or the site's defaults."""
    chosen = {}
    for preset in page.preset_amounts.all():
        chosen.setdefault(preset.currency, {}).setdefault(preset.frequency, []).append(
            (preset.amount, preset.description)
        )
    return {
        code: {
            "once": chosen.get(code, {}).get("once") or [(amount, "") for amount in currency.presets],
            "monthly": chosen.get(code, {}).get("monthly") or [(amount, "") for amount in currency.monthly_presets],
        }
        for code, currency in CURRENCIES.items()
    }


def monthly_offer(page, data):
    """The monthly gift to suggest after a one-off preset, or None: the monthly preset in the same place."""
    if not (page.offer_monthly and page.monthly_offer_text) or data.get("frequency") != "once":
        return None
    presets = presets_for(page)[data["currency"]]
    once = [Decimal(amount) for amount, _text in presets["once"]]
    if data["amount"] not in once or once.index(data["amount"]) >= len(presets["monthly"]):
        return None
    currency = CURRENCIES[data["currency"]]
    amount = Decimal(presets["monthly"][once.index(data["amount"])][0]).quantize(Decimal("0.01"))
    fee = currency.estimated_fee(amount) if data.get("cover_fees") else Decimal("0.00")
    text = page.monthly_offer_text.replace("{amount}", currency.format(amount))
    return {"amount": amount, "fee": fee, "text": text, "currency": currency.code}


def render_form(request, page, form, status=200, error="", offer=None):
    presets = presets_for(page)
    currency = form["currency"].value() if form["currency"].value() in CURRENCIES else page.default_currency
    frequency = form["frequency"].value() if form["frequency"].value() in ("once", "monthly") else "once"
    chosen = str(form["preset"].value() or "")
    goal = page.campaign_goal
    partner = PartnerSettings.for_request(request)
    context = {
        **page.get_context(request),
        "form": form,
        "amount_choices": [
            {
                "value": str(amount),
                "label": CURRENCIES[currency].format(amount),
                "description": text,
                "checked": chosen == str(amount),
            }
            for amount, text in presets[currency][frequency]
        ],
        "other_checked": chosen == OTHER or (not chosen and bool(form["amount"].value())),
        "preset_data": {
            code: {
                how: [
                    {"value": str(amount), "label": CURRENCIES[code].format(amount), "description": text}
                    for amount, text in amounts
                ]
                for how, amounts in by_frequency.items()
            }
            for code, by_frequency in presets.items()
        },
        "chosen_currency": currency,
        "goal": goal,
        "test_mode": test_mode(),
        "bank": BankTransferSettings.for_request(request),
        "partner": partner,
        "partner_note": partner.tax_note_for(get_language()),
        "checkout_error": error,
        "offer": offer,
        "language": get_language(),
    }
    return TemplateResponse(request, "donate/donate_page.html", context, status=status)


def checkout_message(partner, language):
    """Checkout's words beside the Pay button: who takes the money and what the statement shows."""
    if not partner.name:
        return ""
    parts = [
        _("Your gift is received by %(partner)s, SEHER's partner in %(country)s, and passed on to SEHER.")
        % {"partner": partner.name, "country": partner.country or "-"}
    ]
    if partner.registration_number:
        parts.append(_("Registration: %(number)s.") % {"number": partner.registration_number})
    if partner.card_statement_name:
        parts.append(_("Your card statement will show %(name)s.") % {"name": partner.card_statement_name})
    if note := partner.tax_note_for(language):
        parts.append(note)
    return " ".join(parts)[:1200]  # Stripe's limit for custom text


def start_checkout(request, page, form):
    data = form.cleaned_data
    currency = CURRENCIES[data["currency"]]
    language = get_language() or "en"
    gift = Gift.objects.create(
        amount=data["amount"],
        fee_covered=data["fee"],
        currency=currency.code,
        frequency=data["frequency"],
        dedication=data["dedication"],
        anonymous=data["anonymous"],
        designation=data["designation"],
        campaign=page.campaign_name,
        language=language,
        updates_consent_at=timezone.now() if data["updates"] else None,
        updates_consent_wording=str(UPDATES_WORDING) if data["updates"] else "",
    )
    partner = PartnerSettings.for_request(request)
    unit_amount = currency.to_minor_units(gift.total_charged)
    gift_id = str(gift.reference)
    thank_you = request.build_absolute_uri(reverse("gifts:thank_you", args=[gift_id]))
    cancel = request.build_absolute_uri(
        f"{page.url}?amount={gift.amount}&currency={currency.code}&frequency={gift.frequency}"
    )
    price_data = {
        "currency": currency.code.lower(),
        "unit_amount": unit_amount,
        "product_data": {"name": _("Gift to SEHER")},
    }
    params = {
        "line_items": [{"price_data": price_data, "quantity": 1}],
        "client_reference_id": gift_id,
        "metadata": {"gift_id": gift_id},
        "success_url": thank_you,
        "cancel_url": cancel,
        "locale": "auto",
    }
    if message := checkout_message(partner, language):
        params["custom_text"] = {"submit": {"message": message}}
    if gift.frequency == "monthly":
        price_data["recurring"] = {"interval": "month"}
        params["mode"] = "subscription"
        params["subscription_data"] = {"metadata": {"gift_id": gift_id}}
    else:
        params["mode"] = "payment"
        params["submit_type"] = "donate"
        params["payment_intent_data"] = {"metadata": {"gift_id": gift_id}}
        if partner.statement_descriptor_suffix:
            # Card charges take a suffix to the account's short descriptor (a full descriptor is refused).
            params["payment_intent_data"]["statement_descriptor_suffix"] = partner.statement_descriptor_suffix
    try:
        session = get_client(request).v1.checkout.sessions.create(
            params=params, options={"idempotency_key": f"gift-{gift_id}-checkout"}
        )
    except stripe.StripeError as error:
        logger.error("could not start checkout for gift %s: %s", gift.pk, error.__class__.__name__)
        message = _("We could not reach our payment processor just now. Nothing has been charged; please try again.")
        return render_form(request, page, form, status=503, error=message)
    gift.stripe_checkout_session_id = session.id
    gift.save(update_fields=["stripe_checkout_session_id", "updated_at"])
    return HttpResponse(status=303, headers={"Location": session.url})


def thank_you(request, reference):
    """Reads only: the webhook, never this page, marks a gift paid."""
    gift = Gift.objects.filter(reference=reference).first()
    if gift is None:
        raise Http404
    partner = PartnerSettings.for_request(request)
    context = {
        "gift": gift,
        "confirmed": gift.status == Gift.Status.PAID,
        # Card gifts are the partner's; a bank transfer, cheque or cash gift comes to SEHER itself.
        "partner": None if gift.is_offline or not partner.name else partner,
        "partner_note": partner.tax_note_for(get_language()),
    }
    return TemplateResponse(request, "donate/thank_you.html", context)


@csrf_exempt
@require_POST
def webhook(request):
    """Stripe's events: signature checked on the raw body, each event applied once."""
    signature = request.headers.get("Stripe-Signature", "")
    try:
        stripe.WebhookSignature.verify_header(
            request.body.decode("utf-8"),
            signature,
            settings.STRIPE_WEBHOOK_SECRET,
            tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
        )
        event = json.loads(request.body)  # verified: handlers read plain dicts
        event_id, event_type, obj = event["id"], event["type"], event["data"]["object"]
    except (ValueError, KeyError, TypeError, stripe.SignatureVerificationError):
        return HttpResponseBadRequest("invalid signature or payload")
    handler = webhooks.HANDLERS.get(event_type)
    if handler is None:
        return HttpResponse("ignored")
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():  # a savepoint: only this insert tells a duplicate
                    StripeEvent.objects.create(event_id=event_id, type=event_type)
            except IntegrityError:
                return HttpResponse("already processed")
            # Any error from here on rolls the event id back with the rest and answers 500
            # (or 503 for a lost database), so Stripe delivers the event again.
            handler(obj)
    except webhooks.NotOurs:
        # Another product on the same Stripe account: nothing for us to do, and nothing to retry.
        logger.info("stripe event %s (%s) ignored: about an object this site did not create", event_id, event_type)
        return HttpResponse("ignored")
    except webhooks.NotYetKnown:
        # Ours, but what it refers to is not recorded yet (it arrived early): Stripe retries later.
        return HttpResponse("not yet known", status=409)
    return HttpResponse("ok")


@csrf_exempt
def stripe_double(request, path):
    """Development only: the offline Stripe double, served by the site itself."""
    # Made on first use: only a development server mounts the double.
    from .stripe_double_site import double

    if not settings.STRIPE_DOUBLE_MOUNTED:
        raise Http404
    double.webhook_url = request.build_absolute_uri(reverse("stripe_webhook"))
    double.mount = "/stripe-double"
    environ = dict(request.environ)
    environ["PATH_INFO"] = "/" + path

    body = request.body
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    captured = {}

    def start_response(status, headers):
        captured["status"] = int(status.split()[0])
        captured["headers"] = headers

    content = b"".join(double(environ, start_response))
    response = HttpResponse(content, status=captured["status"])
    for name, value in captured["headers"]:
        response[name] = value
    return response


def manage_gift(request):
    """Ask for an email; a queued task mails a link to the address stored on the gift.

    Every valid request queues the same task, whether the address is known or not, so
    the answer never reveals which (donate.tasks.send_manage_link).
    """
    sent = False
    form = ManageGiftForm(request.POST or None)
    if request.method == "POST":
        if not hit("manage-gift", client_key(request), 5, 60):
            return too_many_requests(request, 60)
        if form.is_valid():
            gift = monthly_gift_for(form.cleaned_data["email"])
            send_manage_link.enqueue(gift.pk if gift else None, get_language() or "en")
            sent = True
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return TemplateResponse(request, "donate/manage_gift.html", {"form": form, "sent": sent}, status=status)


MANAGED_GIFT = "donate:managed-gift"  # session key: (gift pk, when the link was opened)


def manage_gift_link(request, token):
    """The emailed link: uses the token up and ties this browser's session to that one gift, for an hour."""
    gift = redeem_manage_link_token(token)
    if gift is None:
        return link_expired(request)
    request.session.cycle_key()  # a new session id: one fixed before the link was opened is worth nothing
    request.session[MANAGED_GIFT] = [gift.pk, int(timezone.now().timestamp())]
    return HttpResponse(status=303, headers={"Location": reverse("gifts:manage_current")})


def link_expired(request):
    # With the form to ask for a new link, as the message says.
    context = {"expired": True, "form": ManageGiftForm()}
    return TemplateResponse(request, "donate/manage_gift.html", context, status=400)


def managed_gift(request):
    """The running monthly gift this session's link was issued for, or None (no link, or over an hour ago)."""
    try:
        pk, opened = request.session.get(MANAGED_GIFT)
    except (TypeError, ValueError):
        return None
    if timezone.now().timestamp() - opened > MANAGE_LINK_MAX_AGE:
        return None
    return (
        Gift.objects.filter(pk=pk, frequency="monthly", status=Gift.Status.PAID)
        .exclude(stripe_subscription_id="")
        .first()
    )


def manage_current(request):
    """The donor's monthly gift: change the amount here; change the card or stop it in Stripe's portal."""
    gift = managed_gift(request)
    if gift is None:
        return link_expired(request)
    currency = CURRENCIES[gift.currency]
    form = ChangeAmountForm(request.POST or None, currency=currency)
    context = {"gift": gift, "amount_form": form, "amount": currency.format(gift.total_charged)}
    if request.method != "POST":
        return TemplateResponse(request, "donate/manage_current.html", context)
    if not hit("manage-gift-change", client_key(request), 5, 60):
        return too_many_requests(request, 60)
    if not form.is_valid():
        return TemplateResponse(request, "donate/manage_current.html", context, status=400)
    new_amount = form.cleaned_data["amount"]
    try:
        change_monthly_amount(request, gift, currency.to_minor_units(new_amount))
    except stripe.StripeError as error:
        logger.error("could not change the amount of gift %s: %s", gift.pk, error.__class__.__name__)
        context["unavailable"] = True
        return TemplateResponse(request, "donate/manage_current.html", context, status=503)
    # Stripe's customer.subscription.updated records it on the gift (donate.webhooks).
    context.update(changed=currency.format(new_amount), amount_form=ChangeAmountForm(currency=currency))
    return TemplateResponse(request, "donate/manage_current.html", context)


def change_monthly_amount(request, gift, minor_units):
    """Give the subscription's one item a new monthly price, from the next payment on (no proration)."""
    client = get_client(request)
    subscription = client.v1.subscriptions.retrieve(gift.stripe_subscription_id).to_dict()
    item = subscription["items"]["data"][0]
    product = item["price"]["product"]
    client.v1.subscriptions.update(
        gift.stripe_subscription_id,
        params={
            "items": [
                {
                    "id": item["id"],
                    "price_data": {
                        "currency": gift.currency.lower(),
                        "product": product if isinstance(product, str) else product["id"],
                        "unit_amount": minor_units,
                        "recurring": {"interval": "month"},
                    },
                    "quantity": 1,
                }
            ],
            "proration_behavior": "none",
        },
    )


@require_POST
def manage_portal(request):
    """Stripe's billing portal for the session's gift: change the card, or stop the gift."""
    gift = managed_gift(request)
    if gift is None:
        return link_expired(request)
    try:
        portal = get_client(request).v1.billing_portal.sessions.create(
            params={
                "customer": gift.stripe_customer_id,
                "return_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/",
            }
        )
    except stripe.StripeError as error:
        logger.error("could not open the billing portal: %s", error.__class__.__name__)
        return TemplateResponse(request, "donate/manage_gift.html", {"unavailable": True}, status=503)
    return HttpResponse(status=303, headers={"Location": portal.url})


def bank_transfer(request):
    """'Tell us about your transfer': a pending offline gift for Finance to match with the bank statement."""
    form = BankTransferForm(request.POST or None)
    if request.method == "POST":
        if not hit("bank-transfer", client_key(request), settings.DONATE_RATE_LIMIT, 60):
            return too_many_requests(request, 60)
        if form.is_valid():
            data = form.cleaned_data
            Gift.objects.create(
                source=Gift.Source.BANK_TRANSFER,
                status=Gift.Status.PENDING,
                amount=data["amount"],
                currency=data["currency"],
                transfer_date=data["transfer_date"],
                bank_reference=data["bank_reference"],
                donor_email=data["email"],
                donor_name=data["name"],
                designation=data["designation"],
                language=get_language() or "en",
            )
            return TemplateResponse(request, "donate/bank_transfer.html", {"sent": True})
    context = {"form": form, "bank": BankTransferSettings.for_request(request)}
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "donate/bank_transfer.html", context, status=status)


@csrf_exempt  # the signed token is the credential; mail programs post here with no page (RFC 8058)
def withdraw_updates(request, token):
    """One click stops news by email: GET shows the button (link checkers only read), POST withdraws."""
    email = email_from_token(token)
    if email is None:
        return TemplateResponse(request, "donate/withdraw_updates.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        withdraw(email)
        done = True
    return TemplateResponse(request, "donate/withdraw_updates.html", {"done": done, "token": token})
