"""Faults while money moves: mail server down, a worker killed mid-event, the database lost, Stripe away.

Each test breaks one thing for real (a mail server that never answers, a Stripe
address where nothing listens, a process that dies inside the webhook's
transaction) and then checks what the donor, Stripe and Finance see, and that
putting it right ends in exactly one effect.
"""

import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks_db.models import DBTaskResult

from donate.models import Gift, ReceiptCounter, StripeEvent
from donate.stripe_double import StripeDouble

from .donate_helpers import gift_form
from .test_production import _run_with_unreachable_database

ROOT = Path(__file__).resolve().parent.parent
LIVE = pytest.mark.django_db(transaction=True, serialized_rollback=True)
QUEUE_IN_DATABASE = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]},
}


class MailServer:
    """A loopback SMTP server that starts down: refusing connections (nothing listens) or hung (never answers)."""

    def __init__(self, down):
        self.port = closed_port()
        self.up = False
        self.connections = 0
        self.messages = []
        self.hung = []
        self.listener = None
        if down == "hung":
            self.listen()

    def listen(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self.serve, daemon=True).start()

    def come_back(self):
        self.up = True
        if self.listener is None:
            self.listen()

    def serve(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            if self.up:
                threading.Thread(target=self.talk, args=(conn,), daemon=True).start()
            else:
                self.hung.append(conn)

    def talk(self, conn):
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 mail.test ESMTP\r\n")
            for line in lines:
                command = line.strip().upper()
                if command.startswith((b"EHLO", b"HELO")):
                    conn.sendall(b"250-mail.test\r\n250 8BITMIME\r\n")
                elif command == b"DATA":
                    conn.sendall(b"354 go ahead\r\n")
                    message = b"".join(iter(lines.readline, b".\r\n"))
                    self.messages.append(message.decode("utf-8", "replace"))
                    conn.sendall(b"250 queued\r\n")
                elif command == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:  # MAIL FROM, RCPT TO, RSET, NOOP
                    conn.sendall(b"250 ok\r\n")

    def close(self):
        if self.listener is not None:
            self.listener.close()
        for conn in self.hung:
            conn.close()


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=["refused", "hung"])
def mail_server(request, settings):
    server = MailServer(down=request.param)
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": server.port, "use_tls": False, "timeout": 2},
        }
    }
    yield server
    server.close()


@pytest.fixture
def queue_in_database(settings):
    settings.TASKS = QUEUE_IN_DATABASE


@pytest.fixture
def pending_gift(db):
    return Gift.objects.create(amount=Decimal("2500"), currency="PKR", frequency="once")


def completed_event(gift, event_id="evt_test_fault_1"):
    session = {
        "id": "cs_test_fault",
        "object": "checkout.session",
        "client_reference_id": str(gift.reference),
        "payment_status": "paid",
        "amount_total": 250000,
        "payment_intent": "pi_test_fault",
        "customer_details": {"email": "donor@example.org", "name": "Demo Donor"},
    }
    return dict(StripeDouble(webhook_secret="").event("checkout.session.completed", session), id=event_id)


def signed(settings, event):
    """The event's body and a Stripe-Signature header made with the real signing scheme."""
    payload = json.dumps(event)
    return payload, StripeDouble(webhook_secret=settings.STRIPE_WEBHOOK_SECRET).sign(payload)


def deliver(client, settings, event):
    payload, signature = signed(settings, event)
    return client.post("/donate/webhook/", payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)


def receipt_tasks():
    return DBTaskResult.objects.filter(task_path="donate.tasks.send_receipt")


def run_worker():
    """What `manage.py db_worker --backend queue` does, until nothing is ready to run."""
    call_command(
        "db_worker", "--backend=queue", "--queue-name=*", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )


def assert_applied_once(gift, event):
    gift.refresh_from_db()
    assert gift.status == "paid"
    assert gift.receipt_number is not None
    assert StripeEvent.objects.filter(event_id=event["id"]).count() == 1
    assert receipt_tasks().count() == 1
    assert receipt_tasks().get().args_kwargs == {"args": ["gift", gift.pk], "kwargs": {}}


@LIVE
def test_mail_server_down_receipt_waits_in_the_queue_and_is_sent_once_it_is_back(
    client, settings, queue_in_database, mail_server, pending_gift, caplog
):
    event = completed_event(pending_gift)
    started = time.monotonic()
    response = deliver(client, settings, event)
    took = time.monotonic() - started
    # The webhook answers without touching the mail server (a hung one would hold it for the 2 s timeout).
    assert (response.status_code, response.content) == (200, b"ok")
    assert took < 2, f"webhook took {took:.1f} s"
    assert mail_server.connections == 0
    assert receipt_tasks().get().status == "READY"
    pending_gift.refresh_from_db()

    with caplog.at_level(logging.ERROR, logger="donate.tasks"):
        run_worker()  # the first attempt fails (refused, or timed out) and is queued again
    first, retry = receipt_tasks().order_by("enqueued_at")
    assert first.status == "FAILED"
    assert retry.status == "READY"
    assert retry.args_kwargs == {"args": ["gift", pending_gift.pk], "kwargs": {"attempt": 2}}
    assert retry.run_after > first.finished_at
    error = "ConnectionRefusedError" if mail_server.listener is None else "SMTPServerDisconnected"
    assert (
        f"receipt {pending_gift.receipt_number} not sent ({error}) on attempt 1; trying again in 0:01:00"
        in caplog.text
    )
    assert "donor@example.org" not in caplog.text
    assert mail_server.messages == []

    mail_server.come_back()
    run_worker()  # the retry is not due yet: nothing is sent
    assert mail_server.messages == []
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=first.finished_at)  # its minute has passed
    run_worker()
    run_worker()
    assert len(mail_server.messages) == 1
    assert f"no. {pending_gift.receipt_number}" in mail_server.messages[0]
    assert "To: donor@example.org" in mail_server.messages[0]
    assert receipt_tasks().get(pk=retry.pk).status == "SUCCESSFUL"


@LIVE
@pytest.mark.parametrize("mail_server", ["refused"], indirect=True)
def test_a_receipt_is_given_up_after_the_last_retry(settings, queue_in_database, mail_server, pending_gift, caplog):
    from donate.tasks import RETRY_DELAYS, send_receipt

    pending_gift.donor_email = "donor@example.org"
    pending_gift.save()
    last = len(RETRY_DELAYS) + 1
    send_receipt.enqueue("gift", pending_gift.pk, attempt=last)
    with caplog.at_level(logging.ERROR, logger="donate.tasks"):
        run_worker()
    assert list(receipt_tasks().values_list("status", flat=True)) == ["FAILED"]
    assert f"after {last} attempts; giving up" in caplog.text


class WorkerKilled(SystemExit):
    """What gunicorn raises in a worker it aborts (its timeout): SystemExit, mid-request."""


@LIVE
def test_worker_killed_mid_event_leaves_nothing_half_written_and_the_redelivery_applies_once(
    client, settings, queue_in_database, pending_gift, monkeypatch
):
    event = completed_event(pending_gift)
    counter_before = ReceiptCounter.objects.get_or_create(pk=1)[0].next_number
    seen_inside = {}
    real_save = Gift.save

    def save_then_die(self, *args, **kwargs):
        real_save(self, *args, **kwargs)
        # Everything the event writes is written, inside the still-open transaction...
        seen_inside.update(
            event=StripeEvent.objects.filter(event_id=event["id"]).count(),
            status=Gift.objects.get(pk=self.pk).status,
            tasks=receipt_tasks().count(),
            counter=ReceiptCounter.objects.get(pk=1).next_number,
        )
        raise WorkerKilled(1)  # ...and the process dies before it commits.

    monkeypatch.setattr(Gift, "save", save_then_die)
    with pytest.raises(WorkerKilled):
        deliver(client, settings, event)
    assert seen_inside == {"event": 1, "status": "paid", "tasks": 1, "counter": counter_before + 1}

    # Nothing of it survived.
    pending_gift.refresh_from_db()
    assert (pending_gift.status, pending_gift.receipt_number, pending_gift.donor_email) == ("pending", None, "")
    assert not StripeEvent.objects.exists()
    assert not receipt_tasks().exists()
    assert ReceiptCounter.objects.get(pk=1).next_number == counter_before

    # Stripe delivers the event again (it got no answer): applied once, and only once.
    monkeypatch.setattr(Gift, "save", real_save)
    assert deliver(client, settings, event).content == b"ok"
    assert deliver(client, settings, event).content == b"already processed"
    assert_applied_once(pending_gift, event)
    assert pending_gift.receipt_number == counter_before  # no number skipped


@LIVE
def test_database_lost_mid_event_answers_503_and_the_retry_applies_once(
    client, settings, queue_in_database, pending_gift, monkeypatch
):
    """The connection drops as the receipt is queued, after the gift was marked paid in the transaction."""
    from django_tasks_db import DatabaseBackend

    real_enqueue = DatabaseBackend.enqueue
    failures = []

    def enqueue_once_lost(self, *args, **kwargs):
        if not failures:
            failures.append(1)
            raise OperationalError("server closed the connection unexpectedly")
        return real_enqueue(self, *args, **kwargs)

    monkeypatch.setattr(DatabaseBackend, "enqueue", enqueue_once_lost)
    event = completed_event(pending_gift)
    response = deliver(client, settings, event)
    assert response.status_code == 503  # Stripe retries 5xx answers later
    assert response["Retry-After"] == "30"
    pending_gift.refresh_from_db()
    assert pending_gift.status == "pending"  # not "paid without a receipt"
    assert not StripeEvent.objects.exists()
    assert not receipt_tasks().exists()

    assert deliver(client, settings, event).content == b"ok"
    assert deliver(client, settings, event).content == b"already processed"
    assert_applied_once(pending_gift, event)


@LIVE
def test_database_unreachable_webhook_answers_503_and_the_retry_applies_once(
    client, settings, queue_in_database, pending_gift
):
    event = completed_event(pending_gift)
    payload, signature = signed(settings, event)
    code = (
        "from django.test import Client\n"
        f"response = Client(raise_request_exception=False).post('/donate/webhook/', {payload!r}, "
        f"content_type='application/json', HTTP_STRIPE_SIGNATURE={signature!r})\n"
        "print(response.status_code, response['Retry-After'])\n"
    )
    result = _run_with_unreachable_database(code)
    assert result.stdout.strip() == "503 30", result.stderr[-2000:]
    assert not StripeEvent.objects.exists()

    # The database is back and Stripe retries the same event, twice (retries can overlap).
    for _ in range(2):
        assert deliver(client, settings, event).status_code == 200
    assert_applied_once(pending_gift, event)


@pytest.mark.django_db
@pytest.mark.parametrize("fault", ["unreachable", "hung"])
def test_stripe_away_when_a_gift_starts(client, settings, donate_page, stripe_double, fault, monkeypatch, caplog):
    """Nothing listens at Stripe's address, or it accepts and never answers: the donor is told, in the site's page."""
    double_base = settings.STRIPE_API_BASE
    hung = socket.create_server(("127.0.0.1", 0))
    if fault == "unreachable":
        settings.STRIPE_API_BASE = f"http://127.0.0.1:{closed_port()}"
    else:
        settings.STRIPE_API_BASE = f"http://127.0.0.1:{hung.getsockname()[1]}"
        monkeypatch.setattr("donate.stripe_api.TIMEOUT", 1)
    started = time.monotonic()
    with caplog.at_level(logging.ERROR, logger="donate.views"):
        response = client.post(donate_page.url, gift_form(amount="3000"))
    took = time.monotonic() - started
    hung.close()
    html = response.content.decode()
    assert response.status_code == 503
    assert took < 10, f"the donor waited {took:.1f} s"
    assert '<p class="form-error" role="alert">We could not reach our payment processor just now.' in html
    assert "Nothing has been charged; please try again." in html
    assert 'class="site-main"' in html and "css/components" in html  # the site's own page and styles
    assert 'value="3000"' in html  # the donor's amount is kept
    gift = Gift.objects.get()
    assert (gift.status, gift.stripe_checkout_session_id) == ("pending", "")
    assert f"could not start checkout for gift {gift.pk}: APIConnectionError" in caplog.text

    settings.STRIPE_API_BASE = double_base
    retry = client.post(donate_page.url, gift_form(amount="3000"))
    assert retry.status_code == 303
    assert len(stripe_double.sessions) == 1  # one Checkout Session: the retry's
    assert Gift.objects.exclude(stripe_checkout_session_id="").get().amount == Decimal("3000")


def test_content_changed_outside_a_web_process_still_invalidates_the_page_cache():
    """Scheduled publishing (`publish_scheduled` from cron), imports and shells never load the middleware."""
    code = (
        "import django; django.setup()\n"
        "from django.db.models.signals import post_delete, post_save\n"
        "print(any(key == ('pagecache-save', id(None)) for key, *_ in post_save.receivers),\n"
        "      any(key == ('pagecache-delete', id(None)) for key, *_ in post_delete.receivers))\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip() == "True True", result.stderr[-2000:]
