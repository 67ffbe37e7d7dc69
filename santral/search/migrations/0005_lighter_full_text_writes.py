"""Cheaper full-text writes (see docs/search.md, "Indexing").

SQLite: the FTS5 table without its prefix indexes ('2 3'), which tripled the
postings every insert wrote; query prefixes are expanded from ``search_token``
instead. PostgreSQL: lz4 compression for the vectors and the body (faster to
write and to read back than pglz) where the server was built with it.
"""

from django.db import migrations

ORDER_BASE = 10_000_000_000
FTS_COLUMNS = "title_a, title_t, body_a, body_t"
TOAST_COLUMNS = ("vector", "title_vector", "body")


def _fts(name: str, prefix: str) -> str:
    return (
        f"CREATE VIRTUAL TABLE {name} USING fts5({FTS_COLUMNS}, "
        f"tokenize = 'unicode61 remove_diacritics 0'{prefix})"
    )


def _sqlite(prefix: str) -> list[str]:
    return [
        _fts("search_fts_new", prefix),
        f"INSERT INTO search_fts_new(rowid, {FTS_COLUMNS}) "  # noqa: S608
        f"SELECT rowid, {FTS_COLUMNS} FROM search_fts",
        "DROP TRIGGER search_document_ad",
        "DROP TABLE search_fts",
        "ALTER TABLE search_fts_new RENAME TO search_fts",
        "CREATE TRIGGER search_document_ad AFTER DELETE ON search_searchdocument BEGIN "  # noqa: S608
        f"DELETE FROM search_fts WHERE rowid = COALESCE(old.day, 0) * {ORDER_BASE} + old.id; END",
    ]


def _postgres(method: str) -> list[str]:
    return [
        f"ALTER TABLE search_searchdocument ALTER COLUMN {column} SET COMPRESSION {method}"
        for column in TOAST_COLUMNS
    ]


def _has_lz4(schema_editor) -> bool:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"
        )
        row = cursor.fetchone()
    return bool(row and row[0])


def _run(forward: bool):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            statements = _sqlite("" if forward else ", prefix = '2 3'")
        elif vendor == "postgresql":
            if not _has_lz4(schema_editor):
                return
            statements = _postgres("lz4" if forward else "pglz")
        else:
            raise RuntimeError("Santral search needs PostgreSQL or SQLite.")
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_ranking_in_recency_order")]

    operations = [migrations.RunPython(_run(True), _run(False))]
