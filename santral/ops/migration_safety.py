"""Migrations that would hurt while the old version still serves (docs/deploy.md "Upgrades").

During a rolling upgrade the new code migrates the shared database while web nodes of the
old version keep answering. A migration is flagged when it would
- rewrite or scan a table under an ACCESS EXCLUSIVE lock: a column's type changed (other
  than making a varchar longer, which PostgreSQL does without a rewrite), a column made NOT
  NULL, or a non-concurrent index or unique constraint added to a table that already exists;
- break the old version's queries: a column or table removed or renamed.
Such a change is split over two releases (add, backfill, then constrain/remove), or it goes
into ALLOWED with the reason it is safe (e.g. the table is small by nature).

Migrations that existed before this check came in are the baseline (BASELINE, the number of
each app's last one then): they have all run on every installation.
"""

from dataclasses import dataclass

from django.db import migrations
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.state import ProjectState

BASELINE: dict[str, str] = {
    "api": "0001",
    "budget": "0003",
    "content": "0005",
    "core": "0003",
    "councils": "0005",
    "events": "0003",
    "federation": "0002",
    "outreach": "0003",
    "partners": "0005",
    "search": "0006",
}
# (app_label, migration name) -> why it is safe.
ALLOWED: dict[tuple[str, str], str] = {}


@dataclass(frozen=True)
class Finding:
    app_label: str
    migration: str
    operation: str
    reason: str

    def __str__(self) -> str:
        return f"{self.app_label}.{self.migration}: {self.operation} — {self.reason}"


def _field_kind(field) -> tuple:
    _name, path, _args, kwargs = field.deconstruct()
    return path, kwargs.get("max_digits"), kwargs.get("decimal_places")


def _alter_field_findings(state: ProjectState, app_label: str, operation) -> list[str]:
    model = state.models.get((app_label, operation.model_name_lower))
    if model is None or operation.name not in model.fields:
        return []
    old = model.fields[operation.name]
    new = operation.field
    reasons = []
    if getattr(old, "remote_field", None) is None and _field_kind(old) != _field_kind(new):
        reasons.append("column type changes (table rewrite)")
    elif (old.max_length or 0) > (new.max_length or 0) > 0:
        reasons.append("column gets shorter (table rewrite and scan)")
    if old.null and not new.null:
        reasons.append("column becomes NOT NULL (full scan under an exclusive lock)")
    return reasons


def findings_of(app_label: str, migration, state: ProjectState, created: set) -> list[Finding]:
    """What is unsafe in one migration, given the state before it."""
    found = []

    def flag(operation, reason):
        found.append(Finding(app_label, migration.name, operation.describe(), reason))

    for operation in migration.operations:
        model_name = getattr(operation, "model_name_lower", None) or getattr(
            operation, "name_lower", None
        )
        new_table = (app_label, model_name) in created
        if isinstance(operation, migrations.CreateModel):
            created.add((app_label, operation.name_lower))
        elif isinstance(operation, migrations.AlterField) and not new_table:
            for reason in _alter_field_findings(state, app_label, operation):
                flag(operation, reason)
        elif isinstance(operation, migrations.AddField) and not new_table:
            field = operation.field
            if not field.null and not field.has_default() and not field.many_to_many:
                flag(operation, "NOT NULL column without a default (old code cannot insert)")
        elif isinstance(operation, migrations.RemoveField | migrations.DeleteModel):
            flag(operation, "the old version still reads it: remove it a release later")
        elif isinstance(operation, migrations.RenameField | migrations.RenameModel):
            flag(operation, "the old version still uses the old name")
        elif isinstance(operation, migrations.AddIndex) and not new_table:
            flag(
                operation,
                "index built without CONCURRENTLY (writes wait); use AddIndexConcurrently",
            )
        elif isinstance(operation, migrations.AddConstraint) and not new_table:
            if getattr(operation.constraint, "fields", None) or getattr(
                operation.constraint, "expressions", None
            ):
                flag(operation, "unique constraint validated under an exclusive lock")
        operation.state_forwards(app_label, state)
    return found


def _full_plan(loader: MigrationLoader) -> list[tuple[str, str]]:
    plan: dict[tuple[str, str], None] = {}
    for leaf in loader.graph.leaf_nodes():
        for key in loader.graph.forwards_plan(leaf):
            plan.setdefault(key, None)
    return list(plan)


def _in_baseline(key: tuple[str, str], baseline: dict[str, str]) -> bool:
    last = baseline.get(key[0])
    return last is not None and key[1][:4] <= last


def unsafe_migrations(
    *, baseline: dict[str, str], only_apps: set[str] | None = None
) -> list[Finding]:
    """Findings of every migration after the baseline, in the order they apply."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    state = ProjectState(real_apps=loader.unmigrated_apps)
    created: set = set()
    findings = []
    for key in _full_plan(loader):
        migration = loader.graph.nodes[key]
        app_label = key[0]
        skipped = only_apps is not None and app_label not in only_apps
        if skipped or _in_baseline(key, baseline) or key in ALLOWED:
            for operation in migration.operations:
                if isinstance(operation, migrations.CreateModel):
                    created.add((app_label, operation.name_lower))
                operation.state_forwards(app_label, state)
            continue
        findings.extend(findings_of(app_label, migration, state, created))
    return findings
