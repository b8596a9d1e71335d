"""The import contracts between the apps (pyproject.toml, docs/architecture.md) hold, and can fail.

`lint-imports` runs in `make lint`; here it also runs on a copy of the tree with one import
that breaks a layer, to show the contracts catch it.
"""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ["config", "core", "pagecache", "home", "programs", "awareness", "locations", "donate", "impact", "staff"]


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
        ("impact/probe.py", "from donate.models import Gift", "statistics know no page but centres, and no gift"),
        ("locations/probe.py", "from programs.models import ProgrammePage", "the layers, top to bottom"),
        ("core/probe.py", "from home.models import HomePage", "the layers, top to bottom"),
        ("core/probe.py", "from programs.models import ProgrammePage", "core and the page cache know no feature app"),
        ("pagecache/probe.py", "def f():\n    from core.models import BasePage", "the layers, top to bottom"),
    ],
    ids=[
        "feature-app-imports-another-apps-models",
        "a-layer-imports-the-one-above",
        "core-imports-the-top",
        "core-imports-a-feature-app",
        "import-hidden-in-a-function",
    ],
)
def test_an_import_across_a_layer_breaks_a_contract(tree, module, line, contract):
    assert lint_imports(tree).returncode == 0  # the copy holds, as the tree does
    (tree / module).write_text(line + "\n")
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert contract in result.stdout
    assert "BROKEN" in result.stdout


def imports_inside_functions(path):
    """(line number, source line) of every import made inside a function of this module."""
    source = path.read_text()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found += [
                (inner.lineno, source.splitlines()[inner.lineno - 1].strip())
                for inner in ast.walk(node)
                if isinstance(inner, ast.Import | ast.ImportFrom)
            ]
    return found


def explained(lines, number):
    """True when the import line carries a comment, or the nearest line above its group does."""
    if "#" in lines[number - 1]:
        return True
    index = number - 2
    while index >= 0 and (not lines[index].strip() or lines[index].strip().startswith(("import ", "from "))):
        index -= 1
    return index >= 0 and lines[index].strip().startswith("#")


def test_every_import_inside_a_function_says_why():
    """An import inside a function hides a dependency from a reader: each says what it breaks or waits for."""
    unexplained = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            lines = path.read_text().splitlines()
            unexplained += [
                f"{path.relative_to(ROOT)}:{number}: {text}"
                for number, text in imports_inside_functions(path)
                if not explained(lines, number)
            ]
    assert unexplained == []


def test_an_unexplained_import_inside_a_function_is_found(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "def f():\n    from os import path\n\n    return path\n\n\ndef g():\n    # Why.\n    import os\n"
    )
    assert [number for number, _text in imports_inside_functions(module)] == [2, 9]
    lines = module.read_text().splitlines()
    assert [explained(lines, number) for number in (2, 9)] == [False, True]
