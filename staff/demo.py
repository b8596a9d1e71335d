"""Demo staff accounts: one per group and an administrator, each with an authenticator app set up.

For a developer's machine only: the passwords and TOTP secrets are printed by `make run`.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

# Demo accounts on a developer's machine only.
DEMO_PASSWORD = "seher-demo-password"  # noqa: S105 # nosec B105
# Fixed base32 secrets so the printed values stay valid across runs.
ACCOUNTS = [
    ("Administrator (all staff tools)", "demo-admin", None, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
    ("Editor", "demo-editor", "Editors", "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU"),
    ("Moderator", "demo-moderator", "Moderators", "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK"),
    ("Finance", "demo-finance", "Finance", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
    ("Programme data", "demo-programme", "Programme data", "ONSWG4TFOQYTEMZUONSWG4TFOQYTEMZU"),
]


def ensure_staff_user(username, group_name, secret):
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is None:
        fields = {"email": f"{username}@example.org", "password": DEMO_PASSWORD}
        if group_name is None:
            user = user_model.objects.create_superuser(username=username, **fields)
        else:
            user = user_model.objects.create_user(username=username, is_staff=True, **fields)
            user.groups.add(Group.objects.get(name=group_name))
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, secret)
        RecoveryCodes.activate(user)
    return user


def seed(demo):
    for role, username, group_name, secret in ACCOUNTS:
        ensure_staff_user(username, group_name, secret)
        demo.logins.append((role, username, DEMO_PASSWORD, secret))
