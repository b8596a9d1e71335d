import pytest
from django.test import Client

from tests.staff_helpers import log_in, make_staff, totp_code

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def finance(donate_page):
    """A Finance staff member logged in through allauth with MFA: (user, client)."""
    user = make_staff("finance", group="Finance", secret=SECRET)
    client = Client()
    log_in(client, "finance", totp_code(SECRET))
    return user, client
