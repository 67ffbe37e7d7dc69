"""Outbound HTTP for harvesting: one GET of a source, safe against a hostile source.

`fetch()` is the only way the harvester reaches the network. It

- allows http and https only;
- resolves the host itself (`resolve`) and refuses when ANY address is loopback, private,
  link-local (169.254.169.254, the cloud metadata service), multicast, reserved or
  unspecified, including the IPv4-mapped, 6to4 and Teredo forms of those; then connects to
  the vetted address itself (`_open_connection`), so a second DNS answer cannot rebind it,
  sending the original Host header and TLS server name;
- follows redirects itself (at most `MAX_REDIRECTS`), checking scheme and address again on
  every hop;
- bounds the connect time and the time of the WHOLE fetch (DNS, redirects, headers, body):
  a server that answers one byte a second ends at the deadline;
- reads at most `max_bytes` (decompressed) and stops at the first byte beyond, so a huge
  body is never held whole.

Only `settings.SANTRAL_HARVEST_ALLOW_LOOPBACK` (the tests) lets 127.0.0.0/8 and ::1 through;
private and link-local addresses stay refused whatever the setting.
Standard library only: http.client over a socket we open and time ourselves.
"""

import http.client
import io
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_READ_CHUNK = 64 * 1024

_BAD_URL = _("Adres geçerli bir web adresi değil.")
_HOST_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,252}")
_PATH_SAFE = "/?&=%:@!$'()*+,;-._~[]"
_CUT_SHORT = _("Sunucu yanıtı yarıda kesti.")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Turkish sentences for the back office, one per FetchError code.
_MESSAGES = {
    "bad_scheme": _("Adres http:// veya https:// ile başlamalı."),
    "blocked_address": _("Bu adres yerel ya da özel bir ağa çıkıyor; güvenlik için erişilmedi."),
    "dns": _("Alan adı çözümlenemedi."),
    "connection": _("Sunucuya bağlanılamadı."),
    "timeout": _("Sunucu {seconds:g} saniyede yanıt vermedi."),
    "too_large": _("Yanıt {limit} bayttan büyük; okunmadı."),
    "too_many_redirects": _("Çok fazla yönlendirme var ({limit} üstü)."),
    "http_status": _("Sunucu {status} durum koduyla yanıt verdi."),
}


class FetchError(Exception):
    """A fetch that gave no usable answer. `code` is stable (for code and tests), `message`
    one plain Turkish sentence for the back office; `status` the HTTP status for
    "http_status"."""

    def __init__(self, code: str, message: str = "", *, status: int | None = None, **fmt):
        self.code = code
        # str(): the sentence in the active language (Turkish in tasks), stored as plain text.
        self.message = (
            str(message)
            if message
            else str(_MESSAGES.get(code, _("Kaynak alınamadı."))).format(status=status, **fmt)
        )
        self.status = status
        super().__init__(f"{code}: {self.message}")


@dataclass(frozen=True)
class FetchResult:
    status: int  # 200 (any 2xx), or 304 when the conditional GET says nothing changed
    body: bytes  # b"" on 304
    url: str  # final URL after redirects
    etag: str = ""
    last_modified: str = ""
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names


# --- the two seams the tests replace -------------------------------------------------------


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (both families), as strings, without duplicates."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for *_info, sockaddr in infos:
        if sockaddr[0] not in addresses:
            addresses.append(sockaddr[0])
    return addresses


def _open_connection(ip: str, port: int, timeout: float) -> socket.socket:
    """Open the TCP connection to an address `fetch()` has already vetted."""
    return socket.create_connection((ip, port), timeout=timeout)


def _tls_context() -> ssl.SSLContext:
    """Certificates checked against the system's trust store and the URL's host name."""
    return ssl.create_default_context()


# --- address policy ----------------------------------------------------------------------


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries and routes to (mapped, 6to4, Teredo, NAT64)."""
    found = []
    if address.ipv4_mapped is not None:
        found.append(address.ipv4_mapped)
    if address.sixtofour is not None:
        found.append(address.sixtofour)
    if address.teredo is not None:
        found.extend(address.teredo)
    if address in ipaddress.ip_network("64:ff9b::/96"):
        found.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return found


def _is_public(address: IPAddress) -> bool:
    if (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    ):
        return False
    if isinstance(address, ipaddress.IPv6Address):
        if address.is_site_local:
            return False
        return all(_is_public(inner) for inner in _embedded_ipv4(address))
    return True


def address_allowed(ip: str, *, allow_loopback: bool | None = None) -> bool:
    """May `fetch()` connect to `ip`? Public unicast only; 127.0.0.0/8 and ::1 (their plain
    forms, not IPv4-mapped) too when loopback is allowed."""
    if allow_loopback is None:
        allow_loopback = settings.SANTRAL_HARVEST_ALLOW_LOOPBACK
    try:
        address = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    if allow_loopback and address.is_loopback:
        # ::ffff:127.0.0.1 is not is_loopback in Python 3.11, so only the two plain forms pass.
        return True
    return _is_public(address)


# --- the deadline ----------------------------------------------------------------------


class _Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        left = self.at - time.monotonic()
        if left <= 0:
            raise FetchError("timeout", seconds=self.seconds)
        return left


class _DeadlineReader(io.RawIOBase):
    """The socket's read side; every recv waits at most until the deadline."""

    def __init__(self, owner: "_DeadlineSocket"):
        self._owner = owner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        sock = self._owner.sock
        sock.settimeout(self._owner.deadline.remaining())
        try:
            return sock.recv_into(buffer)
        except TimeoutError:
            raise FetchError("timeout", seconds=self._owner.deadline.seconds) from None

    def close(self) -> None:
        if not self.closed:
            super().close()
            self._owner.release()


class _DeadlineSocket:
    """What http.client sees as its socket: writes and reads bounded by the deadline. Like
    socket.makefile(), an open reader keeps the socket open after close() (http.client
    closes the connection as soon as the headers of a "Connection: close" response are in)."""

    def __init__(self, sock: socket.socket, deadline: _Deadline):
        self.sock = sock
        self.deadline = deadline
        self._readers = 0
        self._closed = False

    def sendall(self, data) -> None:
        self.sock.settimeout(self.deadline.remaining())
        self.sock.sendall(data)

    def makefile(self, mode: str = "rb", *args, **kwargs):
        self._readers += 1
        return io.BufferedReader(_DeadlineReader(self))

    def release(self) -> None:
        self._readers -= 1
        if self._closed and self._readers <= 0:
            self.sock.close()

    def close(self) -> None:
        self._closed = True
        if self._readers <= 0:
            self.sock.close()


class _PinnedConnection(http.client.HTTPConnection):
    """http.client for one vetted address: Host header and SNI name the host, the TCP
    connection goes to `ip` (no second DNS lookup)."""

    def __init__(self, *, host: str, port: int, ip: str, tls: bool, deadline: _Deadline):
        super().__init__(host, port)
        # Host carries ":443" only when the port is not the scheme's own.
        self.default_port = 443 if tls else 80
        self._ip = ip
        self._tls = tls
        self._deadline = deadline

    def connect(self) -> None:
        timeout = min(settings.SANTRAL_HARVEST_CONNECT_TIMEOUT, self._deadline.remaining())
        try:
            raw = _open_connection(self._ip, self.port, timeout)
        except TimeoutError:
            raise FetchError("timeout", seconds=settings.SANTRAL_HARVEST_CONNECT_TIMEOUT) from None
        except OSError as exc:
            raise FetchError("connection") from exc
        if self._tls:
            context = _tls_context()
            raw.settimeout(self._deadline.remaining())
            try:
                raw = context.wrap_socket(raw, server_hostname=self.host)
            except TimeoutError:
                raw.close()
                raise FetchError("timeout", seconds=self._deadline.seconds) from None
            except (ssl.SSLError, ssl.CertificateError, OSError) as exc:
                raw.close()
                raise FetchError(
                    "connection", _("Sunucunun güvenli bağlantı sertifikası doğrulanamadı.")
                ) from exc
        self.sock = _DeadlineSocket(raw, self._deadline)


# --- the fetch ---------------------------------------------------------------------------


def _resolve_within(host: str, port: int, deadline: _Deadline) -> list[str]:
    """`resolve()` bounded by the deadline: getaddrinfo cannot be interrupted, so it runs on
    a daemon thread that is abandoned (not waited for) when the deadline passes."""
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["addresses"] = resolve(host, port)
        except Exception as exc:  # handed to the caller below
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True, name="santral-resolve")
    worker.start()
    worker.join(deadline.remaining())
    if worker.is_alive():
        raise FetchError("timeout", seconds=deadline.seconds)
    if "error" in outcome:
        raise FetchError("dns") from outcome["error"]
    if not outcome.get("addresses"):
        raise FetchError("dns")
    return outcome["addresses"]


def _valid_host(host: str) -> bool:
    """A DNS name (letters, digits, "-", "_", "."), an IPv4 or an IPv6 literal: nothing
    http.client would refuse or a resolver would misread (spaces, control characters)."""
    if ":" in host:  # IPv6, its brackets already taken off by urlsplit
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            return False
        return True
    return bool(_HOST_NAME.fullmatch(host))


def _split(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path with query) of an http(s) URL; FetchError otherwise."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise FetchError("bad_scheme", _BAD_URL) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError("bad_scheme")
    host = parts.hostname or ""
    if not host:
        raise FetchError("bad_scheme", _BAD_URL)
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        # A typed URL or a Location may carry spaces or Turkish letters ("/haber/çevre
        # günü"); the request line takes ASCII only. Existing %XX escapes stay as they are.
        path = quote(path, safe=_PATH_SAFE)
    except UnicodeError:
        raise FetchError("bad_scheme", _BAD_URL) from None
    if not _valid_host(host):
        raise FetchError("bad_scheme", _BAD_URL)
    return scheme, host, port or (443 if scheme == "https" else 80), path


def _read_body(response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    """The body, at most max_bytes after decompression; FetchError("too_large") beyond."""
    encoding = (response.getheader("content-encoding") or "").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    else:
        inflater = None
    body = bytearray()
    received = False
    while True:
        chunk = response.read(_READ_CHUNK)
        if not chunk:
            break
        received = True
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, max_bytes + 1 - len(body))
            except zlib.error as exc:
                raise FetchError("connection", _("Sunucunun sıkıştırılmış yanıtı bozuk.")) from exc
            if inflater.unconsumed_tail:  # output stopped at the cap with input left
                raise FetchError("too_large", limit=max_bytes)
        body += chunk
        if len(body) > max_bytes:
            raise FetchError("too_large", limit=max_bytes)
    # http.client's read(amt) ends quietly when the server closes before Content-Length;
    # a cut gzip stream inflates quietly too: either way the body is not whole.
    if response.length or (inflater is not None and received and not inflater.eof):
        raise FetchError("connection", _CUT_SHORT)
    return bytes(body)


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    accept: str = "*/*",
    max_bytes: int | None = None,
    timeout: float | None = None,
) -> FetchResult:
    """GET `url` safely (see the module docstring). Returns status 2xx with the body or 304
    with b"" (when `etag`/`last_modified` match); raises FetchError for everything else:
    bad_scheme (also for a URL that is not one), blocked_address, dns, connection, timeout,
    too_large, too_many_redirects, http_status (then `.status` is set)."""
    if max_bytes is None:
        max_bytes = settings.SANTRAL_HARVEST_MAX_BYTES
    deadline = _Deadline(timeout if timeout is not None else settings.SANTRAL_HARVEST_TOTAL_TIMEOUT)
    headers = {
        "User-Agent": settings.SANTRAL_HARVEST_USER_AGENT,
        "Accept": accept,
        # Asking for no compression keeps the size cap honest; gzip sent anyway is inflated
        # under the same cap (_read_body).
        "Accept-Encoding": "identity",
        "Connection": "close",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified

    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, path = _split(current)
        addresses = _resolve_within(host, port, deadline)
        # Every address must pass, not just the first: the kernel or a retry could pick any.
        if not all(address_allowed(ip) for ip in addresses):
            raise FetchError("blocked_address")
        response, connection = _request(scheme, host, port, path, addresses, headers, deadline)
        try:
            status = response.status
            if status in REDIRECT_STATUSES:
                location = response.getheader("location")
                if not location:
                    raise FetchError("http_status", status=status)
                try:
                    # http.client reads headers as Latin-1; servers send UTF-8 paths raw.
                    location = location.encode("latin-1").decode("utf-8")
                except UnicodeError:
                    pass
                try:
                    current = urljoin(current, location.strip())
                except ValueError:
                    raise FetchError("bad_scheme", _BAD_URL) from None
                continue
            if status == 304:
                return _result(response, 304, b"", current)
            if not 200 <= status < 300:
                raise FetchError("http_status", status=status)
            length = response.getheader("content-length")
            if length and length.strip().isdigit() and int(length) > max_bytes:
                raise FetchError("too_large", limit=max_bytes)
            return _result(response, status, _read_body(response, max_bytes), current)
        except http.client.HTTPException as exc:
            raise FetchError("connection") from exc
        except OSError as exc:
            raise FetchError("connection") from exc
        finally:
            response.close()
            connection.close()
    raise FetchError("too_many_redirects", limit=MAX_REDIRECTS)


def _request(scheme, host, port, path, addresses, headers, deadline):
    """Send the GET to the first vetted address that accepts the connection."""
    error: FetchError | None = None
    for ip in addresses:
        connection = _PinnedConnection(
            host=host, port=port, ip=ip, tls=scheme == "https", deadline=deadline
        )
        try:
            connection.request("GET", path, headers=headers)
            return connection.getresponse(), connection
        except FetchError as exc:
            connection.close()
            if exc.code != "connection":
                raise
            error = exc
        except (http.client.HTTPException, OSError) as exc:
            connection.close()
            raise FetchError("connection") from exc
    raise error or FetchError("connection")


def _result(response: http.client.HTTPResponse, status: int, body: bytes, url: str):
    headers: dict[str, str] = {}
    for name, value in response.getheaders():
        name = name.lower()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return FetchResult(
        status=status,
        body=body,
        url=url,
        etag=headers.get("etag", ""),
        last_modified=headers.get("last-modified", ""),
        headers=headers,
    )
