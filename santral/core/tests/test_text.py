import pytest

from santral.core.text import (
    to_ascii,
    turkish_lower,
    turkish_slugify,
    turkish_sort_key,
    turkish_sorted,
    turkish_title,
    turkish_upper,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("İSTANBUL", "istanbul"), ("ISPARTA", "ısparta"), ("IĞDIR", "ığdır"), ("Çağ", "çağ")],
)
def test_turkish_lower_keeps_dotted_and_dotless_i_apart(text, expected):
    assert turkish_lower(text) == expected


def test_turkish_upper_and_title():
    assert turkish_upper("istanbul ılıca") == "İSTANBUL ILICA"
    assert turkish_title("İSTANBUL IĞDIR") == "İstanbul Iğdır"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Kadıköy", "kadikoy"),
        ("Iğdır", "igdir"),
        ("İstanbul", "istanbul"),
        ("ŞIRNAK", "sirnak"),
        ("Çukurova Kent Konseyi", "cukurova-kent-konseyi"),
        ("Gençlik Meclisi", "genclik-meclisi"),
        ("Üsküdar / Öğretmenler", "uskudar-ogretmenler"),
    ],
)
def test_turkish_slugify_transliterates_instead_of_dropping(text, slug):
    assert turkish_slugify(text) == slug


def test_to_ascii():
    assert to_ascii("Sağlığı Çevre Işık İl") == "Sagligi Cevre Isik Il"


def test_sort_order_follows_the_turkish_alphabet():
    names = ["Çukurova", "Ceyhan", "İmamoğlu", "Işıklı", "Osmaniye", "Ödemiş", "Zonguldak", "Şile"]
    assert turkish_sorted(names) == [
        "Ceyhan",
        "Çukurova",
        "Işıklı",
        "İmamoğlu",
        "Osmaniye",
        "Ödemiş",
        "Şile",
        "Zonguldak",
    ]


def test_sort_key_is_case_insensitive_and_collation_proof():
    assert turkish_sort_key("ISPARTA") == turkish_sort_key("ısparta")
    assert turkish_sort_key("İzmir") == turkish_sort_key("izmir")
    assert turkish_sort_key("Adana X") < turkish_sort_key("AdanaX")
    assert turkish_sort_key("19 Mayıs") < turkish_sort_key("Ağrı") < turkish_sort_key("Aksaray")
    assert turkish_sort_key("Kâhta") == turkish_sort_key("Kahta")
    assert set(turkish_sort_key("Çağ Işığı 2")) <= set("0123456789")
