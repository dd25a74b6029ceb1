"""`/brief` sub-commands, parsed from the command text by pure functions.

`parse(text)` returns one of the dataclasses below or raises `UsageError`
whose message is the one-line answer (with the correct usage) to show the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from rapidfuzz import process
from rapidfuzz.distance import OSA

from briefings.errors import UsageError

from ..schedules import Schedule, parse_schedule
from ..wording import say, usage, user

_SLACK_LINK = re.compile(r"^<([^|>]+)(?:\|[^>]*)?>$")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):(//)?")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True, slots=True)
class Help:
    pass


@dataclass(frozen=True, slots=True)
class Ping:
    """A no-op (`/brief ping`): answers "pong"; the benchmark's floor."""


@dataclass(frozen=True, slots=True)
class Latest:
    count: int = 5


@dataclass(frozen=True, slots=True)
class Official:
    query: str


@dataclass(frozen=True, slots=True)
class BriefUrl:
    url: str


@dataclass(frozen=True, slots=True)
class Subscribe:
    schedule: Schedule
    # Digest options: only stories about officials the channel follows; only stories
    # matching one of these keywords; post a "nothing new" notice when empty.
    only_followed: bool = False
    keywords: tuple[str, ...] = ()
    notify_empty: bool = False
    flat: bool = False  # one message, not a thread


@dataclass(frozen=True, slots=True)
class Unsubscribe:
    pass


@dataclass(frozen=True, slots=True)
class Subscriptions:
    pass


@dataclass(frozen=True, slots=True)
class Follow:
    """`follow <name>` filters this channel's digest; `follow me <name>` is personal
    (alerts by DM, the Home tab)."""

    name: str
    personal: bool = False


@dataclass(frozen=True, slots=True)
class Unfollow:
    name: str
    personal: bool = False


@dataclass(frozen=True, slots=True)
class Following:
    personal: bool = False


@dataclass(frozen=True, slots=True)
class Mute:
    """`mute <name>` / `unmute <name>`: the asker's alerts about one official."""

    name: str
    muted: bool = True


@dataclass(frozen=True, slots=True)
class AlertsSwitch:
    """`alerts off` / `alerts on`: all of the asker's alerts."""

    on: bool


@dataclass(frozen=True, slots=True)
class CatchUp:
    """`catch up [N]`: post the N latest stories in this channel now."""

    count: int = 5


@dataclass(frozen=True, slots=True)
class SourcesAdd:
    url: str


@dataclass(frozen=True, slots=True)
class SourcesRemove:
    url: str


@dataclass(frozen=True, slots=True)
class SourcesList:
    pass


Command = (
    Help
    | Ping
    | Latest
    | Official
    | BriefUrl
    | Subscribe
    | Unsubscribe
    | Subscriptions
    | Follow
    | Unfollow
    | Following
    | Mute
    | AlertsSwitch
    | CatchUp
    | SourcesAdd
    | SourcesRemove
    | SourcesList
)

SUBCOMMANDS = (
    "help",
    "latest",
    "subscribe",
    "unsubscribe",
    "subscriptions",
    "follow",
    "unfollow",
    "following",
    "mute",
    "unmute",
    "alerts",
    "catch",
    "sources",
)


def near_subcommand(word: str) -> str | None:
    """The sub-command `word` is a typo of, if it clearly is one ("subscibe")."""
    w = word.lower()
    if len(w) < 4 or w in SUBCOMMANDS:
        return None
    limit = 1 if len(w) < 7 else 2
    # Optimal string alignment: Levenshtein that counts a swap of neighbours as one edit.
    found = process.extractOne(w, SUBCOMMANDS, scorer=OSA.distance, score_cutoff=limit)
    return found[0] if found is not None else None


def unescape(text: str) -> str:
    """Slack escapes &, < and > in command text; undo it."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def unwrap_link(token: str) -> str:
    """Slack may send links as `<https://x|label>`; return the bare address."""
    m = _SLACK_LINK.match(token.strip())
    return unescape(m.group(1) if m else token.strip())


def looks_like_url(token: str) -> bool:
    t = unwrap_link(token)
    return bool(_SCHEME.match(t)) and ("://" in t or t.lower().startswith(("mailto:", "file:")))


def check_http_url(token: str, usage_key: str) -> str:
    """The http(s) URL in `token`, or UsageError naming what is wrong."""
    url = _short(unwrap_link(token), MAX_URL, "address", usage_key)
    m = _SCHEME.match(url)
    scheme = m.group(1).lower() if m else ""
    if scheme not in ("http", "https"):
        raise UsageError(say("not_http", scheme=user(scheme or url), usage=usage(usage_key)))
    try:
        parts = urlsplit(url)
        _ = parts.port
    except ValueError:
        raise UsageError(say("bad_url", url=user(url), usage=usage(usage_key))) from None
    if not parts.hostname or any(c.isspace() for c in url):
        raise UsageError(say("bad_url", url=user(url), usage=usage(usage_key)))
    return url


# Lengths checked at the edge, before anything reaches the database (whose columns
# hold 300-character names and 2,000-character URLs).
MAX_COMMAND = 4_000
MAX_NAME = 200
MAX_URL = 2_000
MAX_KEYWORD = 100


def _short(value: str, limit: int, what: str, usage_key: str) -> str:
    if len(value) > limit:
        raise UsageError(
            say("too_long", what=what, length=len(value), limit=limit, usage=usage(usage_key))
        )
    return value


def _no_args(name: str, rest: str, what: str = "arguments") -> None:
    if rest:
        raise UsageError(say("extra_argument", command=name, what=what, usage=usage(name)))


def _needs(name: str, rest: str, what: str) -> str:
    if not rest:
        raise UsageError(say("missing_argument", command=name, what=what, usage=usage(name)))
    return rest


def _name(rest: str) -> str:
    """An official's name as typed, without surrounding quotes."""
    return unescape(rest).translate(_QUOTES).strip().strip("\"'").strip()


def _personal(rest: str) -> tuple[bool, str]:
    """A leading `me` makes a follow command personal: (True, the rest)."""
    first, _, after = rest.partition(" ")
    if first.lower() == "me":
        return True, after.strip()
    return False, rest


_KEYWORDS = re.compile(r"(?:^|\s+)keywords?\s+(?P<words>.*)$", re.I)
_OPTIONS = re.compile(r"(?:^|\s+)(?P<opt>only\s+followed|always|flat)$", re.I)
MAX_KEYWORDS = 20
MAX_CATCH_UP = 20


def _subscribe(rest: str, default_timezone: str) -> Subscribe:
    """`<schedule> [tz] [only followed] [always] [flat] [keywords a, b]`."""
    keywords: tuple[str, ...] = ()
    m = _KEYWORDS.search(rest)
    if m:
        words = unescape(m.group("words")).translate(_QUOTES).replace('"', "")
        keywords = tuple(dict.fromkeys(k.strip() for k in words.split(",") if k.strip()))
        for k in keywords:
            _short(k, MAX_KEYWORD, "keyword", "subscribe")
        if not keywords or len(keywords) > MAX_KEYWORDS:
            raise UsageError(
                say(
                    "missing_argument",
                    command="keywords",
                    what=f"1 to {MAX_KEYWORDS} comma-separated words",
                    usage=usage("subscribe"),
                )
            )
        rest = rest[: m.start()]
    only_followed = notify_empty = flat = False
    while m2 := _OPTIONS.search(rest):
        opt = " ".join(m2.group("opt").lower().split())
        only_followed |= opt == "only followed"
        notify_empty |= opt == "always"
        flat |= opt == "flat"
        rest = rest[: m2.start()]
    schedule = parse_schedule(rest, default_timezone)
    return Subscribe(schedule, only_followed, keywords, notify_empty, flat)


def parse(text: str, *, default_timezone: str = "UTC") -> Command:
    """Parse the text after `/brief`."""
    text = " ".join((text or "").split())
    if not text:
        return Help()
    _short(text, MAX_COMMAND, "command", "help")
    first, _, rest = text.partition(" ")
    word = first.lower()
    rest = rest.strip()
    if word in ("help", "-h", "--help", "?"):
        return Help()
    if word == "ping" and not rest:
        return Ping()
    if word == "latest":
        if not rest:
            return Latest()
        if rest.isdigit() and 1 <= int(rest) <= 5:
            return Latest(int(rest))
        raise UsageError(say("bad_count", value=user(rest), usage=usage("latest")))
    if word == "subscribe":
        return _subscribe(rest, default_timezone)
    if word == "unsubscribe":
        _no_args("unsubscribe", rest)
        return Unsubscribe()
    if word == "subscriptions":
        _no_args("subscriptions", rest)
        return Subscriptions()
    if word in ("follow", "unfollow"):
        personal, rest = _personal(rest)
        name = _name(_needs(word, rest, "an official's name"))
        name = _short(name, MAX_NAME, "name", word)
        return Follow(name, personal) if word == "follow" else Unfollow(name, personal)
    if word == "following":
        personal, rest = _personal(rest)
        _no_args("following", rest)
        return Following(personal)
    if word in ("mute", "unmute"):
        return Mute(_name(_needs(word, rest, "an official's name")), muted=word == "mute")
    if word == "alerts":
        if rest.lower() in ("on", "off"):
            return AlertsSwitch(rest.lower() == "on")
        raise UsageError(
            say("missing_argument", command="alerts", what="`on` or `off`", usage=usage("alerts"))
        )
    if word == "catch" or word == "catchup":
        more = rest
        if word == "catch":
            head, _, more = rest.partition(" ")
            if head.lower() != "up":
                raise UsageError(
                    say(
                        "unknown_subcommand",
                        word=user(first),
                        suggestion="catch up",
                        usage=usage("catch_up"),
                    )
                )
            more = more.strip()
        if not more:
            return CatchUp()
        if more.isdigit() and 1 <= int(more) <= MAX_CATCH_UP:
            return CatchUp(int(more))
        raise UsageError(say("bad_catch_up", value=user(more), usage=usage("catch_up")))
    if word == "sources":
        action, _, arg = rest.partition(" ")
        action = action.lower()
        arg = arg.strip()
        if action in ("", "list"):
            _no_args("sources", arg)
            return SourcesList()
        if action == "add":
            url = _needs("sources", arg, "a feed URL")
            return SourcesAdd(check_http_url(url, "sources"))
        if action == "remove":
            url = _needs("sources", arg, "a feed URL")
            return SourcesRemove(check_http_url(url, "sources"))
        raise UsageError(say("sources_action", usage=usage("sources")))
    if looks_like_url(first) or first.startswith("<"):
        if rest:
            raise UsageError(
                say(
                    "extra_argument",
                    command="<URL>",
                    what="text after the link",
                    usage=usage("url"),
                )
            )
        return BriefUrl(check_http_url(first, "url"))
    if first.startswith(("-", "/")):
        raise UsageError(
            say("unknown_subcommand", word=user(first), suggestion="help", usage=usage("help"))
        )
    near = near_subcommand(word)
    if near is not None:
        raise UsageError(
            say("unknown_subcommand", word=user(first), suggestion=near, usage=usage(near))
        )
    return Official(_short(_name(text), MAX_NAME, "name", "help"))
