"""The audit trail in the staff area: read-only, for administrators."""

from django.contrib.auth import get_user_model
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import AuditEvent


class AuditTrailPermissionPolicy(BasePermissionPolicy):
    """Administrators (or holders of staff.view_audit_trail) may view; nobody may add, edit or delete."""

    def _can_view(self, user):
        return user.is_active and (user.is_superuser or user.has_perm("staff.view_audit_trail"))

    def user_has_permission(self, user, action):
        return action == "view" and self._can_view(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return get_user_model().objects.filter(is_active=True, is_superuser=True)

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


class AuditTrailViewSet(ModelViewSet):
    model = AuditEvent
    icon = "history"
    menu_label = "Audit trail"
    add_to_admin_menu = True
    menu_order = 900
    url_prefix = "audit-trail"
    list_display = ["created_at", "kind", "username", "ip_address", "path", "detail"]
    list_filter = ["kind"]
    search_fields = ["username", "path"]
    inspect_view_enabled = True
    permission_policy = AuditTrailPermissionPolicy(AuditEvent)
    form_fields = ["kind"]


@hooks.register("register_admin_viewset")
def register_audit_trail():
    return AuditTrailViewSet("audit_trail")
