"""Articles, their index and topics now belong to the awareness app (awareness 0001,
which renamed their tables): the programs app forgets them, dropping nothing."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0012_programme_pages"),
        ("awareness", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel("ArticlePage"),
                migrations.DeleteModel("ArticleIndexPage"),
                migrations.DeleteModel("Topic"),
            ],
        ),
    ]
