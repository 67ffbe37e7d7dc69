"""Uploaded files: checked by what they contain (never by their name), then read for search.

check_upload() accepts PDF, JPEG/PNG/WebP, DOCX/XLSX and ODT/ODS, and refuses
anything else with a Turkish message: an HTML page named .pdf, an SVG (which
may carry script), a ZIP bomb dressed as DOCX, an empty file, a file over the
size limit (SANTRAL_UPLOAD_MAX_BYTES, 50 MB by default). extract_text() and
pdf_thumbnail() feed FileText, which the search issue reads.
"""

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DOCUMENT_KINDS = frozenset({"pdf", "docx", "xlsx", "odt", "ods"})
IMAGE_KINDS = frozenset({"jpeg", "png", "webp"})
CAPTION_KINDS = frozenset({"vtt"})
# Extensions a file of each kind may carry: the name must agree with the content.
EXTENSIONS = {
    "pdf": {"pdf"},
    "jpeg": {"jpg", "jpeg"},
    "png": {"png"},
    "webp": {"webp"},
    "docx": {"docx"},
    "xlsx": {"xlsx"},
    "odt": {"odt"},
    "ods": {"ods"},
    "vtt": {"vtt"},
}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
# Office files are ZIP archives: refuse ones that would unpack to something absurd.
ZIP_MAX_ENTRIES = 5_000
ZIP_MAX_RATIO = 100
ZIP_MAX_UNPACKED = 500 * 1024 * 1024
TEXT_LIMIT = 1_000_000
PDF_TEXT_PAGES = 200


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    size: int


def max_upload_bytes() -> int:
    return int(getattr(settings, "SANTRAL_UPLOAD_MAX_BYTES", 50 * 1024 * 1024))


def _read_all(uploaded) -> bytes:
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    return data


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def _zip_kind(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise ValidationError(_("Ofis dosyası bozuk; açılamadı.")) from error
    if len(entries) > ZIP_MAX_ENTRIES:
        raise ValidationError(_("Ofis dosyası çok fazla parça içeriyor; güvenlik için reddedildi."))
    unpacked = sum(entry.file_size for entry in entries)
    packed = sum(entry.compress_size for entry in entries) or 1
    if unpacked > ZIP_MAX_UNPACKED or unpacked / packed > ZIP_MAX_RATIO:
        raise ValidationError(
            _(
                "Dosya açıldığında olağan dışı büyüyor (sıkıştırma bombası olabilir); "
                "güvenlik için reddedildi."
            )
        )
    names = {entry.filename for entry in entries}
    if "mimetype" in names:
        mimetype = archive.read("mimetype").strip()
        if mimetype in ODF_MIMETYPES:
            return ODF_MIMETYPES[mimetype]
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    raise ValidationError(_("ZIP arşivi bir DOCX, XLSX, ODT ya da ODS belgesi değil."))


def is_webvtt(head: bytes) -> bool:
    """WebVTT files start with "WEBVTT" (after an optional BOM), then a space, tab or line end."""
    head = head.removeprefix(b"\xef\xbb\xbf")
    return head.startswith(b"WEBVTT") and head[6:7] in (b"", b" ", b"\t", b"\r", b"\n")


def sniff_kind(data: bytes) -> str:
    """The file's real type from its first bytes (and, for ZIP-based office files, its parts)."""
    if is_webvtt(data[:16]):
        return "vtt"
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    head = data[:512].lstrip().lower()
    if head.startswith((b"<svg", b"<?xml")) and b"<svg" in data[:4096].lower():
        raise ValidationError(
            _("SVG dosyaları kabul edilmez (içlerinde betik bulunabilir); PNG ya da PDF yükleyin.")
        )
    if head.startswith((b"<!doctype html", b"<html", b"<script", b"<head", b"<body")):
        raise ValidationError(_("Dosyanın içeriği bir HTML sayfası; PDF ya da ofis belgesi değil."))
    raise ValidationError(
        _(
            "Dosya türü tanınamadı. Kabul edilenler: PDF, JPEG, PNG, WebP, DOCX, XLSX, ODT, ODS "
            "(türü dosyanın içeriğine bakılarak belirlenir, adına değil)."
        )
    )


def _verify(kind: str, data: bytes) -> None:
    if kind == "pdf":
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError

        try:
            reader = PdfReader(io.BytesIO(data))
            if len(reader.pages) < 1:
                raise ValidationError(_("PDF dosyasında hiç sayfa yok."))
        except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
            raise ValidationError(_("PDF dosyası okunamadı; bozuk olabilir.")) from error
    elif kind in IMAGE_KINDS:
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError) as error:
            raise ValidationError(_("Görsel dosyası okunamadı; bozuk olabilir.")) from error


def check_upload(
    uploaded, *, allowed: frozenset[str] = DOCUMENT_KINDS | IMAGE_KINDS
) -> CheckedFile:
    """Raise ValidationError (Turkish) unless the file is an accepted, intact type of sane size."""
    size = getattr(uploaded, "size", None)
    limit = max_upload_bytes()
    if size is not None and size > limit:
        raise ValidationError(
            _("Dosya çok büyük (%(size)s); en çok %(limit)s yüklenebilir.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    data = _read_all(uploaded)
    if not data:
        raise ValidationError(_("Dosya boş (0 bayt)."))
    if _extension(getattr(uploaded, "name", "")) == "vtt" and not is_webvtt(data[:16]):
        raise ValidationError(_("Altyazı dosyası WebVTT değil: dosya “WEBVTT” ile başlamalı."))
    if len(data) > limit:
        raise ValidationError(
            _("Dosya çok büyük (%(size)s); en çok %(limit)s yüklenebilir.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(limit)}
        )
    kind = sniff_kind(data)
    if kind not in allowed:
        raise ValidationError(_("Bu alana %(kind)s dosyası yüklenemez.") % {"kind": kind.upper()})
    extension = _extension(getattr(uploaded, "name", ""))
    if extension and extension not in EXTENSIONS[kind]:
        raise ValidationError(
            _("Dosyanın adı .%(ext)s ile bitiyor ama içeriği %(kind)s; adı içeriğe uymuyor.")
            % {"ext": extension, "kind": kind.upper()}
        )
    _verify(kind, data)
    return CheckedFile(kind=kind, size=len(data))


# --- reading files for search ------------------------------------------------------------------


def _xml_text(xml: bytes) -> str:
    from defusedxml import ElementTree

    root = ElementTree.fromstring(xml)
    pieces = []
    for element in root.iter():
        if element.text and element.text.strip():
            pieces.append(element.text.strip())
    return " ".join(pieces)


def extract_text(kind: str, data: bytes) -> str:
    """Plain text of a PDF or office file ('' for images or unreadable parts)."""
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            texts = []
            for page in reader.pages[:PDF_TEXT_PAGES]:
                texts.append(page.extract_text() or "")
                if sum(len(text) for text in texts) > TEXT_LIMIT:
                    break
            text = "\n".join(texts)
        elif kind in ("docx", "xlsx", "odt", "ods"):
            archive = zipfile.ZipFile(io.BytesIO(data))
            parts = {
                "docx": ["word/document.xml"],
                "xlsx": ["xl/sharedStrings.xml"],
                "odt": ["content.xml"],
                "ods": ["content.xml"],
            }[kind]
            if kind == "xlsx":
                parts += sorted(
                    name
                    for name in archive.namelist()
                    if name.startswith("xl/worksheets/") and name.endswith(".xml")
                )
            names = set(archive.namelist())
            text = "\n".join(_xml_text(archive.read(part)) for part in parts if part in names)
        else:
            return ""
    except Exception:
        return ""
    return " ".join(text.split())[:TEXT_LIMIT]


def pdf_thumbnail(data: bytes, *, width: int = 400) -> bytes | None:
    """The first page of a PDF as PNG bytes, or None when it cannot be drawn."""
    try:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(data)
        try:
            page = document[0]
            scale = width / max(page.get_width(), 1)
            bitmap = page.render(scale=scale)
            image = bitmap.to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", optimize=True)
            return buffer.getvalue()
        finally:
            document.close()
    except Exception:
        return None
