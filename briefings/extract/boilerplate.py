"""Site furniture (subscription notices, comment prompts, share links) to drop.

`boilerplate_spans(text)` returns the character ranges of whole lines that are
site text rather than reporting; the extractors skip sentences inside them.
"""

from __future__ import annotations

import re

__all__ = ["boilerplate_spans", "is_boilerplate"]

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


def is_boilerplate(sentence: str) -> bool:
    """True when the sentence reads as site furniture."""
    return bool(_PATTERNS.search(sentence))


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges [start, end) of boilerplate lines in `text`."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip() and len(line) <= _MAX_LINE and _PATTERNS.search(line):
            spans.append((pos, end))
        pos = end + 1
    return spans
