"""Request ids and structured JSON logs.

Every request gets an id (the proxy's X-Request-ID when it sends a sane one, a
fresh one otherwise); it is echoed in the response and added to every log line
written while the request is handled. Log lines are JSON objects, one a line.
"""

import contextvars
import json
import logging
import re
import time
import uuid

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

_request_id = contextvars.ContextVar("request_id", default="-")
_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

# Values that must never reach a log line, whatever a library passes in.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_SECRET = re.compile(r"\b(sk|rk|pk|whsec)_(test|live)_[A-Za-z0-9]+")
_CARD = re.compile(r"\b(?:\d[ -]?){13,19}\b")


def current_request_id():
    return _request_id.get()


def scrub(text):
    """Remove email addresses, Stripe keys and card-like numbers from a log message."""
    text = _EMAIL.sub("[email]", text)
    text = _SECRET.sub("[secret]", text)
    return _CARD.sub("[number]", text)


def scrub_event(event, hint=None):
    """Sentry's before_send: every text in the event goes through scrub(), as log lines do."""

    def clean(value):
        if isinstance(value, str):
            return scrub(value)
        if isinstance(value, dict):
            return {key: clean(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [clean(item) for item in value]
        return value

    return clean(event)


def init_sentry(dsn, environment, traces_sample_rate=0.0):
    """Error reports without request bodies (donor details, passwords), stack-frame locals or personal data."""
    import sentry_sdk  # only where SENTRY_DSN is set

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        traces_sample_rate=traces_sample_rate,
    )


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SANE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, exception."""

    def format(self, record):
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
            "request_id": current_request_id(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


class DatabaseUnavailableMiddleware:
    """Answer 503 with a page that needs no database when the database cannot be reached.

    The page is plain HTML (no settings, menus or other queries), and the status
    tells Stripe and proxies to retry later.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logging.getLogger("core.database").error("database unavailable: %s", exception.__class__.__name__)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
