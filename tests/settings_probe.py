"""Settings loaded under many environments, in one interpreter other than the tests'.

The settings modules read the environment once, when imported, and the test process has
its own settings loaded. Starting an interpreter for each environment a test tries costs
about half a second each; instead, test modules declare their environments with `case()`
as they are imported, and the `settings_cases` fixture (tests/conftest.py) loads them all
in one separate interpreter, the first time a test asks, running this file as a script.

For each case the script replaces the environment, forgets every module of `config`
(the settings, and `config.wsgi`) and Django's loaded settings, imports the case's module
afresh and reads the case's expressions in it.
"""

import importlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import django.conf

ROOT = Path(__file__).resolve().parent.parent

# Every case declared so far, by name; the fixture loads them all at once.
CASES = {}


@dataclass(frozen=True)
class Loaded:
    """What importing a case's module gave: the error that stopped it ("" if none), and the values read."""

    error: str
    values: list = field(default_factory=list)


def case(name, env, module="config.settings.production", read=()):
    """Declare an environment to import `module` under; `read` are expressions evaluated in the module."""
    if name in CASES:
        raise ValueError(f"two settings cases are named {name!r}")
    CASES[name] = {"env": env, "module": module, "read": list(read)}
    return name


def run_python(code, stdin=None, **env):
    """Run `code` in a new interpreter, in the project, with the test process's environment
    less its settings module and database URL, plus `env`. For a test that needs a process of
    its own (one that sets Django up under production settings, say); settings alone go through case()."""
    full_env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    full_env.update(env)
    return subprocess.run(  # noqa: S603 # nosec B603 - the current interpreter
        [sys.executable, "-c", code], input=stdin, cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def load_all(cases):
    """{name: Loaded} for these cases, from one separate interpreter."""
    script = f"import runpy; runpy.run_path({__file__!r}, run_name='__main__')"
    result = run_python(script, stdin=json.dumps(cases))
    if result.returncode != 0:
        raise RuntimeError(f"the settings probe failed:\n{result.stderr[-2000:]}")
    return {name: Loaded(**answer) for name, answer in json.loads(result.stdout).items()}


def _load(case, base_env):
    os.environ.clear()
    os.environ.update(base_env, **case["env"])
    for name in [name for name in sys.modules if name == "config" or name.startswith("config.")]:
        del sys.modules[name]
    django.conf.settings._wrapped = django.conf.empty
    try:
        module = importlib.import_module(case["module"])
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}", "values": []}
    values = []
    for expression in case["read"]:
        try:
            values.append(str(eval(expression, vars(module))))  # noqa: S307 # nosec B307 - the tests' own expressions
        except Exception as error:
            values.append(f"could not read {expression}: {type(error).__name__}: {error}")
    return {"error": "", "values": values}


if __name__ == "__main__":
    base_env = dict(os.environ)
    cases = json.load(sys.stdin)
    json.dump({name: _load(each, base_env) for name, each in cases.items()}, sys.stdout)
