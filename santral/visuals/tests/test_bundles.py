"""Uploaded bundles: validation of the zip, and a hostile bundle renders with no request."""

import io
import json
import threading
import tracemalloc
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from PIL import Image

from santral.visuals.bundles import bundle_archive_check, bundle_get, bundle_load
from santral.visuals.render import render_bundle
from santral.visuals.services import bundle_install

from .helpers import pdf_text, png_size, squeeze

MANIFEST = {
    "name": "Deneme",
    "kind": "news",
    "sizes": [{"name": "wide", "width_px": 1200, "height_px": 630}],
    "fields": ["title"],
    "languages": ["tr"],
    "fit": {"title": {"sizes_px": [60, 40], "max_lines": 3}},
}
GOOD_HTML = (
    '<html><head><link rel="stylesheet" href="s.css"></head><body>'
    '<h1 data-fit="title">{{ title }}</h1><img src="img/dot.png" alt=""></body></html>'
)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#123456").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def make_zip(files: dict[str, bytes | str], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def good_files(**extra) -> dict:
    return {
        "manifest.json": json.dumps(MANIFEST),
        "index.html": GOOD_HTML,
        "s.css": "h1 { font-size: var(--fit-title); color: #123456; }",
        "img/dot.png": PNG,
        **extra,
    }


class _Recorder(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):
        type(self).requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *args):
        pass


@pytest.fixture
def loopback():
    """An HTTP server on 127.0.0.1 that records every request it gets."""

    class Handler(_Recorder):
        requests: list[str] = []

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", Handler.requests
    server.shutdown()
    server.server_close()


def test_the_recording_server_does_record(loopback):
    import urllib.request

    base, requests = loopback
    urllib.request.urlopen(f"{base}/probe.png", timeout=5).read()  # noqa: S310 (loopback)
    assert requests == ["/probe.png"]


def test_good_bundle_passes():
    manifest, files = bundle_archive_check(make_zip(good_files()))
    assert manifest["kind"] == "news" and set(files) == {
        "manifest.json",
        "index.html",
        "s.css",
        "img/dot.png",
    }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"../evil.css": "h1{}"}, "klasör dışına"),
        ({"a/../../evil.css": "h1{}"}, "klasör dışına"),
        ({"/etc/evil.css": "h1{}"}, "mutlak yol"),
        ({"run.py": "print(1)"}, "İzin verilmeyen dosya türü"),
        ({"page.htm": "x"}, "İzin verilmeyen dosya türü"),
        ({"index.html": "<html><script>alert(1)</script></html>"}, "betik"),
        ({"index.html": '<html><img src="x.png" onerror="x()"></html>'}, "betik"),
        ({"s.css": "h1 { background: url(http://127.0.0.1:9/x.png) }"}, "uzak adres"),
        ({"s.css": "h1 { background: url(//example.org/x.png) }"}, "uzak adres"),
        ({"s.css": "@import 'other.css';"}, "@import"),
        ({"index.html": '<img src="file:///etc/passwd">'}, "uzak adres"),
        ({"index.html": "{% include 'base.html' %}"}, "{% … %}"),
        ({"pic.svg": '<svg xmlns="http://www.w3.org/2000/svg"></svg>'}, "uzak adres"),
    ],
)
def test_hostile_archives_are_refused(extra, message):
    with pytest.raises(ValidationError) as caught:
        bundle_archive_check(make_zip(good_files(**extra)))
    assert message in " ".join(caught.value.messages)


def test_a_100_mb_member_is_refused_without_being_unpacked(settings):
    # 100 MB of zeros compress to about 100 kB.
    archive = make_zip(good_files(**{"big.css": b" " * (100 * 1024 * 1024)}))
    assert len(archive) < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as caught:
            bundle_archive_check(archive)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "çok büyük" in " ".join(caught.value.messages)
    assert peak < 20 * 1024 * 1024


def test_a_member_that_lies_about_its_size_is_stopped_while_reading(settings):
    settings.SANTRAL_VISUALS_BUNDLE_MAX_UNPACKED_BYTES = 2 * 1024 * 1024
    archive = bytearray(make_zip(good_files(**{"big.css": b" " * (8 * 1024 * 1024)})))
    # Rewrite the declared size of big.css (local header and central directory) to 10 bytes.
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := archive.find(header, start)) != -1:
            name_at = start + (30 if header == b"PK\x03\x04" else 46)
            if archive[name_at : name_at + 7] == b"big.css":
                archive[start + offset : start + offset + 4] = (10).to_bytes(4, "little")
            start += 4
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as caught:
            bundle_archive_check(bytes(archive))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "Paket bozuk: big.css" in caught.value.messages
    assert peak < 4 * 1024 * 1024


def test_too_many_files_and_missing_manifest_are_refused(settings):
    settings.SANTRAL_VISUALS_BUNDLE_MAX_FILES = 5
    many = good_files(**{f"p{n}.png": PNG for n in range(5)})
    with pytest.raises(ValidationError, match="çok fazla"):
        bundle_archive_check(make_zip(many))
    files = good_files()
    del files["manifest.json"]
    with pytest.raises(ValidationError, match=r"manifest\.json"):
        bundle_archive_check(make_zip(files))


def test_hostile_bundle_renders_without_any_request(tmp_path, settings, loopback):
    """The renderer itself (without the upload checks) fetches nothing outside the bundle."""
    base, requests = loopback
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media").mkdir()
    (tmp_path / "secret.png").write_bytes(PNG)
    folder = tmp_path / "bundles" / "hostile"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps(MANIFEST))
    (folder / "dot.png").write_bytes(PNG)
    (folder / "s.css").write_text(
        f"@import url({base}/import.css);\n"
        f"@font-face {{ font-family: X; src: url({base}/font.woff2); }}\n"
        f"h1 {{ font-family: X, sans-serif; background: url({base}/css-bg.png); }}\n"
        "body { background: url(../../secret.png); }\n"
    )
    (folder / "index.html").write_text(
        f'<html><head><link rel="stylesheet" href="{base}/remote.css">'
        '<link rel="stylesheet" href="s.css"></head><body>'
        f'<h1 data-fit="title">{{{{ title }}}}</h1><img src="{base}/img.png" alt="">'
        '<img src="file:///etc/hostname" alt=""><img src="../../secret.png" alt="">'
        '<img src="dot.png" alt=""><object data="' + base + '/object.svg"></object>'
        "<script>fetch('" + base + "/script')</script></body></html>"
    )
    bundle = bundle_load(folder)
    rendered = render_bundle(
        bundle=bundle, size=bundle.size("wide"), context={"title": "Zararsız"}, language="tr"
    )
    assert requests == []
    refused = " ".join(rendered.refused)
    for path in ("/import.css", "/font.woff2", "/css-bg.png", "/remote.css", "/img.png"):
        assert path in refused, path
    assert "file:///etc/hostname" in refused and "secret.png" in refused
    assert not any(url.endswith("/dot.png") for url in rendered.refused)
    assert "Zararsız" in pdf_text(rendered.pdf)
    assert png_size(rendered.png) == (1200, 630)


@pytest.mark.django_db
def test_platform_admin_installs_a_bundle_and_it_renders(cast, tmp_path, settings, loopback):
    _base, requests = loopback
    settings.MEDIA_ROOT = tmp_path / "media"
    with pytest.raises(PermissionDenied):
        bundle_install(actor=cast.admin_a, slug="deneme", archive=make_zip(good_files()))
    with pytest.raises(ValidationError):
        bundle_install(actor=cast.platform_admin, slug="news-card", archive=make_zip(good_files()))
    bundle = bundle_install(
        actor=cast.platform_admin, slug="deneme", archive=make_zip(good_files())
    )
    assert bundle.path == settings.MEDIA_ROOT / "visuals" / "bundles" / "deneme"
    assert bundle_get("deneme").kind == "news"
    rendered = render_bundle(
        bundle=bundle, size=bundle.size("wide"), context={"title": "Şölen"}, language="tr"
    )
    assert squeeze("Şölen") in squeeze(pdf_text(rendered.pdf))
    assert rendered.refused == [] and requests == []


def test_upload_form_shows_the_archive_problem_beside_the_field():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from santral.visuals.forms import BundleUploadForm

    bad = make_zip(good_files(**{"s.css": "h1 { background: url(https://cdn.example/x.png) }"}))
    form = BundleUploadForm(
        data={"slug": "yesil-afis"},
        files={"archive": SimpleUploadedFile("b.zip", bad, content_type="application/zip")},
    )
    assert not form.is_valid()
    assert "uzak adres" in form.errors["archive"][0]

    taken = BundleUploadForm(
        data={"slug": "event-card"},
        files={"archive": SimpleUploadedFile("b.zip", make_zip(good_files()))},
    )
    assert not taken.is_valid() and "slug" in taken.errors

    good = BundleUploadForm(
        data={"slug": "yesil-afis"},
        files={"archive": SimpleUploadedFile("b.zip", make_zip(good_files()))},
    )
    assert good.is_valid(), good.errors
    assert good.archive_bytes.startswith(b"PK")
