"""One word for a gift: the Donation model becomes Gift, its foreign keys `gift`.

Rows, foreign keys and the content type are kept (renamed, not recreated); the
default permissions are renamed by `migrate` itself (Django 6), so Finance keeps its grants.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("donate", "0007_monthly_amount_changes"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RenameModel("Donation", "Gift"),
        migrations.RenameField("MonthlyPayment", "donation", "gift"),
        migrations.RenameField("AmountChange", "donation", "gift"),
    ]
