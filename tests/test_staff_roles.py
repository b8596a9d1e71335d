"""Each staff group sees what it should; moderation and scheduled publishing work."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page

from .staff_helpers import log_in, make_staff, totp_code

SECRET = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"


def staff_client(client, username, group=None, superuser=False):
    make_staff(username, group=group, secret=SECRET, superuser=superuser)
    log_in(client, username, totp_code(SECRET))
    return client


@pytest.mark.django_db
def test_the_four_groups_exist_and_reach_the_admin():
    for name in ("Editors", "Moderators", "Finance", "Programme data"):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists(), name


@pytest.mark.django_db
def test_editors_edit_but_only_moderators_publish(home_page):
    editor = make_staff("editor", group="Editors")
    moderator = make_staff("moderator", group="Moderators")
    finance = make_staff("finance", group="Finance")
    about = home_page.get_children().get(slug="about")
    assert about.permissions_for_user(editor).can_edit()
    assert not about.permissions_for_user(editor).can_publish()
    assert about.permissions_for_user(moderator).can_publish()
    assert not about.permissions_for_user(finance).can_edit()


@pytest.mark.django_db
def test_finance_cannot_open_the_page_editor_and_the_denial_is_audited(client, home_page):
    from staff.models import AuditEvent

    staff_client(client, "finance", group="Finance")
    response = client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
    denial = AuditEvent.objects.get(kind="permission_denied")
    assert denial.username == "finance"
    assert f"/admin/pages/{home_page.pk}/edit/" in denial.detail


@pytest.mark.django_db
def test_audit_trail_is_for_administrators_only(client, home_page):
    staff_client(client, "editor", group="Editors")
    response = client.get("/admin/audit-trail/")
    assert response.status_code in (302, 403)
    client.post("/accounts/logout/")
    staff_client(client, "admin", superuser=True)
    response = client.get("/admin/audit-trail/")
    assert response.status_code == 200
    assert "Logged in" in response.content.decode()
    assert client.get("/admin/audit-trail/new/").status_code in (302, 403)


@pytest.mark.django_db
def test_an_editors_change_waits_for_a_moderator(home_page):
    editor = make_staff("editor", group="Editors")
    moderator = make_staff("moderator", group="Moderators")
    about = home_page.get_children().get(slug="about").specific
    about.intro = "Changed by an editor."
    revision = about.save_revision(user=editor)
    workflow = about.get_workflow()
    assert workflow is not None and workflow.name == "Moderators approval"
    state = workflow.start(about, editor)
    about.refresh_from_db()
    assert about.intro != "Changed by an editor."  # not live yet
    task = state.current_task_state.task.specific
    assert task.get_actions(about, editor) == []  # the editor cannot approve their own change
    assert "approve" in [action[0] for action in task.get_actions(about, moderator)]
    state.current_task_state.approve(user=moderator)
    about.refresh_from_db()
    assert about.intro == "Changed by an editor."
    assert about.live_revision_id == revision.pk


@pytest.mark.django_db
def test_scheduled_publishing_goes_live_at_its_time(home_page):
    about = home_page.get_children().get(slug="about").specific
    about.intro = "Goes live later."
    revision = about.save_revision()
    revision.publish()  # approved now, scheduled below
    page = Page.objects.get(pk=about.pk).specific
    page.intro = "Scheduled text."
    scheduled = page.save_revision()
    scheduled.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    scheduled.save()
    page.refresh_from_db()
    assert page.intro == "Goes live later."
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.intro == "Scheduled text."
