"""Topics, services and saved calls to action go through the pages' "Moderators approval" workflow.

Editors may add, change and translate them (a change waits for a moderator); Moderators
may also publish, lock and delete them. Deleting one takes it off every page at once,
with no approval, so Editors may not.
"""

from django.db import migrations

SNIPPETS = [("programs", "topic"), ("locations", "service"), ("home", "calltoaction")]
EDITORS = ["add", "change", "view"]
MODERATORS = ["add", "change", "view", "delete", "publish", "lock"]


def moderate_snippets(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    workflow = Workflow.objects.filter(name="Moderators approval").first()
    for app_label, model in SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        if workflow is not None:
            WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})
        for group_name, actions in (("Editors", EDITORS), ("Moderators", MODERATORS)):
            group = Group.objects.filter(name=group_name).first()
            if group is None:
                continue
            for action in actions:
                permission, _ = Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)


def undo(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for app_label, model in SNIPPETS:
        WorkflowContentType.objects.filter(content_type__app_label=app_label, content_type__model=model).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0013_call_to_action_translatable"),
        ("programs", "0010_topic_translatable_drop_urdu_columns"),
        ("locations", "0009_service_translatable_drop_urdu_columns"),
        ("staff", "0002_staff_groups"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(moderate_snippets, undo)]
