"""Uploads are checked by content; refused files get a Turkish error and nothing is stored."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from wagtail.documents import get_document_model

from santral.content.models import FileText
from santral.content.pdf import simple_pdf
from santral.content.services import document_upload, image_upload

pytestmark = pytest.mark.django_db


def _docx(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def real_docx(text: str) -> bytes:
    return _docx(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": (
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
            ).encode(),
        }
    )


def zip_bomb() -> bytes:
    return _docx(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document>" + b"A" * (60 * 1024 * 1024) + b"</w:document>",
        }
    )


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _stored_files(tmp_path) -> list:
    return [path for path in tmp_path.rglob("*") if path.is_file()]


REFUSED = [
    ("sahte.pdf", b"<!DOCTYPE html><html><body>kandirmaca</body></html>", "HTML"),
    (
        "resim.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "SVG",
    ),
    ("bomba.docx", None, "sıkıştırma bombası"),
    ("bos.pdf", b"", "boş"),
    ("garip.pdf", b"just some text", "tanınamadı"),
    ("resim.pdf", None, "adı içeriğe uymuyor"),
]


@pytest.mark.parametrize(("name", "data", "fragment"), REFUSED)
def test_refused_uploads_get_turkish_errors_and_store_nothing(
    cast, tmp_path, settings, name, data, fragment
):
    settings.MEDIA_ROOT = tmp_path
    if name == "bomba.docx":
        data = zip_bomb()
    if name == "resim.pdf":
        data = real_docx("metin")
    with pytest.raises(ValidationError) as error:
        document_upload(
            actor=cast.editor_a,
            council=cast.council_a,
            uploaded_file=SimpleUploadedFile(name, data),
        )
    assert fragment in " ".join(error.value.messages)
    assert get_document_model().objects.count() == 0
    assert _stored_files(tmp_path) == []


def test_files_over_the_limit_are_refused(cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    settings.SANTRAL_UPLOAD_MAX_BYTES = 1000
    data = simple_pdf("Büyük", ["x" * 2000])
    with pytest.raises(ValidationError) as error:
        document_upload(
            actor=cast.editor_a,
            council=cast.council_a,
            uploaded_file=SimpleUploadedFile("b.pdf", data),
        )
    assert "çok büyük" in " ".join(error.value.messages)
    assert _stored_files(tmp_path) == []


def test_a_pdf_is_stored_with_text_and_thumbnail(cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    data = simple_pdf("Kent konseyi kararı", ["Çiğdem Işıklı ağaç dikimi önerdi."])
    document = document_upload(
        actor=cast.editor_a, council=cast.council_a, uploaded_file=SimpleUploadedFile("k.pdf", data)
    )
    extracted = FileText.objects.get(document=document)
    assert extracted.kind == "pdf"
    assert "ağaç dikimi" in extracted.text
    assert extracted.thumbnail.name.endswith(".png")
    with Image.open(extracted.thumbnail.path) as thumbnail:
        assert thumbnail.width == 400


def test_office_text_is_extracted(cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    document = document_upload(
        actor=cast.editor_a,
        council=cast.council_a,
        uploaded_file=SimpleUploadedFile("t.docx", real_docx("Gençlik Meclisi tutanağı")),
    )
    assert FileText.objects.get(document=document).text == "Gençlik Meclisi tutanağı"


def test_images_are_checked_too(cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    image = image_upload(
        actor=cast.editor_a,
        council=cast.council_a,
        uploaded_file=SimpleUploadedFile("a.png", png_bytes()),
    )
    assert image.width == 8
    with pytest.raises(ValidationError):
        image_upload(
            actor=cast.editor_a,
            council=cast.council_a,
            uploaded_file=SimpleUploadedFile("a.png", simple_pdf("x", ["y"])),
        )


def test_backoffice_document_upload_refuses_html_named_pdf(client, cast, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    from wagtail.models import Collection

    client.force_login(cast.editor_a)
    collection = Collection.objects.get(name__endswith="(seyhan)")
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Sahte",
            "file": SimpleUploadedFile("sahte.pdf", b"<html><script>x</script></html>"),
            "collection": collection.pk,
        },
    )
    assert response.status_code == 200
    assert "HTML" in response.content.decode()
    assert get_document_model().objects.count() == 0
