"""A copy of the seeded test database that a test which commits gets back in milliseconds.

Django's serialized rollback dumps the database to JSON once and loads it back, object by
object, before every test that commits (transaction=True): about a second each with the
demo site, two on PostgreSQL. A snapshot copies the tables instead:

- SQLite in memory: SQLite's backup API copies the whole database, page by page;
- PostgreSQL: a copy of every table in a schema of its own, copied back with
  INSERT ... SELECT in one transaction (foreign keys are checked at its end).

`install` makes Django's serialized rollback use it: tests keep asking for
`serialized_rollback=True` and get exactly the state the snapshot was taken in.
"""

import sqlite3

from django.db import transaction

SCHEMA = "seher_test_snapshot"


def in_memory_sqlite(connection):
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


class SQLiteSnapshot:
    def __init__(self, connection):
        self.connection = connection
        connection.ensure_connection()
        self.copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self.copy)

    def restore(self):
        self.connection.ensure_connection()
        self.copy.backup(self.connection.connection)


class PostgreSQLSnapshot:
    def __init__(self, connection):
        self.connection = connection
        self.tables = sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            cursor.execute(f"CREATE SCHEMA {SCHEMA}")
            for table in self.tables:
                name = connection.ops.quote_name(table)
                cursor.execute(f"CREATE TABLE {SCHEMA}.{name} AS TABLE public.{name}")  # nosec B608: table names from the database's own catalogue

    def restore(self):
        names = [self.connection.ops.quote_name(table) for table in self.tables]
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(f"TRUNCATE {', '.join(f'public.{name}' for name in names)}")
            for name in names:
                cursor.execute(f"INSERT INTO public.{name} SELECT * FROM {SCHEMA}.{name}")  # noqa: S608 # nosec B608: as above


def take(connection):
    """A snapshot of the connection's database as it is now, or None where none is made (other engines)."""
    if in_memory_sqlite(connection):
        return SQLiteSnapshot(connection)
    if connection.vendor == "postgresql":
        return PostgreSQLSnapshot(connection)
    return None


def install(connection):
    """Serialized rollback on this connection restores a snapshot taken now (JSON where none can be taken)."""
    snapshot = take(connection)
    if snapshot is None:
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
        return
    # Django restores before a test that commits only when this attribute exists; the
    # contents are the snapshot's, so the string is not read.
    connection._test_serialized_contents = ""
    connection.creation.deserialize_db_from_string = lambda _data: snapshot.restore()
