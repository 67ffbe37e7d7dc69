"""Task panels on the back-office dashboard (Wagtail's home page).

Each domain app adds its own panels with the `construct_homepage_panels` hook; a panel is
built only for people whose role can act on it (the app's permission predicates decide),
reads with a constant number of queries (a count and at most `PANEL_ITEMS` rows) and
writes nothing. docs/backoffice.md lists the panels and who sees which.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.admin.ui.components import Component

PANEL_ITEMS = 5


@dataclass(frozen=True)
class PanelItem:
    title: str
    url: str
    meta: str = ""


class TaskPanel(Component):
    """A count, up to five items with links, and a link to the full list."""

    template_name = "core/backoffice/task_panel.html"

    def __init__(
        self,
        *,
        name: str,
        heading: str,
        count: int,
        items: list[PanelItem],
        summary: str,
        empty: str,
        more_url: str = "",
        more_label: str = "",
        notice: str = "",
        order: int = 100,
    ):
        self.name = name
        self.heading = heading
        self.count = count
        self.items = items
        self.summary = summary
        self.empty = empty
        self.more_url = more_url
        self.more_label = more_label
        self.notice = notice
        self.order = order

    def get_context_data(self, parent_context=None):
        return {"panel": self}


def count_and_first(queryset: QuerySet, limit: int = PANEL_ITEMS) -> tuple[int, list]:
    """The number of rows and the first `limit` of them: two queries whatever the size."""
    return queryset.count(), list(queryset[:limit])
