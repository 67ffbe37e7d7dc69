"""What a template sees: the item's public data in one language, from the public selectors.

Figures come from the same selectors the public pages use (budget_report with the public
in-kind rule, representation_report), formatted by the same helpers (format_money, Django's
locale date formats), so a card cannot say something the page does not. Each builder returns
(context, alt text, revision): the revision changes whenever what the card shows changes.
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from santral.budget.api import visibility_for
from santral.budget.models import ZERO
from santral.budget.selectors import budget_report
from santral.content.models import NewsPage
from santral.content.selectors import public_items
from santral.core.money import format_money
from santral.councils.models import Council
from santral.events.models import EventPage
from santral.outreach.selectors import representation_report

from .models import BrandKit, ItemKind
from .render import qr_data_uri


@dataclass
class ItemData:
    context: dict
    alt_text: str
    revision: str
    url: str


def brand_of(council: Council) -> dict:
    kit = BrandKit.objects.filter(council=council).first() or BrandKit(
        council=council, short_name=council.name[:40]
    )
    return {
        "short_name": kit.short_name,
        "primary": kit.primary_color,
        "on_primary": kit.on_primary_color,
        "accent": kit.accent_color,
        "typeface": kit.typeface,
    }


def _logo_uri(council: Council) -> str:
    """The council's logo as a file URI inside the media root (the renderer may read it)."""
    logo = getattr(council, "logo", None)
    if not logo:
        return ""
    try:
        return Path(logo.path).as_uri()
    except (ValueError, NotImplementedError):  # a storage without local paths
        return ""


def _common(council: Council, language: str, url: str) -> dict:
    return {
        "lang": language,
        "dir": "rtl" if language == "ar" else "ltr",
        "council_name": council.name,
        "brand": brand_of(council),
        "logo": _logo_uri(council),
        "url": url,
        "qr": qr_data_uri(url) if url else "",
    }


def _site_url(name: str, *args, language: str) -> str:
    with translation.override(language):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def _digest(data: dict) -> str:
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def page_text(page, language: str) -> tuple[str, str, str]:
    """(title, summary, language of that text): the page's own text in its language, else its
    standard translation into `language`, else the original (marked with its language)."""
    if page.language == language:
        return page.title, getattr(page, "intro", ""), page.language
    for item in page.translation_list():
        if item.language == language and item.variant == "standard":
            return item.title, item.summary, language
    return page.title, getattr(page, "intro", ""), page.language


def _page_revision(page, brand: dict) -> str:
    return _digest({"revision": page.live_revision_id, "brand": brand})


def event_data(event: EventPage, language: str) -> ItemData:
    url = event.get_full_url() or ""
    with translation.override(language):
        title, summary, text_language = page_text(event, language)
        start = timezone.localtime(event.start_at)
        context = {
            **_common(event.council, language, url),
            "title": title,
            "summary": summary,
            "text_lang": text_language,
            "date": formats.date_format(start, "DATE_FORMAT"),
            "time": formats.time_format(start, "TIME_FORMAT"),
            "starts": formats.date_format(start, "DATETIME_FORMAT"),
            "venue": event.venue,
            "address": event.address,
            "labels": {
                "date": _("Tarih"),
                "time": _("Saat"),
                "venue": _("Yer"),
                "scan": _("Ayrıntılar ve kayıt için okutun"),
                "event": _("Etkinlik"),
            },
        }
        alt = _("%(council)s etkinliği: %(title)s. %(starts)s, %(venue)s.") % {
            "council": event.council.name,
            "title": title,
            "starts": context["starts"],
            "venue": event.venue,
        }
    return ItemData(context, alt, _page_revision(event, context["brand"]), url)


def news_data(news: NewsPage, language: str) -> ItemData:
    url = news.get_full_url() or ""
    with translation.override(language):
        title, summary, text_language = page_text(news, language)
        published = news.first_published_at or timezone.now()
        context = {
            **_common(news.council, language, url),
            "title": title,
            "summary": summary,
            "text_lang": text_language,
            "date": formats.date_format(timezone.localtime(published), "DATE_FORMAT"),
            "labels": {"news": _("Haber"), "scan": _("Haberin tamamı için okutun")},
        }
        alt = _("%(council)s haberi: %(title)s (%(date)s).") % {
            "council": news.council.name,
            "title": title,
            "date": context["date"],
        }
    return ItemData(context, alt, _page_revision(news, context["brand"]), url)


def budget_data(council: Council, year: int, language: str, url: str = "") -> ItemData:
    """The year's figures as the public transparency page shows them to a visitor.

    Raises Http404 (from visibility_for) when the council publishes no budget figures.
    """
    _visibility, publish_in_kind = visibility_for(AnonymousUser(), council)
    with translation.override(language):
        report = budget_report(council, year)
        in_kind = report.in_kind_total if publish_in_kind else ZERO
        routes = [
            {
                "label": str(group.label),
                "revised": format_money(group.figures.revised),
                "paid": format_money(group.figures.paid),
            }
            for group in report.by_route()
        ]
        figures = {
            "revised": format_money(report.total.revised),
            "paid": format_money(report.total.paid),
            "in_kind": format_money(in_kind),
            "cash_plus_in_kind": format_money(report.total.paid + in_kind),
        }
        context = {
            **_common(council, language, url),
            "year": year,
            "title": _("%(year)s bütçesi bir bakışta") % {"year": year},
            "figures": figures,
            "show_in_kind": publish_in_kind,
            "routes": routes,
            "labels": {
                "revised": _("Revize ödenek"),
                "paid": _("Ödenen"),
                "in_kind": _("Ayni katkılar"),
                "cash_plus_in_kind": _("Nakit ödeme + ayni katkı"),
                "routes": _("Ödeme yoluna göre"),
                "note": _(
                    "Kent konseyinin kendi bütçesi yoktur; giderleri belediyenin birimleri "
                    "kendi bütçelerinden karşılar."
                ),
            },
        }
        alt = _(
            "%(council)s %(year)s bütçesi: revize ödenek %(revised)s, ödenen %(paid)s, "
            "ayni katkılar %(in_kind)s."
        ) % {"council": council.name, "year": year, **figures}
    revision = _digest({"figures": figures, "routes": routes, "brand": context["brand"]})
    return ItemData(context, alt, revision, url)


def _percent(value) -> str:
    """A share in percent as the public representation page writes it (`%50,00`)."""
    if value is None:
        return "–"
    return "%" + floatformat(value, 2)


def representation_data(council: Council, year: int, language: str, url: str = "") -> ItemData:
    """Aggregate participation of one calendar year by audience (no person is named)."""
    with translation.override(language):
        report = representation_report(
            council=council, starts_on=date(year, 1, 1), ends_on=date(year, 12, 31)
        )
        rows = [
            {
                "name": row.audience.name,
                "participants": formats.number_format(row.participants, 0, force_grouping=True),
                "share": _percent(row.participation_share),
                "population_share": _percent(row.population_share),
            }
            for row in report.rows
        ]
        context = {
            **_common(council, language, url),
            "year": year,
            "title": _("%(year)s: kimler katıldı?") % {"year": year},
            "activities": formats.number_format(report.activities, 0, force_grouping=True),
            "participants": formats.number_format(
                report.total_participants, 0, force_grouping=True
            ),
            "rows": rows,
            "labels": {
                "activities": _("Etkinlik"),
                "participants": _("Katılımcı"),
                "share": _("Katılımdaki payı"),
                "population_share": _("Nüfustaki payı"),
            },
        }
        alt = _("%(council)s %(year)s katılımı: %(activities)s etkinlik, %(people)s katılımcı.") % {
            "council": council.name,
            "year": year,
            "activities": context["activities"],
            "people": context["participants"],
        }
    revision = _digest({"rows": rows, "n": context["participants"], "brand": context["brand"]})
    return ItemData(context, alt, revision, url)


def _public_page(model, council: Council, key: str):
    """The council's own page as the public site shows it (published, listed, public): a
    members-only event or an archived item gets no material whose file anyone could fetch."""
    return public_items(model, council=council, include_reshared=False).filter(pk=int(key)).first()


def item_data(*, council: Council, kind: str, key: str, language: str) -> ItemData:
    """Load the item (inside the council) and build its data; LookupError when there is none."""
    if kind == ItemKind.EVENT:
        page = _public_page(EventPage, council, key)
        if page is None:
            raise LookupError(key)
        return event_data(page, language)
    if kind == ItemKind.NEWS:
        page = _public_page(NewsPage, council, key)
        if page is None:
            raise LookupError(key)
        return news_data(page, language)
    if kind == ItemKind.BUDGET:
        url = _site_url("budget:public", council.slug, int(key), language=language)
        try:
            return budget_data(council, int(key), language, url)
        except Http404 as error:  # the council publishes no budget figures
            raise LookupError(key) from error
    if kind == ItemKind.REPRESENTATION:
        url = _site_url("outreach:representation", council.slug, language=language)
        return representation_data(council, int(key), language, url)
    raise LookupError(kind)
