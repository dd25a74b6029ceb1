"""Slack escaping: article text is shown, never interpreted.

Slack treats `&`, `<` and `>` as control characters in mrkdwn and message text:
`<!channel>`, `<@U123>` and `<http://x|label>` are mentions and links. Escaping
them makes hostile article text inert. Bare "@channel"/"@here" and bare URLs
are also broken up with an invisible word joiner so Slack does not act on them.
Links the bot itself makes go through `link`, which checks the scheme.

Slack has no escape for its formatting characters, so in mrkdwn the ones from
article text (`*bold*`, `_italic_`, `~strike~`, `` `code` ``) are replaced by
look-alikes Slack does not act on (`FORMATTING`); plain_text objects (headers,
buttons) are never formatted and keep them.
"""

from __future__ import annotations

import re

__all__ = ["FORMATTING", "escape", "escape_value", "link", "plain", "truncate"]

WORD_JOINER = "\u2060"
ELLIPSIS = "…"

_BROADCAST = re.compile(r"@(?=(?:channel|here|everyone)\b)", re.I)
_SCHEME = re.compile(r"(?<=[a-z])://", re.I)
_WWW = re.compile(r"\b(www)\.", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Slack's formatting characters -> look-alikes it does not act on (asterisk operator,
# modifier letter low macron, tilde operator, modifier letter grave accent).
FORMATTING = {"*": "\u2217", "_": "\u02cd", "~": "\u223c", "`": "\u02cb"}
_FORMATTING = str.maketrans(FORMATTING)


def _inert(text: str) -> str:
    """Mentions, broadcasts and links made inert; formatting characters untouched."""
    text = _CONTROL.sub(" ", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _BROADCAST.sub("@" + WORD_JOINER, text)
    text = _SCHEME.sub(":" + WORD_JOINER + "//", text)
    return _WWW.sub(r"\1" + WORD_JOINER + ".", text)


def escape(text: str | None) -> str:
    """Text from an article, safe to put in Slack mrkdwn or a message `text`: no
    mention, link or formatting it did not ask the bot for."""
    if not text:
        return ""
    return _inert(str(text).translate(_FORMATTING))


def plain(text: str | None) -> str:
    """Text for plain_text objects (headers, buttons): Slack does not format these, so
    only mentions and links are neutralised and `*`, `_`, `~` stay as written."""
    return _inert(str(text)) if text else ""


def escape_value(text: str | None) -> str:
    """A button value: echoed back to the bot as written, so only `&`, `<`, `>` and
    links are neutralised (a name with `_` in it must come back unchanged)."""
    return _inert(str(text)) if text else ""


def link(url: str | None, label: str) -> str:
    """A Slack link to `url` (http/https only) labelled with escaped `label`."""
    safe_label = escape(label).replace("|", "¦")
    if not url or not re.match(r"https?://[^\s<>|]+$", url, re.I):
        return safe_label
    safe_url = url.replace("&", "&amp;")
    return f"<{safe_url}|{safe_label}>"


def truncate(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters with an ellipsis, never inside an
    escape (`&amp;`) or a link (`<...>`)."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit]
    cut = text[: limit - 1]
    lt, gt = cut.rfind("<"), cut.rfind(">")
    if lt > gt:
        cut = cut[:lt]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:] and len(cut) - amp <= 6:
        cut = cut[:amp]
    # Do not leave half of a surrogate-free multi-char joiner sequence dangling.
    cut = cut.rstrip(WORD_JOINER)
    return cut.rstrip() + ELLIPSIS
