"""Turning fetched HTML bytes into text: BOM, then the Content-Type header, then meta tags."""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_html", "meta_charset"]

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG: these labels mean windows-1252 in practice.
_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}


def _codec(label: str | None, *, from_meta: bool = False) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page cannot really be UTF-16 if its meta tag is readable as ASCII.
    return "utf-8" if from_meta and name.startswith("utf-16") else name


def meta_charset(head: bytes) -> str | None:
    """The charset named by `<meta charset>` or `<meta http-equiv ... charset=>`."""
    m = _META_CHARSET.search(head[:4096])
    return _codec(m.group(1).decode("ascii", "replace"), from_meta=True) if m else None


def decode_html(body: bytes, header_charset: str | None = None) -> str:
    """Decode an HTML body; never raises (undecodable bytes become U+FFFD)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace")
    chosen = _codec(header_charset) or meta_charset(body)
    if chosen is None:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            chosen = "cp1252"
    return body.decode(chosen, errors="replace")
