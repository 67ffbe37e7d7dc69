"""Typo tolerance of search (issue 18), on SQLite and PostgreSQL alike.

One small corpus of council news, indexed once for the module. Query words of 5–8 letters may
differ from a word of the index by one edit, 9 letters or more by two (insert, delete,
substitute, swap of neighbours), never in the first letter; words of the index are never
corrected; matches without a typo rank above one-edit matches, those above two-edit matches.
"""

from datetime import datetime

import pytest
from django.utils import timezone

from santral.search.indexing import index_entries, unindex_sources
from santral.search.models import SearchWord
from santral.search.providers import IndexEntry
from santral.search.selectors import completions, search

NEUTRAL = "Toplantıya katılanlar görüş ve önerilerini paylaştı; tutanak yayımlandı."


def _at(year: int, month: int = 6, day: int = 1):
    return timezone.make_aware(datetime(year, month, day, 12, 0))


# key: (title, body, extra fields)
CORPUS = {
    "genclik": ("Gençlik Meclisi Seçimleri Yapıldı", "Yeni dönem için adaylar oy kullandı.", {}),
    "deklarasyon": ("Konseylerimizin Ortak Deklarasyonu Yayımlandı", NEUTRAL, {}),
    "surdurulebilirlik": ("Sürdürülebilirlik Raporu Yayımlandı", NEUTRAL, {}),
    "katilimcilik": ("Katılımcılık Atölyesi Düzenlendi", NEUTRAL, {}),
    "bulten": (
        "Haftalık Bülten",
        "Bu hafta kooperatif pazarı ile engelsiz oyun parkı konuşuldu; "
        "mahalle muhtarları da katıldı.",
        {},
    ),
    "istihdam": ("Meclis Gündemi", "Gençlik istihdamı ve girişimcilik destekleri ele alındı.", {}),
    "iletisim": ("İletişim Haftası Etkinlikleri", NEUTRAL, {}),
    "isiklandirma": ("Işıklandırma Çalışmaları Tamamlandı", "Sokak lambaları yenilendi.", {}),
    "bisiklet": ("Bisiklet Yolları Raporu", NEUTRAL, {}),
    "belediye": ("Belediye Bütçesi Görüşüldü", "Bütçe kalemleri tek tek incelendi.", {}),
    "cevre": ("Çevre Gönüllüleri Sahil Temizliğinde", NEUTRAL, {}),
    "kadin": ("Kadın Meclisi Dayanışma Pazarı", NEUTRAL, {}),
    "sevgi": ("Sevgi Evleri Ziyareti", NEUTRAL, {}),
    "sergi": ("Fotoğraf Sergisi Açıldı", NEUTRAL, {}),
    "ilik_title": ("İlik Bağışı Kampanyası", NEUTRAL, {}),
    "ilik_warm": ("Ilık Havada Bisiklet Turu", NEUTRAL, {}),
    "ist_dotted": ("İSTANBUL Kent Konseyleri Buluşması", NEUTRAL, {}),
    "ist_plain": ("ISTANBUL BÖLGE TOPLANTISI", NEUTRAL, {}),
    # ranking: "konservatuar" is a prefix of the first title's word, one edit from the second's
    "kons_exact": ("Konservatuarın Yeni Binası", NEUTRAL, {"date": _at(2023)}),
    "kons_body": ("Yaz Okulu Duyurusu", "Konservatuarımızın yaz okulu başlıyor.", {}),
    "kons_one": ("Konservatuvar Öğrencileri Konseri", NEUTRAL, {"date": _at(2025)}),
    # ranking: "kutuphaneri" is one edit from Kütüphaneci, two from Kütüphane(leri)
    "kutup_one": ("Kütüphaneci Buluşması", NEUTRAL, {"date": _at(2022)}),
    "kutup_two": ("Kütüphane Haftası", NEUTRAL, {"date": _at(2025)}),
    "kutup_two_b": ("Kütüphaneleri Gezdik", NEUTRAL, {"date": _at(2025)}),
    # title above body at the same number of edits, even when the body's item is newer
    "deprem_title": ("Deprem Tatbikatı Yapıldı", NEUTRAL, {"date": _at(2021)}),
    "deprem_body": ("Okul Ziyareti", "Öğrencilerle deprem tatbikatı konuşuldu.", {}),
    "english": (
        "Climate adaptation workshop",
        "Volunteers discussed flooding and resilience.",
        {"language": "en"},
    ),
}


def _items() -> list:
    items = []
    for key, (title, body, extra) in CORPUS.items():
        fields = {"date": _at(2024), **extra}
        entry = IndexEntry(kind="news", title=title, url=f"/{key}/", body=body, **fields)
        items.append((f"typo:{key}", entry))
    return items


@pytest.fixture(scope="module")
def typo_corpus(_module_transaction, django_db_blocker):
    """CORPUS indexed once for the module (inside the module's transaction, rolled back at
    its end; each test runs in a savepoint of it)."""
    with django_db_blocker.unblock():
        index_entries(_items())


def keys(result) -> list[str]:
    return [hit.document.source.split(":", 1)[1] for hit in result.hits]


# (query, must find, must not find)
CASES = {
    "one edit near the start": [
        ("mclisi", {"genclik", "kadin"}, set()),
        ("bsiklet", {"bisiklet", "ilik_warm"}, set()),
        ("blediye", {"belediye"}, set()),
        ("koperatif", {"bulten"}, set()),
        ("srdürülebilirlik", {"surdurulebilirlik"}, set()),
        ("sehil", {"cevre"}, set()),
    ],
    "one edit in the middle": [
        ("belesiye", {"belediye"}, set()),
        ("deklerasyonu", {"deklarasyon"}, set()),
        ("katılımclık", {"katilimcilik"}, set()),
        ("gönülüleri", {"cevre"}, set()),
        ("fotograf sergsi", {"sergi"}, {"sevgi"}),
    ],
    "one edit at the end": [
        ("belediyr", {"belediye"}, set()),
        ("bisiklen", {"bisiklet", "ilik_warm"}, set()),
        ("temizliğinda", {"cevre"}, set()),
        ("deklarasyonü", {"deklarasyon"}, set()),
    ],
    "two edits": [
        ("sürdrülebilrlik", {"surdurulebilirlik"}, set()),
        ("ktlımcılık", {"katilimcilik"}, set()),
        ("deklarasyana", {"deklarasyon"}, set()),
        ("girisimclk", {"istihdam"}, set()),
    ],
    "swapped neighbours": [
        ("mecilsi", {"genclik", "kadin"}, set()),
        ("bisiklte", {"bisiklet"}, set()),
        ("belediey", {"belediye"}, set()),
        ("kooperaitf", {"bulten"}, set()),
        ("sürdürüleiblirlik", {"surdurulebilirlik"}, set()),
        ("dekalrasyonu", {"deklarasyon"}, set()),
    ],
    "words only in bodies": [
        ("kooperatf", {"bulten"}, set()),
        ("engelisz", {"bulten"}, set()),
        ("muhtralari", {"bulten"}, set()),
        ("istihdmı", {"istihdam"}, set()),
        ("girişimclik", {"istihdam"}, set()),
        ("lambalrı", {"isiklandirma"}, set()),
    ],
    "a misspelt word beside a correct one": [
        ("gençlik mecilsi", {"genclik"}, {"kadin", "istihdam"}),
        ("kadın mecilsi", {"kadin"}, {"genclik"}),
        ("belediye bütçsi", {"belediye"}, set()),
        ("sahil temizlginde", {"cevre"}, set()),
        ("kooperatif pazrı", {"bulten"}, {"kadin"}),
        ("bütçsi görüşüldü", {"belediye"}, set()),
    ],
    "dotted and dotless i slips": [
        ("bisıklet", {"bisiklet", "ilik_warm"}, set()),
        ("beledıye", {"belediye"}, set()),
        ("ışıklandirma", {"isiklandirma"}, set()),
        ("iletışim", {"iletisim"}, set()),
        ("katilımcılık", {"katilimcilik"}, set()),
        ("istıhdamı", {"istihdam"}, set()),
    ],
    "a typo inside a phrase": [
        ('"gençlik mecilsi"', {"genclik"}, {"kadin", "istihdam"}),
        ('"sahil temizliğnde"', {"cevre"}, set()),
        ('"kooperatif pazrı"', {"bulten"}, {"kadin"}),
        ('"belediye bütçsi"', {"belediye"}, set()),
    ],
    "correct words are not corrected": [
        ("sevgi", {"sevgi"}, {"sergi"}),
        ("sergisi", {"sergi"}, {"sevgi"}),
        ("ılık", {"ilik_warm"}, {"ilik_title"}),
        ("ıstanbul", {"ist_plain"}, {"ist_dotted"}),
        ("belediye", {"belediye"}, set()),
        ("konseri", {"kons_one"}, set()),
        ("isiklandirma", {"isiklandirma"}, set()),
    ],
    "first-letter typos never match": [
        ("velediye", set(), None),
        ("nisiklet", set(), None),
        ("beclisi", set(), None),
        ("ıletişim", set(), None),
        ("eklarasyonu", set(), None),
        ("gevre", set(), None),
    ],
    "too many edits for the word's length": [
        ("blediy", set(), None),
        ("bsklet", set(), None),
        ("sahl", set(), None),
        ("srdrlebilirlik", set(), None),
    ],
}
QUERIES = [(group, *case) for group, cases in CASES.items() for case in cases]


def test_there_are_at_least_sixty_typo_cases():
    assert len(QUERIES) >= 60


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("group", "query", "found", "absent"), QUERIES, ids=[f"{q[0]}: {q[1]}" for q in QUERIES]
)
def test_typo_query(typo_corpus, group, query, found, absent):
    result = search(user=None, query=query, page_size=100)
    got = set(keys(result))
    if absent is None:  # must find nothing at all
        assert got == set(), f"{query!r} should find nothing, found {got}"
        return
    assert found <= got, f"{query!r}: missing {found - got} in {got}"
    assert not (absent & got), f"{query!r}: should not find {absent & got}"
    assert result.count == len(got)
    if group == "correct words are not corrected":
        assert result.corrected_query == ""
        assert all(not term.typos for term in result.parsed.all_terms())


@pytest.mark.django_db
def test_exact_ranks_above_one_edit(typo_corpus):
    got = keys(search(user=None, query="konservatuar"))
    # a prefix match in a title, then one in a body, then the one-edit title (newer)
    assert got == ["kons_exact", "kons_body", "kons_one"]


@pytest.mark.django_db
def test_one_edit_ranks_above_two(typo_corpus):
    got = keys(search(user=None, query="kutuphaneri"))
    assert got[0] == "kutup_one"  # one edit, though older
    assert set(got[1:]) == {"kutup_two", "kutup_two_b"}


@pytest.mark.django_db
def test_title_above_body_at_the_same_edits(typo_corpus):
    got = keys(search(user=None, query="deprm"))
    assert got == ["deprem_title", "deprem_body"]


@pytest.mark.django_db
def test_a_typo_match_never_hides_an_exact_one(typo_corpus):
    # "mecli" is a prefix of meclisi (exact) and one edit from "meclis"-like words: the
    # exact matches come first and every one of them is there.
    exact = keys(search(user=None, query="mecli", correct_typos=False))
    got = keys(search(user=None, query="mecli"))
    assert got[: len(exact)] == exact


@pytest.mark.django_db
def test_showing_results_for_and_the_link_to_the_original(client, typo_corpus):
    result = search(user=None, query="gençlik mecilsi")
    assert result.corrected_query == "gençlik meclisi"
    assert search(user=None, query="deklerasyonu").corrected_query == "deklarasyonu"
    # something matched as typed: no notice
    assert search(user=None, query="konservatuar").corrected_query == ""
    html = client.get("/arama/", {"q": "gençlik mecilsi"}).content.decode()
    assert "“gençlik meclisi” için sonuçlar gösteriliyor" in html
    assert "?q=gen%C3%A7lik+mecilsi&amp;tam=1" in html
    as_typed = client.get("/arama/", {"q": "gençlik mecilsi", "tam": "1"}).content.decode()
    assert "için sonuçlar gösteriliyor" not in as_typed and "0 sonuç" in as_typed


@pytest.mark.django_db
def test_typo_matches_are_highlighted(typo_corpus):
    hit = search(user=None, query="mecilsi").hits[0]
    assert "<mark>Meclisi</mark>" in hit.title_html


@pytest.mark.django_db
def test_completions_from_the_vocabulary(client, typo_corpus):
    assert "kooperatif" in completions(query="koop")  # a word only in a body
    assert "gençlik meclisi" in completions(query="gençlik mecl")
    assert "meclisi" in completions(query="meclsi")  # one typo after four letters
    assert completions(query="mclis") == []  # never in the first four letters
    data = client.get("/arama/oneriler/", {"q": "bisikelt"}).json()
    assert "bisiklet" in data["words"]
    assert "Bisiklet Yolları Raporu" in [item["title"] for item in data["suggestions"]]


@pytest.mark.django_db
def test_vocabulary_follows_indexing(typo_corpus):
    def count(word: str) -> int:
        row = SearchWord.objects.filter(word=word).first()
        return row.count if row else 0

    assert count("kooperatif") == 1 and count("0kooperatif") == 1
    assert count("tutanak") == sum(1 for _t, body, _e in CORPUS.values() if body == NEUTRAL)
    index_entries([("typo:new", IndexEntry(kind="news", title="Kooperatif Şenliği", url="/new/"))])
    assert count("kooperatif") == 2 and count("senligi") == 1 and count("0şenliği") == 1
    unindex_sources(["typo:bulten", "typo:new"])
    assert count("kooperatif") == 0 and count("senligi") == 0
    # a word no item holds any more is never offered
    assert search(user=None, query="kooperatf").count == 0
    assert "kooperatif" not in completions(query="koop")


@pytest.mark.django_db
def test_internal_words_are_not_completed_for_anyone(typo_corpus):
    index_entries(
        [
            (
                "typo:internal",
                IndexEntry(
                    kind="news",
                    title="Gizlilik Taslağı",
                    url="/internal/",
                    visibility="internal",
                ),
            )
        ]
    )
    assert "gizlilik" not in completions(query="gizl")
    assert search(user=None, query="gizlilik").count == 0
