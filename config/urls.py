from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core.seo import AllLanguagesSitemap
from core.views import healthz, renamed_page_types
from donate import views as donate_views
from home import views as home_views

RENAMED_PAGE_TYPES = {
    ("locations", "locationindexpage"): "centreindexpage",
    ("locations", "locationpage"): "centrepage",
    ("programs", "programindexpage"): "programmeindexpage",
    ("programs", "programpage"): "programmepage",
}

# Routes that must not carry a language prefix: the staff area, documents,
# machine-read files. Django's own admin is deliberately not mounted.
urlpatterns = [
    # No side doors: Wagtail's own login and password-reset views would open a
    # session without MFA, so they send to allauth instead (before Wagtail's URLs).
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    re_path(r"^admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    # Changing a second factor asks for the second factor (staff/urls.py), then allauth.
    path("accounts/", include("staff.urls")),
    path("accounts/", include("allauth.urls")),
    # Admin addresses that named a page type by its old model name (bookmarks, old links).
    re_path(
        r"^admin/pages/(?P<action>add|usage)/(?P<app_label>locations|programs)/"
        r"(?P<model>locationindexpage|locationpage|programindexpage|programpage)/(?P<rest>.*)$",
        renamed_page_types(RENAMED_PAGE_TYPES),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("healthz", healthz, name="healthz"),
    path("donate/webhook/", donate_views.webhook, name="stripe_webhook"),
]

if settings.STRIPE_DOUBLE_MOUNTED:
    urlpatterns.append(path("stripe-double/<path:path>", donate_views.stripe_double))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages, prefixed by language (/en/..., /ur/...).
urlpatterns += i18n_patterns(
    # Wagtail's front-end login (private pages and documents) is a plain Django
    # LoginView: a password alone would open a session. allauth's login instead.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("search/", home_views.search, name="search"),
    path("", include("donate.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "home.views.page_not_found"
