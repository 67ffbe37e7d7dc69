"""fetch(): conditional GET, redirects, caps, deadlines and refusals, against loopback servers.

The refusal tests replace both seams of fetching.py — `resolve` (names → addresses the test
chooses) and `_open_connection` (records every address and opens a real connection only to
the test's own loopback server) — so no packet ever leaves for a non-loopback address.
"""

import gzip
import socket
import ssl
import threading
import time
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from santral.federation import fetching
from santral.federation.fetching import MAX_REDIRECTS, FetchError, address_allowed, fetch
from santral.federation.tests.loopback import (
    LoopbackServer,
    Route,
    drip,
    repeat,
    self_signed_certificate,
)

PUBLIC_IP = "93.184.216.34"  # a global address the fake connector sends to the loopback server

BLOCKED = [
    "127.0.0.1",
    "127.8.9.10",
    "::1",
    "169.254.169.254",
    "10.0.0.5",
    "172.16.3.4",
    "192.168.1.1",
    "100.64.0.1",  # carrier-grade NAT
    "0.0.0.0",  # noqa: S104 (an address refused, nothing binds to it)
    "::",
    "::ffff:127.0.0.1",
    "::ffff:169.254.169.254",
    "224.0.0.1",
    "240.0.0.1",
    "255.255.255.255",
    "fe80::1",
    "fc00::1",
    "ff02::1",
    "2002:7f00:1::1",  # 6to4 wrapping 127.0.0.1
    "2002:a9fe:a9fe::1",  # 6to4 wrapping 169.254.169.254
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
]


class Network:
    """The fake DNS and connector: names resolve as the test says; a connection to
    PUBLIC_IP goes to the loopback server, one to 127.0.0.1 too (when a test lets it);
    every other address is recorded and refused."""

    def __init__(self, monkeypatch, server=None):
        self.names: dict[str, list[str]] = {}
        self.lookups: list[str] = []
        self.connects: list[str] = []
        self.server = server
        monkeypatch.setattr(fetching, "resolve", self.resolve)
        monkeypatch.setattr(fetching, "_open_connection", self.open_connection)

    def resolve(self, host, port):
        self.lookups.append(host)
        if host in self.names:
            return self.names[host]
        try:
            socket.inet_pton(socket.AF_INET6 if ":" in host else socket.AF_INET, host)
        except OSError:
            raise socket.gaierror(socket.EAI_NONAME, "unknown name") from None
        return [host]

    def open_connection(self, ip, port, timeout):
        self.connects.append(ip)
        if self.server is not None and ip in (PUBLIC_IP, "127.0.0.1"):
            return socket.create_connection(("127.0.0.1", self.server.port), timeout=timeout)
        raise ConnectionRefusedError(f"test network: no connection to {ip}")


def test_conditional_get_sends_etag_and_last_modified_back_and_gets_304(loopback_server):
    stamp = "Mon, 07 Dec 2026 09:00:00 GMT"

    def feed(request):
        if request.headers.get("if-none-match") == '"v1"' and (
            request.headers.get("if-modified-since") == stamp
        ):
            return Route(status=304, headers={"ETag": '"v1"'})
        return Route(headers={"ETag": '"v1"', "Last-Modified": stamp}, body=b"<rss/>")

    loopback_server.routes["/feed/"] = feed
    first = fetch(loopback_server.url("/feed/"), accept="application/rss+xml")
    assert (first.status, first.body, first.etag, first.last_modified) == (
        200,
        b"<rss/>",
        '"v1"',
        stamp,
    )
    assert first.headers["etag"] == '"v1"'
    assert first.url == loopback_server.url("/feed/")

    second = fetch(first.url, etag=first.etag, last_modified=first.last_modified)
    assert (second.status, second.body) == (304, b"")

    sent = loopback_server.requests[0].headers
    assert sent["user-agent"].startswith("Santral/1.0 (+")
    assert sent["accept"] == "application/rss+xml"
    assert sent["accept-encoding"] == "identity"
    assert sent["host"] == f"127.0.0.1:{loopback_server.port}"
    assert "if-none-match" not in sent
    assert loopback_server.requests[1].headers["if-none-match"] == '"v1"'
    assert loopback_server.requests[1].headers["if-modified-since"] == stamp


def test_redirects_are_followed_to_the_final_url_and_a_loop_stops(loopback_server):
    loopback_server.routes["/old"] = Route(status=301, headers={"Location": "/middle?x=1"})
    loopback_server.routes["/middle?x=1"] = Route(status=307, headers={"Location": "new"})
    loopback_server.routes["/new"] = Route(body="İyi günler".encode())
    result = fetch(loopback_server.url("/old"))
    assert result.url == loopback_server.url("/new")
    assert result.body.decode() == "İyi günler"

    loopback_server.routes["/haber/%C3%A7evre%20g%C3%BCn%C3%BC"] = Route(
        status=302,
        # raw UTF-8 on the wire (the test server writes headers as Latin-1)
        headers={"Location": "/İklim Şûrası?q=ağaç&x=%2F".encode().decode("latin-1")},
    )
    loopback_server.routes["/%C4%B0klim%20%C5%9E%C3%BBras%C4%B1?q=a%C4%9Fa%C3%A7&x=%2F"] = Route(
        body=b"ok"
    )
    assert fetch(loopback_server.url("/haber/çevre günü")).body == b"ok"

    loopback_server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    before = len(loopback_server.requests)
    with pytest.raises(FetchError) as caught:
        fetch(loopback_server.url("/loop"))
    assert caught.value.code == "too_many_redirects"
    assert len(loopback_server.requests) - before == MAX_REDIRECTS + 1


def test_error_statuses_are_fetch_errors_with_a_turkish_message(loopback_server):
    loopback_server.routes["/gone"] = Route(status=410, body=b"gone")
    with pytest.raises(FetchError) as caught:
        fetch(loopback_server.url("/gone"))
    assert (caught.value.code, caught.value.status) == ("http_status", 410)
    assert caught.value.message == "Sunucu 410 durum koduyla yanıt verdi."


@pytest.mark.parametrize("declared", [False, True], ids=["streamed", "content-length"])
def test_a_50_mb_body_stops_at_the_cap_without_being_held(loopback_server, declared):
    total = 50 * 1024 * 1024
    headers = {"Content-Length": str(total)} if declared else {}
    loopback_server.routes["/big"] = Route(
        headers=headers, body=lambda: repeat(b"x" * 65536, total)
    )
    tracemalloc.start()
    try:
        with pytest.raises(FetchError) as caught:
            fetch(loopback_server.url("/big"), max_bytes=4 * 1024 * 1024)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert caught.value.code == "too_large"
    assert "4194304 bayttan büyük" in caught.value.message
    assert peak < 12 * 1024 * 1024  # at most the cap and some change, never the 50 MB


def test_compressed_bodies_count_their_inflated_size(loopback_server):
    small = "Çevre Gönüllüleri".encode()
    loopback_server.routes["/small.gz"] = Route(
        headers={"Content-Encoding": "gzip"}, body=gzip.compress(small)
    )
    assert fetch(loopback_server.url("/small.gz")).body == small
    loopback_server.routes["/empty.gz"] = Route(headers={"Content-Encoding": "gzip"}, body=b"")
    assert fetch(loopback_server.url("/empty.gz")).body == b""

    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024))  # some 20 KB on the wire
    loopback_server.routes["/bomb.gz"] = Route(headers={"Content-Encoding": "gzip"}, body=bomb)
    with pytest.raises(FetchError) as caught:
        fetch(loopback_server.url("/bomb.gz"), max_bytes=1024 * 1024)
    assert caught.value.code == "too_large"


@pytest.mark.parametrize("phase", ["body", "headers"])
def test_a_server_sending_one_byte_per_second_ends_at_the_deadline(
    loopback_server, settings, phase
):
    settings.SANTRAL_HARVEST_TOTAL_TIMEOUT = 2
    if phase == "body":
        route = Route(headers={"Content-Length": "60"}, body=lambda: drip(b"x" * 60, delay=1))
    else:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + b"X-Slow: " + b"y" * 60
        route = Route(raw=True, body=lambda: drip(head, delay=1))
    loopback_server.routes["/slow"] = route
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch(loopback_server.url("/slow"))
    elapsed = time.monotonic() - started
    assert caught.value.code == "timeout"
    assert caught.value.message == "Sunucu 2 saniyede yanıt vermedi."
    # 60 bytes at one a second would take a minute: the 2 s deadline cut it (margin for a
    # loaded machine, far below the minute).
    assert elapsed < 15


@pytest.mark.parametrize("address", BLOCKED)
def test_names_resolving_to_non_public_addresses_are_refused_before_connecting(
    monkeypatch, settings, address
):
    settings.SANTRAL_HARVEST_ALLOW_LOOPBACK = False
    network = Network(monkeypatch)
    network.names["feed.example"] = [address]
    network.names["mixed.example"] = [PUBLIC_IP, address]
    for url in ("http://feed.example/feed/", "https://mixed.example/", _literal(address)):
        with pytest.raises(FetchError) as caught:
            fetch(url)
        assert caught.value.code == "blocked_address", url
        assert "güvenlik için erişilmedi" in caught.value.message
    assert network.connects == []


def _literal(address: str) -> str:
    return f"http://[{address}]/" if ":" in address else f"http://{address}/"


@pytest.mark.parametrize("address", BLOCKED)
def test_a_redirect_to_a_non_public_address_is_refused(
    monkeypatch, settings, loopback_server, address
):
    """The source itself is public (PUBLIC_IP, which the fake connector sends to the loopback
    server); it redirects to a name resolving to `address`, or to the address itself."""
    settings.SANTRAL_HARVEST_ALLOW_LOOPBACK = False
    network = Network(monkeypatch, loopback_server)
    network.names["source.example"] = [PUBLIC_IP]
    network.names["inside.example"] = [address]
    loopback_server.routes["/by-name"] = Route(
        status=302, headers={"Location": "http://inside.example/latest/meta-data/"}
    )
    loopback_server.routes["/by-address"] = Route(
        status=301, headers={"Location": _literal(address) + "admin"}
    )
    for path in ("/by-name", "/by-address"):
        with pytest.raises(FetchError) as caught:
            fetch(f"http://source.example{path}")
        assert caught.value.code == "blocked_address"
    assert network.connects == [PUBLIC_IP, PUBLIC_IP]
    assert [request.path for request in loopback_server.requests] == ["/by-name", "/by-address"]
    assert loopback_server.requests[0].headers["host"] == "source.example"


def test_the_loopback_exception_lets_only_loopback_through(monkeypatch, settings):
    settings.SANTRAL_HARVEST_ALLOW_LOOPBACK = True
    network = Network(monkeypatch)
    for address in ("10.0.0.5", "169.254.169.254", "::ffff:127.0.0.1", "0.0.0.0", "fc00::1"):  # noqa: S104
        network.names["feed.example"] = [address]
        with pytest.raises(FetchError) as caught:
            fetch("http://feed.example/")
        assert caught.value.code == "blocked_address"
    assert network.connects == []

    network.names["feed.example"] = ["127.0.0.2"]
    with pytest.raises(FetchError) as caught:
        fetch("http://feed.example/")
    assert caught.value.code == "connection"  # allowed, then refused by the fake network
    assert network.connects == ["127.0.0.2"]
    assert address_allowed("::1") and address_allowed("127.0.0.1")
    assert not address_allowed("::1", allow_loopback=False)
    assert address_allowed(PUBLIC_IP, allow_loopback=False)
    assert address_allowed("2a00:1450:4001:800::200e", allow_loopback=False)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://example.org/",
        "ftp://example.org/feed.xml",
        "javascript:alert(1)",
        "//example.org/feed",
        "http://",
        "http://example.org:99999/",
        "",
        "http:// http://",  # found by fuzzing: http.client refused the host with an InvalidURL
        "http://[::1/",
        "http://\ud800.example/",
        "http://example.org/\ud800",  # found by fuzzing: quote() raised UnicodeEncodeError
    ],
)
def test_anything_but_http_and_https_is_refused_before_any_lookup(monkeypatch, url):
    network = Network(monkeypatch)
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert caught.value.code == "bad_scheme"
    assert network.lookups == [] and network.connects == []


def test_unknown_names_and_refused_connections_are_clear_errors(monkeypatch):
    network = Network(monkeypatch)
    with pytest.raises(FetchError) as caught:
        fetch("https://nowhere.example/feed")
    assert (caught.value.code, caught.value.message) == ("dns", "Alan adı çözümlenemedi.")
    with pytest.raises(FetchError):
        fetch("https://şişli.example/feed")
    assert network.lookups == ["nowhere.example", "xn--ili-rzab.example"]  # IDNA
    network.names["down.example"] = [PUBLIC_IP, "2a00:1450:4001:800::200e"]
    with pytest.raises(FetchError) as caught:
        fetch("https://down.example/feed")
    assert caught.value.code == "connection"
    assert network.connects == [PUBLIC_IP, "2a00:1450:4001:800::200e"]  # each address tried


def test_https_connects_to_the_vetted_address_and_checks_the_certificate_of_the_name(
    monkeypatch, tmp_path
):
    cert, key = self_signed_certificate(tmp_path, "feed.example")
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(cert, key)
    with LoopbackServer(ssl_context=server_context) as server:
        server.routes["/feed"] = Route(body="Güvenli bağlantı".encode())
        network = Network(monkeypatch, server)
        network.names["feed.example"] = ["127.0.0.1"]
        network.names["other.example"] = ["127.0.0.1"]
        url = f"https://feed.example:{server.port}/feed"

        with pytest.raises(FetchError) as caught:
            fetch(url)  # the system's trust store does not know the test certificate
        assert caught.value.code == "connection"
        assert caught.value.message == "Sunucunun güvenli bağlantı sertifikası doğrulanamadı."

        monkeypatch.setattr(
            fetching, "_tls_context", lambda: ssl.create_default_context(cafile=str(cert))
        )
        result = fetch(url)
        assert (result.status, result.body.decode()) == (200, "Güvenli bağlantı")
        assert server.requests[-1].headers["host"] == f"feed.example:{server.port}"

        with pytest.raises(FetchError) as caught:
            fetch(f"https://other.example:{server.port}/feed")  # same address, wrong name
        assert caught.value.code == "connection"
    assert network.connects == ["127.0.0.1", "127.0.0.1", "127.0.0.1"]
    assert network.lookups == ["feed.example", "feed.example", "other.example"]


@pytest.mark.parametrize(
    ("response", "code"),
    [
        (b"garbage\r\n\r\n", "connection"),
        (b"", "connection"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "connection"),
        (b"HTTP/1.1 200 OK\r\n" + b"X-Many: y\r\n" * 200 + b"\r\n", "connection"),
        (b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n", "connection"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "connection"),
        (b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nnot gzip at all", "connection"),
        (
            b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 20\r\n\r\n"
            + gzip.compress(b"x" * 1000)[:20],  # whole as sent, but the gzip stream is cut
            "connection",
        ),
        (b"HTTP/1.1 302 Found\r\nLocation: \r\n\r\n", "http_status"),
        (b"HTTP/1.1 301 Moved\r\nLocation: http://[::1\r\n\r\n", "bad_scheme"),
        (b"HTTP/1.1 301 Moved\r\nLocation: file:///etc/passwd\r\n\r\n", "bad_scheme"),
        (b"HTTP/1.1 999 Whatever\r\n\r\n", "http_status"),
    ],
)
def test_broken_responses_are_fetch_errors(loopback_server, response, code):
    loopback_server.routes["/broken"] = Route(raw=True, body=lambda: iter([response]))
    with pytest.raises(FetchError) as caught:
        fetch(loopback_server.url("/broken"))
    assert caught.value.code == code


def test_a_resolver_that_never_answers_ends_at_the_deadline(monkeypatch):
    network = Network(monkeypatch)
    release = threading.Event()

    def stuck(host, port):
        release.wait(30)
        return [PUBLIC_IP]

    monkeypatch.setattr(fetching, "resolve", stuck)
    try:
        with pytest.raises(FetchError) as caught:
            fetch("https://slow-dns.example/", timeout=1)
    finally:
        release.set()
    assert caught.value.code == "timeout"
    assert network.connects == []


_URL_PIECES = st.sampled_from(
    [
        *("http://", "https://", "HTTP://", "ftp://", "[", "]", "::1", ":", "@", "user:pw@"),
        *("ş", "İ", "ß", "\u200b", ".", "..", "xn--", "a" * 70, "%", "%zz", "#", "?", "/"),
        *(" ", "\n", "\x00", "80", "99999", "-1", "example.org", "\ud800", "169.254.169.254"),
    ]
)


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.lists(_URL_PIECES, max_size=12).map("".join))
def test_any_url_ends_in_a_fetch_error_without_touching_the_network(url):
    def resolve(host, port):
        return [PUBLIC_IP]

    def refuse(ip, port, timeout):
        raise ConnectionRefusedError

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fetching, "resolve", resolve)
        patch.setattr(fetching, "_open_connection", refuse)
        with pytest.raises(FetchError):
            fetch(url, timeout=5)
