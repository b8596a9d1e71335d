"""One word for a centre: LocationIndexPage, LocationPage and LocationPagePhoto become
CentreIndexPage, CentrePage and CentrePagePhoto.

Renamed, not recreated: the tables, rows and content types stay, so every page keeps
its type, its revisions and its URL; `migrate` renames the permissions with them.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("locations", "0009_service_translatable_drop_urdu_columns"),
        # Every migration naming a renamed model by its old name runs before the rename.
        ("programs", "0011_body_blocks_share_a_base"),
        ("impact", "0003_publication"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel("LocationIndexPage", "CentreIndexPage"),
        migrations.RenameModel("LocationPage", "CentrePage"),
        migrations.RenameModel("LocationPagePhoto", "CentrePagePhoto"),
    ]
