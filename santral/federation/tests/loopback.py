"""A small HTTP server on 127.0.0.1 for harvesting tests: a route table, recorded requests.

    with LoopbackServer() as server:
        server.routes["/feed/"] = Route(headers={"Content-Type": "application/rss+xml"}, body=RSS)
        server.routes["/slow"] = Route(body=lambda: drip(b"x" * 60, delay=1.0))
        server.routes["/dyn"] = lambda request: Route(status=304 if request.headers.get(
            "if-none-match") == '"v1"' else 200, body=b"...")
        fetch(server.url("/feed/"))
        server.requests[0].headers["user-agent"]

A route is found by path with query first, then by path alone; anything else is 404.
A `Route.body` is bytes (sent with Content-Length), or a callable returning an iterable of
byte chunks (sent as they come, then the connection closes — a generator can stream 50 MB
without holding it). With `raw=True` the chunks are the whole response, status line and
headers included (to dribble out the headers themselves). The server runs on daemon
threads, so a handler still dripping bytes never holds up the end of a test.
"""

import datetime
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


@dataclass
class Route:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | Callable[[], Iterable[bytes]] = b""
    raw: bool = False


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str  # with the query string
    headers: dict[str, str]  # lower-cased names


RouteOrHandler = Route | Callable[[RecordedRequest], Route]


def drip(data: bytes, *, delay: float, size: int = 1) -> Iterator[bytes]:
    """`data` in chunks of `size` bytes, one every `delay` seconds."""
    for start in range(0, len(data), size):
        yield data[start : start + size]
        time.sleep(delay)


def repeat(chunk: bytes, total: int) -> Iterator[bytes]:
    """`total` bytes made of `chunk` again and again (the same object: no memory grows)."""
    sent = 0
    while sent < total:
        piece = chunk if total - sent >= len(chunk) else chunk[: total - sent]
        yield piece
        sent += len(piece)


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_GET(self) -> None:
        request = RecordedRequest(
            method="GET",
            path=self.path,
            headers={name.lower(): value for name, value in self.headers.items()},
        )
        owner = self.server.owner
        with owner.lock:
            owner.requests.append(request)
        route = owner.routes.get(self.path) or owner.routes.get(urlsplit(self.path).path)
        if route is None:
            route = Route(status=404, body=b"not found")
        elif callable(route):
            route = route(request)
        try:
            self._send(route)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the client gave up (timeout, size cap): that is what the test wanted

    def _send(self, route: Route) -> None:
        if route.raw:
            for chunk in route.body():
                self.wfile.write(chunk)
                self.wfile.flush()
            self.close_connection = True
            return
        self.send_response(route.status)
        if isinstance(route.body, bytes | bytearray):
            if not any(name.lower() == "content-length" for name in route.headers):
                self.send_header("Content-Length", str(len(route.body)))
        for name, value in route.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if isinstance(route.body, bytes | bytearray):
            self.wfile.write(route.body)
        else:
            for chunk in route.body():
                self.wfile.write(chunk)
                self.wfile.flush()
        self.close_connection = True

    def log_message(self, format, *args) -> None:  # quiet test output
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: "LoopbackServer"


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 and a free port; a context manager. With a server
    `ssl_context` it speaks HTTPS (see `self_signed_certificate`)."""

    def __init__(self, host: str = "127.0.0.1", *, ssl_context: ssl.SSLContext | None = None):
        self.host = host
        self.scheme = "https" if ssl_context else "http"
        self.routes: dict[str, RouteOrHandler] = {}
        self.requests: list[RecordedRequest] = []
        self.lock = threading.Lock()
        self._server = _Server((host, 0), _Handler)
        self._server.owner = self
        if ssl_context is not None:
            self._server.socket = ssl_context.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def url(self, path: str = "/") -> str:
        return f"{self.scheme}://{self.host}:{self.port}{path}"

    def start(self) -> "LoopbackServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "LoopbackServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def self_signed_certificate(directory: Path, hostname: str) -> tuple[Path, Path]:
    """A certificate for `hostname` signed by itself, and its key, as PEM files in
    `directory`: trust the certificate file as a CA to accept it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, hostname)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(hostname)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path
