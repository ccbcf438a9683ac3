"""A loopback HTTP listener that records every request it gets and answers as told: the
tests use it to prove that kg makes no request it should not, and sends nothing where it
should not."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


POLL_SECONDS = 0.02  # how soon the listener notices it is closed (the standard library's 0.5 s, per test)


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    hang: bool = False  # never answer (until the listener closes)


class Recorder:
    """`with Recorder() as r:` listens on a free loopback port; `r.url`, `r.requests`;
    `r.answer(method, Answer(...))` sets how it answers that method (200 and no body by
    default)."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self._answers: dict[str, Answer] = {}
        self._closing = threading.Event()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                recorder.requests.append(Request(self.command, self.path, dict(self.headers.items()), body))
                answer = recorder._answers.get(self.command, Answer())
                if answer.hang:
                    recorder._closing.wait(60)
                    return
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

            def log_message(self, *args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def answer(self, method: str, answer: Answer) -> None:
        self._answers[method] = answer

    def __enter__(self) -> "Recorder":
        threading.Thread(target=self._server.serve_forever, args=(POLL_SECONDS,), daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._closing.set()
        self._server.shutdown()
        self._server.server_close()
