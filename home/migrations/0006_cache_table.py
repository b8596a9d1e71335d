"""Create the database cache's table with the others, so `migrate` alone readies a database.

Without it, any command that touches the cache (seed_demo, publishing a page) fails on a
database where nobody ran `createcachetable`. With Redis configured there is nothing to do.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("home", "0005_impact_figures_block")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True)]
