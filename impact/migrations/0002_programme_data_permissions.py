"""Programme data staff enter and view impact figures; Moderators may view the statistics."""

from django.db import migrations

PROGRAMME_DATA = [
    "add_monthlyreturn",
    "change_monthlyreturn",
    "view_monthlyreturn",
    "view_impact_statistics",
]
MODERATORS = ["view_impact_statistics"]


PERMISSION_NAMES = {
    "add_monthlyreturn": "Can add monthly return",
    "change_monthlyreturn": "Can change monthly return",
    "view_monthlyreturn": "Can view monthly return",
    "view_impact_statistics": "Can view the impact statistics dashboard",
}


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Permissions are normally made after all migrations have run; make these now.
    content_type, _ = ContentType.objects.get_or_create(app_label="impact", model="monthlyreturn")
    permissions = {
        codename: Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in PERMISSION_NAMES.items()
    }
    for group_name, codenames in (("Programme data", PROGRAMME_DATA), ("Moderators", MODERATORS)):
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*(permissions[codename] for codename in codenames))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    impact = Permission.objects.filter(content_type__app_label="impact")
    for group in Group.objects.filter(name__in=["Programme data", "Moderators"]):
        group.permissions.remove(*impact)


class Migration(migrations.Migration):
    dependencies = [
        ("impact", "0001_initial"),
        ("staff", "0002_staff_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
