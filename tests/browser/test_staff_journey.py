"""A staff member logs in with a password and TOTP, and a page goes live through moderation.

And a staff member replaces their authenticator app: the old code again first, then the new app.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from wagtail.models import Page

from tests.staff_helpers import PASSWORD, make_staff, totp_code

EDITOR_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
MODERATOR_SECRET = "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK"
FINANCE_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


def log_in(page, base, username, secret, offset=0):
    """offset: a later 30-second window's code, when this window's code was used already (codes work once)."""
    page.goto(f"{base}/admin/")
    assert "/accounts/login/" in page.url  # the admin sends strangers to allauth
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.fill("#id_code", totp_code(secret, offset))
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/**")


def log_out(page, base):
    page.context.clear_cookies()


def test_editor_submits_and_moderator_publishes(page, site_url):
    base = site_url
    make_staff("demo-editor-b", group="Editors", secret=EDITOR_SECRET)
    make_staff("demo-moderator-b", group="Moderators", secret=MODERATOR_SECRET)
    about = Page.objects.get(slug="about", locale__language_code="en").specific

    log_in(page, base, "demo-editor-b", EDITOR_SECRET)
    page.goto(f"{base}/admin/pages/{about.pk}/edit/")
    page.fill("#id_intro", "Reviewed and approved introduction.")
    page.locator("button[name=action-submit]").dispatch_event("click")
    page.wait_for_load_state("networkidle")
    about.refresh_from_db()
    assert about.intro != "Reviewed and approved introduction."  # waiting for a moderator
    assert about.current_workflow_state is not None
    log_out(page, base)

    log_in(page, base, "demo-moderator-b", MODERATOR_SECRET)
    page.goto(f"{base}/admin/pages/{about.pk}/edit/")
    page.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).first.dispatch_event("click")
    page.wait_for_load_state("networkidle")
    about.refresh_from_db()
    assert about.intro == "Reviewed and approved introduction."
    page.goto(f"{base}{about.url}")
    assert page.locator("p.lead").inner_text() == "Reviewed and approved introduction."


def test_staff_member_replaces_their_authenticator_app(page, site_url):
    base = site_url
    user = make_staff("demo-finance-b", group="Finance", secret=FINANCE_SECRET)
    log_in(page, base, "demo-finance-b", FINANCE_SECRET)

    # Removing the app asks for a code from it again; the password alone is not offered.
    page.goto(f"{base}/accounts/2fa/totp/deactivate/")
    page.wait_for_url("**/accounts/2fa/reauthenticate/**")
    page.fill("#id_code", totp_code(FINANCE_SECRET, offset=1))  # the login used this window's code
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/totp/deactivate/")
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/")
    assert not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    # The new app: its secret from the set-up page, then a code from it.
    page.goto(f"{base}/accounts/2fa/totp/activate/")
    new_secret = page.input_value("#authenticator_secret")
    assert new_secret != FINANCE_SECRET
    page.fill("#id_code", totp_code(new_secret))
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    assert TOTP(stored).validate_code(totp_code(new_secret, offset=-1))
    log_out(page, base)

    # The old app's codes open nothing any more; the new app's do.
    page.goto(f"{base}/admin/")
    page.fill("#id_login", "demo-finance-b")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.fill("#id_code", totp_code(FINANCE_SECRET, offset=-1))
    page.click("main button[type=submit]")
    page.get_by_text("Incorrect code.").wait_for()
    assert "/accounts/2fa/authenticate/" in page.url
    log_out(page, base)
    log_in(page, base, "demo-finance-b", new_secret, offset=1)  # waits until the admin opens
