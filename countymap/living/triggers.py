"""Append-only in the database itself: triggers that refuse UPDATE, DELETE (and TRUNCATE) on a table.

The code never changes a row of these tables; the triggers make sure that
nothing else does either (a script, a console, a bug), on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

# "%%" is psycopg's escape of the "%" placeholder plpgsql fills with the table name.
PG_FUNCTION = """
CREATE OR REPLACE FUNCTION countymap_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%% is append-only: add a correcting row instead', TG_TABLE_NAME;
END
$$
"""


def refuse_changes(connection: Connection, table: str) -> None:
    """Create the triggers that make ``table`` append-only (for the connection's dialect)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(PG_FUNCTION)
        connection.exec_driver_sql(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION countymap_append_only()"
        )
        connection.exec_driver_sql(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION countymap_append_only()"
        )
        return
    for event in ("UPDATE", "DELETE"):
        connection.exec_driver_sql(
            f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: add a correcting row instead'); END"
        )


def allow_changes(connection: Connection, table: str) -> None:
    """Drop the triggers of :func:`refuse_changes` (a downgrade only)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
        return
    for event in ("update", "delete"):
        connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_no_{event}")
