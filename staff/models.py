from django.conf import settings
from django.db import models

from pagecache.shown import never_shown


@never_shown
class AuditEvent(models.Model):
    """One security-relevant event in the staff area. Never holds a password or a code."""

    class Kind(models.TextChoices):
        LOGIN = "login", "Logged in"
        LOGIN_FAILED = "login_failed", "Failed login"
        LOGOUT = "logout", "Logged out"
        MFA_ADDED = "mfa_added", "MFA method added"
        MFA_REMOVED = "mfa_removed", "MFA method removed"
        MFA_FAILED = "mfa_failed", "Failed MFA code"
        RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"
        MFA_REQUIRED = "mfa_required", "Sent to set up MFA"
        SESSION_REFUSED = "session_refused", "Session without MFA refused"
        PERMISSION_DENIED = "permission_denied", "Permission denied"
        PASSWORD_RESET = "password_reset", "Password reset"
        PASSWORD_CHANGED = "password_changed", "Password changed"
        RECOVERY_CODES_GENERATED = "recovery_codes_generated", "New recovery codes"
        EXPORT = "export", "Data exported"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=32, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(
        max_length=150, blank=True, help_text="For a failed login: as typed if it names an account, else a mark."
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    path = models.CharField(max_length=255, blank=True)
    detail = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [("view_audit_trail", "Can read the staff audit trail")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.username or ''} {self.created_at:%Y-%m-%d %H:%M}"
