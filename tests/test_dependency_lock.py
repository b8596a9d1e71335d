"""The lock files: every package, direct and transitive, pinned with its hashes; the
development set on top of production's; nothing test-only in a production install.

No network: these read the lock files, the installed packages' metadata and the code.
.ci/run installs requirements.lock into an empty environment against the real index.
"""

import ast
import base64
import hashlib
import re
import subprocess  # nosec B404
import sys
import zipfile
from dataclasses import dataclass
from importlib.metadata import packages_distributions, requires, version
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"

# Installed for development only: the demo's factories, the test runner and its plugins, linters.
NOT_IN_PRODUCTION = {
    "factory-boy",
    "wagtail-factories",
    "faker",
    "hypothesis",
    "pytest",
    "pytest-django",
    "pytest-playwright",
    "playwright",
    "axe-playwright-python",
    "ruff",
    "djlint",
    "bandit",
    "uv",
    "pip-audit",
}

# Modules only development runs: the demo builders, the factories they use, developer scripts.
DEVELOPMENT_ONLY_MODULES = re.compile(r"(^|/)(factories|demo|demo_\w+)\.py$")
PROJECT_PACKAGES = sorted(p.parent.name for p in ROOT.glob("*/__init__.py") if p.parent.name != "tests")


@dataclass(frozen=True)
class Pin:
    version: str
    hashes: frozenset
    requirement: Requirement


def read_lock(path):
    """{canonical name: Pin} from a pip requirements file written by `uv pip compile --generate-hashes`."""
    text = re.sub(r"\\\n", " ", path.read_text())
    pins = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        assert not line.startswith("-"), f"{path.name}: an option line, not a pinned package: {line}"
        spec, *options = re.split(r"\s+(?=--)", line)
        requirement = Requirement(spec)
        assert requirement.url is None, f"{path.name}: {requirement.name} comes from a URL"
        (specifier,) = requirement.specifier or [None]
        assert specifier is not None, f"{path.name}: {requirement.name} is not pinned"
        assert specifier.operator == "==", f"{path.name}: {requirement.name} is not pinned exactly"
        hashes = set()
        for option in options:
            match = re.fullmatch(r"--hash=sha256:([0-9a-f]{64})", option.strip())
            assert match, f"{path.name}: {requirement.name} has an option that is not a sha256 hash: {option}"
            hashes.add(match.group(1))
        assert hashes, f"{path.name}: {requirement.name} has no hash"
        name = canonicalize_name(requirement.name)
        assert name not in pins, f"{path.name}: {name} is locked twice"
        pins[name] = Pin(specifier.version, frozenset(hashes), requirement)
    return pins


def applies_here(pin):
    return pin.requirement.marker is None or pin.requirement.marker.evaluate()


def top_level_requirements(path):
    """The requirements a .in file asks for, following its -r includes (not its -c constraints)."""
    found = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found += top_level_requirements(path.parent / line[3:].strip())
        elif line and not line.startswith("-"):
            found.append(Requirement(line))
    return found


def dependency_closure(path):
    """Every distribution a .in file needs here, with the installed packages' own requirements.

    {canonical name: set of extras asked for}. Markers are evaluated for this interpreter and
    each extra asked for, as pip does when it installs.
    """
    wanted = {}
    queue = [(canonicalize_name(r.name), set(r.extras)) for r in top_level_requirements(path) if applies(r, "")]
    while queue:
        name, extras = queue.pop()
        if name in wanted and extras <= wanted[name]:
            continue
        wanted[name] = wanted.get(name, set()) | extras
        for line in requires(name) or []:  # PackageNotFoundError when the package is not installed
            dependency = Requirement(line)
            if any(applies(dependency, extra) for extra in {"", *wanted[name]}):
                queue.append((canonicalize_name(dependency.name), set(dependency.extras)))
    return wanted


def applies(requirement, extra):
    return requirement.marker is None or requirement.marker.evaluate({**default_environment(), "extra": extra})


def test_every_package_in_both_locks_is_pinned_exactly_with_hashes():
    # read_lock asserts the format line by line; here, that both files hold a real set.
    runtime, development = read_lock(RUNTIME_LOCK), read_lock(DEV_LOCK)
    assert {"django", "wagtail", "stripe", "highspy", "scipy", "numpy"} <= runtime.keys()
    assert {"pytest", "factory-boy", "pip-audit"} <= development.keys()


def test_development_lock_installs_exactly_the_production_versions():
    runtime, development = read_lock(RUNTIME_LOCK), read_lock(DEV_LOCK)
    for name, pin in runtime.items():
        assert name in development, f"{name} is locked for production but not for development"
        assert development[name].version == pin.version, f"{name}: {development[name].version} != {pin.version}"
        assert development[name].hashes == pin.hashes, f"{name}: the two locks trust different files"


@pytest.mark.parametrize(("source", "lock"), [("requirements.in", RUNTIME_LOCK), ("requirements-dev.in", DEV_LOCK)])
def test_lock_holds_every_package_its_requirements_pull_in_and_no_other(source, lock):
    # The set pip resolves from the .in file, read from the metadata of what make install put
    # in this environment: a dependency missing from the lock makes pip refuse the install.
    pins = read_lock(lock)
    needed = dependency_closure(ROOT / source)
    assert sorted(needed.keys() - pins.keys()) == []
    locked_here = {name for name, pin in pins.items() if applies_here(pin)}
    assert sorted(locked_here - needed.keys()) == []


def test_this_environment_runs_the_locked_versions():
    for name, pin in read_lock(DEV_LOCK).items():
        if applies_here(pin):
            assert version(name) == pin.version, f"{name} {version(name)} is installed, {pin.version} is locked"


def test_production_install_has_no_test_or_demo_package():
    runtime = read_lock(RUNTIME_LOCK)
    assert sorted(NOT_IN_PRODUCTION & runtime.keys()) == []
    assert read_lock(DEV_LOCK).keys() >= NOT_IN_PRODUCTION  # the list names real packages


def imported_top_level_names(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


def running_site_modules():
    yield ROOT / "manage.py"
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if not DEVELOPMENT_ONLY_MODULES.search(path.relative_to(ROOT).as_posix()):
                yield path


def test_every_import_of_the_running_site_is_in_the_production_lock():
    runtime = read_lock(RUNTIME_LOCK)
    distributions = packages_distributions()
    local = set(PROJECT_PACKAGES)
    missing = {}
    for path in running_site_modules():
        for name in imported_top_level_names(path):
            if name in sys.stdlib_module_names or name in local or name == "__future__":
                continue
            owners = {canonicalize_name(d) for d in distributions.get(name, [])}
            if not owners & runtime.keys():
                missing.setdefault(name, []).append(path.relative_to(ROOT).as_posix())
    assert missing == {}
    assert len(local) >= 7  # config, home, programs, locations, donate, impact, staff


def test_only_development_modules_import_the_factories():
    # Where the factories may be imported, and that they really are: the list above is not stale.
    importers = {
        path.relative_to(ROOT).as_posix()
        for package in PROJECT_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if {"factory", "wagtail_factories"} & set(imported_top_level_names(path))
    }
    assert importers
    assert all(DEVELOPMENT_ONLY_MODULES.search(path) for path in importers), importers


def test_seed_demo_without_the_development_packages_says_so(monkeypatch):
    monkeypatch.setitem(sys.modules, "wagtail_factories", None)  # as if not installed
    with pytest.raises(CommandError, match=r"development packages .*wagtail_factories.*requirements-dev\.lock"):
        call_command("seed_demo")


def make_wheel(folder, name, release):
    """A minimal valid wheel, so pip's hash check can be shown on a file we control."""
    path = folder / f"{name}-{release}-py3-none-any.whl"
    info = f"{name}-{release}.dist-info"
    files = {
        f"{name}.py": b"",
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {release}\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: seher-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for member, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{member},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    with zipfile.ZipFile(path, "w") as wheel:
        for member, data in files.items():
            wheel.writestr(member, data)
    return path


def make_install_commands():
    """The install lines of `make install`, as the Makefile has them: pip installing uv, uv the rest."""
    return [line.strip().split() for line in (ROOT / "Makefile").read_text().splitlines() if "pip install" in line]


def test_make_install_installs_the_development_lock_with_hashes_required():
    uv_alone, development_set = make_install_commands()
    assert uv_alone[:4] == ["$(VPY)", "-m", "pip", "install"]
    assert {"--require-hashes", "--no-deps"} <= set(uv_alone)
    assert development_set[:3] == ["$(VENV)/bin/uv", "pip", "install"]
    assert "--require-hashes" in development_set
    assert development_set[-2:] == ["-r", "requirements-dev.lock"]


def test_make_install_takes_uv_alone_from_the_lock_with_its_hashes():
    """The Makefile's awk line cuts uv's entry, every hash line and nothing after, out of the lock."""
    (line,) = [line for line in (ROOT / "Makefile").read_text().splitlines() if line.strip().startswith("awk ")]
    script = re.search(r"awk '([^']+)'", line)[1].replace("$$", "$")
    lock = ROOT / "requirements-dev.lock"
    cut = subprocess.run(["awk", script, str(lock)], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607 # nosec B603, B607
    first, *hashes = cut.strip().splitlines()
    assert first == f"uv=={version('uv')} \\"
    assert hashes and all(re.fullmatch(r"\s+--hash=sha256:[0-9a-f]{64}( \\)?", each) for each in hashes)
    assert not hashes[-1].endswith("\\")
    after = lock.read_text().split(cut, 1)[1]
    assert not after.lstrip().startswith("--hash")  # no hash of uv's left behind


# What installs the locks: pip in production, uv for `make install`. Each command ends with
# its options for a local wheel folder, a target folder and the lock file.
INSTALLERS = {
    "pip": ([sys.executable, "-m", "pip", "install", "--isolated", "--no-compile"], "DO NOT MATCH THE HASHES"),
    "uv": ([str(Path(sys.executable).parent / "uv"), "pip", "install", "--no-cache"], "Hash mismatch"),
}


@pytest.mark.parametrize("installer", INSTALLERS)
def test_the_installers_refuse_a_file_whose_hash_is_not_the_locked_one(tmp_path, installer):
    command, refusal = INSTALLERS[installer]
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    wheel = make_wheel(wheels, "seherlocktest", "1.0")
    good = hashlib.sha256(wheel.read_bytes()).hexdigest()
    tampered = f"{int(good[0], 16) ^ 1:x}{good[1:]}"

    def install(digest):
        lock = tmp_path / "lock.txt"
        lock.write_text(f"seherlocktest==1.0 --hash=sha256:{digest}\n")
        target = tmp_path / f"target-{digest[:8]}"
        options = ["--no-index", "--find-links", str(wheels), "--require-hashes", "--target", str(target)]
        result = subprocess.run([*command, *options, "-r", str(lock)], capture_output=True, text=True, check=False)  # noqa: S603 # nosec B603
        return result, target

    refused, target = install(tampered)
    assert refused.returncode != 0
    assert refusal in refused.stderr, refused.stderr
    assert not (target / "seherlocktest.py").exists()

    accepted, target = install(good)
    assert accepted.returncode == 0, accepted.stderr
    assert (target / "seherlocktest.py").exists()
