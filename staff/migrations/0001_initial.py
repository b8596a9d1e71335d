import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [migrations.swappable_dependency(settings.AUTH_USER_MODEL)]

    operations = [
        migrations.CreateModel(
            name="AuditEvent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("kind", models.CharField(choices=[("login", "Logged in"), ("login_failed", "Failed login"), ("logout", "Logged out"), ("mfa_added", "MFA method added"), ("mfa_removed", "MFA method removed"), ("mfa_failed", "Failed MFA code"), ("recovery_code_used", "Recovery code used"), ("mfa_required", "Sent to set up MFA"), ("session_refused", "Session without MFA refused"), ("permission_denied", "Permission denied"), ("password_reset", "Password reset")], db_index=True, max_length=32)),
                ("username", models.CharField(blank=True, help_text="As typed, for failed logins.", max_length=150)),
                ("ip_address", models.GenericIPAddressField(blank=True, null=True)),
                ("path", models.CharField(blank=True, max_length=255)),
                ("detail", models.CharField(blank=True, max_length=255)),
                ("user", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL)),
            ],
            options={"ordering": ["-created_at"], "permissions": [("view_audit_trail", "Can read the staff audit trail")]},
        ),
    ]
