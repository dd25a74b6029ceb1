"""Bounds on the work one article may cause, applied before extraction.

News articles are rarely over 50,000 characters; anything longer is cut at a
paragraph boundary so parsing time and memory stay bounded whatever a page or
file holds. The briefing of a cut article says so (`Article.truncated_from`).
"""

from __future__ import annotations

from dataclasses import replace

from .models import Article

MAX_ARTICLE_CHARS = 50_000


def _cut_point(text: str, limit: int) -> int:
    """The last paragraph break within `limit`; failing that a line break, a sentence
    end or a space in the second half; failing all, `limit` itself."""
    floor = limit // 2
    for sep in ("\n\n", "\n", ". ", " "):
        at = text.rfind(sep, floor, limit)
        if at > 0:
            return at + (1 if sep == ". " else 0)
    return limit


def cap_length(article: Article, limit: int = MAX_ARTICLE_CHARS) -> Article:
    """`article` with its text cut to at most `limit` characters at a paragraph boundary."""
    if len(article.text) <= limit:
        return article
    text = article.text[: _cut_point(article.text, limit)].rstrip()
    return replace(article, text=text, truncated_from=article.truncated_from or len(article.text))
