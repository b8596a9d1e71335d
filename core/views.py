import time

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "down", whatever the driver raises
        return False
    return True


def _check_cache():
    ping = getattr(cache, "ping", None)
    if ping is not None:
        return ping()
    try:
        key = "healthz:probe"
        cache.set(key, "1", 10)
        return cache.get(key) == "1"
    except Exception:
        return False


@never_cache
@require_GET
def healthz(request):
    """Database and cache status. 200 when pages can be served (cache down is 'degraded'), else 503."""
    started = time.monotonic()
    database = _check_database()
    shared_cache = _check_cache()
    if not database:
        status = "down"
    elif not shared_cache:
        status = "degraded"
    else:
        status = "ok"
    return JsonResponse(
        {
            "status": status,
            "database": "ok" if database else "down",
            "cache": "ok" if shared_cache else "down",
            "took_ms": round((time.monotonic() - started) * 1000, 1),
        },
        status=503 if status == "down" else 200,
    )


def renamed_in_admin(renamed):
    """A view that answers 301 from an admin address naming a model by its old app or name.

    `renamed` maps (app label, model name) as they were to (app label, model name) as they
    are. Its URL patterns (config/urls.py) match only those old names, and pass `prefix`
    (e.g. "pages/add/"), `app_label`, `model` and `rest`; the query string is kept.
    """

    def view(request, prefix, app_label, model, rest=""):
        new_app, new_model = renamed[app_label, model]
        target = f"/admin/{prefix}{new_app}/{new_model}/{rest}"
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

    return view
