"""One word for a programme: ProgramIndexPage, ProgramPage and its two link models become
Programme..., and a related programme's `program` field becomes `programme`.

Renamed, not recreated: tables, rows and content types stay, and so do the pages' types,
revisions and URLs. `migrate` renames the permissions; saved revisions and translation sources
name the renamed field, so an older draft still publishes with its related programmes.
"""

import django.db.models.deletion
from django.db import migrations, models

from core.migration_ops import RenameInPageData


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0011_body_blocks_share_a_base"),
        ("locations", "0010_centre_pages"),
        # Every migration naming a renamed model by its old name runs before the rename.
        ("home", "0015_body_blocks_share_a_base"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.RenameModel("ProgramIndexPage", "ProgrammeIndexPage"),
        migrations.RenameModel("ProgramPage", "ProgrammePage"),
        migrations.RenameModel("ProgramPageCentre", "ProgrammePageCentre"),
        migrations.RenameModel("ProgramPageRelated", "ProgrammePageRelated"),
        migrations.RenameField("ProgrammePageRelated", "program", "programme"),
        migrations.AlterField(
            model_name="programmepagecentre",
            name="centre",
            field=models.ForeignKey(
                help_text="A centre where this programme is delivered.",
                on_delete=django.db.models.deletion.CASCADE,
                related_name="programme_links",
                to="locations.centrepage",
            ),
        ),
        RenameInPageData(
            "programs", ["ProgramPage", "ProgrammePage"], "related_links", "related_links", "program", "programme"
        ),
    ]
