"""Finance alone handles gift records and donor details."""

from django.db import migrations

GRANTS = [
    ("donation", ["view", "add", "change"]),
    ("monthlypayment", ["view"]),
    ("banktransfersettings", ["change"]),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    finance, _ = Group.objects.get_or_create(name="Finance")
    for model, actions in GRANTS:
        content_type, _ = ContentType.objects.get_or_create(app_label="donate", model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type, codename=f"{action}_{model}", defaults={"name": f"Can {action} {model}"}
            )
            finance.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("donate", "0001_initial"), ("staff", "0002_staff_groups")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
