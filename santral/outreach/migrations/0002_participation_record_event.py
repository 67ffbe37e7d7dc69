"""Participation records point at a real event.

`event_id` was a plain number kept for the events app. It becomes a nullable foreign
key to events.EventPage (SET_NULL). Stored numbers are mapped: a number that names an
event of the same council is linked; any other number is not linked and is written
into the record's notes, so nothing is lost.
"""

import django.db.models.deletion
from django.db import migrations, models


def link_events(apps, schema_editor):
    Record = apps.get_model("outreach", "ParticipationRecord")
    EventPage = apps.get_model("events", "EventPage")
    records = list(Record.objects.exclude(legacy_event_id=None))
    if not records:
        return
    councils = dict(
        EventPage.objects.filter(pk__in={r.legacy_event_id for r in records}).values_list(
            "pk", "council_id"
        )
    )
    for record in records:
        number = record.legacy_event_id
        if councils.get(number, 0) == record.council_id:
            record.event_id = number
        else:
            note = f"Eski etkinlik no {number} bir etkinliğe bağlanamadı."
            record.notes = f"{record.notes}\n{note}".strip()
        record.save(update_fields=["event", "notes"])
    if schema_editor.connection.vendor == "postgresql":
        # Fire the deferred foreign-key checks now, so the column can be dropped below
        # in the same transaction ("pending trigger events" otherwise).
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def unlink_events(apps, schema_editor):
    Record = apps.get_model("outreach", "ParticipationRecord")
    for record in Record.objects.exclude(event=None):
        record.legacy_event_id = record.event_id
        record.save(update_fields=["legacy_event_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("outreach", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="participationrecord", old_name="event_id", new_name="legacy_event_id"
        ),
        migrations.AddField(
            model_name="participationrecord",
            name="event",
            field=models.ForeignKey(
                blank=True,
                help_text="Santral'daki etkinlik; etkinlik dışı çalışmalarda boş kalır.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="participation_records",
                to="events.eventpage",
                verbose_name="etkinlik",
            ),
        ),
        migrations.RunPython(link_events, unlink_events),
        migrations.RemoveField(model_name="participationrecord", name="legacy_event_id"),
    ]
