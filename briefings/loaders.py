"""Articles from files: .txt (optional header block), .md (front matter), .html, .jsonl.

A file that cannot be read or decoded is reported by name and skipped; the
rest still load (see `load_paths`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LoadError
from .models import Article
from .text import first_sentence, normalise_text

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")
_HEADER_KEYS = {"title", "published", "url", "source", "license", "date", "id"}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_-]{0,30}):\s*(.*)$")
_UNKNOWN = {"", "unknown", "null", "none", "n/a"}
# Past this a file is refused rather than read: no news article is this long.
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class LoadFailure:
    source: str
    reason: str


@dataclass(slots=True)
class LoadReport:
    articles: list[Article] = field(default_factory=list)
    failures: list[LoadFailure] = field(default_factory=list)


def text_id(text: str) -> str:
    """Stable id from the normalised text, for articles with no id of their own."""
    norm = " ".join(normalise_text(text).lower().split())
    return "sha256:" + hashlib.sha256(norm.encode("utf-8")).hexdigest()[:32]


def parse_date(value: object) -> dt.date | None:
    if not isinstance(value, str) or value.strip().lower() in _UNKNOWN:
        return None
    value = value.strip()
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        from dateutil import parser as dateparser

        return dateparser.parse(value).date()
    except (ValueError, OverflowError, ImportError):
        return None


def _clean(value: object) -> str | None:
    """A header value with its whitespace collapsed ("Talks  in Rome" -> "Talks in Rome")."""
    if not isinstance(value, str) or value.strip().lower() in _UNKNOWN:
        return None
    return " ".join(value.split())


# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                f"{path.name}: {size // (1024 * 1024)} MB is too large for an article "
                f"(limit {MAX_FILE_BYTES // (1024 * 1024)} MB)",
                source=str(path),
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{path.name}: cannot be read ({exc.strerror})", source=str(path)) from exc
    return _decode(raw, path)


def _decode(raw: bytes, path: Path) -> str:
    """Text from bytes: UTF-16/32 by their byte-order mark, else UTF-8 or Windows-1252.
    NUL bytes mean binary, except in JSONL, where they only spoil their own line."""
    for bom, enc in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                raise LoadError(f"{path.name}: is not valid {enc} text", source=str(path)) from None
    if b"\x00" in raw[:8192] and path.suffix.lower() != ".jsonl":
        raise LoadError(f"{path.name}: is a binary file, not an article", source=str(path))
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    raise LoadError(f"{path.name}: is not UTF-8 or Windows-1252 text", source=str(path))


def _article(meta: dict[str, str | None], body: str, origin: str) -> Article:
    body = normalise_text(body)
    if not body.strip():
        raise LoadError(f"{Path(origin).name}: has no article text", source=origin)
    title = _clean(meta.get("title")) or first_sentence(body)
    url = _clean(meta.get("url"))
    return Article(
        id=_clean(meta.get("id")) or url or text_id(body),
        title=title,
        text=body,
        published=parse_date(meta.get("published") or meta.get("date")),
        url=url,
        source=_clean(meta.get("source")),
        origin=origin,
        license=_clean(meta.get("license")),
    )


def parse_txt(text: str, origin: str) -> Article:
    """Plain text, optionally led by `key: value` lines and a blank line."""
    lines = text.splitlines()
    meta: dict[str, str | None] = {}
    i = 0
    while i < len(lines):
        m = _HEADER_LINE.match(lines[i])
        if not m or m.group(1).lower() not in _HEADER_KEYS:
            break
        meta[m.group(1).lower()] = m.group(2)
        i += 1
    if meta and (i == len(lines) or not lines[i].strip()):
        body = "\n".join(lines[i:])
    else:
        meta, body = {}, text
    return _article(meta, body, origin)


def parse_markdown(text: str, origin: str) -> Article:
    meta: dict[str, str | None] = {}
    body = text
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            for line in text[3:end].splitlines():
                m = _HEADER_LINE.match(line.strip())
                if m:
                    meta[m.group(1).lower()] = m.group(2).strip().strip("\"'")
            body = text[end + 4 :].lstrip("-\n")
    if not _clean(meta.get("title")):
        # A README or notes file is not news: only a Markdown file that says it is an
        # article (front matter with a title) is read as one.
        raise LoadError(
            f"{Path(origin).name}: a Markdown file is read as an article only with front "
            "matter naming its title (---, title: ..., ---)",
            source=origin,
        )
    # Drop markdown markup that would confuse sentence splitting.
    body = re.sub(r"^#{1,6}\s*", "", body, flags=re.M)
    body = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", body)
    body = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", body)
    body = re.sub(r"[*_]{1,3}([^*_\n]+)[*_]{1,3}", r"\1", body)
    return _article(meta, body, origin)


def parse_html(html: str, origin: str, url: str | None = None) -> Article:
    """Main text, title, date and canonical URL of a page (`briefings.html`, the same
    extraction as for pages fetched from the web)."""
    from .html import extract_page  # lxml, tldextract: only for pages, not for `brief`'s files

    page = extract_page(html, url)
    if page is None:
        raise LoadError(f"{Path(origin).name}: no article text found in the page", source=origin)
    meta = {
        "title": page.title,
        "published": page.date,
        "url": page.url or url,
        "source": page.sitename or page.hostname,
    }
    return _article(meta, page.text, origin)


def parse_jsonl(text: str, origin: str) -> Iterator[Article | LoadFailure]:
    """One article per line in the corpus format; bad lines become failures."""
    name = Path(origin).name
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        if "\x00" in line:
            yield LoadFailure(where, f"{where}: holds NUL bytes (binary data), skipped")
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise LoadError(f"{where}: no `text` field")
            meta = {k: obj.get(k) if isinstance(obj.get(k), str) else None for k in _HEADER_KEYS}
            yield _article(meta, obj["text"], f"{origin}#{n}")
        except ValueError:
            yield LoadFailure(where, f"{where}: is not valid JSON")
        except LoadError as exc:
            yield LoadFailure(where, str(exc).replace(f"{name}#{n}", where))


def load_file(path: Path) -> list[Article]:
    """All articles in one file; raises LoadError when it yields none."""
    report = LoadReport()
    _load_into(path, report)
    if report.failures and not report.articles:
        raise LoadError(report.failures[0].reason, source=str(path))
    return report.articles


def _load_into(path: Path, report: LoadReport) -> None:
    origin = str(path)
    try:
        text = _read_text(path)
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            for item in parse_jsonl(text, origin):
                if isinstance(item, Article):
                    report.articles.append(item)
                else:
                    report.failures.append(item)
        elif suffix in (".md", ".markdown"):
            report.articles.append(parse_markdown(text, origin))
        elif suffix in (".html", ".htm"):
            report.articles.append(parse_html(text, origin))
        else:
            report.articles.append(parse_txt(text, origin))
    except LoadError as exc:
        report.failures.append(LoadFailure(origin, str(exc)))


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and article files found in folders (sorted)."""
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith("."):
                    if f.name == "index.jsonl":  # corpus metadata, not articles
                        continue
                    yield f
        else:
            yield p


def load_paths(paths: Iterable[Path | str]) -> LoadReport:
    """Load every article under `paths`; failures are collected, never raised."""
    report = LoadReport()
    for f in iter_files(Path(p) for p in paths):
        if not f.exists():
            report.failures.append(LoadFailure(str(f), f"{f}: no such file or folder"))
            continue
        _load_into(f, report)
    return report
