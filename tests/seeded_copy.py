"""A saved copy of the seeded SQLite test database, reused by the next run of the suite.

Migrating a new test database and seeding the demo takes about 40 seconds, in every pytest
process: `make test` runs two, and a developer running one test waits that long each time.
After seeding, the in-memory database is saved to a file named after a fingerprint of
everything that shapes it: the project's code, migrations, templates and translations, the
locked packages and the Python version. A later run whose fingerprint matches, and whose
media files (the demo's images and renditions) are all still on disk, creates the tables
without migrations (Django's TEST MIGRATE setting, a fraction of a second) and copies the
saved database over them with SQLite's backup API.

Only the in-memory SQLite test database is saved. On PostgreSQL the suite always migrates
and seeds. `rm -rf .test-media` forgets the copy, with the media files it points at.
"""

import fcntl
import hashlib
import json
import sqlite3
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
# What the seeded database is made from, besides the project's own apps. Tests are left
# out, but for the set-up itself.
SOURCES = [
    "config",
    "templates",
    "static",
    "locale",
    "manage.py",
    "requirements-dev.lock",
    "tests/conftest.py",
    "tests/seeded_copy.py",
]


def sources():
    """The project's apps (the installed apps with a folder here) and SOURCES."""
    apps = [app for app in settings.INSTALLED_APPS if (ROOT / app).is_dir()]
    return apps + SOURCES


def fingerprint():
    digest = hashlib.sha256(sys.version.encode())
    for source in sources():
        path = ROOT / source
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def folder():
    return Path(settings.MEDIA_ROOT) / "seeded-database"


def usable_copy():
    """The saved database for this fingerprint if it and every media file it names exist, else None."""
    name = fingerprint()
    database = folder() / f"{name}.sqlite3"
    manifest = folder() / f"{name}.json"
    if not (database.is_file() and manifest.is_file()):
        return None
    media = Path(settings.MEDIA_ROOT)
    if not all((media / file).is_file() for file in json.loads(manifest.read_text())):
        return None
    return database


class Claim:
    """This run's use of the saved copy: `copy` is the file to load, or None for this run to build it.

    Two runs at once (`make test` starts its two passes together) must not both build: the
    first holds a lock from deciding until it has saved, and the other waits, then loads.
    """

    def __init__(self):
        Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
        self.lock = open(Path(settings.MEDIA_ROOT) / "seeded-database.lock", "w")  # noqa: SIM115
        fcntl.flock(self.lock, fcntl.LOCK_EX)
        self.copy = usable_copy()
        if self.copy:
            self.lock.close()

    def save(self, connection, media_files):
        save(connection, media_files)
        self.lock.close()


def can_be_saved(connection):
    """True when the connection's test database is SQLite in memory (no TEST NAME given)."""
    return connection.vendor == "sqlite" and not connection.settings_dict["TEST"].get("NAME")


def load(connection, database):
    """Copy the saved database over the connection's; content types are then read afresh.

    The tables made from the models got content types of their own, which Django keeps in
    memory by id: the saved database numbers them its own way.
    """
    # Content types need the app registry, which is ready only once the run has started.
    from django.contrib.contenttypes.models import ContentType

    connection.ensure_connection()
    saved = sqlite3.connect(database)
    try:
        saved.backup(connection.connection)
    finally:
        saved.close()
    ContentType.objects.clear_cache()


def save(connection, media_files):
    """Save the connection's database and the list of media files it needs; older copies go."""
    folder().mkdir(parents=True, exist_ok=True)
    name = fingerprint()
    for old in folder().iterdir():
        old.unlink()
    partial = folder() / f"{name}.partial"
    target = sqlite3.connect(partial)
    try:
        connection.ensure_connection()
        connection.connection.backup(target)
    finally:
        target.close()
    (folder() / f"{name}.json").write_text(json.dumps(sorted(media_files)))
    partial.replace(folder() / f"{name}.sqlite3")  # last: a copy without its list is never used
