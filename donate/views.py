import io
import json
import logging

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from home.ratelimit import client_key, hit, too_many_requests

from . import webhooks
from .currencies import CURRENCIES
from .forms import DonateForm, ManageGiftForm
from .manage_links import monthly_gift_for, redeem_manage_link_token
from .models import BankTransferSettings, Donation, StripeEvent
from .stripe_api import get_client, test_mode
from .tasks import send_manage_link

logger = logging.getLogger(__name__)


def donate_page(request, page):
    if request.method == "POST":
        if not hit("donate", client_key(request), settings.DONATE_RATE_LIMIT, 60):
            return too_many_requests(request, 60)
        form = DonateForm(request.POST)
        if form.is_valid():
            return start_checkout(request, page, form)
        return render_form(request, page, form, status=400)
    initial = {
        "currency": request.GET.get("currency")
        if request.GET.get("currency") in CURRENCIES
        else page.default_currency,
        "frequency": request.GET.get("frequency") if request.GET.get("frequency") in ("once", "monthly") else None,
        "amount": request.GET.get("amount", "")[:20],
    }
    initial["frequency"] = initial["frequency"] or page.default_frequency
    return render_form(request, page, DonateForm(initial=initial))


def render_form(request, page, form, status=200, error=""):
    presets = {}
    for preset in page.preset_amounts.all():
        presets.setdefault(preset.currency, []).append(preset.amount)
    goal = page.campaign_goal
    context = {
        **page.get_context(request),
        "form": form,
        "presets": [(code, presets.get(code) or list(currency.presets)) for code, currency in CURRENCIES.items()],
        "goal": goal,
        "test_mode": test_mode(),
        "bank": BankTransferSettings.for_request(request),
        "checkout_error": error,
    }
    return TemplateResponse(request, "donate/donate_page.html", context, status=status)


def start_checkout(request, page, form):
    data = form.cleaned_data
    currency = CURRENCIES[data["currency"]]
    donation = Donation.objects.create(
        amount=data["amount"],
        fee_covered=data["fee"],
        currency=currency.code,
        frequency=data["frequency"],
        dedication=data["dedication"],
        anonymous=data["anonymous"],
        campaign=page.campaign_name,
        language=get_language() or "en",
    )
    unit_amount = currency.to_minor_units(donation.total_charged)
    gift_id = str(donation.reference)
    thank_you = request.build_absolute_uri(reverse("gifts:thank_you", args=[gift_id]))
    cancel = request.build_absolute_uri(
        f"{page.url}?amount={donation.amount}&currency={currency.code}&frequency={donation.frequency}"
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
    if donation.frequency == "monthly":
        price_data["recurring"] = {"interval": "month"}
        params["mode"] = "subscription"
        params["subscription_data"] = {"metadata": {"gift_id": gift_id}}
    else:
        params["mode"] = "payment"
        params["submit_type"] = "donate"
        params["payment_intent_data"] = {"metadata": {"gift_id": gift_id}}
    try:
        session = get_client(request).v1.checkout.sessions.create(
            params=params, options={"idempotency_key": f"gift-{gift_id}-checkout"}
        )
    except stripe.StripeError as error:
        logger.error("could not start checkout for gift %s: %s", donation.pk, error.__class__.__name__)
        message = _("We could not reach our payment processor just now. Nothing has been charged; please try again.")
        return render_form(request, page, form, status=503, error=message)
    donation.stripe_checkout_session_id = session.id
    donation.save(update_fields=["stripe_checkout_session_id", "updated_at"])
    return HttpResponse(status=303, headers={"Location": session.url})


def thank_you(request, reference):
    """Reads only: the webhook, never this page, marks a gift paid."""
    donation = Donation.objects.filter(reference=reference).first()
    if donation is None:
        raise Http404
    return TemplateResponse(
        request, "donate/thank_you.html", {"donation": donation, "confirmed": donation.status == Donation.Status.PAID}
    )


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
    from .stripe_double_site import double

    if not settings.STRIPE_DOUBLE_MOUNTED:
        raise Http404
    double.webhook_url = request.build_absolute_uri(reverse("donate:webhook"))
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


def manage_gift_link(request, token):
    customer = redeem_manage_link_token(token)
    if customer is None:
        # With the form to ask for a new link, as the message says.
        context = {"expired": True, "form": ManageGiftForm()}
        return TemplateResponse(request, "donate/manage_gift.html", context, status=400)
    try:
        portal = get_client(request).v1.billing_portal.sessions.create(
            params={"customer": customer, "return_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"}
        )
    except stripe.StripeError as error:
        logger.error("could not open the billing portal: %s", error.__class__.__name__)
        return TemplateResponse(request, "donate/manage_gift.html", {"unavailable": True}, status=503)
    return HttpResponse(status=303, headers={"Location": portal.url})
