"""Derive Wagtail groups and page permissions from council memberships.

Nobody edits these groups by hand: every membership change calls
sync_user_groups(), and council creation calls sync_council_groups(). The
groups are named "santral:council:<id>:<role>" so a renamed council keeps them.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupPagePermission

from .models import Council, Membership, Role
from .permissions import TWO_FACTOR_ROLES, has_active_totp

GROUP_PREFIX = "santral:council:"

PAGE_PERMISSIONS_BY_ROLE: dict[str, tuple[str, ...]] = {
    Role.COUNCIL_ADMIN: ("add", "change", "publish", "lock", "unlock"),
    Role.EDITOR: ("add", "change", "publish"),
    Role.TREASURER: (),
}


def group_name(council: Council, role: str) -> str:
    return f"{GROUP_PREFIX}{council.pk}:{role}"


def _admin_access_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


@transaction.atomic
def sync_council_groups(council: Council) -> dict[str, Group]:
    """Create or refresh the council's Wagtail groups and their permissions on its subtree."""
    groups: dict[str, Group] = {}
    access_admin = _admin_access_permission()
    home_page = getattr(council, "home_page", None)
    for role, page_permissions in PAGE_PERMISSIONS_BY_ROLE.items():
        group, _ = Group.objects.get_or_create(name=group_name(council, role))
        group.permissions.add(access_admin)
        if home_page is not None:
            wanted = {f"{permission}_page" for permission in page_permissions}
            GroupPagePermission.objects.filter(group=group).exclude(page=home_page).delete()
            existing = set(
                GroupPagePermission.objects.filter(group=group, page=home_page).values_list(
                    "permission__codename", flat=True
                )
            )
            GroupPagePermission.objects.filter(group=group, page=home_page).exclude(
                permission__codename__in=wanted
            ).delete()
            for permission in page_permissions:
                if f"{permission}_page" not in existing:
                    GroupPagePermission.objects.create(
                        group=group, page=home_page, permission_type=permission
                    )
        groups[role] = group
    return groups


@transaction.atomic
def sync_user_groups(user) -> None:
    """Make the user's council groups match exactly the roles their memberships give."""
    memberships = Membership.objects.filter(user=user).select_related("council")
    with_totp = has_active_totp(user)
    wanted: set[str] = set()
    councils: dict[int, Council] = {}
    for membership in memberships:
        councils[membership.council_id] = membership.council
        if membership.role not in PAGE_PERMISSIONS_BY_ROLE:
            continue
        # Finance and admin roles open the back office only after two-factor set-up.
        if membership.role in TWO_FACTOR_ROLES and not with_totp:
            continue
        wanted.add(group_name(membership.council, membership.role))
    for council in councils.values():
        sync_council_groups(council)
    current = set(user.groups.filter(name__startswith=GROUP_PREFIX).values_list("name", flat=True))
    if current - wanted:
        user.groups.remove(*Group.objects.filter(name__in=current - wanted))
    if wanted - current:
        user.groups.add(*Group.objects.filter(name__in=wanted - current))
