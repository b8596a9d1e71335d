"""The test database as another process can open it: its URL, or a copy of it.

For checks that run in a separate interpreter (backup and restore, migrating back and
forth). The in-memory SQLite test database lives in this process only, so it is copied
to a file with SQLite's backup API; PostgreSQL's is reached by its URL.
"""

import sqlite3

from django.db import connection


def server_url():
    """postgres://user@host:port of the test database's server."""
    settings = connection.settings_dict
    return f"postgres://{settings['USER'] or 'postgres'}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"


def database_url():
    """The URL of the test database itself."""
    if connection.vendor == "postgresql":
        return f"{server_url()}/{connection.settings_dict['NAME']}"
    return f"sqlite:///{connection.settings_dict['NAME']}"


def in_memory():
    return connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(("file:", ":memory:"))


def sqlite_file_copy(target):
    """Copy the SQLite test database, as this connection sees it, to the file `target`; its URL."""
    connection.ensure_connection()
    with sqlite3.connect(target) as copy:
        connection.connection.backup(copy)
    return f"sqlite:///{target}"
