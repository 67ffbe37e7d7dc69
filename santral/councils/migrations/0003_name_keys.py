"""Council and body names: cleaned (NFC, no invisible/bidi characters) and a Turkish
lower-case key that is unique (per province for councils, per council for bodies), so "izmir kent konseyi" cannot
stand beside "İzmir Kent Konseyi". Rows that already share a key keep their names; the later
ones get a key marked with their id, so the migration never fails and the next edit of such a
row asks for a different name."""

from django.db import migrations, models

from santral.core.text import clean_name, name_key


def fill_name_keys(apps, schema_editor):
    Council = apps.get_model("councils", "Council")
    Body = apps.get_model("councils", "Body")
    seen: set = set()
    for council in Council.objects.order_by("pk"):
        council.name = clean_name(council.name)
        key = name_key(council.name)
        scope = (council.province_id, key)
        council.name_key = key if scope not in seen else f"{key}#{council.pk}"
        seen.add(scope)
        council.save(update_fields=["name", "name_key"])
    seen = set()
    for body in Body.objects.order_by("pk"):
        body.name = clean_name(body.name)
        key = name_key(body.name)
        body.name_key = key if (body.council_id, key) not in seen else f"{key}#{body.pk}"
        seen.add((body.council_id, key))
        body.save(update_fields=["name", "name_key"])


class Migration(migrations.Migration):
    dependencies = [("councils", "0002_load_provinces_and_districts")]

    operations = [
        migrations.AddField(
            model_name="body",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name="council",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="body",
            constraint=models.UniqueConstraint(
                fields=("council", "name_key"), name="body_name_key_unique_per_council"
            ),
        ),
        migrations.AddConstraint(
            model_name="council",
            constraint=models.UniqueConstraint(
                fields=("province", "name_key"), name="council_name_key_unique_per_province"
            ),
        ),
    ]
