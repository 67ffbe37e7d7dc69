"""Organisation names: cleaned and a Turkish lower-case key, unique among the organisations
one council keeps and among the platform-wide ones (see councils 0003 for how rows that
already share a key are kept)."""

from django.db import migrations, models

from santral.core.text import clean_name, name_key


def fill_name_keys(apps, schema_editor):
    Organisation = apps.get_model("partners", "Organisation")
    seen: set = set()
    for organisation in Organisation.objects.order_by("pk"):
        organisation.name = clean_name(organisation.name)
        key = name_key(organisation.name)
        scope = (organisation.owner_council_id, key)
        organisation.name_key = key if scope not in seen else f"{key}#{organisation.pk}"
        seen.add(scope)
        organisation.save(update_fields=["name", "name_key"])


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0003_name_keys"),
        ("partners", "0003_pledge_in_kind"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="name_key",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("owner_council__isnull", False)),
                fields=("owner_council", "name_key"),
                name="organisation_name_key_unique_per_council",
            ),
        ),
        migrations.AddConstraint(
            model_name="organisation",
            constraint=models.UniqueConstraint(
                condition=models.Q(("owner_council__isnull", True)),
                fields=("name_key",),
                name="organisation_name_key_unique_platform_wide",
            ),
        ),
    ]
