"""Text normalisation shared by loaders and extractors."""

from __future__ import annotations

import html
import re
import unicodedata

_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


# HTML character references left in plain text by a careless export ("communiqu&#233;")
_ENTITY = re.compile(r"&(?:#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z][a-zA-Z0-9]{1,9});")


def normalise_text(text: str) -> str:
    """NFC, HTML character references decoded, no control characters, single spaces,
    paragraphs on their own lines."""
    text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CTRL.sub(" ", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


_SENT_END = re.compile(r"[.!?][\"')\]]?(?=\s+[A-Z\"'(]|$)")
# "U.S.", "Mr.", "Gen." end with a full stop without ending the sentence.
_ABBREV = re.compile(r"(?:[A-Za-z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Prof|Jr|Sr|No)\.")


def first_sentence(text: str, limit: int = 120) -> str:
    """A title derived from the opening sentence, cut at a word boundary."""
    first = text.strip().split("\n", 1)[0]
    sent = first
    for m in _SENT_END.finditer(first):
        before = first[: m.start() + 1].rsplit(" ", 1)[-1]
        if _ABBREV.fullmatch(before):
            continue
        sent = first[: m.start() + 1]
        break
    if len(sent) > limit:
        sent = sent[:limit].rsplit(" ", 1)[0] + "…"
    return sent


def fold(text: str) -> str:
    """Lower-case and strip accents, for matching names ("Erdoğan" -> "erdogan")."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def is_derived_title(title: str | None, text: str | None) -> bool:
    """True when `title` is the article's opening sentence (a loader-made title, not a
    headline): "U.S. Assistant Secretary of State James Kelly and Mitoji…".

    A headline repeated as the text's first line ("G7 backs debt plan") has no
    sentence-final punctuation and stays a headline.
    """
    head = " ".join((title or "").split())
    if not head or not re.search(r"(?:…|[.!?][\"'’”)]*)$", head):
        return False
    return " ".join((text or "").split()).startswith(head.rstrip("…").rstrip())
