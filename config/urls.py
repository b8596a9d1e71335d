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
from core.views import healthz, renamed_in_admin
from donate import views as donate_views
from home import views as home_views

# Models that changed name or app: admin addresses naming them the old way answer 301.
RENAMED_IN_ADMIN = {
    ("locations", "locationindexpage"): ("locations", "centreindexpage"),
    ("locations", "locationpage"): ("locations", "centrepage"),
    ("programs", "programindexpage"): ("programs", "programmeindexpage"),
    ("programs", "programpage"): ("programs", "programmepage"),
    ("programs", "articleindexpage"): ("awareness", "articleindexpage"),
    ("programs", "articlepage"): ("awareness", "articlepage"),
    ("programs", "topic"): ("awareness", "topic"),
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
    # Admin addresses that named a model the old way (bookmarks, old links): adding a page,
    # page-type usage, and the snippet screens.
    *(
        re_path(
            rf"^admin/(?P<prefix>pages/add/|pages/usage/|snippets/)(?P<app_label>{app})/(?P<model>{model})/(?P<rest>.*)$",
            renamed_in_admin(RENAMED_IN_ADMIN),
        )
        for app, model in RENAMED_IN_ADMIN
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
