"""Meetings told by an event noun whose sides hang on its verb ("Talks were held
between A and B"); made-up sentences, with near misses that must not fire."""

from __future__ import annotations

import pytest

from .conftest import Run


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Talks were held between Norway and Chile on Monday.", "held"),
        ("Talks took place between Norway and Chile on Monday.", "held"),
        ("Talks have been under way between Norway and Chile for three years.", "held"),
        ("A meeting is planned between Norway and Chile next week.", "planned"),
        ("Talks will resume between Norway and Chile next week.", "planned"),
    ],
)
def test_sides_hung_on_the_event_verb(run: Run, text: str, status: str) -> None:
    found = [(set(m.participants), m.status) for m in run(text).meetings]
    assert ({"Norway", "Chile"}, status) in found, found


@pytest.mark.parametrize(
    "text",
    [
        "Talks may be held between Norway and Chile.",  # speculative
        "The differences between Norway and Chile were discussed at the meeting.",  # topic
        "Talks were held in Oslo on Monday.",  # no sides
    ],
)
def test_near_misses_are_not_meetings(run: Run, text: str) -> None:
    assert run(text).meetings == ()


def test_everyone_in_a_long_attendance_list_attended(run: Run) -> None:
    # The small model hangs the last group on the verb; all six were there.
    text = (
        "The talks were attended by Egyptian president Omar Nasser and foreign minister "
        "Ali Hamdi, Jordanian king Faisal Rahman and prime minister Omar Saleh, and Syrian "
        "president Nizar Kassem and foreign minister Tarek Zaki."
    )
    (meeting,) = run(text).meetings
    assert {p.split()[-1] for p in meeting.participants} == {
        "Nasser", "Hamdi", "Rahman", "Saleh", "Kassem", "Zaki"
    }  # fmt: skip


def test_a_name_inside_an_of_phrase_did_not_attend(run: Run) -> None:
    text = "The summit was attended by President Ana Ruiz, the wife of Jack Hale."
    assert run(text).meetings == ()


@pytest.mark.parametrize(
    "text",
    [
        "President Jack Hale speaks on the phone with Chilean President Ana Ruiz.",
        "President Jack Hale spoke by telephone with Chilean President Ana Ruiz on Monday.",
        "Prime Minister Jack Hale and President Ana Ruiz held a joint news conference.",
        "At a joint news conference with Chilean President Ana Ruiz, Prime Minister Jack Hale "
        "said the talks went well.",
    ],
)
def test_a_call_or_a_joint_appearance_is_a_meeting(run: Run, text: str) -> None:
    assert [set(m.participants) for m in run(text).meetings] == [{"Jack Hale", "Ana Ruiz"}]


@pytest.mark.parametrize(
    "text",
    [
        "President Jack Hale often speaks on the phone with reporters.",
        "Prime Minister Jack Hale held a news conference with reporters.",
        "Prime Minister Jack Hale held a joint news conference with the trade minister.",
    ],
)
def test_near_misses_of_calls_and_appearances(run: Run, text: str) -> None:
    assert run(text).meetings == ()


def test_a_king_with_a_regnal_number_is_a_person(run: Run) -> None:
    text = "At a joint news conference alongside King Faisal III, President Jack Hale said so."
    (meeting,) = run(text).meetings
    assert "Faisal III" in meeting.participants


def test_a_king_with_one_name_is_a_person(run: Run) -> None:
    # The small model reads "King Felipe" as an organisation.
    x = run("President Ana Morales will meet with King Felipe and Prime Minister Luis Pardo.")
    assert ("Felipe", "King") in [(o.name, o.title) for o in x.officials]
    assert any("Felipe" in m.participants for m in x.meetings)


def test_a_place_named_after_a_king_is_not_a_person(run: Run) -> None:
    x = run("President Jack Hale met King Fahd International Airport officials.")
    assert [o.name for o in x.officials if "Airport" in o.name or "Fahd" in o.name] == []


@pytest.mark.parametrize(
    "text",
    [
        "Norway and Chile have agreed to hold talks on fishing quotas.",
        "Norway agreed with Chile to begin talks on fishing next month.",
    ],
)
def test_talks_agreed_on_are_planned(run: Run, text: str) -> None:
    found = [(set(m.participants), m.status) for m in run(text).meetings]
    assert found == [({"Norway", "Chile"}, "planned")]


@pytest.mark.parametrize(
    "text", ["Norway and Chile did not agree to hold talks.", "Norway agreed to hold talks."]
)
def test_talks_not_agreed_on_or_one_sided_are_no_meeting(run: Run, text: str) -> None:
    assert run(text).meetings == ()


@pytest.mark.parametrize(
    ("text", "side"),
    [
        # ("his EU counterparts" are his own bloc: test_generalisation)
        ("Prime Minister Jack Hale met EU representatives in Brussels on Monday.", "EU"),
        ("Prime Minister Jack Hale met representatives of Citibank on Monday.", "Citibank"),
        ("Minister Cathy Lund met the fishermen's representatives on Monday.",
         "fishermen's representatives"),
    ],
)  # fmt: skip
def test_a_relational_group_is_the_side_it_names(run: Run, text: str, side: str) -> None:
    (meeting,) = run(text).meetings
    assert side in meeting.participants


def test_bare_counterparts_name_nobody(run: Run) -> None:
    assert run("Prime Minister Jack Hale met his counterparts on Monday.").meetings == ()


def test_names_coordinated_under_a_plural_title_are_people(run: Run) -> None:
    text = (
        "Prime Ministers Zhou Liang of China and Anibal Costa Silva of Portugal signed an "
        "agreement on the future of Macao."
    )
    assert [set(m.participants) for m in run(text).meetings] == [
        {"Zhou Liang", "Anibal Costa Silva"}
    ]


def test_a_plural_title_in_front_of_names_the_model_missed(run: Run) -> None:
    # the title hangs on "on Sunday", not on the first name, which has no entity
    text = (
        "The leaders met for a summit where on Sunday Presidents Kwame Boateng of Ghana "
        "and Patrice Talon of Benin signed the trade agreement."
    )
    names = {o.name for o in run(text).officials}
    assert {"Kwame Boateng", "Patrice Talon"} <= names


def test_visiting_places_for_talks_with_their_governments(run: Run) -> None:
    text = "Finance Minister Ana Ruiz will visit Chad, Mali and Niger for talks with governments."
    found = sorted(tuple(sorted(m.participants)) for m in run(text).meetings)
    assert found == [("Ana Ruiz", "Chad"), ("Ana Ruiz", "Mali"), ("Ana Ruiz", "Niger")]


@pytest.mark.parametrize(
    "text",
    [
        "Finance Minister Ana Ruiz will visit Chad, Mali and Niger for talks.",  # with whom?
        "Finance Minister Ana Ruiz held talks with officials.",  # whose officials?
    ],
)
def test_visits_and_talks_that_do_not_say_who_was_met(run: Run, text: str) -> None:
    assert run(text).meetings == ()


def test_the_place_of_a_group_meeting_is_where_it_takes_place(run: Run) -> None:
    text = "Mexico and Brazil are invited to take part in the G8 meeting taking place in Paris."
    (meeting,) = run(text).meetings
    assert meeting.place == "Paris"  # not "G8", which the NER tags as a place


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Chilean Ambassador Luis Prado was summoned to the Foreign Ministry on Tuesday.",
         {"Luis Prado", "Foreign Ministry"}),
        ("Norway summoned Chilean Ambassador Luis Prado on Tuesday.", {"Norway", "Luis Prado"}),
        ("Foreign Minister Ana Ruiz summoned the Chilean ambassador on Monday.",
         {"Ana Ruiz", "Chile"}),
    ],
)  # fmt: skip
def test_an_envoy_summoned_meets_who_summoned_them(run: Run, text: str, pair: set[str]) -> None:
    assert [set(m.participants) for m in run(text).meetings] == [pair]


@pytest.mark.parametrize(
    "text", ["The committee summoned witnesses.", "Norway may summon the Chilean ambassador."]
)
def test_no_envoy_or_no_summons(run: Run, text: str) -> None:
    assert run(text).meetings == ()


def test_telling_someone_a_quotation_on_the_phone(run: Run) -> None:
    text = (
        "In a phone call on Saturday, Secretary of State John Kerr told Chilean Foreign "
        "Minister Luis Prado “the claims are false,” according to a readout."
    )
    assert [set(m.participants) for m in run(text).meetings] == [{"John Kerr", "Luis Prado"}]
    assert run("Foreign Minister Ana Ruiz told reporters “the talks went well.”").meetings == ()


def test_a_verbless_caption_of_people_somewhere(run: Run) -> None:
    text = (
        "Secretary of State Jack Hale, center, and Chilean Foreign Minister Luis Prado, at "
        "the presidential palace in Santiago, April 20, 2016."
    )
    assert [set(m.participants) for m in run(text).meetings] == [{"Jack Hale", "Luis Prado"}]
    assert run("Jack Hale and Luis Prado.").meetings == ()  # no place: a list, not a scene


def test_a_hyphenated_name_is_one_person(run: Run) -> None:
    text = "President Abdel-Karim el-Masri met Secretary of State Jack Hale in Cairo on Monday."
    assert [set(m.participants) for m in run(text).meetings] == [
        {"Abdel-Karim el-Masri", "Jack Hale"}
    ]


def test_a_hyphenated_side_is_not_the_venue(run: Run) -> None:
    (meeting,) = run("The Norway-Chile talks were held on Monday.").meetings
    assert set(meeting.participants) == {"Norway", "Chile"} and meeting.place is None
    (meeting,) = run("The London meeting of Norway and Chile ended on Monday.").meetings
    assert meeting.place == "London"


def test_a_meeting_between_two_people_with_an_interruption(run: Run) -> None:
    x = run(
        "In July, he arranged a meeting between Rudy Giuliani, claiming to represent the "
        "State Department, and Andriy Yermak, one of the president's aides."
    )
    assert [set(m.participants) for m in x.meetings] == [{"Rudy Giuliani", "Andriy Yermak"}]


def test_leaders_from_a_body_stand_for_it(run: Run) -> None:
    x = run("President Tom Hale hosted a meeting with leaders from the African Union on Monday.")
    assert [set(m.participants) for m in x.meetings] == [{"Tom Hale", "African Union"}]


def test_two_who_act_during_talks_held_them(run: Run) -> None:
    x = run(
        "French Defence Minister Jan Berg and German Defence Minister Ann Lee had agreed "
        "on a common helicopter design during talks in Bonn on Friday."
    )
    assert [(set(m.participants), m.place) for m in x.meetings] == [
        ({"Jan Berg", "Ann Lee"}, "Bonn")
    ]
    # the talks of a body are not theirs alone
    y = run("Minister Jan Berg and Minister Ann Lee clashed during talks of the council.")
    assert y.meetings == ()


def test_a_counterpart_named_right_after_is_the_person_not_the_country(run: Run) -> None:
    x = run(
        "Defence Minister Andre Giraud and his German counterpart Manfred Woerner agreed "
        "on a common concept for the helicopter during talks in Bonn on Friday."
    )
    assert [set(a.parties) for a in x.agreements] == [{"Andre Giraud", "Manfred Woerner"}]
