"""A small Turkish and English corpus indexed through the real index API."""

from datetime import datetime

import pytest
from django.utils import timezone

from santral.search.indexing import index_entries
from santral.search.providers import IndexEntry

NEUTRAL = "Toplantıya katılanlar görüş ve önerilerini paylaştı; tutanak yayımlandı."


def _at(year: int, month: int = 6, day: int = 1):
    return timezone.make_aware(datetime(year, month, day, 12, 0))


# key: (title, body, extra fields)
CORPUS = {
    "ist_dotted": ("İSTANBUL Kent Konseyleri Buluşması", NEUTRAL, {}),
    "ist_plain": ("ISTANBUL BÖLGE TOPLANTISI NOTLARI", NEUTRAL, {}),
    "isparta": ("Isparta Kent Konseyi ile Kardeşlik Protokolü", NEUTRAL, {}),
    "ilik_title": ("İlik Bağışı Standımıza Yoğun İlgi", NEUTRAL, {}),
    "ilik_lower": ("Kemik ilik nakli için bilgilendirme", NEUTRAL, {}),
    "ilik_warm": ("Ilık Havada Bisiklet Turu Düzenlendi", NEUTRAL, {}),
    "kadin": ("Kadın Meclisi Dayanışma Pazarı Açıldı", NEUTRAL, {"topics": ("Kadın",)}),
    "saglik": ("Toplum Sağlığı Paneli Düzenlendi", NEUTRAL, {"topics": ("Sağlık",)}),
    "cevre": ("Çevre Gönüllüleri Sahil Temizliğinde Buluştu", NEUTRAL, {"topics": ("Çevre",)}),
    "gunes": ("Güneş Enerjisi Semineri Yapıldı", NEUTRAL, {"topics": ("Çevre",)}),
    "isci": ("İşçi Haklarına Dair Bilgilendirme Semineri", NEUTRAL, {}),
    "konsey": ("Konseylerimizin Ortak Deklarasyonu Yayımlandı", NEUTRAL, {}),
    "genclik": ("Gençlik Meclisi'nin Yeni Dönem Seçimleri Yapıldı", NEUTRAL, {}),
    "genclik_apart": ("Meclis Gündemi: Gençlik İstihdamı", NEUTRAL, {}),
    "ogrenci": ("Öğrenci Kart Ücretlerine İlişkin Görüşümüz", NEUTRAL, {}),
    "engelli": ("ENGELLİ BİREYLER İÇİN ERİŞİLEBİLİR ULAŞIM", NEUTRAL, {}),
    "diyarbakir": ("Diyarbakır Kent Konseyi ile Ortak Proje", NEUTRAL, {}),
    "igdir": ("IĞDIR Kent Konseyi Heyeti Ziyareti", NEUTRAL, {}),
    "sehir": ("Gönüllü Ağı Şehir Genelinde Genişliyor", NEUTRAL, {}),
    "odenek": ("Ödenek Tahsisi Hakkında Duyuru", NEUTRAL, {}),
    "bike_title": ("Bisiklet Yolları Raporu", NEUTRAL, {}),
    "bike_body": ("Haftalık Bülten", "Bu hafta bisiklet yolları ve kaldırımlar konuşuldu.", {}),
    "waste_old": ("Sıfır Atık Semineri", NEUTRAL, {"date": _at(2019)}),
    "waste_new": ("Sıfır Atık Semineri", NEUTRAL, {"date": _at(2026, 11, 1)}),
    "english": (
        "Climate meetings of the youth councils",
        "The councils met to discuss climate adaptation and flooding.",
        {"language": "en"},
    ),
    "markup": ("<script>alert(1)</script> Güvenlik Notu", "Güvenlik <b>kalın</b> & açık", {}),
}


def _corpus_items(council=None) -> list:
    items = []
    for key, (title, body, extra) in CORPUS.items():
        fields = {"date": _at(2024), "council": council, **extra}
        items.append(
            (
                f"test:{key}",
                IndexEntry(kind="news", title=title, url=f"/{key}/", body=body, **fields),
            )
        )
    return items


@pytest.fixture
def corpus(db):
    """CORPUS indexed as public items of no council."""
    index_entries(_corpus_items())


@pytest.fixture
def council_corpus(cast):
    """CORPUS in council_a, plus internal notes of both councils."""
    items = _corpus_items(cast.council_a)
    items.append(
        (
            "test:internal_a",
            IndexEntry(
                kind="news",
                title="Bütçe Taslağı İç Notu",
                url="/internal_a/",
                council=cast.council_a,
                visibility="internal",
                date=_at(2025),
            ),
        )
    )
    items.append(
        (
            "test:internal_b",
            IndexEntry(
                kind="event",
                title="Bütçe Değerlendirme İç Toplantısı",
                url="/internal_b/",
                council=cast.council_b,
                visibility="internal",
                date=_at(2025),
            ),
        )
    )
    index_entries(items)
    return cast


def keys(result) -> list[str]:
    return [hit.document.source.split(":", 1)[1] for hit in result.hits]
