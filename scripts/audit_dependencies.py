"""Audit the locked packages against known vulnerabilities, with pip-audit.

Reads requirements-dev.lock (the production set and the development tools, at the
versions the production lock pins) and asks an advisory source about each exact
version: PyPI's vulnerability data first, then OSV if PyPI gave nothing. Exit codes:

  0  every package was audited and nothing unaccepted was found
  1  a known vulnerability that .ci/audit-ignore.toml does not accept (or whose
     acceptance has expired), or a broken ignore file
  3  the audit was not done, or not for every package: no advisory source answered
     for them. The run must say so, never that the audit passed.

An accepted vulnerability is listed in .ci/audit-ignore.toml with its id (or one of
its aliases), the package, why it does not affect the site and until when:

  [[accept]]
  id = "GHSA-xxxx-xxxx-xxxx"
  package = "django"
  reason = "the affected view is not mounted"
  expires = 2027-03-31
"""

import argparse
import datetime
import json
import subprocess  # nosec B404
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements-dev.lock"
IGNORE_FILE = ROOT / ".ci" / "audit-ignore.toml"
SOURCES = ["pypi", "osv"]

FOUND, NOT_DONE = 1, 3


class IgnoreFileError(Exception):
    pass


def read_accepted(text):
    """The [[accept]] entries of the ignore file, each checked for id, package, reason and expiry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise IgnoreFileError(f"not valid TOML: {error}") from None
    unknown = set(data) - {"accept"}
    if unknown:
        raise IgnoreFileError(f"unknown key {sorted(unknown)[0]!r}")
    entries = data.get("accept", [])
    for number, entry in enumerate(entries, 1):
        for key in ("id", "package", "reason"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise IgnoreFileError(f"entry {number} has no {key}")
        if not isinstance(entry.get("expires"), datetime.date):
            raise IgnoreFileError(f"entry {number} ({entry['id']}) has no expiry date (expires = YYYY-MM-DD)")
    return entries


def judge(report, accepted, today):
    """What a pip-audit JSON report means: (exit code, lines to print)."""
    dependencies = report.get("dependencies", [])
    skipped = [d["name"] for d in dependencies if "skip_reason" in d]
    audited = [d for d in dependencies if "skip_reason" not in d]
    lines = []
    findings = 0
    for dependency in audited:
        for vuln in dependency.get("vulns", []):
            names = {vuln["id"], *vuln.get("aliases", [])}
            where = f"{dependency['name']} {dependency['version']}: {vuln['id']}"
            fixed = ", ".join(vuln.get("fix_versions", [])) or "no fixed release yet"
            match = next(
                (a for a in accepted if a["id"] in names and a["package"].lower() == dependency["name"].lower()), None
            )
            if match and match["expires"] >= today:
                lines.append(f"accepted until {match['expires']}: {where} ({match['reason']})")
            elif match:
                findings += 1
                lines.append(f"VULNERABLE: {where}; its acceptance expired on {match['expires']} (fixed in {fixed})")
            else:
                findings += 1
                lines.append(f"VULNERABLE: {where} (fixed in {fixed})")
    if findings:
        lines.append(f"dependency audit FAILED: {findings} known vulnerabilities in the locked packages")
        return FOUND, lines
    if not audited:
        lines.append("dependency audit NOT DONE: no advisory source had data for the locked packages")
        return NOT_DONE, lines
    if skipped:
        lines.append(
            f"dependency audit INCOMPLETE: {len(audited)} of {len(dependencies)} packages audited, "
            f"nothing found in those; not audited: {', '.join(skipped)}"
        )
        return NOT_DONE, lines
    lines.append(f"dependency audit passed: {len(audited)} locked packages, no known vulnerability unaccepted")
    return 0, lines


def run_pip_audit(source, lock):
    """pip-audit's JSON report for the lock from one advisory source, or None if it could not be had."""
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "report.json"
        command = [sys.executable, "-m", "pip_audit", "--requirement", str(lock), "--require-hashes"]
        command += ["--disable-pip", "--vulnerability-service", source, "--progress-spinner", "off"]
        command += ["--timeout", "15", "--format", "json", "--output", str(output)]
        result = subprocess.run(command, capture_output=True, text=True, check=False)  # nosec B603
        if not output.exists():
            reason = (result.stderr.strip().splitlines() or ["no report"])[-1]
            print(f"  {source}: no answer ({reason})")
            return None
        return json.loads(output.read_text())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", type=Path, default=LOCK)
    parser.add_argument("--ignore-file", type=Path, default=IGNORE_FILE)
    args = parser.parse_args()
    try:
        accepted = read_accepted(args.ignore_file.read_text())
    except (OSError, IgnoreFileError) as error:
        print(f"dependency audit FAILED: {args.ignore_file.name}: {error}")
        return FOUND
    best = (NOT_DONE, ["dependency audit NOT DONE: no advisory source could be reached"], -1)
    for source in SOURCES:
        report = run_pip_audit(source, args.lock)
        if report is None:
            continue
        audited = sum("skip_reason" not in d for d in report.get("dependencies", []))
        print(f"  {source}: {audited} packages audited")
        code, lines = judge(report, accepted, datetime.date.today())
        if code != NOT_DONE:
            best = (code, lines, audited)
            break
        if audited > best[2]:
            best = (code, lines, audited)
    code, lines, _ = best
    print("\n".join(lines))
    return code


if __name__ == "__main__":
    sys.exit(main())
