"""Reads for the open-data catalogue: every public dataset of every listed council.

A dataset exists when there is something to download:
- `butce-raporu-<year>`: the transparency report of a year with ledger entries, unless the
  council publishes nothing of its budget (transparency "none");
- `butce-defteri-<year>`: the ledger of that year, only where the council publishes its
  budget lines (transparency "lines"); with "totals" the entries would say more than the
  council chose to show;
- `etkinlikler`: the council's own public, published events;
- `yayinlar`: the council's own published publications;
- `temsil`: representation aggregates, once participation has been recorded (figures per
  audience only; never a person).

Inactive councils (status "inactive") publish nothing here, like the directory. The whole
catalogue costs a fixed number of queries (one per source, aggregated by council), whatever
the number of councils: a national hub has ~500 councils and ~3 000 datasets.
A GET never writes: every figure (dates, modified) is computed from the data.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Max, Min
from django.urls import reverse
from django.utils.translation import gettext as _

from santral.budget.models import CouncilBudgetSettings, LedgerEntry, TransparencyLevel
from santral.content.models import PublicationPage
from santral.councils.models import Council, CouncilStatus
from santral.events.models import EventPage
from santral.outreach.models import Audience, ParticipationRecord

# IANA media types of the formats offered (the IRI form is built in catalogue.py).
MEDIA_TYPES = {
    "CSV": "text/csv",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "JSON": "application/json",
    "PDF": "application/pdf",
    "ZIP": "application/zip",
    "ICS": "text/calendar",
}

KIND_BUDGET_REPORT = "budget_report"
KIND_LEDGER = "ledger"
KIND_EVENTS = "events"
KIND_PUBLICATIONS = "publications"
KIND_REPRESENTATION = "representation"


@dataclass(frozen=True)
class Distribution:
    """One downloadable form of a dataset. `url` is a path; callers make it absolute."""

    format: str  # a key of MEDIA_TYPES
    url: str
    title: str
    conforms_to: str = ""  # a specification IRI (the Fiscal Data Package)

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def label(self) -> str:
        return "Fiscal Data Package" if self.conforms_to else self.format


@dataclass
class Dataset:
    council: Council
    key: str  # stable within the council: part of the dataset's URL
    kind: str
    title: str
    description: str
    keywords: list[str]
    themes: list[str]  # codes of the EU data-theme vocabulary (ECON, GOVE, SOCI, EDUC)
    start: date | datetime | None  # dates, or aware datetimes for events
    end: date | datetime | None
    modified: datetime | date | None
    landing_url: str
    rows: int
    distributions: list[Distribution] = field(default_factory=list)

    @property
    def url(self) -> str:
        return reverse("opendata:dataset", args=[self.council.slug, self.key])

    @property
    def licence(self) -> str:
        return self.council.data_licence


def _listed_councils(council: Council | None):
    councils = Council.objects.listed().select_related("province", "district")
    return councils.filter(pk=council.pk) if council is not None else councils


def _scoped(queryset, council: Council | None):
    """Rows of listed councils only (or of one council), filtered in the same query."""
    if council is not None:
        return queryset.filter(council=council)
    return queryset.exclude(council__status=CouncilStatus.INACTIVE)


def _later(*values):
    present = [v for v in values if v is not None]
    return max(present, key=_sortable) if present else None


def _sortable(value):
    # Dates and datetimes side by side: a date counts as its midnight, as a plain tuple.
    if isinstance(value, datetime):
        return (value.year, value.month, value.day, value.hour, value.minute, value.second)
    return (value.year, value.month, value.day, 0, 0, 0)


def _place_keywords(council: Council) -> list[str]:
    words = [council.province.name]
    if council.district_id:
        words.append(council.district.name)
    return words


def _budget_datasets(council: Council, years: list[dict], transparency: str) -> list[Dataset]:
    datasets = []
    if transparency == TransparencyLevel.NONE:
        return datasets
    slug = council.slug
    for row in years:
        year = row["fiscal_year"]
        start, end = date(year, 1, 1), date(year, 12, 31)
        report_formats = [("CSV", "csv"), ("XLSX", "xlsx"), ("PDF", "pdf")]
        distributions = [
            Distribution(
                fmt,
                reverse("budget:public-export", args=[slug, year, ext]),
                _("%(year)s bütçe raporu (%(format)s)") % {"year": year, "format": fmt},
            )
            for fmt, ext in report_formats
        ]
        distributions.append(
            Distribution(
                "JSON",
                reverse("api:council-budget", args=[slug, year]),
                _("%(year)s bütçe raporu (%(format)s)") % {"year": year, "format": "JSON"},
            )
        )
        datasets.append(
            Dataset(
                council=council,
                key=f"butce-raporu-{year}",
                kind=KIND_BUDGET_REPORT,
                title=_("%(council)s — %(year)s bütçe şeffaflık raporu")
                % {"council": council.name, "year": year},
                description=_(
                    "Belediye bütçesinden konsey için ayrılan ödenek, harcama ve ayni "
                    "katkıların kod ve etkinlik bazında toplamları (bütçe yılı %(year)s)."
                )
                % {"year": year},
                keywords=[_("bütçe"), _("şeffaflık"), _("kent konseyi"), *_place_keywords(council)],
                themes=["ECON", "GOVE"],
                start=start,
                end=end,
                modified=row["modified"],
                landing_url=reverse("budget:public", args=[slug, year]),
                rows=row["rows"],
                distributions=distributions,
            )
        )
        if transparency != TransparencyLevel.LINES:
            continue
        ledger = [
            Distribution(
                fmt,
                reverse("budget:public-ledger", args=[slug, year, ext]),
                _("%(year)s bütçe defteri (%(format)s)") % {"year": year, "format": fmt},
            )
            for fmt, ext in [("CSV", "csv"), ("XLSX", "xlsx"), ("JSON", "json")]
        ]
        ledger.append(
            Distribution(
                "ZIP",
                reverse("budget:public-ledger", args=[slug, year, "zip"]),
                _("%(year)s bütçe defteri (Fiscal Data Package)") % {"year": year},
                conforms_to="https://specs.frictionlessdata.io/fiscal-data-package/",
            )
        )
        datasets.append(
            Dataset(
                council=council,
                key=f"butce-defteri-{year}",
                kind=KIND_LEDGER,
                title=_("%(council)s — %(year)s bütçe defteri")
                % {"council": council.name, "year": year},
                description=_(
                    "Bütçe yılı %(year)s için konsey adına yapılan bütün para hareketleri "
                    "(ödenek, aktarma, taahhüt, ödeme, ters kayıtlar); ödeme yapılan kişi "
                    "ve firmaların adları yer almaz."
                )
                % {"year": year},
                keywords=[_("bütçe"), _("defter"), _("harcama"), *_place_keywords(council)],
                themes=["ECON", "GOVE"],
                start=row["first"] or start,
                end=row["last"] or end,
                modified=row["modified"],
                landing_url=reverse("budget:public", args=[slug, year]),
                rows=row["rows"],
                distributions=ledger,
            )
        )
    return datasets


def _events_dataset(council: Council, row: dict) -> Dataset:
    slug = council.slug
    return Dataset(
        council=council,
        key="etkinlikler",
        kind=KIND_EVENTS,
        title=_("%(council)s — etkinlikler") % {"council": council.name},
        description=_(
            "Konseyin kamuya açık etkinlikleri: başlık, tarih ve saat, mekân, konu. "
            "Kayıt olan kişilerin bilgileri yer almaz."
        ),
        keywords=[_("etkinlik"), _("katılım"), _("kent konseyi"), *_place_keywords(council)],
        themes=["SOCI", "GOVE"],
        start=row["first"],
        end=row["last"],
        modified=row["modified"],
        landing_url=reverse("events:council_events", args=[slug]),
        rows=row["rows"],
        distributions=[
            Distribution(
                "CSV", reverse("events:council_export", args=[slug, "csv"]), _("Etkinlikler (CSV)")
            ),
            Distribution(
                "JSON",
                reverse("events:council_export", args=[slug, "json"]),
                _("Etkinlikler (JSON)"),
            ),
            Distribution(
                "ICS", reverse("events:council_ical", args=[slug]), _("iCalendar takvimi")
            ),
        ],
    )


def _publications_dataset(council: Council, row: dict) -> Dataset:
    slug = council.slug
    export = "content:council_publications_export"
    return Dataset(
        council=council,
        key="yayinlar",
        kind=KIND_PUBLICATIONS,
        title=_("%(council)s — yayınlar listesi") % {"council": council.name},
        description=_(
            "Konseyin yayımladığı rapor, kitap, bülten ve benzeri yayınların listesi: "
            "başlık, tür, tarih, yazarlar, lisans, ISBN ve bağlantı."
        ),
        keywords=[_("yayın"), _("rapor"), _("kent konseyi"), *_place_keywords(council)],
        themes=["EDUC", "GOVE"],
        start=row["first"],
        end=row["last"],
        modified=row["modified"],
        landing_url=reverse("content:council_publications", args=[slug]),
        rows=row["rows"],
        distributions=[
            Distribution("CSV", reverse(export, args=[slug, "csv"]), _("Yayınlar listesi (CSV)")),
            Distribution(
                "JSON", reverse(export, args=[slug, "json"]), _("Yayınlar listesi (JSON)")
            ),
        ],
    )


def _representation_dataset(council: Council, row: dict) -> Dataset:
    slug = council.slug
    return Dataset(
        council=council,
        key="temsil",
        kind=KIND_REPRESENTATION,
        title=_("%(council)s — katılımda temsil") % {"council": council.name},
        description=_(
            "Hedef kitlelerin (kadınlar, gençler, engelliler ve diğerleri) etkinlik "
            "katılımındaki payı ile nüfustaki payı ve temsil oranı. Yalnızca toplam "
            "sayılar; kişisel veri içermez."
        ),
        keywords=[_("temsil"), _("katılım"), _("eşitlik"), *_place_keywords(council)],
        themes=["SOCI"],
        start=row["first"],
        end=row["last"],
        modified=row["modified"],
        landing_url=reverse("outreach:representation", args=[slug]),
        rows=row["rows"],
        distributions=[
            Distribution(
                "CSV",
                reverse("outreach:representation-csv", args=[slug]),
                _("Temsil oranları (CSV)"),
            ),
            Distribution(
                "JSON",
                reverse("api:council-representation", args=[slug]),
                _("Temsil oranları (JSON)"),
            ),
        ],
    )


def _by_council(queryset) -> dict[int, dict]:
    return {row["council_id"]: row for row in queryset}


@dataclass
class Catalogue:
    councils: list[Council]
    datasets: list[Dataset]

    @property
    def modified(self) -> datetime | date | None:
        """The latest change of data or of the councils' metadata (licence, contact)."""
        return _later(*(d.modified for d in self.datasets), *(c.updated_at for c in self.councils))

    def for_council(self, council: Council) -> list[Dataset]:
        return [d for d in self.datasets if d.council.pk == council.pk]


def open_data_catalogue(*, council: Council | None = None) -> Catalogue:
    """The public datasets of every listed council (or of one), in a fixed number of queries.

    Returns councils in directory order; datasets per council in a fixed order (budget
    years newest first, then events, publications, representation).
    """
    councils = list(_listed_councils(council))
    transparency = dict(
        _scoped(CouncilBudgetSettings.objects, council).values_list("council_id", "transparency")
    )
    ledger_years: dict[int, list[dict]] = defaultdict(list)
    for row in (
        _scoped(LedgerEntry.objects, council)
        .values("council_id", "fiscal_year")
        .annotate(
            first=Min("entry_on"),
            last=Max("entry_on"),
            modified=Max("created_at"),
            rows=Count("pk"),
        )
        .order_by("council_id", "-fiscal_year")
    ):
        ledger_years[row["council_id"]].append(row)
    events = _by_council(
        _scoped(EventPage.objects.listed().filter(is_public=True), council)
        .values("council_id")
        .annotate(
            first=Min("start_at"),
            last=Max("end_at"),
            modified=Max("last_published_at"),
            rows=Count("pk"),
        )
        .order_by("council_id")
    )
    publications = _by_council(
        _scoped(PublicationPage.objects.listed(), council)
        .values("council_id")
        .annotate(
            first=Min("first_published_at"),
            last=Max("first_published_at"),
            modified=Max("last_published_at"),
            rows=Count("pk"),
        )
        .order_by("council_id")
    )
    representation = _by_council(
        _scoped(ParticipationRecord.objects, council)
        .values("council_id")
        .annotate(
            first=Min("held_on"), last=Max("held_on"), modified=Max("updated_at"), rows=Count("pk")
        )
        .order_by("council_id")
    )
    # A changed baseline (population share) changes the figures too.
    audiences_changed = dict(
        _scoped(Audience.objects, council)
        .values("council_id")
        .annotate(changed=Max("updated_at"))
        .order_by("council_id")
        .values_list("council_id", "changed")
    )

    datasets: list[Dataset] = []
    for item in councils:
        level = transparency.get(item.pk, CouncilBudgetSettings().transparency)
        datasets += _budget_datasets(item, ledger_years.get(item.pk, []), level)
        if item.pk in events:
            datasets.append(_events_dataset(item, events[item.pk]))
        if item.pk in publications:
            datasets.append(_publications_dataset(item, publications[item.pk]))
        if item.pk in representation:
            row = dict(representation[item.pk])
            row["modified"] = _later(row["modified"], audiences_changed.get(item.pk))
            datasets.append(_representation_dataset(item, row))
    return Catalogue(councils=councils, datasets=datasets)


def open_data_dataset(*, council: Council, key: str) -> Dataset | None:
    for dataset in open_data_catalogue(council=council).datasets:
        if dataset.key == key:
            return dataset
    return None
