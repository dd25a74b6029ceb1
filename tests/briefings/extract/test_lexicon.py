"""Lexicon helpers (briefings/extract/lexicon.py)."""

from __future__ import annotations

import pytest

from briefings.extract.lexicon import demonym_country

from .conftest import Run


@pytest.mark.parametrize(
    ("word", "country"),
    [("Japanese", "Japan"), ("Cuban", "Cuba"), ("Qatari", "Qatar"), ("Sudanese", "Sudan"),
     ("Yugoslavian", "Yugoslavia"), ("Burmese", "Burma"), ("Kenyan", "Kenya"),
     ("Roman", None), ("Christian", None), ("Labour", None)],
)  # fmt: skip
def test_a_demonym_names_its_country_only_when_the_country_is_known(
    word: str, country: str | None
) -> None:
    assert demonym_country(word) == country


def test_a_demonym_side_is_its_country(run: Run) -> None:
    text = "Trade Minister Michel Noir met Yugoslavian officials in Paris on Monday."
    assert [set(m.participants) for m in run(text).meetings] == [{"Michel Noir", "Yugoslavia"}]
