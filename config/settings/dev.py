"""Local development: debug on, a throwaway key, console email."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-" + "x" * 40
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
WHITENOISE_USE_FINDERS = True  # serve straight from static/ without collectstatic
PAGE_CACHE_SECONDS = 0  # see template edits at once; `make serve` runs with the cache on
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # security keys over http://127.0.0.1 while developing
