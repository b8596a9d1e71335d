"""seed_demo refuses to run with production settings.

The slip: someone runs `manage.py seed_demo` on the production server (the README's
quick start, a wrong terminal). It creates demo staff accounts whose passwords and
TOTP secrets are printed and published in the repository, with admin rights, on the
real site.

Failed on main before the fix: the command ran (exit 0 and "Demo content is ready.").
"""

from tests.settings_probe import run_python
from tests.test_settings import PRODUCTION_ENV

SEED = (
    "import django, sys; django.setup()\n"
    "from django.core.management import execute_from_command_line\n"
    "execute_from_command_line(['manage.py', 'seed_demo'])\n"
)


def test_seed_demo_refuses_production_settings():
    # PRODUCTION_ENV names a database nobody can log in to: the refusal must come before any database work.
    env = dict(PRODUCTION_ENV, DJANGO_SETTINGS_MODULE="config.settings.production")
    result = run_python(SEED, **env)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "seed_demo refuses to run with production settings" in last_line
    assert "Demo content is ready" not in result.stdout
