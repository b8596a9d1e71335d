"""Editors' accessibility checks: Wagtail's content checker stays on, with our extra rules; alt text required."""

import pytest
from wagtail.admin.userbar import AccessibilityItem, AdminItem, ContentCheckerItem, apply_userbar_hooks

from home.wagtail_hooks import SeherContentCheckerItem

from .staff_helpers import log_in, make_staff, totp_code

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXR"


@pytest.fixture
def staff_admin(client, db):
    make_staff("farah", secret=SECRET, superuser=True)
    log_in(client, "farah", totp_code(SECRET))
    return client


def test_userbar_checker_gets_heading_order_and_alt_text_rules(rf, admin_user, home_page):
    request = rf.get("/en/")
    request.user = admin_user
    items = [AdminItem(), AccessibilityItem(in_editor=True)]
    apply_userbar_hooks(request, items, home_page)
    checkers = [item for item in items if isinstance(item, ContentCheckerItem)]
    assert len(checkers) == 1
    assert isinstance(checkers[0], SeherContentCheckerItem)
    assert checkers[0].in_editor is True
    run_only = checkers[0].get_axe_configuration(request)["options"]["runOnly"]
    assert {"heading-order", "image-alt", "alt-text-quality", "page-has-heading-one"} <= set(run_only)
    assert "image-alt" in checkers[0].get_axe_configuration(request)["messages"]


def test_userbar_on_a_public_page_carries_the_checker_for_staff(client, admin_user, home_page):
    client.force_login(admin_user)
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "wagtail-userbar" in html
    assert "page-has-heading-one" in html and "heading-order" in html


def picture_upload(name="view.jpg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.factories import make_picture_file

    picture = make_picture_file(name, 7, size=(64, 36))
    picture.seek(0)
    return SimpleUploadedFile(name, picture.read(), content_type="image/jpeg")


def test_an_image_needs_alt_text_to_be_added(staff_admin):
    admin_client = staff_admin
    from wagtail.images import get_image_model

    images = get_image_model().objects
    before = images.count()
    response = admin_client.post(
        "/admin/images/add/", {"title": "Hills", "description": "", "file": picture_upload(), "collection": 1}
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
    assert images.count() == before
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Hills", "description": "Brown hills under a pale sky", "file": picture_upload(), "collection": 1},
    )
    assert response.status_code == 302, response.context["form"].errors
    assert images.get(title="Hills").default_alt_text == "Brown hills under a pale sky"


def test_editing_an_image_keeps_alt_text_required(staff_admin):
    admin_client = staff_admin
    from core.factories import ImageFactory

    image = ImageFactory(description="A road")
    response = admin_client.post(
        f"/admin/images/{image.pk}/", {"title": image.title, "description": "", "collection": 1}
    )
    assert response.status_code == 200
    assert "description" in response.context["form"].errors
