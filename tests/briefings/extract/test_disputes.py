"""Disputes told by a noun or a negated verb, and deals signed "between" sides
(briefings/extract/disputes.py, patterns/disputes.json); made-up sentences."""

from __future__ import annotations

import pytest

from briefings.models import Agreement

from .conftest import Run


def _disputes(run: Run, text: str) -> list[Agreement]:
    return [a for a in run(text).agreements if a.polarity == "disagreed"]


@pytest.mark.parametrize(
    ("text", "sides", "words"),
    [
        ("The dispute between Norway and Chile over fishing quotas deepened.",
         {"Norway", "Chile"}, "fishing quotas"),
        ("Norway and Chile resumed their row over fishing rights in the Pacific.",
         {"Norway", "Chile"}, "fishing rights"),
        ("Norway's dispute with Chile over quotas deepened.", {"Norway", "Chile"}, "quotas"),
        ("The US-EU dispute over aircraft subsidies deepened.", {"US", "EU"}, "subsidies"),
        ("Talks between Norway and Chile failed to resolve the dispute over quotas.",
         {"Norway", "Chile"}, "quotas"),
        ("Norway and Chile have not yet agreed on a fishing package.",
         {"Norway", "Chile"}, "not yet agreed"),
        ("Norway and Chile failed to agree on fishing quotas.", {"Norway", "Chile"}, "quotas"),
        ("Minister Jack Hale said he wanted the embargo to end, despite US objections.",
         {"Jack Hale", "US"}, "embargo"),
    ],
)  # fmt: skip
def test_each_dispute_construction(run: Run, text: str, sides: set[str], words: str) -> None:
    found = _disputes(run, text)
    assert any(sides <= set(a.parties) and words in a.text for a in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The dispute over fishing quotas deepened.",  # no sides named
        "Norway and Chile agreed on fishing quotas.",  # agreed, not divided
        "If Norway and Chile do not agree on quotas, the talks will end.",  # hypothetical
        "Minister Jack Hale wanted the embargo to end despite the objections.",  # whose?
    ],
)
def test_near_misses_are_not_disputes(run: Run, text: str) -> None:
    assert _disputes(run, text) == []


def test_deal_signed_between_sides(run: Run) -> None:
    x = run("A memorandum of understanding was signed between Cyprus, Greece and Israel.")
    deal = next(a for a in x.agreements if a.polarity == "agreed")
    assert set(deal.parties) == {"Cyprus", "Greece", "Israel"}
    assert "memorandum of understanding" in deal.text


def test_an_unnamed_group_that_agreed_is_the_party(run: Run) -> None:
    x = run("On Monday, eight prominent rebel groups agreed to unite under one command.")
    (a,) = x.agreements
    assert a.parties == ("prominent rebel groups",) and "unite" in a.text
    assert run("Officials agreed to meet again.").agreements == ()  # too vague to name


def test_agreement_between_the_two_countries_announced_by_their_leaders(run: Run) -> None:
    x = run(
        "Prime Minister John Carter and Prime Minister Maria Lopez on Thursday announced an "
        "agreement between the two countries to expand cooperation."
    )
    (a,) = x.agreements
    assert set(a.parties) == {"John Carter", "Maria Lopez"} and "expand cooperation" in a.text


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Norway and Chile agreed to quadruple the fishing quota.", "to"),
        ("Norway and Chile signed a deal on fishing quotas.", "verb"),
        ("Norway and Chile agreed that the quotas were too high.", "that"),
    ],
)
def test_the_text_form_comes_from_the_parse(run: Run, text: str, form: str) -> None:
    (a,) = run(text).agreements
    assert a.form == form, (a.text, a.form)
