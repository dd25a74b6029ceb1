"""A tiny news site for `/brief <url>` tests: serves pages from a dict, and can hang.

site = WebServer({"/a.html": ("text/html", html)}).start()
site.url("/a.html")
site.url("/hang")      # never answers (until stop(), at most `hang_seconds`)
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class WebServer:
    def __init__(
        self, pages: dict[str, tuple[str, str]] | None = None, *, hang_seconds: float = 60
    ):
        self.pages = dict(pages or {})
        self.hang_seconds = hang_seconds
        self.hits: list[str] = []
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    def start(self) -> WebServer:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                site.hits.append(path)
                if path.startswith("/hang"):
                    site._stop.wait(site.hang_seconds)
                    return
                page = site.pages.get(path)
                if page is None:
                    data, ctype, status = b"not found", "text/plain", 404
                else:
                    ctype, text = page
                    data, status = text.encode("utf-8"), 200
                self.send_response(status)
                self.send_header("Content-Type", f"{ctype}; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="web", daemon=True).start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def url(self, path: str) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"
