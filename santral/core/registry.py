"""Hooks through which apps offer something to the layers below them without an import cycle.

An app registers in its AppConfig.ready(); core and councils ask the registry,
never the app. This keeps the layers one way (core <- councils <- domain apps).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from .page_cache import cached_per_generation


@dataclass(frozen=True)
class ActivityItem:
    """One line in "latest activity": what happened, where, when, and a link."""

    title: str
    url: str
    kind: str
    at: datetime
    council_name: str = ""


ActivityProvider = Callable[[int], list[ActivityItem]]
DemoLoader = Callable[..., None]

_activity_providers: list[ActivityProvider] = []
_shared_providers: list[ActivityProvider] = []
_demo_loaders: list[tuple[str, DemoLoader]] = []


def register_activity_provider(provider: ActivityProvider) -> None:
    if provider not in _activity_providers:
        _activity_providers.append(provider)


def latest_activity(limit: int = 10) -> list[ActivityItem]:
    """The newest items across every registered provider, newest first."""
    return cached_per_generation(
        f"latest-activity:{limit}", lambda: _collect(_activity_providers, limit)
    )


def _collect(providers: list[ActivityProvider], limit: int) -> list[ActivityItem]:
    items: list[ActivityItem] = []
    for provider in providers:
        items.extend(provider(limit))
    return sorted(items, key=lambda item: item.at, reverse=True)[:limit]


def register_shared_provider(provider: ActivityProvider) -> None:
    """Items councils shared with the network, for the hub's home page."""
    if provider not in _shared_providers:
        _shared_providers.append(provider)


def shared_with_network(limit: int = 6) -> list[ActivityItem]:
    """The newest shared items across every registered provider, newest first."""
    return cached_per_generation(
        f"shared-with-network:{limit}", lambda: _collect(_shared_providers, limit)
    )


def register_demo_loader(name: str, loader: DemoLoader) -> None:
    if all(existing != name for existing, _ in _demo_loaders):
        _demo_loaders.append((name, loader))


def demo_loaders() -> list[tuple[str, DemoLoader]]:
    return list(_demo_loaders)


@dataclass(frozen=True)
class AccountSection:
    """One block of the member area (/hesabim/): a template and what it shows."""

    order: int
    template: str
    context: dict


AccountProvider = Callable[[object], "AccountSection | None"]
_account_providers: list[AccountProvider] = []


def register_account_provider(provider: AccountProvider) -> None:
    """An app offers a block of the signed-in person's own area (registrations, ...)."""
    if provider not in _account_providers:
        _account_providers.append(provider)


def account_sections(user) -> list[AccountSection]:
    """The blocks every app offers this user, in their order (reads only)."""
    sections = [provider(user) for provider in _account_providers]
    return sorted((s for s in sections if s is not None), key=lambda s: s.order)


@dataclass(frozen=True)
class CouncilHomeSection:
    """A section of a council's home page offered by an app above councils.

    `provider(council)` reads what the section shows, in a fixed number of queries, and
    returns something falsy when there is nothing to show (the section is then left out).
    `template` renders it with `section` (the provider's result), `council_obj` and `page`.
    Sections appear by `order`.
    """

    key: str
    order: int
    template: str
    provider: Callable[[object], object]


_council_home_sections: dict[str, CouncilHomeSection] = {}


def register_council_home_section(section: CouncilHomeSection) -> None:
    _council_home_sections[section.key] = section


def council_home_sections(council) -> list[tuple[CouncilHomeSection, object]]:
    """The sections that have something to show for this council, in order."""
    shown = []
    for section in sorted(_council_home_sections.values(), key=lambda s: (s.order, s.key)):
        data = section.provider(council)
        if data:
            shown.append((section, data))
    return shown
