from .models import AuditEvent


def client_address(request):
    if request is None:
        return None
    from home.ratelimit import client_ip

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
