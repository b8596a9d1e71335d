"""The documented backup and restore path, run against the test database itself."""

import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from tests import db_copy

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_restores_with_the_same_pages_and_rows(tmp_path):
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    url = db_copy.sqlite_file_copy(tmp_path / "copy.sqlite3") if db_copy.in_memory() else db_copy.database_url()
    result = subprocess.run(
        ["/bin/bash", "scripts/backup_restore_check"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "restore matches" in result.stdout
    pages = int(result.stdout.split("pages ")[1].split(",")[0])
    assert pages >= 8
