"""The documented backup and restore path, run against the test database itself."""

import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url():
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = settings["USER"] or "postgres"
        return f"postgres://{user}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    return f"sqlite:///{settings['NAME']}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_backup_restores_with_the_same_pages_and_rows(tmp_path):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(("file:", ":memory:")):
        # The in-memory test database lives in this process only: copy it to a file first.
        target = tmp_path / "copy.sqlite3"
        connection.ensure_connection()
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        connection.connection.backup(__import__("sqlite3").connect(target))
        url = f"sqlite:///{target}"
    else:
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        url = database_url()
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
