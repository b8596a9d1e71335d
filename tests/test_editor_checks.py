"""Editors' accessibility checks: Wagtail's content checker stays on, with our extra rules."""

from wagtail.admin.userbar import AccessibilityItem, AdminItem, ContentCheckerItem, apply_userbar_hooks

from home.wagtail_hooks import SeherContentCheckerItem


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
