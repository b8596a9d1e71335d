"""The campaign scenario of scripts/bench: pages under load while gifts arrive and editors publish.

For each of the home page, the donate page and a programme page, wrk runs at 8
connections twice in a row: quiet, then during a campaign, while a donor
completes a gift through the Stripe double every 2 seconds (the donate form, the
Checkout, the signed webhook) and an editor publishes a page every 20 seconds
(an article, the programme itself, a centre, in turn). Each page's campaign
figures are printed as ratios to its quiet ones, with the share of answers the
page cache gave (hit, stale) and what the gifts and publishing did.
"""

import http.client
import itertools
import json
import re
import subprocess
import threading
import time
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

GIFT_SECONDS = 2
PUBLISH_SECONDS = 20
CONNECTIONS = 8

# Counts the page cache's answers (X-Page-Cache) and the statuses, across wrk's threads.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) hit = 0; stale = 0; miss = 0; uncached = 0; bad = 0 end
function response(status, headers, body)
  if status >= 400 then bad = bad + 1 end
  local how = headers["X-Page-Cache"] or headers["x-page-cache"]
  if how == "hit" then hit = hit + 1
  elseif how == "stale" then stale = stale + 1
  elseif how == "miss" then miss = miss + 1
  else uncached = uncached + 1 end
end
function done(summary, latency, requests)
  local t = {hit = 0, stale = 0, miss = 0, uncached = 0, bad = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(t) do t[name] = t[name] + thread:get(name) end
  end
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f hit=%d stale=%d miss=%d uncached=%d bad=%d\\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    t.hit, t.stale, t.miss, t.uncached, t.bad))
end
"""

# Runs in `manage.py shell`: publishes one page every PUBLISH_SECONDS, as an editor would.
PUBLISHER = """
import itertools, sys, time
from locations.models import CentrePage
from awareness.models import ArticlePage
from programs.models import ProgrammePage
pages = [
    ArticlePage.objects.live().filter(locale__language_code="en").first(),
    ProgrammePage.objects.live()
    .filter(url_path__contains="prevention-protection", locale__language_code="en")
    .first(),
    CentrePage.objects.live().filter(locale__language_code="en").first(),
]
print("ready", flush=True)
for n in itertools.count(1):
    page = pages[n %% len(pages)].specific
    page.refresh_from_db()
    page.search_description = f"Edited in the campaign benchmark, edit {n}."
    page.save_revision().publish()
    print("published", page.url_path, flush=True)
    time.sleep(%d)
"""


def fetch(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


class Donors(threading.Thread):
    """One gift every GIFT_SECONDS: the form, a Checkout on the double, its signed webhook."""

    def __init__(self, port, double, donate_path):
        super().__init__(daemon=True)
        self.port, self.double, self.donate_path = port, double, donate_path
        self.stop = threading.Event()
        self.paid = self.failed = 0
        self.addresses = (f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in itertools.count(1))

    def run(self):
        while not self.stop.wait(GIFT_SECONDS):
            try:
                self.paid += self.give()
            except (OSError, AttributeError, KeyError, StopIteration):
                self.failed += 1

    def give(self):
        # Each donor from an address of their own, as readers behind the proxy arrive.
        address = {"X-Forwarded-For": next(self.addresses)}
        status, headers, body = fetch(self.port, "GET", self.donate_path, headers=address)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        cookie = SimpleCookie(headers.get("Set-Cookie", ""))
        csrf = next(name for name in cookie if name.endswith("csrftoken"))
        form = {"csrfmiddlewaretoken": token, "amount": "2500", "currency": "PKR", "frequency": "once", "website": ""}
        post_headers = {
            **address,
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"{csrf}={cookie[csrf].value}",
        }
        status, headers, _ = fetch(self.port, "POST", self.donate_path, urlencode(form), post_headers)
        if status != 303:
            return 0
        session_id = urlsplit(headers["Location"]).path.rstrip("/").split("/")[-1]
        session = self.double.sessions[session_id]
        session.update(status="complete", payment_status="paid", payment_intent=f"pi_{session_id}")
        session["customer_details"] = {"email": "donor@example.org", "name": "Campaign Donor"}
        visible = {key: value for key, value in session.items() if not key.startswith("_")}
        payload = json.dumps(self.double.event("checkout.session.completed", visible))
        signed = {"Content-Type": "application/json", "Stripe-Signature": self.double.sign(payload)}
        return int(fetch(self.port, "POST", "/donate/webhook/", payload, signed)[0] == 200)


def wrk(url, seconds, script):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout=10s", f"--script={script}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    return {key: float(value) for key, value in (part.split("=") for part in line.split()[1:])}


def run_campaign(root, python, env, port, double, urls, seconds, work):
    script = work / "campaign.lua"
    script.write_text(WRK_SCRIPT)
    print(
        f"campaign: wrk -t2 -c{CONNECTIONS} {seconds}s per page, quiet then with a gift every {GIFT_SECONDS} s "
        f"and a publish every {PUBLISH_SECONDS} s; ratios are campaign / quiet for the same page"
    )
    print(
        f"{'page':<12}{'quiet req/s':>12}{'campaign':>10}{'ratio':>7}{'p50 ms':>9}{'ratio':>7}"
        f"{'p99 ms':>9}{'ratio':>7}{'hits':>8}{'stale':>7}{'misses':>7}  during the campaign"
    )
    results = []
    for name in ("home", "donate", "programme"):
        url = f"http://127.0.0.1:{port}{urls[name]}"
        fetch(port, "GET", urls[name])
        quiet = wrk(url, seconds, script)
        publisher = subprocess.Popen(
            [python, "manage.py", "shell", "-v0", "-c", PUBLISHER % PUBLISH_SECONDS],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        donors = Donors(port, double, urls["donate"])
        try:
            for line in publisher.stdout:  # after Django's start-up notes, if any
                if line.strip() == "ready":
                    break
            else:
                raise SystemExit("the publisher did not start")
            donors.start()
            busy = wrk(url, seconds, script)
        finally:
            donors.stop.set()
            publisher.terminate()
            published = publisher.communicate(timeout=30)[0].count("published")
            if donors.is_alive():
                donors.join(30)
        answered = max(busy["requests"], 1)
        row = {
            "page": name,
            "quiet": quiet,
            "campaign": busy,
            "rps_ratio": busy["rps"] / quiet["rps"],
            "p50_ratio": busy["p50_ms"] / quiet["p50_ms"],
            "p99_ratio": busy["p99_ms"] / quiet["p99_ms"],
            "gifts_paid": donors.paid,
            "gifts_failed": donors.failed,
            "published": published,
        }
        results.append(row)
        print(
            f"{name:<12}{quiet['rps']:>12.0f}{busy['rps']:>10.0f}{row['rps_ratio']:>7.2f}"
            f"{busy['p50_ms']:>9.2f}{row['p50_ratio']:>7.2f}{busy['p99_ms']:>9.2f}{row['p99_ratio']:>7.2f}"
            f"{busy['hit'] / answered:>8.2%}{int(busy['stale']):>7}{int(busy['miss']):>7}"
            f"  {donors.paid} gifts paid, {donors.failed} failed, {published} published, "
            f"{int(busy['bad'])} errors"
        )
        time.sleep(2)
    return results
