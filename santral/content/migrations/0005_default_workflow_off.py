"""Wagtail's own "Moderators approval" workflow off the whole tree.

Wagtail's migration attaches it to the root page, so every page offered editors a "submit
to Moderators approval" that reached a group no Santral role belongs to: the page waited
for nobody. Moderation in Santral is per council (CouncilContentSettings, its own workflow
on the council's home page, switched on under "İki aşamalı onay").
"""

from django.db import migrations


def default_workflow_off(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    # Santral's per-council workflows hang on council home pages, never on the root.
    WorkflowPage.objects.filter(page__depth=1).delete()
    # 0004 renamed it "Yönetici onayı"; a database migrated elsewhere may hold either name.
    Workflow.objects.filter(name__in=["Moderators approval", "Yönetici onayı"]).update(active=False)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0004_i19_words_topic_names"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(default_workflow_off, migrations.RunPython.noop)]
