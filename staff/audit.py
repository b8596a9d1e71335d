import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from core.ratelimit import client_ip

from .models import AuditEvent


def client_address(request):
    if request is None:
        return None
    address = client_ip(request)
    return address if address and address != "unknown" else None


def record(request, kind, user=None, username="", detail=""):
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    AuditEvent.objects.create(
        kind=kind,
        user=user,
        username=(username or (user.get_username() if user else ""))[:150],
        ip_address=client_address(request),
        path=(request.path if request is not None else "")[:255],
        detail=detail[:255],
    )


def typed_login_name(typed):
    """What the trail keeps of the name typed at a failed login.

    A name that belongs to an account is kept as typed. Anything else may be a
    password typed into the wrong field, so only a keyed mark of it is kept: the
    same typing gives the same mark (repeated attempts still show), and the mark
    cannot be looked up in a list of common passwords without SECRET_KEY.
    """
    typed = str(typed)
    if get_user_model().objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed)).exists():
        return typed
    digest = hmac.new(settings.SECRET_KEY.encode(), typed.casefold().encode(), hashlib.sha256).hexdigest()
    return f"unknown-{digest[:12]}"
