"""The full-text part of the index, which depends on the database.

PostgreSQL: tsvector columns (whole item with a GIN index; title alone for ranking tiers), and pg_trgm with a trigram
index on the vocabulary (typo tolerance). SQLite: an FTS5 table for documents
and an FTS5 trigram table for the vocabulary.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector",
    "ALTER TABLE search_searchdocument ADD COLUMN title_vector tsvector",
    "CREATE INDEX search_document_vector ON search_searchdocument USING gin (vector)",
    "CREATE INDEX search_term_trigram ON search_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_term_trigram",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS title_vector",
]
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_a, title_t, body_a, body_t, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')",
    # Whoever deletes a document (a cascade from its council included) drops its FTS row.
    "CREATE TRIGGER search_document_ad AFTER DELETE ON search_searchdocument BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.id; END",
    "CREATE VIRTUAL TABLE search_term_trigram USING fts5("
    "term, content = 'search_searchterm', content_rowid = 'id', tokenize = 'trigram')",
    "CREATE TRIGGER search_term_ai AFTER INSERT ON search_searchterm BEGIN "
    "INSERT INTO search_term_trigram(rowid, term) VALUES (new.id, new.term); END",
    "CREATE TRIGGER search_term_ad AFTER DELETE ON search_searchterm BEGIN "
    "INSERT INTO search_term_trigram(search_term_trigram, rowid, term) "
    "VALUES ('delete', old.id, old.term); END",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_term_ad",
    "DROP TRIGGER IF EXISTS search_term_ai",
    "DROP TABLE IF EXISTS search_term_trigram",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TABLE IF EXISTS search_fts",
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
    dependencies = [("search", "0001_search_index")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
