"""The front of `kg serve`: a pass-through to Oxigraph's server that holds it to kg's
promises, which Oxigraph's own options do not keep: every request answers within the
time limit (Oxigraph's `--timeout-s` lets an endless query run and stream for ever), no
query reaches another server (SERVICE), and only what the front has read and checked is
passed on: one reading of each header that matters, a body of the length it announced,
the Host kg listens on (no DNS rebinding), pages of the origins the user named. It speaks
HTTP to Oxigraph and to the client and nothing more: the SPARQL protocol is Oxigraph's."""
from __future__ import annotations

import http.client
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from kg.errors import KGError, shown
from kg.query.sparqltext import NestingError, SparqlTextError, read_request

__all__ = ["GuardServer", "guard_server", "cors_origin", "MAX_CONNECTIONS", "READ_SECONDS"]

MAX_CONNECTIONS = 64  # connections served at once; one more is answered 503 at once
READ_SECONDS = 10.0  # to send a whole request (line, headers, body)
_MAX_BODY = 16 * 1024 * 1024  # a request body (a query) larger than this is refused
_CHUNK = 64 * 1024
_HOP_HEADERS = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
                "transfer-encoding", "upgrade", "host", "content-length"}
_FORWARDED = ("accept", "accept-language", "content-type", "user-agent")  # request headers Oxigraph is given
_SINGLE = ("host", "content-type", "content-length", "origin", "transfer-encoding", "content-encoding")
_FORM = "application/x-www-form-urlencoded"
_ORIGIN = re.compile(r"(https?)://([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?/?", re.I)


def cors_origin(value: str) -> str:
    """An origin a user names for --cors, as browsers send it ('http://host:port'), or '*'.
    Raises KGError for anything else."""
    if value == "*":
        return value
    if not (m := _ORIGIN.fullmatch(value.strip())):
        raise KGError(f"{shown(value)} is not an origin (scheme://host[:port], as a browser sends it, or '*')")
    return f"{m[1].lower()}://{m[2].lower()}" + (f":{m[3]}" if m[3] else "")


class GuardServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a port another server holds is an error, not shared
    request_queue_size = 128  # connections waiting to be accepted (five drop a burst of clients)

    def __init__(self, address: tuple[str, int], upstream: Callable[[], tuple[str, int]], timeout: float | None,
                 on_timeout: Callable[[], None], origins: Iterable[str] = ()):
        super().__init__(address, _Handler)
        self.upstream = upstream  # where Oxigraph listens now (it moves when restarted)
        self.query_timeout = timeout
        self.on_timeout = on_timeout  # stops the query that ran too long (restarts Oxigraph)
        self.origins = frozenset(origins)  # pages of these origins may read the answers; '*': any
        port = self.server_address[1]
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.own_origins = {f"http://{host}" for host in self.hosts}
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request, client_address) -> None:
        if not self._slots.acquire(blocking=False):
            _answer_busy(request)
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def handle_error(self, request, client_address) -> None:
        pass  # a client that breaks off or sends garbage is answered or dropped, never a traceback


def guard_server(port: int, upstream: Callable[[], tuple[str, int]], timeout: float | None,
                 on_timeout: Callable[[], None], origins: Iterable[str] = ()) -> GuardServer:
    """A GuardServer bound to 127.0.0.1:`port`; OSError when the port is taken."""
    return GuardServer(("127.0.0.1", port), upstream, timeout, on_timeout, origins)


class _Refusal(Exception):
    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


class _Handler(BaseHTTPRequestHandler):
    server: GuardServer
    protocol_version = "HTTP/1.1"
    default_request_version = "HTTP/1.1"  # a malformed request line is answered with a status line too
    timeout = READ_SECONDS  # each read of the socket; the watchdog bounds the whole request

    def setup(self) -> None:
        super().setup()
        self._cut_off = False
        self._headers_sent = False
        self._watchdog = threading.Timer(READ_SECONDS, self._stop_reading)
        self._watchdog.daemon = True
        self._watchdog.start()

    def finish(self) -> None:
        self._watchdog.cancel()
        super().finish()

    def _stop_reading(self) -> None:
        self._cut_off = True
        try:
            self.connection.shutdown(socket.SHUT_RD)
        except OSError:
            pass

    def log_message(self, *args) -> None:
        pass

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (TimeoutError, ConnectionError):
            self.close_connection = True

    def _forward(self) -> None:
        try:
            body = self._checked_body()
        except _Refusal as refusal:
            return self._refuse(refusal.status, refusal.reason)
        except (TimeoutError, ConnectionError):
            return self._refuse(408, f"request not received within {READ_SECONDS:g} s")
        finally:
            self._watchdog.cancel()
        if self.command == "OPTIONS" and self._cross_origin() and "Access-Control-Request-Method" in self.headers:
            return self._preflight()
        deadline = time.monotonic() + self.server.query_timeout if self.server.query_timeout else None
        host, port = self.server.upstream()
        upstream = http.client.HTTPConnection(host, port, timeout=_remaining(deadline))
        try:
            headers = {name: self.headers[name] for name in _FORWARDED if self.headers[name] is not None}
            upstream.request(self.command, self.path, body=body or None, headers=headers)
            answer = upstream.getresponse()
            self._relay(answer, upstream, deadline)
        except (TimeoutError, socket.timeout):
            self.server.on_timeout()
            self._refuse(503, f"query stopped after {self.server.query_timeout:g} s (--timeout)")
        except (ConnectionError, http.client.HTTPException, OSError):
            self._refuse(502, "the SPARQL server did not answer")
        finally:
            upstream.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = do_PATCH = _forward

    def _checked_body(self) -> bytes:
        """The request's body, once the request is known to be one the front may pass on;
        raises _Refusal otherwise."""
        for name in _SINGLE:
            if len(self.headers.get_all(name) or []) > 1:
                raise _Refusal(400, f"more than one {name.title()} header")
        if not self.path.startswith("/"):
            raise _Refusal(400, "the request target must be a path")
        host = (self.headers["Host"] or "").strip().lower()
        if host not in self.server.hosts:
            raise _Refusal(403, f"kg serve answers requests for {min(self.server.hosts)} only, not {shown(host, 80)}")
        origin = self.headers["Origin"]
        if origin is not None and not self._origin_allowed(origin):
            raise _Refusal(403, f"pages of {shown(origin, 80)} may not query this endpoint (kg serve --cors ORIGIN)")
        if self.headers["Transfer-Encoding"] is not None:
            raise _Refusal(411, "send the request body with a Content-Length, not in chunks")
        if (self.headers["Content-Encoding"] or "identity").strip().lower() != "identity":
            raise _Refusal(415, "request bodies are read as sent; no Content-Encoding")
        body = self._read_body()
        if self._cut_off:
            raise TimeoutError
        self._check_queries(body)
        return body

    def _read_body(self) -> bytes:
        written = self.headers["Content-Length"]
        if written is None:
            return b""
        if not written.strip().isdigit():
            raise _Refusal(400, f"Content-Length {shown(written, 30)} is not a length")
        length = int(written)
        if length > _MAX_BODY:
            raise _Refusal(413, "request too large")
        body = self.rfile.read(length) if length else b""
        if len(body) < length:
            if self._cut_off:
                raise TimeoutError
            raise _Refusal(400, f"request body shorter than its Content-Length ({len(body)} of {length} bytes)")
        return body

    def _check_queries(self, body: bytes) -> None:
        kind, _, parameters = (self.headers["Content-Type"] or "").partition(";")
        charset = re.search(r"charset\s*=\s*\"?([\w.\-]+)", parameters, re.I)
        if charset is not None and charset[1].lower() not in ("utf-8", "utf8"):
            raise _Refusal(415, f"request bodies are read as UTF-8, not {shown(charset[1], 30)}")
        try:
            texts = _query_texts(self.path, kind.strip().lower(), body)
        except UnicodeDecodeError:
            raise _Refusal(400, "the request is not UTF-8") from None
        for text in texts:
            try:
                request = read_request(text)
            except NestingError as err:
                raise _Refusal(400, f"the query is {err.reason}") from None
            except SparqlTextError as err:
                where = f" at line {err.line}, column {err.column}" if err.line is not None else ""
                raise _Refusal(400, f"kg serve cannot read the query{where}: {err.reason}") from None
            if request.remote:
                raise _Refusal(403, f"kg serve answers from its graph only; {shown(request.remote[0], 100)} is refused")

    def _origin_allowed(self, origin: str) -> bool:
        origin = origin.strip().lower().rstrip("/")
        return origin in self.server.own_origins or "*" in self.server.origins or origin in self.server.origins

    def _cross_origin(self) -> str | None:
        """The Access-Control-Allow-Origin this request's answer carries, or None."""
        origin = self.headers["Origin"]
        if origin is None or origin.strip().lower().rstrip("/") in self.server.own_origins:
            return None
        if "*" in self.server.origins:
            return "*"
        return origin.strip() if self._origin_allowed(origin) else None

    def _cors_headers(self) -> None:
        if (allowed := self._cross_origin()) is not None:
            self.send_header("Access-Control-Allow-Origin", allowed)
            self.send_header("Vary", "Origin")

    def _preflight(self) -> None:
        self.send_response(204)
        self._cors_headers()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Accept, Content-Type")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

    def _relay(self, answer: http.client.HTTPResponse, upstream: http.client.HTTPConnection,
               deadline: float | None) -> None:
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in _HOP_HEADERS and not name.lower().startswith("access-control-"):
                self.send_header(name, value)
        self._cors_headers()
        bodiless = self.command == "HEAD" or answer.status in (204, 304)
        if not bodiless:
            self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        self._headers_sent = True
        self.close_connection = True
        if bodiless:
            return
        while True:
            if deadline is not None:
                if time.monotonic() > deadline:
                    raise TimeoutError
                upstream.sock.settimeout(_remaining(deadline))
            data = answer.read1(_CHUNK)
            if not data:
                break
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.write(b"0\r\n\r\n")

    def _refuse(self, status: int, reason: str) -> None:
        self.close_connection = True
        if self._headers_sent:
            return  # the answer had begun: closing the connection is all that is left to do
        data = (reason + "\n").encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self._cors_headers()
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except OSError:
            pass


def _answer_busy(connection: socket.socket) -> None:
    data = b"kg serve is busy: too many connections at once\n"
    try:
        connection.settimeout(1)
        connection.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                           b"Content-Length: %d\r\nRetry-After: 1\r\nConnection: close\r\n\r\n%s" % (len(data), data))
    except OSError:
        pass


def _remaining(deadline: float | None) -> float | None:
    return None if deadline is None else max(0.01, deadline - time.monotonic())


def _query_texts(path: str, content_type: str, body: bytes) -> list[str]:
    """Every SPARQL text the request may carry: `query` or `update` in the URL or a form
    body, as the SPARQL 1.1 protocol carries them, and any other body whole, whatever its
    Content-Type says. Raises UnicodeDecodeError for a body or parameter that is not UTF-8."""
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query, errors="strict")
    texts = params.get("query", []) + params.get("update", [])
    if content_type == _FORM:
        form = urllib.parse.parse_qs(body.decode("utf-8"), errors="strict")
        texts += form.get("query", []) + form.get("update", [])
    elif body:
        texts.append(body.decode("utf-8"))
    return texts
