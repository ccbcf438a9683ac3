"""One HTTP exchange with a store, bounded: one deadline for all of it (connecting, sending,
the answer's headers and body) rather than for each read, a cap on the bytes of the answer
read, no redirect followed (a redirect is an answer like any other), and an answer that is not
whole (headers or body cut off, a bad status line, a closed connection) an ExchangeError, never
a success."""
from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import time
import urllib.parse
from collections.abc import Iterator

from kg.errors import KGError, shown

__all__ = ["Answer", "AnswerTooLarge", "BrokenAnswer", "ExchangeError", "TimedOut", "Unreachable", "exchange"]

_CHUNK = 1 << 16  # bytes read at a time when the whole body is asked for


class ExchangeError(KGError):
    """An exchange that did not end in a whole answer in time; the message says what happened
    as the end of a sentence ("took longer than 2 s"), not with whom."""


class Unreachable(ExchangeError):
    """No connection to the store."""

    def __init__(self, reason: str):
        super().__init__(f"could not connect: {reason}")
        self.reason = reason


class TimedOut(ExchangeError):
    """The exchange passed its deadline."""


class BrokenAnswer(ExchangeError):
    """An answer cut off, malformed, or never sent."""


class AnswerTooLarge(ExchangeError):
    """An answer longer than the bytes the caller would read."""


def _bounded(name: str):
    """The socket method `name`, made to wait no later than the socket's deadline."""

    def call(self, *args):
        self._wait_left()
        return getattr(super(_Deadline, self), name)(*args)

    call.__name__ = name
    return call


class _Deadline:
    """Mixed into a socket: every call waits no later than `deadline` (time.monotonic()); a
    socket's sendall keeps to one timeout in all, and TLS's calls send."""

    deadline: float

    def _wait_left(self) -> None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        self.settimeout(left)

    connect, recv, recv_into, send, sendall = map(_bounded, ("connect", "recv", "recv_into", "send", "sendall"))


class _DeadlineSocket(_Deadline, socket.socket):
    pass


class _DeadlineTLSSocket(_Deadline, ssl.SSLSocket):
    pass


def _connect(host: str, port: int, deadline: float) -> _DeadlineSocket:
    """A TCP connection to host:port, trying each of its addresses, until the deadline."""
    failure = OSError(f"no address for {host}")
    for family, kind, proto, _, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        sock = _DeadlineSocket(family, kind, proto)
        sock.deadline = deadline
        try:
            sock.connect(address)
            return sock
        except OSError as err:
            sock.close()
            failure = err
    raise failure


class _LastLine:
    """A stream that remembers the last line read from it."""

    def __init__(self, stream):
        self.stream, self.last_line = stream, b""

    def readline(self, *args) -> bytes:
        self.last_line = self.stream.readline(*args)
        return self.last_line

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


class _Response(http.client.HTTPResponse):
    """An answer whose headers must end with their empty line: http.client takes the end of the
    stream for the end of the headers."""

    def __init__(self, sock, *args, **kwargs):
        super().__init__(sock, *args, **kwargs)
        self.fp = _LastLine(self.fp)

    def begin(self) -> None:
        stream = self.fp
        super().begin()
        if stream.last_line not in (b"\r\n", b"\n"):
            raise BrokenAnswer("got a broken answer: its headers were cut off")


class _Connection(http.client.HTTPConnection):
    response_class = _Response

    def __init__(self, host: str, port: int, deadline: float):
        super().__init__(host, port)
        self.deadline = deadline

    def connect(self) -> None:
        self.sock = _connect(self.host, self.port, self.deadline)


class _TLSConnection(_Connection):
    def connect(self) -> None:
        context = ssl.create_default_context()
        context.sslsocket_class = _DeadlineTLSSocket
        self.sock = context.wrap_socket(_connect(self.host, self.port, self.deadline), server_hostname=self.host)
        self.sock.deadline = self.deadline


class Answer:
    """A store's answer: its status and headers, and its body as a stream (`read`) of at most
    `limit` bytes that raises BrokenAnswer when it ends short of the length it announced."""

    def __init__(self, response: http.client.HTTPResponse, limit: int):
        self.status, self.reason, self.headers = response.status, response.reason, response.headers
        self._response, self._limit, self._taken = response, limit, 0

    @property
    def media_type(self) -> str:
        """The body's media type ("text/turtle"), "" when the answer names none."""
        return self.headers.get("Content-Type", "").partition(";")[0].strip().lower()

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(_CHUNK), b""))
        data = self._response.read(min(size, self._limit + 1 - self._taken))
        self._taken += len(data)
        if self._taken > self._limit:
            raise AnswerTooLarge(f"got more than {_size(self._limit)}")
        if not data and size and self._response.length:  # the bytes still due by Content-Length
            raise BrokenAnswer("got a broken answer: its body was cut off")
        return data


def _size(count: int) -> str:
    return f"{count / (1 << 20):g} MiB" if count >= 1 << 20 else f"{count} bytes"


@contextlib.contextmanager
def exchange(method: str, url: str, *, headers: dict[str, str], body: bytes | None = None,
             timeout: float, limit: int) -> Iterator[Answer]:
    """`with exchange(...) as answer:` sends one request to the http(s) `url` and gives the
    store's answer, its body capped at `limit` bytes. All of it, reading the body in the
    `with` block included, must end within `timeout` seconds. Raises Unreachable, TimedOut,
    BrokenAnswer or AnswerTooLarge."""
    parts = urllib.parse.urlsplit(url)
    tls = parts.scheme == "https"
    kind = _TLSConnection if tls else _Connection
    connection = kind(parts.hostname or "", parts.port or (443 if tls else 80), time.monotonic() + timeout)
    try:
        _open(connection, timeout)
        with _exchange_errors(timeout):
            connection.request(method, _selector(parts), body=body, headers=headers)
            yield Answer(connection.getresponse(), limit)
    finally:
        connection.close()


def _selector(parts: urllib.parse.SplitResult) -> str:
    """The path and query of the request line, characters beyond ASCII percent-encoded."""
    selector = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return urllib.parse.quote(selector, safe="/?:@!$&'()*+,;=%~")


def _open(connection: _Connection, timeout: float) -> None:
    try:
        connection.connect()
    except TimeoutError:
        raise Unreachable(f"no connection within {timeout:g} s (--timeout)") from None
    except OSError as err:
        raise Unreachable(err.strerror or str(err)) from None


@contextlib.contextmanager
def _exchange_errors(timeout: float) -> Iterator[None]:
    """The errors of sockets and http.client, once connected, as ExchangeErrors."""
    try:
        yield
    except TimeoutError:
        raise TimedOut(f"took longer than {timeout:g} s (--timeout)") from None
    except http.client.RemoteDisconnected:
        raise BrokenAnswer("got no answer: the store closed the connection") from None
    except http.client.IncompleteRead:
        raise BrokenAnswer("got a broken answer: its body was cut off") from None
    except http.client.BadStatusLine as err:
        raise BrokenAnswer(f"got a broken answer: bad status line {shown(err.line.strip(), 100)}") from None
    except http.client.HTTPException as err:  # a header line too long, too many headers
        raise BrokenAnswer(f"got a broken answer: {shown(str(err), 100)}") from None
    except OSError as err:
        raise BrokenAnswer(f"lost the connection: {err.strerror or err}") from None
