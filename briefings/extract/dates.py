"""Resolve an article's time words ("Monday", "next week", "mid-December") to a date.

`resolve` is a pure function of the words and the article's publication date; it
never looks at the clock. A span of time resolves to the first day of the span
("next week" -> the Monday of next week, "in December" -> 1 December), except
the week or month that contains `published`, which resolves to `published` itself.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

Direction = Literal["past", "future"]

__all__ = ["Direction", "precision", "resolve"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_FILLER = re.compile(
    r"^(?:on|by|from|until|till|since|before|after|at|in|during|as of|the|this coming)\s+"
)
_PART_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night)$")
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return _MONTH_ABBR.get(word)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _weekday(name: str, published: dt.date, direction: Direction, strict: bool) -> dt.date:
    target = WEEKDAYS.index(name)
    if direction == "future":
        delta = (target - published.weekday()) % 7
        if delta == 0 and strict:
            delta = 7
        return published + dt.timedelta(days=delta)
    delta = (published.weekday() - target) % 7
    if delta == 0 and strict:
        delta = 7
    return published - dt.timedelta(days=delta)


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_day(
    month: int, day: int, year: int | None, published: dt.date | None, direction: Direction | None
) -> dt.date | None:
    if year is not None:
        return _safe_date(year, month, day)
    if published is None:
        return None
    candidates = [
        d
        for y in (published.year - 1, published.year, published.year + 1)
        if (d := _safe_date(y, month, day)) is not None
    ]
    if direction == "future":
        later = [d for d in candidates if d >= published]
        return min(later) if later else None
    if direction == "past":
        earlier = [d for d in candidates if d <= published]
        return max(earlier) if earlier else None
    return min(candidates, key=lambda d: abs((d - published).days)) if candidates else None


def _absolute(text: str, published: dt.date | None, direction: Direction | None) -> dt.date | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    words = re.findall(r"[a-z]+\.?|\d+(?:st|nd|rd|th)?", text)
    month = day = year = None
    for w in words:
        mo = _month(w)
        if mo is not None and month is None:
            month = mo
            continue
        d = _ORDINAL.fullmatch(w)
        if d and day is None and 1 <= int(d[1]) <= 31:
            day = int(d[1])
        elif w.isdigit() and len(w) == 4:
            year = int(w)
    if month is None:
        return None
    if day is None:
        if not re.search(r"\b(?:mid|early|late|in|of)\b|^[a-z]+\.?(?:\s+\d{4})?$", text):
            return None
        day = 15 if "mid" in text else 5 if "early" in text else 25 if "late" in text else 1
    return _month_day(month, day, year, published, direction)


def resolve(
    when_text: str | None,
    published: dt.date | None,
    *,
    direction: Direction | None = None,
) -> dt.date | None:
    """The date `when_text` denotes, relative to `published`; None when unknown.

    `direction` says where a bare weekday or month points: "past" (the sentence is
    in the past tense: the most recent such day on or before `published`) or
    "future" (the next such day after `published`). None means "past" for weekdays
    and "nearest" for a day of a month without a year.
    """
    if not when_text or not isinstance(when_text, str):
        return None
    text = " ".join(when_text.lower().replace("\u2013", "-").split())
    text = text.strip(" .,;:\"'()")
    if not text or len(text) > 80:
        return None
    ahead = text.startswith("in ")
    for _ in range(3):
        text = _FILLER.sub("", text)
    text = _PART_OF_DAY.sub("", text).strip()

    absolute = _absolute(text, published, direction)
    if absolute is not None:
        return absolute
    if published is None:
        return None

    day = dt.timedelta(days=1)
    if text in {
        "today",
        "tonight",
        "this morning",
        "this afternoon",
        "this evening",
        "now",
        "earlier today",
        "later today",
        "same day",
        "day",
        "earlier in the day",
        "later in the day",
        "earlier on",
        "later on",
        "earlier",
        "later",
    }:
        return published
    if text in {"yesterday", "last night", "the previous day", "previous day", "the day before"}:
        return published - day
    if text in {"tomorrow", "the next day", "next day", "the following day", "following day"}:
        return published + day

    m = re.fullmatch(r"(?:(last|next|this|earlier on|later on|early on|late on)\s+)?(\w+)", text)
    if m and m[2] in WEEKDAYS:
        mod = m[1]
        if mod == "next":
            return _weekday(m[2], published, "future", strict=True)
        if mod == "last":
            return _weekday(m[2], published, "past", strict=True)
        if mod in ("later on", "late on"):
            return _weekday(m[2], published, "future", strict=False)
        return _weekday(m[2], published, direction or "past", strict=direction == "future")

    m = re.fullmatch(
        r"(last|next|this|earlier this|later this|later in the|earlier in the|"
        r"the coming|the past|the previous|the following)\s+(week|month|year)",
        text,
    )
    if m:
        mod, unit = m[1], m[2]
        step = (
            -1
            if mod in ("last", "the past", "the previous")
            else (1 if mod in ("next", "the coming", "the following") else 0)
        )
        if unit == "week":
            return published if step == 0 else _week_start(published) + dt.timedelta(weeks=step)
        if unit == "month":
            return published if step == 0 else _add_months(published, step)
        return published if step == 0 else dt.date(published.year + step, 1, 1)

    m = re.fullmatch(r"(?:in\s+)?(\w+)\s+(day|week|month|year)s?(?:'s?)?(\s+ago|\s+time)?", text)
    if m and (m[1] in _NUMBERS or m[1].isdigit()) and (m[3] or ahead):
        n = _NUMBERS.get(m[1]) or int(m[1])
        if n > 1000:
            return None
        sign = -1 if m[3] and "ago" in m[3] else 1
        if m[2] == "day":
            return published + sign * n * day
        if m[2] == "week":
            return published + sign * n * dt.timedelta(weeks=1)
        if m[2] == "month":
            return _add_months(published, sign * n).replace(day=1)
        return _safe_date(published.year + sign * n, published.month, min(published.day, 28))
    return None


# --- how precise the words are ----------------------------------------------------

_DAY_WORDS = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*day\b|\b(?:today|tonight|tomorrow|yesterday)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\b",
    re.I,
)
_MONTH_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\bmonth\b", re.I
)
_PART_OF = (
    (re.compile(r"\bmid\b|\bmid-", re.I), "mid"),
    (re.compile(r"\b(?:end|close) of\b|\blate\b", re.I), "late"),
    (re.compile(r"\b(?:beginning|start) of\b|\bearly\b", re.I), "early"),
)


def precision(when: str | None) -> str:
    """How precise the article's time words are, so a resolved date is shown no more
    precisely than the words ("next week" is a week, not the Monday it starts on;
    "mid-December" a part of a month). One of "day", "weekend", "week", "month",
    "year", the last two optionally prefixed "mid-", "late-", "early-" (or "later-"
    for a year)."""
    words = when or ""
    if not words or _DAY_WORDS.search(words):
        return "day"
    if re.search(r"\bweekend\b", words, re.I):
        return "weekend"
    if re.search(r"\bweeks?\b", words, re.I):
        return "week"
    part = next((p for rx, p in _PART_OF if rx.search(words)), "")
    if _MONTH_WORDS.search(words):
        return f"{part}-month" if part else "month"
    if re.search(r"\byear\b", words, re.I):
        if not part and re.search(r"\blater\b", words, re.I):
            part = "later"
        return f"{part}-year" if part else "year"
    return "day"
