"""A real HTTP/1.1 server on 127.0.0.1 for the sources tests and the benchmark.

Routes map a path to a `Route` (fixed response, optionally gzipped or chunked)
or to a handler function for misbehaving servers (slow drip, huge bodies...).
Every request is logged (path, headers) and per-path byte counts are kept, so
tests can check what reached the server and how much it sent.

Run as a script to serve the benchmark site (see bench/sources.py):
    python tests/briefings/sources/server.py --bench FEEDS ENTRIES
prints the port on its first line, then serves until stdin closes.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import ssl
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False
    chunked: bool = False
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default (5) drops bursts of connections: 1 s SYN retries
    daemon_threads = True


class LocalServer:
    """Threaded HTTP server on 127.0.0.1, ephemeral port."""

    def __init__(self, tls: tuple[str, str] | None = None) -> None:
        """`tls`: (certificate file, key file) to serve HTTPS instead of HTTP."""
        self.scheme = "https" if tls else "http"
        self.routes: dict[str, Route | Handler] = {}
        self.seen: list[Seen] = []
        self.hits: Counter[str] = Counter()
        self.sent: Counter[str] = Counter()
        self.done: defaultdict[str, threading.Event] = defaultdict(threading.Event)
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                server._serve(self)

        self.httpd = _Server(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        if tls:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(*tls)
            self.httpd.socket = ctx.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def add(self, path: str, body: bytes | str, **kw: Any) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **kw)
        return self.url(path)

    def handle(self, path: str, fn: Handler) -> str:
        self.routes[path] = fn
        return self.url(path)

    def count(self, prefix: str) -> int:
        return sum(n for p, n in self.hits.items() if p.startswith(prefix))

    # -- serving -----------------------------------------------------------
    def _serve(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        with self._lock:
            self.seen.append(Seen(path, {k.lower(): v for k, v in h.headers.items()}, time.time()))
            self.hits[path] += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            route = self.routes.get(path) or self.routes.get(path.split("?", 1)[0])
            if route is None:
                self._send(h, path, Route(b"<html><body>not found</body></html>", status=404))
            elif isinstance(route, Route):
                self._send(h, path, route)
            else:
                route(h)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            h.close_connection = True
        finally:
            with self._lock:
                self.in_flight -= 1
            self.done[path].set()

    def write(self, h: BaseHTTPRequestHandler, path: str, data: bytes) -> None:
        h.wfile.write(data)
        h.wfile.flush()
        with self._lock:
            self.sent[path] += len(data)

    def _send(self, h: BaseHTTPRequestHandler, path: str, r: Route) -> None:
        inm = h.headers.get("If-None-Match")
        ims = h.headers.get("If-Modified-Since")
        if (r.etag and inm == r.etag) or (r.last_modified and ims == r.last_modified and not inm):
            h.send_response(304)
            if r.etag:
                h.send_header("ETag", r.etag)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        body = gzip.compress(r.body) if r.gzip else r.body
        h.send_response(r.status)
        h.send_header("Content-Type", r.content_type)
        if r.etag:
            h.send_header("ETag", r.etag)
        if r.last_modified:
            h.send_header("Last-Modified", r.last_modified)
        if r.gzip:
            h.send_header("Content-Encoding", "gzip")
        for k, v in r.headers.items():
            h.send_header(k, v)
        if r.chunked:
            h.send_header("Transfer-Encoding", "chunked")
            h.end_headers()
            for i in range(0, len(body), 700):
                piece = body[i : i + 700]
                self.write(h, path, b"%x\r\n%s\r\n" % (len(piece), piece))
            self.write(h, path, b"0\r\n\r\n")
        else:
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            self.write(h, path, body)


# -- content builders ------------------------------------------------------

HTTP_DATE = format_datetime(dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC), usegmt=True)


def page_html(
    title: str,
    text: str,
    *,
    charset: str | None = "utf-8",
    canonical: str | None = None,
    published: str | None = None,
    meta_style: str = "charset",
) -> str:
    """A realistic article page: navigation, article body, footer."""
    head = []
    if charset and meta_style == "charset":
        head.append(f'<meta charset="{charset}">')
    elif charset:
        head.append(f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
    head.append(f"<title>{html.escape(title)}</title>")
    if canonical:
        head.append(f'<link rel="canonical" href="{html.escape(canonical)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    paras = "\n".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (
        "<!DOCTYPE html>\n<html><head>" + "".join(head) + "</head><body>"
        '<nav><a href="/">Home</a> | <a href="/world">World</a></nav>'
        f"<article><h1>{html.escape(title)}</h1>\n{paras}\n</article>"
        "<footer><p>Copyright the local test site.</p></footer></body></html>"
    )


def rss_feed(
    items: Iterable[dict[str, str]], *, title: str = "Test feed", link: str = "http://x/"
) -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
        f"<channel><title>{html.escape(title)}</title><link>{html.escape(link)}</link>",
        "<description>test</description>",
    ]
    for it in items:
        out.append("<item>")
        for key in ("title", "link", "guid", "pubDate", "description"):
            if key in it:
                out.append(f"<{key}>{html.escape(it[key])}</{key}>")
        if "content" in it:
            out.append(f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "\n".join(out)


def atom_feed(items: Iterable[dict[str, str]], *, title: str = "Test Atom feed") -> str:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{html.escape(title)}</title><id>urn:test:feed</id>",
        "<updated>2024-05-01T12:00:00Z</updated>",
    ]
    for it in items:
        out.append("<entry>")
        out.append(f"<title>{html.escape(it.get('title', ''))}</title>")
        out.append(f'<link rel="alternate" href="{html.escape(it["link"])}"/>')
        out.append(f"<id>{html.escape(it.get('id', it['link']))}</id>")
        out.append(f"<updated>{it.get('updated', '2024-05-01T12:00:00Z')}</updated>")
        if "summary" in it:
            out.append(f'<summary type="html">{html.escape(it["summary"])}</summary>')
        out.append("</entry>")
    out.append("</feed>")
    return "\n".join(out)


def teaser(text: str, words: int = 30) -> str:
    return " ".join(text.split()[:words]) + " …"


def add_corpus_site(
    server: LocalServer, articles: list[Any], *, feeds: int, per_feed: int, prefix: str = "/site"
) -> list[str]:
    """Feeds of teasers whose entries link to full pages built from corpus articles.

    Returns the feed paths. Entry links are host-relative so any Host name works.
    """
    paths = []
    k = 0
    for f in range(feeds):
        items = []
        for e in range(per_feed):
            a = articles[k % len(articles)]
            k += 1
            page = f"{prefix}/{f}/article-{e}.html"
            server.add(page, page_html(a.title, a.text, published="2024-05-01"))
            items.append(
                {
                    "title": a.title,
                    "link": page,
                    "guid": f"urn:bench:{f}:{e}",
                    "pubDate": "Wed, 01 May 2024 12:00:00 GMT",
                    "description": teaser(a.text),
                }
            )
        path = f"{prefix}/{f}/feed.xml"
        server.add(
            path,
            rss_feed(items, title=f"Feed {f}"),
            content_type="application/rss+xml; charset=utf-8",
            etag=f'"feed-{f}"',
        )
        paths.append(path)
    return paths


def _main() -> None:  # pragma: no cover - used by bench/sources.py
    import argparse
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    sys.path.insert(0, str(root))
    from briefings.loaders import load_paths

    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", nargs=2, type=int, metavar=("FEEDS", "ENTRIES"), required=True)
    ap.add_argument("--corpus", default=str(root.parent / "shared" / "corpus" / "diplomacy"))
    args = ap.parse_args()
    articles = load_paths([args.corpus]).articles
    if not articles:
        sys.exit(f"no articles under {args.corpus}")
    server = LocalServer()
    add_corpus_site(server, articles, feeds=args.bench[0], per_feed=args.bench[1])
    server.start()
    print(server.port, flush=True)
    sys.stdin.read()
    server.stop()


if __name__ == "__main__":  # pragma: no cover
    _main()
