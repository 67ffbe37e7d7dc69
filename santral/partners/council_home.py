"""The partners app's section of a council's home page: its latest joint projects."""

from santral.core.registry import CouncilHomeSection, register_council_home_section

from .selectors import council_public_projects

PROJECTS_ON_HOME = 3


def latest_projects(council) -> list:
    return list(council_public_projects(council=council)[:PROJECTS_ON_HOME])


def register() -> None:
    register_council_home_section(
        CouncilHomeSection("projects", 60, "partners/council_home/projects.html", latest_projects)
    )
