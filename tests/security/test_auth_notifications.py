"""The owner hears of every change to how they log in, by email from the task queue, and the audit trail keeps it."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from staff.models import AuditEvent
from tests.staff_helpers import PASSWORD, log_in, make_staff, totp_code

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NEW_PASSWORD = "another-long-staff-password-2"  # nosec B105
# Real commits: the worker closes its database connection, as it does in production,
# and allauth tells the owner of new recovery codes from an on-commit hook.
LIVE = pytest.mark.django_db(transaction=True, serialized_rollback=True)
QUEUE_IN_DATABASE = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]},
}


@pytest.fixture
def amina(client, settings):
    settings.TASKS = QUEUE_IN_DATABASE
    user = make_staff("amina", secret=SECRET, superuser=True, recovery=True)
    log_in(client, "amina", totp_code(SECRET))
    return user


def delivered():
    """Run the worker as `manage.py db_worker --backend queue` would; the mails it sent."""
    mail.outbox.clear()
    call_command(
        "db_worker", "--backend=queue", "--queue-name=*", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )
    return [(message.to, message.subject) for message in mail.outbox]


def queued_mails():
    return DBTaskResult.objects.filter(task_path="staff.tasks.send_account_mail").count()


def reauthenticate_with_code(client):
    client.post("/accounts/2fa/reauthenticate/", {"code": totp_code(SECRET, offset=1)})


@LIVE
def test_the_owner_hears_that_their_authenticator_was_removed(client, amina):
    """Attack (main, November 2026): the attacker's removal of the TOTP (see
    test_auth_second_factor) sent the owner nothing, and the trail showed only logins.
    Main failed the queue count: no notification was sent at all.
    """
    reauthenticate_with_code(client)
    client.post("/accounts/2fa/totp/deactivate/", {})
    assert queued_mails() == 1
    assert mail.outbox == []  # not sent inside the request: the queue's worker sends it
    assert delivered() == [(["amina@example.org"], "[testserver] Authenticator App Deactivated")]
    assert AuditEvent.objects.filter(kind="mfa_removed", user=amina, detail="totp").count() == 1


@LIVE
def test_the_owner_hears_that_recovery_codes_were_regenerated(client, amina):
    reauthenticate_with_code(client)
    client.post("/accounts/2fa/recovery-codes/generate/", {})
    assert delivered() == [(["amina@example.org"], "[testserver] New Recovery Codes Generated")]
    assert AuditEvent.objects.filter(kind="recovery_codes_generated", user=amina).count() == 1


@LIVE
def test_the_owner_hears_that_their_password_was_changed(client, amina):
    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    amina.refresh_from_db()
    assert amina.check_password(NEW_PASSWORD)
    assert delivered() == [(["amina@example.org"], "[testserver] Password Changed")]
    assert AuditEvent.objects.filter(kind="password_changed", user=amina).count() == 1


@LIVE
def test_the_owner_hears_that_their_password_was_reset(client, amina):
    client.post("/accounts/logout/")
    client.post("/accounts/password/reset/", {"email": "amina@example.org"})
    assert queued_mails() == 1  # the link, too, leaves through the queue
    assert delivered() == [(["amina@example.org"], "[testserver] Password Reset Email")]
    (link_mail,) = mail.outbox
    key_path = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", link_mail.body).group(1)
    form_path = client.get(key_path)["Location"]
    client.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    amina.refresh_from_db()
    assert amina.check_password(NEW_PASSWORD)
    assert delivered() == [(["amina@example.org"], "[testserver] Password Reset")]  # the notice, after the link
    assert AuditEvent.objects.filter(kind="password_reset", user=amina).count() == 1
    assert "_auth_user_id" not in client.session  # a reset never logs in: the code is still needed
