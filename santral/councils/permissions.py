"""The one place where roles are interpreted.

Roles are data (Membership rows); ROLE_CAPABILITIES maps each role to what it
may do. Views, the API, the Wagtail back office, services and tasks ask the
predicates below and nothing else.

Capabilities granted by a role that needs two-factor login (council admin,
treasurer) and the platform admin's powers count only once the user has an
active TOTP authenticator *and*, in a web request, this session has passed the
second factor (RequireTwoFactorMiddleware marks the request's user); until then
the user is treated as an ordinary member.
"""

from enum import StrEnum

from django.db.models import QuerySet

from .models import Council, Membership, Role


class Capability(StrEnum):
    ACCESS_BACKOFFICE = "access_backoffice"
    VIEW_INTERNAL = "view_internal"
    EDIT_PROFILE = "edit_profile"
    MANAGE_BODIES = "manage_bodies"
    MANAGE_MEMBERSHIPS = "manage_memberships"
    EDIT_CONTENT = "edit_content"
    PUBLISH_CONTENT = "publish_content"
    APPROVE_CONTENT = "approve_content"
    VIEW_MONEY = "view_money"
    MANAGE_MONEY = "manage_money"
    MANAGE_PARTNERS = "manage_partners"
    MANAGE_OUTREACH = "manage_outreach"
    VIEW_AUDIT = "view_audit"
    MANAGE_MEETINGS = "manage_meetings"


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.COUNCIL_ADMIN: frozenset(
        {
            Capability.ACCESS_BACKOFFICE,
            Capability.VIEW_INTERNAL,
            Capability.EDIT_PROFILE,
            Capability.MANAGE_BODIES,
            Capability.MANAGE_MEMBERSHIPS,
            Capability.EDIT_CONTENT,
            Capability.PUBLISH_CONTENT,
            Capability.APPROVE_CONTENT,
            Capability.VIEW_MONEY,
            Capability.MANAGE_PARTNERS,
            Capability.MANAGE_OUTREACH,
            Capability.VIEW_AUDIT,
            Capability.MANAGE_MEETINGS,
        }
    ),
    Role.EDITOR: frozenset(
        {
            Capability.ACCESS_BACKOFFICE,
            Capability.VIEW_INTERNAL,
            Capability.EDIT_CONTENT,
            Capability.PUBLISH_CONTENT,
            Capability.VIEW_MONEY,
            Capability.MANAGE_PARTNERS,
            Capability.MANAGE_OUTREACH,
            Capability.MANAGE_MEETINGS,
        }
    ),
    Role.TREASURER: frozenset(
        {
            Capability.ACCESS_BACKOFFICE,
            Capability.VIEW_INTERNAL,
            Capability.VIEW_MONEY,
            Capability.MANAGE_MONEY,
        }
    ),
    Role.MEMBER: frozenset({Capability.VIEW_INTERNAL}),
}

# Roles that touch money or other people's permissions: their holders must log in with TOTP.
TWO_FACTOR_ROLES = frozenset({Role.COUNCIL_ADMIN, Role.TREASURER})

_CACHE_ATTR = "_santral_roles_by_council"
_TOTP_ATTR = "_santral_has_totp"
# Set on request.user by RequireTwoFactorMiddleware: did this session pass the second factor?
# Absent outside web requests (tasks, commands), where only the key's existence counts.
SESSION_SECOND_FACTOR_ATTR = "_santral_session_second_factor"


def _roles_by_council(user) -> dict[int, frozenset[str]]:
    """All of a user's roles, loaded once per user object (one query per request)."""
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        roles: dict[int, set[str]] = {}
        for council_id, role in Membership.objects.filter(user=user).values_list(
            "council_id", "role"
        ):
            roles.setdefault(council_id, set()).add(role)
        cached = {council_id: frozenset(found) for council_id, found in roles.items()}
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_cached_roles(user) -> None:
    """Drop what this user object remembers of its roles (after a membership change)."""
    for attr in (_CACHE_ATTR, _TOTP_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


def has_active_totp(user) -> bool:
    cached = getattr(user, _TOTP_ATTR, None)
    if cached is None:
        from allauth.mfa.models import Authenticator

        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        setattr(user, _TOTP_ATTR, cached)
    return cached


def mark_session_second_factor(user, passed: bool) -> None:
    """Record on this user object whether the current session passed TOTP (middleware only)."""
    setattr(user, SESSION_SECOND_FACTOR_ATTR, passed)


def second_factor_satisfied(user) -> bool:
    """The user has a TOTP key and, in a web request, this session proved it."""
    if not has_active_totp(user):
        return False
    return getattr(user, SESSION_SECOND_FACTOR_ATTR, True)


def _is_signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def requires_two_factor(user) -> bool:
    """True for platform admins and anyone holding a finance or admin role anywhere."""
    if not _is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    return any(roles & TWO_FACTOR_ROLES for roles in _roles_by_council(user).values())


def holds_staff_role(user) -> bool:
    """Platform admins and anyone whose role opens the back office (before any TOTP check):
    the people whose sessions get the staff time limits."""
    if not _is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    return any(
        Capability.ACCESS_BACKOFFICE in ROLE_CAPABILITIES.get(role, frozenset())
        for roles in _roles_by_council(user).values()
        for role in roles
    )


def is_platform_admin(user) -> bool:
    return _is_signed_in(user) and user.is_superuser and second_factor_satisfied(user)


def roles_in(user, council: Council) -> frozenset[str]:
    """The roles that count for this user in this council (2FA roles only with TOTP)."""
    if not _is_signed_in(user):
        return frozenset()
    roles = _roles_by_council(user).get(council.pk, frozenset())
    if roles & TWO_FACTOR_ROLES and not second_factor_satisfied(user):
        roles = roles - TWO_FACTOR_ROLES
    return roles


def capabilities_in(user, council: Council) -> frozenset[Capability]:
    if is_platform_admin(user):
        return frozenset(Capability)
    found: set[Capability] = set()
    for role in roles_in(user, council):
        found |= ROLE_CAPABILITIES[role]
    return frozenset(found)


def has_capability(user, council: Council, capability: Capability) -> bool:
    return capability in capabilities_in(user, council)


def councils_with_capability(user, capability: Capability) -> QuerySet[Council]:
    """The councils in which the user holds the capability (all of them for a platform admin)."""
    if is_platform_admin(user):
        return Council.objects.all()
    if not _is_signed_in(user):
        return Council.objects.none()
    council_ids = [
        council_id
        for council_id in _roles_by_council(user)
        if capability in capabilities_in(user, Council(pk=council_id))
    ]
    return Council.objects.filter(pk__in=council_ids)


def can_access_backoffice(user) -> bool:
    if is_platform_admin(user):
        return True
    return councils_with_capability(user, Capability.ACCESS_BACKOFFICE).exists()


def can_create_council(user) -> bool:
    return is_platform_admin(user)


def can_delete_council(user) -> bool:
    return is_platform_admin(user)


def can_edit_council_profile(user, council: Council) -> bool:
    return has_capability(user, council, Capability.EDIT_PROFILE)


def can_manage_bodies(user, council: Council) -> bool:
    return has_capability(user, council, Capability.MANAGE_BODIES)


def can_manage_memberships(user, council: Council) -> bool:
    return has_capability(user, council, Capability.MANAGE_MEMBERSHIPS)


def can_edit_content(user, council: Council) -> bool:
    return has_capability(user, council, Capability.EDIT_CONTENT)


def can_publish_content(user, council: Council) -> bool:
    return has_capability(user, council, Capability.PUBLISH_CONTENT)


def can_approve_content(user, council: Council) -> bool:
    """May publish where two-step moderation is on (editor submits, admin approves)."""
    return has_capability(user, council, Capability.APPROVE_CONTENT)


def can_view_money(user, council: Council) -> bool:
    return has_capability(user, council, Capability.VIEW_MONEY)


def can_manage_money(user, council: Council) -> bool:
    return has_capability(user, council, Capability.MANAGE_MONEY)


def can_view_internal(user, council: Council) -> bool:
    return has_capability(user, council, Capability.VIEW_INTERNAL)


def can_manage_partners(user, council: Council) -> bool:
    """Stakeholders, contacts, joint projects and support requests of the council."""
    return has_capability(user, council, Capability.MANAGE_PARTNERS)


def can_manage_outreach(user, council: Council) -> bool:
    """Audiences, participation records, communication plans, newsletters and subscriber lists."""
    return has_capability(user, council, Capability.MANAGE_OUTREACH)


def can_manage_meetings(user, council: Council) -> bool:
    """Meetings of the council's bodies, their decisions and the md. 76 journey (secretariat)."""
    return has_capability(user, council, Capability.MANAGE_MEETINGS)


def can_view_audit(user, council: Council) -> bool:
    """The council's audit trail: its admins (and the platform admin, who sees every row)."""
    return has_capability(user, council, Capability.VIEW_AUDIT)
