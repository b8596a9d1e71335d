"""The admin's Content Security Policy: Wagtail's own screens run under it without a violation."""

import io

from PIL import Image
from wagtail.models import Site

from tests.browser.helpers import csp_problems, watch_csp
from tests.browser.test_staff_journey import log_in
from tests.staff_helpers import make_staff

SECRET = "ONSWG4TFORRW65DFONSWG4TFORRW65DF"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 80, 40)).save(buffer, "PNG")
    return buffer.getvalue()


def test_admin_screens_report_no_content_security_policy_violation(page, site_url, tmp_path):
    console = watch_csp(page)
    problems = []

    def check(where):
        page.wait_for_load_state("networkidle")
        problems.extend((where, problem) for problem in csp_problems(page, console))
        console.clear()

    make_staff("csp-admin", secret=SECRET, superuser=True)
    home = Site.objects.get(is_default_site=True).root_page
    # allauth's login and MFA steps run under the public policy.
    log_in(page, site_url, "csp-admin", SECRET)
    check("login")
    policy = page.evaluate("async () => (await fetch(location.href)).headers.get('content-security-policy')")
    assert policy.startswith("default-src 'none'"), policy

    page.goto(f"{site_url}/admin/")
    check("dashboard")

    # The home page editor: its panels, its StreamField, the image chooser modal.
    page.goto(f"{site_url}/admin/pages/{home.pk}/edit/")
    check("editor")
    page.locator("[data-streamfield-action='add'], .c-sf-add-button").first.click()
    page.wait_for_timeout(300)
    check("streamfield block menu")
    page.locator("[data-chooser-action-choose]").first.dispatch_event("click")
    page.locator(".modal-dialog").first.wait_for(state="visible")
    check("image chooser")

    # The preview in the side panel frames the page's preview view.
    page.goto(f"{site_url}/admin/pages/{home.pk}/edit/")
    page.locator("[data-side-panel-toggle='preview']").first.click()
    page.locator("iframe[data-w-preview-target='iframe'], .preview-panel iframe").first.wait_for(state="attached")
    page.wait_for_timeout(1500)
    check("preview panel")

    # Uploading an image: thumbnails are drawn from blob: URLs before the upload.
    image = tmp_path / "centre.png"
    image.write_bytes(png_bytes())
    page.goto(f"{site_url}/admin/images/multiple/add/")
    page.locator("input[type=file]").first.set_input_files(str(image))
    page.locator(".upload-list .status-msg.success, .upload-list form").first.wait_for(state="visible")
    check("image upload")
    page.goto(f"{site_url}/admin/images/")
    check("image listing")

    assert problems == [], "\n".join(map(str, problems))
