"""Recall rules (meetings, agreements); made-up sentences only."""

from __future__ import annotations

from .conftest import Run, pairs

# --- people listed after a plural role noun -------------------------------------------


def test_two_leaders_named_in_apposition(run: Run) -> None:
    x = run("The two leaders, President Ole Dahl and Chancellor Tom Lind, met in Oslo on Tuesday.")
    assert frozenset({"Dahl", "Lind"}) in pairs(x)


def test_met_with_leaders_listed_after_a_comma(run: Run) -> None:
    x = run(
        "Prime Minister Ole Dahl met on Monday with the leaders of the opposition parties, "
        "Labour leader Tom Lind, Green leader Ann Berg and Liberal leader Paul Moss."
    )
    assert {frozenset({"Dahl", n}) for n in ("Lind", "Berg", "Moss")} <= pairs(x)


def test_presidents_listed_between_dashes(run: Run) -> None:
    x = run(
        "The presidents of Chile and Peru - Tom Lind and Paul Moss, respectively - are "
        "planning to hold security talks in Lima soon."
    )
    assert frozenset({"Lind", "Moss"}) in pairs(x)
    assert all(m.status == "planned" for m in x.meetings)


def test_names_that_start_a_clause_are_not_an_apposition(run: Run) -> None:
    # "..., Lind and Moss said": the names are the subject of "said", not the leaders.
    x = run("President Ole Dahl met party leaders in Oslo, Tom Lind and Paul Moss said.")
    assert frozenset({"Lind", "Moss"}) not in pairs(x)


# --- open disagreement verbs ----------------------------------------------------------


def test_disagree_and_clash_verbs(run: Run) -> None:
    x = run("Norway and Sweden disagreed over the route of the new pipeline.")
    assert [(set(a.parties), a.polarity) for a in x.agreements] == [
        ({"Norway", "Sweden"}, "disagreed")
    ]
    y = run("Chancellor Tom Lind clashed with President Ole Dahl over the budget on Monday.")
    assert [(set(a.parties), a.polarity) for a in y.agreements] == [
        ({"Tom Lind", "Ole Dahl"}, "disagreed")
    ]


def test_unnamed_or_negated_clashes_are_no_disagreement(run: Run) -> None:
    assert run("Protesters clashed with police over the new law on Monday.").agreements == ()
    assert run("Tom Lind and Ole Dahl did not disagree about the plan.").agreements == ()


# --- a deal described by a passive participle ---------------------------------------


def test_accord_signed_by_two_parties(run: Run) -> None:
    x = run("The accord signed by Chancellor Tom Lind and President Ole Dahl in 2001 expires soon.")
    assert [(set(a.parties), a.polarity) for a in x.agreements] == [
        ({"Tom Lind", "Ole Dahl"}, "agreed")
    ]
    assert run("The deal signed last year remains in force.").agreements == ()


# --- the person addressed during a meeting; "welcomed X to Y" ---------------------


def test_person_addressed_during_a_meeting(run: Run) -> None:
    x = run("Secretary Tom Lind asked Premier Ole Dahl, during a meeting in Oslo, to free them.")
    assert frozenset({"Lind", "Dahl"}) in pairs(x)


def test_attack_at_a_news_conference_is_no_meeting(run: Run) -> None:
    x = run("Senator Tom Lind attacked President Ole Dahl at a news conference on Monday.")
    assert pairs(x) == set()
    y = run("Senator Tom Lind criticised President Ole Dahl during a meeting of the party board.")
    assert pairs(y) == set()


def test_welcomed_a_visitor_to_a_place(run: Run) -> None:
    x = run("President Ole Dahl welcomed Chancellor Tom Lind to Oslo on Tuesday.")
    assert frozenset({"Dahl", "Lind"}) in pairs(x)
    assert pairs(run("President Ole Dahl welcomed the move by Chancellor Tom Lind.")) == set()


def test_spoke_to_leaders_including_named_ones(run: Run) -> None:
    x = run(
        "President Ole Dahl said he had spoken to two other leaders on Saturday, including "
        "Chancellor Tom Lind and Premier Paul Moss."
    )
    assert {frozenset({"Dahl", "Lind"}), frozenset({"Dahl", "Moss"})} <= pairs(x)
    # separate calls: the two callees did not talk to each other
    assert frozenset({"Lind", "Moss"}) not in pairs(x)


# --- joint statements; failing to reach a deal --------------------------------------


def _agreements(x):  # type: ignore[no-untyped-def]
    return [(set(a.parties), a.polarity) for a in x.agreements]


def test_joint_statement_issued_by_two_sides(run: Run) -> None:
    x = run("Norway and Sweden issued a joint statement calling for calm in the region.")
    assert _agreements(x) == [({"Norway", "Sweden"}, "agreed")]
    assert "calm" in x.agreements[0].text
    y = run("Norway issued a joint statement with Sweden on the border.")
    assert _agreements(y) == [({"Norway", "Sweden"}, "agreed")]


def test_one_sided_or_future_statement_is_no_agreement(run: Run) -> None:
    assert run("Norway issued a statement on the border.").agreements == ()
    assert run("Norway and Sweden will issue a joint statement on Friday.").agreements == ()


def test_failing_to_reach_a_deal_is_a_disagreement(run: Run) -> None:
    x = run("Norway and Sweden failed to reach agreement on tariffs.")
    assert _agreements(x) == [({"Norway", "Sweden"}, "disagreed")]


# --- a call received from someone; a meal with a named guest ----------------------


def test_phone_call_received_from_a_person(run: Run) -> None:
    x = run("President Ole Dahl received a phone call from Chancellor Tom Lind on Monday.")
    assert frozenset({"Dahl", "Lind"}) in pairs(x)
    assert (
        pairs(run("President Ole Dahl rejected calls from Chancellor Tom Lind to resign.")) == set()
    )


def test_meal_with_a_named_guest(run: Run) -> None:
    x = run("Chancellor Tom Lind will have dinner with President Ole Dahl in Oslo on Friday.")
    assert frozenset({"Dahl", "Lind"}) in pairs(x)
    assert all(m.status == "planned" for m in x.meetings)
    assert run("Chancellor Tom Lind had dinner with business leaders in Oslo.").meetings == ()


# --- "the A-B summit" -----------------------------------------------------------------


def test_hyphened_sides_of_a_summit(run: Run) -> None:
    x = run("The EU-China summit was held in Beijing on Friday.")
    assert frozenset({"EU", "China"}) in pairs(x)
    y = run("The US-Russia talks in Geneva will resume on Monday.")
    assert [m.status for m in y.meetings] == ["planned"]


def test_hyphened_summit_mentioned_in_passing(run: Run) -> None:
    # neither held nor scheduled: only thought about
    x = run("Officials said thought is being given to a Norway-Sweden summit.")
    assert pairs(x) == set()
    assert run("The Asia-Pacific summit ended on Monday.").meetings == ()


# --- "at odds"; a dispute settled ---------------------------------------------------


def test_at_odds_is_a_disagreement(run: Run) -> None:
    x = run("Norway and Sweden remain at odds over tariffs.")
    assert _agreements(x) == [({"Norway", "Sweden"}, "disagreed")]
    y = run("Chancellor Tom Lind was at odds with President Ole Dahl over the budget.")
    assert _agreements(y) == [({"Tom Lind", "Ole Dahl"}, "disagreed")]
    assert run("The plan is at odds with the treaty.").agreements == ()


def test_settled_dispute_is_an_agreement(run: Run) -> None:
    x = run("Norway and Sweden settled their border dispute on Monday.")
    assert _agreements(x) == [({"Norway", "Sweden"}, "agreed")]
    assert run("The court settled the dispute.").agreements == ()
    # a purpose clause: nothing was settled yet
    z = run("To resolve differences, Norway and Sweden invited the parties to a dialogue.")
    assert all(a.polarity != "agreed" or "resolve" not in a.text for a in z.agreements)
