"""Every fixed text the bot shows in Slack (and the console), in one place.

Templates are `str.format` strings; callers fill them in with `say(key, **values)`.
Values that come from users or articles must already be escaped for Slack
(`briefings.render.escape`) by the caller before they are passed in here.
"""

from __future__ import annotations

from typing import Final

# Per sub-command: its complete forms (each a whole command a user can copy) and what
# it does. `/brief help` lists them all, one form per line; an error shows the forms
# of the sub-command concerned, joined with "or".
USAGE: Final[dict[str, tuple[tuple[str, ...], str]]] = {
    "official": (("/brief <official>",), "an official's dossier, e.g. `/brief Kelly`"),
    "url": (
        ("/brief <article URL>",),
        "brief one article, e.g. `/brief https://example.com/news/1`",
    ),
    "latest": (("/brief latest [1-5]",), "the latest briefings"),
    "catch_up": (
        ("/brief catch up [1-20]",),
        "post the latest stories in this channel now (default 5)",
    ),
    "subscribe": (
        (
            "/brief subscribe daily 08:00 [timezone]",
            "/brief subscribe weekdays 07:30 [timezone]",
            "/brief subscribe hourly [timezone]",
            '/brief subscribe cron "0 8 * * 1-5" [timezone]',
        ),
        "post this channel's digest on a schedule, starting with stories that arrive from "
        "now on; optionally followed by `only followed`, `always`, `flat` (one message "
        "instead of a thread) and `keywords a, b`",
    ),
    "unsubscribe": (("/brief unsubscribe",), "stop this channel's digest"),
    "subscriptions": (("/brief subscriptions",), "this channel's digest schedule"),
    "follow": (
        ("/brief follow <official>", "/brief follow me <official>"),
        "`follow` filters this channel's digest (with `only followed`); `follow me` is "
        "just for you: alerts by direct message and your Home tab",
    ),
    "unfollow": (
        ("/brief unfollow <official>", "/brief unfollow me <official>"),
        "stop following an official (this channel's, or yours with `me`)",
    ),
    "following": (
        ("/brief following", "/brief following me"),
        "the officials this channel follows, or you do",
    ),
    "mute": (
        ("/brief mute <official>", "/brief unmute <official>"),
        "no alerts about that official for you (you still follow them)",
    ),
    "alerts": (("/brief alerts off", "/brief alerts on"), "stop or resume all your alerts"),
    "sources": (
        (
            "/brief sources add <feed URL>",
            "/brief sources remove <feed URL>",
            "/brief sources",
        ),
        "this channel's news feeds",
    ),
    "help": (("/brief help",), "this list"),
}

# Sub-command words whose usage is listed under another key.
USAGE_ALIASES: Final = {"unmute": "mute", "catch": "catch_up", "catchup": "catch_up"}

HELP_HEADER: Final = (
    "*briefbot* turns diplomacy news into short briefings: who met whom, "
    "what was agreed, where officials go next."
)
HELP_FOOTER: Final = "Answers are only visible to you; use *Share in channel* to post one."

MESSAGES: Final[dict[str, str]] = {
    # -- usage errors (one line, then the correct usage) ----------------
    "unknown_subcommand": "I don't know `{word}`; did you mean `{suggestion}`? Usage: {usage}",
    "missing_argument": "`{command}` needs {what}. Usage: {usage}",
    "extra_argument": "`{command}` takes no {what}. Usage: {usage}",
    "bad_count": "`{value}` is not a number from 1 to 5. Usage: {usage}",
    "bad_catch_up": "`{value}` is not a number from 1 to 20. Usage: {usage}",
    "not_http": "Only http:// and https:// links can be briefed, not `{scheme}:`. Usage: {usage}",
    "bad_url": "`{url}` is not a web address I can fetch. Usage: {usage}",
    "bad_schedule": "I can't read the schedule `{text}`. Usage: {usage}",
    "bad_time": "`{value}` is not a time of day; use HH:MM from 00:00 to 23:59. Usage: {usage}",
    "bad_timezone": (
        "`{value}` is not a timezone I know; use an IANA name such as Asia/Tokyo. Usage: {usage}"
    ),
    "bad_cron": "`{value}` is not a valid cron expression ({reason}). Usage: {usage}",
    "cron_unquoted": 'Put the cron expression in quotes, e.g. `cron "0 8 * * 1-5"`. Usage: {usage}',
    "too_long": "That {what} is too long ({length:,} characters; at most {limit:,}). "
    "Usage: {usage}",
    "sources_action": "`sources` takes `add <feed URL>`, `remove <feed URL>` or nothing. "
    "Usage: {usage}",
    # -- answers ---------------------------------------------------------
    "subscribed": "This channel's digest is now posted {schedule}.",
    "subscribed_changed": "This channel's digest schedule is now {schedule} (was {previous}).",
    "unsubscribed": "This channel's digest is stopped (it was {schedule}).",
    "not_subscribed": "This channel has no digest schedule. Set one with {usage}",
    "subscriptions": "This channel's digest is posted {schedule}.",
    "subscription_followed": "Only stories about the officials this channel follows ({names}).",
    "subscription_followed_none": (
        "Only stories about the officials this channel follows (none yet: {usage})."
    ),
    "subscription_keywords": "Only stories mentioning: {words}.",
    "subscription_always": "When nothing is new, a short notice is posted.",
    "subscription_from_now": (
        "The first digest holds the stories that arrive from now on; to post the latest "
        "ones now, use `/brief catch up [N]` (default 5)."
    ),
    "subscription_thread": (
        "Each digest is a thread: a one-line summary, then one reply per story "
        "(add `flat` to the command for a single message)."
    ),
    "subscription_flat": "Each digest is a single message.",
    "subscription_paused": "Paused: nothing is posted until it is resumed from the Home tab.",
    # Told once, by DM, to whoever subscribed a channel whose digest Slack refused.
    "digest_paused_dm": (
        "The digest of <#{channel}> is paused: Slack refused to post it ({why}). {todo} "
        "Then resume it from my Home tab, or run `/brief subscribe ...` in the channel again."
    ),
    "gone_not_in_channel": "I am not a member of the channel",
    "gone_channel_not_found": "the channel no longer exists or I cannot see it",
    "gone_is_archived": "the channel is archived",
    "gone_invalid_auth": "my access to this workspace was revoked",
    "gone_todo_not_in_channel": "Invite me back with `/invite @briefbot` in the channel.",
    "gone_todo_is_archived": "Unarchive the channel, or subscribe another one.",
    "gone_todo_channel_not_found": "Subscribe another channel, or invite me if it is private.",
    "gone_todo_invalid_auth": "Reinstall briefbot in this workspace.",
    # Two kinds of follow: a channel's (a digest filter) and a person's (alerts, Home).
    "followed": (
        "This channel's digest now follows *{name}*: a channel filter, used when the "
        "digest is subscribed with `only followed`. Nothing is sent to you personally; "
        "for alerts by direct message use `/brief follow me {plain}`."
    ),
    "already_following": "This channel's digest already follows *{name}* (a channel filter).",
    "unfollowed": "This channel's digest no longer follows *{name}* (a channel filter).",
    "not_following": "This channel's digest does not follow *{name}*.",
    "following_none": "This channel's digest follows no officials. Follow one with {usage}",
    "following": "This channel's digest follows (a channel filter): {names}.",
    "user_followed": (
        "You now follow *{name}*, just for you: an alert by direct message when new "
        "articles name them, and your briefbot Home tab. No channel's digest changes."
    ),
    "user_already_following": "You already follow *{name}* (just for you).",
    "user_unfollowed": "You no longer follow *{name}* (just for you; no alerts about them).",
    "user_not_following": "You do not follow *{name}*.",
    "user_following_none": "You follow no officials. Follow one with {usage}",
    "user_following": "You follow (alerts by direct message): {names}.",
    "follow_unknown": (
        "Note: no stored article names *{name}* yet, so nothing will match until one does. "
        "Check the spelling with `/brief {plain}`."
    ),
    "follow_ambiguous": "Note: *{name}* could be several officials: {names}.",
    "muted": "No more alerts about *{name}* for you (you still follow them).",
    "already_muted": "Alerts about *{name}* are already muted for you.",
    "unmuted": "Alerts about *{name}* are on again for you.",
    "not_muted": "Alerts about *{name}* were not muted.",
    "alerts_off": "Your alerts are off: no direct messages about followed officials.",
    "alerts_on": "Your alerts are on: a direct message when new articles name an official "
    "you follow (at most one every {minutes} minutes).",
    "alert_header": "New about officials you follow",
    "alert_item": "• *{name}*: {story}",
    "alert_footer": "Mute one with `/brief mute <official>`, or all with `/brief alerts off`.",
    "source_added": "Added the feed {url} to this channel's sources. Reading it now…",
    "source_polled": "Read {url}: {n} {articles} found. Only this channel sees them (and "
    "nobody outside this workspace); they reach `/brief latest` and the next digest as "
    "they are briefed.",
    "source_polled_nothing": "Read {url}: no articles in it yet. It is read again every "
    "15 minutes.",
    "source_poll_failed": "Could not read {url} yet: {error}. It is tried again later; "
    "`/brief sources` shows how it is doing.",
    "source_exists": "The feed {url} is already one of this channel's sources.",
    "source_removed": "Removed the feed {url} from this channel's sources.",
    "source_unknown": "The feed {url} is not one of this channel's sources.",
    "sources_none": "This channel has no feeds. Add one with {usage}",
    "sources": "This channel's feeds:\n{lines}",
    "feed_not_polled": " (not polled yet)",
    "feed_ok": " (last polled {at})",
    "feed_failing": " (failing, {n} tries in a row: {error}; next try {next})",
    "latest_none": "No briefings yet: no articles have been stored.",
    "catch_up_none": "Nothing to catch up on: every stored story was already posted here.",
    "catch_up_done": "Posted the latest {stories} in this channel, as a thread.",
    "catch_up_done_flat": "Posted the latest {stories} in this channel.",
    "catch_up_failed": "I could not post the latest stories here: {reason}.",
    "working_url": "Fetching {url} …",
    "fetch_failed": "I could not brief {url}: {reason}.",
    "unknown_official": "I know no official called *{query}*.",
    "unknown_official_suggest": "I know no official called *{query}*. Did you mean {names}?",
    "ambiguous_official": "*{query}* could be several officials; which one?",
    # -- shortcut and mentions ---------------------------------------------
    "shortcut_no_link": "That message has no web link to brief.",
    "mention_use_command": (
        "Mention me with an official's name or an article link, and I answer in the "
        "thread. Everything else is a `/brief` command: {usage}"
    ),
    # -- buttons ---------------------------------------------------------
    "button_share": "Share in channel",
    "button_sources": "Show sources",
    "button_follow": "Follow {name}",
    "shared_by": "Shared by <@{user}>",
    "shared_done": "Shared in this channel.",
    "share_failed": "I could not share that in this channel: {reason}.",
    "sources_gone": "That article is no longer stored, so its sources cannot be shown.",
    # -- failures --------------------------------------------------------
    "console_fallback": "{reason}, so briefbot runs in console mode, not in Slack.",
    "allow_private_hint": (
        " (to fetch from this machine or a private network, e.g. in development, "
        "set BRIEFBOT_ALLOW_PRIVATE_HOSTS=true)"
    ),
    "internal_error": "Something went wrong on my side; please try again.",
    "busy": "I'm busy right now; please try again in a minute.",
    "slack_error": "Slack refused the message ({error}).",
    # -- App Home ----------------------------------------------------------
    "home_title": "briefbot",
    "home_follows_header": "Officials you follow",
    "home_follows_none": "You follow no officials yet. Use *Follow* under a dossier.",
    "home_subs_header": "Your channels' digests",
    "home_subs_none": "No channel you are in has a digest schedule. In a channel, type {usage}",
    "home_subs_unknown": "Slack did not say which channels you are in; try again later.",
    "home_sub_line": "<#{channel}>: {schedule}",
    "home_sub_paused": ":double_vertical_bar: *Paused*",
    "home_sub_followed": "only stories about {names}",
    "home_sub_keywords": "only stories mentioning {words}",
    "home_sub_all": "every story",
    "home_sub_feeds": "Feeds: {feeds}",
    "home_sub_thread": "Posted as a thread: a summary, then one reply per story.",
    "home_sub_flat": "Posted as a single message.",
    "home_muted": " (alerts muted)",
    "home_alerts_on": (
        "Alerts by direct message are on: new articles naming these officials, at most one "
        "message every 30 minutes. `/brief mute <official>` or `/brief alerts off` to stop."
    ),
    "home_alerts_off": "Alerts are off. `/brief alerts on` to get them again.",
    "button_unfollow": "Unfollow",
    "button_settings": "Settings",
    "button_settings_label": "Digest settings of channel {channel}",
    # -- the digest settings modal -------------------------------------------
    "modal_title": "Digest settings",
    "modal_submit": "Save",
    "modal_close": "Cancel",
    "modal_intro": "The digest of <#{channel}>. Changes take effect at once.",
    "modal_schedule": "Schedule",
    "modal_schedule_hint": 'daily 08:00, weekdays 07:30, hourly, or cron "0 8 * * 1-5"',
    "modal_timezone": "Timezone",
    "modal_timezone_hint": "An IANA name such as Europe/London or Asia/Tokyo",
    "modal_keywords": "Keywords",
    "modal_keywords_hint": "Comma-separated; only stories mentioning one of them",
    "modal_followed": "Followed officials",
    "modal_followed_hint": (
        "One per line; with 'Only followed officials', the digest keeps their stories"
    ),
    "modal_feeds": "Feeds",
    "modal_feeds_hint": "RSS or Atom feed URLs, one per line",
    "modal_options": "Options",
    "modal_paused": "Paused (nothing is posted)",
    "modal_only_followed": "Only followed officials",
    "modal_flat": "One message instead of a thread",
    "modal_no_subscription": "This channel has no digest any more.",
    "home_workspace_feeds_header": "Feeds for the whole workspace",
    "home_workspace_feeds": "Every channel of this workspace reads these: {feeds}",
    "home_workspace_feeds_none": "No feed is read by every channel of this workspace. "
    "A feed added in a channel (`/brief sources add`) is that channel's alone.",
    "button_workspace_feeds": "Edit",
    "button_workspace_feeds_label": "Edit the feeds every channel of this workspace reads",
    "modal_workspace_title": "Workspace feeds",
    "modal_workspace_intro": "Every channel of this workspace (and nobody outside it) "
    "reads these feeds in its digest and `/brief latest`. New ones are read at once.",
    "home_latest_header": "Latest briefings",
    "home_latest_none": "No briefings yet.",
    "home_more": "…and {n} more",
    # -- schedules (how a stored schedule is described) ------------------
    "schedule_daily": "daily at {time} ({tz})",
    "schedule_weekdays": "on weekdays at {time} ({tz})",
    "schedule_hourly": "every hour, on the hour ({tz})",
    "schedule_cron": "on the schedule `{cron}` ({tz})",
    # -- the no-op command the benchmark uses as its floor -----------------
    "ping": "pong",
}


def user(text: str, limit: int = 200) -> str:
    """What a user typed, safe inside a backtick code span in a message: Slack's
    control characters escaped, backticks neutralised, long input cut."""
    t = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    t = t.replace("`", "'").replace("\n", " ")
    return t if len(t) <= limit else t[: limit - 1] + "…"


def say(key: str, **values: object) -> str:
    """The message for `key` with `values` filled in."""
    return MESSAGES[key].format(**values)


def usage(*keys: str) -> str:
    """The forms of the given sub-commands on one line: "`a` or `b`: what it does"."""
    parts = []
    for k in keys:
        forms, what = USAGE[USAGE_ALIASES.get(k, k)]
        parts.append(" or ".join(f"`{f}`" for f in forms) + f": {what}")
    return "; ".join(parts)


def help_text() -> str:
    """Every sub-command: each form on its own line, then what it does."""
    lines = [HELP_HEADER]
    for forms, what in USAGE.values():
        lines.append(f"• `{forms[0]}`" + "".join(f"\n   `{f}`" for f in forms[1:]))
        lines.append(f"   {what}")
    lines.append(HELP_FOOTER)
    return "\n".join(lines)
