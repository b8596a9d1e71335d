"""One word for a programme: the home page's `featured_programs` become `featured_programmes`,
each naming its `programme`.

Renamed, not recreated: the rows stay. Saved revisions and translation sources of the home
page name the new relation and field, so an older draft still publishes with its list.
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

from core.migration_ops import RenameInPageData


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0015_body_blocks_share_a_base"),
        ("programs", "0012_programme_pages"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.RenameModel("HomePageFeaturedProgram", "HomePageFeaturedProgramme"),
        migrations.RenameField("HomePageFeaturedProgramme", "program", "programme"),
        migrations.AlterField(
            model_name="homepagefeaturedprogramme",
            name="page",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="featured_programmes", to="home.homepage"
            ),
        ),
        RenameInPageData("home", ["HomePage"], "featured_programs", "featured_programmes", "program", "programme"),
    ]
