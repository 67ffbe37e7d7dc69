"""Writes for councils, bodies and memberships. Every one checks permission and is audited."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.core.fields import save_with_unique_name

from .models import (
    COUNCIL_PROFILE_FIELDS,
    DUPLICATE_BODY_NAME,
    DUPLICATE_COUNCIL_NAME,
    Body,
    Council,
    CouncilHomePage,
    HubHomePage,
    Membership,
    Role,
)
from .permissions import (
    can_create_council,
    can_delete_council,
    can_edit_council_profile,
    can_manage_bodies,
    can_manage_memberships,
    forget_cached_roles,
)
from .wagtail_sync import sync_council_groups, sync_user_groups

COUNCIL_AUDITED_FIELDS = tuple(
    f"{name}_id" if name in ("province", "district") else name for name in COUNCIL_PROFILE_FIELDS
)
BODY_AUDITED_FIELDS = ("kind", "assembly_type", "name", "slug", "purpose", "is_active")


def _snapshot(instance, fields) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for field in fields:
        value = getattr(instance, field)
        if hasattr(value, "name") and not isinstance(value, str):  # FieldFile
            value = value.name or ""
        elif value is not None and not isinstance(value, (str, int, bool, float)):
            value = str(value)
        values[field] = value
    return values


@transaction.atomic
def hub_home_page_ensure(*, title: str = "Santral") -> HubHomePage:
    """The site root page; replaces Wagtail's welcome page on a fresh database."""
    existing = HubHomePage.objects.first()
    if existing is not None:
        return existing
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    welcome = root.get_children().filter(slug="home", content_type__model="page").first()
    if welcome is not None:
        # Free the slug without save(): a save queues search and reference-index tasks for a
        # page deleted a few lines below, and the worker then fails on it (issue 19).
        Page.objects.filter(pk=welcome.pk).update(slug="home-old")
    hub = root.add_child(instance=HubHomePage(title=title, slug="home", live=True))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=hub, is_default_site=True)
    else:
        site.root_page = hub
        site.site_name = "Santral"
        site.save()
    if welcome is not None:
        welcome.delete()
    return hub


def _validated(council: Council) -> None:
    """Run model validation (incl. unique slug) and raise with Turkish messages."""
    council.full_clean()


@transaction.atomic
def council_create(*, actor, **fields) -> Council:
    """Create a council with its home page and Wagtail groups. Platform admins only."""
    if actor is not None:
        ensure(can_create_council(actor), _("Konsey oluşturma yetkiniz yok."))
    council = Council(**fields)
    _validated(council)
    save_with_unique_name(council, field="name", message=DUPLICATE_COUNCIL_NAME)
    hub = hub_home_page_ensure()
    hub.add_child(
        instance=CouncilHomePage(title=council.name, slug=council.slug, council=council, live=True)
    )
    council.refresh_from_db()
    sync_council_groups(council)
    audit_record(
        actor=actor,
        action="council.create",
        target=council,
        council_id=council.pk,
        after=_snapshot(council, COUNCIL_AUDITED_FIELDS),
    )
    return council


@transaction.atomic
def council_update(*, actor, council: Council, **fields) -> Council:
    """Change a council's profile; keeps its home page's title and slug in step."""
    if actor is not None:
        ensure(can_edit_council_profile(actor, council), _("Bu konseyi düzenleme yetkiniz yok."))
    locked = Council.objects.select_for_update().get(pk=council.pk)
    before = _snapshot(locked, COUNCIL_AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(locked, name, value)
    _validated(locked)
    save_with_unique_name(locked, field="name", message=DUPLICATE_COUNCIL_NAME)
    after = _snapshot(locked, COUNCIL_AUDITED_FIELDS)
    page = CouncilHomePage.objects.filter(council=locked).first()
    if page is not None and (page.title != locked.name or page.slug != locked.slug):
        page.title = locked.name
        page.slug = locked.slug
        page.save_revision(user=actor if actor is not None else None).publish()
    if before != after:
        changed = [name for name in after if before[name] != after[name]]
        audit_record(
            actor=actor,
            action="council.update",
            target=locked,
            council_id=locked.pk,
            before={name: before[name] for name in changed},
            after={name: after[name] for name in changed},
        )
    return locked


@transaction.atomic
def council_delete(*, actor, council: Council) -> None:
    ensure(can_delete_council(actor), _("Konsey silme yetkiniz yok."))
    audit_record(
        actor=actor,
        action="council.delete",
        target=council,
        council_id=council.pk,
        before=_snapshot(council, COUNCIL_AUDITED_FIELDS),
    )
    try:
        with transaction.atomic():
            page = CouncilHomePage.objects.filter(council=council).first()
            if page is not None:
                page.delete()
            council.delete()
    except IntegrityError as error:
        # Posted ledger entries and other append-only rows refuse deletion in the database
        # (santral/core/immutability.py): a council with money on record stays.
        raise ValidationError(
            _(
                "Bu konseyin defterde kayıtlı para hareketleri var; konsey silinemez. "
                "Konseyi silmek yerine durumunu “Etkin değil” yapın."
            )
        ) from error


@transaction.atomic
def body_save(*, actor, body: Body) -> Body:
    """Create or update a body (and its members, when it carries them as a cluster)."""
    if actor is not None:
        ensure(
            can_manage_bodies(actor, body.council),
            _("Bu konseyin kurullarını düzenleme yetkiniz yok."),
        )
    before = None
    if body.pk is not None:
        previous = Body.objects.select_for_update().get(pk=body.pk)
        if previous.council_id != body.council_id:
            raise ValidationError({"council": _("Bir kurul başka bir konseye taşınamaz.")})
        before = _snapshot(previous, BODY_AUDITED_FIELDS)
    if body.kind != "assembly":
        body.assembly_type = ""
    body.full_clean()
    save_with_unique_name(body, field="name", message=DUPLICATE_BODY_NAME)
    after = _snapshot(body, BODY_AUDITED_FIELDS)
    audit_record(
        actor=actor,
        action="body.create" if before is None else "body.update",
        target=body,
        council_id=body.council_id,
        before=before,
        after=after,
    )
    return body


@transaction.atomic
def body_delete(*, actor, body: Body) -> None:
    if actor is not None:
        ensure(
            can_manage_bodies(actor, body.council),
            _("Bu konseyin kurullarını düzenleme yetkiniz yok."),
        )
    audit_record(
        actor=actor,
        action="body.delete",
        target=body,
        council_id=body.council_id,
        before=_snapshot(body, BODY_AUDITED_FIELDS),
    )
    body.delete()


def _roles_of(user, council: Council) -> list[str]:
    return sorted(
        Membership.objects.filter(user=user, council=council).values_list("role", flat=True)
    )


@transaction.atomic
def membership_set_roles(*, actor, council: Council, user, roles: list[str]) -> list[str]:
    """Give a user exactly these roles in a council (an empty list removes them).

    The audit trail keeps the role set before and after; the user's Wagtail
    groups follow at once.
    """
    if actor is not None:
        ensure(
            can_manage_memberships(actor, council),
            _("Bu konseyin üyeliklerini yönetme yetkiniz yok."),
        )
    valid = set(Role.values)
    unknown = [role for role in roles if role not in valid]
    if unknown:
        raise ValidationError({"roles": _("Bilinmeyen rol: %(role)s") % {"role": unknown[0]}})
    # Lock the user's rows in this council so two admins editing at once serialise.
    list(Membership.objects.select_for_update().filter(user=user, council=council))
    before = _roles_of(user, council)
    wanted = sorted(set(roles))
    if before == wanted:
        return before
    Membership.objects.filter(user=user, council=council).exclude(role__in=wanted).delete()
    for role in set(wanted) - set(before):
        Membership.objects.create(user=user, council=council, role=role)
    forget_cached_roles(user)
    sync_user_groups(user)
    audit_record(
        actor=actor,
        action="membership.roles",
        target=user,
        council_id=council.pk,
        before={"roles": before},
        after={"roles": wanted},
    )
    return wanted


def membership_grant(*, actor, council: Council, user, role: str) -> list[str]:
    return membership_set_roles(
        actor=actor, council=council, user=user, roles=[*_roles_of(user, council), role]
    )


def membership_revoke(*, actor, council: Council, user, role: str) -> list[str]:
    remaining = [existing for existing in _roles_of(user, council) if existing != role]
    return membership_set_roles(actor=actor, council=council, user=user, roles=remaining)


# Public contact form (santral/councils/views.py): one message an hour window per sender and
# council, a ceiling per council; docs/public-site.md.
CONTACT_LIMIT_PER_SENDER = 5
CONTACT_LIMIT_PER_COUNCIL = 50
CONTACT_WINDOW_SECONDS = 3600


def contact_is_limited(*, council: Council, ident: str) -> bool:
    from santral.core.ratelimit import is_limited

    return is_limited(f"contact:{council.pk}", ident, limit=CONTACT_LIMIT_PER_SENDER) or is_limited(
        "contact-council", str(council.pk), limit=CONTACT_LIMIT_PER_COUNCIL
    )


def contact_count(*, council: Council, ident: str) -> None:
    from santral.core.ratelimit import count_hit

    count_hit(f"contact:{council.pk}", ident, window=CONTACT_WINDOW_SECONDS)
    count_hit("contact-council", str(council.pk), window=CONTACT_WINDOW_SECONDS)


def contact_message_send(
    *, council: Council, name: str, email: str, subject: str, message: str, page_url: str
) -> None:
    """Queue a visitor's message to the council's e-mail address. Nothing else is stored."""
    from .tasks import send_contact_message

    if not council.email:
        raise ValidationError(_("Bu konseyin e-posta adresi yok; ileti gönderilemez."))
    send_contact_message.enqueue(council.pk, name, email, subject, message, page_url)
