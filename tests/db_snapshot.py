"""A copy of the seeded test database that a test which commits gets back in milliseconds.

Django's serialized rollback dumps the database to JSON once and loads it back, object by
object, before every test that commits (transaction=True): about a second each with the
demo site, two on PostgreSQL. A snapshot copies the tables instead:

- SQLite in memory: SQLite's backup API copies the whole database, page by page;
- PostgreSQL: a copy of every table in a schema of its own, copied back with
  INSERT ... SELECT in one transaction (foreign keys are checked at its end).

`install` makes Django's serialized rollback use it: tests keep asking for
`serialized_rollback=True` and get exactly the state the snapshot was taken in. After
such a test the snapshot is put back too, instead of Django's flush (emptying every
table, about half a second): the next test that commits would only fill them again. So
a test that commits without serialized rollback also starts from the seeded site, never
from empty tables, unlike Django's default.
"""

import sqlite3

from django.db import transaction
from django.test import TransactionTestCase

_snapshots = {}
_django_teardown = TransactionTestCase._fixture_teardown

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
            # DELETE, not TRUNCATE: on tables this small, TRUNCATE's new files cost more than the rows.
            for name in names:
                cursor.execute(f"DELETE FROM public.{name}")  # noqa: S608 # nosec B608: as above
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
    snapshot.clean = True  # the database holds exactly the snapshot
    _snapshots[connection.alias] = snapshot
    # Django restores before a test that commits only when this attribute exists; the
    # contents are the snapshot's, so the string is not read.
    connection._test_serialized_contents = ""
    connection.creation.deserialize_db_from_string = lambda _data: _restore(snapshot)
    TransactionTestCase._fixture_teardown = _restore_instead_of_flush


def _restore(snapshot):
    """Before a test that commits: the snapshot, unless the last teardown has just put it back."""
    if not snapshot.clean:
        snapshot.restore()
    snapshot.clean = False


def _restore_instead_of_flush(test):
    aliases = test._databases_names(include_mirrors=False)
    if not all(alias in _snapshots for alias in aliases):
        return _django_teardown(test)
    for alias in aliases:
        _snapshots[alias].restore()
        _snapshots[alias].clean = True
