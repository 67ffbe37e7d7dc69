import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from santral.core.audit import audit_history
from santral.core.models import AuditRecord
from santral.councils.models import Membership
from santral.councils.services import membership_set_roles
from santral.councils.tests.test_backoffice import assert_denied
from santral.councils.wagtail_sync import group_name

pytestmark = pytest.mark.django_db


def test_role_change_is_audited_with_before_and_after(cast):
    membership_set_roles(
        actor=cast.admin_a, council=cast.council_a, user=cast.member_a, roles=["editor"]
    )
    record = audit_history(cast.member_a).first()
    assert record.action == "membership.roles"
    assert record.actor == cast.admin_a
    assert record.council_id == cast.council_a.pk
    assert record.before == {"roles": ["member"]}
    assert record.after == {"roles": ["editor"]}
    assert record.at is not None


def test_role_change_updates_wagtail_groups(cast):
    membership_set_roles(
        actor=cast.admin_a, council=cast.council_a, user=cast.member_a, roles=["editor"]
    )
    names = set(cast.member_a.groups.values_list("name", flat=True))
    assert names == {group_name(cast.council_a, "editor")}
    membership_set_roles(actor=cast.admin_a, council=cast.council_a, user=cast.member_a, roles=[])
    assert not cast.member_a.groups.exists()
    assert not Membership.objects.filter(user=cast.member_a).exists()


def test_unchanged_roles_write_no_audit_row(cast):
    before = AuditRecord.objects.count()
    membership_set_roles(
        actor=cast.admin_a, council=cast.council_a, user=cast.member_a, roles=["member"]
    )
    assert AuditRecord.objects.count() == before


@pytest.mark.parametrize("actor_name", ["editor_a", "member_a", "treasurer_a", "outsider"])
def test_only_council_admins_change_roles(cast, actor_name):
    before = list(Membership.objects.values_list("user_id", "council_id", "role"))
    with pytest.raises(PermissionDenied):
        membership_set_roles(
            actor=getattr(cast, actor_name),
            council=cast.council_a,
            user=cast.outsider,
            roles=["council_admin"],
        )
    assert list(Membership.objects.values_list("user_id", "council_id", "role")) == before


def test_admin_of_a_cannot_touch_b(cast):
    with pytest.raises(PermissionDenied):
        membership_set_roles(
            actor=cast.admin_a, council=cast.council_b, user=cast.outsider, roles=["editor"]
        )
    assert not Membership.objects.filter(user=cast.outsider).exists()


def test_unknown_role_is_refused(cast):
    with pytest.raises(ValidationError):
        membership_set_roles(
            actor=cast.admin_a, council=cast.council_a, user=cast.outsider, roles=["king"]
        )
    assert not Membership.objects.filter(user=cast.outsider).exists()


def test_backoffice_role_form(client, cast):
    client.force_login(cast.admin_a)
    url = reverse("santral_council_members", kwargs={"council_id": cast.council_a.pk})
    response = client.post(url, {"email": cast.outsider.email, "roles": ["editor"]})
    assert response.status_code == 302
    assert list(Membership.objects.filter(user=cast.outsider).values_list("role", flat=True)) == [
        "editor"
    ]
    # an unknown e-mail gets a Turkish error and writes nothing
    response = client.post(url, {"email": "yok@ornek.test", "roles": ["editor"]})
    assert response.status_code == 200
    assert "Bu e-posta ile kayıtlı bir kullanıcı yok" in response.content.decode()


def test_backoffice_role_form_is_closed_to_editors_and_other_councils(client, cast):
    client.force_login(cast.editor_a)
    url = reverse("santral_council_members", kwargs={"council_id": cast.council_a.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": cast.outsider.email, "roles": ["council_admin"]})
    assert_denied(response)
    other = reverse("santral_council_members", kwargs={"council_id": cast.council_b.pk})
    assert client.get(other).status_code == 404
    assert not Membership.objects.filter(user=cast.outsider).exists()
