"""Names that mean one thing (issue 14, item 9): clean_name, name_key and the NameField;
Hypothesis property tests for Turkish folding."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from santral.core.fields import NameField, NameFormField
from santral.core.text import (
    INVISIBLE_CHARACTERS,
    clean_name,
    has_header_break,
    name_key,
    turkish_lower,
    turkish_upper,
)

TURKISH_AND_ASCII = "abcçdefgğhıijklmnoöprsştuüvyzqwxABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZQWX0123456789 -."
PROPERTY = settings(max_examples=100, deadline=None)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("İzmir\u200b Kent\u00ad Konseyi", "İzmir Kent Konseyi"),
        ("\u202eİzmir\u202c Kent\u2066 Konseyi\u2069\u200e", "İzmir Kent Konseyi"),
        ("\ufeffSeyhan\u200d\u200c\u2060 Kent Konseyi\u061c\u200f", "Seyhan Kent Konseyi"),
        ("I\u0307zmir", "İzmir"),  # I + combining dot above → İ
        ("Çag\u0306", "Çağ"),
        ("  Kadın\tMeclisi\r\nAdana  ", "Kadın Meclisi Adana"),
        ("Gençlik\x0b\x1fMeclisi", "Gençlik Meclisi"),
    ],
)
def test_clean_name(typed, stored):
    assert clean_name(typed) == stored


def test_name_key_folds_case_the_turkish_way():
    assert name_key("İzmir Kent Konseyi") == name_key("izmir kent konseyi")
    assert name_key("IŞIK") == name_key("ışık") != name_key("isik")
    assert name_key("İ") != name_key("I")


def test_header_breaks():
    assert has_header_break("Kasım\r\nBcc: x@example.org")
    assert has_header_break("a\u2028b") and has_header_break("a\x00b")
    assert not has_header_break("Kasım bülteni — İzmir") and not has_header_break(None)


def test_name_field_cleans_on_validation_and_on_save_and_stays_a_charfield():
    field = NameField(max_length=50)
    assert field.to_python("A\u200bE\u0301") == "AÉ"
    assert field.deconstruct()[1] == "django.db.models.CharField"
    assert isinstance(field.formfield(), NameFormField)
    assert field.formfield().clean(" \u202eKadın\u202c Meclisi ") == "Kadın Meclisi"


# --- Hypothesis: Turkish folding ----------------------------------------------------------

turkish_text = st.text(alphabet=TURKISH_AND_ASCII, max_size=40)
any_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(TURKISH_AND_ASCII),
        st.sampled_from(sorted(INVISIBLE_CHARACTERS)),
        st.sampled_from("\u0307\u0308\u0327\u0306\t\r\n\x0b\x1f\u00a0\u3000"),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
)


@PROPERTY
@given(turkish_text)
def test_folding_ignores_turkish_case(text):
    assert name_key(turkish_upper(text)) == name_key(text) == name_key(turkish_lower(text))


@PROPERTY
@given(turkish_text)
def test_dotted_and_dotless_i_fold_apart(text):
    assert name_key(text + "İ") != name_key(text + "I")
    assert name_key(text + "i") != name_key(text + "ı")
    assert name_key(text + "İ") == name_key(text + "i")
    assert name_key(text + "I") == name_key(text + "ı")


@PROPERTY
@given(turkish_text)
def test_decomposed_and_composed_fold_equal(text):
    assert name_key(unicodedata.normalize("NFD", text)) == name_key(text)


@PROPERTY
@given(any_text)
def test_clean_name_is_idempotent_and_leaves_nothing_invisible(text):
    cleaned = clean_name(text)
    assert clean_name(cleaned) == cleaned
    assert not INVISIBLE_CHARACTERS & set(cleaned)
    assert not has_header_break(cleaned)
    assert cleaned == cleaned.strip() and "  " not in cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
