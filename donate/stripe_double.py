"""A small stand-in for Stripe, for development and tests, spoken to over real HTTP.

It answers the part of Stripe's API this site calls (Checkout Sessions and billing
portal sessions, with idempotency keys), serves a hosted checkout page with "Pay"
and "Cancel" buttons and a billing portal where a monthly gift can be stopped, and
then delivers correctly signed webhook events to the site, the way Stripe does.
Tests can also make it send renewals, refunds, cancellations, expiries and disputes.
It is a WSGI app: tests run it on a loopback port; `make run` mounts it at
/stripe-double/ when no Stripe key is set.
Production settings refuse to use it.
"""

import html
import itertools
import json
import threading
import time
import urllib.request
from decimal import Decimal
from socketserver import ThreadingMixIn
from urllib.parse import parse_qsl
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import stripe

_ids = itertools.count(1)


def new_id(prefix):
    return f"{prefix}_test_{int(time.time())}{next(_ids):06d}"


def parse_form(body):
    """Stripe's form encoding (a[b][0][c]=1) into nested dicts and lists."""
    result = {}
    for key, value in parse_qsl(body, keep_blank_values=True):
        parts = key.replace("]", "").split("[")
        node = result
        for part, following in itertools.pairwise(parts):
            default = [] if following.isdigit() else {}
            if isinstance(node, list):
                index = int(part)
                while len(node) <= index:
                    node.append(default.copy() if isinstance(default, dict) else [])
                node = node[index]
            else:
                node = node.setdefault(part, default)
        last = parts[-1]
        if isinstance(node, list):
            node.append(value)
        else:
            node[last] = value
    return result


class StripeDouble:
    def __init__(self, webhook_secret, webhook_url=None, mount=""):
        self.webhook_secret = webhook_secret
        self.webhook_url = webhook_url
        self.mount = mount  # path prefix when served inside the site
        self.sessions = {}
        self.portals = {}  # billing portal sessions: id -> {"customer", "return_url"}
        self.invoices = {}  # id -> invoice, with the PaymentIntent that paid it under "_payment_intent"
        self.payment_intents = {}  # id -> PaymentIntent of a one-off gift (with the metadata the site gave it)
        self.idempotent = {}
        self.requests = []  # (method, path) of every API call, for tests
        self.deliveries = []  # (event type, HTTP status) of every webhook sent
        self.subscription_updates = []  # (subscription id, the parameters) of every accepted change
        self.outbox = []  # events an API call caused, delivered once its answer is ready
        self.hold_events = False  # keep those events in `held` instead (tests deliver them late or out of order)
        self.held = []  # (event, webhook URL) kept while hold_events is on
        self.fail_api = False  # answer 500 to API calls, to test outages
        self.lock = threading.Lock()

    # -- webhooks -------------------------------------------------------
    def event(self, event_type, obj):
        return {
            "id": new_id("evt"),
            "object": "event",
            "type": event_type,
            "api_version": "2026-10-28.endive",
            "created": int(time.time()),
            "livemode": False,
            "data": {"object": obj},
        }

    def sign(self, payload, timestamp=None):
        return stripe.WebhookSignature.generate_signature_header(payload, self.webhook_secret, timestamp)

    def deliver(self, event, url=None):
        payload = json.dumps(event)
        request = urllib.request.Request(  # noqa: S310 - the site's own webhook URL on this machine
            url or self.webhook_url,
            data=payload.encode(),
            headers={"Content-Type": "application/json", "Stripe-Signature": self.sign(payload)},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310  # nosec B310
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        self.deliveries.append((event["type"], status))
        return status

    # -- scenarios tests and the checkout page trigger -------------------------
    def complete(self, session_id, deliver=True):
        """Pay the session; with deliver=False its events are not sent (a webhook still on its way)."""
        session = self.sessions[session_id]
        session.update(status="complete", payment_status="paid")
        session["customer_details"] = {"email": "donor@example.org", "name": "Demo Donor"}
        events = []
        if session["mode"] == "payment":
            session["payment_intent"] = new_id("pi")
            metadata = session["_params"].get("payment_intent_data", {}).get("metadata", {})
            self.payment_intents[session["payment_intent"]] = {
                "id": session["payment_intent"],
                "object": "payment_intent",
                "amount": session["amount_total"],
                "currency": session["currency"],
                "metadata": metadata,
            }
        else:
            session["customer"] = new_id("cus")
            session["subscription"] = new_id("sub")
            session["_item"] = new_id("si")
            session["_product"] = new_id("prod")
        events.append(self.event("checkout.session.completed", dict(session)))
        if session["mode"] == "subscription":
            events.append(self.event("invoice.paid", self.invoice(session)))
        for event in events if deliver else ():
            self.deliver(event, session.get("_webhook_url"))
        return session

    def invoice(self, session, status="paid"):
        """A new invoice of the session's subscription; a paid one has its own PaymentIntent.

        As in Stripe since API version 2025-03-31, neither the invoice in the event nor
        the charge names the other: the link is an InvoicePayment, which the site can
        list by PaymentIntent (GET /v1/invoice_payments).
        """
        invoice = {
            "id": new_id("in"),
            "object": "invoice",
            "status": status,
            "amount_paid": session["amount_total"] if status == "paid" else 0,
            "currency": session["currency"],
            "customer": session.get("customer"),
            "parent": {
                "type": "subscription_details",
                "subscription_details": {
                    "subscription": session.get("subscription"),
                    "metadata": session.get("subscription_data", {}).get("metadata", {}),
                },
            },
        }
        self.invoices[invoice["id"]] = dict(invoice, _payment_intent=new_id("pi") if status == "paid" else None)
        return invoice

    def renew(self, session_id, status="paid"):
        session = self.sessions[session_id]
        event_type = "invoice.paid" if status == "paid" else "invoice.payment_failed"
        return self.deliver(self.event(event_type, self.invoice(session, status)), session.get("_webhook_url"))

    def refunded_charge(self, payment_intent, amount_total, currency, amount=None):
        """A charge.refunded event for `amount` (all of it by default) of a payment."""
        refunded = amount_total if amount is None else amount
        charge = {
            "id": new_id("ch"),
            "object": "charge",
            "payment_intent": payment_intent,
            "amount": amount_total,
            "amount_refunded": refunded,
            "refunded": refunded >= amount_total,
            "currency": currency,
        }
        return self.event("charge.refunded", charge)

    def refund(self, session_id, amount=None):
        session = self.sessions[session_id]
        event = self.refunded_charge(session["payment_intent"], session["amount_total"], session["currency"], amount)
        return self.deliver(event, session.get("_webhook_url"))

    def refund_invoice(self, invoice_id, amount=None, webhook_url=None):
        """Refund one payment of a monthly gift: a charge.refunded naming only its PaymentIntent."""
        invoice = self.invoices[invoice_id]
        event = self.refunded_charge(invoice["_payment_intent"], invoice["amount_paid"], invoice["currency"], amount)
        return self.deliver(event, webhook_url)

    def dispute_invoice(self, invoice_id, webhook_url=None):
        """The donor's bank disputes one payment of a monthly gift."""
        invoice = self.invoices[invoice_id]
        dispute = {
            "id": new_id("dp"),
            "object": "dispute",
            "payment_intent": invoice["_payment_intent"],
            "amount": invoice["amount_paid"],
            "status": "needs_response",
        }
        return self.deliver(self.event("charge.dispute.created", dispute), webhook_url)

    def simple_event(self, session_id, event_type, obj=None):
        session = self.sessions[session_id]
        return self.deliver(self.event(event_type, obj or dict(session)), session.get("_webhook_url"))

    def stop(self, session_id):
        """The donor stops a monthly gift (in the billing portal): Stripe deletes the subscription."""
        session = self.sessions[session_id]
        session["_stopped"] = True
        subscription = {
            "id": session["subscription"],
            "object": "subscription",
            "status": "canceled",
            "customer": session["customer"],
            "metadata": session.get("subscription_data", {}).get("metadata", {}),
        }
        return self.simple_event(session_id, "customer.subscription.deleted", subscription)

    def subscription(self, session):
        """The subscription a paid monthly session started, as Stripe shows it: one item, one price."""
        return {
            "id": session["subscription"],
            "object": "subscription",
            "status": "canceled" if session.get("_stopped") else "active",
            "customer": session["customer"],
            "currency": session["currency"],
            "metadata": session.get("subscription_data", {}).get("metadata", {}),
            "items": {
                "object": "list",
                "data": [
                    {
                        "id": session["_item"],
                        "object": "subscription_item",
                        "quantity": 1,
                        "price": {
                            "id": session.get("_price") or new_id("price"),
                            "object": "price",
                            "currency": session["currency"],
                            "product": session["_product"],
                            "unit_amount": session["amount_total"],
                            "recurring": {"interval": "month", "interval_count": 1},
                        },
                    }
                ],
            },
        }

    def session_of_subscription(self, subscription_id):
        found = [s for s in self.sessions.values() if s.get("subscription") == subscription_id]
        if not found:
            raise KeyError(subscription_id)  # answered 404, as Stripe does
        return found[0]

    def update_subscription(self, subscription_id, params):
        """POST /v1/subscriptions/:id with a new price for its one item, refused where Stripe refuses."""
        session = self.session_of_subscription(subscription_id)
        [item] = params.get("items") or [{}]
        price = item.get("price_data") or {}
        problem = None
        if session.get("_stopped"):
            problem = "You cannot update a subscription that is `canceled`."
        elif item.get("id") != session["_item"]:
            problem = f"Invalid subscription item: {item.get('id')}"
        elif "product_data" in price or not price.get("product"):
            problem = "items[0][price_data][product] is required (product_data is not accepted here)"
        elif price.get("currency") != session["currency"] or price.get("product") != session["_product"]:
            problem = "The new price must have the subscription's currency and product"
        elif price.get("recurring", {}).get("interval") != "month" or not price.get("unit_amount", "").isdigit():
            problem = "items[0][price_data] needs a whole unit_amount and recurring[interval]=month"
        if problem:
            return self.api_json("400 Bad Request", {"error": {"type": "invalid_request_error", "message": problem}})
        session["amount_total"] = int(price["unit_amount"]) * int(item.get("quantity", 1))
        session["_price"] = new_id("price")
        self.subscription_updates.append((subscription_id, params))
        subscription = self.subscription(session)
        if session.get("_webhook_url"):
            self.outbox.append((self.event("customer.subscription.updated", subscription), session["_webhook_url"]))
        return self.api_json("200 OK", subscription)

    def subscriptions(self, customer):
        return [s for s in self.sessions.values() if s["mode"] == "subscription" and s["customer"] == customer]

    # -- WSGI -------------------------------------------------------------
    def __call__(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "")
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length).decode() if length else ""
        host = environ.get("HTTP_HOST", "127.0.0.1")
        base = f"http://{host}{self.mount}"
        try:
            status, headers, content = self.route(method, path, body, environ, base)
        except KeyError:
            status, headers, content = "404 Not Found", [("Content-Type", "application/json")], b'{"error": {}}'
        start_response(status, headers)
        return [content]

    def api_json(self, status, obj):
        return status, [("Content-Type", "application/json"), ("Request-Id", new_id("req"))], json.dumps(obj).encode()

    def route(self, method, path, body, environ, base):
        if path.startswith("/v1/"):
            self.requests.append((method, path))
            if self.fail_api:
                return self.api_json("500 Internal Server Error", {"error": {"type": "api_error", "message": "down"}})
            key = environ.get("HTTP_IDEMPOTENCY_KEY")
            with self.lock:
                if key and key in self.idempotent:
                    return self.idempotent[key]
                params = parse_form(environ.get("QUERY_STRING", "") if method == "GET" else body)
                answer = self.api(method, path, params, base)
                if key:
                    self.idempotent[key] = answer
                outbox, self.outbox = self.outbox, []
                if self.hold_events:
                    self.held, outbox = self.held + outbox, []
            for event, url in outbox:  # Stripe tells the site after answering the call
                self.deliver(event, url)
            return answer
        if method == "GET" and path.startswith("/checkout/"):
            return self.checkout_page(self.sessions[path.split("/")[2]], base)
        if method == "POST" and path.startswith("/checkout/"):
            _, _, session_id, action = path.split("/")
            session = self.sessions[session_id]
            if action == "pay":
                self.complete(session_id)
                target = session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
            else:
                target = session["cancel_url"]
            return "303 See Other", [("Location", target), ("Content-Type", "text/plain")], b""
        if method == "GET" and path.startswith("/portal/"):
            return self.portal_page(path.split("/")[2], base)
        if method == "POST" and path.startswith("/portal/"):
            _, _, portal_id, action, session_id = path.split("/")
            session = self.sessions[session_id]
            if action != "stop" or session["customer"] != self.portals[portal_id]["customer"]:
                raise KeyError(path)
            if not session.get("_stopped"):
                self.stop(session_id)
            return "303 See Other", [("Location", f"{base}/portal/{portal_id}")], b""
        raise KeyError(path)

    def refused(self, params):
        """Stripe's answer to Checkout parameters it refuses, or None: the double is as strict as Stripe here."""
        intent = params.get("payment_intent_data", {})
        suffix = intent.get("statement_descriptor_suffix")
        message = params.get("custom_text", {}).get("submit", {}).get("message")
        problem = None
        if intent.get("statement_descriptor") is not None:
            problem = "statement_descriptor is not supported for card payments; use statement_descriptor_suffix"
        elif suffix is not None and (
            len(suffix) > 22
            or not suffix.isascii()
            or not any(c.isalpha() for c in suffix)
            or set("<>\\'\"*") & set(suffix)
        ):
            problem = "Invalid statement_descriptor_suffix"
        elif message is not None and len(message) > 1200:
            problem = "custom_text[submit][message] may be up to 1200 characters"
        if problem is None:
            return None
        return self.api_json("400 Bad Request", {"error": {"type": "invalid_request_error", "message": problem}})

    def api(self, method, path, params, base):
        if method == "POST" and path == "/v1/checkout/sessions" and (refusal := self.refused(params)):
            return refusal
        if method == "POST" and path == "/v1/checkout/sessions":
            session_id = new_id("cs")
            item = params["line_items"][0]
            price = item["price_data"]
            amount = int(price["unit_amount"]) * int(item.get("quantity", 1))
            session = {
                "id": session_id,
                "object": "checkout.session",
                "mode": params["mode"],
                "status": "open",
                "payment_status": "unpaid",
                "amount_total": amount,
                "currency": price["currency"],
                "client_reference_id": params.get("client_reference_id"),
                "metadata": params.get("metadata", {}),
                "subscription_data": params.get("subscription_data", {}),
                "submit_type": params.get("submit_type"),
                "success_url": params["success_url"],
                "cancel_url": params["cancel_url"],
                "customer": None,
                "payment_intent": None,
                "subscription": None,
                "url": f"{base}/checkout/{session_id}",
                "_params": params,
                "_webhook_url": self.webhook_url,
            }
            self.sessions[session_id] = session
            visible = {k: v for k, v in session.items() if not k.startswith("_")}
            return self.api_json("200 OK", visible)
        if method == "GET" and path == "/v1/invoice_payments":
            wanted = params.get("payment", {}).get("payment_intent")
            found = [
                {
                    "id": f"inpay_{invoice['id']}",
                    "object": "invoice_payment",
                    "invoice": invoice["id"],
                    "is_default": True,
                    "status": "paid",
                    "payment": {"type": "payment_intent", "payment_intent": invoice["_payment_intent"]},
                }
                for invoice in self.invoices.values()
                if wanted and invoice["_payment_intent"] == wanted
            ]
            return self.api_json("200 OK", {"object": "list", "data": found, "has_more": False})
        if method == "GET" and path.startswith("/v1/payment_intents/"):
            intent = self.payment_intents.get(path.rsplit("/", 1)[1])
            if intent is None:
                missing = {"type": "invalid_request_error", "code": "resource_missing", "message": "No such intent"}
                return self.api_json("404 Not Found", {"error": missing})
            return self.api_json("200 OK", intent)
        if method == "GET" and path.startswith("/v1/invoices/"):
            invoice = self.invoices[path.rsplit("/", 1)[1]]
            return self.api_json("200 OK", {k: v for k, v in invoice.items() if not k.startswith("_")})
        if path.startswith("/v1/subscriptions/"):
            subscription_id = path.rsplit("/", 1)[1]
            if method == "POST":
                return self.update_subscription(subscription_id, params)
            return self.api_json("200 OK", self.subscription(self.session_of_subscription(subscription_id)))
        if method == "POST" and path == "/v1/billing_portal/sessions":
            portal_id = new_id("bps")
            self.portals[portal_id] = {"customer": params["customer"], "return_url": params.get("return_url") or "/"}
            return self.api_json(
                "200 OK",
                {
                    "id": portal_id,
                    "object": "billing_portal.session",
                    "customer": params["customer"],
                    "return_url": params.get("return_url"),
                    "url": f"{base}/portal/{portal_id}",
                },
            )
        raise KeyError(path)

    def checkout_page(self, session, base):
        amount = Decimal(session["amount_total"]) / 100
        what = "every month" if session["mode"] == "subscription" else "once"
        sid = html.escape(session["id"])
        message = session["_params"].get("custom_text", {}).get("submit", {}).get("message", "")
        page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test checkout</title></head>
<body><main>
<h1>Test checkout: no real money moves</h1>
<p>You are giving <strong>{html.escape(session["currency"].upper())} {amount:.2f}</strong> {what}.</p>
<p>{html.escape(message)}</p>
<form method="post" action="{base}/checkout/{sid}/pay"><button type="submit">Pay</button></form>
<form method="post" action="{base}/checkout/{sid}/cancel"><button type="submit">Cancel</button></form>
</main></body></html>"""
        return "200 OK", [("Content-Type", "text/html; charset=utf-8")], page.encode()

    def portal_page(self, portal_id, base):
        portal = self.portals[portal_id]
        gifts = []
        for session in self.subscriptions(portal["customer"]):
            gift = (
                f"{html.escape(session['currency'].upper())} {Decimal(session['amount_total']) / 100:.2f} every month"
            )
            if session.get("_stopped"):
                gifts.append(
                    f'<li><p role="status">Your gift of {gift} is stopped. Nothing more will be taken.</p></li>'
                )
            else:
                action = f"{base}/portal/{html.escape(portal_id)}/stop/{html.escape(session['id'])}"
                gifts.append(
                    f"<li><p>Your gift of {gift}.</p><form method='post' action='{action}'>"
                    "<button type='submit'>Stop this monthly gift</button></form></li>"
                )
        page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Manage your monthly gift (test mode)</title></head>
<body><main>
<h1>Manage your monthly gift (test mode)</h1>
<p>In live mode this is Stripe's billing portal.</p>
<ul>{"".join(gifts) or "<li>No monthly gift found.</li>"}</ul>
<p><a href="{html.escape(portal["return_url"])}">Return to SEHER</a></p>
</main></body></html>"""
        return "200 OK", [("Content-Type", "text/html; charset=utf-8")], page.encode()


def serve_in_thread(double, host="127.0.0.1"):
    """Run the double on a free loopback port; returns (server, base URL)."""

    class ThreadingServer(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = make_server(host, 0, double, server_class=ThreadingServer, handler_class=QuietHandler)
    # shutdown() waits for the loop to look at its flag: every 20 ms, not the default 500.
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    return server, f"http://{host}:{server.server_port}"
