"""gunicorn settings; every value can be overridden from the environment."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = 2000
max_requests_jitter = 200
# Load Django once in the master and fork workers from it: a worker replaced after
# max_requests is serving again at once instead of spending seconds importing Wagtail.
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() != "false"


def post_fork(server, worker):
    """Nothing opened while loading in the master is shared with a worker."""
    # Imported in the worker: gunicorn reads this file before it loads Django.
    from django.db import connections

    connections.close_all()


# The proxy in front terminates TLS and sets X-Forwarded-Proto; trust it only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "false").lower() == "true" else None
errorlog = "-"
wsgi_app = "config.wsgi:application"
