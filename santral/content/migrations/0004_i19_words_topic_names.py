from django.db import migrations, models

# Wagtail creates a default workflow and task named "Moderators approval"; staff read that
# name on the editor's button ("Onaya gönder: …"), so it gets a Turkish name.
WAGTAIL_NAME = "Moderators approval"
TURKISH_NAME = "Yönetici onayı"


def rename_default_workflow(apps, schema_editor, old=WAGTAIL_NAME, new=TURKISH_NAME):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def restore_default_workflow(apps, schema_editor):
    rename_default_workflow(apps, schema_editor, old=TURKISH_NAME, new=WAGTAIL_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0003_harvested_source"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [
        migrations.AddField(
            model_name="topic",
            name="name_ar",
            field=models.CharField(
                blank=True,
                help_text="/ar/ sayfalarında gösterilir; boşsa Türkçe adı gösterilir.",
                max_length=100,
                verbose_name="Arapça adı",
            ),
        ),
        migrations.AddField(
            model_name="topic",
            name="name_en",
            field=models.CharField(
                blank=True,
                help_text="/en/ sayfalarında gösterilir; boşsa Türkçe adı gösterilir.",
                max_length=100,
                verbose_name="İngilizce adı",
            ),
        ),
        migrations.RunPython(rename_default_workflow, restore_default_workflow),
    ]
