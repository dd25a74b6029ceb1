"""The digest settings modal (App Home -> Settings): schedule, timezone, keywords,
followed officials, feeds, paused, only followed, flat.

`settings_modal` builds the view; `read_submission` validates what was submitted
(pure: errors keyed by input block, shown in the modal); `apply_settings` stores it
and tells the scheduler at once.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefings.errors import FetchError, UsageError
from briefings.people import name_key
from briefings.render import slack_ids as ids
from briefings.store.channels import Channels, Subscription

from .. import wording as w
from ..schedules import Schedule, parse_schedule, parse_timezone, schedule_words
from .answers import first_poll
from .hooks import notify_scheduled, notify_unscheduled

if TYPE_CHECKING:
    from ..context import AppContext

WORKSPACE = ""  # the channel id of a workspace-wide feed
MAX_INPUT = 3000  # characters of a plain_text_input
MAX_FEEDS = 20
MAX_FOLLOWED = 50


def _text(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:150]}


def _input(
    block: str,
    label: str,
    initial: str,
    *,
    hint: str,
    optional: bool = False,
    multiline: bool = False,
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": block,
        "max_length": MAX_INPUT,
    }
    if multiline:
        element["multiline"] = True
    if initial:
        element["initial_value"] = initial[:MAX_INPUT]
    return {
        "type": "input",
        "block_id": block,
        "label": _text(label),
        "hint": _text(hint),
        "optional": optional,
        "element": element,
    }


def _option(value: str, label: str) -> dict[str, Any]:
    return {"text": _text(label), "value": value}


def settings_modal(ctx: AppContext, team_id: str, channel_id: str) -> dict[str, Any] | None:
    """The modal for one channel's digest; None when the channel has no subscription."""
    ch = Channels(ctx.store)
    sub = ch.subscription(team_id, channel_id)
    if sub is None:
        return None
    followed = "\n".join(f.name for f in ch.follows(team_id, "channel", channel_id))
    feeds = "\n".join(f.url for f in ch.feeds(team_id, channel_id))
    options = [
        _option(ids.OPTION_PAUSED, w.say("modal_paused")),
        _option(ids.OPTION_ONLY_FOLLOWED, w.say("modal_only_followed")),
        _option(ids.OPTION_FLAT, w.say("modal_flat")),
    ]
    chosen = {
        ids.OPTION_PAUSED: sub.paused,
        ids.OPTION_ONLY_FOLLOWED: sub.only_followed,
        ids.OPTION_FLAT: sub.flat,
    }
    checkboxes: dict[str, Any] = {
        "type": "checkboxes",
        "action_id": ids.INPUT_OPTIONS,
        "options": options,
    }
    initial = [o for o in options if chosen[o["value"]]]
    if initial:
        checkboxes["initial_options"] = initial
    return {
        "type": "modal",
        "callback_id": ids.VIEW_SETTINGS,
        "private_metadata": channel_id,
        "title": _text(w.say("modal_title")),
        "submit": _text(w.say("modal_submit")),
        "close": _text(w.say("modal_close")),
        "blocks": [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": w.say("modal_intro", channel=channel_id)},
            },
            _input(
                ids.INPUT_SCHEDULE,
                w.say("modal_schedule"),
                schedule_words(sub.cron),
                hint=w.say("modal_schedule_hint"),
            ),
            _input(
                ids.INPUT_TIMEZONE,
                w.say("modal_timezone"),
                sub.timezone,
                hint=w.say("modal_timezone_hint"),
            ),
            _input(
                ids.INPUT_KEYWORDS,
                w.say("modal_keywords"),
                ", ".join(sub.keywords),
                hint=w.say("modal_keywords_hint"),
                optional=True,
            ),
            _input(
                ids.INPUT_FOLLOWED,
                w.say("modal_followed"),
                followed,
                hint=w.say("modal_followed_hint"),
                optional=True,
                multiline=True,
            ),
            _input(
                ids.INPUT_FEEDS,
                w.say("modal_feeds"),
                feeds,
                hint=w.say("modal_feeds_hint"),
                optional=True,
                multiline=True,
            ),
            {
                "type": "input",
                "block_id": ids.INPUT_OPTIONS,
                "label": _text(w.say("modal_options")),
                "optional": True,
                "element": checkboxes,
            },
        ],
    }


@dataclass(frozen=True, slots=True)
class DigestSettings:
    """A validated submission of the settings modal."""

    channel_id: str
    schedule: Schedule
    keywords: tuple[str, ...]
    followed: tuple[str, ...]
    feeds: tuple[str, ...]
    paused: bool
    only_followed: bool
    flat: bool


def _value(state: dict[str, Any], block: str) -> Any:
    return (state.get(block) or {}).get(block) or {}


def _short(exc: Exception) -> str:
    """A usage error as one modal line (the modal itself shows the usage)."""
    return str(exc).split(" Usage:", 1)[0].replace("`", "")[:150]


def _read_feeds(state: dict[str, Any], check_feed: Any, errors: dict[str, str]) -> list[str]:
    """The feeds input: canonical URLs, or an error under it."""
    feeds: list[str] = []
    for line in str(_value(state, ids.INPUT_FEEDS).get("value") or "").splitlines():
        if line.strip():
            try:
                feeds.append(check_feed(line.strip()))
            except (FetchError, UsageError) as exc:
                errors[ids.INPUT_FEEDS] = f"{line.strip()[:80]}: {_short(exc)}"[:150]
                break
    if len(feeds) > MAX_FEEDS:
        errors[ids.INPUT_FEEDS] = f"At most {MAX_FEEDS} feeds."
    return list(dict.fromkeys(feeds))


def workspace_feeds_modal(ctx: AppContext, team_id: str) -> dict[str, Any]:
    """The modal listing the workspace-wide feeds (channel "") of `team_id`."""
    feeds = "\n".join(f.url for f in Channels(ctx.store).feeds(team_id, WORKSPACE))
    return {
        "type": "modal",
        "callback_id": ids.VIEW_WORKSPACE_FEEDS,
        "title": _text(w.say("modal_workspace_title")),
        "submit": _text(w.say("modal_submit")),
        "close": _text(w.say("modal_close")),
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": w.say("modal_workspace_intro")}},
            _input(
                ids.INPUT_FEEDS,
                w.say("modal_feeds"),
                feeds,
                hint=w.say("modal_feeds_hint"),
                optional=True,
                multiline=True,
            ),
        ],
    }


def read_workspace_feeds(
    view: dict[str, Any], check_feed: Any
) -> tuple[tuple[str, ...] | None, dict[str, str]]:
    """The feeds a workspace-feeds submission carries, or the errors to show."""
    state = (view.get("state") or {}).get("values") or {}
    errors: dict[str, str] = {}
    feeds = _read_feeds(state, check_feed, errors)
    return (None, errors) if errors else (tuple(feeds), {})


def apply_workspace_feeds(
    ctx: AppContext, team_id: str, user_id: str, urls: tuple[str, ...]
) -> None:
    """Make the workspace-wide feeds `urls`; new ones are read at once."""
    _set_feeds(ctx, team_id, WORKSPACE, user_id, urls)


def _set_feeds(
    ctx: AppContext, team_id: str, channel_id: str, user_id: str, urls: tuple[str, ...]
) -> None:
    ch = Channels(ctx.store)
    old_feeds = {f.url for f in ch.feeds(team_id, channel_id)}
    for url in old_feeds - set(urls):
        ch.remove_feed(team_id, channel_id, url)
    for url in urls:
        if url not in old_feeds:
            feed, added = ch.add_feed(team_id, channel_id, url, added_by=user_id)
            if added:  # read at once, off the listener (the modal has no reply to wait)
                # (shutting down: the interval job reads it later)
                with suppress(RuntimeError):
                    ctx.executor.submit(first_poll, ctx, feed)


def read_submission(
    view: dict[str, Any], check_feed: Any
) -> tuple[DigestSettings | None, dict[str, str]]:
    """The settings a `view_submission` carries, or the errors to show per block.
    `check_feed(url)` returns the canonical feed URL or raises FetchError/UsageError."""
    state = (view.get("state") or {}).get("values") or {}
    errors: dict[str, str] = {}
    tz_text = str(_value(state, ids.INPUT_TIMEZONE).get("value") or "").strip()
    schedule: Schedule | None = None
    try:
        tz = parse_timezone(tz_text or "UTC")
    except UsageError as exc:
        errors[ids.INPUT_TIMEZONE] = _short(exc)
        tz = "UTC"
    text = str(_value(state, ids.INPUT_SCHEDULE).get("value") or "")
    try:
        schedule = parse_schedule(text, tz)
    except UsageError as exc:
        errors[ids.INPUT_SCHEDULE] = _short(exc)
    words = str(_value(state, ids.INPUT_KEYWORDS).get("value") or "")
    keywords = tuple(dict.fromkeys(k.strip() for k in words.split(",") if k.strip()))
    if len(keywords) > 20:
        errors[ids.INPUT_KEYWORDS] = "At most 20 keywords."
    lines = str(_value(state, ids.INPUT_FOLLOWED).get("value") or "").splitlines()
    followed = tuple(dict.fromkeys(" ".join(n.split()) for n in lines if n.strip()))
    if len(followed) > MAX_FOLLOWED:
        errors[ids.INPUT_FOLLOWED] = f"At most {MAX_FOLLOWED} officials."
    feeds = _read_feeds(state, check_feed, errors)
    chosen = {
        o.get("value") for o in _value(state, ids.INPUT_OPTIONS).get("selected_options") or ()
    }
    if errors or schedule is None:
        return None, errors
    return (
        DigestSettings(
            channel_id=str(view.get("private_metadata") or ""),
            schedule=schedule,
            keywords=keywords,
            followed=followed,
            feeds=tuple(dict.fromkeys(feeds)),
            paused=ids.OPTION_PAUSED in chosen,
            only_followed=ids.OPTION_ONLY_FOLLOWED in chosen,
            flat=ids.OPTION_FLAT in chosen,
        ),
        {},
    )


def apply_settings(
    ctx: AppContext, team_id: str, user_id: str, new: DigestSettings
) -> Subscription | None:
    """Store the settings and reschedule at once; None if the channel was unsubscribed
    meanwhile (nothing is created from a stale modal)."""
    ch = Channels(ctx.store)
    current = ch.subscription(team_id, new.channel_id)
    if current is None:
        return None
    sub, _ = ch.subscribe(
        team_id,
        new.channel_id,
        schedule=new.schedule.text,
        cron=new.schedule.cron,
        timezone=new.schedule.timezone,
        created_by=current.created_by or user_id,
        only_followed=new.only_followed,
        keywords=new.keywords,
        notify_empty=current.notify_empty,
        flat=new.flat,
        paused=new.paused,
    )
    have = {f.key: f.name for f in ch.follows(team_id, "channel", new.channel_id)}
    want = {name_key(n): n for n in new.followed}
    for key, name in have.items():
        if key not in want:
            ch.unfollow(team_id, "channel", new.channel_id, name)
    for key, name in want.items():
        if key not in have:
            ch.follow(team_id, "channel", new.channel_id, name)
    _set_feeds(ctx, team_id, new.channel_id, user_id, new.feeds)
    if sub.paused:
        notify_unscheduled(ctx, team_id, new.channel_id)
    else:
        notify_scheduled(ctx, team_id, new.channel_id, sub.cron, sub.timezone)
    return sub
