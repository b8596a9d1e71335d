"""Run by scripts/production_install_check inside an environment holding requirements.lock only.

Exits 1 if the installed packages differ from the lock's, or if a module of the
running site (everything but tests, scripts, the demo builders and their
factories) fails to import with production settings.
"""

import importlib
import os
import re
import sys
from importlib.metadata import distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEVELOPMENT_ONLY = re.compile(r"(^|\.)(factories|demo|demo_\w+)$")


def locked_names():
    """{name: marker or None} of requirements.lock (a marker limits a package to some platforms)."""
    names = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==\S+(?:\s*;\s*(.+?))?\s*\\?$", line)
        if match:
            names[canonical(match.group(1))] = match.group(2)
    return names


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def site_modules():
    for init in sorted(ROOT.glob("*/__init__.py")):
        package = init.parent
        if package.name in {"tests", "scripts"}:
            continue
        for path in sorted(package.rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            name = ".".join(parts)
            if all(part.isidentifier() for part in parts) and not DEVELOPMENT_ONLY.search(name):
                yield name


def main():
    installed = {canonical(d.metadata["Name"]) for d in distributions()}
    locked = locked_names()
    extra = sorted(installed - locked.keys())
    # Left out only where the lock limits a package to other platforms (Windows, PyPy).
    missing = sorted(name for name in locked.keys() - installed if locked[name] is None)
    if extra or missing:
        print(f"installed but not locked: {extra}; locked but not installed: {missing}")
        return 1
    print(f"{len(installed)} packages installed, exactly the lock's; none of them test-only")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
    import django

    django.setup()
    failed = []
    names = list(site_modules())
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:  # every failure is reported, then the run fails
            failed.append(f"{name}: {type(error).__name__}: {error}")
    if failed:
        print("modules of the running site that do not import with the production lock alone:")
        print("\n".join(f"  {line}" for line in failed))
        return 1
    print(f"{len(names)} modules of the running site import with the production lock alone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
