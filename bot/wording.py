"""Every fixed text the bot shows in Slack (and the console), in one place.

Templates are `str.format` strings; callers fill them in with `say(key, **values)`.
Values that come from users or articles must already be escaped for Slack
(`briefings.render.escape`) by the caller before they are passed in here.
"""

from __future__ import annotations

from typing import Final

# One line per sub-command; `/brief help` shows them all, errors show the one concerned.
USAGE: Final[dict[str, str]] = {
    "official": "`/brief <official>`: an official's dossier, e.g. `/brief Kelly`",
    "url": "`/brief <article URL>`: brief one article, e.g. `/brief https://example.com/news/1`",
    "latest": "`/brief latest [1-5]`: the latest briefings",
    "subscribe": (
        "`/brief subscribe daily 08:00 [timezone]` | `weekdays 07:30 [timezone]` | `hourly` | "
        '`cron "0 8 * * 1-5" [timezone]`, then optionally `only followed`, `always`, '
        "`keywords a, b`: post this channel's digest on a schedule"
    ),
    "unsubscribe": "`/brief unsubscribe`: stop this channel's digest",
    "subscriptions": "`/brief subscriptions`: this channel's digest schedule",
    "follow": "`/brief follow <official>`: this channel's digest alerts on that official",
    "unfollow": "`/brief unfollow <official>`: stop following an official",
    "following": "`/brief following`: the officials this channel follows",
    "sources": (
        "`/brief sources add <feed URL>` | `sources remove <feed URL>` | `sources`: "
        "this channel's news feeds"
    ),
    "help": "`/brief help`: this list",
}

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
    "followed": "This channel now follows *{name}*.",
    "already_following": "This channel already follows *{name}*.",
    "unfollowed": "This channel no longer follows *{name}*.",
    "not_following": "This channel does not follow *{name}*.",
    "following_none": "This channel follows no officials. Follow one with {usage}",
    "following": "This channel follows: {names}.",
    "user_followed": "You now follow *{name}*; it shows on your briefbot Home tab.",
    "user_already_following": "You already follow *{name}*.",
    "source_added": "Added the feed {url} to this channel's sources.",
    "source_exists": "The feed {url} is already one of this channel's sources.",
    "source_removed": "Removed the feed {url} from this channel's sources.",
    "source_unknown": "The feed {url} is not one of this channel's sources.",
    "sources_none": "This channel has no feeds. Add one with {usage}",
    "sources": "This channel's feeds:\n{lines}",
    "feed_not_polled": " (not polled yet)",
    "feed_ok": " (last polled {at})",
    "feed_failing": " (failing, {n} tries in a row: {error}; next try {next})",
    "latest_none": "No briefings yet: no articles have been stored.",
    "working_url": "Fetching {url} …",
    "fetch_failed": "I could not brief {url}: {reason}.",
    "unknown_official": "I know no official called *{query}*.",
    "unknown_official_suggest": "I know no official called *{query}*. Did you mean {names}?",
    "ambiguous_official": "*{query}* could be several officials; which one?",
    # -- buttons ---------------------------------------------------------
    "button_share": "Share in channel",
    "button_sources": "Show sources",
    "button_follow": "Follow {name}",
    "shared_by": "Shared by <@{user}>",
    "shared_done": "Shared in this channel.",
    "share_failed": "I could not share that in this channel: {reason}.",
    "sources_gone": "That article is no longer stored, so its sources cannot be shown.",
    # -- failures --------------------------------------------------------
    "internal_error": "Something went wrong on my side; please try again.",
    "busy": "I'm busy right now; please try again in a minute.",
    "slack_error": "Slack refused the message ({error}).",
    # -- App Home ----------------------------------------------------------
    "home_title": "briefbot",
    "home_follows_header": "Officials you follow",
    "home_follows_none": "You follow no officials yet. Use *Follow* under a dossier.",
    "home_subs_header": "Channel digests",
    "home_subs_none": "No channel has a digest schedule. In a channel, type {usage}",
    "home_sub_line": "<#{channel}>: {schedule}",
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
    """The usage line(s) of the given sub-commands, joined on one line."""
    return "; ".join(USAGE[k] for k in keys)


def help_text() -> str:
    lines = [HELP_HEADER, *("• " + line for line in USAGE.values()), HELP_FOOTER]
    return "\n".join(lines)
