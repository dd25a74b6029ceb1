"""Deals named by a noun, joint calls and new ties, and subjects split by the parser
(briefings/extract/agreements.py, disputes.py, context.py); made-up sentences, each
construction with near misses that must not fire."""

from __future__ import annotations

import pytest

from briefings.models import Agreement

from .conftest import Run, pairs


def _agreed(run: Run, text: str) -> list[Agreement]:
    return [a for a in run(text).agreements if a.polarity == "agreed"]


@pytest.mark.parametrize(
    ("text", "parties", "words"),
    [
        # a deal named by the two countries joined with a hyphen
        ("Brazil accused Chile of breaching the Norway-Chile accord on fishing.",
         {"Norway", "Chile"}, "accord on fishing"),
        ("The panel studied the French-German pact on rail freight.",
         {"France", "Germany"}, "rail freight"),
        ("Chile has violated the Norway - Chile pact on salmon.", {"Norway", "Chile"}, "salmon"),
        # a deal whose "between" hangs on the participle
        ("Critics praised the water agreement reached in 2015 between Norway and Chile.",
         {"Norway", "Chile"}, "water agreement"),
        ("Their position was based on four points agreed between Prime Minister Jack Hale "
         "and President Ana Ruiz.",
         {"Jack Hale", "Ana Ruiz"}, "four points"),
        # one side announcing a deal with another
        ("Minister Jack Hale announced a deal with the Fishing Council to protect salmon.",
         {"Jack Hale", "Fishing Council"}, "protect salmon"),
        # a joint call
        ("Norway, Chile and Peru have called for the United Nations to send observers.",
         {"Norway", "Chile", "Peru"}, "send observers"),
        ("Norway and Chile called on Peru to withdraw its boats.",
         {"Norway", "Chile"}, "withdraw its boats"),
        ("Minister Jack Hale and Minister Ana Ruiz urged the council to lift the ban.",
         {"Jack Hale", "Ana Ruiz"}, "lift the ban"),
        # new or restored ties
        ("Norway and Chile established diplomatic relations last November.",
         {"Norway", "Chile"}, "diplomatic relations"),
        ("Chile restored diplomatic ties with Norway in 1990.",
         {"Norway", "Chile"}, "diplomatic ties"),
    ],
)  # fmt: skip
def test_each_joint_construction(run: Run, text: str, parties: set[str], words: str) -> None:
    found = _agreed(run, text)
    assert any(parties <= set(a.parties) and words in a.text for a in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Norway is seeking a Norway-Chile accord on fishing.",  # sought, not made
        "Officials said a Norway-Chile accord was possible.",  # doubted
        "There is no Norway-Chile accord on fishing.",  # denied
        "Norway called for calm.",  # one side's call is its own position
        "Norway and Chile will call for new sanctions.",  # not yet made
        "Norway and Chile did not call for sanctions.",  # negated
        "Chile wants to establish diplomatic relations with Norway.",  # wanted
        "Minister Jack Hale announced a new fishing deal.",  # no second party
    ],
)
def test_near_misses_are_not_agreements(run: Run, text: str) -> None:
    assert _agreed(run, text) == []


def test_hyphenated_sides_of_a_row(run: Run) -> None:
    found = [a for a in run("It is part of a Greek-Turkish row over oil rights.").agreements]
    assert any(
        a.polarity == "disagreed" and set(a.parties) == {"Greece", "Turkey"} for a in found
    ), found


def test_subjects_split_by_the_parser_act_together(run: Run) -> None:
    # The small model parses "A and B will discuss" with two subjects of "discuss".
    text = (
        "Indian Petroleum Minister Ravi Mehta and Russian Energy Minister Oleg Orlov "
        "will discuss the future of the field on Tuesday."
    )
    assert frozenset({"Mehta", "Orlov"}) in pairs(run(text))


@pytest.mark.parametrize("noun", ["an understanding", "a compromise", "a consensus"])
def test_reaching_an_understanding_is_agreeing(run: Run, noun: str) -> None:
    found = _agreed(run, f"Norway and Chile reached {noun} on fishing quotas.")
    assert any(set(a.parties) == {"Norway", "Chile"} for a in found), found


def test_offering_a_compromise_is_no_agreement(run: Run) -> None:
    assert _agreed(run, "Norway offered a compromise on fishing.") == []


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Norway has an agreement with Chile to avoid collisions at sea.", "avoid collisions"),
        ("The draft followed the formula Prime Minister Jack Hale agreed upon with Chile "
         "last October.", "the formula"),
    ],
)  # fmt: skip
def test_a_deal_held_with_a_partner_or_agreed_in_a_relative_clause(
    run: Run, text: str, words: str
) -> None:
    found = _agreed(run, text)
    assert any(len(a.parties) == 2 and words in a.text for a in found), found


@pytest.mark.parametrize(
    "text", ["Norway would have a deal with Chile if it paid.", "Norway has a deal."]
)
def test_a_deal_not_held_or_without_a_partner(run: Run, text: str) -> None:
    assert _agreed(run, text) == []


def test_world_powers_are_a_side_of_a_deal(run: Run) -> None:
    found = _agreed(run, "Officials praised the nuclear agreement between Chile and world powers.")
    assert any(set(a.parties) == {"Chile", "world powers"} for a in found), found


def test_a_group_of_nations_by_its_short_name(run: Run) -> None:
    text = "The report said the G8 of top industrialised nations had agreed to spend more on aid."
    assert any(a.parties == ("G8",) for a in _agreed(run, text))


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Trade grew after a one billion dollar accord signed in Oslo last month with "
         "Chilean Trade Minister Ana Ruiz.", {"Ana Ruiz"}),
        ("Chile will get credits under a programme drawn up by Chile and the World Bank.",
         {"Chile", "World Bank"}),
        ("Peru supports the new pact, which was agreed last year by Ghana and Nigeria.",
         {"Ghana", "Nigeria"}),
    ],
)  # fmt: skip
def test_a_deal_made_with_a_partner_or_by_its_authors(
    run: Run, text: str, parties: set[str]
) -> None:
    found = _agreed(run, text)
    assert any(parties <= set(a.parties) for a in found), found


@pytest.mark.parametrize(
    "text",
    ["Chile wants a deal agreed with Norway.", "The plan agreed by the cabinet was published."],
)
def test_a_deal_sought_or_made_by_one_side_alone(run: Run, text: str) -> None:
    assert _agreed(run, text) == []


@pytest.mark.parametrize("noun", ["invitation", "promise", "terms"])
def test_accepting_the_other_sides_offer_of_any_kind(run: Run, noun: str) -> None:
    found = _agreed(run, f"Norway accepted Chile's {noun} to hold the talks.")
    assert any(set(a.parties) == {"Norway", "Chile"} for a in found), found


def test_the_leaders_of_each_country_are_the_countries_named_before(run: Run) -> None:
    text = (
        "Chile, Peru and Bolivia sent their leaders to Lima. "
        "The presidents of each country agreed to end the conflict."
    )
    assert any(set(a.parties) == {"Chile", "Peru", "Bolivia"} for a in _agreed(run, text))


@pytest.mark.parametrize(
    "text",
    [
        "The United States, Britain and France issued an urgent call for the United Nations "
        "to begin humanitarian airdrops.",
        # a list the parser reads as an apposition with conjuncts
        "It is against this backdrop that the U.S., Britain, and France have issued an "
        "urgent call for the United Nations to begin humanitarian airdrops.",
    ],
)
def test_a_call_issued_together_is_agreed(run: Run, text: str) -> None:
    x = run(text)
    assert len(x.agreements) == 1
    assert len(x.agreements[0].parties) == 3
    assert "airdrops" in x.agreements[0].text


def test_a_call_issued_alone_is_one_sided(run: Run) -> None:
    x = run("France issued an urgent call for the United Nations to begin humanitarian airdrops.")
    assert x.agreements == ()


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "A joint statement issued after the talks between the EC and Comecon said "
            "progress was made towards clarifying positions.",
            {"EC", "Comecon"},
        ),
        (
            "Foreign Minister Ana Ruiz met President Tom Lund on Monday. A joint statement "
            "said the two countries would cooperate on energy.",
            {"Ana Ruiz", "Tom Lund"},
        ),
    ],
)
def test_what_a_joint_statement_says_is_agreed(run: Run, text: str, parties: set[str]) -> None:
    x = run(text)
    assert [set(a.parties) for a in x.agreements] == [parties]


def test_a_statement_not_joint_says_nothing_agreed(run: Run) -> None:
    x = run(
        "Foreign Minister Ana Ruiz met President Tom Lund on Monday. A statement from her "
        "office said the two would cooperate on energy."
    )
    assert x.agreements == ()


@pytest.mark.parametrize(
    "text",
    [
        "Kofi Annan brought President Mwai Kibaki and opposition leader Raila Odinga to an "
        "agreement on power sharing.",
        "Egypt and Israel held talks on Monday. Flown in to mediate, Kofi Annan led the two "
        "sides to a power-sharing agreement that made incumbent candidate Mwai Kibaki "
        "president and his rival, Raila Odinga, prime minister.",
    ],
)
def test_a_mediator_led_the_sides_to_a_deal(run: Run, text: str) -> None:
    x = run(text)
    assert [set(a.parties) for a in x.agreements] == [{"Mwai Kibaki", "Raila Odinga"}]


@pytest.mark.parametrize(
    "text",
    [
        "Kofi Annan hopes to bring President Mwai Kibaki and opposition leader Raila Odinga "
        "to an agreement.",
        "Kofi Annan led the delegation to the talks.",
    ],
)
def test_no_deal_reached_by_steering(run: Run, text: str) -> None:
    assert run(text).agreements == ()


def test_a_deal_with_a_sheikhdom_of_a_country_for_a_sum(run: Run) -> None:
    x = run(
        "Shell has signed a dollars 6bn deal with the Middle Eastern sheikhdom of Qatar to "
        "supply liquid natural gas."
    )
    (a,) = x.agreements
    assert set(a.parties) == {"Shell", "Qatar"}
    assert a.text.endswith("to supply liquid natural gas")


def test_it_is_the_organisation_just_named(run: Run) -> None:
    x = run(
        "Mitsubishi Motors has forecast a net loss. Last month, it signed a production "
        "agreement with Japanese rival Nissan Motor to supply it with small cars."
    )
    assert [set(a.parties) for a in x.agreements] == [{"Mitsubishi Motors", "Nissan Motor"}]
    # "it" with nothing to refer to: the partner alone is no deal
    assert run("Last month, it signed a production agreement with Nissan Motor.").agreements == ()


def test_an_untagged_name_coordinated_with_an_organisation_is_one(run: Run) -> None:
    x = run("Rover and SAIC signed a technology-sharing agreement in August.")
    assert [set(a.parties) for a in x.agreements] == [{"Rover", "SAIC"}]
    # a title is no organisation
    assert all(
        "Minister" not in a.parties for a in run("Minister and SAIC signed a deal.").agreements
    )


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Boeing is to supply Japan Airlines with up to 50 planes in a deal worth $6bn.",
            ("Boeing", "Japan Airlines"),
        ),
        (
            "Air Deccan has ordered 30 Airbus A320 planes in a dollars 1.8bn deal.",
            ("Air Deccan", "Airbus"),
        ),
        ("Chalone agreed to buy a stake in Diageo.", ("Chalone", "Diageo")),
        ("Chalone agreed to buy Norway's stake in Diageo.", ("Chalone", "Norway")),
    ],
)
def test_deals_between_a_firm_and_the_one_it_deals_with(
    run: Run, text: str, parties: tuple[str, ...]
) -> None:
    assert [(a.parties, a.polarity) for a in run(text).agreements] == [(parties, "agreed")], text


@pytest.mark.parametrize(
    "text",
    [
        "Boeing would supply Japan Airlines with planes in a deal if talks succeed.",
        "Boeing did not supply Japan Airlines with planes in a deal.",
        "Norway sold its stake in the firm in a deal last year.",  # no named counterpart
    ],
)
def test_no_deal_between_named_firms(run: Run, text: str) -> None:
    assert [a for a in run(text).agreements if len(a.parties) > 1] == [], text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("A joint statement by Norway and Iceland called for calm.", "called for calm"),
        (
            "A joint statement by Norway and Iceland urged Russia to withdraw its troops.",
            "urged Russia to withdraw its troops",
        ),
    ],
)
def test_what_a_joint_statement_calls_for(run: Run, text: str, words: str) -> None:
    found = [(set(a.parties), a.polarity, a.text) for a in run(text).agreements]
    assert found == [({"Norway", "Iceland"}, "agreed", words)], found
    # a statement of one is one side's call
    assert run("A statement by Norway called for calm.").agreements == ()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Norway and Iceland decided that the sanctions should stay.", "the sanctions should stay"),
        (
            "The foreign ministers of Norway and Iceland concluded that the sanctions should stay.",
            "the sanctions should stay",
        ),
        ("Norway and Iceland decided to reopen their embassies.", "reopen their embassies"),
    ],
)
def test_a_decision_two_parties_took_together(run: Run, text: str, words: str) -> None:
    found = [(set(a.parties), a.polarity, a.text) for a in run(text).agreements]
    assert found == [({"Norway", "Iceland"}, "agreed", words)], found


@pytest.mark.parametrize(
    "text",
    [
        "Norway decided to reopen its embassy.",
        "Norway and Iceland separately decided to leave.",
        "They decided to leave.",
        'The bishop said: "I am glad Norway and Iceland have decided to take this step."',
    ],
)
def test_no_joint_decision(run: Run, text: str) -> None:
    assert run(text).agreements == (), text


def test_one_persons_consent_is_no_deal(run: Run) -> None:
    assert run("Governor Tom Lind has agreed to take the central bank job.").agreements == ()
    # the other side named in the act makes it one
    x = run("President Tom Lind agreed to restore diplomatic ties with Colombia.")
    assert [set(a.parties) for a in x.agreements] == [{"Tom Lind", "Colombia"}]
    # and two who agreed together still did
    y = run("President Tom Lind and Premier Ole Dahl agreed to restore diplomatic ties.")
    assert [set(a.parties) for a in y.agreements] == [{"Tom Lind", "Ole Dahl"}]


# A story about two countries: each named three times or more, and more than any other.
_TWO_SIDES = (
    "Norway and Iceland are at odds over fish. Norway says Iceland is wrong. Iceland says "
    "Norway is wrong. Oslo will reply to Reykjavik, Icelandic officials said. "
)


def test_a_recalled_pact_is_between_the_storys_two_countries(run: Run) -> None:
    for sentence, text in (
        ("Oslo plans tariffs over a pact on cod trade signed last September.", "cod trade"),
        ("Officials say Iceland has violated a pact on cod trade.", "a pact on cod trade"),
        ("The 1986 bilateral pact on cod quotas expires in May.", "cod quotas"),
        ("That pact, agreed last year after months of talks, caps the catch.", "caps the catch"),
    ):
        x = run(_TWO_SIDES + sentence)
        deals = [a for a in x.agreements if a.polarity == "agreed"]
        assert [set(a.parties) for a in deals] == [{"Norway", "Iceland"}], sentence
        assert text in deals[0].text
    for sentence in (
        "Norway signed a 1994 agreement.",  # which deal, the text does not say
        "Norway hopes to sign a bilateral pact on cod.",  # not made
        "There is no pact on cod trade signed by anyone.",
    ):
        x = run(_TWO_SIDES + sentence)
        assert not [a for a in x.agreements if a.polarity == "agreed" and len(a.parties) > 1]
    # with no pair of countries standing out, nobody is guessed
    y = run("Officials say Iceland has violated a pact on cod trade.")
    assert y.agreements == ()


def test_office_holders_of_named_countries_act_as_the_titled_people(run: Run) -> None:
    x = run(
        "The interior ministers of Norway and Iceland are urging the EU to set up a border "
        "mission. Norwegian Interior Minister Ole Dahl said it was urgent. Icelandic "
        "Interior Minister Tom Lind agreed."
    )
    urged = next(a for a in x.agreements if "mission" in a.text)
    assert set(urged.parties) == {"Ole Dahl", "Tom Lind"}
    # a holder of another office is not the one meant: the country stays
    y = run(
        "The interior ministers of Norway and Iceland are urging the EU to set up a border "
        "mission. Norwegian Prime Minister Ole Dahl said it was urgent."
    )
    urged = next(a for a in y.agreements if "mission" in a.text)
    assert set(urged.parties) == {"Norway", "Iceland"}


def test_a_second_predicate_the_parser_left_loose_keeps_its_subject(run: Run) -> None:
    x = run(
        "In 2018 Norway licensed Czech firearm technology, then agreed with Airbus to open a "
        "helicopter parts factory in Bergen."
    )
    assert [(set(a.parties), a.text) for a in x.agreements] == [
        ({"Norway", "Airbus"}, "open a helicopter parts factory in Bergen")
    ]


def test_complying_with_or_acceding_to_another_sides_request(run: Run) -> None:
    for text, sides in (
        (
            "Queen Ingrid announced she will comply with the request of Prime Minister Ole "
            "Dahl to suspend Parliament.",
            {"Ingrid", "Ole Dahl"},
        ),
        ("Norway acceded to Iceland's request for more quotas.", {"Norway", "Iceland"}),
        ("Norway accepted an offer from Iceland to share the quota.", {"Norway", "Iceland"}),
    ):
        x = run(text)
        assert [(set(a.parties), a.polarity) for a in x.agreements] == [(sides, "agreed")], text
    for text in ("Norway will comply with Iceland's demand.", "Norway complied with the rules."):
        assert run(text).agreements == (), text


def test_a_loan_granted_is_settled_between_lender_and_borrower(run: Run) -> None:
    for text, sides in (
        (
            "Norway and Sweden granted Iceland a 500 mln dlr bridge loan.",
            {"Norway", "Sweden", "Iceland"},
        ),
        ("The IMF approved a 1.8 billion dlr standby loan for Kenya.", {"IMF", "Kenya"}),
    ):
        x = run(text)
        assert [(set(a.parties), a.polarity) for a in x.agreements] == [(sides, "agreed")], text
    for text in ("The IMF has offered Kenya a loan.", "The World Bank will lend Kenya a loan."):
        assert run(text).agreements == (), text


def test_they_who_said_they_pledged(run: Run) -> None:
    x = run(
        "French and Soviet trade ministers said they were committed to increased efforts "
        "to reduce the deficit."
    )
    assert [(set(a.parties), a.polarity) for a in x.agreements] == [
        ({"France", "Soviet Union"}, "agreed")
    ]
    y = run("Norway and Iceland said they had pledged to cut quotas.")
    assert [set(a.parties) for a in y.agreements] == [{"Norway", "Iceland"}]
    # one sayer: "they" is someone else, not guessed
    assert run("Norway said they pledged to cut quotas.").agreements == ()


def test_a_dispute_resolved_in_a_when_clause(run: Run) -> None:
    x = run(
        "Norway and Iceland are at odds over cod. The deadline was set last August when the "
        "two sides resolved a related dispute over quotas."
    )
    settled = [a for a in x.agreements if a.polarity == "agreed"]
    assert [(set(a.parties), a.text) for a in settled] == [
        ({"Norway", "Iceland"}, "resolved a related dispute over quotas")
    ]
    for text in (
        "Norway and Iceland met. To resolve their dispute, the two sides met again.",
        "Norway and Iceland met, hoping to resolve their dispute.",
    ):
        assert [a for a in run(text).agreements if a.polarity == "agreed"] == [], text


def test_a_deal_that_can_only_exist_named_in_a_story_about_two_countries(run: Run) -> None:
    text = (
        "New Zealand imposed sanctions on Fiji. New Zealand will also not renew an "
        "agreement which supports the price of Fijian sugar when it expires in March."
    )
    # the headline names the pair: that weighs as much as more mentions in the text
    x = run(text, title="New Zealand imposes sanctions against Fiji")
    deals = [a for a in x.agreements if a.polarity == "agreed"]
    assert [set(a.parties) for a in deals] == [{"New Zealand", "Fiji"}]
    assert "price of Fijian sugar" in deals[0].text
    y = run(text)  # two mentions each and no headline: no pair stands out
    assert [a for a in y.agreements if a.polarity == "agreed"] == []
    # renewing one's passport is no deal
    z = run("New Zealand renewed its passport rules.", title="New Zealand and Fiji")
    assert z.agreements == ()


def test_smaller_states_are_countries(run: Run, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Fiji, Tonga and Samoa met Papua New Guinea in Suva.")
    assert {e.text for e in doc.ents if e.label_ == "GPE"} >= {
        "Fiji",
        "Tonga",
        "Samoa",
        "Papua New Guinea",
    }


def test_a_bare_signing_gives_way_to_the_deal_that_says_what(run: Run) -> None:
    x = run(
        "Norway, Iceland and Sweden have given the go ahead for a gas pipeline. By signing "
        "the agreement on Tuesday, the prime ministers of Norway, Iceland and Sweden have "
        "overcome the problem."
    )
    assert [a.text for a in x.agreements] == ["given the go ahead for a gas pipeline"]
    # alone, it is all there is to tell
    y = run("The prime ministers of Norway and Iceland signed the agreement on Tuesday.")
    assert [a.text for a in y.agreements] == ["signed the agreement on Tuesday"]


def test_unable_to_agree_is_no_agreement(run: Run) -> None:
    x = run(
        "The United States and India have not yet agreed on a food aid package. Officials "
        "said the United States and India have been unable to agree on the mix of aid."
    )
    assert {a.polarity for a in x.agreements} == {"disagreed"}


def test_we_agreed_said_by_one_side_of_the_talks(run: Run) -> None:
    """'"We agreed to X," A said' after A met B: "we" is A's side at the talks."""
    x = run(
        'Foreign Minister Tom Lind met Minister Ann Roe on Monday. "We agreed to cut '
        'tariffs," Lind said.'
    )
    assert [set(a.parties) for a in x.agreements] == [{"Tom Lind", "Ann Roe"}]
    # no talks of his: only the speaker
    x = run('"We agreed to cut tariffs," Foreign Minister Tom Lind said.')
    assert [set(a.parties) for a in x.agreements] == [{"Tom Lind"}]


def test_the_deal_to_do_something_after_talks(run: Run) -> None:
    """ "The deal to X", with no sides of its own, is between the sides of the talks
    just told; with nobody told before, or a deal that collapsed, there is none."""
    lead = "EU leaders met Turkish premier Recep Erdogan in Brussels on Friday. "
    x = run(lead + "The deal to open formal talks with Ankara came despite an EU demand.")
    assert [(set(a.parties), a.polarity) for a in x.agreements] == [
        ({"EU", "Recep Erdogan"}, "agreed")
    ]
    for text in (
        "The deal to open formal talks with Ankara came despite an EU demand.",
        lead + "The deal to open formal talks collapsed.",
    ):
        assert [a for a in run(text).agreements if a.polarity == "agreed"] == [], text


def test_an_agreement_awaited_until_is_none_yet(run: Run) -> None:
    """ "cannot be approved until the agencies agree to X": the agreement is awaited;
    "talked until they agreed" tells one that was reached."""
    for text in (
        "The credits cannot be approved until the export credit agencies agree to resume "
        "insuring the debts.",
        "Britain and France will keep talking until they agree on a deal.",
    ):
        assert run(text).agreements == (), text
    x = run("Britain and France talked until they agreed on a deal.")
    assert [(set(a.parties), a.polarity) for a in x.agreements] == [
        ({"Britain", "France"}, "agreed")
    ]


def test_agreed_with_a_setting_before_the_infinitive(run: Run) -> None:
    """ "agreed during the talks to X": the parser hangs the infinitive on "talks"."""
    x = run(
        "Foreign Minister Tom Lind held talks with Minister Ann Roe on Monday. "
        '"We agreed during the talks to cut tariffs," Lind said.'
    )
    assert [(set(a.parties), a.text) for a in x.agreements] == [
        ({"Tom Lind", "Ann Roe"}, "cut tariffs")
    ], x.agreements
    # a purpose of the talks themselves is no agreement
    assert run("Norway held talks on Monday to discuss quotas.").agreements == ()


def test_the_one_an_agency_quotes_is_the_speaker(run: Run) -> None:
    x = run(
        "Foreign Minister Tom Lind held talks with Minister Ann Roe on Monday. "
        '"We agreed to cut tariffs," the news agency quoted Lind as saying.'
    )
    assert [set(a.parties) for a in x.agreements] == [{"Tom Lind", "Ann Roe"}], x.agreements


def test_the_reporters_title_is_not_what_was_agreed(run: Run) -> None:
    x = run(
        "Norway and Iceland have agreed to end the dispute over fishing, Icelandic "
        "Minister of State for Foreign Affairs Jon Jonsson said today."
    )
    assert [a.text for a in x.agreements] == ["end the dispute over fishing"], x.agreements


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (
            "The agreement between Chile and Peru calls on Lima to cut its tariffs on copper.",
            "The agreement between Chile and Peru calls on Lima to cut its tariffs on copper",
        ),
        (
            "The accord, signed by Chile and Peru, provides for the return of disputed land.",
            "The accord, signed by Chile and Peru, provides for the return of disputed land",
        ),
        (
            "The Chile-Peru pact gives fishermen access to the disputed waters, officials said.",
            "The Chile-Peru pact gives fishermen access to the disputed waters",
        ),
        # what the deal does not lay down is not its content
        (
            "The accord between Chile and Peru does not cover fishing rights.",
            "The accord between Chile and Peru",
        ),
        # nor what is said of the deal by others
        (
            "The accord between Chile and Peru pleased investors.",
            "The accord between Chile and Peru",
        ),
    ],
)
def test_a_deal_as_subject_brings_its_terms(run: Run, text: str, what: str) -> None:
    """A deal named as the subject of a verb that lays down terms ("calls on", "provides
    for", "gives") is told by those terms, not by its name alone."""
    x = run(text)
    assert [a.text for a in x.agreements] == [what], x.agreements


def test_a_deal_reported_then_told_by_its_terms(run: Run) -> None:
    """ "A and B reached an agreement on Monday. The agreement calls on A to X.": one
    deal, told by its terms rather than by the bare report."""
    x = run(
        "Chile and Peru reached an agreement on Monday. The agreement calls on Lima to cut "
        "its tariffs on copper."
    )
    assert [(set(a.parties), a.text) for a in x.agreements] == [
        ({"Chile", "Peru"}, "The agreement calls on Lima to cut its tariffs on copper")
    ], x.agreements
    # a report that already says what was agreed keeps it; the terms are not a second deal
    y = run(
        "Chile and Peru signed a deal on Monday to share fishing grounds. The deal gives "
        "fishermen access to the disputed waters."
    )
    assert [a.text for a in y.agreements] == ["signed a deal on Monday to share fishing grounds"]
    # only the sentence right after the report speaks of that deal
    z = run(
        "Chile and Peru signed the deal on Monday. Officials in both capitals welcomed it. "
        "The deal gives fishermen access to the disputed waters."
    )
    assert [a.text for a in z.agreements] == ["signed the deal on Monday"]


def test_a_deal_made_at_a_gathering_of_members(run: Run) -> None:
    """ "The agreement reached at a session of OPEC ministers pegged output at X": the
    members made it among themselves (the parser reads "reached" as the main verb)."""
    x = run(
        "The agreement reached at a long session of OPEC ministers in December pegged "
        "the group's output at 15.8 mln barrels a day."
    )
    assert [(a.parties, a.text) for a in x.agreements] == [
        (
            ("OPEC",),
            "The agreement reached at a long session of OPEC ministers in December pegged "
            "the group's output at 15.8 mln barrels a day",
        )
    ], x.agreements
    # a gathering of one person's is no group that agreed
    assert run("The agreement reached at the meeting of the board was a surprise.").agreements == ()


def test_what_is_done_under_a_deal_is_what_was_agreed(run: Run) -> None:
    x = run(
        "Chile and Peru signed the deal on Monday. Under the agreement, Peru must cut its "
        "tariffs on copper."
    )
    assert [(set(a.parties), a.text) for a in x.agreements] == [
        ({"Chile", "Peru"}, "Peru must cut its tariffs on copper")
    ], x.agreements
    y = run(
        "Norway will repay 13 pct of its debt to foreign banks over three years under an "
        "agreement reached today in London, Finance Minister Ann Roe said."
    )
    assert [(a.parties, a.text) for a in y.agreements] == [
        (("Norway",), "Norway will repay 13 pct of its debt to foreign banks over three years")
    ], y.agreements


@pytest.mark.parametrize(
    "text",
    [
        "If the price of oil is fixed under the deal, it could be very profitable for Chile.",
        "Government debt should be under 40%, against the 60% allowed under the stability pact.",
        # the deal is what the clause tells of, not what it governs
        "Norway had repaid five pct of the debt under the standstill agreement expiring in June.",
        '"Under the agreement, we wanted a second opinion," coach Tom Lind said.',
    ],
)
def test_not_what_is_done_under_a_deal(run: Run, text: str) -> None:
    x = run(text)
    assert not any(a.text.startswith(text.split()[0]) for a in x.agreements), x.agreements
    assert not any("repaid" in a.text or "opinion" in a.text for a in x.agreements)


def test_a_named_deal_and_its_makers(run: Run) -> None:
    """ "The Lima Accord, by A, B and C, called for X": the capitalised name is still a
    deal, and "by" names who made it (not "an agreement by the deadline")."""
    x = run("The Lima Accord, by Chile, Peru and Bolivia, called for tariffs to be cut by half.")
    assert [(set(a.parties), a.text) for a in x.agreements] == [
        (
            {"Chile", "Peru", "Bolivia"},
            "The Lima Accord, by Chile, Peru and Bolivia, called for tariffs to be cut by half",
        )
    ], x.agreements


_ROW = "Chile and Peru fought over fishing for years. Chile says Peru broke the rules. "


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (
            "The border agreement calls for joint patrols of the disputed waters.",
            "The border agreement calls for joint patrols of the disputed waters",
        ),
        (
            "The court endorsed a bilateral agreement that will open the waters to both fleets.",
            "a bilateral agreement that will open the waters to both fleets",
        ),
        # sought, not made
        ("Both sides seek a bilateral agreement that will open the waters to both fleets.", None),
    ],
)
def test_a_deal_told_by_its_terms_is_between_the_storys_sides(
    run: Run, text: str, what: str | None
) -> None:
    x = run(_ROW + text, title="Chile and Peru end fishing row")
    assert [(set(a.parties), a.text) for a in x.agreements] == (
        [({"Chile", "Peru"}, what)] if what else []
    ), x.agreements


def test_agreed_to_points_in_a_plan(run: Run) -> None:
    """ "agreed to three key points in a new plan": the parser hangs the "in" on the verb,
    but it tells which points."""
    x = run(
        "President Ada Lund and President Ole Dahl have agreed to three key points in a new "
        "plan aimed at ending the war."
    )
    assert [a.text for a in x.agreements] == [
        "three key points in a new plan aimed at ending the war"
    ], x.agreements


@pytest.mark.parametrize(
    "text",
    [
        "Chile will import gas from Peru under a deal signed on Monday.",
        "Under the agreement, Chile will supply Peru with gas for another 15 years.",
    ],
)
def test_the_other_side_of_a_clause_under_a_deal(run: Run, text: str) -> None:
    assert [set(a.parties) for a in run(text).agreements] == [{"Chile", "Peru"}], text


def test_a_group_named_in_apposition_is_its_people(run: Run) -> None:
    x = run(
        "The two foreign ministers, Jorge Soto of Chile and Maria Lopez of Peru, agreed to "
        "meet again in June."
    )
    assert [(set(m.participants), m.status) for m in x.meetings] == [
        ({"Jorge Soto", "Maria Lopez"}, "planned")
    ]
    assert [set(a.parties) for a in x.agreements] == [{"Jorge Soto", "Maria Lopez"}]
