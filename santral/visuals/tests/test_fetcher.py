"""The renderer's fetcher: data: URIs and files inside the allowed folders, nothing else."""

import pytest

from santral.visuals.render import BundleFetcher, RefusedResource, qr_data_uri


@pytest.fixture
def folders(tmp_path):
    bundle, media, outside = tmp_path / "bundle", tmp_path / "media", tmp_path / "outside"
    for folder in (bundle, media, outside):
        folder.mkdir()
    (bundle / "style.css").write_text("h1 { color: red }")
    (media / "logo.png").write_bytes(b"\x89PNG")
    (outside / "secret.txt").write_text("secret")
    (bundle / "link.css").symlink_to(outside / "secret.txt")
    return bundle, media, outside


def test_serves_files_of_the_bundle_and_media_with_their_type(folders):
    bundle, media, _outside = folders
    fetcher = BundleFetcher([bundle, media])
    response = fetcher((bundle / "style.css").as_uri())
    assert response.read() == b"h1 { color: red }" and response.content_type == "text/css"
    assert fetcher((media / "logo.png").as_uri()).content_type == "image/png"
    assert fetcher.refused == []


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.css",
        "ftp://example.org/x",
        "file:///etc/passwd",
        "file://otherhost/etc/passwd",
        "{bundle}/../outside/secret.txt",
        "{bundle}/link.css",
        "{bundle}/missing.css",
    ],
)
def test_refuses_everything_else_before_any_connection(folders, url):
    bundle, media, _outside = folders
    if url.startswith("{bundle}"):
        url = bundle.as_uri() + url.removeprefix("{bundle}")
    fetcher = BundleFetcher([bundle, media])
    with pytest.raises(RefusedResource):
        fetcher(url)
    assert fetcher.refused == [url]


def test_data_uris_are_allowed_and_the_qr_code_is_one():
    fetcher = BundleFetcher([])
    uri = qr_data_uri("https://santral.example/seyhan/etkinlik-1/")
    assert uri.startswith("data:image/svg+xml;base64,")
    assert b"<svg" in fetcher(uri).read()
    assert fetcher.refused == []
