"""Load Turkey's 81 provinces and 973 districts from the CSV files shipped with the app."""

import csv
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Turkish alphabetical order key; a frozen copy of santral.core.text.turkish_sort_key
# as it was when this migration was written (migrations must not import app code).
_ALPHABET = "abcçdefgğhıijklmnoöpqrsştuüvwxyz"
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}


def _sort_key(text):
    parts = []
    for char in text.replace("I", "ı").replace("İ", "i").lower():
        if char.isspace():
            if parts and parts[-1] != "000":
                parts.append("000")
        elif char.isdigit():
            parts.append(f"{1 + int(char):03d}")
        elif char in _RANK:
            parts.append(f"{20 + _RANK[char]:03d}")
    return "".join(parts)


def load(apps, schema_editor):
    Province = apps.get_model("councils", "Province")
    District = apps.get_model("councils", "District")
    with open(DATA_DIR / "provinces.csv", encoding="utf-8", newline="") as handle:
        provinces = {
            row["plate"]: Province.objects.update_or_create(
                plate=row["plate"],
                defaults={
                    "name": row["name"],
                    "is_metropolitan": row["is_metropolitan"] == "true",
                    "sort_key": _sort_key(row["name"]),
                },
            )[0]
            for row in csv.DictReader(handle)
        }
    with open(DATA_DIR / "districts.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            District.objects.update_or_create(
                province=provinces[row["plate"]],
                name=row["district"],
                defaults={"sort_key": _sort_key(row["district"])},
            )


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
