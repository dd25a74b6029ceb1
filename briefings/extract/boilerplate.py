"""Site furniture (subscription notices, comment prompts, share links) to drop.

`boilerplate_spans(text)` returns the character ranges of whole lines that are
site text rather than reporting; the extractors skip sentences inside them.
"""

from __future__ import annotations

import re

__all__ = ["boilerplate_spans", "is_boilerplate", "mask_noise"]

# Each alternative is specific to site furniture; ordinary reporting rarely uses them.
_PATTERNS = re.compile(
    r"""
    \bsubscri(?:ption|ber|be\s+(?:now|today|to\s+(?:our|the))|bers?\s+only)\b
    | \bcurrent\s+subscription\b
    | \bdisplay\s+name\b
    | \b(?:write|post|leave|writing|posting)\s+(?:your\s+|a\s+)?(?:first\s+)?comments?\b
    | \bcomment\s+on\s+(?:stories|this\s+(?:story|article))\b
    | \bsign\s+(?:up|in)\s+(?:for|to)\b
    | \b(?:newsletter|log\s+in\s+to|account\s+page|profile\s+section)\b
    | \ball\s+rights\s+reserved\b
    | ^\s*(?:copyright|©|\(c\))\s
    | \bclick\s+here\b
    | \b(?:share|follow\s+us)\s+on\s+(?:facebook|twitter|x)\b
    | \b(?:cookie\s+policy|privacy\s+policy|terms\s+of\s+(?:use|service))\b
    | ^\s*(?:advertisement|related\s+(?:stories|articles)|read\s+more)\s*:?\s*$
    """,
    re.IGNORECASE | re.VERBOSE | re.MULTILINE,
)
# A boilerplate line longer than this is more likely an article paragraph that
# happens to quote one of the phrases; only the matching sentence is dropped then.
_MAX_LINE = 600


# Every match of `_PATTERNS` contains one of these (in lower case): a sentence of
# ASCII text without any cannot match, and most sentences are dismissed by a few
# substring tests instead of the case-blind regex, which costs far more per character.
_HINTS = (
    "subscri", "display", "comment", "sign", "newsletter", "log", "account", "profile",
    "rights", "copyright", "(c)", "click", "share", "follow", "cookie", "privacy", "terms",
    "advertisement", "related", "read",
)  # fmt: skip


def _may_match(text: str) -> bool:
    if not text.isascii():
        return True  # case folding beyond ASCII ("ſ", "K"): leave it to the regex
    low = text.lower()
    return any(h in low for h in _HINTS)


def is_boilerplate(sentence: str) -> bool:
    """True when the sentence reads as site furniture."""
    return _may_match(sentence) and bool(_PATTERNS.search(sentence))


# Photo-caption furniture that breaks parses: "Putin, right, and Assad", "Gates (L)",
# "FILE - President ...".
_CAPTION_NOISE = re.compile(
    r",\s*(?:left|right|center|centre|far left|far right|second from (?:left|right)),(?=\s)"
    r"|\s\((?:L|R|C|left|right|center)\)(?=[\s,.])"
    r"|^(?:FILE|PHOTO)\s+[-\u2013\u2014]\s",
    re.MULTILINE,
)


# A wire dateline opening a paragraph: "LONDON, March 24 - ", "WASHINGTON (Reuters) - ",
# "KABUL — ". Parsed as text it becomes a subject or a name ("LONDON signed ...").
_DATELINE = re.compile(
    # "LONDON", "NEW YORK", "LA PAZ" (a two-letter first word only with another after it)
    r"^[ \t]*(?:[A-Z][A-Z.'\-]{2,}|[A-Z]{2}(?=[ ][A-Z]{2}))(?:[ ][A-Z][A-Z.'\-]+){0,3}"
    r"(?:,[ ]+[A-Z][a-z]{2,8}\.?[ ]+\d{1,2})?"
    r"(?:[ ]+\((?:Reuters|AP|AFP|VOA|UPI)\))?"
    r"[ ]+[-\u2013\u2014]+[ ]",
    re.MULTILINE,
)


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
# A line that is only a date: the dateline Wikinews and many sites put above the story
# ("Thursday, January 28, 2010"). Parsed, it joins the first sentence and becomes the
# date of whatever that sentence tells.
_DATE_LINE = re.compile(
    r"^[ \t]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ ]+)?"
    rf"(?:{_MONTH}[ ]+\d{{1,2}},?|\d{{1,2}}[ ]+{_MONTH})[ ]+\d{{4}}[ \t]*$",
    re.MULTILINE,
)


def dateline_place(text: str) -> str | None:
    """The city of the article's wire dateline ("BRUSSELS, March 26 - " -> "Brussels"),
    which is where "here" is for the reporter; None without one near the top."""
    m = _DATELINE.search(text, 0, 600)
    if m is None:
        return None
    city = re.split(r"[,(\-\u2013\u2014]", m.group(0).strip(), maxsplit=1)[0].strip()
    return city.title() if city else None


# A function word typed twice ("after talks with with Kohl"): the parser reads the
# second as a new phrase and loses what follows. Not the prepositions that end a clause
# and may start the next ("placed in in the past", "waiting for for years").
_DOUBLED = re.compile(r"\b(with|the|and)\s+(\1)\b(?!-)", re.IGNORECASE)


def mask_noise(text: str) -> str:
    """`text` with boilerplate lines and caption markers blanked out by spaces.

    The result has the same length, so character offsets into it are offsets into
    `text`; the parser just never sees the furniture."""
    if not text:
        return text
    spans = boilerplate_spans(text)
    marks = (
        *_CAPTION_NOISE.finditer(text),
        *_DATELINE.finditer(text),
        *_DATE_LINE.finditer(text),
    )
    doubled = [m.span(2) for m in _DOUBLED.finditer(text)]
    if not spans and not marks and not doubled:
        return text  # most articles: nothing to blank
    chars = list(text)
    for start, end in (*spans, *doubled):
        chars[start:end] = " " * (end - start)
    for m in marks:
        a, b = m.span()
        chars[a:b] = [" " if c != "\n" else c for c in text[a:b]]
    return "".join(chars)


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges [start, end) of boilerplate lines in `text`."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip() and len(line) <= _MAX_LINE and is_boilerplate(line):
            spans.append((pos, end))
        pos = end + 1
    return spans
