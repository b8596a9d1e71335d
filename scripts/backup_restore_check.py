"""Back up the database, restore it into a fresh one and compare every table's row count."""

import os
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import dj_database_url


def table_counts_postgres(url):
    import psycopg

    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            ).fetchall()
        ]
        return {table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608


def table_counts_sqlite(path):
    with sqlite3.connect(path) as conn:
        tables = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
        ]
        return {table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608


def check_postgres(url, config):
    fresh_name = f"seher_restore_{uuid.uuid4().hex[:8]}"
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    fresh_url = url.rsplit("/", 1)[0] + "/" + fresh_name
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "seher.dump"
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", url], check=True)
        subprocess.run(["psql", "-q", admin_url, "-c", f'CREATE DATABASE "{fresh_name}"'], check=True)
        try:
            subprocess.run(
                ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={fresh_url}", str(dump)], check=True
            )
            return table_counts_postgres(url), table_counts_postgres(fresh_url), dump.stat().st_size
        finally:
            subprocess.run(["psql", "-q", admin_url, "-c", f'DROP DATABASE IF EXISTS "{fresh_name}"'], check=True)


def check_sqlite(path):
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "restored.sqlite3"
        with sqlite3.connect(path) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        return table_counts_sqlite(path), table_counts_sqlite(copy), copy.stat().st_size


def main():
    url = os.environ.get("DATABASE_URL")
    if not url:
        sys.exit("DATABASE_URL is not set: name the database to back up")
    config = dj_database_url.parse(url)
    if config["ENGINE"].endswith("postgresql"):
        before, after, size = check_postgres(url, config)
    elif config["ENGINE"].endswith("sqlite3"):
        before, after, size = check_sqlite(config["NAME"])
    else:
        sys.exit(f"unsupported database engine {config['ENGINE']}")
    differences = {t: (before.get(t), after.get(t)) for t in set(before) | set(after) if before.get(t) != after.get(t)}
    pages = before.get("wagtailcore_page", 0)
    gifts = before.get("donate_gift", 0)
    print(f"backup of {len(before)} tables, {size} bytes; pages {pages}, gifts {gifts}")
    if differences:
        for table, (was, now) in sorted(differences.items()):
            print(f"MISMATCH {table}: {was} before, {now} after restore")
        sys.exit(1)
    print("restore matches: every table has the same number of rows")


if __name__ == "__main__":
    main()
