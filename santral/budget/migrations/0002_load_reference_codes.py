"""Load the shipped classification lists (santral/budget/data/) for budget years 2024–2028.

Idempotent: only missing rows are added, so corrections made by platform admins stay.
Other years: `manage.py load_budget_codes --year YYYY`.
"""

from django.db import migrations

YEARS = range(2024, 2029)


def load(apps, schema_editor):
    from santral.budget.codes import load_reference_codes

    load_reference_codes(apps.get_model("budget", "ClassificationCode"), YEARS)


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
