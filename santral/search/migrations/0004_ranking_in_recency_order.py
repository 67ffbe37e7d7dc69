"""Matches in recency order without reading every match (see ``santral.search.backends``).

PostgreSQL: a GIN index on the title vector (ranking levels), a B-tree on
``(day DESC NULLS LAST, id DESC)``, and a narrow table (``toast_tuple_target``). SQLite: the FTS5 rowid becomes the order
key ``day * 10**10 + id`` (rows copied over), the delete trigger follows it, a
covering index serves the join from FTS rows to documents, and ``search_token``
lists every indexed word for prefix expansion.
"""

from django.db import migrations

ORDER_BASE = 10_000_000_000
FTS_COLUMNS = "title_a, title_t, body_a, body_t"

POSTGRES_FORWARD = [
    # Rows over 1 kB move their largest values (body, vector) out of line: the table itself
    # stays narrow (about 0.5 kB a row instead of 8 kB), so reading matches in recency order
    # and counting them touches few pages.
    "ALTER TABLE search_searchdocument SET (toast_tuple_target = 1024)",
    "CREATE INDEX search_document_title_vector ON search_searchdocument USING gin (title_vector)",
    "CREATE INDEX search_document_order ON search_searchdocument (day DESC NULLS LAST, id DESC)",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_searchdocument RESET (toast_tuple_target)",
    "DROP INDEX IF EXISTS search_document_order",
    "DROP INDEX IF EXISTS search_document_title_vector",
]


def _fts(name: str) -> str:
    return (
        f"CREATE VIRTUAL TABLE {name} USING fts5({FTS_COLUMNS}, "
        "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')"
    )


def _trigger(key: str) -> str:
    return (
        "CREATE TRIGGER search_document_ad AFTER DELETE ON search_searchdocument BEGIN "  # noqa: S608
        f"DELETE FROM search_fts WHERE rowid = {key}; END"
    )


SQLITE_FORWARD = [
    _fts("search_fts_new"),
    f"INSERT INTO search_fts_new(rowid, {FTS_COLUMNS}) "  # noqa: S608
    f"SELECT COALESCE(d.day, 0) * {ORDER_BASE} + d.id, f.title_a, f.title_t, f.body_a, f.body_t "
    "FROM search_fts f JOIN search_searchdocument d ON d.id = f.rowid",
    "DROP TRIGGER search_document_ad",
    "DROP TABLE search_fts",
    "ALTER TABLE search_fts_new RENAME TO search_fts",
    _trigger(f"COALESCE(old.day, 0) * {ORDER_BASE} + old.id"),
    "CREATE INDEX search_document_cover ON search_searchdocument "
    "(id, visibility, council_id, day, kind, scope, province_id, year)",
    "CREATE TABLE search_token (token TEXT PRIMARY KEY) WITHOUT ROWID",
    "CREATE VIRTUAL TABLE temp.search_fts_vocab USING fts5vocab(main, search_fts, 'row')",
    "INSERT INTO search_token(token) SELECT term FROM temp.search_fts_vocab",
    "DROP TABLE temp.search_fts_vocab",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS search_token",
    "DROP INDEX IF EXISTS search_document_cover",
    _fts("search_fts_old"),
    f"INSERT INTO search_fts_old(rowid, {FTS_COLUMNS}) "  # noqa: S608
    f"SELECT rowid % {ORDER_BASE}, {FTS_COLUMNS} FROM search_fts",
    "DROP TRIGGER search_document_ad",
    "DROP TABLE search_fts",
    "ALTER TABLE search_fts_old RENAME TO search_fts",
    _trigger("old.id"),
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError("Santral search needs PostgreSQL or SQLite.")
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0003_scope_local_national_international")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
