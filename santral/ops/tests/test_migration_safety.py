"""Migrations stay safe while the old version serves (docs/deploy.md "Upgrades")."""

from django.apps import apps
from django.db import migrations, models
from django.db.migrations.state import ProjectState

from santral.ops.migration_safety import BASELINE, findings_of, unsafe_migrations

SANTRAL_APPS = {
    config.label for config in apps.get_app_configs() if config.name.startswith("santral.")
}


def test_no_new_migration_rewrites_or_breaks_a_live_table():
    findings = unsafe_migrations(baseline=BASELINE, only_apps=SANTRAL_APPS)
    assert findings == [], "\n".join(str(finding) for finding in findings)


def test_the_check_sees_what_the_baseline_holds():
    # Without the baseline the check finds the rename + removal of outreach 0002 (it ran on
    # every installation long ago): the check is not blind.
    findings = unsafe_migrations(baseline={}, only_apps={"outreach"})
    assert {finding.migration for finding in findings} == {"0002_participation_record_event"}


def _state_with_table() -> ProjectState:
    state = ProjectState()
    migrations.CreateModel(
        "Entry",
        [
            ("id", models.BigAutoField(primary_key=True)),
            ("title", models.CharField(max_length=100)),
            ("note", models.TextField(null=True)),
        ],
    ).state_forwards("demo", state)
    return state


def _reasons(*operations, created=None) -> list[str]:
    migration = migrations.Migration("0099_change", "demo")
    migration.operations = list(operations)
    found = findings_of("demo", migration, _state_with_table(), created or set())
    return [finding.reason for finding in found]


def test_flags_each_kind_of_unsafe_operation():
    assert _reasons(migrations.AlterField("entry", "title", models.IntegerField()))
    assert _reasons(migrations.AlterField("entry", "title", models.CharField(max_length=50)))
    assert _reasons(migrations.AlterField("entry", "note", models.TextField()))
    assert _reasons(migrations.AddField("entry", "code", models.CharField(max_length=5)))
    assert _reasons(migrations.RemoveField("entry", "note"))
    assert _reasons(migrations.RenameField("entry", "note", "remark"))
    assert _reasons(
        migrations.AddIndex("entry", models.Index(fields=["title"], name="entry_title_idx"))
    )


def test_leaves_safe_operations_alone():
    # A longer varchar, a nullable column or one with a default, anything on a new table.
    assert _reasons(migrations.AlterField("entry", "title", models.CharField(max_length=200))) == []
    assert (
        _reasons(migrations.AddField("entry", "code", models.CharField(max_length=5, null=True)))
        == []
    )
    assert _reasons(migrations.AddField("entry", "count", models.IntegerField(default=0))) == []
    assert (
        _reasons(
            migrations.AddIndex("entry", models.Index(fields=["title"], name="entry_title_idx")),
            created={("demo", "entry")},
        )
        == []
    )
