"""The councils app's own section of a council's home page: its bodies."""

from santral.core.registry import CouncilHomeSection, register_council_home_section

from .selectors import council_bodies_by_kind


def bodies(council) -> list:
    return council_bodies_by_kind(council=council)


def register() -> None:
    register_council_home_section(
        CouncilHomeSection("bodies", 30, "councils/council_home/bodies.html", bodies)
    )
