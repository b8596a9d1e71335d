"""The import contracts between the apps (pyproject.toml, docs/architecture.md) hold, and can fail.

`lint-imports` runs in `make lint`; here it also runs on a copy of the tree with one import
that breaks a layer, to show the contracts catch it.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ["config", "core", "pagecache", "home", "programs", "locations", "donate", "impact", "staff"]


def lint_imports(tree):
    return subprocess.run(  # noqa: S603 - our own tool on our own tree
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tree)},
        check=False,
    )


@pytest.fixture
def tree(tmp_path):
    """A copy of the apps' Python code and the contracts."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("migrations", "__pycache__", "fonts", "*.json", "*.mo", "*.po"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_layers_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "module, line, contract",
    [
        ("impact/probe.py", "from donate.models import Donation", "statistics know no page but centres, and no gift"),
        ("core/probe.py", "from programs.models import ProgramPage", "core and the page cache know no feature app"),
        ("pagecache/probe.py", "def f():\n    from home.live import campaign_progress", "core and the page cache"),
    ],
    ids=["feature-app-imports-another-apps-models", "core-imports-a-feature-app", "import-hidden-in-a-function"],
)
def test_an_import_across_a_layer_breaks_a_contract(tree, module, line, contract):
    assert lint_imports(tree).returncode == 0  # the copy holds, as the tree does
    (tree / module).write_text(line + "\n")
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert contract in result.stdout
    assert "BROKEN" in result.stdout
