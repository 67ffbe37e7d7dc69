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
