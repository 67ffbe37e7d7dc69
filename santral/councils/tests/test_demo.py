import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from santral.core.models import AuditRecord
from santral.councils.models import Body, BodyMember, Council, Membership

pytestmark = pytest.mark.django_db

TABLES = [Council, Body, BodyMember, Membership, AuditRecord]


def _state():
    from django.contrib.auth import get_user_model
    from wagtail.models import Page, Revision

    models = [*TABLES, get_user_model(), Page, Revision]
    return {model.__name__: sorted(map(repr, model.objects.values_list())) for model in models}


def test_load_demo_twice_changes_nothing(settings):
    out = io.StringIO()
    call_command("load_demo", force=True, stdout=out)
    assert "yonetici@adana.example" in out.getvalue()
    first = _state()
    call_command("load_demo", force=True, stdout=io.StringIO())
    assert _state() == first
    assert Council.objects.count() == 4
    assert Body.objects.filter(slug="destek-ve-kaynak-calisma-grubu").exists()


def test_load_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=io.StringIO())
    assert not Council.objects.exists()
    assert connection.vendor in ("sqlite", "postgresql")


def test_replacing_the_welcome_page_queues_no_task_for_a_deleted_page(settings):
    """Wagtail's welcome page (from its migration) is replaced by the hub home page. A task
    queued for it (search index, reference index) failed in the worker with "Page matching
    query does not exist" on every first `make run`, because the page was gone by then."""
    from django.apps import apps
    from django_tasks_db.models import DBTaskResult
    from wagtail.models import Page

    from santral.councils.services import hub_home_page_ensure

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    }
    welcome = Page.objects.get(depth=2, slug="home", content_type__model="page")

    hub_home_page_ensure()

    assert not Page.objects.filter(pk=welcome.pk).exists()
    queued = [task.args_kwargs["args"] for task in DBTaskResult.objects.all()]
    assert queued, "the hub page's own indexing is queued"
    for app_label, model_name, pk in queued:
        model = apps.get_model(app_label, model_name)
        assert model.objects.filter(pk=pk).exists(), (app_label, model_name, pk)
