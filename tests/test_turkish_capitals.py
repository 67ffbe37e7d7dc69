"""The capital dotted İ: our strings and the labels made from them (docs/language.md).

Two ways Turkish loses the dot: a string typed with an ASCII "I" ("Ilgili"), and a lower-case
name capitalised by Django's capfirst, which uses str.upper() ("ilgili proje" → "Ilgili
proje"). The first is caught by scanning our .po msgids, templates and Python strings for common
words that start with "İ"; the second by capitalising every model field's name under Turkish
and by rendering a back-office form.
"""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

ROOT = Path(__file__).resolve().parent.parent

# Common words that start with the capital dotted İ (stems: any Turkish suffix may follow).
STEMS = [
    "lgi",  # İlgi, İlgili
    "mza",  # İmza, İmzalayan
    "lçe",
    "letişim",
    "leti",  # İletim, İleti
    "statistik",
    "çerik",
    "çin",
    "şlem",
    "ptal",
    "leri",  # İleri
    "lerle",  # İlerleme
    "ndir",
    "nceleme",
    "zin",
    "sim",
    "stek",
    "lan",
    "kram",
    "nsan",
    "dare",
    "htiyaç",
    "şbirliği",
    "zmir",
    "stihdam",
    "lk",  # İlk
    "yi",  # İyi
    "kinci",
    "ndirim",
    "lke",
    "çeri",
]
# Short words flagged only on their own ("Işık" and "Ilık" are right).
WHOLE_WORDS = ["Il", "Iller", "Ile", "Iş", "Işler", "Işte"]
LOST_DOT = re.compile(
    r"(?<![\w])(?:I(?:"
    + "|".join(STEMS)
    + r")[a-zçğıöşüâîû]*|"
    + "|".join(WHOLE_WORDS)
    + r")(?!\w)"
)


def _offenders(text: str) -> list[str]:
    return LOST_DOT.findall(text)


def test_the_word_list_catches_the_lost_dot_and_leaves_dotless_words_alone():
    assert _offenders("Ilgili proje · Imzalayan · Ilgi · Iptal · Il · Işlem · Ilçeler") == [
        "Ilgili",
        "Imzalayan",
        "Ilgi",
        "Iptal",
        "Il",
        "Işlem",
        "Ilçeler",
    ]
    assert _offenders("İlgili proje · Işık · Ilık · Ilgaz · Isparta · Iğdır · Index · If") == []


def _po_msgids(path: Path) -> list[str]:
    msgids, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("msgid ", "msgid_plural ")):
            current = [line.split(" ", 1)[1]]
            msgids.append(current)
        elif line.startswith('"') and current is not None:
            current.append(line)
        else:
            current = None
    return ["".join(ast.literal_eval(part) for part in parts) for parts in msgids]


def _our_python_files():
    for path in sorted([*(ROOT / "santral").rglob("*.py"), *(ROOT / "config").rglob("*.py")]):
        if "tests" not in path.relative_to(ROOT).parts:
            yield path


def _template_files():
    for base in [ROOT / "templates", ROOT / "santral"]:
        for pattern in ("*.html", "*.txt", "*.xml"):
            yield from sorted(p for p in base.rglob(pattern) if "templates" in p.parts)


def test_po_msgids_keep_the_dotted_capital_i():
    found = {
        str(path.relative_to(ROOT)): hits
        for path in sorted((ROOT / "locale").rglob("*.po"))
        if (hits := [w for msgid in _po_msgids(path) for w in _offenders(msgid)])
    }
    assert found == {}


def test_templates_keep_the_dotted_capital_i():
    found = {
        str(path.relative_to(ROOT)): hits
        for path in _template_files()
        if (hits := _offenders(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_python_strings_keep_the_dotted_capital_i():
    found = {}
    for path in _our_python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        hits = [
            word
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            if id(node) not in docstrings
            for word in _offenders(node.value)
        ]
        if hits:
            found[str(path.relative_to(ROOT))] = hits
    assert found == {}


def _santral_fields():
    for model in apps.get_models():
        if model.__module__.startswith("santral."):
            for field in model._meta.get_fields():
                name = getattr(field, "verbose_name", None)
                if name and str(name)[:1] in ("i", "ı"):
                    yield model, field


def test_capfirst_under_turkish_writes_the_dotted_capital_i():
    assert len(list(_santral_fields())) > 20
    expected = {"i": "İ", "ı": "I"}
    with translation.override("tr"):
        wrong = {
            f"{model.__name__}.{field.name}": str(capfirst(field.verbose_name))
            for model, field in _santral_fields()
            if str(capfirst(field.verbose_name))[0] != expected[str(field.verbose_name)[0]]
        }
        assert wrong == {}
        assert Template("{{ 'ilgi'|capfirst }} {{ 'ışık'|capfirst }}").render(Context()) == (
            "İlgi Işık"
        )
    with translation.override("en"):
        assert str(capfirst("ilgili proje")) == "Ilgili proje"  # English keeps its own rules


def test_form_labels_from_lower_case_names_keep_the_dot():
    from santral.partners.forms import SupportRequestForm

    with translation.override("tr"):
        labels = {name: str(field.label) for name, field in SupportRequestForm.base_fields.items()}
    assert labels["project"] == "İlgili proje"
    assert labels["references"] == "İlgi"
    assert labels["signatory_name"] == "İmzalayan"
    assert labels["needed_by"] == "İhtiyaç tarihi"


def test_resource_kind_in_a_letter_is_lower_cased_with_turkish_rules():
    from santral.core.text import turkish_lower_text

    with translation.override("tr"):
        assert turkish_lower_text("İkram") == "ikram"
        assert turkish_lower_text("Ses ve Işık") == "ses ve ışık"
    with translation.override("en"):
        assert turkish_lower_text("Interpreters") == "interpreters"


@pytest.mark.django_db
def test_the_support_request_form_in_the_back_office_says_ilgili_proje(client, cast):
    client.force_login(cast.editor_a)
    html = client.get(reverse("destek-yazilari:add")).content.decode()
    assert "İlgili proje" in html and "İmzalayan" in html
    assert not _offenders(html.replace("Ilgaz", ""))
