import io
import re
import unicodedata

import pytest
from django.utils import timezone
from pypdf import PdfReader

from santral.partners.letters import render_letter_pdf, turkish_dative
from santral.partners.models import CouncilLetterhead
from santral.partners.services import support_request_create, support_request_send

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ulaşım Dairesi Başkanlığı", "Ulaşım Dairesi Başkanlığına"),
        ("İl Kültür ve Turizm Müdürlüğü", "İl Kültür ve Turizm Müdürlüğüne"),
        ("Grafik Tasarımcılar Derneği", "Grafik Tasarımcılar Derneğine"),
        ("Çukurova Üniversitesi", "Çukurova Üniversitesine"),
        ("Türk Eğitim Vakfı", "Türk Eğitim Vakfına"),
        ("ADANA VALİLİĞİ", "ADANA VALİLİĞİNE"),
        ("Adana", "Adanaya"),
        ("Kızılay", "Kızılaya"),
        ("UNICEF", "UNICEFE"),
    ],
)
def test_dative_suffix_follows_vowel_harmony(name, expected):
    assert turkish_dative(name) == expected


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # pypdf may return "İ" as "I" + combining dot; compare in composed form.
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in reader.pages))


def test_sent_letter_is_a_pdf_with_number_subject_date_and_addressee(cast, ulasim):
    CouncilLetterhead.objects.create(
        council=cast.council_a,
        heading="T.C.\nSEYHAN KENT KONSEYİ",
        number_prefix="E-SKK",
        signatory_name="İsmail Işık",
        signatory_title="Kent Konseyi Başkanı",
    )
    request = support_request_create(
        actor=cast.editor_a,
        council=cast.council_a,
        organisation=ulasim,
        subject="Gençlik festivali için otobüs desteği",
        text="Festival için iki otobüs rica olunur.\n\nGereğini arz ederim.",
        references="01.10.2026 tarihli yürütme kurulu kararı",
        attachments="Festival programı",
        distribution="Gereği: Ulaşım Dairesi Başkanlığı",
    )
    request = support_request_send(actor=cast.editor_a, support_request=request)
    data = render_letter_pdf(request)
    assert data.startswith(b"%PDF-")
    text = _pdf_text(data)
    today = timezone.localdate()
    assert request.reference == f"E-SKK-{today.year}-1"
    assert f"Sayı: {request.reference}" in text
    assert re.search(r"Tarih: \d\d\.\d\d\.\d{4}", text)
    assert f"Tarih: {today:%d.%m.%Y}" in text
    assert "Konu: Gençlik festivali için otobüs desteği" in text
    # Turkish capitals: "i" becomes "İ", "ı" becomes "I"; the dative suffix is added.
    # A long addressee wraps onto two centred lines; compare with whitespace collapsed.
    assert "ADANA BÜYÜKŞEHİR BELEDİYESİ ULAŞIM DAİRESİ BAŞKANLIĞINA" in " ".join(text.split())
    assert "SEYHAN KENT KONSEYİ" in text
    assert "İlgi: a) 01.10.2026 tarihli yürütme kurulu kararı" in text
    assert "İsmail Işık" in text
    assert "1- Festival programı" in text
    assert "Dağıtım:" in text


def test_draft_letter_says_draft_and_has_no_number(cast, ulasim):
    request = support_request_create(
        actor=cast.editor_a,
        council=cast.council_a,
        organisation=ulasim,
        subject="Salon desteği",
        text="Salon rica olunur.",
        addressee_line="Adana Büyükşehir Belediyesi Destek Hizmetleri Dairesi Başkanlığına",
    )
    text = _pdf_text(render_letter_pdf(request))
    assert "Sayı: TASLAK" in text
    assert "ADANA BÜYÜKŞEHİR BELEDİYESİ DESTEK HİZMETLERİ DAİRESİ BAŞKANLIĞINA" in " ".join(
        text.split()
    )
