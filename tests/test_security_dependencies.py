"""Pinned dependencies are never older than the last security release we know of."""

import re
from pathlib import Path

from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent

# The newest release of each package on PyPI when this table was last reviewed
# (2026-11-28); each carries every security fix its project had published by then.
# Raise a floor whenever the project announces a security release.
MINIMUM_SAFE = {
    "django": "6.1.3",
    "wagtail": "8.0.1",
    "django-allauth": "65.22.1",
    "stripe": "16.1.0",
    "pillow": "13.0.0",
    "cryptography": "50.0.2",
}


def pins():
    found = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?==([^\s#]+)", line.strip())
        if match:
            found[match.group(1).lower()] = match.group(2)
    return found


def test_every_dependency_is_pinned_exactly():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            assert "==" in line, f"not pinned exactly: {line}"


def test_pinned_versions_are_at_least_the_last_security_release():
    pinned = pins()
    for package, floor in MINIMUM_SAFE.items():
        if package not in pinned:
            continue  # a transitive dependency: checked below against what is installed
        assert Version(pinned[package]) >= Version(floor), f"{package} {pinned[package]} is older than {floor}"


def test_installed_versions_are_at_least_the_last_security_release():
    from importlib.metadata import version

    for package, floor in MINIMUM_SAFE.items():
        assert Version(version(package)) >= Version(floor), f"installed {package} is older than {floor}"
