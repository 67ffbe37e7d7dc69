"""Import budget and expenditure listings (CSV or XLSX) as Turkish municipal systems export them.

- CSV in every encoding Excel writes: UTF-8 (with or without BOM), UTF-16 (LE/BE, Excel's
  "Unicode text", tab-separated), Windows-1254 and ISO-8859-9; `;`, `,` or TAB separated;
- amounts like `1.234.567,89` (also `1234567.89` and spreadsheet numbers);
- dates like `26.11.2026` (also `26.11.26` = 2026, `2026-11-26` and spreadsheet dates);
- a column mapping (JSON) when the headers differ from the defaults (docs/budget-import.md).

Hostile files are bounded before they are materialised: file size, XLSX uncompressed size and
compression ratio, rows, columns and cells (`import_limits()`, SANTRAL_IMPORT_* settings).

`import_preview()` parses and validates without writing. `import_commit()` writes all rows
or none, and skips rows already imported (a hash of each row and its occurrence number), so
importing the same file twice adds nothing.
"""

import csv
import datetime
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from santral.core.audit import audit_record
from santral.core.exceptions import ensure
from santral.core.models import AuditRecord
from santral.core.money import MONEY_MAX, money_limit_display
from santral.core.page_cache import bump_generation
from santral.core.text import turkish_lower
from santral.councils.models import Council
from santral.councils.permissions import can_manage_money

from .models import (
    KURUMSAL_RE,
    BudgetLine,
    ClassificationCode,
    EntryKind,
    LedgerEntry,
    PayingUnit,
    PayingUnitKind,
    PeriodClosure,
)
from .xlsx import SheetLimits, SheetTooLarge, column_letters

FIELDS = {
    "entry_on": gettext_lazy("Tarih"),
    "kurumsal": gettext_lazy("Kurumsal kod"),
    "unit_name": gettext_lazy("Birim adı"),
    "functional": gettext_lazy("Fonksiyonel kod"),
    "financing": gettext_lazy("Finansman tipi"),
    "economic": gettext_lazy("Ekonomik kod"),
    "kind": gettext_lazy("İşlem türü"),
    "amount": gettext_lazy("Tutar"),
    "description": gettext_lazy("Açıklama"),
    "document_no": gettext_lazy("Belge no"),
    "project_label": gettext_lazy("Etkinlik/proje"),
}
REQUIRED = ("entry_on", "kurumsal", "functional", "financing", "economic", "kind", "amount")

# Header names we recognise without a mapping (compared after Turkish lower-casing).
DEFAULT_HEADERS = {
    "tarih": "entry_on",
    "işlem tarihi": "entry_on",
    "kurumsal": "kurumsal",
    "kurumsal kod": "kurumsal",
    "birim": "unit_name",
    "birim adı": "unit_name",
    "ödeyen birim": "unit_name",
    "ödeyen birim adı": "unit_name",
    "fonksiyonel": "functional",
    "fonksiyonel kod": "functional",
    "finansman": "financing",
    "finansman tipi": "financing",
    "ekonomik": "economic",
    "ekonomik kod": "economic",
    "tür": "kind",
    "işlem türü": "kind",
    "tutar": "amount",
    "tutar (tl)": "amount",
    "açıklama": "description",
    "belge no": "document_no",
    "etkinlik": "project_label",
    "etkinlik/proje": "project_label",
    "proje": "project_label",
}

DEFAULT_KINDS = {
    "başlangıç ödeneği": EntryKind.INITIAL,
    "başlangıç": EntryKind.INITIAL,
    "ek ödenek": EntryKind.ADDITION,
    "ek": EntryKind.ADDITION,
    "düşülen ödenek": EntryKind.REDUCTION,
    "düşülen": EntryKind.REDUCTION,
    "ödenek iptali": EntryKind.REDUCTION,
    "aktarma": EntryKind.TRANSFER,
    "taahhüt": EntryKind.COMMITMENT,
    "ödeme": EntryKind.PAYMENT,
    "gerçekleşme": EntryKind.PAYMENT,
    **{kind.value: kind.value for kind in EntryKind},
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Satır %(row)s, sütun “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ParsedRow:
    row: int
    entry_on: datetime.date
    kurumsal: str
    unit_name: str
    functional: str
    financing: str
    economic: str
    kind: str
    amount: Decimal
    description: str
    document_no: str
    project_label: str
    source_key: str = ""


@dataclass(frozen=True)
class PreviousImport:
    """The first import of the same file (same SHA-256) into the same council and year."""

    at: datetime.datetime
    actor: str
    created: int
    filename: str

    def __str__(self) -> str:
        return _(
            "Bu dosya daha önce içe aktarıldı: %(when)s, %(who)s, %(created)s kayıt (“%(file)s”)."
        ) % {
            "when": timezone.localtime(self.at).strftime("%d.%m.%Y %H:%M"),
            "who": self.actor,
            "created": self.created,
            "file": self.filename,
        }


@dataclass
class ImportResult:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0
    skipped: int = 0
    existing: set[str] = field(default_factory=set)
    # Set by the back office when a clean preview is kept for confirmation (staging.py).
    staged_token: str = ""
    filename: str = ""
    mapping_text: str = ""
    # Set when this very file was imported before (see previous_import()).
    previous: PreviousImport | None = None
    # Header cells of the columns the import does not read (shown in the preview, where a
    # column can be mapped to a field, e.g. a payer's name to the paying unit's name).
    unmapped_columns: list[str] = field(default_factory=list)
    # Fields no column feeds yet (what an unmapped column may be mapped to).
    free_fields: list[str] = field(default_factory=list)

    @property
    def unmapped_notice(self) -> str:
        if not self.unmapped_columns:
            return ""
        return _("Bu sütunlar içe aktarılmayacak (eşlenmedi): %(columns)s") % {
            "columns": ", ".join(f"“{name}”" for name in self.unmapped_columns)
        }


class ImportFailed(ValidationError):
    """The file has errors; nothing was written. `.errors_list` holds RowError items."""

    def __init__(self, errors: list[RowError]):
        self.errors_list = errors
        super().__init__([str(error) for error in errors])


# ---------------------------------------------------------------- reading files


def _fold(text: str) -> str:
    return " ".join(turkish_lower(str(text or "")).split())


def import_limits() -> SheetLimits:
    """The SANTRAL_IMPORT_* settings (config/settings/base.py), read at call time."""
    return SheetLimits(
        max_uncompressed_bytes=settings.SANTRAL_IMPORT_MAX_UNCOMPRESSED_BYTES,
        max_compression_ratio=settings.SANTRAL_IMPORT_MAX_COMPRESSION_RATIO,
        max_rows=settings.SANTRAL_IMPORT_MAX_ROWS,
        max_columns=settings.SANTRAL_IMPORT_MAX_COLUMNS,
        max_cells=settings.SANTRAL_IMPORT_MAX_CELLS,
    )


def file_size_error(size: int) -> str | None:
    """A Turkish message when `size` bytes is over SANTRAL_IMPORT_MAX_BYTES, else None."""
    limit = settings.SANTRAL_IMPORT_MAX_BYTES
    if size <= limit:
        return None
    return _("Dosya çok büyük (%(size)s MB); en fazla %(limit)s MB yüklenebilir.") % {
        "size": f"{size / (1 << 20):.1f}".replace(".", ","),
        "limit": f"{limit / (1 << 20):.1f}".replace(".", ","),
    }


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
ENCODING_ERROR = gettext_lazy(
    "Dosyanın karakter kodlaması tanınamadı. Dosyayı UTF-8, UTF-16 (Excel'de “Unicode "
    "metin”), Windows-1254 ya da ISO-8859-9 olarak kaydedin."
)


def _utf16_without_bom(content: bytes) -> str | None:
    """UTF-16 text has a NUL in every other byte for Latin letters: its side gives the order."""
    sample = content[:4096]
    if b"\x00" not in sample:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = max(len(sample) // 2, 1)
    if odd > half * 0.3 and odd > even:
        return "utf-16-le"
    if even > half * 0.3 and even > odd:
        return "utf-16-be"
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _looks_like_text(text: str) -> bool:
    """No NUL anywhere and no control character (other than TAB, CR, LF) near the start."""
    return "\x00" not in text and not _CONTROL.search(text[:4096])


def decode_text(content: bytes, encoding: str | None = None) -> str:
    """Bytes of a CSV/TSV file → text, in every encoding Excel writes. Raises ValueError.

    A BOM decides (UTF-8, UTF-16 LE/BE); UTF-16 without a BOM is recognised by its NUL bytes;
    then UTF-8; else Windows-1254. ISO-8859-9 is read as Windows-1254: both put ğüşöçıİ on the
    same bytes and differ only in 0x80–0x9F, which ISO-8859-9 leaves to control codes that a
    text file does not hold. Bytes that decode to control characters (a binary file, another
    encoding) are refused. `encoding` (the mapping's) overrides the detection.
    """
    if encoding:
        text = content.decode(encoding)
    else:
        for bom, codec in _BOMS:
            if content.startswith(bom):
                text = content[len(bom) :].decode(codec)
                break
        else:
            text = None
            codec = _utf16_without_bom(content)
            if codec:
                try:
                    text = content.decode(codec)
                except UnicodeDecodeError:
                    text = None
                if text is not None and not _looks_like_text(text):
                    text = None
            if text is None:
                try:
                    text = content.decode("utf-8")
                except UnicodeDecodeError:
                    text = content.decode("cp1254")
    text = text.removeprefix("\ufeff")  # a BOM left by an explicit `encoding`
    text = text.rstrip("\x1a")  # DOS end-of-file mark from old accounting systems
    if not _looks_like_text(text):
        raise ValueError("not a text file")
    return text


def _delimiter(text: str) -> str:
    """The separator the header line uses most: TAB (Excel's "Unicode text"), `;` or `,`."""
    first_line = text.split("\n", 1)[0]
    tabs, semicolons, commas = (first_line.count(sep) for sep in ("\t", ";", ","))
    if tabs > semicolons and tabs > commas:
        return "\t"
    return ";" if semicolons >= commas else ","


# Excel's own limit for one cell. csv's field_size_limit is process-wide (a library may raise
# it), so the importer checks its own bound.
MAX_CELL_CHARS = 32_767


def _file_error(line: int, column: str, message: str) -> "ImportFailed":
    """A limit reached while reading: the whole file is refused, naming where."""
    return ImportFailed([RowError(line, column, message)])


def _read_csv(text: str, delimiter: str, limits: SheetLimits) -> list[list]:
    """Rows of the text, stopping at the first limit (row/column named in the error)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list] = []
    cells = 0
    try:
        for row in reader:
            if len(rows) >= limits.max_rows:
                raise _file_error(
                    reader.line_num,
                    "-",
                    _("dosyada %(limit)s satırdan fazla var; dosyayı bölün")
                    % {"limit": limits.max_rows},
                )
            if len(row) > limits.max_columns:
                raise _file_error(
                    reader.line_num,
                    column_letters(limits.max_columns),
                    _("en fazla %(limit)s sütun okunur; bu satırda %(count)s sütun var")
                    % {"limit": limits.max_columns, "count": len(row)},
                )
            for index, cell in enumerate(row):
                if len(cell) > MAX_CELL_CHARS:
                    raise _file_error(
                        reader.line_num,
                        column_letters(index),
                        _("hücrede %(count)s karakter var; en fazla %(limit)s olabilir")
                        % {"count": len(cell), "limit": MAX_CELL_CHARS},
                    )
            cells += len(row)
            if cells > limits.max_cells:
                raise _file_error(
                    reader.line_num,
                    "-",
                    _("dosyada %(limit)s hücreden fazla var; dosyayı bölün")
                    % {"limit": limits.max_cells},
                )
            if any(cell.strip() for cell in row):
                rows.append(row)
    except csv.Error as error:
        raise ImportFailed(
            [RowError(reader.line_num, "-", _("CSV satırı okunamadı (%(e)s)") % {"e": error})]
        ) from error
    return rows


def read_table(content: bytes, *, filename: str = "", mapping: dict | None = None) -> list[list]:
    """All rows of a CSV or XLSX file (first row = header) as lists of cell values.

    Every limit is checked before the rows are built; a file over one raises ImportFailed
    with a Turkish message naming the row and column where it can (0 / "-" for the file).
    """
    mapping = mapping or {}
    too_big = file_size_error(len(content))
    if too_big:
        raise ImportFailed([RowError(0, "-", too_big)])
    limits = import_limits()
    if content[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx"):
        from .xlsx import read_xlsx_rows

        try:
            rows = read_xlsx_rows(content, mapping.get("sheet"), limits=limits)
        except SheetTooLarge as error:
            raise ImportFailed([RowError(error.row, error.column, str(error))]) from error
        except Exception as error:  # a broken archive or XML raises many kinds
            raise ImportFailed(
                [RowError(0, "-", _("XLSX dosyası okunamadı: %(e)s") % {"e": error})]
            ) from error
        return [row for row in rows if any(cell not in (None, "") for cell in row)]
    try:
        text = decode_text(content, mapping.get("encoding"))
    except (UnicodeError, ValueError, LookupError) as error:
        raise ImportFailed([RowError(0, "-", str(ENCODING_ERROR))]) from error
    delimiter = mapping.get("delimiter") or _delimiter(text)
    return _read_csv(text, delimiter, limits)


# ---------------------------------------------------------------- parsing cells

_THOUSANDS_ONLY = re.compile(r"^\d{1,3}(\.\d{3})+$")
_DOT_DECIMAL = re.compile(r"^\d+(\.\d{1,2})?$")
_COMMA_DECIMAL = re.compile(r"^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$")


def parse_amount(value) -> Decimal:
    """`1.234.567,89`, `1234567.89`, `-500,25` or a spreadsheet number → Decimal.

    Raises ValueError with a Turkish message otherwise.
    """
    if isinstance(value, bool):
        raise ValueError(_("tutar değil"))
    if isinstance(value, (int, Decimal)):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(repr(value))
    elif isinstance(value, (datetime.date, datetime.time)):
        raise ValueError(_("tutar değil"))
    else:
        text = str(value or "").strip().replace("TL", "").replace("₺", "").replace(" ", "")
        text = text.replace("\u00a0", "")
        negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
        text = text.strip("-()")
        if not text:
            raise ValueError(_("tutar boş"))
        if "," in text:
            if not _COMMA_DECIMAL.match(text):
                raise ValueError(_("“%(v)s” bir tutar değil (ör. 1.234.567,89)") % {"v": value})
            text = text.replace(".", "").replace(",", ".")
        elif _THOUSANDS_ONLY.match(text):
            text = text.replace(".", "")
        elif not _DOT_DECIMAL.match(text):
            raise ValueError(_("“%(v)s” bir tutar değil (ör. 1.234.567,89)") % {"v": value})
        amount = Decimal(text)
        if negative:
            amount = -amount
    if not amount.is_finite() or abs(amount) > MONEY_MAX:  # exact bound: santral/core/money.py
        raise ValueError(
            _("tutar en fazla %(limit)s TL olabilir") % {"limit": money_limit_display()}
        )
    try:
        exact = amount.quantize(Decimal("0.01"))
    except InvalidOperation as error:
        raise ValueError(
            _("tutar en fazla %(limit)s TL olabilir") % {"limit": money_limit_display()}
        ) from error
    if amount != exact:
        raise ValueError(_("tutar en fazla iki ondalık (kuruş) içerebilir"))
    return exact


_DAY_MONTH_YEAR = re.compile(
    r"^(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def parse_date(value) -> datetime.date:
    """`26.11.2026`, `26.11.26`, `2026-11-26` or a spreadsheet date → date; a time Excel adds
    (`26.11.2026 00:00`) is ignored. Else ValueError (in Turkish).

    Two-digit years are 20xx (`26.11.26` → 2026-11-26): ledgers start after the 2005
    municipal law, and the date must fall in the budget year anyway, so 19xx never fits.
    """
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    match = _DAY_MONTH_YEAR.match(text)
    iso = _ISO_DATE.match(text)
    if match:
        day, _sep, month, year_text = match.groups()
        day, month, year = int(day), int(month), int(year_text)
        if len(year_text) == 2:
            year += 2000
    elif iso:
        year, month, day = (int(part) for part in iso.groups())
    else:
        raise ValueError(_("“%(v)s” bir tarih değil (ör. 26.11.2026)") % {"v": text})
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise ValueError(_("“%(v)s” takvimde olmayan bir tarih") % {"v": text}) from error


def _code_text(value) -> str:
    """Codes must arrive as text; a number means a spreadsheet already ate the leading zero."""
    if isinstance(value, (int, float, Decimal, datetime.date)):
        raise ValueError(
            _(
                "kod sayı ya da tarih olarak kaydedilmiş; "
                "hücreyi metin biçiminde yazın (ör. 03.2.1.01)"
            )
        )
    return str(value or "").strip()


# ---------------------------------------------------------------- validation


class _Catalogue:
    """The year's valid codes, loaded once per import (a few queries, not one per row)."""

    def __init__(self, council: Council, year: int):
        self.codes: dict[str, set[str]] = {
            "functional": set(),
            "economic": set(),
            "financing": set(),
        }
        for kind, code, level in ClassificationCode.objects.filter(
            Q(council__isnull=True) | Q(council=council), year=year, is_active=True
        ).values_list("kind", "code", "level"):
            if kind == "financing" or level >= 3:
                self.codes[kind].add(code)
        closures = PeriodClosure.objects.filter(council=council, fiscal_year=year)
        self.year_closed = closures.filter(month__isnull=True).exists()
        self.closed_months = set(
            closures.exclude(month__isnull=True).values_list("month", flat=True)
        )


def _resolve_columns(header: list, mapping: dict) -> tuple[dict[str, int], list[RowError]]:
    columns = {_fold(k): v for k, v in (mapping.get("columns") or {}).items()}
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _fold(name)
        target = columns.get(key) or (DEFAULT_HEADERS.get(key) if not mapping.get("only") else None)
        if target in FIELDS and target not in found:
            found[target] = index
    errors = [
        RowError(1, str(FIELDS[name]), _("zorunlu sütun dosyada yok"))
        for name in REQUIRED
        if name not in found
    ]
    return found, errors


def unmapped_columns(header: list, columns: dict[str, int]) -> list[str]:
    """Header cells of the columns no field reads (blank headers with no data are skipped)."""
    used = set(columns.values())
    return [
        str(name).strip() or column_letters(index)
        for index, name in enumerate(header)
        if index not in used and str(name or "").strip()
    ]


def parse_rows(
    table: list[list], *, council: Council, year: int, mapping: dict | None = None
) -> ImportResult:
    """Validate every row; collect all errors (row, column, why) instead of stopping at one."""
    mapping = mapping or {}
    result = ImportResult()
    if not table:
        result.errors.append(RowError(1, "-", _("dosya boş")))
        return result
    columns, errors = _resolve_columns(table[0], mapping)
    result.unmapped_columns = unmapped_columns(table[0], columns)
    result.free_fields = [name for name in FIELDS if name not in columns]
    if errors:
        result.errors.extend(errors)
        return result
    kinds = {**DEFAULT_KINDS, **{_fold(k): v for k, v in (mapping.get("kinds") or {}).items()}}
    catalogue = _Catalogue(council, year)
    plate = council.province.plate
    seen: Counter = Counter()
    for offset, raw in enumerate(table[1:], start=2):
        cells = {
            name: (raw[index] if index < len(raw) else None) for name, index in columns.items()
        }
        row_errors: list[RowError] = []

        def fail(name: str, message: str, _row=offset, _errors=row_errors) -> None:
            _errors.append(RowError(_row, str(FIELDS[name]), message))

        values: dict = {}
        try:
            values["entry_on"] = parse_date(cells["entry_on"])
            day = values["entry_on"]
            if day.year != year:
                fail("entry_on", _("tarih %(year)s bütçe yılında değil") % {"year": year})
            elif catalogue.year_closed or day.month in catalogue.closed_months:
                fail("entry_on", _("bu tarihin dönemi kapalı"))
        except ValueError as error:
            fail("entry_on", str(error))
        try:
            values["amount"] = parse_amount(cells["amount"])
        except ValueError as error:
            fail("amount", str(error))
        kind_text = _fold(cells["kind"])
        values["kind"] = kinds.get(kind_text)
        if values["kind"] is None:
            fail("kind", _("“%(v)s” bilinmeyen işlem türü") % {"v": cells["kind"] or ""})
        for name in ("kurumsal", "functional", "financing", "economic"):
            try:
                values[name] = _code_text(cells[name])
            except ValueError as error:
                fail(name, str(error))
        if "kurumsal" in values:
            if not re.match(KURUMSAL_RE, values["kurumsal"]):
                fail(
                    "kurumsal", _("“%(v)s” 46.PP.II.BB biçiminde değil") % {"v": values["kurumsal"]}
                )
            elif values["kurumsal"][3:5] != plate:
                fail("kurumsal", _("il plakası %(p)s olmalı") % {"p": plate})
        for name in ("functional", "economic", "financing"):
            if name in values and values[name] not in catalogue.codes[name]:
                fail(name, _("“%(v)s” %(year)s listesinde yok") % {"v": values[name], "year": year})
        amount, kind = values.get("amount"), values.get("kind")
        if amount is not None and kind is not None:
            if kind in (EntryKind.INITIAL, EntryKind.ADDITION, EntryKind.PAYMENT) and amount <= 0:
                fail("amount", _("bu işlem türünde tutar sıfırdan büyük olmalı"))
            elif amount == 0:
                fail("amount", _("tutar sıfır olamaz"))
            elif kind == EntryKind.REDUCTION:
                values["amount"] = -abs(amount)  # düşülen ödenek is stored negative
        if row_errors:
            result.errors.extend(row_errors)
            continue
        parsed = ParsedRow(
            row=offset,
            entry_on=values["entry_on"],
            kurumsal=values["kurumsal"],
            unit_name=str(cells.get("unit_name") or "").strip(),
            functional=values["functional"],
            financing=values["financing"],
            economic=values["economic"],
            kind=values["kind"],
            amount=values["amount"],
            description=str(cells.get("description") or "").strip()[:255],
            document_no=str(cells.get("document_no") or "").strip()[:80],
            project_label=str(cells.get("project_label") or "").strip()[:200],
        )
        fingerprint = "|".join(
            str(part)
            for part in (
                council.pk,
                year,
                parsed.entry_on.isoformat(),
                parsed.kurumsal,
                parsed.functional,
                parsed.financing,
                parsed.economic,
                parsed.kind,
                parsed.amount,
                parsed.description,
                parsed.document_no,
                parsed.project_label,
            )
        )
        seen[fingerprint] += 1  # identical rows in one file are distinct entries
        parsed.source_key = hashlib.sha256(
            f"{fingerprint}|{seen[fingerprint]}".encode()
        ).hexdigest()
        result.rows.append(parsed)
    return result


def previous_import(*, council: Council, year: int, content: bytes) -> PreviousImport | None:
    """The first import of these exact bytes (SHA-256, as staging.py names files) into this
    council's year, read from its audit record; None when the file is new here."""
    record = (
        AuditRecord.objects.filter(
            action="budget.import",
            council_id=council.pk,
            after__sha256=hashlib.sha256(content).hexdigest(),
            after__year=year,
        )
        .select_related("actor")
        .order_by("at", "id")
        .first()
    )
    if record is None:
        return None
    actor = record.actor
    who = str(actor) if actor else _("komut satırı")
    after = record.after or {}
    return PreviousImport(
        at=record.at,
        actor=who,
        created=int(after.get("created") or 0),
        filename=str(after.get("file") or ""),
    )


def import_preview(
    *, council: Council, year: int, content: bytes, filename: str = "", mapping: dict | None = None
) -> ImportResult:
    """Parse and validate; writes nothing. Rows already imported count as `skipped`; when
    the same file was imported before, `previous` names that import."""
    try:
        table = read_table(content, filename=filename, mapping=mapping)
    except ImportFailed as failure:
        return ImportResult(errors=failure.errors_list)
    result = parse_rows(table, council=council, year=year, mapping=mapping)
    result.previous = previous_import(council=council, year=year, content=content)
    result.existing = _existing_keys(council, year)
    result.skipped = sum(1 for row in result.rows if row.source_key in result.existing)
    return result


ENTRY_COLUMNS = (
    "council_id",
    "fiscal_year",
    "line_id",
    "kind",
    "amount",
    "entry_on",
    "description",
    "document_no",
    "project_label",
    "reason",
    "source_key",
    "created_by_id",
    "created_at",
)


def _insert_entries(council: Council, year: int, entries: list, actor) -> None:
    """Insert imported entries: PostgreSQL COPY when available (fast), bulk_create elsewhere."""
    from django.db import connection
    from django.utils import timezone

    created_by = actor.pk if getattr(actor, "is_authenticated", False) else None
    now = timezone.now()
    if connection.vendor == "postgresql":
        table = LedgerEntry._meta.db_table
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({', '.join(ENTRY_COLUMNS)}) FROM STDIN") as copy:
                for line_id, row in entries:
                    copy.write_row(
                        (
                            council.pk,
                            year,
                            line_id,
                            row.kind,
                            row.amount,
                            row.entry_on,
                            row.description,
                            row.document_no,
                            row.project_label,
                            "",
                            row.source_key,
                            created_by,
                            now,
                        )
                    )
        return
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                council=council,
                fiscal_year=year,
                line_id=line_id,
                kind=row.kind,
                amount=row.amount,
                entry_on=row.entry_on,
                description=row.description,
                document_no=row.document_no,
                project_label=row.project_label,
                source_key=row.source_key,
                created_by_id=created_by,
            )
            for line_id, row in entries
        ],
        batch_size=2000,
    )


def _existing_keys(council: Council, year: int) -> set[str]:
    """Source keys already imported into this council's year, in one indexed query.

    (An `IN (…5000 keys…)` filter made PostgreSQL compare every imported row with the whole
    list; reading the year's keys once is linear.)
    """
    return set(
        LedgerEntry.objects.filter(council=council, fiscal_year=year)
        .exclude(source_key="")
        .values_list("source_key", flat=True)
        .iterator(chunk_size=20000)
    )


@transaction.atomic
def import_commit(
    *,
    actor,
    council: Council,
    year: int,
    content: bytes,
    filename: str = "",
    mapping: dict | None = None,
) -> ImportResult:
    """Write every valid row, or nothing when any row has an error (raises ImportFailed).

    `actor=None` is the command line (a system import); otherwise the actor must be allowed
    to manage the council's money. One audit record describes the whole import.
    """
    if actor is not None:
        ensure(can_manage_money(actor, council), _("Bu konseyin parasını yönetme yetkiniz yok."))
    result = import_preview(
        council=council, year=year, content=content, filename=filename, mapping=mapping
    )
    if result.errors:
        raise ImportFailed(result.errors)
    fresh = [row for row in result.rows if row.source_key not in result.existing]
    units = {
        unit.kurumsal_code: unit
        for unit in PayingUnit.objects.select_for_update().filter(council=council, fiscal_year=year)
    }
    lines = {
        (line.paying_unit_id, line.functional_code, line.financing_code, line.economic_code): line
        for line in BudgetLine.objects.filter(council=council, fiscal_year=year)
    }
    entries = []
    renamed: dict[str, str] = {}
    for row in fresh:
        unit = units.get(row.kurumsal)
        if (
            unit is not None
            and row.unit_name
            and unit.name == _placeholder_name(unit.kurumsal_code)
        ):
            # The unit was created from its code alone; the file now names it.
            renamed[unit.kurumsal_code] = row.unit_name
            unit.name = row.unit_name
            unit.save(update_fields=["name"])
        if unit is None:
            unit = PayingUnit.objects.create(
                council=council,
                fiscal_year=year,
                kurumsal_code=row.kurumsal,
                name=row.unit_name or _placeholder_name(row.kurumsal),
                kind=_unit_kind(row.unit_name),
            )
            units[row.kurumsal] = unit
        key = (unit.pk, row.functional, row.financing, row.economic)
        line = lines.get(key)
        if line is None:
            line = BudgetLine.objects.create(
                council=council,
                fiscal_year=year,
                paying_unit=unit,
                functional_code=row.functional,
                financing_code=row.financing,
                economic_code=row.economic,
            )
            lines[key] = line
        entries.append((line.pk, row))
    _insert_entries(council, year, entries, actor)
    result.created = len(entries)
    result.skipped = len(result.rows) - len(entries)
    audit_record(
        actor=actor,
        action="budget.import",
        target=None,
        council_id=council.pk,
        after={
            "file": filename,
            "sha256": hashlib.sha256(content).hexdigest(),
            "year": year,
            "created": result.created,
            "skipped": result.skipped,
            "total": str(sum((row.amount for _line, row in entries), Decimal("0.00"))),
            "renamed_units": renamed,
        },
    )
    # COPY / bulk_create send no post_save: tell the page cache once the rows are visible.
    bulk_write_done()
    return result


def _unit_kind(name: str) -> str:
    """ "Özel Kalem" in the paying unit's name marks the Private Office (route b)."""
    return PayingUnitKind.PRIVATE_OFFICE if "özel kalem" in _fold(name) else PayingUnitKind.UNIT


def _placeholder_name(kurumsal: str) -> str:
    return _("Birim %(code)s") % {"code": kurumsal}


def bulk_write_done() -> None:
    """Advance the page cache's generation after a bulk write (no model signals fire).

    Now, and again after the commit, so a page built from the old rows while the
    transaction was open is not kept under the new generation.
    """
    bump_generation()
    transaction.on_commit(bump_generation)


# ---------------------------------------------------------------- official classification lists

CODE_HEADERS = {
    "kod": "code",
    "code": "code",
    "ad": "name",
    "adı": "name",
    "açıklama": "name",
    "name_tr": "name",
}


@transaction.atomic
def classification_import(
    *,
    actor,
    kind: str,
    year: int,
    content: bytes,
    filename: str = "",
    mapping: dict | None = None,
    commit: bool = True,
) -> ImportResult:
    """Load an official list (the budget authority's Excel annex, or CSV) for one kind and year.

    Columns: code and name (defaults `Kod`, `Ad`; a mapping's `columns` may rename them to
    `code`/`name`). Each code must be well formed and its parent must be in the file or
    already in the year's list. New codes are added and existing ones renamed, all marked
    `official_import`; all or nothing; audited. Platform admins only (`actor=None` is the CLI).
    """
    from santral.councils.permissions import is_platform_admin

    from .codes import code_level_error, expected_level

    if actor is not None:
        ensure(is_platform_admin(actor), _("Resmî listeyi yalnızca platform yöneticisi yükler."))
    mapping = mapping or {}
    result = ImportResult()
    try:
        table = read_table(content, filename=filename, mapping=mapping)
    except ImportFailed as failure:
        result.errors = failure.errors_list
        raise ImportFailed(result.errors) from None
    if not table:
        raise ImportFailed([RowError(1, "-", _("dosya boş"))])
    renames = {_fold(k): v for k, v in (mapping.get("columns") or {}).items()}
    columns: dict[str, int] = {}
    for index, header in enumerate(table[0]):
        target = renames.get(_fold(header)) or CODE_HEADERS.get(_fold(header))
        if target in ("code", "name") and target not in columns:
            columns[target] = index
    missing = [name for name in ("code", "name") if name not in columns]
    if missing:
        raise ImportFailed(
            [
                RowError(1, {"code": "Kod", "name": "Ad"}[m], _("zorunlu sütun dosyada yok"))
                for m in missing
            ]
        )
    known = set(
        ClassificationCode.objects.filter(kind=kind, year=year, council__isnull=True).values_list(
            "code", flat=True
        )
    )
    rows: list[tuple[str, str]] = []
    row_of: dict[str, int] = {}
    in_file: set[str] = set()
    for offset, raw in enumerate(table[1:], start=2):
        code_cell = raw[columns["code"]] if columns["code"] < len(raw) else None
        name = str((raw[columns["name"]] if columns["name"] < len(raw) else "") or "").strip()
        try:
            code = _code_text(code_cell)
        except ValueError as error:
            result.errors.append(RowError(offset, "Kod", str(error)))
            continue
        shape = code_level_error(kind, code)
        if shape:
            result.errors.append(RowError(offset, "Kod", shape))
            continue
        if not name:
            result.errors.append(RowError(offset, "Ad", _("ad boş")))
            continue
        if code in in_file:
            result.errors.append(RowError(offset, "Kod", _("kod dosyada iki kez geçiyor")))
            continue
        in_file.add(code)
        row_of[code] = offset
        rows.append((code, name))
    for code, _name in rows:
        parent = code.rsplit(".", 1)[0] if "." in code else ""
        if parent and parent not in in_file and parent not in known:
            result.errors.append(
                RowError(
                    row_of[code],
                    "Kod",
                    _("“%(code)s” kodunun üst kodu “%(parent)s” yok")
                    % {"code": code, "parent": parent},
                )
            )
    if result.errors:
        raise ImportFailed(result.errors)
    existing = {
        row.code: row
        for row in ClassificationCode.objects.select_for_update().filter(
            kind=kind, year=year, council__isnull=True
        )
    }
    fresh = []
    for code, name in rows:
        level = expected_level(code) if kind != "financing" else 1
        row = existing.get(code)
        if row is None:
            fresh.append(
                ClassificationCode(
                    kind=kind,
                    year=year,
                    code=code,
                    level=level,
                    parent_code=code.rsplit(".", 1)[0] if level > 1 else "",
                    name=name,
                    verification_status="official_import",
                    evidence=filename,
                )
            )
        elif row.name != name or row.verification_status != "official_import":
            row.name = name
            row.verification_status = "official_import"
            row.evidence = filename
            row.save(update_fields=["name", "verification_status", "evidence"])
            result.skipped += 1
    if not commit:
        transaction.set_rollback(True)
        result.created = len(fresh)
        return result
    ClassificationCode.objects.bulk_create(fresh)
    result.created = len(fresh)
    bulk_write_done()
    audit_record(
        actor=actor,
        action="budget.codes.import",
        target=None,
        after={
            "kind": kind,
            "year": year,
            "file": filename,
            "added": result.created,
            "updated": result.skipped,
            "sha256": hashlib.sha256(content).hexdigest(),
        },
    )
    return result
