"""Two app servers, one PostgreSQL, one Redis: checks that what must be shared is shared.

Starts two gunicorn instances with production settings on free loopback ports,
against one throwaway PostgreSQL database (created, migrated, seeded, dropped at
the end) and one Redis database number (flushed before and after), with the Stripe
double served from this process. Then:

  rate limit  donate (10 a minute) and search (30 a minute) from one address,
              alternating between the instances: the 429 comes at the same total
              count as on one server;
  one effect  the same signed checkout.session.completed event sent to both
              instances at the same moment, for each gift the donate form made,
              twice over: each gift is paid once, with one event row and one
              receipt task;
  page cache  a page cached through one instance is a hit on the other; a change
              published from a third process is what both then serve, while a
              page that does not show it stays cached;
  load        both instances under load over several public pages for a minute:
              no 5xx answer.

Prints one line per check and a summary; exits 1 if any check fails. Run through
scripts/multi_instance_check, which also cleans up if this process is killed.
"""

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from donate.stripe_double import StripeDouble, serve_in_thread  # noqa: E402

ADMIN_URL = os.environ.get("MULTI_CHECK_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
# A Redis database of its own (the tests use 3, 5, 6, 7 and 8): CI runs this check beside the browser tests.
REDIS_URL = os.environ.get("MULTI_CHECK_REDIS_URL", "redis://127.0.0.1:6379/12")
HOST = "localhost"  # the Host header a load balancer passes to every instance alike
WEBHOOK_SECRET = "whsec_multi_instance_check"  # noqa: S105 # nosec B105 - a throwaway test secret
LOAD_PATHS = [
    "/en/",
    "/en/about/",
    "/en/where-we-work/",
    "/en/where-we-work/quetta/",
    "/en/our-work/prevention-protection-trafficked-children/",
    "/en/awareness/",
    "/en/donate/",
    "/ur/",
    "/ur/where-we-work/gwadar/",
]
PUBLISHED_PAGE = "/en/our-work/prevention-protection-trafficked-children/"
UNRELATED_PAGE = "/en/awareness/"  # neither links to the programme nor is linked from it: a publish leaves it cached
WRK_SCRIPT = """
local paths = {%s}
local threads = {}
local counter = 0
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; redirects = 0; client_errors = 0; server_errors = 0 end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
function response(status, headers, body)
  if status >= 500 then server_errors = server_errors + 1
  elseif status >= 400 then client_errors = client_errors + 1
  elseif status >= 300 then redirects = redirects + 1
  else ok = ok + 1 end
end
function done(summary, latency, requests)
  local totals = {ok = 0, redirects = 0, client_errors = 0, server_errors = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do totals[name] = totals[name] + thread:get(name) end
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%%d ok=%%d redirects=%%d client_errors=%%d server_errors=%%d " ..
    "socket_errors=%%d timeouts=%%d p50_ms=%%.0f p99_ms=%%.0f\\n",
    summary.requests, totals.ok, totals.redirects, totals.client_errors, totals.server_errors,
    e.connect + e.read + e.write, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


class CheckFailed(Exception):
    pass


def log(message):
    print(message, flush=True)


# -- HTTP ---------------------------------------------------------------------------


def fetch(port, method, path, body=None, headers=None, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- the environment: database, Redis, instances ----------------------------------------


class Environment:
    def __init__(self, work, stripe_base):
        self.work = work
        self.database = f"seher_multi_{uuid.uuid4().hex[:10]}"
        self.database_url = ADMIN_URL.rsplit("/", 1)[0] + "/" + self.database
        self.instances = {}  # name -> (port, Popen)
        self.commands = []  # manage.py runs
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_"))},
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "MFA_ENCRYPTION_KEY": secrets.token_urlsafe(32),
            "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": REDIS_URL,
            "SECURE_SSL_REDIRECT": "false",
            "STRIPE_SECRET_KEY": "sk_test_multi_instance_check",
            "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "STRIPE_LIVE_MODE": "false",
            "TRUSTED_PROXY_COUNT": "0",
            "DEMO_SEED_ALLOWED": "true",  # a throwaway database
            "STRIPE_API_BASE": stripe_base,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(free_port()),  # receipts stay queued: no worker runs here
            "LOG_LEVEL": "WARNING",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_THREADS": "4",
            "PYTHONWARNINGS": "ignore",
        }
        self.log_path = work / "servers.log"

    def sql(self, query, params=None):
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(query, params).fetchall()

    def preflight(self):
        if shutil.which("wrk") is None:
            raise CheckFailed("wrk is not installed (apt-get install wrk)")
        try:
            psycopg.connect(ADMIN_URL, connect_timeout=5).close()
        except psycopg.Error as error:
            raise CheckFailed(f"PostgreSQL unreachable at {ADMIN_URL}: {error}") from error
        try:
            redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5).ping()
        except redis.RedisError as error:
            raise CheckFailed(f"Redis unreachable at {REDIS_URL}: {error}") from error

    def create(self):
        (self.work / "database").write_text(self.database)  # for the wrapper's clean-up
        with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')
        redis.Redis.from_url(REDIS_URL).flushdb()
        collect = self.manage_in_background("collectstatic", "--no-input", "-v0")  # needs no database
        self.manage("migrate", "--no-input")
        self.manage("seed_demo")
        if collect.wait(timeout=300):
            raise CheckFailed("manage.py collectstatic failed")

    def manage_in_background(self, *args):
        with self.log_path.open("a") as output:
            command = subprocess.Popen(
                [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, stdout=output, stderr=subprocess.STDOUT
            )
        self.commands.append(command)
        return command

    def manage(self, *args):
        if self.manage_in_background(*args).wait(timeout=300):
            raise CheckFailed(f"manage.py {' '.join(args)} failed")

    def start(self, name):
        port = free_port()
        gunicorn = Path(sys.executable).parent / "gunicorn"
        output = self.log_path.open("a")
        process = subprocess.Popen(
            [str(gunicorn), "-c", "config/gunicorn.conf.py", "--control-socket", str(self.work / f"{name}.ctl")],
            cwd=ROOT,
            env={**self.env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: workers are stopped with it
        )
        output.close()
        (self.work / f"{name}.pid").write_text(str(process.pid))
        self.instances[name] = (port, process)
        return port

    def wait_ready(self, timeout=60):
        deadline = time.monotonic() + timeout
        for name, (port, process) in self.instances.items():
            while True:
                if process.poll() is not None:
                    raise CheckFailed(f"instance {name} exited with {process.returncode}; see {self.log_path}")
                try:
                    status, _, body = fetch(port, "GET", "/healthz", timeout=5)
                    if status == 200 and json.loads(body)["status"] == "ok":
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise CheckFailed(f"instance {name} not healthy after {timeout} s")
                time.sleep(0.3)

    def stop(self):
        for command in self.commands:
            if command.poll() is None:
                command.kill()
                command.wait()
        for name, (_port, process) in self.instances.items():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=25)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
            (self.work / f"{name}.pid").unlink(missing_ok=True)
        self.instances = {}

    def drop(self):
        if not (self.work / "database").exists():
            return
        with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        (self.work / "database").unlink()
        redis.Redis.from_url(REDIS_URL).flushdb()


# -- the checks -------------------------------------------------------------------


def wait_for_a_fresh_window(needed=15):
    """Rate-limit windows are whole minutes: start a sequence with `needed` seconds of one left."""
    left = 60 - time.time() % 60
    if left < needed:
        time.sleep(left + 0.5)


def check_rate_limits(ports):
    wait_for_a_fresh_window()
    window = int(time.time() // 60)
    search = [fetch(ports[i % 2], "GET", "/en/search/?q=centre")[0] for i in range(32)]
    status, headers, body = fetch(ports[0], "GET", "/en/donate/")
    cookie = SimpleCookie(headers.get("Set-Cookie", ""))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or token is None:
        raise CheckFailed(f"the donate form did not load (status {status})")
    csrf_name = next(name for name in cookie if name.endswith("csrftoken"))
    form = {
        "csrfmiddlewaretoken": token.group(1).decode(),
        "amount": "2500",
        "currency": "PKR",
        "frequency": "once",
        "dedication": "",
        "website": "",
    }
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"{csrf_name}={cookie[csrf_name].value}",
    }
    donate = [fetch(ports[i % 2], "POST", "/en/donate/", urlencode(form), headers) for i in range(11)]
    if int(time.time() // 60) != window:
        raise CheckFailed("the rate-limit minute rolled over during the check; run again")
    codes = [status for status, _, _ in donate]
    sessions = [urlsplit(headers["Location"]).path.split("/")[-1] for status, headers, _ in donate if status == 303]
    expected_search = [200] * 30 + [429, 429]
    expected_donate = [303] * 10 + [429]
    detail = (
        f"alternating A/B from one address: search {summarise(search)} (limit 30), "
        f"donate {summarise(codes)} (limit 10)"
    )
    if search != expected_search or codes != expected_donate:
        raise CheckFailed(detail)
    return detail, sessions


def summarise(codes):
    """[200, 200, 429] -> '2 x 200, 429 at 3'."""
    first = codes[0]
    same = next((i for i, code in enumerate(codes) if code != first), len(codes))
    text = f"{same} x {first}"
    if same < len(codes):
        text += f", {codes[same]} at {same + 1}"
    return text


def check_one_effect(ports, double, sessions, env):
    if not sessions:
        raise CheckFailed("no gifts to pay (the donate form made none)")
    events = []
    for session_id in sessions:
        session = double.sessions[session_id]
        session.update(status="complete", payment_status="paid", payment_intent=f"pi_{session_id}")
        session["customer_details"] = {"email": "donor@example.org", "name": "Demo Donor"}
        visible = {key: value for key, value in session.items() if not key.startswith("_")}
        events.append(double.event("checkout.session.completed", visible))

    answers = []

    def send(port, payload, barrier):
        headers = {"Content-Type": "application/json", "Stripe-Signature": double.sign(payload)}
        barrier.wait()
        status, _, body = fetch(port, "POST", "/donate/webhook/", payload, headers)
        answers.append((status, body.decode()))

    pairs = 0
    for _round in range(2):  # each event twice over: a first delivery and a redelivery, both doubled
        for event in events:
            payload = json.dumps(event)
            barrier = threading.Barrier(2)
            threads = [threading.Thread(target=send, args=(port, payload, barrier)) for port in ports]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            pairs += 1

    references = [event["data"]["object"]["client_reference_id"] for event in events]
    gifts = env.sql(
        "SELECT id, status, receipt_number FROM donate_gift WHERE reference::text = ANY(%s)", (references,)
    )
    event_rows = dict(
        env.sql(
            "SELECT event_id, count(*) FROM donate_stripeevent WHERE event_id = ANY(%s) GROUP BY event_id",
            ([event["id"] for event in events],),
        )
    )
    tasks = dict(
        env.sql(
            "SELECT (args_kwargs->'args'->>1)::bigint, count(*) FROM django_tasks_database_dbtaskresult "
            "WHERE task_path = 'donate.tasks.send_receipt' GROUP BY 1"
        )
    )
    statuses = sorted({status for status, _ in answers})
    applied = sum(1 for _, body in answers if body == "ok")
    receipts = sorted(number for _, _, number in gifts if number is not None)
    detail = (
        f"{pairs} concurrent pairs ({len(answers)} deliveries of {len(events)} events): answers {statuses}, "
        f"{applied} applied; {sum(1 for _, s, _ in gifts if s == 'paid')}/{len(events)} gifts paid, "
        f"{sum(event_rows.values())} event rows, {sum(tasks.get(pk, 0) for pk, _, _ in gifts)} receipt tasks, "
        f"{len(set(receipts))} distinct receipt numbers"
    )
    ok = (
        statuses == [200]
        and applied == len(events)
        and len(gifts) == len(events)
        and all(status == "paid" for _, status, _ in gifts)
        and all(event_rows.get(event["id"]) == 1 for event in events)
        and all(tasks.get(pk) == 1 for pk, _, _ in gifts)
        and len(set(receipts)) == len(events)
    )
    if not ok:
        raise CheckFailed(detail)
    return detail


def check_page_cache(ports, env):
    marker = f"Checked on two app servers at once, {uuid.uuid4().hex[:8]}."
    fetch(ports[0], "GET", UNRELATED_PAGE)
    _, before_a, _ = fetch(ports[0], "GET", PUBLISHED_PAGE)  # fills the shared cache through A
    _, before_b, body = fetch(ports[1], "GET", PUBLISHED_PAGE)
    if before_b.get("X-Page-Cache") != "hit" or marker.encode() in body:
        raise CheckFailed(
            f"B did not serve A's cached page (A: {before_a.get('X-Page-Cache')}, B: {before_b.get('X-Page-Cache')})"
        )
    env.manage(
        "shell",
        "-c",
        "from programs.models import ProgrammePage\n"
        "page = ProgrammePage.objects.get(url_path__endswith='/prevention-protection-trafficked-children/',"
        " locale__language_code='en')\n"
        f"page.summary = {marker!r}\n"
        "page.save_revision().publish()\n",
    )
    # The shell took longer than PAGE_CACHE_LOCAL_SECONDS (1 s), the most a worker trusts its own copy.
    status_b, after_b, body_b = fetch(ports[1], "GET", PUBLISHED_PAGE)
    status_a, after_a, body_a = fetch(ports[0], "GET", PUBLISHED_PAGE)
    _, unrelated, _ = fetch(ports[1], "GET", UNRELATED_PAGE)
    detail = (
        f"{PUBLISHED_PAGE} cached through A was a hit on B; after publishing from a third process "
        f"B served the new text ({after_b.get('X-Page-Cache')}), then A ({after_a.get('X-Page-Cache')}); "
        f"{UNRELATED_PAGE} stayed cached ({unrelated.get('X-Page-Cache')})"
    )
    fresh = status_b == status_a == 200 and marker.encode() in body_b and marker.encode() in body_a
    if not fresh or after_b.get("X-Page-Cache") != "miss" or after_a.get("X-Page-Cache") != "hit":
        raise CheckFailed(detail.replace("served the new text", "did NOT serve the new text"))
    if unrelated.get("X-Page-Cache") != "hit":
        raise CheckFailed(detail.replace("stayed cached", "was NOT kept"))
    return detail


def check_load(ports, seconds, work):
    for path in LOAD_PATHS:
        status = fetch(ports[0], "GET", path)[0]
        if status != 200:
            raise CheckFailed(f"{path} answers {status} before any load")
    script = work / "load.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{path}"' for path in LOAD_PATHS))
    runs = [
        subprocess.Popen(
            [
                "wrk",
                "-t1",
                "-c4",
                f"-d{seconds}s",
                "--timeout=10s",
                f"--script={script}",
                f"--header=Host: {HOST}",
                f"http://127.0.0.1:{port}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for port in ports
    ]
    results = []
    try:
        for run in runs:
            output = run.communicate(timeout=seconds + 60)[0]
            line = next((line for line in output.splitlines() if line.startswith("RESULT ")), None)
            if line is None:
                raise CheckFailed(f"wrk gave no result: {output[-500:]}")
            results.append({key: float(value) for key, value in (part.split("=") for part in line.split()[1:])})
    finally:
        for run in runs:
            if run.poll() is None:
                run.kill()
                run.wait()
    parts = [
        f"{name}: {int(r['requests'])} requests ({int(r['ok'])} ok, {int(r['server_errors'])} 5xx, "
        f"{int(r['client_errors'])} 4xx, {int(r['socket_errors'])} socket errors, {int(r['timeouts'])} timeouts, "
        f"p50 {r['p50_ms']:.0f} ms, p99 {r['p99_ms']:.0f} ms)"
        for name, r in zip("AB", results, strict=True)
    ]
    detail = f"{seconds} s on both over {len(LOAD_PATHS)} pages; " + "; ".join(parts)
    if any(r["server_errors"] or r["client_errors"] or r["timeouts"] or not r["ok"] for r in results):
        raise CheckFailed(detail)
    return detail


# -- main ---------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--load-seconds", type=int, default=60, help="how long to hold the load (default 60)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the clean-up below runs

    started = time.monotonic()
    work = Path(os.environ.get("MULTI_CHECK_DIR") or tempfile.mkdtemp(prefix="seher-multi-"))
    double = StripeDouble(webhook_secret=WEBHOOK_SECRET)
    server, stripe_base = serve_in_thread(double)
    env = Environment(work, stripe_base)
    results = []

    def run(name, check, *check_args):
        try:
            outcome = check(*check_args)
        except CheckFailed as failure:
            results.append((name, False, str(failure)))
            log(f"FAIL  {name:<11} {failure}")
            return None
        detail, value = outcome if isinstance(outcome, tuple) else (outcome, None)
        results.append((name, True, detail))
        log(f"PASS  {name:<11} {detail}")
        return value

    log("== two gunicorn instances, one PostgreSQL, one Redis")
    try:
        env.preflight()
        env.create()
        ports = [env.start("A"), env.start("B")]
        env.wait_ready()
        setup = time.monotonic() - started
        log(
            f"instances A 127.0.0.1:{ports[0]} and B 127.0.0.1:{ports[1]} (production settings, "
            f"2 workers x 4 threads each); database {env.database}; {REDIS_URL}; ready in {setup:.0f} s"
        )
        sessions = run("rate limit", check_rate_limits, ports) or []
        run("one effect", check_one_effect, ports, double, sessions, env)
        run("page cache", check_page_cache, ports, env)
        run("load", check_load, ports, args.load_seconds, work)
    except CheckFailed as failure:
        results.append(("setup", False, str(failure)))
        log(f"FAIL  setup       {failure}")
    except (KeyboardInterrupt, SystemExit):
        log("stopped: cleaning up")
        raise
    finally:
        env.stop()
        server.shutdown()
        env.drop()
    failed = [name for name, ok, _ in results if not ok]
    took = time.monotonic() - started
    if failed:
        if env.log_path.exists():
            with env.log_path.open() as output:
                log("last lines of the server log:\n" + "".join(output.readlines()[-30:]))
        log(f"multi-instance check FAILED ({', '.join(failed)}) in {took:.0f} s")
        return 1
    log(f"multi-instance check passed: {len(results)} of {len(results)} checks in {took:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
