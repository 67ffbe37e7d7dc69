"""Typo tolerance over every indexed word (docs/search.md, "Typo tolerance").

The title-word vocabulary (``SearchTerm`` with its trigram index: pg_trgm on
PostgreSQL, an FTS5 trigram table on SQLite) gives way to ``SearchWord`` (every
word of titles and bodies with its counts) and ``SearchWordKey`` (the
symmetric-delete dictionary). Existing indexes fill them with
``manage.py search_rebuild``.

The old table, its trigram index and its SQLite triggers stay for one release: the
previous version still reads them while a rolling upgrade runs (docs/deploy.md,
santral/ops/migration_safety.py). The next release drops them (``_drop_trigram_tables``).
"""

from django.db import migrations, models

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_term_ai",
    "DROP TRIGGER IF EXISTS search_term_ad",
    "DROP TABLE IF EXISTS search_term_trigram",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS search_term_trigram"]


# Completions read the words that begin with what is typed as a range of the word index
# (word >= 'mecl' AND word < 'mecl' || U+10FFFF): that is a prefix only in code-point order,
# which SQLite always uses and PostgreSQL only with the "C" collation, whatever the database's.
POSTGRES_C_COLLATION = [
    'ALTER TABLE search_searchword ALTER COLUMN word TYPE varchar(64) COLLATE "C"',
]


def _drop_trigram_tables(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, []):
        schema_editor.execute(statement)


def _code_point_order(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_C_COLLATION:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_no_visibility_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=64, unique=True)),
                ("count", models.IntegerField(default=0)),
                ("public", models.IntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name="SearchWordKey",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "key",
                        "word_id",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("key", models.CharField(max_length=16)),
                ("word_id", models.IntegerField()),
            ],
        ),
        migrations.RunPython(_code_point_order, migrations.RunPython.noop),
    ]
