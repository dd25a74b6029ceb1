"""Rules added to generalise beyond the dev set; made-up sentences only."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import Run, pairs, stops

MON = dt.date(2005, 3, 14)  # a Monday


# --- events that will not happen -----------------------------------------------


def test_cancelled_trip_is_no_stop(run: Run) -> None:
    x = run(
        "Aide Tom Lind worked to arrange a meeting between Lind and Premier Ole Dahl during "
        "President Ole Dahl's planned trip to Oslo, which was cancelled."
    )
    assert stops(x) == {}
    assert frozenset({"Lind", "Dahl"}) not in pairs(x)
    y = run("President Ole Dahl's planned trip to Oslo next week will go ahead.")
    assert stops(y) == {"Ole Dahl": ["Oslo"]}


# --- who met whom ------------------------------------------------------------------


def test_talks_with_two_sides_and_an_unnamed_host(run: Run) -> None:
    # Each side talks with the (unnamed) host, not with each other.
    x = run("Talks with Norway and Canada have been taking place for ten years.")
    assert pairs(x) == set()
    y = run("A meeting of Norway and Canada took place in Oslo on Monday.")
    assert frozenset({"Norway", "Canada"}) in pairs(y)


def test_debate_against_an_opponent(run: Run) -> None:
    x = run("Governor Ray Dorn travelled to Leeds to take part in a debate against Paul Moss.")
    assert frozenset({"Dorn", "Moss"}) in pairs(x)


# --- group anaphora ------------------------------------------------------------------


def test_both_sides_are_the_countries_named(run: Run) -> None:
    x = run(
        "India and Pakistan agreed to open a bus link between Leeds and York. Minister Jack "
        "Hale is due to take part in talks with the Indian government on Friday. Both sides "
        "agreed to begin talks on reducing the risk of accidents."
    )
    deal = next(a for a in x.agreements if "accidents" in a.text)
    assert set(deal.parties) == {"India", "Pakistan"}


# --- who was at the gathering ------------------------------------------------------


GATHERING = (
    "A regional conference in Vienna on Tuesday agreed a plan to fight smuggling. "
    "Foreign Minister Petra Kohl chaired the talks. "
    "Interior Minister Lars Odin said the plan would help. "
)


# Being quoted is not attending: the heuristic that counted every official quoted in
# an article about a gathering as present was removed (it added true pairs only on the
# articles it was tuned on; out of fold it changed nothing elsewhere).


def test_statement_to_a_broadcaster_is_not_attendance(run: Run) -> None:
    x = run(
        GATHERING + "League secretary general Omar Farid doubted the talks would help. "
        'He expressed these doubts by telling the BBC, "It is a talking shop", and saying '
        "that he had not been invited."
    )
    people = {p for m in x.meetings for p in m.participants}
    assert "Omar Farid" not in people and "Lars Odin" not in people


def test_earlier_statement_is_not_attendance(run: Run) -> None:
    x = run(GATHERING + "Italy previously announced it would join the plan.")
    people = {p for m in x.meetings for p in m.participants}
    assert "Italy" not in people and "Lars Odin" not in people


# --- pronouns ------------------------------------------------------------------------


def test_possessor_of_the_subject_is_the_topic(run: Run) -> None:
    x = run(
        "Foreign Secretary Jack Straw will hold talks in Beijing. Critic Tom Hale argued the "
        "move was wrong. Mr Straw's Asia trip is part of a yearly dialogue. He will meet "
        "Chinese counterpart Minister Wu Bangguo to discuss fisheries."
    )
    assert pairs(x) == {frozenset({"Straw", "Bangguo"})}


# --- recall: gatherings, attendance, calls, visits, transitive "agree" ---------------


def test_coordinated_officials_gathered(run: Run) -> None:
    x = run(
        "Foreign minister Sami Adel and his Greek and French counterparts, Nikos Dimas and "
        "Jean Leroy, gathered in Cairo on Wednesday to discuss trade."
    )
    m = x.meetings[0]
    assert set(m.participants) == {"Sami Adel", "Nikos Dimas", "Jean Leroy"}
    assert (m.place, m.when) == ("Cairo", "Wednesday")
    assert run("Thousands of delegates are gathering in Davos.").meetings == ()
    assert run("President Ana Ruiz's aides gathered in Lima.").meetings == ()


def test_meeting_attended_by(run: Run) -> None:
    x = run(
        "The meeting was attended by Israeli prime minister Avi Cohen and Greek prime "
        "minister Kostas Dimas."
    )
    assert pairs(x) == {frozenset({"Cohen", "Dimas"})}


def test_possessive_call_with_a_named_person(run: Run) -> None:
    x = run(
        "The House asked for a transcript of President Tom Hale's call with Ukrainian "
        "President Ivan Petrenko in late July."
    )
    assert pairs(x) == {frozenset({"Hale", "Petrenko"})}
    y = run("Minister Tom Hale's call for reform was ignored by Ivan Petrenko.")
    assert pairs(y) == set()


def test_visit_to_a_person_named_in_full(run: Run) -> None:
    x = run(
        "Officials confirmed trade was discussed when senator John Mack recently visited "
        "Mr Blair. Tony Blair said it went well."
    )
    assert frozenset({"Mack", "Blair"}) in pairs(x)


def test_transitive_agree_with_a_partner(run: Run) -> None:
    x = run(
        "Kenya has agreed a draft plan with the African Development Bank to borrow 2bn shillings."
    )
    deal = x.agreements[0]
    assert set(deal.parties) == {"Kenya", "African Development Bank"}
    assert deal.text.startswith("a draft plan") and "borrow" in deal.text


# --- next stops ----------------------------------------------------------------------


def test_scheduled_present_lists_the_places(run: Run) -> None:
    x = run(
        "Party leader Ann Kerr is stepping up her campaign this week as she visits Leeds, "
        "York, Hull and Durham.",
        published=MON,
    )
    assert stops(x) == {"Ann Kerr": ["Leeds", "York", "Hull", "Durham"]}


def test_present_with_past_or_habitual_time_is_no_stop(run: Run) -> None:
    assert stops(run("Each year Minister Jo Dunn visits Paris in May.", published=MON)) == {}
    caption = "The minister waves as she leaves Paris, Sept. 24, 2001 in France."
    assert stops(run("Minister Jo Dunn arrived. " + caption, published=MON)) == {}


def test_future_act_at_a_gathering_in_a_place(run: Run) -> None:
    x = run(
        "Fund chief Rodrigo Rato was asked to carry out a study. He is expected to present "
        "his conclusions at a fund meeting in Washington during April."
    )
    assert stops(x) == {"Rodrigo Rato": ["Washington"]}
    y = run("Minister Jo Dunn spoke at a meeting in Paris on Monday.")
    assert stops(y) == {}


# --- quotations and joint statements ---------------------------------------------------


def test_joint_statement_we_are_its_signatories(run: Run) -> None:
    x = run(
        "President Ana Ruiz and Prime Minister Tom Hale met in Lima.\n"
        'Looking ahead, the joint statement said: "Both leaders will meet monthly." It also '
        'set a target: "We agree to conclude a treaty before the end of 2008."'
    )
    deal = next(a for a in x.agreements if "treaty" in a.text)
    assert set(deal.parties) == {"Ana Ruiz", "Tom Hale"}
    y = run('Minister Ana Ruiz met Tom Hale. Ruiz said: "We agree to work harder."')
    assert all(set(a.parties) != {"Ana Ruiz", "Tom Hale"} for a in y.agreements)


def test_straight_quote_marks_open_and_close_by_spacing(run: Run, nlp) -> None:  # type: ignore[no-untyped-def]
    from briefings.extract.context import DocContext
    from briefings.models import Article

    text = 'He said: "We will stay." It also set a goal: "We agree to talk."'
    ctx = DocContext(nlp(text), Article(id="t", title="", text=text))
    quoted = {t.text for t in ctx.doc if ctx.in_quote[t.i] and t.is_alpha}
    assert quoted == {"We", "will", "stay", "agree", "to", "talk"}


def test_approving_another_partys_request(run: Run) -> None:
    x = run("On Monday the World Bank approved Peru's request for a loan freeze.")
    deal = x.agreements[0]
    assert set(deal.parties) == {"World Bank", "Peru"} and "loan freeze" in deal.text
    # Support for someone's plan is an opinion, not a deal.
    y = run("Former president Ann Kerr backed Mr Hale's plan. Minister Tom Hale smiled.")
    assert y.agreements == ()


def test_quotation_carrying_on_an_earlier_statement(run: Run) -> None:
    x = run(
        GATHERING + "Union leader Mark Dell warned last week that strikes would follow. "
        '"It is completely unacceptable," he said.'
    )
    people = {p for m in x.meetings for p in m.participants}
    assert "Mark Dell" not in people


def test_titled_pair_spoke_on_the_phone(run: Run) -> None:
    x = run(
        "On October 6, US President Donald Hale and Turkish President Recep Tayyip Demir "
        "spoke on the phone."
    )
    assert frozenset({"Hale", "Demir"}) in pairs(x)
    assert run("Mr Hale's aides and Ann Kerr met on Monday.").meetings == ()


def test_deal_named_again_is_the_same_deal(run: Run) -> None:
    x = run(
        "In May, Chile and Peru agreed on maritime borders in the Pacific. Critics said the "
        "maritime border agreement between Chile and Peru was void."
    )
    assert len(x.agreements) == 1
    y = run(
        "Chile and Peru signed a mining accord. Officials praised a trade deal between Chile "
        "and Peru."
    )
    assert len(y.agreements) == 2  # a different deal between the same parties


def test_speaker_at_a_hosted_conference(run: Run) -> None:
    x = run(
        "Finance minister Ravi Menon spoke in London. At a conference on trade hosted by "
        "finance minister Gordon Brown on Friday, he said that tariffs should fall."
    )
    assert pairs(x) == {frozenset({"Brown", "Menon"})}


def test_hosted_meeting_and_those_due_to_attend(run: Run) -> None:
    x = run(
        "Tuesday's meeting on reform is being hosted by Prime Minister Tom Hale. Also due to "
        "attend are Secretary of State Ann Kerr, Secretary General Omar Farid and foreign "
        "ministers from 23 countries."
    )
    m = next(m for m in x.meetings if "Tom Hale" in m.participants)
    assert {"Ann Kerr", "Omar Farid"} <= set(m.participants)
    assert m.status == "planned"


def test_the_foreign_ministers_are_the_group_just_named(run: Run) -> None:
    x = run(
        "Foreign minister Sami Adel and his Greek and French counterparts, Nikos Dimas and "
        "Jean Leroy, gathered in Cairo on Wednesday. The foreign ministers agreed to a future "
        "meeting on Crete."
    )
    deal = next(a for a in x.agreements if "Crete" in a.text)
    assert set(deal.parties) == {"Sami Adel", "Nikos Dimas", "Jean Leroy"}


def test_meeting_during_a_cancelled_trip_wherever_during_attaches(run: Run) -> None:
    x = run(
        "Aide Tom Ross also worked to arrange a meeting between Lind and Dahl himself during "
        "President Ole Dahl's planned trip to Oslo, which was cancelled."
    )
    assert pairs(x) == set() and stops(x) == {}


def test_countries_stand_in_only_where_no_person_is_named(run: Run) -> None:
    x = run(
        "Peru and Chile signed a memorandum on energy on Tuesday during a meeting between "
        "energy minister Ana Ruiz and Chilean minister Tomas Berg."
    )
    assert frozenset({"Ruiz", "Berg"}) in pairs(x)
    assert frozenset({"Peru", "Chile"}) not in pairs(x)
    assert {a.parties for a in x.agreements} == {("Peru", "Chile")}


def test_participle_takes_the_status_of_the_announced_meeting(run: Run) -> None:
    x = run(
        "Three unions will hold talks with Deputy Minister Arthur Penrose in Leeds. "
        "The three unions meeting Mr Penrose hope the ministry will drop its plan."
    )
    assert {m.status for m in x.meetings} == {"planned"}


def test_entered_into_an_agreement_with_the_government_of(run: Run) -> None:
    x = run(
        "On Monday, the Andean Trade Council announced it had entered into an agreement with "
        "the government of Peru after months of talks."
    )
    assert [set(a.parties) for a in x.agreements] == [{"Andean Trade Council", "Peru"}]
    y = run("On Monday, Chile entered into an agreement with the government of Peru.")
    assert {"Chile", "Peru"} == set(y.agreements[0].parties)


# --- joining and calling on -------------------------------------------------------


def test_join_someone_in_a_visit(run: Run) -> None:
    x = run("Prime Minister John Carter is to join Home Secretary Maria Lopez in a visit to Leeds.")
    (m,) = x.meetings
    assert set(m.participants) == {"John Carter", "Maria Lopez"} and m.status == "planned"
    # Joining a body or a race is not meeting anyone.
    assert run("President John Carter joined the European Union in 1995.").meetings == ()


def test_joined_by(run: Run) -> None:
    x = run("Chancellor Peter Weiss was joined at the launch by John Carter and Maria Lopez.")
    assert {frozenset({"Weiss", "Carter"}), frozenset({"Weiss", "Lopez"})} <= pairs(x)


def test_paying_a_call_on_a_person(run: Run) -> None:
    x = run("Finance Minister Peter Weiss paid a call on IMF director John Carter.")
    assert frozenset({"Weiss", "Carter"}) in pairs(x)
    assert run("Finance Minister Peter Weiss paid a fine.").meetings == ()


def test_the_course_of_talks_tells_they_met(run: Run) -> None:
    x = run("Norway and Chile ended two days of talks in Oslo on Friday.")
    assert frozenset({"Norway", "Chile"}) in pairs(x)


def test_present_progressive_with_a_time_is_an_arrangement(run: Run) -> None:
    x = run("President John Carter is meeting Chancellor Nigel Lawson on Friday.")
    assert [m.status for m in x.meetings] == ["planned"]
    y = run("President John Carter met Chancellor Nigel Lawson on Friday.")
    assert [m.status for m in y.meetings] == ["held"]
    z = run("President John Carter was meeting Chancellor Nigel Lawson on Friday when it broke.")
    assert [m.status for m in z.meetings] == ["held"]


# --- "see" as a meeting, titles written as names -------------------------------------


def test_seeing_a_titled_person_is_a_meeting(run: Run) -> None:
    x = run(
        "Treasury Secretary Ron Hale is expected to see Finance Minister Ken Obo and "
        "Chancellor Nils Berg on Tuesday."
    )
    # two people seen at once are one encounter (GUIDE: only "separate meetings" split)
    assert pairs(x) == {
        frozenset({"Hale", "Obo"}),
        frozenset({"Hale", "Berg"}),
        frozenset({"Obo", "Berg"}),
    }
    assert all(m.status == "planned" for m in x.meetings)


def test_seeing_that_or_as_is_no_meeting(run: Run) -> None:
    for text in (
        "Treasury Secretary Ron Hale saw Finance Minister Ken Obo as a rival.",
        "Treasury Secretary Ron Hale saw Finance Minister Ken Obo on television.",
        "Treasury Secretary Ron Hale saw that Finance Minister Ken Obo was tired.",
        "Treasury Secretary Ron Hale will see his son Tom Hale on Friday.",
    ):
        assert pairs(run(text)) == set(), text


def test_a_capitalised_title_refers_to_its_holder(run: Run) -> None:
    x = run(
        "Treasury Secretary Ron Hale arrived in Paris on Monday. The Treasury Secretary "
        "will meet Finance Minister Ken Obo on Tuesday."
    )
    assert frozenset({"Hale", "Obo"}) in pairs(x)


def test_due_in_a_city_for_talks_is_planned(run: Run) -> None:
    x = run("Minister Ron Hale is due in Cairo on Monday for talks with President Omar Said.")
    assert frozenset({"Hale", "Said"}) in pairs(x)
    assert all(m.status == "planned" for m in x.meetings)


@pytest.mark.parametrize(
    "text",
    [
        "Norway and Chile said they would sign the treaty if the terms improved.",
        "Norway and Chile would sign the treaty if the terms improved.",
        "Norway and Chile will sign the treaty if the terms improve.",
    ],
)
def test_a_signing_bound_by_a_condition_is_neither_deal_nor_meeting(run: Run, text: str) -> None:
    x = run(text)
    assert x.meetings == () and x.agreements == (), text


def test_discussing_a_topic_with_someone_is_a_meeting(run: Run) -> None:
    x = run("Minister Ron Hale discussed the loan request with Finance Minister Ken Obo.")
    assert pairs(x) == {frozenset({"Hale", "Obo"})}  # the loan request is no participant
    y = run("Minister Ron Hale and Finance Minister Ken Obo discussed trade on Monday.")
    assert frozenset({"Hale", "Obo"}) in pairs(y)


def test_a_deal_signed_by_two_named_people_was_a_signing(run: Run) -> None:
    x = run(
        "The agreement was signed by Finance Minister Chu Obi and the agency's chief "
        "executive Jack Gill."
    )
    assert frozenset({"Obi", "Gill"}) in pairs(x)
    y = run("The agreement was signed by Finance Minister Chu Obi.")
    assert pairs(y) == set()


def test_a_panel_discussing_a_topic_is_no_meeting(run: Run) -> None:
    x = run(
        "Professor Lorenzo Vidi, Baroness Emma Nix, Gene Poli and Mil Arce discuss the "
        "group's use of propaganda during a town hall event."
    )
    assert pairs(x) == set()


def test_countries_signing_a_deal_is_an_agreement_only(run: Run) -> None:
    # The GUIDE: "countries signed a deal" with no sign the signatories were together.
    x = run("The United States and the Philippines signed a defence treaty in 1951.")
    assert pairs(x) == set()
    assert x.agreements and set(x.agreements[0].parties) == {"United States", "Philippines"}
    y = run("President Ole Dahl and Prime Minister Jan Moll signed a defence treaty on Monday.")
    assert frozenset({"Dahl", "Moll"}) in pairs(y)


def test_a_verbless_caption_names_who_met(run: Run) -> None:
    x = run(
        "Senators John Carter, left, and Peter Lund, following a closed-door meeting with "
        "President Maria Weber to discuss trade, Sept. 3, 2013."
    )
    assert {frozenset({"Carter", "Weber"}), frozenset({"Lund", "Weber"})} <= pairs(x)


@pytest.mark.parametrize(
    "text",
    [
        "Tokyo is striving to meet U.S. Complaints about its trade practices.",
        "The government met its deficit targets on Monday.",
        "Activist Greta Holm has met with multiple world leaders in New York.",
        "Envoy Tom Reed met senior officials on Monday.",
    ],
)
def test_meeting_demands_or_unnamed_crowds_is_no_meeting(run: Run, text: str) -> None:
    assert pairs(run(text)) == set(), text


def test_leaders_of_a_named_country_are_that_country(run: Run) -> None:
    x = run("President Ole Dahl met Japanese leaders in Tokyo.")
    assert frozenset({"Dahl", "Japan"}) in pairs(x)


# --- wrong statements found in briefings of unseen stories (session 7) ---------------


def test_family_at_a_politicians_side_is_no_meeting(run: Run) -> None:
    x = run(
        "Opposition leader Michael Howard was joined on stage by his wife Sandra, "
        "daughter Larissa and stepson Sholto."
    )
    assert pairs(x) == set()
    y = run("Opposition leader Michael Howard was joined on stage by shadow chancellor Tom Lett.")
    assert frozenset({"Howard", "Lett"}) in pairs(y)
    # a relative with a role of his own is no private person
    z = run("President George Bush met his son, Governor Jeb Bush, in Miami.")
    assert len(z.meetings) == 1


def test_an_event_whose_verb_is_ahead_is_planned(run: Run) -> None:
    x = run(
        "The commission announced its second debate between Senator Ray Dorn and "
        "Governor Paul Moss would be virtual."
    )
    (m,) = x.meetings
    assert m.status == "planned"
    y = run("The debate between Senator Ray Dorn and Governor Paul Moss was fierce.")
    (n,) = y.meetings
    assert n.status == "held"


@pytest.mark.parametrize(
    "text",
    [
        'Minister Ann Ray said: "These plans were announced by Premier Ole Dahl in December."',
        "Airline chiefs Ole Dahl and Jan Moll announced in November they would quit in May.",
        "Ole Dahl and Jan Moll said they planned to step down in May.",
        "Premier Ole Dahl said that he would prefer to agree a solution with the opposition.",
        "Iran offered to sign a deal with the agency.",
    ],
)
def test_one_sides_plans_and_wishes_are_no_agreement(run: Run, text: str) -> None:
    assert run(text).agreements == (), text


def test_plans_announced_by_two_sides_and_joint_intent_still_agree(run: Run) -> None:
    x = run("The plans were announced by Britain and France on Monday.")
    assert [set(a.parties) for a in x.agreements] == [{"Britain", "France"}]
    y = run("Moscow and Ankara announced they would coordinate their airstrikes in Syria.")
    assert [a.text for a in y.agreements] == ["they would coordinate their airstrikes in Syria"]
    z = run("France and Germany said they would work together on defence.")
    assert [set(a.parties) for a in z.agreements] == [{"France", "Germany"}]
    w = run(
        "India and Pakistan held talks in Delhi. Both sides said they planned to reopen "
        "their respective consulates."
    )
    assert [set(a.parties) for a in w.agreements] == [{"India", "Pakistan"}]


def test_agreeing_with_what_another_called_for(run: Run) -> None:
    x = run(
        "Senator Paul Pierce called for an end to the War on Drugs, with which Governor "
        "Anna Hawkins and Mayor Gloria Riva agreed."
    )
    (a,) = x.agreements
    assert a.text == "an end to the War on Drugs"
    assert set(a.parties) == {"Anna Hawkins", "Gloria Riva", "Paul Pierce"}


def test_they_after_a_counted_plural_subject_is_that_subject(run: Run) -> None:
    x = run(
        "Leaders of Israel, Bahrain and Kosovo met in Washington. The two candidates were "
        "barred from the debates due to the contracts they signed with the commission."
    )
    assert all("Kosovo" not in a.parties for a in x.agreements)


@pytest.mark.parametrize(
    "text",
    [
        "Senior EU or member state officials talked darkly of a river of Islam.",
        "Neither Premier Ole Dahl nor President Jan Moll attended the summit.",
        "Brown and Williamson said they had already met many of the government's demands.",
        "Premier Tony Blair has told Labour supporters he is back.",
        "The United States encouraged Armenia and Azerbaijan to resume peace talks.",
    ],
)
def test_alternatives_demands_and_audiences_are_no_meeting(run: Run, text: str) -> None:
    assert pairs(run(text)) == set(), text


def test_companions_and_people_told_still_meet(run: Run) -> None:
    assert frozenset({"Dahl", "Moll"}) in pairs(
        run("Premier Ole Dahl and President Jan Moll talked on Monday.")
    )
    assert frozenset({"Blair", "Bush"}) in pairs(
        run("Prime Minister Tony Blair told President George Bush he was back.")
    )
    assert frozenset({"Armenia", "Azerbaijan"}) in pairs(
        run("Armenia and Azerbaijan agreed to resume peace talks in Geneva.")
    )


def test_committing_a_crime_is_no_pledge(run: Run) -> None:
    x = run("Mr Afzal, Mr Islam and Mr Kazi deny conspiring to commit election fraud.")
    assert x.agreements == ()
    y = run("France and Germany committed themselves to a joint budget.")
    assert [set(a.parties) for a in y.agreements] == [{"France", "Germany"}]


def test_the_partner_of_a_deal_told_in_a_relative_clause(run: Run) -> None:
    x = run("Regulators approved the trade agreement Brazil signed with Japan on Monday.")
    assert [set(a.parties) for a in x.agreements] == [{"Brazil", "Japan"}]


def test_a_party_named_by_its_nickname_is_one_side(run: Run) -> None:
    x = run("Home Secretary Charles Clarke rejected the Tories' call for a quota on migrants.")
    (a,) = x.agreements
    assert set(a.parties) == {"Charles Clarke", "Conservatives"}


@pytest.mark.parametrize(
    "text",
    [
        "Candidate Spike Cohen spoke to Wikinews back in June.",
        "With Wikinews, candidate Jo Jorgensen discusses her background.",
        "Premier Ole Dahl spoke to the BBC on Monday.",
        "Detainees Tom Abbas and Paul Mubo have been allowed to meet their lawyers.",
        "The Reform Party held its convention in Orlando. At the convention, nominee Jo "
        "Jorgensen won. At its own online convention, the Green Party nominated Ann Lee.",
    ],
)
def test_interviews_leave_to_meet_and_another_events_own_are_no_meeting(
    run: Run, text: str
) -> None:
    assert pairs(run(text)) == set(), text


@pytest.mark.parametrize(
    "text",
    [
        "Two Democratic Representatives, Tom Peters and Jeff Drew, opposed the articles.",
        "In November, Absa said it was close to striking a deal with Barclays.",
        "The two candidates were barred due to the contracts they signed with the commission.",
        '"I agree that we do not need to cut supply," Oil Minister Ali Shatwan told reporters.',
    ],
)
def test_co_opponents_near_deals_and_views_are_no_agreement(run: Run, text: str) -> None:
    assert run(text).agreements == (), text


def test_a_rejected_plan_put_forward_by_another_side(run: Run) -> None:
    x = run("The peace plan proposed by Norway was rejected by Premier Ole Dahl.")
    assert [set(a.parties) for a in x.agreements] == [{"Norway", "Ole Dahl"}]
    # a second passive subject the parser invents is not a side
    y = run(
        "A fast-track system backed by the Red Cross in May for 3,000 Afghan refugees was "
        "rejected by Prime Minister Ole Dahl."
    )
    assert all("Afghanistan" not in a.parties for a in y.agreements)
    # (two sides: one person's "agreed to" alone is consent, no deal)
    z = run("Norway and Sweden agreed to raise the quota to 42.3%.")
    assert z.agreements and z.agreements[0].text.endswith("to 42.3%")


@pytest.mark.parametrize(
    "text",
    [
        "The company is also seeking dollars 20bn in a lawsuit against Rosneft and Gazprom.",
        '"Mr Howard and Mr Kennedy have said they would welcome a debate," he said.',
    ],
)
def test_co_defendants_and_a_shared_stance_are_no_agreement(run: Run, text: str) -> None:
    assert run(text).agreements == (), text


def test_a_named_complainant_disputes_with_the_accused(run: Run) -> None:
    x = run("Yukos filed a lawsuit against Rosneft and Gazprom.")
    assert [set(a.parties) for a in x.agreements] == [{"Yukos", "Rosneft", "Gazprom"}]


@pytest.mark.parametrize(
    "text",
    [
        "Premier Ole Dahl and Minister Jan Moll were friends. The sheriff has an idea to "
        "induce them to talk.",
        "Lord Falconer told BBC1's Breakfast With Frost that he was happy.",
    ],
)
def test_getting_people_to_talk_and_tv_shows_are_no_meeting(run: Run, text: str) -> None:
    assert pairs(run(text)) == set(), text


def test_sides_named_in_brackets_and_asides_cut_off(run: Run) -> None:
    x = run(
        '"The two companies [Rosneft and CNPC] have agreed on the pre-payment for '
        'deliveries," said an official.'
    )
    assert [set(a.parties) for a in x.agreements] == [{"Rosneft", "CNPC"}]
    y = run(
        "Baikal Finance Group won the auction, agreeing to pay 260.75bn roubles (pounds "
        "4.8bn; dollars 9.4bn)."
    )
    assert [a.text for a in y.agreements] == ["pay 260.75bn roubles"]


def test_a_shared_surname_is_the_person_introduced_first(run: Run) -> None:
    x = run(
        "Representative Elijah Cummings died on Thursday. Cummings, the chairman of the "
        "Oversight Committee, was 68. His parents, Robert Cummings Sr. and Ruth Elma "
        "Cummings, were sharecroppers. On Monday, Cummings met Speaker Nancy Pelosi in "
        "Baltimore."
    )
    titles = {o.name: o.title for o in x.officials}
    assert "Ruth Elma Cummings" not in titles or titles["Ruth Elma Cummings"] is None
    assert frozenset({"Pelosi", "Cummings"}) in pairs(x)
    assert all("Ruth Elma Cummings" not in m.participants for m in x.meetings)


def test_told_an_outlet_hung_on_the_object_is_no_meeting(run: Run) -> None:
    x = run(
        'Representative Elijah Cummings died. Senator Chuck Schumer told MSNBC Cummings "was '
        'a great man."'
    )
    assert pairs(x) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Both Premier Ole Dahl and Minister Jan Moll thought they had the makings of a deal.",
        "Professor Michael Siegel agreed to answer some questions for our correspondent.",
        "Senator Ann Ray agreed to an interview with reporters.",
    ],
)
def test_a_deal_in_the_making_and_interviews_are_no_agreement(run: Run, text: str) -> None:
    assert run(text).agreements == (), text


def test_agreements_near_those_still_count(run: Run) -> None:
    x = run("Premier Ole Dahl and Minister Jan Moll signed a number of agreements on trade.")
    assert [set(a.parties) for a in x.agreements] == [{"Ole Dahl", "Jan Moll"}]
    y = run("Iran agreed to answer the agency's questions about its programme.")
    assert len(y.agreements) == 1


def test_judges_sitting_together_are_a_court_not_a_meeting(run: Run) -> None:
    x = run(
        "Judge Lord Cullen, sitting with Lord Osborne and Lord Hamilton, ruled that the "
        "breaches should be dealt with on the civil standard."
    )
    assert pairs(x) == set()
    y = run("President Ole Dahl sat beside Premier Jan Moll at the dinner.")
    assert frozenset({"Dahl", "Moll"}) in pairs(y)


@pytest.mark.parametrize(
    "text",
    [
        "Deputy Speaker Sylvia Heal agreed it was of concern but said nothing could be done.",
        "Shadow ministers Oliver Letwin and Tim Yeo spoke on Monday. They said they would "
        "also press Labour over its objectives.",
        "Leaders of Denmark, France and the Netherlands met in Paris. Last year President "
        "Donald Trump withdrew from a nuclear treaty with Iran, which had been agreed under "
        "former President Barack Obama.",
    ],
)
def test_one_persons_view_a_guessed_they_and_a_recalled_treaty_are_no_agreement(
    run: Run, text: str
) -> None:
    assert run(text).agreements == (), text


def test_we_agreed_that_is_still_an_agreement(run: Run) -> None:
    x = run('"We agreed that in Afghanistan there is cause for optimism," said Premier Tony Blair.')
    assert [a.text for a in x.agreements] == ["in Afghanistan there is cause for optimism"]


@pytest.mark.parametrize(
    "text",
    [
        "Analysts had expected Japan's Nippon to agree to a price rise of between 40% and 50%.",
        "Sumitomo told UFJ of its decision on Friday, clearing the way for it to conclude a "
        "3 trillion yen deal with Mitsubishi.",
        "Ubisoft has tried to stay independent since Electronic Arts announced plans to buy "
        "19.9% of the firm.",
    ],
)
def test_expected_paved_and_one_firms_plans_are_no_agreement(run: Run, text: str) -> None:
    assert run(text).agreements == (), text


def test_a_delegation_from_a_body_and_a_name_cut_mid_bracket(run: Run) -> None:
    x = run("The latest delegation from the CBI met SEC officials on Wednesday.")
    assert [m.participants for m in x.meetings] == [("CBI", "SEC")]
    y = run(
        "Lockheed said it had signed an agreement with state-owned Hindustan Aeronautics "
        "(HAL) to share information."
    )
    assert [set(a.parties) for a in y.agreements] == [{"Lockheed", "Hindustan Aeronautics"}]


def test_a_clause_its_negated_frame_denies_is_no_fact(run: Run) -> None:
    x = run("However, the withdrawal did not mean that Libya had cut its ties with the US.")
    assert x.agreements == ()
    y = run("The spokesman said that Libya had cut its ties with the US.")
    assert [set(a.parties) for a in y.agreements] == [{"Libya", "US"}]


def test_a_panels_finding_is_no_agreement_but_a_groups_pact_is(run: Run) -> None:
    assert (
        run("Later, FDA medical advisors agreed the claims were based on faulty data.").agreements
        == ()
    )
    x = run("Eight rebel groups agreed to unite under one command.")
    assert [a.parties for a in x.agreements] == [("rebel groups",)]


def test_the_way_back_to_earth_is_no_itinerary(run: Run) -> None:
    assert (
        stops(run("Astronauts Doug Hurley and Bob Behnken will return to Earth on Friday.")) == {}
    )
    assert stops(run("President Ole Dahl will return to Oslo on Friday.")) == {"Ole Dahl": ["Oslo"]}


def test_several_nationalities_on_one_plural_noun_are_a_side_each(run: Run) -> None:
    x = run("The Egyptian and Soviet governments agreed to renegotiate the arms debt.")
    assert [set(a.parties) for a in x.agreements] == [{"Egypt", "Soviet Union"}]
    y = run("The French and German foreign ministers met in Paris on Monday.")
    assert pairs(y) == {frozenset({"France", "Germany"})}
    # one nationality is one side: no agreement between two parties
    z = run("Japanese officials agreed to open the rice market.")
    assert [a.parties for a in z.agreements] == [("Japan",)]


def test_a_partner_parsed_as_the_subject_of_what_follows(run: Run) -> None:
    # "with Britain covering X": the parser makes Britain the subject of "covering"
    x = run("Mexico signed a rescheduling accord with Britain covering 120 mln dlrs in debts.")
    assert [set(a.parties) for a in x.agreements] == [{"Mexico", "Britain"}]
    y = run("Mexico signed a rescheduling accord covering 120 mln dlrs in debts.")
    assert [a.parties for a in y.agreements] == [("Mexico",)]


def test_a_counterpart_named_apart_is_the_person(run: Run) -> None:
    # the parser hangs the name off the next verb: the counterpart is still Kharrazi
    x = run(
        "Foreign Secretary Jack Straw's talks with his Iranian counterpart Kamal Kharrazi "
        "ended without agreement."
    )
    assert pairs(x) == {frozenset({"Straw", "Kharrazi"})}
    y = run("Foreign Secretary Jack Straw's talks with his Iranian counterpart ended on Monday.")
    assert pairs(y) == {frozenset({"Straw", "Iran"})}


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("China dismissed the US demand as interference in its affairs.", {"China", "US"}),
        ("Ankara disputed Athens' claim to the islands.", {"Ankara", "Athens"}),
    ],
)
def test_dismissing_or_disputing_anothers_claim_is_a_dispute(
    run: Run, text: str, parties: set[str]
) -> None:
    x = run(text)
    assert [(set(a.parties), a.polarity) for a in x.agreements] == [(parties, "disagreed")]


@pytest.mark.parametrize(
    "text",
    [
        "President Ole Dahl dismissed his finance minister Tom Lind on Monday.",  # a sacking
        "Analysts disputed the figures.",  # nobody's claim
    ],
)
def test_a_sacking_or_an_ownerless_doubt_is_no_dispute(run: Run, text: str) -> None:
    assert run(text).agreements == (), text


def test_an_accusation_the_accused_denies_is_a_dispute(run: Run) -> None:
    x = run("Moscow accused Kiev of violating the ceasefire, a charge Kiev denied.")
    assert [(set(a.parties), a.polarity) for a in x.agreements] == [
        ({"Moscow", "Kiev"}, "disagreed")
    ]
    # the accuser's own denial: no accusation was made
    assert run("Ole Dahl denied accusing Norway of stalling the talks.").agreements == ()


def test_briefing_or_informing_a_titled_person_is_an_encounter(run: Run) -> None:
    x = run("Secretary Jane Rice briefed Foreign Minister Taro Aso on the talks on Monday.")
    assert pairs(x) == {frozenset({"Rice", "Aso"})}
    y = run("Prime Minister Tom Lind informed President Ole Dahl of his decision by telephone.")
    assert pairs(y) == {frozenset({"Lind", "Dahl"})}
    # an audience or an outlet is no one met
    assert pairs(run("Prime Minister Tom Lind briefed reporters on the talks.")) == set()
    assert pairs(run("Chancellor Tom Lind briefed the BBC on the budget.")) == set()


def test_a_joint_act_is_the_act(run: Run) -> None:
    x = run("Ministers Tom Lind and Ole Dahl co-signed a trade agreement on Monday.")
    assert [set(a.parties) for a in x.agreements] == [{"Tom Lind", "Ole Dahl"}]
    y = run("Britain and Norway co-chaired the talks in Oslo on Monday.")
    assert pairs(y) == {frozenset({"Britain", "Norway"})}
    # expected of someone else, and "co" no longer read as the verb: nothing signed
    z = run("Minister Tom Lind said he expected VW to co-sign a memorandum of agreement.")
    assert z.agreements == ()


def test_a_judges_ruling_is_no_dispute_of_the_judge(run: Run) -> None:
    x = run("Judge Victor Marrero dismissed President Tom Lind's lawsuit on Monday.")
    assert x.agreements == ()
    assert run("The Supreme Court rejected Norway's appeal on Monday.").agreements == ()
    # a side in the case is still a side
    y = run("Minister Ole Dahl rejected President Tom Lind's proposal on Monday.")
    assert [set(a.parties) for a in y.agreements] == [{"Ole Dahl", "Tom Lind"}]


def test_a_dispute_is_told_by_its_own_clause(run: Run) -> None:
    x = run(
        "President Tom Lind sued Governor Ole Dahl to block the law, but Judge Victor "
        "Marrero dismissed the lawsuit."
    )
    assert [(set(a.parties), a.polarity) for a in x.agreements] == [
        ({"Tom Lind", "Ole Dahl"}, "disagreed")
    ]
    assert "dismissed" not in x.agreements[0].text


def test_a_party_name_the_ner_split_is_read_whole(run: Run) -> None:
    # NER: "Welsh Liberal" (ORG) + "Democrat" (NORP)
    x = run("Lib Dem leader Mike German met Welsh Liberal Democrat council leaders on Monday.")
    assert [m.participants for m in x.meetings] == [("Mike German", "Welsh Liberal Democrat")]
    # the same name hung from "Democrat" (NORP) when the parser nests it
    y = run(
        'Lib Dem leader Mike German said: "I know from my discussions with Welsh Liberal '
        'Democrat council leaders that they are doing their utmost."'
    )
    assert [m.participants for m in y.meetings] == [("Mike German", "Welsh Liberal Democrat")]


def test_meeting_someone_as_family_is_private_whatever_their_role(run: Run) -> None:
    x = run("At university Neil Kinnock met his future wife Glenys, now a Labour MEP.")
    assert x.meetings == ()
    y = run("Neil Kinnock met Labour MEP Glenys Kinnock in Brussels on Monday.")
    assert [m.participants for m in y.meetings] == [("Neil Kinnock", "Glenys Kinnock")]


_FILLER = " ".join(
    f"Farmers in the valley said the harvest of year {n} was poor." for n in range(30)
)


def test_a_group_anaphor_reaches_back_to_the_lead_or_nearby_only(run: Run) -> None:
    near = run(
        "Farmers spoke of the drought. " + _FILLER + " Trade between Norway and Sweden grew. "
        "Both countries agreed to build a bridge."
    )
    assert [set(a.parties) for a in near.agreements] == [{"Norway", "Sweden"}]
    # the story's sides, set in the lead, are meant however far on
    lead = run(
        "Trade between Norway and Sweden grew. " + _FILLER + " Both countries agreed to "
        "build a bridge."
    )
    assert [set(a.parties) for a in lead.agreements] == [{"Norway", "Sweden"}]
    # a pair named in passing pages back is no antecedent
    far = run(
        "Farmers spoke of the drought. "
        + _FILLER
        + " Trade between Norway and Sweden grew. "
        + _FILLER
        + " Both countries agreed to build a bridge."
    )
    assert far.agreements == ()


def test_private_people_talking_together_is_no_meeting(run: Run) -> None:
    x = run("Two farmers, Tom Lind and Ole Dahl, discussed how the drought had hurt them.")
    assert x.meetings == ()
    y = run("Ministers Tom Lind and Ole Dahl discussed the drought on Monday.")
    assert pairs(y) == {frozenset({"Lind", "Dahl"})}


def test_talks_named_as_someones_are_given_under_a_modal(run: Run) -> None:
    x = run(
        "A decision on a summit could emerge from Secretary Tom Lind's Moscow talks with "
        "Foreign Minister Ole Dahl."
    )
    assert [(m.participants, m.status) for m in x.meetings] == [
        (("Tom Lind", "Ole Dahl"), "planned")
    ]
    # talks only supposed are none
    assert (
        run("Secretary Tom Lind may travel to Oslo for talks with Premier Ole Dahl.").meetings == ()
    )


def test_a_signing_told_with_its_place_is_a_ceremony(run: Run) -> None:
    x = run(
        "The accord was signed here yesterday by Finance Minister Tom Lind and senior "
        "Japanese officials."
    )
    assert pairs(x) == {frozenset({"Lind", "Japan"})}
    y = run("Finance Minister Tom Lind signed the accord with Japan in Tokyo on Monday.")
    assert pairs(y) == {frozenset({"Lind", "Japan"})}
    # no place, no sign they were together: an agreement only
    z = run("Finance Minister Tom Lind signed the accord with Japan on Monday.")
    assert pairs(z) == set() and len(z.agreements) == 1


def test_a_visit_made_with_a_titled_person_is_an_encounter(run: Run) -> None:
    x = run("Prime Minister Tom Lind spoke during a visit to Ireland with Taoiseach Sean Walsh.")
    assert pairs(x) == {frozenset({"Lind", "Walsh"})}
    y = run("President Tom Lind will make a visit to Oslo with Premier Ole Dahl next week.")
    assert [(m.participants, m.status) for m in y.meetings] == [
        (("Tom Lind", "Ole Dahl"), "planned")
    ]
    # a companion with no role of their own is no one met
    assert run("President Tom Lind made a visit to Oslo with Jan Berg on Monday.").meetings == ()


def test_a_journey_with_a_titled_person_is_time_together(run: Run) -> None:
    x = run("Prime Minister Tom Lind travelled to Baghdad with Defence Secretary Ole Dahl.")
    assert [(m.participants, m.place) for m in x.meetings] == [
        (("Tom Lind", "Ole Dahl"), "Baghdad")
    ]
    y = run("Bank chief Tom Lind leaves for New York tomorrow with Treasury Secretary Ole Dahl.")
    assert [m.status for m in y.meetings] == ["planned"]
    # family, or a journey not made, is no encounter
    assert run("President Tom Lind arrived in Oslo with his wife on Monday.").meetings == ()
    assert run("President Tom Lind will not travel to Oslo with Premier Ole Dahl.").meetings == ()


def test_a_delegation_led_by_a_person_is_that_person(run: Run) -> None:
    x = run("A delegation led by Foreign Minister Tom Lind met President Ole Dahl on Monday.")
    assert pairs(x) == {frozenset({"Lind", "Dahl"})}


def test_agreeing_with_what_someone_did_is_a_view(run: Run) -> None:
    x = run(
        'Minister Tom Lind praised Ms Dahl, saying he "agreed with everything she has done" '
        "to change the health service."
    )
    assert x.agreements == ()
    y = run("Minister Tom Lind agreed with Premier Ole Dahl on a plan to cut tariffs.")
    assert [set(a.parties) for a in y.agreements] == [{"Tom Lind", "Ole Dahl"}]


def test_parties_each_planning_as_another_does_is_no_joint_intent(run: Run) -> None:
    # "also": the same plan as a third party's, held by each, not agreed between them
    x = run("Both Labour and the Conservatives have said they also plan to boost pensions.")
    assert x.agreements == ()
    y = run("Norway and Chile announced they would coordinate their fishing quotas.")
    assert [set(a.parties) for a in y.agreements] == [{"Norway", "Chile"}]


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        ("Iran refused the EU's request to suspend enrichment.", {"Iran", "EU"}),
        ("Israel turned down a Syrian offer of peace talks.", {"Israel", "Syria"}),
        ("Pakistan denied India's charge that it backs the rebels.", {"Pakistan", "India"}),
        (
            "Germany has blocked the Commission's plan to raise the budget.",
            {"Germany", "Commission"},
        ),
        ("China protested to Japan over the visit.", {"China", "Japan"}),
        ("Japan lodged a formal protest with China over the incident.", {"Japan", "China"}),
        ("Beijing protested against Tokyo's decision.", {"Beijing", "Tokyo"}),
    ],
)
def test_refusing_anothers_request_or_protesting_to_them_is_a_dispute(
    run: Run, text: str, parties: set[str]
) -> None:
    x = run(text)
    assert [(set(a.parties), a.polarity) for a in x.agreements] == [(parties, "disagreed")], text


@pytest.mark.parametrize(
    "text",
    [
        "The minister denied the report.",  # nobody's claim
        "Britain refused him a visa.",  # a person refused, no position
        "He turned the Commission's offer into a success.",  # not "turned down"
        "He was discharged after taking part in a protest with the Iraq Veterans group.",
        "Protesters protested against the war in London.",
    ],
)
def test_refusals_and_protests_with_no_other_side_are_no_dispute(run: Run, text: str) -> None:
    assert run(text).agreements == (), text


def test_one_clause_read_twice_is_one_dispute(run: Run) -> None:
    x = run("Norway and Chile failed to resolve their dispute over fishing quotas.")
    assert [(set(a.parties), a.polarity) for a in x.agreements] == [
        ({"Norway", "Chile"}, "disagreed")
    ]


def test_expected_in_or_will_be_in_a_place_is_a_stop(run: Run) -> None:
    assert stops(run("President Tom Lind is expected in Berlin next week.")) == {
        "Tom Lind": ["Berlin"]
    }
    x = run("Foreign Minister Tom Lind will be in Tokyo on Monday and Seoul on Tuesday.")
    assert [(s.place, s.when) for i in x.next_stops for s in i.stops] == [
        ("Tokyo", "Monday"),
        ("Seoul", "Tuesday"),
    ]
    # present or past presence, or nobody travelling, is no stop
    for text in (
        "He had talks with World Bank official Tom Lind, who is currently in Buenos Aires.",
        "President Tom Lind was in Berlin last week.",
        "Growth is expected in Berlin next year.",
        "President Tom Lind will be in office until 2010.",
    ):
        assert stops(run(text)) == {}, text


def test_talks_a_journey_is_for_are_at_its_end(run: Run) -> None:
    for text in (
        "Prime Minister Tom Lind will travel to Paris on Friday for talks with President Ole Dahl.",
        "Prime Minister Tom Lind is due in Paris on Friday for talks with President Ole Dahl.",
    ):
        x = run(text)
        assert [(m.place, m.when, m.status) for m in x.meetings] == [
            ("Paris", "Friday", "planned")
        ], text


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "Last week, SBC Communications agreed to buy its former parent AT&T for $16bn.",
            {"SBC Communications", "AT&T"},
        ),
        ("Illva Saronno has agreed to buy 33% of Changyu.", {"Illva Saronno", "Changyu"}),
        ("Diageo has agreed to buy wine company Chalone for $260m.", {"Diageo", "Chalone"}),
        ("Fiat agreed to sell its stake to General Motors.", {"Fiat", "General Motors"}),
    ],
)
def test_a_buyout_or_sale_agreed_is_made_with_the_other_company(
    run: Run, text: str, parties: set[str]
) -> None:
    assert [set(a.parties) for a in run(text).agreements] == [parties], text


def test_buying_things_has_no_other_side(run: Run) -> None:
    assert [a.parties for a in run("Norway agreed to buy ten jets.").agreements] == [("Norway",)]


def test_a_takeover_agreed_by_its_target_names_the_bidder(run: Run) -> None:
    x = run("Aggregate Industries said it had agreed a pounds 1.8bn takeover by Holcim.")
    assert [set(a.parties) for a in x.agreements] == [{"Aggregate Industries", "Holcim"}]
    y = run("The union agreed a pay deal by a large majority.")
    assert [a.parties for a in y.agreements] == [("union",)]


def test_the_leaders_of_two_countries_met_together_are_one_encounter(run: Run) -> None:
    x = run("President Tom Lind shook hands with the leaders of Egypt and Israel.")
    assert pairs(x) == {
        frozenset({"Lind", "Egypt"}),
        frozenset({"Lind", "Israel"}),
        frozenset({"Egypt", "Israel"}),
    }
    # calls reach them one at a time
    y = run("President Tom Lind phoned the leaders of Egypt and Israel.")
    assert frozenset({"Egypt", "Israel"}) not in pairs(y)


def test_a_dinner_hosted_for_a_guest_is_an_encounter(run: Run) -> None:
    x = run("President Tom Lind hosted a dinner for Premier Ole Dahl on Monday.")
    assert pairs(x) == {frozenset({"Lind", "Dahl"})}
    assert run("President Tom Lind hosted a dinner for business leaders.").meetings == ()


def test_members_of_a_body_stand_for_it(run: Run) -> None:
    x = run("President Tom Lind met members of the Senate Foreign Relations Committee on Monday.")
    assert [m.participants for m in x.meetings] == [
        ("Tom Lind", "Senate Foreign Relations Committee")
    ]
    assert run("President Tom Lind met members of the royal family.").meetings == ()


@pytest.mark.parametrize(
    "text",
    [
        "Deputy Secretary Tom Lind will lead the U.S. delegation to Geneva next week.",
        "Deputy Secretary Tom Lind will head the U.S. delegation to Geneva next week.",
        "Deputy Secretary Tom Lind will lead the U.S. delegation to the talks in Geneva.",
    ],
)
def test_who_leads_a_delegation_goes_where_it_goes(run: Run, text: str) -> None:
    assert stops(run(text)) == {"Tom Lind": ["Geneva"]}, text


def test_a_delegation_led_before_or_a_party_led_is_no_stop(run: Run) -> None:
    assert stops(run("Deputy Secretary Tom Lind led the delegation to Geneva last week.")) == {}
    assert stops(run("Party leader Tom Lind will lead the party to victory.")) == {}


def test_a_possessive_is_bound_by_its_own_clause_subject(run: Run) -> None:
    text = (
        "Dozens of leaders are arriving in Oslo for the Nordic Forum. "
        "President Tom Lind will open the forum, although his speech will be preceded by "
        "Premier Ole Dahl, who announced his attendance on Friday."
    )
    assert frozenset({"Lind", "Dahl"}) in pairs(run(text))
    # the same possessive with no subject of its own clause still reads back
    y = run(
        "Dozens of leaders are arriving in Oslo for the Nordic Forum. "
        "President Tom Lind will open the forum. Premier Ole Dahl spoke of his attendance."
    )
    assert frozenset({"Lind", "Dahl"}) in pairs(y)


def test_a_person_and_a_bodys_representatives_met_at_once(run: Run) -> None:
    x = run(
        "Minister Tom Lind met on Monday with Governor Ole Dahl and representatives from "
        "the World Bank and the IMF."
    )
    assert [set(m.participants) for m in x.meetings] == [
        {"Tom Lind", "Ole Dahl", "World Bank", "IMF"}
    ]
    # said to be apart, they stay apart
    y = run(
        "Minister Tom Lind met separately with Governor Ole Dahl and representatives from "
        "the World Bank."
    )
    assert frozenset({"Dahl", "Bank"}) not in pairs(y)
    assert frozenset({"Lind", "Bank"}) in pairs(y)


@pytest.mark.parametrize(
    "text",
    [
        "President Tom Lind and Premier Ole Dahl arrived within seconds of each other for "
        "the summit.",
        "President Tom Lind and Premier Ole Dahl held talks for hours.",
    ],
)
def test_a_span_of_time_is_not_when(run: Run, text: str) -> None:
    x = run(text)
    assert [m.when for m in x.meetings] == [None], text
    assert [
        m.when
        for m in run("President Tom Lind and Premier Ole Dahl held talks on Monday.").meetings
    ] == ["Monday"]


def test_a_group_of_named_members_is_its_members(run: Run) -> None:
    x = run(
        "The president took note of the nuclear agreement reached last year between "
        "Tehran and a group of world powers."
    )
    assert [a.parties for a in x.agreements] == [("Tehran", "world powers")]
    # a group of people the text does not name is nobody
    assert run("A group of protesters met President Tom Lind on Monday.").meetings == ()


@pytest.mark.parametrize(
    "text",
    [
        "India blames Pakistan for fueling the unrest. Islamabad denies the charges.",
        "Minister Tom Lind accused Norway of dumping fish. Norway rejects the allegation.",
    ],
)
def test_an_accusation_denied_in_the_next_sentence_is_a_dispute(run: Run, text: str) -> None:
    x = run(text)
    assert [a.polarity for a in x.agreements] == ["disagreed"], text
    assert len(x.agreements[0].parties) == 2


@pytest.mark.parametrize(
    "text",
    [
        # the accuser's own denial, an unanswered charge, a denial of something else
        "Minister Tom Lind accused Norway of dumping fish. He denies the allegation.",
        "Minister Tom Lind accused Norway of dumping fish. Norway said nothing.",
        "Minister Tom Lind accused Norway of dumping fish. Norway denies any plan to leave.",
        "Minister Tom Lind blamed the weather for the delay.",
    ],
)
def test_an_accusation_not_answered_is_no_dispute(run: Run, text: str) -> None:
    assert run(text).agreements == (), text


@pytest.mark.parametrize(
    "text",
    [
        "Minister Tom Lind will visit Japan in May. He will be accompanied by Governor Ole "
        "Dahl and director of public finance Eva Berg.",
        "Minister Tom Lind will visit Japan in May. Lind told reporters he will be "
        "accompanied by Governor Ole Dahl and director of public finance Eva Berg.",
    ],
)
def test_who_will_accompany_a_traveller_shares_the_stops(run: Run, text: str) -> None:
    assert stops(run(text)) == {
        "Tom Lind": ["Japan"],
        "Ole Dahl": ["Japan"],
        "Eva Berg": ["Japan"],
    }, text


def test_accompanied_on_a_visit_told_as_past_or_before_any_trip(run: Run) -> None:
    x = run("Minister Tom Lind visited Japan in May. He was accompanied by Governor Ole Dahl.")
    assert stops(x) == {}
    # the companion of an upcoming visit goes along; one of his own party on the trip
    # is no encounter, but at an event they go to together it is, and planned
    y = run("Minister Tom Lind, accompanied by Governor Ole Dahl, will visit Japan in May.")
    assert stops(y) == {"Tom Lind": ["Japan"], "Ole Dahl": ["Japan"]}
    assert y.meetings == ()
    y = run(
        "Minister Tom Lind, accompanied by Governor Ole Dahl, will attend the summit in May.",
        dt.date(2005, 3, 14),
    )
    assert [(m.status, m.date) for m in y.meetings] == [("planned", dt.date(2005, 5, 1))]
    # who accompanies someone home after a trip told as past adds nothing
    z = run("Governor Ole Dahl will be accompanied by his wife. Minister Tom Lind will visit Oslo.")
    assert stops(z) == {"Tom Lind": ["Oslo"]}


def test_a_visit_yet_to_follow_is_a_stop(run: Run) -> None:
    x = run(
        "Foreign Minister Tom Lind informed Cuban officials on Monday on the crisis. They "
        "said the envoy's trip, to be followed from Tuesday by a visit to Nicaragua, could "
        "be linked to a mediation."
    )
    assert stops(x) == {"Tom Lind": ["Nicaragua"]}
    y = run(
        "Foreign Minister Tom Lind arrived in Havana on Monday. The trip was followed by a "
        "visit to Nicaragua."
    )
    assert stops(y) == {}


def test_a_spokesman_unnamed_speaks_for_the_body(run: Run) -> None:
    x = run("An EU spokesman in Washington dismissed the US complaint.")
    assert [(set(a.parties), a.polarity) for a in x.agreements] == [({"EU", "US"}, "disagreed")]
    # a spokesman the text names is that person
    y = run("EU spokesman Tom Lind dismissed the US complaint.")
    assert [set(a.parties) for a in y.agreements] == [{"Tom Lind", "US"}]
    # and a spokesman of no body is nobody
    assert run("A spokesman dismissed the US complaint.").agreements == ()


def test_a_package_agreed_with_a_debtors_creditors(run: Run) -> None:
    x = run(
        "The loan is part of a 12 billion dlr package agreed with Mexico's creditors last year."
    )
    assert [(a.parties, a.polarity) for a in x.agreements] == [(("Mexico", "creditors"), "agreed")]
    # creditors of no one named, or a package only sought, is no deal between sides
    assert run("The plan agreed with creditors will be signed soon.").agreements == ()
    assert run("Mexico is seeking a package agreed with its creditors.").agreements == ()


def test_a_peer_after_a_title_and_the_office_held_then(run: Run) -> None:
    x = run(
        "On 13 March Lord Goldsmith met then Home Office Minister Lord Falconer and "
        "Downing Street adviser Baroness Morgan."
    )
    assert [set(m.participants) for m in x.meetings] == [{"Goldsmith", "Falconer", "Morgan"}]
    # "and then" still tells one encounter after another
    y = run("Premier Ole Dahl met President Tom Lind and then Governor Eva Berg.")
    assert sorted(len(m.participants) for m in y.meetings) == [2, 2]
    # a rank alone, with no name after it, is nobody
    assert run("Home Office Minister Lord met Premier Ole Dahl.").meetings == ()


def test_its_meeting_held_is_the_clause_subjects_and_since_is_no_date(run: Run) -> None:
    x = run("Norway held its third meeting with Iceland since May.")
    assert [(m.participants, m.when) for m in x.meetings] == [(("Norway", "Iceland"), None)]
    # "its" owned by someone else than the clause's subject stays theirs
    y = run("Chinese officials were irritated by Rover's disclosure of its talks with SAIC.")
    assert frozenset({"China", "SAIC"}) not in pairs(y)


def test_a_firm_the_tagger_took_for_a_place(run: Run) -> None:
    x = run("Sinopec agreed to merge with Gazprom.")
    assert [a.parties for a in x.agreements] == [("Sinopec", "Gazprom")]
    # a real country stays no counterpart; and with no named buyer, no one-sided deal
    assert [a.parties for a in run("Tesco agreed to buy France.").agreements] == [("Tesco",)]
    assert run("Rosneft has agreed to merge with Gazprom.").agreements == ()


def test_a_common_noun_naming_one_body(run: Run) -> None:
    x = run("The US telephone company Verizon has held merger discussions with MCI.")
    assert [m.participants for m in x.meetings] == [("Verizon", "MCI")]
    y = run("Verizon bosses have held talks with MCI.")
    assert [m.participants for m in y.meetings] == [("Verizon", "MCI")]
    # two bodies under a plural noun stay two
    z = run(
        "Nigerian banks United Bank of Africa and Standard Trust Bank have agreed plans to merge."
    )
    assert [set(a.parties) for a in z.agreements] == [
        {"United Bank of Africa", "Standard Trust Bank"}
    ]
    # a person after the noun is that person
    x = run("The group leader Tom Lind held talks with MCI.")
    assert [m.participants for m in x.meetings] == [("Tom Lind", "MCI")]


def test_the_pair_are_the_two_just_named(run: Run) -> None:
    x = run(
        "Mayor Ray Mallon and Minister Nick Robb clashed over the assembly. The pair met on "
        "the platform at Sunderland station."
    )
    assert [m.participants for m in x.meetings] == [("Ray Mallon", "Nick Robb")]
    assert run("The pair of envoys met Premier Ole Dahl.").meetings == ()


# --- names and times (session 10) --------------------------------------------------


def test_a_title_of_two_words_inside_the_name_entity(run: Run) -> None:
    x = run("Crown Prince Omar bin Said Aziz met Vice President Ole Dahl on Monday.")
    assert [m.participants for m in x.meetings] == [("Omar bin Said Aziz", "Ole Dahl")]
    # a patronymic name is shortened to the given name, not the last word
    y = run(
        "Crown Prince Omar bin Said Aziz arrived in Oslo. Prince Omar will meet Premier Ole "
        "Dahl on Tuesday."
    )
    assert [m.participants for m in y.meetings] == [("Omar bin Said Aziz", "Ole Dahl")]


def test_a_name_the_tagger_cut_at_its_particle(run: Run, nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ursula von der Leyen met President Ole Dahl on Monday."
    ents = [e.text for e in nlp(text).ents if e.label_ == "PERSON"]
    if "Ursula von der Leyen" in ents:
        pytest.skip("this model tags the whole name; the repair has nothing to do")
    x = run(text)
    assert [m.participants for m in x.meetings] == [("Ursula von der Leyen", "Ole Dahl")]


def test_how_long_a_meeting_lasted_is_not_when(run: Run) -> None:
    x = run("Premier Ole Dahl met for an hour with President Tom Lind on Monday.")
    assert [m.when for m in x.meetings] == ["Monday"]
    y = run("Premier Ole Dahl met President Tom Lind for two days.")
    assert [m.when for m in y.meetings] == [None]


def test_calling_a_person_to_do_something_is_a_call(run: Run) -> None:
    x = run("President Ole Dahl called President Tom Lind to congratulate him.")
    assert pairs(x) == {frozenset({"Dahl", "Lind"})}
    y = run("President Ole Dahl called President Tom Lind on Wednesday to discuss the dam.")
    assert [(m.participants, m.when) for m in y.meetings] == [
        (("Ole Dahl", "Tom Lind"), "Wednesday")
    ]
    # naming, urging and summoning are no calls
    for text in (
        "President Ole Dahl called President Tom Lind a liar.",
        'President Ole Dahl called President Tom Lind a "climate arsonist", citing the fires.',
        "President Ole Dahl called on President Tom Lind to resign.",
        "President Ole Dahl was called to testify by President Tom Lind's committee.",
        "Its leader was a young lawyer called Tom Lind, President Ole Dahl said.",
    ):
        assert pairs(run(text)) == set(), text


def test_asking_for_talks_is_no_meeting_and_no_deal(run: Run) -> None:
    for text in (
        "Premier Ole Dahl called for talks with President Tom Lind.",
        "Premier Ole Dahl urged talks with President Tom Lind.",
        "Premier Ole Dahl proposed a meeting with President Tom Lind next week.",
        "Norway has pressed for a summit with Iceland.",
    ):
        x = run(text)
        assert (pairs(x), x.agreements) == (set(), ()), text
    # held or travelled to, they are meetings; two who urge together agree
    assert pairs(run("Premier Ole Dahl arrived for talks with President Tom Lind.")) == {
        frozenset({"Dahl", "Lind"})
    }
    z = run("Norway and Sweden urged talks with Iceland.")
    assert [set(a.parties) for a in z.agreements] == [{"Norway", "Sweden"}]


def test_a_call_or_meeting_framing_what_was_said(run: Run) -> None:
    x = run(
        "In a call with President Tom Lind on Monday, Premier Ole Dahl said the dam would be built."
    )
    assert [(m.participants, m.when) for m in x.meetings] == [(("Ole Dahl", "Tom Lind"), "Monday")]
    assert run("In a call with investors, Premier Ole Dahl said the dam was safe.").meetings == ()
    # told by someone in a meeting: the teller is the other side
    y = run("In a meeting that day Premier Ole Dahl was told by Minister Tom Lind of the flood.")
    assert pairs(y) == {frozenset({"Dahl", "Lind"})}
    assert (
        run("At a meeting on Monday, Premier Ole Dahl was criticised by the press.").meetings == ()
    )


def test_a_group_met_and_then_named_by_office(run: Run) -> None:
    text = (
        "Prime Minister Ole Dahl held frank discussions with the provincial premiers on "
        "Monday. Nordland Premier Tom Lind agreed. Troms Premier Kari Moe said talks went "
        "well."
    )
    x = run(text)
    assert [set(m.participants) for m in x.meetings] == [{"Ole Dahl", "Tom Lind", "Kari Moe"}]
    # one named premier is no roll of the group; a planned meeting keeps the group
    y = run(text.replace(" Troms Premier Kari Moe said talks went well.", ""))
    assert [m.participants for m in y.meetings] == [("Ole Dahl", "provincial premiers")]
    z = run(text.replace("held frank discussions", "will hold talks"))
    assert [m.participants for m in z.meetings] == [("Ole Dahl", "provincial premiers")]


def test_office_holders_of_named_countries_signing_or_meeting(run: Run) -> None:
    x = run(
        "By signing the agreement on Tuesday, the prime ministers of Norway, Iceland and "
        'Sweden have overcome the problem. "This is important," said Icelandic Prime '
        "Minister Ole Dahl."
    )
    assert [set(m.participants) for m in x.meetings] == [{"Norway", "Ole Dahl", "Sweden"}]
    # countries that sign are an agreement only; planned signings are planned meetings
    assert run("Norway, Iceland and Sweden signed the agreement on Tuesday.").meetings == ()
    y = run("The foreign ministers of Norway and Iceland will sign the agreement on Tuesday.")
    assert [(m.participants, m.status) for m in y.meetings] == [(("Norway", "Iceland"), "planned")]
    # met: each the one the text titles with that office and country
    z = run(
        "The foreign ministers of Norway and Iceland met in Oslo on Tuesday. Norwegian "
        "Foreign Minister Ole Dahl said it went well. Icelandic Premier Kari Moe agreed."
    )
    assert [m.participants for m in z.meetings] == [("Ole Dahl", "Iceland")]


def test_habitual_meetings_are_not_meetings(run: Run) -> None:
    for text in (
        "Aide Tom Lind told jurors he met frequently with President Ole Dahl.",
        "Premier Ole Dahl used to meet President Tom Lind.",
        "Premier Ole Dahl meets President Tom Lind every week.",
        "Premier Ole Dahl talks regularly with President Tom Lind.",
    ):
        assert run(text).meetings == (), text
    assert pairs(run("Premier Ole Dahl met President Tom Lind again on Monday.")) == {
        frozenset({"Dahl", "Lind"})
    }


def test_a_named_person_and_the_others_of_their_side(run: Run) -> None:
    x = run(
        "The Armacost discussions with Deputy Foreign Minister Ryohei Murata and other "
        "senior Japanese officials will focus on aid."
    )
    assert [m.participants for m in x.meetings] == [("Armacost", "Ryohei Murata")]
    # a side named in its own right stays one
    y = run("Envoy Tom Lind held talks with Minister Ryohei Murata and Japanese officials.")
    assert frozenset({"Lind", "Japan"}) in pairs(y)


def test_talks_only_worked_for_are_not_held(run: Run) -> None:
    for text in (
        "Envoy Tom Lind briefed the government on efforts aimed at starting discussions "
        "between Turkey and Greece.",
        "Mr Gates is said to be trying to arrange a meeting with President Lula da Silva.",
        "Norway launched a bid to hold talks with Iceland.",
    ):
        assert run(text).meetings == (), text
    assert pairs(run("Norway and Iceland began talks on Monday.")) == {
        frozenset({"Norway", "Iceland"})
    }


def test_a_list_of_people_each_under_a_title(run: Run) -> None:
    # the parser breaks such a list into appositions and modifiers
    x = run(
        "Secretary Tom Lind is expected to see Japanese Finance Minister Kiichi Miyazawa, West "
        "German Finance Minister Gerhard Stoltenberg and British Chancellor of the Exchequer "
        "Nigel Lawson."
    )
    met = {p for m in x.meetings for p in m.participants}
    assert met == {"Tom Lind", "Kiichi Miyazawa", "Gerhard Stoltenberg", "Nigel Lawson"}
    # a name with an apposition and a speech verb after it is no list
    y = run("Secretary Tom Lind met Kiichi Miyazawa, President Ole Dahl said.")
    assert pairs(y) == {frozenset({"Lind", "Miyazawa"})}


def test_one_meeting_named_in_the_singular_is_one_encounter(run: Run) -> None:
    x = run(
        "Premier Ole Dahl will present the plan at a meeting with industrialists and trade "
        "union leaders."
    )
    assert [set(m.participants) for m in x.meetings] == [
        {"Ole Dahl", "industrialists", "trade union leaders"}
    ]
    # talks, in the plural, with several people may be several encounters
    y = run(
        "Premier Ole Dahl held talks with Minister Anna Berg, Minister Paul Stern and "
        "Minister Lisa Holm."
    )
    assert frozenset({"Anna Berg", "Paul Stern"}) not in {
        frozenset(m.participants) for m in y.meetings
    } and frozenset({"Berg", "Stern"}) not in pairs(y)


def test_a_bare_deal_takes_what_the_next_definite_mention_says(run: Run) -> None:
    x = run("Norway and Iceland signed an agreement on Monday. The agreement on fishing quotas "
            "runs until 2030.")  # fmt: skip
    [deal] = x.agreements
    assert deal.text == "The agreement on fishing quotas" and len(deal.evidence) == 2
    # another deal named next may be a different one: the bare telling stays
    y = run("Norway and Iceland signed an agreement on Monday. A similar agreement with "
            "Russia on fishing quotas failed.")  # fmt: skip
    assert [a.text for a in y.agreements] == ["signed an agreement on Monday"]


def test_how_long_a_meeting_lasts_is_not_when_it_is(run: Run) -> None:
    x = run("President Tom Lind will hold talks with Premier Ole Dahl during his two-day stay.")
    assert [(m.status, m.when) for m in x.meetings] == [("planned", None)]
    y = run("President Tom Lind held talks with Premier Ole Dahl for several hours today.")
    assert [(m.status, m.when) for m in y.meetings] == [("held", "today")]


def test_a_knight_is_shortened_to_the_given_name(run: Run) -> None:
    x = run("Liberals demanded Sir Edward Heath quit. On Monday, Sir Edward met Liberal leader "
            "Jeremy Thorpe.")  # fmt: skip
    assert [m.participants for m in x.meetings] == [("Edward Heath", "Jeremy Thorpe")]
    # without the knighthood a bare given name is someone else
    y = run("Liberals demanded Sir Edward Heath quit. On Monday, Edward met Liberal leader "
            "Jeremy Thorpe.")  # fmt: skip
    assert [m.participants for m in y.meetings] == [("Edward", "Jeremy Thorpe")]


def test_a_generic_role_with_a_nationality_is_that_countrys_titled_person(run: Run) -> None:
    x = run("UK Foreign Secretary Jack Straw said the embargo should end. In Tokyo, Japanese "
            "Foreign Minister Nobutaka Machimura told the British minister that his plan was "
            "worrying.")  # fmt: skip
    assert [set(m.participants) for m in x.meetings] == [{"Jack Straw", "Nobutaka Machimura"}]
    # no French person is titled: nobody is meant
    y = run("UK Foreign Secretary Jack Straw said the embargo should end. Japanese Foreign "
            "Minister Nobutaka Machimura met the French minister on Monday.")  # fmt: skip
    assert y.meetings == ()


def test_the_people_of_a_country_as_a_side(run: Run) -> None:
    x = run("Secretary of State George Shultz will hold talks with the Soviets in Moscow.")
    assert [set(m.participants) for m in x.meetings] == [{"George Shultz", "Soviet Union"}]
    y = run("The Israelis rejected Secretary of State George Shultz's proposal.")
    assert [set(a.parties) for a in y.agreements] == [{"Israel", "George Shultz"}]
    # citizens met on a visit are no government
    z = run("Former UN chief Kofi Annan said his conversations with Kenyans showed a crisis.")
    assert z.meetings == ()


@pytest.mark.parametrize(
    "text",
    [
        "President Tom Lind and Premier Ole Dahl held a video call on Tuesday.",
        "President Tom Lind held a videoconference with Premier Ole Dahl on Tuesday.",
        "President Tom Lind and Premier Ole Dahl held a video conference on Tuesday.",
    ],
)
def test_a_call_or_meeting_by_video_is_a_meeting(run: Run, text: str) -> None:
    assert pairs(run(text)) == {frozenset({"Lind", "Dahl"})}, text


def test_a_video_conference_alone_or_with_nobody_named_is_none(run: Run) -> None:
    for text in (
        "President Tom Lind held a video conference on Tuesday.",
        "President Tom Lind held a video call with students on Tuesday.",
    ):
        assert run(text).meetings == (), text


def test_talks_on_a_trip_take_its_place_and_time(run: Run) -> None:
    x = run("President Tom Lind is due to hold talks with Premier Ole Dahl when he visits "
            "Oslo next week.")  # fmt: skip
    assert [(m.status, m.place, m.when) for m in x.meetings] == [("planned", "Oslo", "next week")]
    y = run("Premier Ole Dahl will visit Washington next month for talks with President Tom Lind.")
    assert [(m.place, m.when) for m in y.meetings] == [("Washington", "next month")]
    # a round of visits: no one place for all of them
    z = run("Minister Tom Lind will this week visit Britain and France for talks with Premier "
            "Ole Dahl.")  # fmt: skip
    assert all(m.place is None for m in z.meetings)


def test_a_repeated_preposition_keeps_its_objects(run: Run) -> None:
    """ "to A and to B": the parser makes the second preposition a conjunct of the
    first (or of the verb), not B a conjunct of A; B is met all the same."""
    x = run(
        "Minister Ann Roe paid a call in Washington to IMF Managing Director Tom Lind "
        "and to World Bank President Sam Reed."
    )
    assert {frozenset(("Roe", "Lind")), frozenset(("Roe", "Reed"))} <= pairs(x)
    x = run("Minister Ann Roe held talks with Premier Tom Lind and with President Sam Reed.")
    assert frozenset(("Roe", "Reed")) in pairs(x)
    [deal] = run("Britain signed a trade deal with France and with Spain.").agreements
    assert set(deal.parties) == {"Britain", "France", "Spain"}
    # a different preposition is no repetition
    x = run("Minister Ann Roe spoke to Premier Tom Lind and about President Sam Reed.")
    assert frozenset(("Roe", "Reed")) not in pairs(x)


def test_a_need_to_talk_and_a_speech_are_no_meetings(run: Run) -> None:
    """GUIDE: speculative meetings and speeches are not meetings."""
    for text in (
        "Premier Tom Lind added that he and President Ann Roe need to talk about what happened.",
        "President Tom Lind delivers his State of the Union address before a joint "
        "session of Congress on Capitol Hill.",
        "Governor Tom Lind testified before a session of the Senate committee.",
    ):
        assert run(text).meetings == (), text
    # a meeting held before a session is still a meeting
    x = run("President Tom Lind met Speaker Ann Roe before a joint session of Congress.")
    assert frozenset(("Lind", "Roe")) in pairs(x)


def test_his_own_blocs_counterparts_are_no_other_side(run: Run) -> None:
    """GUIDE: a person is never paired with a group he belongs to. "His EU
    counterparts" are his own bloc's; "her Chinese counterpart" is China's side."""
    for text in (
        "UK Prime Minister Tony Blair is meeting his EU counterparts to finalise a package.",
        "Chancellor Gordon Brown will meet his G7 counterparts in London on Friday.",
    ):
        assert run(text).meetings == (), text
    x = run("Foreign Minister Ann Roe met her Chinese counterpart in Beijing.")
    assert [set(m.participants) for m in x.meetings] == [{"Ann Roe", "China"}]


def test_an_event_that_only_dates_an_act(run: Run) -> None:
    """ "two days before a meeting of the council": the meeting dates the act and does
    not place the actor there; talks with a named side still do."""
    for text in (
        "Prime Minister Tom Lind intervened only two days before a scheduled meeting of "
        "the Economic Policy Council.",
        "Prime Minister Tom Lind spoke ahead of a meeting of the Economic Policy Council.",
    ):
        assert run(text).meetings == (), text
    x = run("After talks with President Ann Roe, Premier Tom Lind said the deal was close.")
    assert frozenset(("Lind", "Roe")) in pairs(x)
    x = run("Prime Minister Tom Lind spoke at a meeting of the Economic Policy Council.")
    assert x.meetings != ()


def test_people_listed_after_a_role_noun_all_join(run: Run) -> None:
    """ "joining his rival A and B at a launch": the list hangs on the name in
    apposition to the role noun; each named person is there."""
    x = run(
        "Minister Tom Lind was seen on Monday, with Mr Lind joining his rival Alan Roe "
        "and Deputy Prime Minister John Hale at an election poster launch."
    )
    assert pairs(x) == {
        frozenset(("Lind", "Roe")),
        frozenset(("Lind", "Hale")),
        frozenset(("Roe", "Hale")),
    }, pairs(x)
    # a role noun with one name and an unnamed second object adds no one
    x = run("Mr Lind met his rival Alan Roe and two aides at the launch.")
    assert pairs(x) == {frozenset(("Lind", "Roe"))}, pairs(x)


@pytest.mark.parametrize(
    "text",
    [
        # an offer or a proposal of talks awaits an answer
        "Norway offered talks with Iceland on Monday.",
        "Norway has offered to hold talks with Iceland.",
        "Premier Tom Lind proposed in a letter to his counterpart Jan Roe that they meet.",
        # talks through go-betweens: the sides never met
        "Norway held indirect talks with Iceland on Monday.",
        "Norway and Iceland held proximity talks on Monday.",
        "Norway negotiated indirectly with Iceland for months.",
    ],
)
def test_talks_offered_or_held_through_others_are_no_meeting(run: Run, text: str) -> None:
    assert run(text).meetings == (), text


@pytest.mark.parametrize(
    "text",
    [
        "Norway held direct talks with Iceland on Monday.",
        "Norway held talks with Iceland on Monday and offered more talks.",
    ],
)
def test_talks_held_face_to_face_are_a_meeting(run: Run, text: str) -> None:
    assert pairs(run(text)) == {frozenset(("Norway", "Iceland"))}, text


@pytest.mark.parametrize(
    "text",
    [
        "The accord was signed yesterday by Minister Tom Lind after talks with Jan Roe.",
        "The plan was approved by Minister Tom Lind after talks with Jan Roe on Monday.",
    ],
)
def test_the_agent_of_a_passive_held_the_talks_it_followed(run: Run, text: str) -> None:
    """ "X was signed by A after talks with B": A is the one who talked with B."""
    assert pairs(run(text)) == {frozenset(("Lind", "Roe"))}, (text, pairs(run(text)))


def test_a_passive_with_no_agent_names_no_one_for_the_talks(run: Run) -> None:
    assert run("The plan was approved after talks with Jan Roe on Monday.").meetings == ()


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Minister Tom Lind will meet representatives of Barclays, the lead bank, and of "
            "Lloyds Bank and HSBC.",
            {"Barclays", "Lloyds Bank", "HSBC"},
        ),
        (
            "Minister Tom Lind met delegates of Norway and of Sweden and Denmark.",
            {"Norway", "Sweden", "Denmark"},
        ),
    ],
)
def test_representatives_of_one_side_and_of_others(run: Run, text: str, sides: set) -> None:  # type: ignore[type-arg]
    met = {p for m in run(text).meetings for p in m.participants}
    assert met == {"Tom Lind", *sides}, met


def test_no_plans_to_meet_is_no_meeting(run: Run) -> None:
    for text in (
        "Officials said there are no plans for Finance Minister Ada Funar to meet Treasury "
        "Secretary Jim Bale during her trip to Washington.",
        "President Ole Dahl has no intention of meeting Chancellor Hans Berg.",
    ):
        assert pairs(run(text)) == set(), text
    # "no" on another noun leaves the meeting be
    x = run("President Ole Dahl made no comment after meeting Chancellor Hans Berg.")
    assert pairs(x) == {frozenset({"Dahl", "Berg"})}


def test_a_region_is_worded_with_its_people(run: Run) -> None:
    """ "African leaders" is a side as worded; "African" alone names nobody."""
    x = run(
        "The conference in Lagos on Monday will be attended by several African leaders "
        "and United Nations Secretary General Ken Orr."
    )
    assert [set(m.participants) for m in x.meetings] == [{"African leaders", "Ken Orr"}]
    # a country's adjective still stands for the country
    y = run("Secretary General Ken Orr met Nigerian leaders in Lagos on Monday.")
    assert [set(m.participants) for m in y.meetings] == [{"Nigeria", "Ken Orr"}]


def test_two_people_announcing_a_deal_together_met(run: Run) -> None:
    x = run(
        "Prime Minister Ole Dahl and Chancellor Hans Berg on Thursday announced an "
        "agreement between the two countries to expand cooperation."
    )
    assert pairs(x) == {frozenset({"Dahl", "Berg"})}
    for text in (
        # one announces a deal made with the other: no sign they stood together
        "President Ole Dahl announced an agreement with Chancellor Hans Berg on Monday.",
        # an announcement that is not of a deal
        "President Ole Dahl and Chancellor Hans Berg announced new taxes on Monday.",
    ):
        assert pairs(run(text)) == set(), text


def test_their_summit_under_a_participle_of_a_noun(run: Run) -> None:
    """ "A's invitation to B, made at their first summit": the two the noun links met."""
    x = run(
        "Aide Tom Lind said President Ole Dahl's invitation to Chancellor Hans Berg, made "
        "at their first summit in Geneva in 1985, still stood."
    )
    assert pairs(x) == {frozenset({"Dahl", "Berg"})}
    # one person's letter is no meeting, whatever "their" refers to
    y = run("The letter from President Ole Dahl, written after their meeting, was published.")
    assert pairs(y) == set()


def test_the_government_is_a_side_as_worded(run: Run) -> None:
    x = run("The government is holding a further meeting on Friday with union leader Tom Lind.")
    assert [set(m.participants) for m in x.meetings] == [{"government", "Tom Lind"}]


def test_talks_held_in_a_relative_clause(run: Run) -> None:
    """ "the meeting she had with B", "a phone conversation I had with B": the relative
    clause says who met whom."""
    x = run("Premier Ann Roe said the meeting she had with Chancellor Hans Berg was useful.")
    assert [(set(m.participants), m.status) for m in x.meetings] == [
        ({"Ann Roe", "Hans Berg"}, "held")
    ]
    y = run(
        '"The phone conversation I had with President Hans Berg on Monday was frank," '
        "President Ole Dahl said."
    )
    assert pairs(y) == {frozenset({"Dahl", "Berg"})}
    z = run("The talks Premier Ann Roe will hold with Chancellor Hans Berg next week are vital.")
    assert [m.status for m in z.meetings] == ["planned"]
    # with no one named on the other side, or denied, there is no meeting
    assert (
        pairs(run("Premier Ann Roe denied the talks she never held with Chancellor Hans Berg."))
        == set()
    )


def test_explaining_to_a_titled_person(run: Run) -> None:
    x = run(
        "Finance Minister Ada Funar will be explaining her country's actions to Treasury "
        "Secretary Jim Bale and central bank chairman Paul Volk before travelling to Europe."
    )
    assert [(set(m.participants), m.status) for m in x.meetings] == [
        ({"Ada Funar", "Jim Bale"}, "planned"),
        ({"Ada Funar", "Paul Volk"}, "planned"),
    ]
    for text in (
        "Premier Ann Roe explained the plan to reporters on Monday.",
        "Premier Ann Roe explained to the BBC that Chancellor Hans Berg was ill.",
    ):
        assert pairs(run(text)) == set(), text


def test_person_and_a_group_met_together(run: Run) -> None:
    # The parser may hang the person on the group noun as a modifier with its own "and"
    # ("[Jacques Moreau and] business leaders"), or take the second titled person for
    # the first one's appositive: each named side is still met.
    cases = {
        "Foreign Minister Jon Hale met Jacques Moreau and business leaders in Paris.": (
            {"Jon Hale", "Jacques Moreau", "business leaders"}
        ),
        "World Bank president Jon Hale met President Sukarno and union leaders.": (
            {"Jon Hale", "Sukarno", "union leaders"}
        ),
        "Foreign Minister Jon Hale met President Pervez Mushraf, Prime Minister Shaukat "
        "Aziz and opposition leaders.": {
            "Jon Hale",
            "Pervez Mushraf",
            "Shaukat Aziz",
            "opposition leaders",
        },
    }
    for text, sides in cases.items():
        got = {p for m in run(text).meetings for p in m.participants}
        assert got == sides, text
    # a vague group is nobody named, however it is parsed
    x = run("Premier Ann Roe met President Ole Dahl and senior officials.")
    assert [set(m.participants) for m in x.meetings] == [{"Ann Roe", "Ole Dahl"}]


def test_coordinated_countries_before_a_role_noun(run: Run) -> None:
    # "the Iran and Iraq foreign ministers": one side each, as "the Iranian and Iraqi
    # foreign ministers" would be
    x = run("Premier Ann Roe met the Norway and Sweden foreign ministers.")
    assert [set(m.participants) for m in x.meetings] == [{"Ann Roe", "Norway", "Sweden"}]
    y = run("The Norway and Sweden foreign ministers signed an agreement to share fishing grounds.")
    assert [set(a.parties) for a in y.agreements] == [{"Norway", "Sweden"}]
    z = run("Premier Ann Roe met the Norway foreign minister.")
    assert [set(m.participants) for m in z.meetings] == [{"Ann Roe", "Norway"}]


def test_it_was_agreed_names_the_sides_in_context(run: Run) -> None:
    # the "it" of "It was agreed that X" is no country named before it
    for text in (
        "Norway and Sweden held talks in Oslo. It was agreed that the border would reopen in June.",
        "Norway and Sweden held talks in Oslo. It was agreed the border would reopen in June.",
    ):
        x = run(text)
        assert [(set(a.parties), a.text) for a in x.agreements] == [
            ({"Norway", "Sweden"}, "the border would reopen in June")
        ], text


def test_place_of_a_reception_hung_on_its_host(run: Run) -> None:
    for text in (
        "Foreign Minister Jon Hale was received by President Ole Dahl in Oslo.",
        "Foreign Minister Jon Hale was received by President Ole Dahl and Premier Ann Roe in Oslo.",
    ):
        assert [m.place for m in run(text).meetings] == ["Oslo"], text


def test_place_a_relative_where_goes_back_to(run: Run) -> None:
    cases = {
        "Foreign Minister Jon Hale will travel to Oslo next week, where he will meet "
        "President Ole Dahl.": "Oslo",
        "Foreign Minister Jon Hale was in Oslo on Monday, where he met President Ole Dahl.": (
            "Oslo"
        ),
        "Premier Ann Roe returned to Riga after flying from Oslo, where she met President "
        "Ole Dahl.": "Oslo",
        # a place hung on the one met is said outright and comes first
        "Premier Ann Roe made a visit to Norway, where she met President Ole Dahl in Bergen.": (
            "Bergen"
        ),
        # with no place named before it, "where" gives none
        "Premier Ann Roe visited the factory where she met President Ole Dahl.": None,
        "Foreign Minister Jon Hale and President Ole Dahl held a joint news conference in "
        "Oslo.": "Oslo",
    }
    for text, place in cases.items():
        assert [m.place for m in run(text).meetings] == [place], text


def test_initialling_an_accord_is_a_signing(run: Run) -> None:
    x = run("Norway and Sweden initialled an accord on border controls.")
    assert [(set(a.parties), a.text) for a in x.agreements] == [
        ({"Norway", "Sweden"}, "initialled an accord on border controls")
    ]


def test_calling_on_someone_is_a_visit_not_an_appeal(run: Run) -> None:
    for text in (
        "Premier Ann Roe called on President Ole Dahl at his office on Monday.",
        "Premier Ann Roe yesterday called on President Ole Dahl, who is recovering from surgery.",
    ):
        assert pairs(run(text)) == {frozenset({"Roe", "Dahl"})}, text
    for text in (
        "Premier Ann Roe called on President Ole Dahl to resign.",
        "Premier Ann Roe called on President Ole Dahl for restraint.",
        "Premier Ann Roe called on President Ole Dahl and Premier Jan Berg to resign.",
        '"We call on President Ole Dahl to act," Premier Ann Roe said.',
    ):
        assert pairs(run(text)) == set(), text


def test_exchanging_views_an_audience_and_a_banquet_are_encounters(run: Run) -> None:
    met = {
        "Premier Ann Roe exchanged views with President Ole Dahl on the crisis.": "held",
        "Premier Ann Roe will exchange views with President Ole Dahl next week.": "planned",
        "Premier Ann Roe and President Ole Dahl exchanged views on regional security.": "held",
        "Premier Ann Roe had an audience with King Harald Olsen on Monday.": "held",
        "President Ole Dahl hosted a dinner in honour of Premier Ann Roe.": "held",
        "President Ole Dahl gave a banquet for Premier Ann Roe on Monday.": "held",
        "President Ole Dahl will host a state banquet in honour of Premier Ann Roe on "
        "Friday.": "planned",
    }
    for text, status in met.items():
        x = run(text)
        assert [m.status for m in x.meetings] == [status], text
        assert len(pairs(x)) == 1, text
    for text in (
        "Norway and Sweden exchanged prisoners on Monday.",
        "Government troops exchanged fire with the rebels of Jon Hale.",
        "Premier Ann Roe told the audience that President Ole Dahl was wrong.",
        "President Ole Dahl attended a banquet in honour of the victims.",
    ):
        assert pairs(run(text)) == set(), text


def test_phrasal_deals_settlements_and_no_agreement(run: Run) -> None:
    agreed = {
        "Norway and Sweden hammered out a deal on fishing quotas.": "hammered out a deal on "
        "fishing quotas",
        "Norway and Sweden worked out their differences.": "worked out their differences",
        "Norway and Sweden ironed out their differences over fishing.": "ironed out their "
        "differences over fishing",
    }
    for text, what in agreed.items():
        x = run(text)
        assert [(set(a.parties), a.polarity, a.text) for a in x.agreements] == [
            ({"Norway", "Sweden"}, "agreed", what)
        ], text
    x = run("There was no agreement between Norway and Sweden on fishing quotas.")
    assert [(a.polarity, a.text) for a in x.agreements] == [
        ("disagreed", "There was no agreement between Norway and Sweden on fishing quotas")
    ]
    for text in (
        "Norway and Sweden are trying to hammer out a deal on fishing quotas.",
        "Critics in Norway hammered the deal.",
        "There will be no agreement between Norway and Sweden unless quotas are cut.",
    ):
        assert [a for a in run(text).agreements if a.polarity == "agreed"] == [], text
    assert (
        run(
            "There will be no agreement between Norway and Sweden unless quotas are cut."
        ).agreements
        == ()
    )


def test_timetable_present_and_the_place_of_the_talks_it_is_for(run: Run) -> None:
    x = run("President Ole Dahl arrives in London on Thursday for talks with Premier Ann Roe.")
    assert [(m.status, m.place) for m in x.meetings] == [("planned", "London")]
    y = run("Premier Ann Roe meets President Ole Dahl on Friday.")
    assert [m.status for m in y.meetings] == ["planned"]
    z = run("Premier Ann Roe will host President Ole Dahl for talks in London next month.")
    assert [(m.status, m.place) for m in z.meetings] == [("planned", "London")]
    # past tense, or a present with no time (a headline's "meets"), stays held; so does a
    # meeting told in a clause under a present it is not the purpose of
    for text in (
        "President Ole Dahl arrived in London on Thursday for talks with Premier Ann Roe.",
        "Premier Ann Roe meets President Ole Dahl in Oslo.",
        "This comes a week after Premier Ann Roe attended a summit with President Ole Dahl.",
        "Foreign Minister Jon Hale is flying to Oslo after meeting President Ole Dahl.",
    ):
        assert [m.status for m in run(text).meetings] == ["held"], text


def test_place_of_the_trip_a_meeting_happens_on(run: Run) -> None:
    cases = {
        "During his visit to Oslo, Prime Minister Jon Hale met President Ole Dahl.": "Oslo",
        "Prime Minister Jon Hale will hold talks with President Ole Dahl during a two-day "
        "visit to Oslo starting on Monday.": "Oslo",
        "Prime Minister Ann Roe, who is visiting Oslo, met President Ole Dahl on Monday.": ("Oslo"),
        "Prime Minister Jon Hale met President Ole Dahl during his visit to a factory in "
        "Bergen.": "Bergen",
        "During the visit, Prime Minister Jon Hale met President Ole Dahl.": None,
    }
    for text, place in cases.items():
        assert [m.place for m in run(text).meetings] == [place], text


def test_words_to_someone_in_a_phone_call(run: Run) -> None:
    for text in (
        "Prime Minister Jon Hale urged President Ole Dahl in a phone call to release the "
        "prisoners.",
        "In a phone call, Prime Minister Jon Hale urged President Ole Dahl to release the "
        "prisoners.",
        "Prime Minister Jon Hale congratulated President Ole Dahl in a phone call on his "
        "re-election.",
    ):
        x = run(text)
        assert [(set(m.participants), m.status) for m in x.meetings] == [
            ({"Jon Hale", "Ole Dahl"}, "held")
        ], text
    # "a call for calm" is no phone call; nor is congratulation itself an encounter
    for text in (
        "Prime Minister Jon Hale urged President Ole Dahl in a call for calm to release the "
        "prisoners.",
        "Prime Minister Jon Hale congratulated President Ole Dahl on his re-election.",
    ):
        assert run(text).meetings == (), text


def test_here_under_a_dateline_is_the_meetings_place(run: Run) -> None:
    x = run(
        "OSLO, March 3 - Foreign Minister Jon Hale will meet President Ole Dahl here next "
        "week, officials said."
    )
    assert [(m.place, m.status) for m in x.meetings] == [("Oslo", "planned")]
    # a quoted "here" is the speaker's; with no dateline "here" says nothing
    y = run(
        'OSLO, March 3 - "We will meet President Ole Dahl here," Foreign Minister Jon Hale '
        "said in Riga."
    )
    assert all(m.place != "Oslo" for m in y.meetings)
    z = run("Foreign Minister Jon Hale will meet President Ole Dahl here next week.")
    assert [m.place for m in z.meetings] == [None]


# --- names in two parts, journeys with a purpose, places on the partner (session 16) ---


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Rishi Sunak and Commission President Ursula von der Leyen met in "
        "Brussels on Monday.",
        "British Prime Minister Rishi Sunak and European Commission President Ursula von der "
        "Leyen held talks in Windsor.",
    ],
)
def test_a_name_with_particles_is_one_person_beside_another(run: Run, text: str) -> None:
    """The NER stops at "von" (or at "der") and tags "Leyen" a place; the parser hangs the
    first name, with its "and", inside the second."""
    x = run(text)
    assert [set(m.participants) for m in x.meetings] == [{"Rishi Sunak", "Ursula von der Leyen"}]


def test_two_names_joined_inside_the_second_are_both_parties(run: Run) -> None:
    x = run("Rishi Sunak and Ursula von der Leyen agreed to cut tariffs.")
    assert [set(a.parties) for a in x.agreements] == [{"Rishi Sunak", "Ursula von der Leyen"}]


@pytest.mark.parametrize(
    ("text", "status", "place", "when"),
    [
        (
            "Foreign Minister Jon Hale arrived in Oslo on Friday on a visit to meet President "
            "Ole Dahl.",
            "held",
            "Oslo",
            "Friday",
        ),
        (
            "Foreign Minister Jon Hale arrived in Oslo on Friday to meet President Ole Dahl.",
            "held",
            "Oslo",
            "Friday",
        ),
        (
            "Foreign Minister Jon Hale will fly to Oslo on Friday to meet President Ole Dahl.",
            "planned",
            "Oslo",
            "Friday",
        ),
        (
            "Foreign Minister Jon Hale made a visit to Oslo to meet President Ole Dahl.",
            "held",
            "Oslo",
            None,
        ),
    ],
)
def test_a_meeting_that_a_journey_is_for_takes_its_place_and_time(
    run: Run, text: str, status: str, place: str, when: str | None
) -> None:
    x = run(text)
    assert [(set(m.participants), m.status, m.place, m.when) for m in x.meetings] == [
        ({"Jon Hale", "Ole Dahl"}, status, place, when)
    ]


def test_a_place_on_the_partner_or_a_welcome_is_the_meetings(run: Run) -> None:
    x = run(
        "Foreign Minister Jon Hale held talks with his Danish counterpart Ole Dahl in Bergen "
        "on Thursday."
    )
    assert [m.place for m in x.meetings] == ["Bergen"]
    y = run("President Jon Hale welcomed President Ole Dahl to Lisbon on Thursday.")
    assert [m.place for m in y.meetings] == ["Lisbon"]
    # a welcome to a thing is no place
    z = run("President Jon Hale welcomed President Ole Dahl to the talks on Thursday.")
    assert [m.place for m in z.meetings] in ([], [None])


def test_a_meeting_attended_by_people_in_a_relative_clause_has_its_host(run: Run) -> None:
    x = run(
        "President Jon Hale hosted the summit, which was attended by President Ole Dahl and "
        "Prime Minister Ana Ruiz."
    )
    assert [set(m.participants) for m in x.meetings] == [{"Jon Hale", "Ole Dahl", "Ana Ruiz"}]
    y = run(
        "The talks, which were attended by President Ole Dahl and Prime Minister Ana Ruiz, "
        "ended late."
    )
    assert [set(m.participants) for m in y.meetings] == [{"Ole Dahl", "Ana Ruiz"}]


def test_the_ner_split_and_mistaken_names_are_mended(run: Run) -> None:
    """The small model tags "Ugandan" (before a title) a person and splits "Samia Suluhu
    Hassan" into two persons."""
    x = run(
        "The summit was attended by Rwandan President Paul Kagame, Ugandan President Yoweri "
        "Museveni and Tanzanian President Samia Suluhu Hassan."
    )
    assert [set(m.participants) for m in x.meetings] == [
        {"Paul Kagame", "Yoweri Museveni", "Samia Suluhu Hassan"}
    ]
    assert {o.name for o in x.officials} == {
        "Paul Kagame",
        "Yoweri Museveni",
        "Samia Suluhu Hassan",
    }


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Chile's government and the MLN rebels agreed to a six-month ceasefire.",
            {"Chile", "MLN"},
        ),
        ("The Chilean government and Peruvian forces agreed on a truce.", {"Chile", "Peru"}),
    ],
)
def test_a_government_or_an_armed_group_is_named_by_its_owner(
    run: Run, text: str, sides: set[str]
) -> None:
    assert [set(a.parties) for a in run(text).agreements] == [sides]


def test_talks_that_begin_later_today_are_planned(run: Run) -> None:
    """The tagger reads the plural present "begin" as a bare base form."""
    x = run(
        "Talks between Foreign Minister Ana Ruiz and President Ole Dahl begin later on Monday.",
        published=MON,
    )
    assert [m.status for m in x.meetings] == ["planned"]
    y = run(
        "Talks between Foreign Minister Ana Ruiz and President Ole Dahl began on Monday.",
        published=MON,
    )
    assert [m.status for m in y.meetings] == ["held"]


def test_a_mission_or_team_is_the_body_it_comes_from(run: Run) -> None:
    x = run("President Ole Dahl's talks with the IMF mission ended on Friday.")
    assert [set(m.participants) for m in x.meetings] == [{"Ole Dahl", "IMF"}]
    y = run("President Ole Dahl met a World Bank team in Lima.")
    assert [(set(m.participants), m.place) for m in y.meetings] == [
        ({"Ole Dahl", "World Bank"}, "Lima")
    ]


def test_a_name_before_the_one_met_is_no_venue(run: Run) -> None:
    x = run("Prime Minister Ana Ruiz met the Mercosur trade commission in Montevideo.")
    assert [m.place for m in x.meetings] == ["Montevideo"]


@pytest.mark.parametrize(
    ("text", "met"),
    [
        ("President Ole Dahl and Prime Minister Ana Ruiz spoke by video link on Tuesday.", True),
        ("President Ole Dahl received a call from Prime Minister Ana Ruiz on Tuesday.", True),
        # an address to a crowd by video, an appeal received: no call between the two
        ("President Ole Dahl spoke by video link to a rally in Lima.", False),
        ("President Ole Dahl received a call from Prime Minister Ana Ruiz for calm.", False),
        ("President Ole Dahl received a call from Prime Minister Ana Ruiz to resign.", False),
    ],
)
def test_calls_by_video_and_calls_received(run: Run, text: str, met: bool) -> None:
    x = run(text)
    assert [set(m.participants) for m in x.meetings] == (
        [{"Ole Dahl", "Ana Ruiz"}] if met else []
    ), text


def test_a_meeting_told_in_a_when_clause_gives_its_place_and_time(run: Run) -> None:
    x = run(
        "Economics Minister Jon Hale said he would discuss the dollar with Treasury "
        "Secretary Ole Dahl when they meet in Washington next week.",
        published=MON,
    )
    assert [(m.status, m.place, m.when) for m in x.meetings] == [
        ("planned", "Washington", "next week")
    ]


def test_a_group_of_nations_named_by_a_number_word(run: Run) -> None:
    x = run("Finance ministers of the Group of Five agreed to cooperate closely on rates.")
    assert [a.parties for a in x.agreements] == [("Group of Five",)]


@pytest.mark.parametrize(
    "text",
    [
        # the parser reads the speaker as an appositive of the partner, with no subject
        "After talks with Prime Minister Tony Blair, President Mahmoud Abbas said the plan "
        "was good.",
        "At a news conference following talks with Prime Minister Tony Blair, President "
        "Mahmoud Abbas said the plan was good.",
    ],
)
def test_talks_fronted_before_the_speaker_are_the_speakers(run: Run, text: str) -> None:
    assert [set(m.participants) for m in run(text).meetings] == [{"Mahmoud Abbas", "Tony Blair"}]


@pytest.mark.parametrize(
    ("text", "met"),
    [
        (
            "A phone call made by President Jon Hale to Ukrainian President Ole Dahl is at the "
            "centre of the inquiry.",
            True,
        ),
        (
            "President Donald Trump's call to Ukrainian President Volodymyr Zelensky is at the "
            "centre of the inquiry.",
            True,
        ),
        (
            "President Donald Trump's call to Ukrainian President Volodymyr Zelensky for calm "
            "went unheeded.",
            False,
        ),
        ("President Donald Trump's call to arms was heard.", False),
    ],
)
def test_a_call_placed_to_a_person(run: Run, text: str, met: bool) -> None:
    assert bool(run(text).meetings) is met, text


@pytest.mark.parametrize(
    "text",
    [
        "President Donald Trump spoke on Monday. Putin\nTalk of an early summit between Trump "
        "and Russian President Vladimir Putin is further alarming the continent.",
        "The prospect of talks between President Ole Dahl and Prime Minister Ana Ruiz faded.",
        "Speculation about a meeting between President Ole Dahl and Prime Minister Ana Ruiz grew.",
    ],
)
def test_a_meeting_only_talked_of_is_none(run: Run, text: str) -> None:
    assert run(text).meetings == (), text


def test_a_relative_time_the_small_model_leaves_untagged(run: Run, nlp) -> None:  # type: ignore[no-untyped-def]
    x = run(
        "President Ole Dahl will host Prime Minister Ana Ruiz next month, the presidency "
        "announced.",
        published=MON,
    )
    assert [(m.status, m.when) for m in x.meetings] == [("planned", "next month")]
    # the whole phrase stays one time; a modal "may" is no month
    ents = [(e.text, e.label_) for e in nlp("He summoned the envoys home later this week.").ents]
    assert ("later this week", "DATE") in ents
    assert not [e for e in nlp("This may change.").ents if e.label_ == "DATE"]
