"""Slack Block Kit messages (plain dicts; no Slack SDK) with a `text` fallback, always.

`to_message(obj)` turns a Briefing, Dossier, Candidates, Unknown, Story or a
digest message into `{"text": ..., "blocks": [...]}`. `to_messages(digest)`
gives one message per `DigestMessage` (at most 10 stories each).
`evidence_message(obj)` is the "Show sources" reveal.

Buttons and their values: see `slack_ids` (Show sources, Follow, Share in channel).
Values are Slack-escaped like all other text (`&amp;`, `&lt;`, `&gt;`), so a
value echoed back into a message can never become a mention or a link.

Slack's limits are enforced by `enforce` before anything leaves this module:
<= 50 blocks, section text <= 3000 chars, header <= 150, <= 10 context
elements, button text <= 75, and all text together <= `MAX_TOTAL_TEXT`
(well under Slack's 12,000); anything longer is cut with an ellipsis.
"""

from __future__ import annotations

from typing import Any

from ..compose import Briefing
from ..digest import Digest, DigestMessage, Story
from ..dossier import Candidates, Dossier, Unknown
from . import mrkdwn as md
from .escape import ELLIPSIS, escape, escape_value, plain, truncate
from .slack_ids import (
    ACTION_FOLLOW,
    ACTION_SHARE,
    ACTION_SHOW_SOURCES,
    MAX_ACCESSIBILITY_LABEL,
    MAX_ACTION_ELEMENTS,
    MAX_BLOCK_ID,
    MAX_BLOCKS,
    MAX_BUTTON_TEXT,
    MAX_BUTTON_VALUE,
    MAX_CONTEXT_ELEMENTS,
    MAX_CONTEXT_TEXT,
    MAX_FALLBACK,
    MAX_FIELD_TEXT,
    MAX_FIELDS,
    MAX_HEADER,
    MAX_SECTION,
    MAX_TOTAL_TEXT,
    SHARE_BRIEFING,
    SHARE_DOSSIER,
    share_value,
)

__all__ = [
    "check_message",
    "enforce",
    "evidence_message",
    "to_message",
    "to_messages",
    "to_thread",
]

MAX_EVIDENCE_SENTENCE = 600

Block = dict[str, Any]


# -- block helpers ------------------------------------------------------------------


def _header(text: str) -> Block:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": plain(text) or " ", "emoji": True},
    }


def _section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text or " "}}


def _context(*texts: str) -> Block:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": t or " "} for t in texts if t],
    }


def _button(
    text: str, action_id: str, value: str, style: str | None = None, *, about: str | None = None
) -> Block:
    """A button; `about` names what it acts on for screen readers ("Show sources:
    <headline>"), since a digest repeats the same button under every story."""
    b: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": plain(text), "emoji": True},
        "action_id": action_id,
        "value": truncate(escape_value(value), MAX_BUTTON_VALUE) or " ",
    }
    if about:
        label = truncate(plain(" ".join(f"{text}: {about}".split())), MAX_ACCESSIBILITY_LABEL)
        b["accessibility_label"] = label
    if style:
        b["style"] = style
    return b


def _actions(*buttons: Block, block_id: str | None = None) -> Block:
    b: Block = {"type": "actions", "elements": list(buttons)}
    if block_id:
        b["block_id"] = block_id[:MAX_BLOCK_ID]
    return b


def _follow_label(name: str) -> str:
    return f"Follow {name}"


# -- per structure -------------------------------------------------------------------


def _briefing_blocks(b: Briefing, *, share: bool = True) -> list[Block]:
    blocks = [
        _header(b.headline),
        _section(md.briefing_body(b)),
        _context(md.context_line(b.source)),
    ]
    buttons: list[Block] = []
    about = b.headline
    if b.article_id is not None and not b.is_empty:
        buttons.append(_button("Show sources", ACTION_SHOW_SOURCES, str(b.article_id), about=about))
    if b.officials:  # action_ids must be unique within a block: one Follow button
        name = b.officials[0]
        buttons.append(_button(_follow_label(name), ACTION_FOLLOW, name, about=about))
    if share and b.article_id is not None:
        buttons.append(
            _button(
                "Share in channel",
                ACTION_SHARE,
                share_value(SHARE_BRIEFING, b.article_id),
                about=about,
            )
        )
    if buttons:
        blocks.append(_actions(*buttons))
    return blocks


def _dossier_blocks(d: Dossier) -> list[Block]:
    blocks: list[Block] = [_header(d.official.name)]
    head: list[str] = []
    if d.note:
        head.append(f"_{escape(d.note)}_")
    if d.title:
        head.append(escape(d.title))
    head.append(f"_{d.articles} article{'s' if d.articles != 1 else ''}_")
    blocks.append(_section("\n".join(head)))
    for heading, body in md.dossier_sections(d):
        blocks.append(_section(f"*{heading}*\n{body}"))
    if d.is_empty:
        blocks.append(_section(md.empty_dossier_text(d)))
    if d.also:
        blocks.append(
            _context(
                "Also: "
                + "; ".join(
                    escape(r.name) + (f" ({escape(r.title)})" if r.title else "") for r in d.also
                )
            )
        )
    about = f"{d.official.name}'s dossier"
    blocks.append(
        _actions(
            _button(_follow_label(d.official.name), ACTION_FOLLOW, d.official.name, about=about),
            _button(
                "Share in channel", ACTION_SHARE, share_value(SHARE_DOSSIER, d.query), about=about
            ),
        )
    )
    return blocks


def _story_blocks(s: Story) -> list[Block]:
    blocks = [_section(md.story_text(s)), _context(md.story_sources(s))]
    aid = s.briefing.article_id
    about = s.briefing.headline
    buttons: list[Block] = []
    if aid is not None:
        buttons.append(_button("Show sources", ACTION_SHOW_SOURCES, str(aid), about=about))
    if s.briefing.officials:
        name = s.briefing.officials[0]
        buttons.append(_button(_follow_label(name), ACTION_FOLLOW, name, about=about))
    if buttons:
        blocks.append(_actions(*buttons))
    return blocks


def _digest_blocks(d: DigestMessage) -> list[Block]:
    if not d.stories:
        return [_section(md.NOTHING_NEW)]
    blocks: list[Block] = [_header(md.digest_heading(d))]
    for i, s in enumerate(d.stories):
        if i:
            blocks.append({"type": "divider"})
        blocks.extend(_story_blocks(s))
    if d.more:
        blocks.append(_context(f"_{md.more_note(d.more)}_"))
    return blocks


def _as_digest_messages(d: Digest) -> list[DigestMessage]:
    msgs = list(d.messages)
    return msgs or [DigestMessage(1, 1, (), d.team_id, d.channel_id)]


def to_message(obj: Any) -> dict[str, Any]:
    """One Slack message (`text` fallback + `blocks`), within Slack's limits.

    A Digest renders its first message only; use `to_messages` for all of them.
    """
    if isinstance(obj, Digest):
        obj = _as_digest_messages(obj)[0]
    if isinstance(obj, Briefing):
        blocks, text = _briefing_blocks(obj), md.to_mrkdwn(obj)
    elif isinstance(obj, Dossier):
        blocks, text = _dossier_blocks(obj), md.to_mrkdwn(obj)
    elif isinstance(obj, Candidates):
        text = md.candidates_text(obj)
        blocks = [_section(text)]
    elif isinstance(obj, Unknown):
        text = md.unknown_text(obj)
        blocks = [_section(text)]
    elif isinstance(obj, Story):
        blocks, text = _story_blocks(obj), md.to_mrkdwn(obj)
    elif isinstance(obj, DigestMessage):
        blocks, text = _digest_blocks(obj), md.digest_text(obj)
    else:
        text = escape(str(obj))
        blocks = [_section(text)]
    return enforce({"text": text, "blocks": blocks})


def to_messages(obj: Any) -> list[dict[str, Any]]:
    """Every message needed for `obj`: one per digest message, else one."""
    if isinstance(obj, Digest):
        return [to_message(m) for m in _as_digest_messages(obj)]
    return [to_message(obj)]


def to_thread(d: Digest) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A digest as a thread: the parent (a one-line summary of every story) and one
    reply per story, each within Slack's limits."""
    if not d.stories:
        return to_message(d), []
    summary = md.digest_summary(d)
    parent: list[Block] = [
        _section(f"*{md.digest_heading(d)}*\n{summary}"),
        _context(md.THREAD_NOTE),
    ]
    if d.more:
        parent.append(_context(f"_{md.more_note(d.more)}_"))
    replies = [to_message(s) for s in d.stories]
    return enforce({"text": summary, "blocks": parent}), replies


def _quote(sentence: str) -> str:
    """One evidence sentence as a Slack quote. Its line breaks are folded into spaces:
    every line of it stays inside the quote, none reads as the bot's own words."""
    flat = " ".join(sentence.split())
    return f"> {escape(truncate(flat, MAX_EVIDENCE_SENTENCE))}"


def evidence_message(obj: Briefing | Dossier | Story) -> dict[str, Any]:
    """The "Show sources" reveal: each fact's sentence, quoted, and a link to the article."""
    blocks: list[Block] = [_header("Sources")]
    lines: list[str] = []
    if isinstance(obj, Story):
        obj = obj.briefing
    if isinstance(obj, Briefing):
        for ln in obj.lines:
            quoted = "\n".join(_quote(ev.sentence) for ev in ln.evidence) or (
                "> (no sentence recorded)"
            )
            lines.append(f"*{ln.label}*\n{quoted}")
        if not lines:
            lines.append(f"_{escape(obj.note or 'No facts, so no sources.')}_")
        blocks.extend(_section(t) for t in lines)
        blocks.append(_context(md.context_line(obj.source)))
    else:
        for f in (*obj.meetings, *obj.agreements, *obj.itinerary):
            lines.append(f"{_quote(f.evidence.sentence)}\n— {md.source_link(f.source)}")
        if not lines:
            lines.append("_No facts, so no sources._")
        blocks.extend(_section(t) for t in lines)
    text = "Sources:\n" + "\n".join(lines)
    return enforce({"text": text, "blocks": blocks})


# -- limits --------------------------------------------------------------------------


def _block_text_len(b: Block) -> int:
    n = 0
    if "text" in b and isinstance(b["text"], dict):
        n += len(b["text"].get("text", ""))
    for f in b.get("fields", ()) or ():
        n += len(f.get("text", ""))
    for e in b.get("elements", ()) or ():
        if isinstance(e, dict):
            t = e.get("text")
            n += len(t.get("text", "")) if isinstance(t, dict) else len(t or "")
    return n


def _fix_block(b: Block) -> Block:
    kind = b.get("type")
    if kind == "header":
        b["text"]["text"] = truncate(b["text"]["text"], MAX_HEADER) or ELLIPSIS
    elif kind == "section":
        if "text" in b:
            b["text"]["text"] = truncate(b["text"]["text"], MAX_SECTION) or ELLIPSIS
        if "fields" in b:
            b["fields"] = b["fields"][:MAX_FIELDS]
            for f in b["fields"]:
                f["text"] = truncate(f["text"], MAX_FIELD_TEXT) or ELLIPSIS
    elif kind == "context":
        els = b["elements"][:MAX_CONTEXT_ELEMENTS] or [{"type": "mrkdwn", "text": " "}]
        for e in els:
            if "text" in e:
                e["text"] = truncate(e["text"], MAX_CONTEXT_TEXT) or ELLIPSIS
        b["elements"] = els
    elif kind == "actions":
        els = b["elements"][:MAX_ACTION_ELEMENTS]
        for e in els:
            if e.get("type") == "button":
                e["text"]["text"] = truncate(e["text"]["text"], MAX_BUTTON_TEXT) or ELLIPSIS
                if "value" in e:
                    e["value"] = e["value"][:MAX_BUTTON_VALUE] or " "
                if "accessibility_label" in e:
                    label = truncate(e["accessibility_label"], MAX_ACCESSIBILITY_LABEL)
                    e["accessibility_label"] = label or ELLIPSIS
        b["elements"] = els
    return b


def enforce(message: dict[str, Any]) -> dict[str, Any]:
    """Cut `message` down to Slack's limits (never raises, never leaves it invalid)."""
    blocks = [_fix_block(b) for b in message.get("blocks", []) if isinstance(b, dict)]
    blocks = [b for b in blocks if not (b.get("type") == "actions" and not b["elements"])]
    if len(blocks) > MAX_BLOCKS:
        cut = len(blocks) - (MAX_BLOCKS - 1)
        blocks = [*blocks[: MAX_BLOCKS - 1], _context(f"{ELLIPSIS} {cut} more block(s) not shown")]
    out: list[Block] = []
    used = 0
    for i, b in enumerate(blocks):
        n = _block_text_len(b)
        if used + n > MAX_TOTAL_TEXT:
            room = MAX_TOTAL_TEXT - used - 60
            if b.get("type") == "section" and "text" in b and room > 200:
                b["text"]["text"] = truncate(b["text"]["text"], room)
                out.append(b)
            rest = len(blocks) - i - (1 if out and out[-1] is b else 0)
            if rest > 0:
                out.append(_context(f"{ELLIPSIS} cut to fit one message"))
            break
        used += n
        out.append(b)
    text = truncate(str(message.get("text") or "").strip(), MAX_FALLBACK) or ELLIPSIS
    return {"text": text, "blocks": out}


def check_message(message: dict[str, Any]) -> list[str]:
    """Every way `message` breaks Slack's limits (empty when it is valid)."""
    problems: list[str] = []
    text = message.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.append("no text fallback")
    blocks = message.get("blocks") or []
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks > {MAX_BLOCKS}")
    total = 0
    for i, b in enumerate(blocks):
        kind = b.get("type")
        total += _block_text_len(b)
        if kind == "header" and not 0 < len(b["text"]["text"]) <= MAX_HEADER:
            problems.append(f"block {i}: header length {len(b['text']['text'])}")
        if kind == "section" and "text" in b and not 0 < len(b["text"]["text"]) <= MAX_SECTION:
            problems.append(f"block {i}: section length {len(b['text']['text'])}")
        if kind == "context":
            if not 0 < len(b["elements"]) <= MAX_CONTEXT_ELEMENTS:
                problems.append(f"block {i}: {len(b['elements'])} context elements")
            for e in b["elements"]:
                if not 0 < len(e.get("text", "")) <= MAX_CONTEXT_TEXT:
                    problems.append(f"block {i}: context text length")
        if kind == "actions":
            if not 0 < len(b["elements"]) <= MAX_ACTION_ELEMENTS:
                problems.append(f"block {i}: {len(b['elements'])} actions")
            for e in b["elements"]:
                if not 0 < len(e["text"]["text"]) <= MAX_BUTTON_TEXT:
                    problems.append(f"block {i}: button text length {len(e['text']['text'])}")
                if not 0 < len(e.get("value", "")) <= MAX_BUTTON_VALUE:
                    problems.append(f"block {i}: button value length")
                if len(e.get("accessibility_label", "x")) > MAX_ACCESSIBILITY_LABEL:
                    problems.append(f"block {i}: accessibility_label too long")
                if len(e.get("action_id", "")) > MAX_BLOCK_ID:
                    problems.append(f"block {i}: action_id too long")
    if total >= 12_000:
        problems.append(f"total text {total} >= 12000")
    return problems
