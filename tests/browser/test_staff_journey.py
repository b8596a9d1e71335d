"""A staff member logs in with a password and TOTP, and a page goes live through moderation."""

from wagtail.models import Page

from tests.staff_helpers import PASSWORD, make_staff, totp_code

EDITOR_SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"
MODERATOR_SECRET = "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK"


def log_in(page, base, username, secret):
    page.goto(f"{base}/admin/")
    assert "/accounts/login/" in page.url  # the admin sends strangers to allauth
    page.fill("#id_login", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.fill("#id_code", totp_code(secret))
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
