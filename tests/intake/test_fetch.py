"""The guarded fetch against a real HTTP server on loopback, opened to the guard for that server only."""

import functools
import gzip
import hashlib
import re
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
import zlib
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest

from vigil.intake import IntakeError
from vigil.intake.fetch import USER_AGENT, FetchError, Guard, fetch

PAGE = "<html><head><title>Вести дня</title></head><body><p>A page written for this test.</p></body></html>".encode()
MB = 1024 * 1024


# What the process does on the network, seen through Python's audit events (no mock: the real calls run)

_seen: list[tuple[str, object]] | None = None


def _audit(event, args):
    if _seen is not None and event == "socket.connect":
        _seen.append((event, args[1]))
    elif _seen is not None and event == "socket.getaddrinfo":
        _seen.append((event, args[0]))


sys.addaudithook(_audit)


class Network:
    """The connections made and the names looked up while a test runs."""

    def __init__(self, seen):
        self._seen = seen

    def forget(self):
        self._seen.clear()

    @property
    def connections(self):
        return [address for event, address in self._seen if event == "socket.connect"]

    @property
    def lookups(self):
        return [host for event, host in self._seen if event == "socket.getaddrinfo"]


@pytest.fixture
def network():
    global _seen
    _seen = []
    yield Network(_seen)
    _seen = None


# The server


@functools.cache
def _bomb():
    """Return a gzip body of some KB that decompresses to 20 MB of zeros."""
    return gzip.compress(bytes(20 * MB), compresslevel=9)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.requests = []
        self.closing = threading.Event()

    def handle_error(self, request, client_address):
        """Stay quiet: the client hanging up on a body it refused is the point of several tests."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format, *args):
        """Keep the test output clean."""

    def do_GET(self):
        self.server.requests.append((self.path, dict(self.headers)))
        path = self.path.split("?")[0]
        route = getattr(self, "route_" + path.strip("/").split("/")[0].replace("-", "_"), None)
        try:
            if route is None:
                self.answer(404, b"not here", "text/plain")
            else:
                route()
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def answer(self, status, body, content_type="text/html; charset=UTF-8", **headers):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location, status=302):
        self.send_response(status)
        if location is not None:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    def trickle(self, data, pause=0.05):
        """Send `data` a byte at a time, stopping when the client hangs up or the test ends."""
        for byte in data:
            if self.server.closing.wait(pause):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def route_page(self):
        self.answer(200, PAGE, X_Vigil_Test="yes")

    def route_echo(self):
        text = f"{self.path}\n{self.headers['Host']}\n{self.headers['User-Agent']}\n{self.headers['Accept-Encoding']}"
        self.answer(200, text.encode(), "text/plain")

    def route_redirect(self):
        self.redirect("/page")

    def route_redirect_absolute(self):
        self.redirect(f"http://127.0.0.1:{self.server.server_port}/page", 301)

    def route_hops(self):
        left = int(self.path.rsplit("/", 1)[1])
        self.redirect(f"/hops/{left - 1}" if left > 1 else "/page", 307)  # /hops/N: N redirects

    def route_loop(self):
        self.redirect("/loop", 308)

    def route_no_location(self):
        self.redirect(None)

    def route_to_other_port(self):
        self.redirect(f"http://127.0.0.1:{self.server.server_port + 1}/")

    def route_to_metadata(self):
        self.redirect("http://169.254.169.254/latest/meta-data/", 303)

    def route_to_file(self):
        self.redirect("file:///etc/passwd")

    def route_big_with_length(self):
        self.send_response(200)
        self.send_header("Content-Length", str(50 * MB))
        self.end_headers()
        self.send_zeros(50 * MB)

    def route_big_without_length(self):
        self.send_response(200)
        self.send_header("Connection", "close")
        self.end_headers()
        self.send_zeros(50 * MB)

    def route_big_chunked(self):
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for _ in range(50):
            self.wfile.write(b"%x\r\n%b\r\n" % (MB, bytes(MB)))
        self.wfile.write(b"0\r\n\r\n")

    def send_zeros(self, count):
        block = bytes(MB)
        for _ in range(count // MB):
            self.wfile.write(block)

    def route_gzip(self):
        self.answer(200, gzip.compress(PAGE), Content_Encoding="gzip")

    def route_deflate(self):
        self.answer(200, zlib.compress(PAGE), Content_Encoding="deflate")

    def route_raw_deflate(self):
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        self.answer(200, packer.compress(PAGE) + packer.flush(), Content_Encoding="deflate")

    def route_bomb(self):
        self.answer(200, _bomb(), Content_Encoding="gzip")

    def route_gzip_5kb(self):
        self.answer(200, gzip.compress(b"vigil " * 1000), "text/plain", Content_Encoding="gzip")

    def route_zstd(self):
        self.answer(200, b"\x28\xb5\x2f\xfd", Content_Encoding="zstd")

    def route_slow_body(self):
        self.send_response(200)
        self.send_header("Content-Length", "200")
        self.end_headers()
        self.trickle(bytes(200))

    def route_slow_headers(self):
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self.trickle(b"X-Slow: " + b"a" * 200 + b"\r\n\r\n")

    def route_silent(self):
        self.server.closing.wait(5)

    def route_broken(self):
        self.answer(500, b"broken", "text/plain")


@pytest.fixture
def server():
    httpd = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield httpd
    httpd.closing.set()
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture
def guard(server):
    """Open the guard for the test server's (address, port) and nothing else."""
    return Guard(allow=frozenset({("127.0.0.1", server.server_port)}))


def at(server, path, scheme="http", host="127.0.0.1"):
    return f"{scheme}://{host}:{server.server_port}{path}"


def paths(server):
    return [path for path, _ in server.requests]


# A normal fetch


def test_a_page_is_fetched_with_its_body_digest_headers_and_time(server, guard):
    before = datetime.now(UTC)
    page = fetch(at(server, "/page"), guard=guard)
    assert page.url == page.final_url == at(server, "/page")
    assert page.status == 200
    assert page.body == PAGE
    assert page.sha256 == hashlib.sha256(PAGE).hexdigest()
    assert page.headers["x-vigil-test"] == "yes"
    assert (page.content_type, page.charset) == ("text/html", "utf-8")
    assert before <= page.retrieved_at <= datetime.now(UTC)
    assert page.retrieved_at.utcoffset() == timedelta(0)


def test_the_request_names_the_host_and_vigil_and_asks_only_for_encodings_it_can_undo(server, guard):
    page = fetch(at(server, "/echo"), guard=guard)
    path, host, agent, encodings = page.body.decode().split("\n")
    assert (path, host, agent) == ("/echo", f"127.0.0.1:{server.server_port}", USER_AGENT)
    assert agent.startswith("Vigil/0.1")
    assert encodings == "gzip, deflate"


def test_a_name_is_looked_up_once_and_the_checked_address_itself_is_connected_to(server, network):
    # One lookup, then a connection to the address checked: DNS rebinding has no second answer to switch.
    guard = _localhost_guard(server)
    network.forget()
    page = fetch(at(server, "/echo", host="localhost"), guard=guard)
    assert page.body.decode().split("\n")[1] == f"localhost:{server.server_port}"
    assert network.lookups.count("localhost") == 1
    assert network.connections[-1] == ("127.0.0.1", server.server_port)
    assert {(address, port) for address, port, *_ in network.connections} <= guard.allow


class _Server6(_Server):
    address_family = socket.AF_INET6


def test_an_ipv6_address_is_connected_to_with_a_bracketed_host_header(network):
    try:
        httpd = _Server6(("::1", 0), _Handler)
    except OSError:
        pytest.skip("no IPv6 loopback here")
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        port = httpd.server_port
        page = fetch(f"http://[::1]:{port}/echo", guard=Guard(allow=frozenset({("::1", port)})))
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert page.body.decode().split("\n")[1] == f"[::1]:{port}"
    assert [address[:2] for address in network.connections] == [("::1", port)]


def test_a_non_ascii_path_and_query_are_percent_encoded(server, guard):
    page = fetch(at(server, "/echo/страница?q=вести дня"), guard=guard)
    assert page.body.decode().split("\n")[0] == "/echo/" + quote("страница") + "?q=" + quote("вести дня")


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/raw-deflate"])
def test_a_compressed_body_is_decompressed(server, guard, path):
    page = fetch(at(server, path), guard=guard)
    assert page.body == PAGE
    assert page.sha256 == hashlib.sha256(PAGE).hexdigest()


def test_an_encoding_vigil_cannot_undo_is_refused_by_name(server, guard):
    with pytest.raises(FetchError, match="encoded as 'zstd'"):
        fetch(at(server, "/zstd"), guard=guard)


# Redirects


def test_a_redirect_within_the_allowed_server_is_followed(server, guard):
    page = fetch(at(server, "/redirect"), guard=guard)
    assert page.body == PAGE
    assert (page.url, page.final_url) == (at(server, "/redirect"), at(server, "/page"))
    assert paths(server) == ["/redirect", "/page"]


def test_an_absolute_redirect_is_followed(server, guard):
    assert fetch(at(server, "/redirect-absolute"), guard=guard).final_url == at(server, "/page")


def test_as_many_redirects_as_allowed_are_followed(server, guard):
    assert fetch(at(server, "/hops/5"), guard=guard, max_redirects=5).final_url == at(server, "/page")


def test_a_redirect_loop_stops_after_the_allowed_number(server, guard):
    with pytest.raises(FetchError, match=r"/loop: too many redirects \(more than 5\)"):
        fetch(at(server, "/loop"), guard=guard)
    assert len(server.requests) == 6


def test_one_redirect_too_many_is_refused(server, guard):
    with pytest.raises(FetchError, match=r"too many redirects \(more than 2\)"):
        fetch(at(server, "/hops/3"), guard=guard, max_redirects=2)


def test_a_redirect_without_a_location_is_an_error(server, guard):
    with pytest.raises(FetchError, match="answered 302 without a Location"):
        fetch(at(server, "/no-location"), guard=guard)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/to-other-port", r"redirected to http://127\.0\.0\.1:\d+/: refused: 127\.0\.0\.1 is a loopback address"),
        (
            "/to-metadata",
            r"redirected to http://169\.254\.169\.254/latest/meta-data/: "
            r"refused: 169\.254\.169\.254 is a cloud metadata address",
        ),
        ("/to-file", r"redirected to file:///etc/passwd: only http and https URLs can be fetched, not file:"),
    ],
)
def test_a_redirect_out_of_the_allowed_server_is_checked_again_and_refused(server, guard, network, path, message):
    with pytest.raises(FetchError, match=message):
        fetch(at(server, path), guard=guard)
    assert network.connections == [("127.0.0.1", server.server_port)]
    assert paths(server) == [path]


# Refused before any connection


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://127.0.0.1/", r"http://127\.0\.0\.1/: refused: 127\.0\.0\.1 is a loopback address"),
        ("http://10.0.0.1/", r"http://10\.0\.0\.1/: refused: 10\.0\.0\.1 is a private address"),
        ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a cloud metadata address"),
        ("http://[::1]/", r"refused: ::1 is a loopback address"),
        ("http://localhost/", r"refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address"),
        (
            "http://[::ffff:127.0.0.1]/",
            r"refused: ::ffff:127\.0\.0\.1 is an IPv4-mapped form of 127\.0\.0\.1, a loopback address",
        ),
        ("http://[fd00:ec2::254]/", "refused: fd00:ec2::254 is a cloud metadata address"),
        ("http://100.64.0.1/", "refused: 100.64.0.1 is a shared"),
        ("http://0.0.0.0/", "refused: 0.0.0.0 is an unspecified address"),
        ("http://2130706433/", r"refused: 2130706433 resolves to 127\.0\.0\.1, a loopback address"),
    ],
)
def test_a_url_reaching_inward_is_refused_without_connecting(network, url, message):
    with pytest.raises(FetchError, match=message):
        fetch(url)
    assert network.connections == []


def test_the_test_server_itself_is_refused_without_the_allow_list(server, network):
    with pytest.raises(FetchError, match="refused: 127.0.0.1 is a loopback address"):
        fetch(at(server, "/page"))
    assert network.connections == []
    assert server.requests == []


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/file", "only http and https URLs can be fetched, not ftp:"),
        ("javascript:alert(1)", "only http and https URLs can be fetched, not javascript:"),
        ("file:///etc/passwd", "not file:"),
        ("example.org/news", "not a web address"),
        ("http://user:secret@example.org/", r"^http://…@example\.org/: URLs with a user name or password are refused$"),
        ("http://@example.org/", "user name or password"),
        ("http:///news", "the URL has no host"),
        ("http://[::1/", "malformed URL"),
        ("http://example.org:99999/", "malformed URL"),
        ("http://example.org:0/", "malformed URL"),
        ("http://exa mple.org/", "malformed URL"),
        ("http://example.org/\r\nX-Injected: 1", "control character"),
        ("http://[fe80::1%25eth0]/", "malformed URL"),
    ],
)
def test_a_url_that_is_not_plain_http_is_refused(network, url, message):
    with pytest.raises(FetchError, match=message):
        fetch(url)
    assert network.connections == []


def test_fetch_errors_are_intake_errors():
    assert issubclass(FetchError, IntakeError)


# Size


@pytest.mark.parametrize("path", ["/big-with-length", "/big-without-length", "/big-chunked"])
def test_a_50_mb_body_is_refused_quickly(server, guard, path):
    started = time.monotonic()
    with pytest.raises(FetchError, match=f"{path}: the body is larger than 10 MB$"):
        fetch(at(server, path), guard=guard)
    assert time.monotonic() - started < 5


def test_a_gzip_bomb_is_refused_as_soon_as_it_decompresses_past_the_cap(server, guard):
    assert len(_bomb()) < 64 * 1024
    with pytest.raises(FetchError, match="larger than 10 MB once decompressed"):
        fetch(at(server, "/bomb"), guard=guard)


def test_the_cap_can_be_lowered(server, guard):
    with pytest.raises(FetchError, match="the body is larger than 50 bytes"):
        fetch(at(server, "/page"), guard=guard, max_bytes=50)
    with pytest.raises(FetchError, match="larger than 1000 bytes once decompressed"):
        fetch(at(server, "/gzip-5kb"), guard=guard, max_bytes=1000)


# Time


@pytest.mark.parametrize("path", ["/slow-body", "/slow-headers", "/silent"])
def test_a_slow_server_is_given_up_on_when_the_whole_fetch_passes_its_time(server, guard, path):
    # A byte every 50 ms never trips a wait of 0.5 s, only the deadline of the whole fetch.
    started = time.monotonic()
    with pytest.raises(FetchError, match=f"{path}: no complete answer within 0.5 s"):
        fetch(at(server, path), guard=guard, timeout=0.5)
    assert time.monotonic() - started < 2


# Status


def test_a_missing_page_is_an_error_naming_the_status(server, guard):
    with pytest.raises(FetchError, match=r"/missing: the server answered 404 Not Found"):
        fetch(at(server, "/missing"), guard=guard)


def test_a_server_error_is_an_error_naming_the_status(server, guard):
    with pytest.raises(FetchError, match="the server answered 500"):
        fetch(at(server, "/broken"), guard=guard)


def test_a_closed_port_is_an_error_naming_the_host(server):
    port = server.server_port + 1
    with pytest.raises(FetchError, match="could not connect to 127.0.0.1 \\(127.0.0.1: .*refused"):
        fetch(f"http://127.0.0.1:{port}/", guard=Guard(allow=frozenset({("127.0.0.1", port)})))


# The address check alone (literal addresses: no connection, no internet)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("127.1.2.3", "a loopback address"),
        ("10.0.0.1", "a private address"),
        ("172.16.5.4", "a private address"),
        ("192.168.1.1", "a private address"),
        ("169.254.169.254", "a cloud metadata address"),
        ("169.254.1.1", "a link-local address"),
        ("100.64.0.1", "a shared (carrier-grade NAT) address"),
        ("100.127.255.254", "a shared (carrier-grade NAT) address"),
        ("0.0.0.0", "an unspecified address"),  # noqa: S104 (refused here, never bound)
        ("224.0.0.1", "a multicast address"),
        ("233.252.0.1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("255.255.255.255", "a reserved address"),
        ("192.0.2.1", "a private address"),
        ("198.18.0.1", "a private address"),
        ("::1", "a loopback address"),
        ("::", "an unspecified address"),
        ("fe80::1", "a link-local address"),
        ("fc00::1", "a private address"),
        ("fd12:3456::1", "a private address"),
        ("fec0::1", "a site-local address"),
        ("ff02::1", "a multicast address"),
        ("fd00:ec2::254", "a cloud metadata address"),
        ("2001:db8::1", "a private address"),
        ("::ffff:10.0.0.1", "an IPv4-mapped form of 10.0.0.1, a private address"),
        ("::ffff:169.254.169.254", "an IPv4-mapped form of 169.254.169.254, a cloud metadata address"),
        ("::127.0.0.1", "an IPv4-compatible form of 127.0.0.1, a loopback address"),
        ("64:ff9b::a00:1", "a NAT64 form of 10.0.0.1, a private address"),
        ("2002:a9fe:a9fe::", "a 6to4 form of 169.254.169.254, a cloud metadata address"),
        ("2002:c0a8:101::1", "a 6to4 form of 192.168.1.1, a private address"),
    ],
)
def test_the_guard_refuses_every_kind_of_non_public_address(address, reason):
    with pytest.raises(FetchError, match=f"^{re.escape(f'refused: {address} is {reason}')}$"):
        Guard().check(address, 80)


@pytest.mark.parametrize(
    "address",
    ["93.184.216.34", "8.8.8.8", "2606:2800:220:1:248:1893:25c8:1946", "2001:4860:4860::8888", "::ffff:93.184.216.34"],
)
def test_the_guard_lets_a_public_address_through(address):
    assert Guard().check(address, 443) == [address]


def test_the_allow_list_opens_exactly_one_address_and_port():
    guard = Guard(allow=frozenset({("127.0.0.1", 8080)}))
    assert guard.check("127.0.0.1", 8080) == ["127.0.0.1"]
    with pytest.raises(FetchError, match="loopback"):
        guard.check("127.0.0.1", 8081)
    with pytest.raises(FetchError, match="loopback"):
        guard.check("127.0.0.2", 8080)


def test_a_name_that_cannot_be_found_is_an_error_naming_it():
    with pytest.raises(FetchError, match=r"^no-such-host\.invalid could not be found"):
        Guard().check("no-such-host.invalid", 80)


# HTTPS: the connection goes to the address, the certificate is checked against the name


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    """Make a test CA and a certificate it signs for `localhost`, with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    folder = tmp_path_factory.mktemp("tls")

    def openssl(*arguments):
        subprocess.run(["openssl", *arguments], cwd=folder, check=True, capture_output=True)

    curve = ("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes")
    openssl("req", "-x509", *curve, "-subj", "/CN=Vigil test CA", "-days", "2", "-keyout", "ca.key", "-out", "ca.pem")
    openssl("req", *curve, "-subj", "/CN=localhost", "-keyout", "leaf.key", "-out", "leaf.csr")
    (folder / "leaf.ext").write_text(
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
    )
    openssl(
        "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "1",
        "-days", "2", "-extfile", "leaf.ext", "-out", "leaf.pem",
    )  # fmt: skip
    return folder


@pytest.fixture
def https_server(server, certificates):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificates / "leaf.pem", certificates / "leaf.key")
    server.socket = context.wrap_socket(server.socket, server_side=True)
    return server


@pytest.fixture
def trusting(certificates):
    return ssl.create_default_context(cafile=str(certificates / "ca.pem"))


def _localhost_guard(server):
    found = {info[4][0] for info in socket.getaddrinfo("localhost", server.server_port, type=socket.SOCK_STREAM)}
    return Guard(allow=frozenset((address, server.server_port) for address in found))


def test_https_connects_to_the_address_and_verifies_the_certificate_for_the_name(https_server, trusting, network):
    guard = _localhost_guard(https_server)
    network.forget()
    page = fetch(at(https_server, "/echo", "https", "localhost"), guard=guard, tls_context=trusting)
    assert page.body.decode().split("\n")[1] == f"localhost:{https_server.server_port}"
    assert network.lookups.count("localhost") == 1
    assert ("127.0.0.1", https_server.server_port) in network.connections


def test_https_refuses_a_certificate_for_another_name(https_server, guard, trusting):
    with pytest.raises(FetchError, match="the certificate of 127.0.0.1 is not valid"):
        fetch(at(https_server, "/page", "https"), guard=guard, tls_context=trusting)


def test_https_refuses_a_certificate_from_an_unknown_authority(https_server):
    with pytest.raises(FetchError, match="the certificate of localhost is not valid"):
        fetch(at(https_server, "/page", "https", "localhost"), guard=_localhost_guard(https_server))
