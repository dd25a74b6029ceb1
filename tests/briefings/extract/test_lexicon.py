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


def test_an_organisation_between_two_people_in_a_list_is_a_person(run: Run) -> None:
    # the small model tags "Nikos Christodoulides" an organisation here
    x = run(
        "Egyptian foreign minister Sameh Shoukry and his Greek, Cypriot and French "
        "counterparts, Nikos Dendias, Nikos Christodoulides and Jean-Yves Le Drian, "
        "respectively, gathered in Cairo on Wednesday to discuss Libya."
    )
    assert any("Nikos Christodoulides" in m.participants for m in x.meetings)


def test_a_company_next_to_one_person_stays_a_company(run: Run) -> None:
    x = run("Minister Jan Berg met Nikos Dendias, Goldman Sachs and the World Bank on Monday.")
    assert "Goldman Sachs" not in {o.name for o in x.officials}


def test_an_untagged_institution_is_a_party_and_not_a_place(run: Run) -> None:
    x = run(
        "The accord follows an agreement between Chile and the Paris Club of creditor "
        "governments in December to reschedule debt."
    )
    assert [set(a.parties) for a in x.agreements] == [{"Chile", "Paris Club"}]
    y = run("Poland renewed talks with the Paris Club on Monday.")
    assert [(set(m.participants), m.place) for m in y.meetings] == [
        ({"Poland", "Paris Club"}, None)
    ]


def test_a_common_noun_institution_names_no_one(run: Run) -> None:
    x = run("The accord follows an agreement between Chile and the creditor club in December.")
    assert x.agreements == ()
