"""Block Kit limits as Slack enforces them, checked by the fake Web API.

`message_errors(payload)` returns a list of problems (empty when Slack would accept
the message). Only the block and element types the bot uses are known; anything
else is reported, so a new type gets a deliberate check here.
"""

from __future__ import annotations

from typing import Any

MAX_BLOCKS_MESSAGE = 50
MAX_BLOCKS_VIEW = 100
MAX_SECTION_TEXT = 3000
MAX_FIELD_TEXT = 2000
MAX_FIELDS = 10
MAX_HEADER = 150
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTION_ELEMENTS = 25
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTION_ID = 255
MAX_BLOCK_ID = 255
MAX_URL = 3000
MAX_MESSAGE_TEXT = 40000
# Slack rejects messages whose blocks carry much more; the bot stays well under.
MAX_TOTAL_BLOCK_TEXT = 12000


def _text_obj(
    obj: Any, where: str, errors: list[str], *, limit: int, plain_only: bool = False
) -> int:
    if not isinstance(obj, dict):
        errors.append(f"{where}: text object must be an object")
        return 0
    kind = obj.get("type")
    if kind not in ("plain_text", "mrkdwn") or (plain_only and kind != "plain_text"):
        errors.append(f"{where}: bad text type {kind!r}")
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        errors.append(f"{where}: text must be a non-empty string")
        return 0
    if len(text) > limit:
        errors.append(f"{where}: text is {len(text)} chars, limit {limit}")
    return len(text)


def _element(el: Any, where: str, errors: list[str]) -> int:
    if not isinstance(el, dict):
        errors.append(f"{where}: element must be an object")
        return 0
    kind = el.get("type")
    total = 0
    if kind == "button":
        total += _text_obj(
            el.get("text"), f"{where}.text", errors, limit=MAX_BUTTON_TEXT, plain_only=True
        )
        aid = el.get("action_id")
        if aid is not None and (not isinstance(aid, str) or len(aid) > MAX_ACTION_ID):
            errors.append(f"{where}: bad action_id")
        value = el.get("value")
        if value is not None and (not isinstance(value, str) or len(value) > MAX_BUTTON_VALUE):
            errors.append(f"{where}: value over {MAX_BUTTON_VALUE} chars")
        url = el.get("url")
        if url is not None and (not isinstance(url, str) or len(url) > MAX_URL):
            errors.append(f"{where}: url over {MAX_URL} chars")
        if el.get("style") not in (None, "primary", "danger"):
            errors.append(f"{where}: bad button style")
        label = el.get("accessibility_label")
        if label is not None and (not isinstance(label, str) or not 0 < len(label) <= 75):
            errors.append(f"{where}: accessibility_label must be 1..75 chars")
    elif kind == "image":
        if not el.get("image_url") or not el.get("alt_text"):
            errors.append(f"{where}: image needs image_url and alt_text")
    elif kind in ("plain_text", "mrkdwn"):
        total += _text_obj(el, where, errors, limit=MAX_SECTION_TEXT)
    else:
        errors.append(f"{where}: unknown element type {kind!r}")
    return total


def blocks_errors(blocks: Any, *, max_blocks: int = MAX_BLOCKS_MESSAGE) -> list[str]:
    errors: list[str] = []
    if not isinstance(blocks, list):
        return ["blocks must be an array"]
    if len(blocks) > max_blocks:
        errors.append(f"{len(blocks)} blocks, limit {max_blocks}")
    total = 0
    ids: set[str] = set()
    for i, block in enumerate(blocks):
        where = f"blocks[{i}]"
        if not isinstance(block, dict):
            errors.append(f"{where}: must be an object")
            continue
        bid = block.get("block_id")
        if bid is not None:
            if not isinstance(bid, str) or len(bid) > MAX_BLOCK_ID:
                errors.append(f"{where}: bad block_id")
            elif bid in ids:
                errors.append(f"{where}: duplicate block_id {bid!r}")
            else:
                ids.add(bid)
        kind = block.get("type")
        if kind == "section":
            if "text" not in block and "fields" not in block:
                errors.append(f"{where}: section needs text or fields")
            if "text" in block:
                total += _text_obj(block["text"], f"{where}.text", errors, limit=MAX_SECTION_TEXT)
            fields = block.get("fields") or []
            if len(fields) > MAX_FIELDS:
                errors.append(f"{where}: {len(fields)} fields, limit {MAX_FIELDS}")
            for j, f in enumerate(fields):
                total += _text_obj(f, f"{where}.fields[{j}]", errors, limit=MAX_FIELD_TEXT)
            if "accessory" in block:
                total += _element(block["accessory"], f"{where}.accessory", errors)
        elif kind == "header":
            total += _text_obj(
                block.get("text"), f"{where}.text", errors, limit=MAX_HEADER, plain_only=True
            )
        elif kind == "context":
            els = block.get("elements") or []
            if not els or len(els) > MAX_CONTEXT_ELEMENTS:
                errors.append(f"{where}: context has {len(els)} elements (1..10)")
            for j, el in enumerate(els):
                total += _element(el, f"{where}.elements[{j}]", errors)
        elif kind == "actions":
            els = block.get("elements") or []
            if not els or len(els) > MAX_ACTION_ELEMENTS:
                errors.append(f"{where}: actions has {len(els)} elements (1..25)")
            aids = [e.get("action_id") for e in els if isinstance(e, dict) and e.get("action_id")]
            if len(aids) != len(set(aids)):
                errors.append(f"{where}: duplicate action_id in one actions block")
            for j, el in enumerate(els):
                total += _element(el, f"{where}.elements[{j}]", errors)
        elif kind == "divider":
            pass
        else:
            errors.append(f"{where}: unknown block type {kind!r}")
    if total > MAX_TOTAL_BLOCK_TEXT:
        errors.append(f"blocks carry {total} chars of text, limit {MAX_TOTAL_BLOCK_TEXT}")
    return errors


def sdk_errors(blocks: Any) -> list[str]:
    """What slack_sdk's own models (`Block.parse` + `validate_json`) reject: a second,
    independent reading of Slack's rules (field names, lengths, element kinds)."""
    from slack_sdk.errors import SlackObjectFormationError
    from slack_sdk.models.blocks import Block

    if not isinstance(blocks, list):
        return []
    errors: list[str] = []
    for i, raw in enumerate(blocks):
        try:
            block = Block.parse(raw)
            if block is None:
                errors.append(f"blocks[{i}]: slack_sdk cannot parse {raw!r:.80}")
                continue
            block.validate_json()
            _element_fields(raw, block.to_dict(), f"blocks[{i}]", errors)
        except (SlackObjectFormationError, KeyError, TypeError, ValueError) as exc:
            errors.append(f"blocks[{i}]: slack_sdk: {exc}")
    return errors


def _element_fields(raw: Any, parsed: Any, where: str, errors: list[str]) -> None:
    """Fields of our elements that slack_sdk does not know (a typo, or a made-up field)."""
    if isinstance(raw, dict) and isinstance(parsed, dict):
        for key, value in raw.items():
            if key not in parsed:
                errors.append(f"{where}: slack_sdk drops the unknown field {key!r}")
            else:
                _element_fields(value, parsed[key], f"{where}.{key}", errors)
    elif isinstance(raw, list) and isinstance(parsed, list) and len(raw) == len(parsed):
        for j, (r, p) in enumerate(zip(raw, parsed, strict=True)):
            _element_fields(r, p, f"{where}[{j}]", errors)


def message_errors(payload: dict[str, Any], *, require_text: bool = True) -> list[str]:
    """Problems with a chat message payload (blocks plus its plain `text` fallback)."""
    errors: list[str] = []
    text = payload.get("text")
    blocks = payload.get("blocks")
    if blocks is not None:
        errors += blocks_errors(blocks) + sdk_errors(blocks)
    if require_text and (not isinstance(text, str) or not text.strip()):
        errors.append("missing text fallback")
    if isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
        errors.append(f"text is {len(text)} chars, limit {MAX_MESSAGE_TEXT}")
    return errors


def view_errors(view: Any, *, kind: str = "home") -> list[str]:
    """Problems with a Home tab (views.publish) or modal (views.open) view: our own
    limits for the blocks messages share, and slack_sdk's `View` for everything."""
    from slack_sdk.errors import SlackObjectFormationError
    from slack_sdk.models.views import View

    if not isinstance(view, dict):
        return ["view must be an object"]
    errors: list[str] = []
    if view.get("type") != kind:
        errors.append(f"view type {view.get('type')!r}, expected {kind!r}")
    blocks = view.get("blocks")
    # Input blocks (modals) are checked by slack_sdk alone.
    ours = [b for b in blocks or [] if isinstance(b, dict) and b.get("type") != "input"]
    errors += blocks_errors(
        ours if isinstance(blocks, list) else blocks, max_blocks=MAX_BLOCKS_VIEW
    )
    if isinstance(blocks, list) and len(blocks) > MAX_BLOCKS_VIEW:
        errors.append(f"{len(blocks)} blocks, limit {MAX_BLOCKS_VIEW}")
    errors += sdk_errors(blocks)
    try:
        View(**view).validate_json()
    except (SlackObjectFormationError, TypeError, ValueError) as exc:
        errors.append(f"slack_sdk View: {exc}")
    return errors
