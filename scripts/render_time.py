"""Milliseconds per render of one page, in this process, as a production miss renders it.

    .venv/bin/python scripts/render_time.py "/en/?bench=uncached" [renders]

Runs against the development database (`make run` seeds it) through Django's test client,
with DEBUG off and the page cache on, both caches in memory as on Redis. The query string
is one the page cache does not keep, so every request renders the page while the menu and
footer come from their copy for the current change number. Steadier than wrk for comparing
two trees: run it in each, one after the other. `--profile` prints the 30 costliest calls.
"""

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

IN_MEMORY = "django.core.cache.backends.locmem.LocMemCache"


def main():
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    url = args[0] if args else "/en/?bench=uncached"
    renders = int(args[1]) if len(args) > 1 else 100
    caches = {
        **settings.CACHES,
        "default": {"BACKEND": IN_MEMORY, "LOCATION": "render-time-default"},
        "pages": {"BACKEND": IN_MEMORY, "LOCATION": "render-time-pages"},
    }
    client = Client()
    with override_settings(ALLOWED_HOSTS=["*"], DEBUG=False, PAGE_CACHE_SECONDS=600, CACHES=caches):
        for _ in range(5):  # renditions, settings, fragments
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        if response.get("X-Page-Cache") in ("hit", "stale"):
            raise SystemExit(f"{url} was served from the page cache: add a query string it does not keep")
        started = time.perf_counter()
        for _ in range(renders):
            client.get(url)
        print(f"{url}: {(time.perf_counter() - started) / renders * 1000:.1f} ms per render ({renders} renders)")
        if "--profile" in sys.argv:
            profile = cProfile.Profile()
            profile.enable()
            for _ in range(30):
                client.get(url)
            profile.disable()
            pstats.Stats(profile).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
