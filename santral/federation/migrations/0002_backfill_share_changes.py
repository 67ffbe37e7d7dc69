"""Items shared before the change log existed: one change row each, so followers get them."""

from django.db import migrations

SHARED_SCOPES = ["national", "international"]


def backfill(apps, schema_editor):
    ShareChange = apps.get_model("federation", "ShareChange")
    for app_label, model_name, kind, extra in (
        ("content", "NewsPage", "news", {}),
        ("events", "EventPage", "event", {"is_public": True}),
    ):
        model = apps.get_model(app_label, model_name)
        ids = model.objects.filter(
            live=True,
            is_shared=True,
            is_archived=False,
            is_harvested=False,
            scope__in=SHARED_SCOPES,
            **extra,
        ).values_list("pk", flat=True)
        ShareChange.objects.bulk_create(
            [ShareChange(page_id=pk, kind=kind) for pk in ids.order_by("pk")]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("federation", "0001_initial"),
        ("content", "0003_harvested_source"),
        ("events", "0003_harvested_source"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
