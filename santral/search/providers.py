"""What is searchable: providers turn model instances into index entries.

A provider knows one model: which index entries an instance gives (none when
the instance must not be found: a draft, an unpublished page, an inactive
body), which instances exist (for a rebuild), and which other instances to
re-index when one changes. Registering a provider connects it to the model's
signals, so the index follows every save, publish, unpublish and delete.

Adding a Wagtail page type (see docs/search.md) takes a few lines::

    register(PageProvider(NewsPage, kind="news", label=_("Haber"), body_fields=["intro", "body"]))
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from .models import Visibility


@dataclass
class IndexEntry:
    """One row of the index as a provider describes it."""

    kind: str
    title: str
    url: str
    body: str = ""
    council: object | None = None  # santral.councils.models.Council
    province_id: int | None = None  # defaults to the council's province
    scope: str | None = None  # defaults from the council's kind
    topics: tuple[str, ...] = ()
    date: datetime | None = None
    language: str = "tr"
    visibility: str = Visibility.PUBLIC


@dataclass
class SearchProvider(ABC):
    """Base provider: index ``model`` instances through ``entries``."""

    model: type[models.Model]
    kind: str
    label: str
    select_related: tuple[str, ...] = ()
    _connected: bool = field(default=False, repr=False)

    @abstractmethod
    def entries(self, instance) -> list[IndexEntry]:
        """The index entries of an instance: none when it must not be found."""

    def queryset(self) -> models.QuerySet:
        return self.model._default_manager.select_related(*self.select_related)

    def related(self, instance) -> Iterable[models.Model]:
        """Other instances whose entries depend on this one (re-indexed with it)."""
        return ()

    def connect(self) -> None:
        if self._connected:
            return
        post_save.connect(_on_save, sender=self.model, dispatch_uid=f"search-save-{self.kind}")
        post_delete.connect(
            _on_delete, sender=self.model, dispatch_uid=f"search-delete-{self.kind}"
        )
        self._connected = True


@dataclass
class PageProvider(SearchProvider):
    """A Wagtail page type: indexed when published, removed when unpublished or deleted.

    Draft saves never reach the index: the provider listens to Wagtail's
    publish signals (not post_save) and reads the live row from the database.
    ``council_of(page)`` finds the owning council from the page's ancestors.
    """

    body_fields: tuple[str, ...] = ()
    date_field: str = "first_published_at"
    topics_of: object = None  # optional callable(page) -> tuple[str, ...]

    def queryset(self):
        return self.model._default_manager.live().public()

    def entries(self, page) -> list[IndexEntry]:
        page = self.model._default_manager.filter(pk=page.pk).first()
        if page is None or not page.live or page.get_view_restrictions().exists():
            return []
        body = "\n".join(_plain(getattr(page, name, "")) for name in self.body_fields)
        return [
            IndexEntry(
                kind=self.kind,
                title=page.title,
                url=page.url or "",
                body=body,
                council=_council_of(page),
                topics=tuple(self.topics_of(page)) if self.topics_of else (),
                date=getattr(page, self.date_field, None),
            )
        ]

    def connect(self) -> None:
        if self._connected:
            return
        from wagtail.signals import page_published, page_unpublished

        page_published.connect(_on_save, sender=self.model, dispatch_uid=f"search-pub-{self.kind}")
        page_unpublished.connect(
            _on_save, sender=self.model, dispatch_uid=f"search-unpub-{self.kind}"
        )
        post_delete.connect(
            _on_delete, sender=self.model, dispatch_uid=f"search-delete-{self.kind}"
        )
        self._connected = True


def _plain(value) -> str:
    """Text of a field: StreamField, RichText or plain string, without markup."""
    if value is None:
        return ""
    if hasattr(value, "render_as_block"):
        return strip_tags(str(value.render_as_block()))
    return strip_tags(str(value))


def _council_of(page):
    from santral.councils.models import CouncilHomePage

    home = CouncilHomePage.objects.ancestor_of(page, inclusive=True).select_related("council")
    home = home.first()
    return home.council if home is not None else None


# --- registry ----------------------------------------------------------------

_providers: dict[type, SearchProvider] = {}


def register(provider: SearchProvider) -> SearchProvider:
    """Make a model searchable; idempotent."""
    _providers[provider.model] = provider
    provider.connect()
    return provider


def unregister(model: type[models.Model]) -> None:
    """Stop indexing a model (its entries stay until the next rebuild)."""
    provider = _providers.pop(model, None)
    if provider is None:
        return
    from wagtail.signals import page_published, page_unpublished

    for signal, prefix in (
        (post_save, "search-save"),
        (post_delete, "search-delete"),
        (page_published, "search-pub"),
        (page_unpublished, "search-unpub"),
    ):
        signal.disconnect(sender=model, dispatch_uid=f"{prefix}-{provider.kind}")
    provider._connected = False


def provider_for(instance_or_model) -> SearchProvider | None:
    model = instance_or_model if isinstance(instance_or_model, type) else type(instance_or_model)
    for klass in model.__mro__:
        if klass in _providers:
            return _providers[klass]
    return None


def all_providers() -> list[SearchProvider]:
    return list(_providers.values())


def kind_labels() -> dict[str, str]:
    labels = {provider.kind: str(provider.label) for provider in _providers.values()}
    labels.update(_extra_kind_labels)
    return labels


_extra_kind_labels: dict[str, str] = {}


def register_kind_label(kind: str, label: str) -> None:
    """A label for a kind indexed without a model provider (e.g. an imported corpus)."""
    _extra_kind_labels[kind] = str(label)


def _on_save(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return  # loading fixtures: the rebuild command indexes afterwards
    from .indexing import index_object

    index_object(instance)


def _on_delete(sender, instance, **kwargs):
    from .indexing import unindex_object

    unindex_object(instance)


# --- built-in providers: councils and bodies ----------------------------------


class CouncilProvider(SearchProvider):
    def entries(self, council) -> list[IndexEntry]:
        if council.status == "inactive":
            return []
        parts = [council.get_kind_display(), council.location, council.town, council.description]
        return [
            IndexEntry(
                kind=self.kind,
                title=council.name,
                url=council.get_absolute_url(),
                body="\n".join(part for part in parts if part),
                council=council,
                date=council.created_at,
            )
        ]

    def related(self, council):
        return council.bodies.all()


class BodyProvider(SearchProvider):
    def entries(self, body) -> list[IndexEntry]:
        council = body.council
        if not body.is_active or council.status == "inactive":
            return []
        home = getattr(council, "home_page", None)
        url = home.body_url(body) if home is not None else ""
        parts = [body.get_kind_display(), council.name, body.purpose]
        return [
            IndexEntry(
                kind=self.kind,
                title=body.name,
                url=url,
                body="\n".join(part for part in parts if part),
                council=council,
                date=body.updated_at,
            )
        ]


def _on_council_home_page_save(sender, instance, **kwargs):
    """A council's URL comes from its home page, created after the council itself."""
    if kwargs.get("raw") or not instance.council_id:
        return
    from .indexing import index_object

    index_object(instance.council)


def register_builtin_providers() -> None:
    from santral.councils.models import Body, Council, CouncilHomePage

    register(
        CouncilProvider(
            model=Council,
            kind="council",
            label=_("Kent konseyi"),
            select_related=("province", "district", "home_page"),
        )
    )
    register(
        BodyProvider(
            model=Body,
            kind="body",
            label=_("Kurul"),
            select_related=("council", "council__home_page"),
        )
    )
    post_save.connect(
        _on_council_home_page_save, sender=CouncilHomePage, dispatch_uid="search-council-home"
    )
