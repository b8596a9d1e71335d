"""What the dependency audit in .ci/run makes of pip-audit's report (scripts/audit_dependencies.py).

pip-audit itself needs the network; these feed its JSON report format to the judging
code, so a finding fails, an accepted one passes only until it expires, and a report
with nothing audited is never read as a pass.
"""

import datetime
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("audit_dependencies", ROOT / "scripts" / "audit_dependencies.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

TODAY = datetime.date(2026, 11, 29)
DJANGO_HOLE = {"id": "PYSEC-2026-1", "aliases": ["CVE-2026-0001", "GHSA-aaaa-bbbb-cccc"], "fix_versions": ["6.1.4"]}


def report(*dependencies):
    return {"dependencies": list(dependencies), "fixes": []}


def clean(name, release="1.0"):
    return {"name": name, "version": release, "vulns": []}


def skipped(name):
    return {"name": name, "skip_reason": f"Dependency not found on PyPI and could not be audited: {name}"}


def accept(expires, vuln_id="GHSA-aaaa-bbbb-cccc", package="Django"):
    return {"id": vuln_id, "package": package, "reason": "the affected view is not mounted", "expires": expires}


def test_a_clean_report_passes():
    code, lines = audit.judge(report(clean("django", "6.1.3"), clean("wagtail")), [], TODAY)
    assert code == 0
    assert lines[-1].startswith("dependency audit passed: 2 locked packages")


def test_a_known_vulnerability_fails_and_names_the_fix():
    vulnerable = {"name": "django", "version": "6.1.3", "vulns": [DJANGO_HOLE]}
    code, lines = audit.judge(report(vulnerable, clean("wagtail")), [], TODAY)
    assert code == audit.FOUND
    assert "VULNERABLE: django 6.1.3: PYSEC-2026-1 (fixed in 6.1.4)" in lines


def test_an_accepted_vulnerability_passes_until_its_expiry_by_any_alias():
    vulnerable = {"name": "django", "version": "6.1.3", "vulns": [DJANGO_HOLE]}
    code, lines = audit.judge(report(vulnerable), [accept(TODAY)], TODAY)
    assert code == 0
    assert lines[0].startswith("accepted until 2026-11-29: django 6.1.3: PYSEC-2026-1")

    code, lines = audit.judge(report(vulnerable), [accept(TODAY - datetime.timedelta(days=1))], TODAY)
    assert code == audit.FOUND
    assert "acceptance expired on 2026-11-28" in lines[0]


def test_an_acceptance_for_another_package_or_advisory_does_not_hide_a_finding():
    vulnerable = {"name": "django", "version": "6.1.3", "vulns": [DJANGO_HOLE]}
    for other in (accept(TODAY, package="wagtail"), accept(TODAY, vuln_id="GHSA-zzzz-zzzz-zzzz")):
        code, _ = audit.judge(report(vulnerable), [other], TODAY)
        assert code == audit.FOUND


def test_nothing_audited_is_not_a_pass():
    # What PyPI answers when it has no advisory data for the versions asked about.
    code, lines = audit.judge(report(skipped("django"), skipped("wagtail")), [], TODAY)
    assert code == audit.NOT_DONE
    assert lines == ["dependency audit NOT DONE: no advisory source had data for the locked packages"]
    assert not any("passed" in line for line in lines)


def test_a_partial_audit_says_which_packages_were_not_audited():
    code, lines = audit.judge(report(clean("django"), skipped("wagtail")), [], TODAY)
    assert code == audit.NOT_DONE
    assert lines[-1].startswith("dependency audit INCOMPLETE: 1 of 2 packages audited")
    assert lines[-1].endswith("not audited: wagtail")


def test_a_finding_fails_even_when_other_packages_were_not_audited():
    vulnerable = {"name": "django", "version": "6.1.3", "vulns": [DJANGO_HOLE]}
    code, _ = audit.judge(report(vulnerable, skipped("wagtail")), [], TODAY)
    assert code == audit.FOUND


def test_the_project_ignore_file_is_well_formed():
    entries = audit.read_accepted((ROOT / ".ci" / "audit-ignore.toml").read_text())
    assert all(entry["reason"].strip() for entry in entries)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('[[accept]]\nid = "X"\npackage = "django"\nexpires = 2027-01-01\n', "entry 1 has no reason"),
        ('[[accept]]\nid = "X"\npackage = "django"\nreason = "r"\n', "entry 1 (X) has no expiry date"),
        ('[[accept]]\nid = "X"\npackage = "django"\nreason = "r"\nexpires = "soon"\n', "has no expiry date"),
        ('[[accepted]]\nid = "X"\n', "unknown key 'accepted'"),
        ("[[accept]\n", "not valid TOML"),
    ],
)
def test_an_ignore_entry_without_reason_or_expiry_is_refused(text, problem):
    with pytest.raises(audit.IgnoreFileError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        audit.read_accepted(text)
