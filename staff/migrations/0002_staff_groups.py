"""The four staff groups. Wagtail's own migrations already made Editors and Moderators
(page permissions on the root, a "Moderators approval" workflow); this makes sure each
group exists, can reach the admin, and that only Moderators may publish. Finance and
Programme data get their model permissions from the donate and impact apps."""

from django.db import migrations

GROUPS = ["Editors", "Moderators", "Finance", "Programme data"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Page = apps.get_model("wagtailcore", "Page")

    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
    )
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")

    def page_permission(codename):
        permission, _ = Permission.objects.get_or_create(
            content_type=page_type, codename=codename, defaults={"name": f"Can {codename.replace('_', ' ')}"}
        )
        return permission

    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=page_permission(codename))
    for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"):
        GroupPagePermission.objects.get_or_create(group=moderators, page=root, permission=page_permission(codename))
    # Editors submit for moderation; they never publish.
    GroupPagePermission.objects.filter(group=editors, permission__codename="publish_page").delete()

    # Changes go through the "Moderators approval" workflow, made by Wagtail's migrations.
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    workflow, created = Workflow.objects.get_or_create(name="Moderators approval", defaults={"active": True})
    if created:
        task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name="Moderators approval", content_type=task_type, active=True)
        task.groups.set([moderators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
