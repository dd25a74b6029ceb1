"""Receives what the bot sends to Slack's `response_url`s.

rx = ResponseReceiver().start()
url = rx.new_url()              # put it in a slash command or interaction
payloads = rx.wait(url, 1)      # the JSON bodies posted to it, in order
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .blockkit import message_errors


@dataclass
class Received:
    key: str
    body: dict[str, Any]
    at: float  # time.monotonic() when it arrived
    errors: list[str]


class ResponseReceiver:
    def __init__(self) -> None:
        self.received: dict[str, list[Received]] = {}
        self._ids = itertools.count(1)
        self._known: set[str] = set()
        self._cond = threading.Condition()
        self._server: ThreadingHTTPServer | None = None

    def start(self) -> ResponseReceiver:
        rx = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw.decode("utf-8"))
                except ValueError:
                    body = {"_raw": raw.decode("utf-8", "replace")}
                key = self.path.rsplit("/", 1)[-1]
                errors = message_errors(body) if not body.get("delete_original") else []
                with rx._cond:
                    rx.received.setdefault(key, []).append(
                        Received(key, body, time.monotonic(), errors)
                    )
                    rx._cond.notify_all()
                data = b"ok"
                self.send_response(404 if key not in rx._known else 200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="rx", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def new_url(self) -> str:
        key = f"R{next(self._ids):06d}"
        self._known.add(key)
        return f"{self.base}/commands/T0FAKE/{key}"

    @staticmethod
    def key_of(url: str) -> str:
        return url.rsplit("/", 1)[-1]

    def get(self, url: str) -> list[Received]:
        with self._cond:
            return list(self.received.get(self.key_of(url), []))

    def wait(self, url: str, n: int = 1, *, timeout: float = 10.0) -> list[dict[str, Any]]:
        return [r.body for r in self.wait_received(url, n, timeout=timeout)]

    def wait_received(self, url: str, n: int = 1, *, timeout: float = 10.0) -> list[Received]:
        key = self.key_of(url)
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self.received.get(key, [])) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    got = len(self.received.get(key, []))
                    raise AssertionError(f"expected {n} response(s) at {key}, got {got}")
                self._cond.wait(left)
            return list(self.received[key])
