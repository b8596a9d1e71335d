"""Render time of the impact dashboard against the home page's, as a ratio.

Runs in one process on a throwaway SQLite database with the demo site (three years
of monthly figures for three centres). Logs in as the demo Programme data user
through allauth with TOTP, then times N renders of each page for that session (so
the anonymous page cache plays no part) and reports the medians and their ratio.
Usage: .venv/bin/python scripts/measure_impact_dashboard.py [N]
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/measure.sqlite3"

import django

django.setup()

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from staff.demo import ACCOUNTS, DEMO_PASSWORD  # noqa: E402


def timed(client, url, repeat):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return statistics.median(samples)


def main():
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("createcachetable")
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    username, secret = next((name, secret) for _, name, group, secret in ACCOUNTS if group == "Programme data")
    client = Client()
    client.post("/accounts/login/", {"login": username, "password": DEMO_PASSWORD})
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    client.post("/accounts/2fa/authenticate/", {"code": code})
    pages = {"home page": "/en/", "dashboard (by month)": "/admin/impact/?kind=month"}
    for url in pages.values():  # warm templates, renditions and caches
        timed(client, url, 2)
    medians = {name: timed(client, url, repeat) for name, url in pages.items()}
    for name, median in medians.items():
        print(f"{name}: median {median * 1000:.1f} ms over {repeat} renders")
    print(f"ratio dashboard / home page: {medians['dashboard (by month)'] / medians['home page']:.1f}")


if __name__ == "__main__":
    main()
