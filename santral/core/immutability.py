"""Append-only tables enforced by the database itself, and the one audited way around it.

`save()`/`delete()` refuse in Python, but `QuerySet.update()`, `QuerySet.delete()` and raw SQL
do not go through them. Triggers on each guarded table (posted ledger entries, audit records)
refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) with an IntegrityError on both
databases. Two exceptions:

- An UPDATE that only sets the table's `nullable` foreign keys to NULL passes: that is what
  `on_delete=SET_NULL` does when a user is deleted. Every other column must stay as it was.
- While the maintenance switch is on, the triggers let everything through. The switch is a
  row in `santral_maintenance_switch`, a table no model maps (so `flush` never empties it).
  `maintenance_switch()` inserts the row and deletes it again inside one transaction, so no
  other connection ever sees it on. Only `flush` (tests, resetting a database) and the
  audited `ledger_maintenance` command use it; a test keeps it so.

SQLite drops a table's triggers when a migration rebuilds the table, so the triggers are
(re)installed by the migrations that create them and after every `migrate` (post_migrate).
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connections, transaction

SWITCH_TABLE = "santral_maintenance_switch"

# Table name -> the foreign-key columns that may be set to NULL (on_delete=SET_NULL).
# Apps add their tables from AppConfig.ready(); core registers the audit trail itself.
_GUARDED: dict[str, tuple[str, ...]] = {}


def register_immutable(table: str, *, nullable: Sequence[str] = ()) -> None:
    _GUARDED[table] = tuple(nullable)


def guarded_tables() -> dict[str, tuple[str, ...]]:
    return dict(_GUARDED)


CREATE_SWITCH_SQL = f"CREATE TABLE IF NOT EXISTS {SWITCH_TABLE} (reason varchar(255) NOT NULL)"
DROP_SWITCH_SQL = f"DROP TABLE IF EXISTS {SWITCH_TABLE}"

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION santral_immutable_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    col text;
BEGIN
    IF EXISTS (SELECT 1 FROM santral_maintenance_switch) THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        old_row := to_jsonb(OLD);
        new_row := to_jsonb(NEW);
        IF TG_NARGS > 0 THEN
            FOREACH col IN ARRAY TG_ARGV LOOP
                IF new_row -> col = 'null'::jsonb THEN
                    old_row := old_row - col;
                    new_row := new_row - col;
                END IF;
            END LOOP;
        END IF;
        IF old_row = new_row THEN RETURN NEW; END IF;
    END IF;
    RAISE EXCEPTION 'santral: % rows are append-only (% refused); post a reversal instead',
        TG_TABLE_NAME, TG_OP USING ERRCODE = '23000';
END
$$;
"""


def _names(table: str) -> tuple[str, str, str]:
    return (f"{table}_immutable_update", f"{table}_immutable_delete", f"{table}_immutable_truncate")


def _postgresql_sql(table: str, nullable: Sequence[str]) -> list[str]:
    update, delete, truncate = _names(table)
    args = ", ".join(f"'{column}'" for column in nullable)
    return [
        _PG_FUNCTION,
        f'DROP TRIGGER IF EXISTS {update} ON "{table}"',
        f'DROP TRIGGER IF EXISTS {delete} ON "{table}"',
        f'DROP TRIGGER IF EXISTS {truncate} ON "{table}"',
        f'CREATE TRIGGER {update} BEFORE UPDATE ON "{table}" FOR EACH ROW '
        f"EXECUTE FUNCTION santral_immutable_guard({args})",
        f'CREATE TRIGGER {delete} BEFORE DELETE ON "{table}" FOR EACH ROW '
        "EXECUTE FUNCTION santral_immutable_guard()",
        f'CREATE TRIGGER {truncate} BEFORE TRUNCATE ON "{table}" FOR EACH STATEMENT '
        "EXECUTE FUNCTION santral_immutable_guard()",
    ]


def _sqlite_sql(table: str, nullable: Sequence[str], columns: Sequence[str]) -> list[str]:
    update, delete, _truncate = _names(table)
    # The UPDATE passes only when every column is unchanged, except that a nullable foreign
    # key may become NULL. The column list is read from the table, so it is re-created after
    # each migrate (post_migrate) to follow added columns.
    unchanged = " AND ".join(
        f'(NEW."{c}" IS OLD."{c}" OR NEW."{c}" IS NULL)'
        if c in nullable
        else f'NEW."{c}" IS OLD."{c}"'
        for c in columns
    )
    switch_off = "NOT EXISTS (SELECT 1 FROM santral_maintenance_switch)"
    message = f"santral: {table} rows are append-only; post a reversal instead"
    return [
        f"DROP TRIGGER IF EXISTS {update}",
        f"DROP TRIGGER IF EXISTS {delete}",
        f'CREATE TRIGGER {update} BEFORE UPDATE ON "{table}" '
        f"WHEN {switch_off} AND NOT ({unchanged}) "
        f"BEGIN SELECT RAISE(ABORT, '{message} (UPDATE refused)'); END",
        f'CREATE TRIGGER {delete} BEFORE DELETE ON "{table}" '
        f"WHEN {switch_off} "
        f"BEGIN SELECT RAISE(ABORT, '{message} (DELETE refused)'); END",
    ]


def install_guard(connection, table: str, nullable: Sequence[str] = ()) -> None:
    """Create (or re-create) the switch table and the triggers of one table."""
    with connection.cursor() as cursor:
        cursor.execute(CREATE_SWITCH_SQL)
        if connection.vendor == "postgresql":
            statements = _postgresql_sql(table, nullable)
        elif connection.vendor == "sqlite":
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            statements = _sqlite_sql(table, nullable, columns)
        else:  # pragma: no cover - Santral supports PostgreSQL and SQLite only
            return
        for statement in statements:
            cursor.execute(statement)


def remove_guard(connection, table: str) -> None:
    """Drop the triggers of one table (migration reversal)."""
    with connection.cursor() as cursor:
        for name in _names(table):
            if connection.vendor == "postgresql":
                cursor.execute(f'DROP TRIGGER IF EXISTS {name} ON "{table}"')
            else:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def install_all_guards(*, using: str = "default", **kwargs) -> None:
    """post_migrate receiver: every registered table that exists gets its triggers back."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    with transaction.atomic(using=using):
        for table, nullable in _GUARDED.items():
            if table in existing:
                install_guard(connection, table, nullable)


@contextmanager
def maintenance_switch(*, reason: str, using: str = "default") -> Iterator[None]:
    """Let the triggers through for the changes made inside this block, in one transaction.

    Only for `flush` and the `ledger_maintenance` command; application code corrects money
    with reversing entries and never turns this on.
    """
    if not (reason or "").strip():
        raise ValueError("The maintenance switch needs a reason.")
    connection = connections[using]
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute(CREATE_SWITCH_SQL)
            cursor.execute(
                "INSERT INTO santral_maintenance_switch (reason) VALUES (%s)", [reason[:255]]
            )
        yield
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM santral_maintenance_switch")
