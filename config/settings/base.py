"""Settings shared by every environment.

Safe by default: DEBUG is off and every secret comes from the environment.
`dev.py` and `test.py` loosen what they need; `production.py` insists on the rest.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The bottom layer: what every app may use (caches, security headers, request ids, health).
    "core",
    # The anonymous page cache, wired to the changes that make pages stale in its AppConfig.ready.
    "pagecache",
    "home",
    "programs",
    "awareness",
    "locations",
    "donate",
    "impact",
    "staff",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.humanize",  # allauth's WebAuthn key list uses it
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # full-text search on PostgreSQL; inert on SQLite
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Every answer, a cached page's too, gets its own request id.
    "core.observability.RequestIdMiddleware",
    # Outside everything else, so a page is stored with its final headers (CSP, HSTS and
    # the rest) and a hit is written back as it was stored, running no other middleware.
    # It lets static files, plain HTTP under SECURE_SSL_REDIRECT and sessions through.
    "pagecache.cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Outside SecurityHeadersMiddleware, which picks the admin's policy for it to write.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Outside everything that may answer on its own (static files, the locale redirect),
    # so those answers carry the same headers; it only sets headers.
    "core.middleware.SecurityHeadersMiddleware",
    # Static files leave here, with the security headers but no other work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "staff.middleware.MandatoryMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.observability.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# One line for the database: SQLite on a bare machine, DATABASE_URL elsewhere.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=600,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches, both shared by every worker process, never per-process local memory.
# `default` holds security state: single-use TOTP codes and login-failure counts
# (allauth uses django.core.cache.cache) and our rate limits. Nothing may push those
# out, so it is never culled: on the database only expired rows are swept
# (core.cache.SecurityDatabaseCache); Redis must run with maxmemory-policy
# noeviction (a deploy check reads it). `pages` holds whole pages for anonymous
# readers (pagecache/cache.py): bounded, and losing an entry only costs a render.
# Redis when REDIS_URL is set (PAGE_CACHE_REDIS_URL may give pages a Redis of their
# own, evicting by LRU), the database otherwise.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Page cache keys are of version 2 since its change numbers count microseconds, not
# nanoseconds (pagecache/cache.py): a copy stored under the old numbers is never read.
PAGE_CACHE_VERSION = 2
PAGE_CACHE_REDIS_URL = os.environ.get("PAGE_CACHE_REDIS_URL", "") or REDIS_URL
# Pages kept in the database page cache; past it, Django drops a third of them.
PAGE_CACHE_MAX_ENTRIES = int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "2000"))
# On Redis (django-redis), an unreachable or full server is a miss, not an error: pages
# keep serving, writes are dropped, and `add` answers a false value, so allauth cannot
# prove a TOTP code unused and MFA logins fail closed; rate limits fail open (core.ratelimit).
REDIS_CACHE_OPTIONS = {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5, "IGNORE_EXCEPTIONS": True}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "core.cache"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "seher",
            "OPTIONS": REDIS_CACHE_OPTIONS,
        },
        "pages": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": PAGE_CACHE_REDIS_URL,
            "KEY_PREFIX": "seher-pages",
            "VERSION": PAGE_CACHE_VERSION,
            "OPTIONS": REDIS_CACHE_OPTIONS,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.SecurityDatabaseCache",
            "LOCATION": "seher_cache",
            "KEY_PREFIX": "seher",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "seher_page_cache",
            "KEY_PREFIX": "seher",
            "VERSION": PAGE_CACHE_VERSION,
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_MAX_ENTRIES},
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English first, Urdu beside it. URLs carry the language prefix.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ur", _("Urdu"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# A new translation (of a page, topic, service or call to action) starts as a draft that goes
# through moderation, even when its source is live: wagtail-localize would otherwise publish it at once.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
# Our own formats for languages Django has none for (Urdu): see config/formats/ur/formats.py.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Karachi"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SEHER <no-reply@seher.org.pk>")

# Wagtail
WAGTAIL_SITE_NAME = "SEHER"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.ImageForm"  # alt text (the description) required
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English")]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# LOG_FORMAT=json (the production default) writes one JSON object a line with the request id.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.observability.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Task start/finish lines and Wagtail's page-created lines drown what matters.
        "django_tasks": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        "stripe": {"level": "WARNING"},  # one INFO line per API call otherwise
        "wagtail": {"level": "WARNING"},
    },
}

# Number of reverse proxies in front of the app that append to X-Forwarded-For;
# rate limits and the audit trail use the client address they report: the Nth entry
# from the right (core/ratelimit.py). 0: trust only REMOTE_ADDR. Production settings
# insist it is set.
_proxy_count = os.environ.get("TRUSTED_PROXY_COUNT", "0").strip()
if not _proxy_count.isdigit():
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be a whole number of proxies (0, 1, 2...)")
TRUSTED_PROXY_COUNT = int(_proxy_count)

# `seed_demo` builds demo pages and staff accounts with published passwords; production
# settings turn it off (DEMO_SEED_ALLOWED=true there only for a throwaway database).
DEMO_SEED_ALLOWED = True

# Background work. "queue" holds our slow side effects (receipt emails) in the
# database until `manage.py db_worker --backend queue` runs them, so a slow mail
# server never slows a page or a webhook answer. Wagtail's own small tasks
# (search and reference index updates) run at once on "default".
TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]},
}

# Whole pages for anonymous readers are kept this long in the shared cache, and
# stale at once when content they show changes (pagecache/cache.py). 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Each worker may answer from its own copy of a page for this long after it last
# read it from the shared cache (0: ask the shared cache on every request).
PAGE_CACHE_LOCAL_SECONDS = float(os.environ.get("PAGE_CACHE_LOCAL_SECONDS", "1"))
# While one request renders a stale page, others get the previous copy, for at most
# this long (the render lock's lifetime; also `stale-while-revalidate` for a CDN).
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("PAGE_CACHE_STALE_SECONDS", "10"))
# How long a CDN in front may keep a page (`s-maxage`); browsers always ask again.
PAGE_CACHE_CDN_SECONDS = int(os.environ.get("PAGE_CACHE_CDN_SECONDS", "30"))
# Figures that change with gifts (campaign progress) are at most this old on any page.
LIVE_FIGURES_SECONDS = int(os.environ.get("LIVE_FIGURES_SECONDS", "10"))

# Staff area: allauth login with mandatory MFA (staff/).
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/admin/"
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"  # private documents and pages: allauth too
# Passwords are changed and reset through allauth only, which asks for the second
# factor, tells the owner by email and writes the audit trail; Wagtail's own forms do neither.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
ACCOUNT_ADAPTER = "staff.adapters.StaffAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"  # staff accounts are created by an administrator
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# The owner is told by email when their password or second factor changes (sent from the queue).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
MFA_ADAPTER = "staff.adapters.EncryptedMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = "SEHER staff"
MFA_TOTP_TOLERANCE = 1  # accept the code of the previous or next 30-second window (phone clocks drift)
# Encrypts TOTP secrets and recovery-code seeds at rest (staff/adapters.py): a key of its
# own, never derived from SECRET_KEY. The fallbacks still decrypt what older keys wrote;
# after rotating, `manage.py reencrypt_mfa_secrets` rewrites everything with the current key.
MFA_ENCRYPTION_KEY = os.environ.get("MFA_ENCRYPTION_KEY", "")
MFA_ENCRYPTION_KEY_FALLBACKS = env_list("MFA_ENCRYPTION_KEY_FALLBACKS")
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True

# Security headers and CSP. Public pages load nothing from other hosts (docs/security.md):
# every resource from this origin, no inline script or style. Forms may also post
# to Stripe Checkout, since the donate form redirects there.
STRIPE_CHECKOUT_ORIGIN = "https://checkout.stripe.com"
MEDIA_ORIGINS = [f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}"] if os.environ.get("AWS_S3_CUSTOM_DOMAIN") else []
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF, STRIPE_CHECKOUT_ORIGIN],
}
# The tightest policy Wagtail 8's admin works with (tests/browser/test_admin_csp.py
# loads the dashboard, the page editor with its preview panel, the image chooser and
# uploader, and reports any violation): nothing by default; it still emits inline
# <script> blocks and sets inline styles from JavaScript, shows data:/blob: image
# previews and frames its own page previews.
SECURE_CSP_ADMIN = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "worker-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
}
# Staff avatars are never fetched from Gravatar: no request to another host, even in the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=(), browsing-topics=()"
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Gifts through Stripe. The Stripe account belongs to a partner organisation in a
# country Stripe supports (Stripe does not open accounts for Pakistan-based NGOs).
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "https://api.stripe.com")
STRIPE_API_VERSION = "2026-10-28.endive"  # the one place the API version is pinned
STRIPE_WEBHOOK_TOLERANCE = 300  # seconds; never 0, which would turn replay protection off
STRIPE_DOUBLE_MOUNTED = False  # dev.py serves the offline Stripe double at /stripe-double/
DONATE_RATE_LIMIT = 10  # Checkout Sessions a minute from one address

# Impact figures: days after a period's end before it is published, for late returns.
IMPACT_CLOSING_DAYS = 20
