"""Reads for councils and bodies, scoped and with their relations loaded (no N+1)."""

from django.db.models import Count, Prefetch, Q, QuerySet

from santral.core.registry import AccountSection, ActivityItem

from .models import Body, BodyKind, BodyMember, Council, CouncilKind, Membership, Province


def council_directory(
    *, province: Province | None = None, kind: str | None = None
) -> QuerySet[Council]:
    """Councils in the public directory, in Turkish alphabetical order."""
    # Cards show the logo and cover (Wagtail images): loaded with their renditions, so a
    # page of cards costs the same few queries however many councils it shows.
    councils = (
        Council.objects.listed()
        .with_location()
        .select_related("home_page", "logo_image", "cover_image")
        .prefetch_related("logo_image__renditions", "cover_image__renditions")
    )
    if province is not None:
        councils = councils.filter(province=province)
    if kind:
        councils = councils.filter(kind=kind)
    return councils.order_by("sort_key", "name")


def directory_counts() -> dict[str, int]:
    return Council.objects.listed().aggregate(
        councils=Count("id"),
        provinces=Count("province", distinct=True),
        metropolitan=Count("id", filter=Q(kind=CouncilKind.METROPOLITAN)),
    )


def provinces_with_councils() -> QuerySet[Province]:
    """Provinces that have at least one listed council: the directory's filter choices."""
    return (
        Province.objects.filter(councils__status__in=["active", "forming"])
        .distinct()
        .order_by("sort_key")
    )


def council_bodies_by_kind(*, council: Council) -> list[tuple[str, list[Body]]]:
    """A council's active bodies grouped in the order of the regulation."""
    bodies = list(Body.objects.for_council(council).active().order_by("sort_order", "name"))
    groups: list[tuple[str, list[Body]]] = []
    for kind, label in BodyKind.choices:
        members = [body for body in bodies if body.kind == kind]
        if members:
            groups.append((label, members))
    return groups


def body_detail(*, council: Council, slug: str) -> Body | None:
    """One active body of the council with its members, or None."""
    return (
        Body.objects.for_council(council)
        .active()
        .filter(slug=slug)
        .prefetch_related(
            Prefetch("members", queryset=BodyMember.objects.order_by("-is_chair", "sort_order"))
        )
        .first()
    )


def recent_councils_activity(limit: int) -> list[ActivityItem]:
    """Councils that joined the hub most recently, for the home page."""
    councils = council_directory().order_by("-created_at")[:limit]
    return [
        ActivityItem(
            title=council.name,
            url=council.get_absolute_url(),
            kind=str(CouncilKind(council.kind).label),
            at=council.created_at,
            council_name=council.name,
        )
        for council in councils
    ]


def account_memberships(user):
    """The member area's "my memberships" block: the councils and roles of `user`."""
    rows = list(
        Membership.objects.filter(user=user)
        .select_related("council__home_page")
        .order_by("council__name")
    )
    return AccountSection(30, "councils/_account_memberships.html", {"memberships": rows})


def public_council(*, slug: str) -> Council | None:
    """A council shown on the public site (not inactive), by its slug."""
    return Council.objects.listed().filter(slug=slug).first()


def council_for_home(council_id: int) -> Council:
    """A council with what its home page shows first: place, logo and cover image."""
    return (
        Council.objects.with_location()
        .select_related("logo_image", "cover_image")
        .prefetch_related("logo_image__renditions", "cover_image__renditions")
        .get(pk=council_id)
    )


def council_slug_exists(slug: str) -> bool:
    return Council.objects.filter(slug=slug).exists()
