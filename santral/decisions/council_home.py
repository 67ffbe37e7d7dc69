"""The decisions app's section of a council's home page: the latest public recommendations."""

from santral.core.registry import CouncilHomeSection, register_council_home_section

from .selectors import public_recommendations

RECOMMENDATIONS_ON_HOME = 3


def latest_recommendations(council) -> list:
    return list(public_recommendations(council=council)[:RECOMMENDATIONS_ON_HOME])


def register() -> None:
    register_council_home_section(
        CouncilHomeSection(
            "recommendations",
            45,
            "decisions/council_home/recommendations.html",
            latest_recommendations,
        )
    )
