"""Build a believable demo SEHER site. Safe to run more than once."""

import importlib
import importlib.util
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Apps in the order their demo content depends on each other.
DEMO_APPS = ["home", "locations", "donate", "awareness", "programs", "impact", "staff"]

# The demo builds its pages through the test factories: development packages
# (requirements-dev.lock) that a production install leaves out.
DEMO_PACKAGES = ["factory", "wagtail_factories"]


class DemoSite:
    """What the demo steps share: the pages made so far, a fixed random source, logins to print."""

    def __init__(self, stdout, seed=2026):
        self.stdout = stdout
        # Pseudo-random on purpose: repeatable demo figures, nothing secret.
        self.random = random.Random(seed)  # noqa: S311 # nosec B311
        self.logins = []


class Command(BaseCommand):
    help = "Create demo pages, centres and staff accounts (safe to run twice)."

    def handle(self, *args, **options):
        # Demo staff accounts come with passwords and TOTP secrets published in this
        # repository: never on a real site. Throwaway copies (benchmarks, the
        # multi-instance check) opt in with DEMO_SEED_ALLOWED=true.
        if not settings.DEMO_SEED_ALLOWED:
            raise CommandError(
                "seed_demo refuses to run with production settings: it creates staff accounts with published "
                "passwords (set DEMO_SEED_ALLOWED=true only for a throwaway database)"
            )
        for package in DEMO_PACKAGES:
            try:
                importlib.import_module(package)
            except ModuleNotFoundError:
                raise CommandError(
                    f"seed_demo needs the development packages ({package} is not installed): "
                    "make install, or pip install --require-hashes -r requirements-dev.lock"
                ) from None
        demo = DemoSite(self.stdout)
        with transaction.atomic():
            for app in DEMO_APPS:
                if importlib.util.find_spec(app) and importlib.util.find_spec(f"{app}.demo"):
                    importlib.import_module(f"{app}.demo").seed(demo)
            # Urdu translations last: they copy pages every app has made.
            importlib.import_module("home.demo_urdu").seed(demo)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write("Staff area: /admin/ on the address below (demo accounts, for this machine only)")
        self.stdout.write("Log in with the password, then a code from an authenticator app holding the secret.")
        for role, username, password, totp_secret in demo.logins:
            self.stdout.write(f"  {role}: username {username!r}, password {password!r}, TOTP secret {totp_secret}")
