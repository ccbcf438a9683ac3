"""The front of `kg serve`: a pass-through to Oxigraph's server that holds it to kg's
promises, which Oxigraph's own options do not keep: every request answers within the
time limit (Oxigraph's `--timeout-s` lets an endless query run and stream for ever), and
no query reaches another server (SERVICE). It speaks HTTP to Oxigraph and to the client
and nothing more: the SPARQL protocol is Oxigraph's."""
from __future__ import annotations

import http.client
import socket
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ..errors import shown
from .sparqltext import remote_reference

__all__ = ["GuardServer", "guard_server"]

_HOP_HEADERS = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
                "transfer-encoding", "upgrade", "host", "content-length"}
_MAX_BODY = 16 * 1024 * 1024  # a request body (a query) larger than this is refused
_CHUNK = 64 * 1024


class GuardServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a port another server holds is an error, not shared

    def __init__(self, address: tuple[str, int], upstream: Callable[[], tuple[str, int]], timeout: float | None,
                 on_timeout: Callable[[], None], cors: bool = False):
        super().__init__(address, _Handler)
        self.upstream = upstream  # where Oxigraph listens now (it moves when restarted)
        self.query_timeout = timeout
        self.on_timeout = on_timeout  # stops the query that ran too long (restarts Oxigraph)
        self.cors = cors  # its own refusals readable by pages of any origin, as Oxigraph's answers are


def guard_server(port: int, upstream: Callable[[], tuple[str, int]], timeout: float | None,
                 on_timeout: Callable[[], None], cors: bool = False) -> GuardServer:
    """A GuardServer bound to 127.0.0.1:`port`; OSError when the port is taken."""
    return GuardServer(("127.0.0.1", port), upstream, timeout, on_timeout, cors)


class _Handler(BaseHTTPRequestHandler):
    server: GuardServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_BODY:
            return self._refuse(413, "request too large")
        body = self.rfile.read(length) if length else b""
        query = _query_text(self.path, self.headers.get("Content-Type", ""), body)
        if query is not None and (reached := remote_reference(query)) is not None:
            return self._refuse(403, f"kg serve answers from its graph only; {shown(reached, 100)} is refused")
        deadline = time.monotonic() + self.server.query_timeout if self.server.query_timeout else None
        host, port = self.server.upstream()
        upstream = http.client.HTTPConnection(host, port, timeout=_remaining(deadline))
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_HEADERS}
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

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_OPTIONS = _forward

    def _relay(self, answer: http.client.HTTPResponse, upstream: http.client.HTTPConnection,
               deadline: float | None) -> None:
        self.send_response(answer.status, answer.reason)
        for name, value in answer.getheaders():
            if name.lower() not in _HOP_HEADERS:
                self.send_header(name, value)
        bodiless = self.command == "HEAD" or answer.status in (204, 304)  # a preflight's answer is 204
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
        if getattr(self, "_headers_sent", False):
            return  # the answer had begun: closing the connection is all that is left to do
        data = (reason + "\n").encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            if self.server.cors:
                self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass


def _remaining(deadline: float | None) -> float | None:
    return None if deadline is None else max(0.01, deadline - time.monotonic())


def _query_text(path: str, content_type: str, body: bytes) -> str | None:
    """The SPARQL of a request, as the SPARQL 1.1 protocol carries it: `query` or `update`
    in the URL or a form body, or the whole body."""
    params = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query)
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        params |= urllib.parse.parse_qs(body.decode("utf-8", "replace"))
    elif kind in ("application/sparql-query", "application/sparql-update"):
        return body.decode("utf-8", "replace")
    texts = params.get("query", []) + params.get("update", [])
    return "\n".join(texts) if texts else None
