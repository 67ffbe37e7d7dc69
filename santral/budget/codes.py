"""Classification reference data: loading the shipped lists and validating codes against them.

Codes stay text end to end (`03.2.1.01`, `5`): never int(), never a spreadsheet date.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

DATA_DIR = Path(__file__).resolve().parent / "data"

KIND_FILES = {
    "functional": "functional_classification",
    "economic": "economic_classification_expense",
    "financing": "financing_type",
}


@dataclass(frozen=True)
class CodeRow:
    kind: str
    code: str
    level: int
    parent_code: str
    name: str
    verification_status: str
    evidence: str


def shipped_code_rows(data_dir: Path = DATA_DIR) -> list[CodeRow]:
    """The rows of the CSV lists in `data/`, each with its verification status.

    Financing types have no verification file: SOURCES.md marks 5, 7 and 8 verified and
    the rest standard; code 6 is explicitly unverified.
    """
    rows: list[CodeRow] = []
    for kind, stem in KIND_FILES.items():
        statuses: dict[str, tuple[str, str]] = {}
        verification = data_dir / f"{stem}.verification.csv"
        if verification.exists():
            with verification.open(encoding="utf-8", newline="") as handle:
                for item in csv.DictReader(handle):
                    statuses[item["code"]] = (item["status"], item.get("evidence") or "")
        with (data_dir / f"{stem}.csv").open(encoding="utf-8", newline="") as handle:
            for item in csv.DictReader(handle):
                code = item["code"].strip()
                if kind == "financing":
                    status = (
                        ("verified", "yerel.gen.tr FTS forum (SOURCES.md #6)")
                        if code in {"5", "7", "8"}
                        else ("standard_unverified", "SOURCES.md #6")
                    )
                else:
                    status = statuses.get(code, ("standard_unverified", ""))
                rows.append(
                    CodeRow(
                        kind=kind,
                        code=code,
                        level=int(item["level"]),
                        parent_code=(item.get("parent_code") or "").strip(),
                        name=item["name_tr"].strip(),
                        verification_status=status[0],
                        evidence=status[1],
                    )
                )
    return rows


def load_reference_codes(code_model, years: Iterable[int]) -> int:
    """Insert the shipped rows for each year where missing. Idempotent; returns rows added.

    Existing rows are left alone so a platform admin's correction is never overwritten.
    Works with the real model or a migration's historical model.
    """
    rows = shipped_code_rows()
    added = 0
    for year in years:
        existing = set(
            code_model.objects.filter(year=year, council__isnull=True).values_list("kind", "code")
        )
        fresh = [
            code_model(
                kind=row.kind,
                year=year,
                code=row.code,
                level=row.level,
                parent_code=row.parent_code,
                name=row.name,
                verification_status=row.verification_status,
                evidence=row.evidence,
            )
            for row in rows
            if (row.kind, row.code) not in existing
        ]
        code_model.objects.bulk_create(fresh)
        added += len(fresh)
    return added


def code_level_error(kind: str, code: str) -> str | None:
    """Why a code is not well formed, or None. Checks shape only, not existence."""
    import re

    patterns = {
        "functional": r"^\d{2}(\.\d(\.\d(\.\d{2})?)?)?$",
        "economic": r"^\d{2}(\.\d(\.\d(\.\d{2})?)?)?$",
        "financing": r"^\d$",
    }
    if not re.match(patterns[kind], code or ""):
        examples = {"functional": "08.2.0.01", "economic": "03.2.1.01", "financing": "5"}
        return _("“%(code)s” geçerli bir kod biçimi değil (ör. %(example)s).") % {
            "code": code,
            "example": examples[kind],
        }
    return None


def expected_level(code: str) -> int:
    return code.count(".") + 1 if code else 0
