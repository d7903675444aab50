"""Fetch a news article from a URL that a documenter pasted, without letting the URL reach Vigil's own network.

A pasted URL is hostile input: it may name a private address, a name that resolves to one, or a server
that redirects to one (SSRF). So every URL, redirects included, is resolved once, refused unless every
address is public, and then the connection goes to the checked address itself: no second lookup, so
DNS rebinding cannot switch it. Size and time are capped too, against gzip bombs and slow servers.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from http.client import HTTPException
from urllib.parse import quote, urljoin, urlsplit

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import ConnectTimeoutError, HTTPError
from urllib3.response import BaseHTTPResponse

import vigil
from vigil.intake import IntakeError

_Address = ipaddress.IPv4Address | ipaddress.IPv6Address

USER_AGENT = f"Vigil/{getattr(vigil, '__version__', '0.1')} (+https://vigil.invalid)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
ACCEPT_ENCODING = "gzip, deflate"  # only what _ZlibDecoder undoes with a cap on the decoded size


class FetchError(IntakeError):
    """A URL that cannot be fetched, or that must not be: the message names the URL or host and why."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched page: the final response's status, headers and decoded body."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]  # names in lower case; repeated headers joined with ", "
    content_type: str
    charset: str | None
    body: bytes
    sha256: str
    retrieved_at: datetime


@dataclass(frozen=True)
class Guard:
    """Which addresses a fetch may connect to: by default only public (global) ones."""

    allow: frozenset[tuple[str, int]] = frozenset()  # exact (ip, port) pairs opened, for tests only

    def check(self, host: str, port: int) -> list[str]:
        """Resolve `host`, check every address, and return those to connect to; raise FetchError if any is refused.

        One private address among public ones refuses the host: a name that sometimes resolves inward
        is not to be trusted with the others.
        """
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise FetchError(f"{host} could not be found ({reason})") from error
        addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
        if not addresses:
            raise FetchError(f"{host} could not be found (no address)")
        opened = {(_normal_address(ip), allowed_port) for ip, allowed_port in self.allow}
        for address in addresses:
            if (_normal_address(address), port) in opened:
                continue
            reason = _refusal(ipaddress.ip_address(address))
            if reason is None:
                continue
            if _normal_address(host) == _normal_address(address):
                raise FetchError(f"refused: {address} is {reason}")
            raise FetchError(f"refused: {host} resolves to {address}, {reason}")
        return addresses


def fetch(
    url: str,
    *,
    guard: Guard = Guard(),  # noqa: B008 (a frozen, immutable default)
    max_bytes: int = 10 * 1024 * 1024,
    timeout: float = 20.0,
    max_redirects: int = 5,
    tls_context: ssl.SSLContext | None = None,
) -> Fetched:
    """Fetch `url` with GET, following redirects, and return the final response's decoded body.

    `timeout` bounds the whole fetch, redirects included, so that a server trickling one byte a second
    cannot hold it; `max_bytes` bounds the body both as sent and once decompressed. `tls_context`
    replaces the default certificate store (the system's, plus certifi's where installed).
    """
    deadline = _Deadline(timeout)
    try:
        return _follow(url, guard, max_bytes, deadline, max_redirects, tls_context)
    except _TimeUp:
        raise FetchError(f"{_shown(url)}: no complete answer within {timeout:g} s") from None
    finally:
        deadline.cancel()


# The stages of a fetch


@dataclass(frozen=True, slots=True)
class _Target:
    """A URL taken apart and checked for what a request needs."""

    url: str
    scheme: str
    host: str  # ASCII, lower case, IPv6 without brackets
    port: int
    request_target: str  # path and query, percent-encoded
    host_header: str


class _TimeUp(Exception):
    """The fetch's overall deadline passed."""


class _TooLarge(Exception):
    """The decoded body passed the cap."""


def _follow(
    url: str, guard: Guard, max_bytes: int, deadline: _Deadline, max_redirects: int, tls_context: ssl.SSLContext | None
) -> Fetched:
    current = url
    for hop in range(max_redirects + 1):
        where = _shown(url) if hop == 0 else f"{_shown(url)}: redirected to {_shown(current)}"
        target = _parse(current, where)
        try:
            addresses = guard.check(target.host, target.port)
        except FetchError as error:
            raise FetchError(f"{where}: {error}") from None
        connection = _connect(target, addresses, deadline, tls_context, where)
        try:
            response = _request(connection, target, deadline, where)
            if response.status in REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"{where}: the server answered {response.status} without a Location")
                current = urljoin(target.url, _header_text(location).strip())
                continue
            if not 200 <= response.status < 300:
                raise FetchError(f"{where}: the server answered {response.status} {response.reason or ''}".rstrip())
            retrieved_at = datetime.now(UTC)
            body = _read_body(response, max_bytes, deadline, where)
        finally:
            deadline.unwatch()
            connection.close()
        headers = {name.lower(): value for name, value in response.headers.itermerged()}
        content_type, charset = _media_type(headers.get("content-type", ""))
        return Fetched(
            url=url,
            final_url=target.url,
            status=response.status,
            headers=headers,
            content_type=content_type,
            charset=charset,
            body=body,
            sha256=hashlib.sha256(body).hexdigest(),
            retrieved_at=retrieved_at,
        )
    raise FetchError(f"{_shown(url)}: too many redirects (more than {max_redirects})")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_USER_INFO = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#]*@")
_HOST_NAME = re.compile(r"[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9_.])?")


def _parse(url: str, where: str) -> _Target:
    """Check that `url` is an http(s) URL with a host and no credentials, and encode what needs encoding."""
    url = url.strip()
    if _CONTROL.search(url):
        raise FetchError(f"{where}: malformed URL (it contains a control character)")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchError(f"{where}: malformed URL ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if not scheme:
            raise FetchError(f"{where}: not a web address (it should start with http:// or https://)")
        raise FetchError(f"{where}: only http and https URLs can be fetched, not {scheme}:")
    if "@" in parts.netloc:
        raise FetchError(f"{where}: URLs with a user name or password are refused")
    host = _host(parts.hostname, parts.netloc, where)
    if port == 0:
        raise FetchError(f"{where}: malformed URL (port 0)")
    port = port or (443 if scheme == "https" else 80)
    path = quote(parts.path or "/", safe="/%!$&'()*+,;=:@~")
    query = quote(parts.query, safe="/?%!$&'()*+,;=:@~[]")
    request_target = f"{path}?{query}" if query else path
    shown_host = f"[{host}]" if ":" in host else host
    host_header = shown_host if port == (443 if scheme == "https" else 80) else f"{shown_host}:{port}"
    return _Target(
        url=url.replace(" ", "%20"),
        scheme=scheme,
        host=host,
        port=port,
        request_target=request_target,
        host_header=host_header,
    )


def _host(hostname: str | None, netloc: str, where: str) -> str:
    if not hostname:
        raise FetchError(f"{where}: the URL has no host")
    if netloc.split("@")[-1].startswith("["):
        if "%" in hostname:
            raise FetchError(f"{where}: malformed URL (a zone index in {hostname!r})")
        try:
            ipaddress.IPv6Address(hostname)
        except ValueError:
            raise FetchError(f"{where}: malformed URL ({hostname!r} is not an IPv6 address)") from None
        return hostname
    try:
        ascii_host = hostname.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise FetchError(f"{where}: malformed URL ({hostname!r} is not a host name)") from None
    if not _HOST_NAME.fullmatch(ascii_host):
        raise FetchError(f"{where}: malformed URL ({hostname!r} is not a host name)")
    return ascii_host


def _connect(
    target: _Target, addresses: list[str], deadline: _Deadline, tls_context: ssl.SSLContext | None, where: str
) -> HTTPConnection:
    """Open a connection to the first checked address that answers, never to the name itself."""
    failures: list[str] = []
    for address in addresses:
        remaining = deadline.remaining()
        connection: HTTPConnection
        if target.scheme == "https":
            connection = HTTPSConnection(
                address,
                target.port,
                timeout=remaining,
                server_hostname=target.host,  # SNI and certificate checked against the name, not the address
                ssl_context=tls_context or _default_tls_context(),
                cert_reqs="CERT_REQUIRED",
            )
        else:
            connection = HTTPConnection(address, target.port, timeout=remaining)
        deadline.watch(connection)
        try:
            connection.connect()
        except ConnectTimeoutError as error:  # NewConnectionError too: try the next address
            deadline.unwatch()
            connection.close()
            deadline.remaining()
            failures.append(f"{address}: {_reason(error)}")
            continue
        except ssl.SSLCertVerificationError as error:
            deadline.unwatch()
            connection.close()
            deadline.remaining()
            raise FetchError(f"{where}: the certificate of {target.host} is not valid ({_reason(error)})") from None
        except (OSError, HTTPError) as error:
            deadline.unwatch()
            connection.close()
            deadline.remaining()
            raise FetchError(f"{where}: could not connect to {target.host} ({address}): {_reason(error)}") from None
        deadline.watch(connection)  # now with its socket, which outlives connection.sock while reading
        return connection
    raise FetchError(f"{where}: could not connect to {target.host} ({'; '.join(failures)})")


def _request(connection: HTTPConnection, target: _Target, deadline: _Deadline, where: str) -> BaseHTTPResponse:
    headers = {
        "Host": target.host_header,
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Accept-Encoding": ACCEPT_ENCODING,
        "Connection": "close",
    }
    try:
        connection.timeout = deadline.remaining()
        connection.request("GET", target.request_target, headers=headers, preload_content=False, decode_content=False)
        return connection.getresponse()
    except (OSError, HTTPException, HTTPError) as error:
        deadline.remaining()
        raise FetchError(f"{where}: no valid answer from {target.host} ({_reason(error)})") from None


def _read_body(response: BaseHTTPResponse, max_bytes: int, deadline: _Deadline, where: str) -> bytes:
    """Read the body as sent, stopping as soon as it or its decoded form passes `max_bytes`."""
    too_large = FetchError(f"{where}: the body is larger than {_size(max_bytes)}")
    length = response.headers.get("content-length", "").strip()
    if length.isdigit() and int(length) > max_bytes:
        raise too_large
    decoders = _decoders_for(response.headers.get("content-encoding", ""), max_bytes, where)
    wire = 0
    parts: list[bytes] = []
    try:
        while True:
            deadline.remaining()
            chunk = response.read(64 * 1024, decode_content=False)
            if not chunk:
                break
            wire += len(chunk)
            if wire > max_bytes:
                raise too_large
            for decoder in decoders:
                chunk = decoder.decode(chunk)
            parts.append(chunk)
        for index, decoder in enumerate(decoders):
            tail = decoder.finish()
            for following in decoders[index + 1 :]:
                tail = following.decode(tail)
            parts.append(tail)
    except _TooLarge:
        raise FetchError(f"{where}: the body is larger than {_size(max_bytes)} once decompressed") from None
    except (OSError, HTTPException, HTTPError) as error:
        deadline.remaining()
        raise FetchError(f"{where}: the body could not be read ({_reason(error)})") from None
    except zlib.error as error:
        raise FetchError(f"{where}: the body is not valid compressed data ({error})") from None
    deadline.remaining()  # a cut connection ends a body without a length as if complete
    return b"".join(parts)


# Address checks


_METADATA = frozenset(
    ipaddress.ip_address(address)
    for address in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254", "fd00:ec2::23")
)
_SHARED = ipaddress.IPv4Network("100.64.0.0/10")  # carrier-grade NAT: not global, yet not "private" to ipaddress
_COMPATIBLE = ipaddress.IPv6Network("::/96")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _refusal(address: _Address) -> str | None:
    """Say why `address` must not be connected to, or return None for a public address."""
    if address in _METADATA:
        return "a cloud metadata address"
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            kind, ipv4 = embedded
            inner = _refusal(ipv4)
            return None if inner is None else f"{kind} of {ipv4}, {inner}"
    categories = (
        (address.is_loopback, "a loopback address"),
        (address.is_unspecified, "an unspecified address"),
        (address.is_link_local, "a link-local address"),
        (address.is_multicast, "a multicast address"),
        (address in _SHARED, "a shared (carrier-grade NAT) address"),
        (isinstance(address, ipaddress.IPv6Address) and address.is_site_local, "a site-local address"),
        (address.is_reserved, "a reserved address"),
        (address.is_private, "a private address"),
        (not address.is_global, "not a public address"),
    )
    return next((reason for refused, reason in categories if refused), None)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> tuple[str, ipaddress.IPv4Address] | None:
    """Return the IPv4 address that an IPv6 address stands for (mapped, compatible, NAT64, 6to4), if any."""
    if address.ipv4_mapped is not None:
        return "an IPv4-mapped form", address.ipv4_mapped
    if address in _COMPATIBLE and int(address) > 1:
        return "an IPv4-compatible form", ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address in _NAT64:
        return "a NAT64 form", ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    if address.sixtofour is not None:
        return "a 6to4 form", address.sixtofour
    return None


def _normal_address(text: str) -> str:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return text


# Time


class _Deadline:
    """The whole fetch's time limit: when it passes, the connection being watched is shut.

    Socket timeouts bound each wait, but a server that sends a byte before each wait ends never trips
    them; shutting the socket from a timer thread ends any read at once, in the headers or the body.
    """

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._connection: HTTPConnection | None = None
        self._socket: socket.socket | None = None
        self._passed = False
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        """Return the seconds left; raise _TimeUp when there are none."""
        left = self._end - time.monotonic()
        if left <= 0 or self._passed:
            raise _TimeUp
        return left

    def watch(self, connection: HTTPConnection) -> None:
        """Shut `connection` (its current socket, or its coming one) when the time is up."""
        with self._lock:
            self._connection = connection
            self._socket = connection.sock
        if self._passed:
            self._expire()

    def unwatch(self) -> None:
        """Forget the connection, before it is closed, so that the timer never touches a closed socket."""
        with self._lock:
            self._connection = None
            self._socket = None

    def cancel(self) -> None:
        """Stop the timer."""
        self._timer.cancel()
        self.unwatch()

    def _expire(self) -> None:
        with self._lock:
            self._passed = True
            # During the TLS handshake the socket is only on the connection; once the response has
            # the socket, http.client drops connection.sock, so the one kept by watch() is used.
            sock = self._socket or (self._connection.sock if self._connection else None)
            if sock is not None:
                # The plain socket's shutdown, not SSLSocket's: it wakes a blocked TLS read too. A socket
                # already closed has nothing left to wake.
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)


# Content decoding


class _ZlibDecoder:
    """Undo gzip or deflate while never producing more than `limit` bytes in all."""

    def __init__(self, encoding: str, limit: int) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._limit = limit
        self._produced = 0
        self._seen = False  # an empty body is empty, whatever its declared encoding
        self._pending = b""  # deflate: the first bytes, until the zlib header can be told from raw deflate
        self._object: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS) if self._gzip else None

    def decode(self, data: bytes) -> bytes:
        self._seen = self._seen or bool(data)
        if self._object is None:
            self._pending += data
            if len(self._pending) < 2:
                return b""
            # Servers send "deflate" both with and without the zlib header (RFC 9110 asks for the header).
            first, second = self._pending[0], self._pending[1]
            wrapped = first & 0x0F == 8 and (first << 8 | second) % 31 == 0
            self._object = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            data, self._pending = self._pending, b""
        out: list[bytes] = []
        while data:
            if self._object.eof:
                if not (self._gzip and data[:2] == b"\x1f\x8b"):
                    break  # trailing bytes after the stream: ignored, as browsers do
                self._object = zlib.decompressobj(16 + zlib.MAX_WBITS)  # another gzip member
            room = self._limit - self._produced
            chunk = self._object.decompress(data, room + 1)
            self._produced += len(chunk)
            if self._produced > self._limit:
                raise _TooLarge
            out.append(chunk)
            data = self._object.unused_data if self._object.eof else b""
        return b"".join(out)

    def finish(self) -> bytes:
        if not self._seen:
            return b""
        if self._object is None or not self._object.eof:
            raise zlib.error("the compressed stream ends early")
        tail = self._object.flush()
        self._produced += len(tail)
        if self._produced > self._limit:
            raise _TooLarge
        return tail


_DECODERS = {"gzip": _ZlibDecoder, "x-gzip": _ZlibDecoder, "deflate": _ZlibDecoder}


def _decoders_for(content_encoding: str, limit: int, where: str) -> list[_ZlibDecoder]:
    """Return the decoders to apply in turn: the last encoding named was applied last, so undo it first."""
    encodings = [part.strip().lower() for part in content_encoding.split(",") if part.strip()]
    decoders: list[_ZlibDecoder] = []
    for encoding in reversed(encodings):
        if encoding == "identity":
            continue
        if encoding not in _DECODERS:
            raise FetchError(f"{where}: the body is encoded as {encoding!r}, which Vigil cannot decode")
        decoders.append(_DECODERS[encoding](encoding, limit))
    return decoders


# Small helpers


@functools.cache
def _default_tls_context() -> ssl.SSLContext:
    """Trust the system's certificate store, and certifi's bundle where it is installed."""
    context = ssl.create_default_context()
    try:
        import certifi
    except ImportError:
        return context
    context.load_verify_locations(cafile=certifi.where())
    return context


def _media_type(content_type: str) -> tuple[str, str | None]:
    """Split a Content-Type into its media type (lower case, '' if none) and its charset."""
    media_type, *parameters = content_type.split(";")
    charset = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip("\"'"):
            charset = value.strip().strip("\"'").lower()
    return media_type.strip().lower(), charset


def _header_text(value: str) -> str:
    """Read a header that http.client decoded as Latin-1 as the UTF-8 that servers mostly send."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _reason(error: BaseException) -> str:
    return str(error) or type(error).__name__


def _size(count: int) -> str:
    megabytes = count / (1024 * 1024)
    if count >= 1024 * 1024 and megabytes == int(megabytes):
        return f"{int(megabytes)} MB"
    return f"{count} bytes"


def _shown(url: str) -> str:
    """Return `url` fit for a message: no password, control characters escaped, at most 200 characters."""
    shown = _USER_INFO.sub(r"\1…@", url.strip())
    shown = _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), shown)
    return shown if len(shown) <= 200 else shown[:199] + "…"
