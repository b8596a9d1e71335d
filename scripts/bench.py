"""Load public pages with wrk under gunicorn, alternating with a bare Django view.

Prints requests/s and p50/p99 latency for each page as a ratio to the bare view
measured just before and just after it, for cached anonymous pages and for uncached renders:
the same server and page with a query string the page cache does not keep, so each request
renders the page as a miss does in production (site-wide fragments from their copy for the
current change number).
`--campaign` runs the campaign scenario instead (scripts/bench_campaign.py): the home,
donate and programme pages while gifts are paid and pages published, against the same
pages quiet (BENCH_CAMPAIGN_SECONDS per run, 30 by default).
"""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DURATION = os.environ.get("BENCH_SECONDS", "5")
PAUSE = 2  # seconds between wrk runs
UNCACHED = "?bench=uncached"  # a query the page cache does not keep: every request is rendered
PAGES = [
    ("home", "/en/"),
    ("programme", None),
    ("where we work", "/en/where-we-work/"),
    ("articles", None),
    ("donate", None),
    ("static file", None),
]


def run(cmd, env, **kwargs):
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)


def start(app, port, env, extra=()):
    # Both servers run config/gunicorn.conf.py, but without worker recycling: at a few
    # thousand requests a second max_requests=2000 would replace a worker every
    # second or two, and the benchmark would measure restarts instead of requests.
    cmd = [GUNICORN, "-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    cmd += ["--max-requests", "0", *extra, app]
    process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"server on port {port} did not start")


def wrk(url):
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{DURATION}s", "--latency", url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def latency(label):
        value, unit = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return {"rps": rps, "p50": latency("50"), "p99": latency("99"), "errors": int(errors.group(1)) if errors else 0}


def discover_urls(base):
    """Find the programme, article listing, donate page and a stylesheet from the home page's links."""
    html = urllib.request.urlopen(base + "/en/").read().decode()
    found = {"home": "/en/", "where we work": "/en/where-we-work/"}
    for name, pattern in [
        ("programme", r'href="(/en/[^"]*prevention-protection[^"]*)"'),
        ("articles", r'href="(/en/(?:awareness|articles|news)[^"]*/)"'),
        ("donate", r'href="(/en/donate/)"'),
        ("static file", r'href="(/static/css/[^"]+\.css)"'),
    ]:
        match = re.search(pattern, html)
        if match:
            found[name] = match.group(1)
    return found


def main():
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: apt-get install wrk")
    tmp = Path(tempfile.mkdtemp(prefix="seher-bench-"))
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        MFA_ENCRYPTION_KEY=secrets.token_urlsafe(32),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        STRIPE_SECRET_KEY="sk_test_bench",
        STRIPE_WEBHOOK_SECRET="whsec_bench",
        STRIPE_LIVE_MODE="false",
        TRUSTED_PROXY_COUNT="0",
        DEMO_SEED_ALLOWED="true",  # a throwaway database
        LOG_LEVEL="WARNING",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    database = env["DATABASE_URL"].split("@")[-1]
    run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env)
    run([PYTHON, "manage.py", "createcachetable"], env)
    run([PYTHON, "manage.py", "seed_demo"], env, stdout=subprocess.DEVNULL)
    run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], env)

    servers = []
    double = None
    if "--campaign" in sys.argv:
        sys.path.insert(0, str(ROOT))
        from donate.stripe_double import StripeDouble, serve_in_thread

        double = StripeDouble(webhook_secret=env["STRIPE_WEBHOOK_SECRET"])
        _, env["STRIPE_API_BASE"] = serve_in_thread(double)
    try:
        site_env = {**env, "PYTHONPATH": str(ROOT / "scripts")}  # bare_django and bench_site live there
        if double is not None:
            # Each donor comes from an address of their own (X-Forwarded-For), as behind the proxy.
            servers.append(start("bench_site:application", 8302, {**site_env, "TRUSTED_PROXY_COUNT": "1"}))
            urls = discover_urls("http://127.0.0.1:8302")
            from bench_campaign import run_campaign

            seconds = int(os.environ.get("BENCH_CAMPAIGN_SECONDS", "30"))
            results = run_campaign(ROOT, PYTHON, env, 8302, double, urls, seconds, tmp)
            (tmp / "campaign.json").write_text(json.dumps(results, indent=2))
            print(f"raw figures in {tmp / 'campaign.json'}")
            return
        servers.append(start("bare_django:application", 8301, site_env))
        servers.append(start("bench_site:application", 8302, site_env))
        urls = discover_urls("http://127.0.0.1:8302")
        cache = "Redis" if env.get("REDIS_URL") else "database cache"
        print(
            f"database: {database}; cache: {cache}; gunicorn 2 workers x 2 threads, no recycling; "
            f"wrk -t2 -c8 {DURATION}s each"
        )
        print(f"{'page':<16}{'mode':<10}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}{'ratio':>8}{'p99 ms':>9}{'ratio':>8}")
        results = []
        for name, _ in PAGES:
            if name not in urls:
                print(f"{name:<16}not found on the home page; skipped")
                continue
            # One request first, so image renditions (AVIF encoding takes a second or more)
            # exist before timing starts, and the cached server holds the page.
            for query in ("", UNCACHED):
                urllib.request.urlopen(f"http://127.0.0.1:8302{urls[name]}{query}", timeout=60).read()
            for mode, query in [("cached", ""), ("uncached", UNCACHED)]:
                if name == "static file" and mode == "uncached":
                    continue
                # The bare view is measured just before and just after the page, with a pause
                # between runs so that one run's tail does not land in the next; the ratio is
                # taken against the mean of the two bare runs.
                before = wrk("http://127.0.0.1:8301/")
                time.sleep(PAUSE)
                page = wrk(f"http://127.0.0.1:8302{urls[name]}{query}")
                time.sleep(PAUSE)
                after = wrk("http://127.0.0.1:8301/")
                time.sleep(PAUSE)
                bare = {key: (before[key] + after[key]) / 2 for key in before}
                row = {
                    "page": name,
                    "url": urls[name],
                    "mode": mode,
                    "bare": bare,
                    "site": page,
                    "rps_ratio": page["rps"] / bare["rps"],
                    "p50_ratio": page["p50"] / bare["p50"],
                    "p99_ratio": page["p99"] / bare["p99"],
                }
                results.append(row)
                print(
                    f"{name:<16}{mode:<10}{page['rps']:>9.0f}{row['rps_ratio']:>8.2f}{page['p50']:>9.2f}"
                    f"{row['p50_ratio']:>8.2f}{page['p99']:>9.2f}{row['p99_ratio']:>8.2f}"
                    + (f"  {page['errors']} errors" if page["errors"] else "")
                )
        (tmp / "bench.json").write_text(json.dumps(results, indent=2))
        print("ratios are site / the mean of bare Django measured just before and just after")
        print(f"raw figures in {tmp / 'bench.json'}")
        if "--lighthouse" in sys.argv:
            lighthouse(urls)
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(timeout=30)


def lighthouse(urls):
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    print(f"\nLighthouse 12.2.3, mobile, {chromium}")
    for name, url in urls.items():
        if name == "static file":
            continue
        # Chrome sometimes loses the trace of a load (Lighthouse's NO_NAVSTART and similar
        # runtime errors); such a run has no scores, so it is tried once more and said so.
        for attempt in (1, 2):
            report = subprocess.run(
                [
                    "npx",
                    "--yes",
                    "lighthouse@12.2.3",
                    f"http://127.0.0.1:8302{url}",
                    "--output=json",
                    "--quiet",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                    "--disable-background-networking --disable-component-update --disable-sync",
                ],
                capture_output=True,
                text=True,
                env={**os.environ, "CHROME_PATH": chromium},
            )
            if report.returncode == 0 or attempt == 2:
                break
            print(f"{name:<16}lighthouse run {attempt} failed ({report.stderr.strip().splitlines()[-1:]}); once more")
        if report.returncode != 0:
            print(f"{name:<16}lighthouse failed: {report.stderr.strip().splitlines()[-1:]}")
            continue
        result = json.loads(report.stdout)
        categories = result["categories"]
        scores = "  ".join(f"{key} {round(value['score'] * 100)}" for key, value in categories.items())
        print(f"{name:<16}{scores}")
        for key, category in categories.items():  # what cost the points, so it can be fixed
            for ref in category["auditRefs"]:
                audit = result["audits"][ref["id"]]
                if ref.get("weight") and audit["score"] is not None and audit["score"] < 1:
                    shown = audit.get("displayValue", "")
                    print(f"{'':<16}  {key}: {audit['id']} ({audit['title']}) {shown}".rstrip())


if __name__ == "__main__":
    main()
