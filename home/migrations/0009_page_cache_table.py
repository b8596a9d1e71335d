"""Create the page cache's own table (`pages`, apart from the security state in `default`).

createcachetable makes every database cache table that is missing, so databases
that already ran 0006_cache_table get the new one here. With Redis there is nothing to do.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("home", "0008_urdu_help_line")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop, elidable=True)]
