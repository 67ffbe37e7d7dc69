"""Template bundles: a folder with `manifest.json`, `index.html`, CSS and images (docs/visuals.md).

Shipped bundles live in `santral/visuals/bundles/<slug>/`; bundles a platform admin uploads are
unpacked (after `bundle_archive_check`) under `MEDIA_ROOT/visuals/bundles/<slug>/`. A bundle
is data, never code: its HTML is a Django template rendered by an engine with no loaders and
no tag libraries beyond the built-ins, and the renderer reads only the bundle's own files and
the site's media (render.py).
"""

import io
import json
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SHIPPED_ROOT = Path(__file__).resolve().parent / "bundles"
KINDS = ("event", "news", "budget", "representation")
LANGUAGES = ("tr", "en", "ar")
PAPER_MM = {"A4": (210, 297), "A3": (297, 420)}
ALLOWED_SUFFIXES = {
    ".html",
    ".css",
    ".json",
    ".png",
    ".jpg",
    ".jpeg",
    ".svg",
    ".woff2",
    ".ttf",
}
TEXT_SUFFIXES = {".html", ".css", ".json", ".svg"}
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,58}$")
# Anything that would make a request or run code, in HTML, CSS or SVG. Relative paths and
# data: URIs stay allowed; WeasyPrint runs no script, but a bundle with one is refused anyway.
FORBIDDEN_TEXT = [
    (re.compile(r"<\s*script", re.I), "script"),
    (re.compile(r"\bjavascript\s*:", re.I), "javascript:"),
    (re.compile(r"\bon[a-z]+\s*=", re.I), "on…="),
    (re.compile(r"[a-z][a-z0-9+.-]*://", re.I), "://"),
    (re.compile(r"(?<![a-z0-9-])//[a-z0-9.-]+\.[a-z]", re.I), "//"),
    (re.compile(r"@import", re.I), "@import"),
    (re.compile(r"\{%\s*(load|include|extends|debug|ssi)\b", re.I), "{% … %}"),
]


def max_archive_bytes() -> int:
    return getattr(settings, "SANTRAL_VISUALS_BUNDLE_MAX_BYTES", 10 * 1024 * 1024)


def max_unpacked_bytes() -> int:
    return getattr(settings, "SANTRAL_VISUALS_BUNDLE_MAX_UNPACKED_BYTES", 20 * 1024 * 1024)


def max_members() -> int:
    return getattr(settings, "SANTRAL_VISUALS_BUNDLE_MAX_FILES", 50)


def uploaded_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "visuals" / "bundles"


@dataclass(frozen=True)
class OutputSize:
    """One output of a bundle: pixels (social) or a paper size (print, with a PNG preview)."""

    name: str
    width_px: int
    height_px: int
    paper: str = ""

    @property
    def css_page_size(self) -> str:
        if self.paper:
            width, height = PAPER_MM["A4"]  # A3 is laid out as A4 and scaled (render.py)
            return f"{width}mm {height}mm"
        return f"{self.width_px}px {self.height_px}px"

    @property
    def zoom(self) -> float:
        if self.paper == "A3":
            return PAPER_MM["A3"][0] / PAPER_MM["A4"][0]
        return 1.0


@dataclass(frozen=True)
class FitRule:
    sizes_px: tuple[int, ...]
    max_lines: int


@dataclass(frozen=True)
class Bundle:
    slug: str
    path: Path
    name: str
    kind: str
    sizes: tuple[OutputSize, ...]
    fields: tuple[str, ...]
    languages: tuple[str, ...]
    fit: dict[str, FitRule] = field(default_factory=dict)

    def size(self, name: str) -> OutputSize:
        for size in self.sizes:
            if size.name == name:
                return size
        raise KeyError(name)


def _int(value, label: str) -> int:
    if not isinstance(value, int) or not 1 <= value <= 10000:
        raise ValidationError(
            _("manifest.json: %(label)s 1 ile 10000 arasında bir tam sayı olmalı.")
            % {"label": label}
        )
    return value


def manifest_parse(data: dict, *, slug: str, path: Path) -> Bundle:
    """A Bundle from a manifest's JSON; ValidationError naming the first wrong key."""
    if not isinstance(data, dict):
        raise ValidationError(_("manifest.json bir JSON nesnesi olmalı."))
    if data.get("kind") not in KINDS:
        raise ValidationError(
            _("manifest.json: kind şunlardan biri olmalı: %(kinds)s.") % {"kinds": ", ".join(KINDS)}
        )
    sizes = []
    for raw in data.get("sizes") or []:
        name = str(raw.get("name", ""))
        if not SLUG.match(name):
            raise ValidationError(_("manifest.json: her boyutun kısa bir adı (name) olmalı."))
        paper = raw.get("paper", "")
        if paper:
            if paper not in PAPER_MM:
                raise ValidationError(_("manifest.json: kâğıt boyutu A4 ya da A3 olmalı."))
            preview = _int(raw.get("preview_width_px", 1240), "preview_width_px")
            width_mm, height_mm = PAPER_MM[paper]
            sizes.append(OutputSize(name, preview, round(preview * height_mm / width_mm), paper))
        else:
            sizes.append(
                OutputSize(
                    name,
                    _int(raw.get("width_px"), "width_px"),
                    _int(raw.get("height_px"), "height_px"),
                )
            )
    if not sizes:
        raise ValidationError(_("manifest.json: en az bir çıktı boyutu (sizes) gerekli."))
    languages = tuple(data.get("languages") or ())
    if not languages or any(lang not in LANGUAGES for lang in languages):
        raise ValidationError(_("manifest.json: languages tr, en, ar dillerinden oluşmalı."))
    fit = {}
    for name, rule in (data.get("fit") or {}).items():
        steps = tuple(_int(step, f"fit.{name}.sizes_px") for step in rule.get("sizes_px") or ())
        if not steps or list(steps) != sorted(steps, reverse=True):
            raise ValidationError(
                _("manifest.json: fit.%(name)s.sizes_px büyükten küçüğe sıralı olmalı.")
                % {"name": name}
            )
        fit[name] = FitRule(steps, _int(rule.get("max_lines", 1), f"fit.{name}.max_lines"))
    return Bundle(
        slug=slug,
        path=path,
        name=str(data.get("name") or slug)[:100],
        kind=data["kind"],
        sizes=tuple(sizes),
        fields=tuple(str(f) for f in data.get("fields") or ()),
        languages=languages,
        fit=fit,
    )


def bundle_load(path: Path) -> Bundle:
    manifest = path / "manifest.json"
    if not manifest.is_file() or not (path / "index.html").is_file():
        raise ValidationError(_("Pakette manifest.json ve index.html bulunmalı."))
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except ValueError as error:
        raise ValidationError(_("manifest.json okunamadı: %(error)s") % {"error": error}) from error
    return manifest_parse(data, slug=path.name, path=path)


def bundles_available() -> dict[str, Bundle]:
    """Shipped bundles, then uploaded ones (an upload never replaces a shipped slug)."""
    found: dict[str, Bundle] = {}
    for root in (SHIPPED_ROOT, uploaded_root()):
        if not root.is_dir():
            continue
        for path in sorted(root.iterdir()):
            if path.is_dir() and SLUG.match(path.name) and path.name not in found:
                try:
                    found[path.name] = bundle_load(path)
                except ValidationError:
                    continue
    return found


def bundle_get(slug: str) -> Bundle:
    bundle = bundles_available().get(slug)
    if bundle is None:
        raise KeyError(slug)
    return bundle


# ------------------------------------------------------------------ uploaded archives


def _member_path(name: str) -> PurePosixPath:
    if "\\" in name or name.startswith("/") or re.match(r"^[a-zA-Z]:", name):
        raise ValidationError(_("Pakette mutlak yol var: %(name)s") % {"name": name})
    path = PurePosixPath(name)
    if any(part in ("..", "") for part in path.parts) or not path.parts:
        raise ValidationError(_("Pakette klasör dışına çıkan yol var: %(name)s") % {"name": name})
    return path


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """Read a member, stopping as soon as more than `cap` bytes come out (whatever the
    header claims): a zip bomb is refused without being decompressed in full."""
    chunks, total = [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(64 * 1024):
                total += len(chunk)
                if total > cap:
                    raise ValidationError(
                        _("Paket açıldığında çok büyük: %(name)s") % {"name": info.filename}
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
        # zipfile stops at the declared size and then fails the CRC: a member whose header
        # lies about its size ends here, never decompressed beyond what it declared.
        raise ValidationError(_("Paket bozuk: %(name)s") % {"name": info.filename}) from error
    return b"".join(chunks)


def bundle_archive_check(data: bytes) -> tuple[dict, dict[str, bytes]]:
    """Validate an uploaded zip; return (manifest data, files by relative path).

    Refused with a ValidationError naming the problem: too large, too many files, a file type
    outside the list, an absolute or `..` path, a symbolic link, more than the unpacked cap
    (checked while reading, not from the header alone), a script, a remote or `file://`
    address, a Django tag that loads other templates, or a missing/invalid manifest.
    """
    if len(data) > max_archive_bytes():
        raise ValidationError(_("Paket dosyası çok büyük."))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ValidationError(_("Dosya bir zip paketi değil.")) from error
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) > max_members():
        raise ValidationError(
            _("Pakette çok fazla dosya var (en çok %(n)s).") % {"n": max_members()}
        )
    budget = max_unpacked_bytes()
    for info in members:
        _member_path(info.filename)
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise ValidationError(
                _("Pakette bağlantı (symlink) var: %(name)s") % {"name": info.filename}
            )
        if PurePosixPath(info.filename).suffix.lower() not in ALLOWED_SUFFIXES:
            raise ValidationError(
                _("İzin verilmeyen dosya türü: %(name)s") % {"name": info.filename}
            )
        if info.file_size > budget:
            raise ValidationError(
                _("Paket açıldığında çok büyük: %(name)s") % {"name": info.filename}
            )
    files: dict[str, bytes] = {}
    for info in members:
        content = _read_capped(archive, info, budget)
        budget -= len(content)
        path = str(_member_path(info.filename))
        if PurePosixPath(path).suffix.lower() in TEXT_SUFFIXES:
            try:
                text = content.decode("utf-8")
            except UnicodeDecodeError as error:
                raise ValidationError(
                    _("Metin dosyası UTF-8 değil: %(name)s") % {"name": path}
                ) from error
            for pattern, label in FORBIDDEN_TEXT:
                if pattern.search(text):
                    raise ValidationError(
                        _(
                            "%(name)s izin verilmeyen bir şey içeriyor (%(what)s): "
                            "betik ya da uzak adres kullanılamaz."
                        )
                        % {"name": path, "what": label}
                    )
        files[path] = content
    if "manifest.json" not in files or "index.html" not in files:
        raise ValidationError(_("Pakette manifest.json ve index.html bulunmalı."))
    try:
        manifest = json.loads(files["manifest.json"])
    except ValueError as error:
        raise ValidationError(_("manifest.json okunamadı: %(error)s") % {"error": error}) from error
    manifest_parse(manifest, slug="upload", path=Path("."))
    return manifest, files
