"""Each existing service in the site's main language, and its Urdu columns turned into an Urdu translation."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel

from core.snippet_migration import migration_operation


class Migration(migrations.Migration):
    dependencies = [("locations", "0007_service_drafts_and_languages"), ("wagtailcore", "0098_apitoken")]

    operations = [
        BootstrapTranslatableModel("locations.Service"),
        migrations.RunPython(*migration_operation("locations.Service", ["name", "description"])),
    ]
