"""URLs for the browser tests: the site's own, plus uploaded images and a way to see the 429 page.

The test settings run with DEBUG off, so the site's URLs do not serve /media/; the live
server needs it, or every picture would be a broken 404 and the screenshots would lie.
"""

from django.conf import settings
from django.urls import path, re_path
from django.views.static import serve

from config.urls import urlpatterns as site_urlpatterns
from core.ratelimit import too_many_requests
from donate import views as donate_views


def rate_limited(request):
    return too_many_requests(request, retry_after=60)


urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    path("__browser-tests__/429/", rate_limited),
    path("stripe-double/<path:path>", donate_views.stripe_double),
    *site_urlpatterns,
]
