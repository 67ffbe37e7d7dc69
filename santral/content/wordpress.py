"""Import a WordPress export (WXR 1.2) into a council's subtree.

posts → NewsPage, pages → InfoPage (hierarchy kept), categories and tags →
Topic, attachments → Wagtail documents/images read from a local folder (or
skipped with a warning). Each item is imported inside its own savepoint: an
item either arrives whole or not at all, and its error is reported with the
item's WordPress id and title. A WordPressSource row remembers every imported
item, so running the import again changes nothing. The item's original URL
becomes a Wagtail redirect to the new page.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.core.text import turkish_slugify
from santral.councils.models import Council, CouncilHomePage

from .files import DOCUMENT_KINDS, IMAGE_KINDS, check_upload
from .models import InfoPage, NewsPage, Topic, WordPressSource
from .richtext import sanitize_html
from .services import may_publish_in

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
ISTANBUL = ZoneInfo("Europe/Istanbul")
CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.DOTALL | re.IGNORECASE)
SHORTCODE = re.compile(r"\[/?[a-zA-Z_][\w-]*(?:\s[^\]]*)?\]")


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class ItemError(Exception):
    pass


def clean_body(html: str) -> str:
    """WordPress post content as safe HTML: shortcodes out, captions kept, paragraphs made."""
    html = CAPTION.sub(lambda match: match.group(1), html or "")
    html = SHORTCODE.sub("", html)
    if "<p" not in html.lower():
        paragraphs = [part.strip() for part in re.split(r"\n\s*\n", html) if part.strip()]
        html = "".join(f"<p>{part}</p>" for part in paragraphs)
    return sanitize_html(html)


MEDIA_LINK = re.compile(r'(?P<attr>src|href)="(?P<url>[^"]+)"')
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


def _media_key(url: str) -> str:
    return SIZE_SUFFIX.sub("", Path(urlparse(url).path).name)


def _rewrite_media(html: str, council) -> str:
    """Point links and images at files imported from the export instead of the old site."""
    rows = WordPressSource.objects.filter(council=council, kind="attachment").select_related(
        "image", "document"
    )
    urls = {}
    for row in rows:
        target = row.image.file.url if row.image else row.document.url if row.document else ""
        if target:
            urls[_media_key(row.original_url)] = target
    if not urls:
        return html

    def replace(match):
        new = urls.get(_media_key(match.group("url")))
        return f'{match.group("attr")}="{new}"' if new else match.group(0)

    return MEDIA_LINK.sub(replace, html)


def _text(item, path: str) -> str:
    element = item.find(path, NS)
    return (element.text or "").strip() if element is not None and element.text else ""


def _parse_date(value: str) -> datetime | None:
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=ISTANBUL)
    except ValueError as error:
        raise ItemError(_("Tarih okunamadı: %(value)s") % {"value": value}) from error


def _topics(item) -> list[Topic]:
    topics = []
    for category in item.findall("category"):
        name = (category.text or "").strip()
        if not name:
            continue
        slug = category.get("nicename") or turkish_slugify(name, max_length=100)
        topic = Topic.objects.filter(slug=slug).first() or Topic.objects.filter(name=name).first()
        if topic is None:
            topic = Topic.objects.create(name=name[:100], slug=slug[:100])
        topics.append(topic)
    return topics


def _unique_slug(parent: Page, wanted: str) -> str:
    base = turkish_slugify(wanted or "icerik", max_length=70) or "icerik"
    slug, n = base, 2
    while parent.get_children().filter(slug=slug).exists() or slug in {
        "haberler",
        "belgeler",
        "yayinlar",
        "etkinlikler",
        "akis",
        "paylas",
    }:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _add_redirect(link: str, page: Page) -> None:
    path = urlparse(link).path if link else ""
    if not path or path == "/":
        return
    old_path = Redirect.normalise_path(path)
    if not Redirect.objects.filter(old_path=old_path, site=None).exists():
        Redirect.objects.create(old_path=old_path, redirect_page=page, site=None)


def _import_attachment(*, council, item, wp_id, media_dir, report) -> None:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    url = _text(item, "wp:attachment_url")
    name = Path(urlparse(url).path).name
    title = _text(item, "title") or name
    source = Path(media_dir) / name if media_dir and name else None
    if source is None or not source.is_file():
        report.warnings.append(
            _("Ek #%(id)s (%(name)s) klasörde bulunamadı; atlandı.") % {"id": wp_id, "name": name}
        )
        return
    data = source.read_bytes()
    upload = ContentFile(data, name=name)
    checked = check_upload(upload)
    row = WordPressSource(council=council, wp_id=wp_id, kind="attachment", original_url=url[:500])
    if checked.kind in IMAGE_KINDS:
        image = get_image_model()(title=title[:255])
        image.file.save(name, upload, save=False)
        image.save()
        row.image = image
    elif checked.kind in DOCUMENT_KINDS:
        document = get_document_model()(title=title[:255])
        document.file.save(name, upload, save=False)
        document.save()
        row.document = document
    row.save()
    report.created.append(_("Ek #%(id)s: %(title)s") % {"id": wp_id, "title": title})


def _import_post_or_page(*, council, home, item, wp_id, kind, report, pending) -> bool:
    """Import one post or page; returns False when its parent page is not there yet."""
    title = _text(item, "title")
    if not title:
        raise ItemError(_("Başlık boş."))
    status = _text(item, "wp:status")
    if status not in ("publish", "draft", "pending", "private", "future"):
        raise ItemError(_("Bilinmeyen durum: %(status)s") % {"status": status or "—"})
    if status == "private":
        report.skipped.append(_("#%(id)s gizli (private) olduğu için aktarılmadı.") % {"id": wp_id})
        return True
    published = _parse_date(_text(item, "wp:post_date"))
    parent = home
    parent_wp = _text(item, "wp:post_parent")
    if kind == "page" and parent_wp and parent_wp != "0":
        parent_row = WordPressSource.objects.filter(council=council, wp_id=int(parent_wp)).first()
        if parent_row is None or parent_row.page is None:
            if int(parent_wp) in pending:
                return False
            report.warnings.append(
                _("Sayfa #%(id)s: üst sayfa #%(parent)s yok; konsey ana sayfasına eklendi.")
                % {"id": wp_id, "parent": parent_wp}
            )
        else:
            parent = parent_row.page.specific
    body = _rewrite_media(clean_body(_text(item, "content:encoded")), council)
    intro = strip_tags(clean_body(_text(item, "excerpt:encoded")))[:1000]
    model = NewsPage if kind == "post" else InfoPage
    page = model(
        title=title[:255],
        slug=_unique_slug(parent, _text(item, "wp:post_name") or title),
        intro=intro,
        body=body,
    )
    page.topics = _topics(item)
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if status == "publish":
        revision.publish()
        page.refresh_from_db()
        if published is not None:
            Page.objects.filter(pk=page.pk).update(first_published_at=published)
    link = _text(item, "link")
    WordPressSource.objects.create(
        council=council, wp_id=wp_id, kind=kind, page=page, original_url=link[:500]
    )
    if page.live:
        _add_redirect(link, page)
    report.created.append(
        _("%(kind)s #%(id)s: %(title)s%(draft)s")
        % {
            "kind": _("Haber") if kind == "post" else _("Sayfa"),
            "id": wp_id,
            "title": title,
            "draft": "" if status == "publish" else _(" (taslak)"),
        }
    )
    return True


def wordpress_import(
    *, actor, council: Council, xml: bytes, media_dir: str | None = None
) -> ImportReport:
    """Import a WXR file into the council. Never half-imports an item; safe to run twice."""
    if actor is not None:
        ensure(may_publish_in(actor, council), _("Bu konseye içerik aktarma yetkiniz yok."))
    report = ImportReport()
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as error:
        raise ValidationError(
            _("Dosya okunamadı: geçerli bir WordPress dışa aktarma (WXR) dosyası değil (%(e)s).")
            % {"e": error}
        ) from error
    channel = root.find("channel")
    if channel is None:
        raise ValidationError(_("Dosyada <channel> yok: WordPress dışa aktarma dosyası değil."))
    home = CouncilHomePage.objects.get(council=council)
    items = channel.findall("item")
    queue: list[tuple[int, object]] = []
    for position, item in enumerate(items, start=1):
        raw_id = _text(item, "wp:post_id")
        label = _text(item, "title") or _("(başlıksız)")
        if not raw_id.isdigit():
            report.errors.append(
                _("Öğe %(n)s (%(title)s): wp:post_id eksik ya da sayı değil.")
                % {"n": position, "title": label}
            )
            continue
        queue.append((int(raw_id), item))
    # Attachments first, so posts can point at the imported files.
    queue.sort(key=lambda entry: _text(entry[1], "wp:post_type") != "attachment")
    done = set(WordPressSource.objects.filter(council=council).values_list("wp_id", flat=True))
    pending = {wp_id for wp_id, _item in queue if wp_id not in done}
    # Pages may come before their parents: retry deferred ones until no progress is made.
    while True:
        deferred = []
        for wp_id, item in queue:
            if wp_id in done:
                report.skipped.append(_("#%(id)s daha önce aktarılmış.") % {"id": wp_id})
                continue
            kind = _text(item, "wp:post_type")
            label = _text(item, "title") or _("(başlıksız)")
            try:
                with transaction.atomic():
                    if kind == "attachment":
                        _import_attachment(
                            council=council,
                            item=item,
                            wp_id=wp_id,
                            media_dir=media_dir,
                            report=report,
                        )
                        finished = True
                    elif kind in ("post", "page"):
                        finished = _import_post_or_page(
                            council=council,
                            home=home,
                            item=item,
                            wp_id=wp_id,
                            kind=kind,
                            report=report,
                            pending=pending,
                        )
                    else:
                        report.skipped.append(
                            _("#%(id)s: %(kind)s türü aktarılmıyor.") % {"id": wp_id, "kind": kind}
                        )
                        finished = True
            except (ItemError, ValidationError) as error:
                messages = error.messages if isinstance(error, ValidationError) else [str(error)]
                report.errors.append(
                    _("#%(id)s (%(title)s): %(error)s")
                    % {"id": wp_id, "title": label, "error": " ".join(messages)}
                )
                finished = True
            if finished:
                pending.discard(wp_id)
                done.add(wp_id)
            else:
                deferred.append((wp_id, item))
        if not deferred or len(deferred) == len(queue):
            queue = deferred
            break
        queue = deferred
    for wp_id, item in queue:  # parents that never arrived: attach to the home page
        pending.discard(wp_id)
        try:
            with transaction.atomic():
                _import_post_or_page(
                    council=council,
                    home=home,
                    item=item,
                    wp_id=wp_id,
                    kind=_text(item, "wp:post_type"),
                    report=report,
                    pending=set(),
                )
        except (ItemError, ValidationError) as error:
            report.errors.append(f"#{wp_id}: {error}")
    audit_record(
        actor=actor,
        action="content.wordpress_import",
        target=council,
        council_id=council.pk,
        after={"created": len(report.created), "errors": len(report.errors)},
    )
    return report
