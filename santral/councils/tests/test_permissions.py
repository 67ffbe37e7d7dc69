import pytest

from santral.councils.permissions import (
    Capability,
    can_access_backoffice,
    can_edit_content,
    can_edit_council_profile,
    can_manage_memberships,
    can_manage_money,
    can_view_money,
    councils_with_capability,
    requires_two_factor,
)

pytestmark = pytest.mark.django_db


def test_editor_edits_content_of_own_council_only(cast):
    assert can_edit_content(cast.editor_a, cast.council_a)
    assert not can_edit_content(cast.editor_a, cast.council_b)
    assert not can_edit_council_profile(cast.editor_a, cast.council_a)
    assert not can_manage_money(cast.editor_a, cast.council_a)
    assert can_view_money(cast.editor_a, cast.council_a)


def test_member_cannot_edit_anything(cast):
    for predicate in (can_edit_content, can_edit_council_profile, can_manage_money):
        assert not predicate(cast.member_a, cast.council_a)
    assert not can_access_backoffice(cast.member_a)


def test_platform_admin_can_do_everything_everywhere(cast):
    for council in (cast.council_a, cast.council_b):
        assert can_edit_content(cast.platform_admin, council)
        assert can_edit_council_profile(cast.platform_admin, council)
        assert can_manage_memberships(cast.platform_admin, council)
        assert can_manage_money(cast.platform_admin, council)


def test_treasurer_manages_money_of_own_council_only(cast):
    assert can_manage_money(cast.treasurer_a, cast.council_a)
    assert not can_manage_money(cast.treasurer_a, cast.council_b)
    assert not can_edit_content(cast.treasurer_a, cast.council_a)


def test_anonymous_and_outsider_have_nothing(cast, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    for user in (AnonymousUser(), cast.outsider):
        assert not can_edit_content(user, cast.council_a)
        assert not can_access_backoffice(user)
        assert not councils_with_capability(user, Capability.VIEW_INTERNAL).exists()


def test_inactive_user_loses_every_capability(cast):
    cast.editor_a.is_active = False
    assert not can_edit_content(cast.editor_a, cast.council_a)


def test_councils_with_capability(cast):
    assert list(councils_with_capability(cast.admin_a, Capability.EDIT_PROFILE)) == [cast.council_a]
    assert set(councils_with_capability(cast.platform_admin, Capability.EDIT_PROFILE)) == {
        cast.council_a,
        cast.council_b,
    }


def test_who_needs_two_factor(cast):
    assert requires_two_factor(cast.admin_a)
    assert requires_two_factor(cast.treasurer_a)
    assert requires_two_factor(cast.platform_admin)
    assert not requires_two_factor(cast.editor_a)
    assert not requires_two_factor(cast.member_a)
