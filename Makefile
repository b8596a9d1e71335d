# Two commands for a newcomer: `make run` and `make test`.
# PYTHON may be given; otherwise the first interpreter >= 3.12 that really runs is used.
SHELL := /bin/bash
PORT ?= 8000
VENV := .venv
VPY := $(VENV)/bin/python
MANAGE := $(VPY) manage.py

define find_python
for c in python3.13 python3.12 python3; do \
  if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
    command -v $$c; exit 0; fi; done; \
if command -v pyenv >/dev/null 2>&1; then for v in 3.13 3.12; do \
  p=$$(pyenv prefix $$v 2>/dev/null | head -n1); \
  if [ -n "$$p" ] && [ -x "$$p/bin/python$$v" ]; then echo "$$p/bin/python$$v"; exit 0; fi; done; fi
endef

PYTHON ?= $(shell $(find_python))

.PHONY: install lock run test lint css serve clean

# The lock files pin every package, direct and transitive, with hashes: pip and uv refuse a
# file whose hash differs. requirements.lock is what production installs; the
# development set (requirements-dev.lock) adds the demo, test and lint tools. uv installs
# it (about twice as fast as pip); pip first installs uv alone, from uv's lines of the lock.
$(VENV)/.installed: requirements-dev.lock
	@if [ -z "$(PYTHON)" ]; then echo "No Python >= 3.12 found: install one or run 'make PYTHON=/path/to/python3.12 ...'" >&2; exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { echo "$(PYTHON) is older than 3.12: pass PYTHON=/path/to/python3.12 or newer" >&2; exit 1; }
	$(PYTHON) -m venv --clear $(VENV)
	awk '/^uv==/ {found = 1} found {print; if ($$0 !~ /\\$$/) exit}' requirements-dev.lock >$(VENV)/uv-requirement.txt
	$(VPY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(VENV)/uv-requirement.txt
	$(VENV)/bin/uv pip install --quiet --python $(VPY) --require-hashes --compile-bytecode -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed

# Regenerate both lock files from requirements.in and requirements-dev.in with uv, keeping
# every version already locked unless asked: `make lock UPGRADE=--upgrade` moves everything
# to the newest allowed release, `make lock UPGRADE="--upgrade-package django"` one package.
LOCK := $(VENV)/bin/uv pip compile --quiet --universal --python-version 3.12 --generate-hashes \
	--custom-compile-command "make lock" $(UPGRADE)
lock: install
	$(LOCK) requirements.in -o requirements.lock
	$(LOCK) requirements-dev.in -o requirements-dev.lock

run: install
	$(MANAGE) createcachetable
	$(MANAGE) migrate --no-input
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# Join static/css/components/*.css into the one stylesheet readers download.
css: install
	$(MANAGE) bundle_css

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	$(VENV)/bin/bandit -c pyproject.toml -r . -q
	$(VENV)/bin/lint-imports --no-cache
	$(MANAGE) bundle_css --check

# The browser tests run beside the others, in a pytest process of their own; their output
# follows. Whichever starts first builds the seeded test database and the other waits for
# it, then loads the saved copy (tests/seeded_copy.py).
test: lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run
	@browser_log=$$(mktemp); \
	$(VENV)/bin/pytest -m browser tests/browser >"$$browser_log" 2>&1 & browser=$$!; \
	trap 'kill $$browser 2>/dev/null' INT TERM; \
	$(VENV)/bin/pytest; status=$$?; \
	wait $$browser; browser_status=$$?; \
	echo "== browser tests (pytest -m browser tests/browser)"; cat "$$browser_log"; rm -f "$$browser_log"; \
	[ $$status -eq 0 ] && [ $$browser_status -eq 0 ]

# Production settings on this machine: gunicorn, collected and compressed static files,
# the SQLite database unless DATABASE_URL is set, plain HTTP on 127.0.0.1.
serve: install
	$(eval export SECRET_KEY ?= $(shell $(VPY) -c 'import secrets; print(secrets.token_urlsafe(50))'))
	$(eval export MFA_ENCRYPTION_KEY ?= dev-only-mfa-key-not-secret-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx)
	$(eval export ALLOWED_HOSTS ?= 127.0.0.1,localhost)
	$(eval export DATABASE_URL ?= sqlite:///$(CURDIR)/db.sqlite3)
	$(eval export SECURE_SSL_REDIRECT ?= false)
	$(eval export STRIPE_SECRET_KEY ?= sk_test_local_serve)
	$(eval export STRIPE_WEBHOOK_SECRET ?= whsec_local_serve)
	$(eval export STRIPE_LIVE_MODE ?= false)
	$(eval export TRUSTED_PROXY_COUNT ?= 0)
	$(eval export DJANGO_SETTINGS_MODULE = config.settings.production)
	$(MANAGE) createcachetable
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input -v0
	GUNICORN_BIND=127.0.0.1:$(PORT) $(VENV)/bin/gunicorn -c config/gunicorn.conf.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
