"""What the audit trail keeps of a failed login: never what may be a password typed in the wrong field."""

import pytest

from staff.models import AuditEvent
from tests.staff_helpers import PASSWORD, make_staff

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def audit_text():
    return str(list(AuditEvent.objects.values()))


@pytest.mark.django_db
def test_a_password_typed_as_the_username_is_not_kept(client):
    """Attack (main, November 2026): a staff member types the password into the username
    field; the failed login stored it as typed, for everyone who reads the audit trail
    (or a backup of it). Main failed the first assertion.
    """
    make_staff("amina", secret=SECRET, superuser=True)
    client.post("/accounts/login/", {"login": PASSWORD, "password": PASSWORD})
    client.post("/accounts/login/", {"login": PASSWORD.upper(), "password": "anything-else"})
    assert PASSWORD.lower() not in audit_text().lower()
    failures = AuditEvent.objects.filter(kind="login_failed")
    assert failures.count() == 2
    first, second = failures.order_by("created_at").values_list("username", flat=True)
    assert first.startswith("unknown-") and second.startswith("unknown-")


@pytest.mark.django_db
def test_a_known_username_is_kept_as_typed(client):
    make_staff("amina", secret=SECRET, superuser=True)
    client.post("/accounts/login/", {"login": "Amina", "password": "wrong-password"})
    client.post("/accounts/login/", {"login": "amina@example.org", "password": "wrong-password"})
    assert list(AuditEvent.objects.order_by("created_at").values_list("username", flat=True)) == [
        "Amina",
        "amina@example.org",
    ]


@pytest.mark.django_db
def test_the_same_unknown_name_gives_the_same_mark(client):
    client.post("/accounts/login/", {"login": "no-such-person", "password": "wrong-password"})
    client.post("/accounts/login/", {"login": "no-such-person", "password": "wrong-password-2"})
    client.post("/accounts/login/", {"login": "someone-else", "password": "wrong-password"})
    marks = list(AuditEvent.objects.order_by("created_at").values_list("username", flat=True))
    assert marks[0] == marks[1] != marks[2]
    assert "no-such-person" not in audit_text()
