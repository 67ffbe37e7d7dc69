"""Audit records become append-only in the database (santral/core/immutability.py)."""

from django.db import migrations

from santral.core.immutability import (
    CREATE_SWITCH_SQL,
    DROP_SWITCH_SQL,
    install_guard,
    remove_guard,
)

TABLE = "core_auditrecord"
NULLABLE = ("actor_id", "target_type_id")


def forwards(apps, schema_editor):
    install_guard(schema_editor.connection, TABLE, NULLABLE)


def backwards(apps, schema_editor):
    remove_guard(schema_editor.connection, TABLE)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_security_fields"),
    ]

    operations = [
        migrations.RunSQL(CREATE_SWITCH_SQL, DROP_SWITCH_SQL),
        migrations.RunPython(forwards, backwards),
    ]
