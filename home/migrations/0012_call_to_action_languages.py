"""Each existing call to action in the site's main language, with a translation key of its own."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [("home", "0011_call_to_action_drafts_and_languages"), ("wagtailcore", "0098_apitoken")]

    operations = [BootstrapTranslatableModel("home.CallToAction")]
