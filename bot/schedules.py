"""Digest schedules as users type them, turned into a 5-field crontab and a timezone.

    daily 08:00 [tz]          -> "0 8 * * *"
    weekdays 07:30 [tz]       -> "30 7 * * 1-5"
    hourly [tz]               -> "0 * * * *"
    cron "0 8 * * 1-5" [tz]   -> "0 8 * * 1-5"

The stored cron string uses standard crontab weekday numbers (0 or 7 = Sunday).
APScheduler 3.x numbers weekdays from Monday = 0, so `CronTrigger.from_crontab`
would run "1-5" on Tuesday to Saturday; `cron_trigger()` translates the weekday
field to names first and is what schedulers must use.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from apscheduler.triggers.cron import CronTrigger

from briefings.errors import UsageError

from .wording import say, usage, user

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_DOW_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
# APScheduler 3.x names, indexed by standard crontab number (0 = Sunday).
_APS_NAMES = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


@dataclass(frozen=True, slots=True)
class Schedule:
    """A validated schedule: what the user typed, the crontab, the IANA timezone."""

    text: str
    cron: str
    timezone: str

    def describe(self) -> str:
        return describe(self.cron, self.timezone)


def _usage() -> str:
    return usage("subscribe")


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    return {z.casefold(): z for z in available_timezones()}


def parse_timezone(value: str) -> str:
    """The canonical IANA name for `value` (case-insensitive), or UsageError."""
    name = _zones().get(value.casefold())
    if name is None:
        try:
            ZoneInfo(value)
            name = value
        except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: name too long
            raise UsageError(say("bad_timezone", value=user(value), usage=_usage())) from None
    return name


def parse_time(value: str) -> tuple[int, int]:
    m = _TIME.match(value)
    if not m:
        raise UsageError(say("bad_time", value=user(value), usage=_usage()))
    hour, minute = int(m.group(1)), int(m.group(2))
    if hour > 23 or minute > 59:
        raise UsageError(say("bad_time", value=user(value), usage=_usage()))
    return hour, minute


def _expand_dow(field: str) -> set[int]:
    """The standard weekday numbers (0 = Sunday .. 6) a crontab weekday field selects."""
    days: set[int] = set()
    for item in field.lower().split(","):
        base, _, step_text = item.partition("/")
        step = int(step_text) if step_text else 1
        if step < 1:
            raise ValueError("step must be at least 1")

        def num(tok: str) -> int:
            if tok in _DOW_NAMES:
                return _DOW_NAMES.index(tok)
            n = int(tok)
            if not 0 <= n <= 7:
                raise ValueError(f"weekday {n} is out of range 0-7")
            return n

        if base == "*":
            lo, hi = 0, 6
        elif "-" in base:
            a, b = base.split("-", 1)
            lo, hi = num(a), num(b)
            if lo > hi:
                raise ValueError(f"weekday range {base} runs backwards")
        else:
            lo = num(base)
            hi = lo if not step_text else 6
        days.update(n % 7 for n in range(lo, hi + 1, step))
    return days


NEVER_FIRES_YEARS = 5


def cron_trigger(cron: str, timezone: str, *, end_date: dt.datetime | None = None) -> CronTrigger:
    """An APScheduler 3.x trigger that fires when standard crontab `cron` says."""
    fields = cron.split()
    if len(fields) != 5:
        raise ValueError(f"wrong number of fields; got {len(fields)}, expected 5")
    minute, hour, day, month, dow = fields
    if dow != "*":
        days = _expand_dow(dow)
        if not days:
            raise ValueError("no weekday selected")
        dow = ",".join(_APS_NAMES[d] for d in sorted(days, key=lambda d: (d + 6) % 7))
    return CronTrigger(
        minute=minute,
        hour=hour,
        day=day,
        month=month,
        day_of_week=dow,
        timezone=ZoneInfo(timezone),
        end_date=end_date,
    )


def fires_soon(cron: str, timezone: str, years: int = NEVER_FIRES_YEARS) -> bool:
    """True when `cron` fires within `years` ("0 8 31 2 *", 31 February, never does).
    The search is bounded by the trigger's end date."""
    now = dt.datetime.now(ZoneInfo(timezone))
    trigger = cron_trigger(cron, timezone, end_date=now + dt.timedelta(days=366 * years))
    return trigger.get_next_fire_time(None, now) is not None


def validate_cron(cron: str, timezone: str) -> str:
    """`cron` normalised to single spaces, or UsageError saying why it is invalid."""
    norm = " ".join(cron.split())
    try:
        CronTrigger.from_crontab(norm, timezone=ZoneInfo(timezone))
        if not fires_soon(norm, timezone):
            raise ValueError(f"it never fires (no date matches within {NEVER_FIRES_YEARS} years)")
    except (ValueError, TypeError, KeyError) as exc:
        raise UsageError(
            say("bad_cron", value=user(cron), reason=user(str(exc) or "invalid"), usage=_usage())
        ) from None
    return norm


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text.translate(_QUOTES))
    except ValueError:
        raise UsageError(say("bad_schedule", text=user(text), usage=_usage())) from None


def parse_schedule(text: str, default_timezone: str = "UTC") -> Schedule:
    """Parse what follows `/brief subscribe`; UsageError (with the usage line) if malformed."""
    raw = " ".join(text.split())
    if not raw:
        raise UsageError(
            say("missing_argument", command="subscribe", what="a schedule", usage=_usage())
        )
    words = _split(raw)
    kind = words[0].lower()
    rest = words[1:]

    def tz_from(extra: list[str]) -> str:
        if len(extra) > 1:
            raise UsageError(say("bad_schedule", text=user(raw), usage=_usage()))
        return parse_timezone(extra[0]) if extra else parse_timezone(default_timezone)

    if kind in ("daily", "weekdays"):
        if not rest:
            raise UsageError(
                say("missing_argument", command=kind, what="a time such as 08:00", usage=_usage())
            )
        hour, minute = parse_time(rest[0])
        tz = tz_from(rest[1:])
        cron = f"{minute} {hour} * * " + ("*" if kind == "daily" else "1-5")
        return Schedule(raw, cron, tz)
    if kind == "hourly":
        return Schedule(raw, "0 * * * *", tz_from(rest))
    if kind == "cron":
        if not rest:
            raise UsageError(
                say("missing_argument", command="cron", what="a quoted expression", usage=_usage())
            )
        expr = rest[0]
        if len(expr.split()) == 1 and len(rest) > 1:
            # cron 0 8 * * 1-5 without quotes
            raise UsageError(say("cron_unquoted", usage=_usage()))
        tz = tz_from(rest[1:])
        return Schedule(raw, validate_cron(expr, tz), tz)
    raise UsageError(say("bad_schedule", text=user(raw), usage=_usage()))


def describe(cron: str, timezone: str) -> str:
    """A stored schedule in words: "on weekdays at 08:00 (Asia/Tokyo)"."""
    fields = cron.split()
    if len(fields) == 5 and fields[0].isdigit() and fields[1].isdigit():
        time = f"{int(fields[1]):02d}:{int(fields[0]):02d}"
        if fields[2:] == ["*", "*", "*"]:
            return say("schedule_daily", time=time, tz=timezone)
        if fields[2:] == ["*", "*", "1-5"]:
            return say("schedule_weekdays", time=time, tz=timezone)
    if cron == "0 * * * *":
        return say("schedule_hourly", tz=timezone)
    return say("schedule_cron", cron=cron, tz=timezone)


def schedule_words(cron: str) -> str:
    """A stored crontab as the words `/brief subscribe` takes (without the timezone):
    "daily 08:00", "weekdays 07:30", "hourly" or 'cron "0 8 * * 1"'."""
    fields = cron.split()
    if len(fields) == 5 and fields[0].isdigit() and fields[1].isdigit():
        time = f"{int(fields[1]):02d}:{int(fields[0]):02d}"
        if fields[2:] == ["*", "*", "*"]:
            return f"daily {time}"
        if fields[2:] == ["*", "*", "1-5"]:
            return f"weekdays {time}"
    if cron == "0 * * * *":
        return "hourly"
    return f'cron "{cron}"'
