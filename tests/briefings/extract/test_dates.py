"""The relative-date resolver (pure function, no model)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefings.extract.dates import resolve

WED = dt.date(2003, 11, 19)  # a Wednesday


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("Monday", dt.date(2003, 11, 17)),
        ("on Tuesday", dt.date(2003, 11, 18)),
        ("Wednesday", WED),
        ("Tuesday afternoon", dt.date(2003, 11, 18)),
        ("Earlier in the day", WED),
        ("today", WED),
        ("yesterday", dt.date(2003, 11, 18)),
        ("tomorrow", dt.date(2003, 11, 20)),
        ("next week", dt.date(2003, 11, 24)),
        ("last week", dt.date(2003, 11, 10)),
        ("this week", WED),
        ("earlier this week", WED),
        ("mid-December", dt.date(2003, 12, 15)),
        ("early December", dt.date(2003, 12, 5)),
        ("in December", dt.date(2003, 12, 1)),
        ("on 12 March 2005", dt.date(2005, 3, 12)),
        ("October 22, 2020", dt.date(2020, 10, 22)),
        ("three days ago", dt.date(2003, 11, 16)),
        ("in two weeks", dt.date(2003, 12, 3)),
        ("next month", dt.date(2003, 12, 1)),
        ("2004-01-09", dt.date(2004, 1, 9)),
    ],
)
def test_resolves_against_published(words: str, expected: dt.date) -> None:
    assert resolve(words, WED) == expected


def test_weekday_direction_follows_tense() -> None:
    # Past tense: the most recent such day on or before publication.
    assert resolve("Monday", WED, direction="past") == dt.date(2003, 11, 17)
    assert resolve("Wednesday", WED, direction="past") == WED
    # Future tense: the next such day after publication.
    assert resolve("Monday", WED, direction="future") == dt.date(2003, 11, 24)
    assert resolve("on Tuesday", WED, direction="future") == dt.date(2003, 11, 25)
    assert resolve("Wednesday", WED, direction="future") == dt.date(2003, 11, 26)
    assert resolve("next Monday", WED) == dt.date(2003, 11, 24)
    assert resolve("last Thursday", WED) == dt.date(2003, 11, 13)


def test_month_day_without_year_picks_the_year_by_direction() -> None:
    pub = dt.date(2004, 12, 20)
    assert resolve("10 January", pub) == dt.date(2005, 1, 10)  # nearest
    assert resolve("10 January", pub, direction="past") == dt.date(2004, 1, 10)
    assert resolve("mid-December", dt.date(2003, 12, 28), direction="future") == dt.date(
        2004, 12, 15
    )


def test_unknown_publication_date_resolves_only_absolute_dates() -> None:
    assert resolve("Monday", None) is None
    assert resolve("next week", None) is None
    assert resolve("12 March 2005", None) == dt.date(2005, 3, 12)


@pytest.mark.parametrize(
    "words",
    [
        "",
        None,
        "the day the debate was to be held",
        "recently",
        "a decade",
        "x" * 500,
        "31 February",
    ],
)
def test_unresolvable_words_give_none(words: str | None) -> None:
    assert resolve(words, WED) is None


@given(st.text(max_size=60), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_never_raises(words: str, published: dt.date) -> None:
    out = resolve(words, published)
    assert out is None or isinstance(out, dt.date)


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("Monday", "day"),
        ("on 12 March", "day"),
        ("tomorrow", "day"),
        ("next week", "week"),
        ("this weekend", "weekend"),
        ("mid-December", "mid-month"),
        ("the end of January", "late-month"),
        ("in December", "month"),
        ("this year", "year"),
        ("later this year", "later-year"),
        ("early next year", "early-year"),
        (None, "day"),
    ],
)
def test_precision_of_the_time_words(when: str | None, expected: str) -> None:
    from briefings.extract.dates import precision

    assert precision(when) == expected


def test_the_extractor_decides_precision_once(run) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    x = run("President John Carter will visit Lima next week.", published=dt.date(2005, 3, 14))
    (stop,) = x.next_stops[0].stops
    assert stop.precision == "week"
    assert x.to_json()["next_stops"][0]["stops"][0]["date_precision"] == "week"
