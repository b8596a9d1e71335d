"""Each existing topic in the site's main language, and its Urdu columns turned into an Urdu translation."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel

from core.snippet_migration import migration_operation


class Migration(migrations.Migration):
    dependencies = [("programs", "0008_topic_drafts_and_languages"), ("wagtailcore", "0098_apitoken")]

    operations = [
        BootstrapTranslatableModel("programs.Topic"),
        migrations.RunPython(*migration_operation("programs.Topic", ["name", "description"])),
    ]
