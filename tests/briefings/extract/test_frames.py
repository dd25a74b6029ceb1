"""Event frames (briefings/extract/frames.py, patterns/frames.json): each construction
on made-up sentences where it must place someone at the event, and where it must not."""

from __future__ import annotations

import pytest

from briefings.extract.context import DocContext
from briefings.extract.frames import event_frames, patterns
from briefings.models import Article

from .conftest import Run, pairs


def placed(nlp, text: str) -> dict[str, list[tuple[str, bool]]]:  # type: ignore[no-untyped-def]
    ctx = DocContext(nlp(text), Article(id="t", title="", text=text))
    out: dict[str, list[tuple[str, bool]]] = {}
    for f in event_frames(ctx):
        out.setdefault(f.name or f.family, []).extend((p.name, p.planned) for p in f.placed)
    return out


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        ("Prime Minister Ana Ruiz attended the summit.", "Ana Ruiz"),
        ("Minister Paul Dorn joined the talks on Monday.", "Paul Dorn"),
        ("President Lena Vos addressed the conference.", "Lena Vos"),
        ("Chancellor Omar Bakri chaired the meeting.", "Omar Bakri"),
        ("Mr Tomas Reyes arrived for the summit on Tuesday.", "Tomas Reyes"),
        ("Senator Kim Hale took part in the negotiations.", "Kim Hale"),
        ("Speaking at the forum, Governor Ray Lund said the plan would work.", None),
        ("Governor Ray Lund said at the forum that the plan would work.", "Ray Lund"),
        ("The summit was attended by President Ines Moro.", "Ines Moro"),
        ("President Ines Moro participated in the talks.", "Ines Moro"),
        ("At the summit, President Ines Moro accused her rival of lying.", "Ines Moro"),
        ("During the talks, Minister Paul Dorn proposed a ceasefire.", "Paul Dorn"),
    ],
)
def test_each_attendance_construction(nlp, sentence: str, who: str | None) -> None:  # type: ignore[no-untyped-def]
    names = [n for ps in placed(nlp, sentence).values() for n, _ in ps]
    if who is None:
        return  # a participle clause: not (yet) a construction; must not crash
    assert who in names, (sentence, names)


def test_among_the_leaders_attending(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Prime Minister John Carter and President Maria Lopez are among the leaders and "
        "heads of government attending the summit."
    )
    names = {n for ps in placed(nlp, text).values() for n, _ in ps}
    assert {"John Carter", "Maria Lopez"} <= names


def test_negated_or_hypothetical_attendance_places_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "President Lena Vos did not attend the summit.",
        "President Lena Vos would attend the summit if invited.",
        "President Lena Vos might join the talks.",
    ):
        assert not any(placed(nlp, text).values()), text


def test_future_attendance_is_planned(nlp) -> None:  # type: ignore[no-untyped-def]
    got = placed(nlp, "President Lena Vos will attend the summit next week.")
    assert ("Lena Vos", True) in [p for ps in got.values() for p in ps]


def test_a_summit_told_over_several_sentences_is_one_meeting(run: Run) -> None:
    x = run(
        "Leaders gathered in Davos for the World Economic Forum on Wednesday. "
        "Prime Minister Ana Ruiz addressed the forum in the morning. "
        "Later, President Lena Vos arrived for the forum. "
        "Chancellor Omar Bakri also attended the meeting."
    )
    assert {frozenset({"Ruiz", "Vos"}), frozenset({"Ruiz", "Bakri"})} <= pairs(x)


def test_the_summit_refers_to_the_last_event_of_its_kind(run: Run) -> None:
    # Two gatherings: people placed at each meet only the others there.
    x = run(
        "Minister Paul Dorn attended a summit in Oslo. Minister Kim Hale also joined the "
        "summit. Separately, President Ines Moro attended a conference in Lima. "
        "Governor Ray Lund addressed the conference."
    )
    got = pairs(x)
    assert frozenset({"Dorn", "Hale"}) in got and frozenset({"Moro", "Lund"}) in got
    assert frozenset({"Dorn", "Moro"}) not in got


def test_generic_plural_events_open_no_frame(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "President Lena Vos attends summits often. Premier Ana Ruiz attends meetings."
    assert not any(placed(nlp, text).values())


def test_pattern_file_is_complete() -> None:
    pats = patterns()
    assert pats.event_nouns["summit"] == "summit"
    assert "dobj" in pats.attend["attend"] and "for" in pats.attend["arrive"]
    assert "part" in pats.take_part["take"]


# --- a deal told more than once -------------------------------------------------


def test_deal_restated_by_its_signatories_is_one_agreement(run: Run) -> None:
    x = run(
        "Norway and Chile signed an agreement to cut fishing quotas by a fifth. "
        "The agreement was signed by Norwegian Trade Minister Kari Berg and Chilean "
        "Economy Minister Pablo Soto."
    )
    (deal,) = [a for a in x.agreements if a.polarity == "agreed"]
    assert "cut fishing quotas" in deal.text
    assert {"Norway", "Chile", "Kari Berg", "Pablo Soto"} <= set(deal.parties)
    assert len(deal.evidence) == 2


def test_signing_the_deal_takes_the_content_of_its_first_telling(run: Run) -> None:
    x = run(
        "The two governments extended a food-for-oil deal last year. On Monday President "
        "John Carter and President Maria Lopez signed the deal in Lima."
    )
    texts = [a.text for a in x.agreements]
    assert not any(t.strip().lower() in ("signed the deal", "the deal") for t in texts), texts
    assert any("food-for-oil deal" in t for t in texts)


def test_two_different_deals_stay_two(run: Run) -> None:
    x = run(
        "Norway and Chile signed an agreement to cut fishing quotas. Separately, Peru and "
        "Bolivia signed a treaty on river borders."
    )
    texts = sorted(a.text for a in x.agreements)
    assert len(texts) == 2 and any("fishing" in t for t in texts)
    assert any("river borders" in t for t in texts)


# --- people told as being together -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Defense Secretary John Carter walks with Secretary of State Maria Lopez in Washington.",
        "Senator John Carter, accompanied by Governor Maria Lopez, arrives for a breakfast.",
        "President John Carter and Chancellor Maria Lopez held a joint news conference in Berlin.",
    ],
)
def test_people_told_as_together_met(run: Run, text: str) -> None:
    assert frozenset({"Carter", "Lopez"}) in pairs(run(text))


@pytest.mark.parametrize(
    "text",
    [
        "Senator John Carter walks with his dog.",
        "Senator John Carter will not sit with Governor Maria Lopez.",
        # one of his own party on a trip: no encounter
        "Senator John Carter, accompanied by Governor Maria Lopez, is on a tour of Europe.",
        "President John Carter held a news conference in Berlin.",
    ],
)
def test_near_misses_of_togetherness(run: Run, text: str) -> None:
    assert frozenset({"Carter", "Lopez"}) not in pairs(run(text))


# --- attendance told without naming the event again --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Leaders gathered in Davos for the forum. President Jan Moll is expected to attend "
        "the forum. Prime Minister Ed Tarr will also attend the forum.",
        "Leaders gathered in Davos for the forum. More than 20 leaders are expected to attend "
        "the forum, including President Jan Moll and Prime Minister Ed Tarr.",
        "Leaders gathered in Davos for the forum. Also due to attend are President Jan Moll "
        "and Prime Minister Ed Tarr.",
        "The summit opens in Rome on Monday. President Jan Moll will attend, as will Prime "
        "Minister Ed Tarr.",
    ],
)
def test_planned_attendance_of_the_event_just_mentioned(run: Run, text: str) -> None:
    x = run(text)
    assert frozenset({"Moll", "Tarr"}) in pairs(x), text
    assert all(m.status == "planned" for m in x.meetings if "Jan Moll" in m.participants)


def test_attendance_far_from_any_event_is_not_placed(run: Run) -> None:
    x = run(
        "The summit opened in Rome on Monday. Prices rose. Farmers protested. Wages fell. "
        "President Jan Moll will attend, as will Prime Minister Ed Tarr."
    )
    assert frozenset({"Moll", "Tarr"}) not in pairs(x)


def test_a_gathering_told_by_its_verb_collects_who_is_represented(run: Run) -> None:
    x = run(
        "Ministers will meet in Cairo on March 11 to discuss the debt crisis. Egypt, Zambia, "
        "Kenya and Mali would be represented, officials said. President Ole Dahl will chair "
        "the meeting."
    )
    big = max(x.meetings, key=lambda m: len(m.participants))
    assert set(big.participants) == {"Egypt", "Zambia", "Kenya", "Mali", "Ole Dahl"}
    assert big.status == "planned" and big.place == "Cairo" and big.when == "March 11"


def test_represented_by_a_deputy_is_not_attendance_of_the_event(run: Run) -> None:
    x = run(
        "The summit opens in Rome on Monday. President Jan Moll will attend. Prime Minister "
        "Ed Tarr was represented by his deputy."
    )
    assert frozenset({"Moll", "Tarr"}) not in pairs(x)


# --- "would" in reported speech -------------------------------------------------------


def test_reported_would_is_the_future(run: Run) -> None:
    x = run(
        "Officials said President Ole Dahl would meet Prime Minister Jan Moll in Oslo on Friday."
    )
    assert frozenset({"Dahl", "Moll"}) in pairs(x)
    assert x.meetings[0].status == "planned"


@pytest.mark.parametrize(
    "text",
    [
        "Officials said that if the talks went well President Ole Dahl would meet Prime Minister "
        "Jan Moll.",
        "Officials said President Ole Dahl would have met Prime Minister Jan Moll in Oslo.",
        "President Ole Dahl would meet Prime Minister Jan Moll if asked.",
    ],
)
def test_conditional_would_is_no_meeting(run: Run, text: str) -> None:
    assert frozenset({"Dahl", "Moll"}) not in pairs(run(text)), text


def test_an_including_list_after_an_objectless_attend(run: Run) -> None:
    x = run(
        "Leaders gathered in Davos for the forum. More than 20 leaders are expected to attend "
        "including President Jan Moll and Prime Minister Ed Tarr."
    )
    assert frozenset({"Moll", "Tarr"}) in pairs(x)


def test_an_event_in_a_relative_clause_is_not_the_one_referred_to(nlp) -> None:  # type: ignore[no-untyped-def]
    got = placed(
        nlp,
        "Leaders gathered in Davos for the summit. President Jan Moll, whose arrival was "
        "delayed by peace talks, will attend. Prime Minister Ed Tarr will also be there.",
    )
    assert ("Ed Tarr", True) in got.get("summit", [])
    assert ("Ed Tarr", True) not in got.get("talks", [])


def test_companions_along_with_the_subject_attend_too(nlp) -> None:  # type: ignore[no-untyped-def]
    got = placed(
        nlp,
        "India, along with China, Brazil and Russia, has been invited to take part in the "
        "G7 meeting in London on Friday.",
    )
    names = {n for ps in got.values() for n, planned in ps if planned}
    assert names == {"India", "China", "Brazil", "Russia"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parser hangs "along with" on the verb here, not on the subject
        (
            "Kenya, along with Ghana and Peru, has been invited to attend the summit.",
            {"Kenya", "Ghana", "Peru"},
        ),
        (
            "Minister Ravi Das, along with President Jan Moll, attended the summit in Rome.",
            {"Ravi Das", "Jan Moll"},
        ),
        (
            "Japan, along with Canada and Mexico, will take part in the talks.",
            {"Japan", "Canada", "Mexico"},
        ),
        # after the verb, "along with" is no companion of the subject
        ("Kenya attended the summit along with its budget plans.", {"Kenya"}),
    ],
)
def test_companions_along_with_hung_on_the_verb(nlp, text: str, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    names = {n for ps in placed(nlp, text).values() for n, _ in ps}
    assert names == expected


def test_one_event_told_in_the_present_and_the_future_is_planned(run: Run) -> None:
    x = run(
        "Minister Ravi Das attends the G7 meeting in London on Friday. President Jan Moll "
        "is also attending the G7 meeting. Prime Minister Ed Tarr will also attend the G7 "
        "meeting."
    )
    m = next(m for m in x.meetings if "Ed Tarr" in m.participants)
    assert {"Ravi Das", "Jan Moll", "Ed Tarr"} <= set(m.participants)
    assert m.status == "planned"


# --- captions: people told together with no companion named ----------------------------


def test_a_listed_subject_chatting_was_together(run: Run) -> None:
    x = run(
        "From left, President John Carter, Chancellor Maria Weber and Prime Minister Peter Lund "
        "chat after a meeting about the refugee crisis."
    )
    assert {frozenset({"Carter", "Weber"}), frozenset({"Weber", "Lund"})} <= pairs(x)
    y = run("President John Carter and Chancellor Maria Weber stood firm on the budget.")
    assert pairs(y) == set()


@pytest.mark.parametrize(
    "text",
    [
        "President John Carter, right, and Chancellor Maria Weber arrive for their meeting in "
        "the Kremlin in Moscow.",
        "President John Carter and Chancellor Maria Weber arrive for their meeting in Oslo.",
    ],
)
def test_their_meeting_is_the_meeting_of_the_people_listed_before_it(run: Run, text: str) -> None:
    assert frozenset({"Carter", "Weber"}) in pairs(run(text))


def test_their_meeting_after_a_verb_is_not_read_from_the_surface(nlp) -> None:  # type: ignore[no-untyped-def]
    got = placed(
        nlp,
        "President John Carter praised Chancellor Maria Weber before their meeting was cancelled.",
    )
    assert not any(how for ps in got.values() for how in ps)


def test_more_ways_to_refer_to_and_attend_the_event(run: Run) -> None:
    x = run(
        "Leaders are arriving in Davos for this year's forum. The European leaders, among "
        "them Chancellor John Carter and President Maria Weber, will be here too. Prime "
        "Minister Peter Lund will formally open the proceedings."
    )
    assert {frozenset({"Carter", "Weber"}), frozenset({"Carter", "Lund"})} <= pairs(x)


def test_a_fronted_setting_with_a_verb_of_looking_places_nobody(nlp) -> None:  # type: ignore[no-untyped-def]
    found = placed(nlp, "At the summit, President Ines Moro will look for support.")
    assert [n for ps in found.values() for n, _ in ps] == []


def test_a_news_conference_is_no_gathering(nlp) -> None:  # type: ignore[no-untyped-def]
    from briefings.extract import extract_doc

    text = (
        "Leaders met at a White House lunch on Monday. Senator Ana Ruiz and Senator Jack "
        "Hale said at a news conference that the plan would work."
    )
    rules = extract_doc(nlp(text), Article(id="t", title="", text=text), None)  # no link model
    assert frozenset({"Ruiz", "Hale"}) not in pairs(rules)


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Ana Ruiz appeared alongside Chancellor Jack Hale at a poster launch.",
        "Prime Minister Ana Ruiz is due to line up alongside Chancellor Jack Hale on Tuesday.",
    ],
)
def test_appearing_alongside_someone_is_being_together(run: Run, text: str) -> None:
    assert frozenset({"Ruiz", "Hale"}) in pairs(run(text))


def test_appearing_with_no_named_companion_is_no_meeting(run: Run) -> None:
    assert run("Prime Minister Ana Ruiz appeared on television with reporters.").meetings == ()


def test_their_meeting_is_the_meeting_of_the_clause_people(run: Run) -> None:
    x = run("President Ana Ruiz thanked Prime Minister Jack Hale following their talks in Oslo.")
    assert [set(m.participants) for m in x.meetings] == [{"Ana Ruiz", "Jack Hale"}]
    assert run("President Ana Ruiz praised reporters after their meeting.").meetings == ()


def test_two_captions_with_their_meeting_are_two_meetings(run: Run) -> None:
    text = (
        "President Ana Ruiz shakes hands with Prime Minister Jack Hale after their meeting "
        "in Oslo.\nChancellor Lena Vos shakes hands with President Omar Bakri after their "
        "meeting in Cairo."
    )
    assert frozenset({"Ruiz", "Vos"}) not in pairs(run(text))
    assert {frozenset({"Ruiz", "Hale"}), frozenset({"Vos", "Bakri"})} <= pairs(run(text))


def test_talk_about_talks_in_the_lead_is_no_gathering(run: Run) -> None:
    x = run(
        "Chancellor Nigel Lawson has told Finance Minister Dilson Funaro that negotiations "
        "on Brazil's debt to commercial banks are a matter for the banks themselves. "
        "Funaro had earlier met Treasury Secretary James Baker in Washington."
    )
    assert frozenset({"Lawson", "Baker"}) not in pairs(x)
    assert frozenset({"Funaro", "Baker"}) in pairs(x)


def test_a_negated_conjunct_is_not_placed(nlp) -> None:  # type: ignore[no-untyped-def]
    got = placed(nlp, "Minister Ana Ruiz, but not Governor Tom Lund, attended the summit.")
    assert {n for ps in got.values() for n, _ in ps} == {"Ana Ruiz"}


def test_attendance_through_an_adjective(nlp) -> None:  # type: ignore[no-untyped-def]
    got = placed(nlp, "Minister Ana Ruiz is due to attend the summit.")
    assert got.get("summit") == [("Ana Ruiz", True)]


@pytest.mark.parametrize(
    "text",
    [
        "Mr John Prescott hosted a dinner where Tony Blair met Gordon Brown.",
        "Mr John Prescott hosted a dinner in November 2003 where Tony Blair told Gordon Brown "
        "he would stand down.",
    ],
)
def test_the_people_of_a_where_clause_were_at_the_event(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    names = {n for ps in placed(nlp, text).values() for n, _ in ps}
    assert names == {"John Prescott", "Tony Blair", "Gordon Brown"}


def test_where_after_a_place_is_about_the_place(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Mr John Prescott hosted a dinner in London, where Tony Blair later met Gordon Brown."
    names = {n for ps in placed(nlp, text).values() for n, _ in ps}
    assert names == {"John Prescott"}


def test_an_article_about_one_event_places_late_attendance_there(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Leaders are arriving in Davos for the World Economic Forum. Prime Minister Ana Ruiz "
        "is among those attending the forum. Oil prices rose on Monday. Analysts were "
        "surprised. Markets fell in Asia. President Jan Moll will also be there."
    )
    got = placed(nlp, text)
    assert {n for ps in got.values() for n, _ in ps} == {"Ana Ruiz", "Jan Moll"}
    # the first sentence names no event: a late "will be there" refers to nothing
    other = (
        "Oil prices rose on Monday. Prime Minister Ana Ruiz attended the forum. Analysts "
        "were surprised. Markets fell in Asia. Bonds fell too. President Jan Moll will also "
        "be there."
    )
    assert {n for ps in placed(nlp, other).values() for n, _ in ps} == {"Ana Ruiz"}


def test_an_official_from_someones_administration_is_not_that_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Leaders are arriving for the summit. Only one senior official from President Jan "
        "Moll's administration is scheduled to attend."
    )
    assert {n for ps in placed(nlp, text).values() for n, _ in ps} == set()


def test_an_including_list_goes_on_after_an_aside_in_dashes(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "More than 20 other world leaders are expected to attend the forum including French "
        "President Jacques Chirac - due to speak by video link after bad weather delayed "
        "his helicopter - and South African President Thabo Mbeki, whose arrival has been "
        "delayed by peace talks."
    )
    names = {n for n, _ in placed(nlp, text).get("conference", [])}
    assert names == {"Jacques Chirac", "Thabo Mbeki"}
    # a dash that closes no aside continues no list
    cut = "Leaders will attend the forum including President Jacques Chirac - and more."
    assert {n for n, _ in placed(nlp, cut).get("conference", [])} <= {"Jacques Chirac"}


@pytest.mark.parametrize(
    "text",
    [
        "Leaders gathered for the forum. President Viktor Yushchenko will also be there, as "
        "will Prime Minister Ana Ruiz.",
        # misparsed: "elected" read as the verb, the name as its object
        "Leaders gathered for the forum. President Viktor Yushchenko will also be there - as "
        "will newly elected Prime Minister Ana Ruiz.",
    ],
)
def test_as_will_someone_else(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    names = {n for n, _ in placed(nlp, text).get("conference", [])}
    assert names == {"Viktor Yushchenko", "Ana Ruiz"}


def test_as_he_elected_someone_is_no_attendance(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Leaders gathered for the forum. President Viktor Yushchenko will also be there, as "
        "parliament elected Prime Minister Ana Ruiz."
    )
    assert {n for n, _ in placed(nlp, text).get("conference", [])} == {"Viktor Yushchenko"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Leaders gathered for the forum. The themes stressed by Mr Tony Blair - whose "
            "attendance was announced at the last minute - are his own. President Jan Moll "
            "will also attend.",
            {"Tony Blair", "Jan Moll"},
        ),
        (
            "Leaders gathered for the forum. President Jan Moll will attend. Mr Tony Blair's "
            "attendance was confirmed.",
            {"Tony Blair", "Jan Moll"},
        ),
        (
            "Leaders gathered for the forum. President Jan Moll will attend. Mr Tony Blair's "
            "attendance has been cancelled.",
            {"Jan Moll"},
        ),
    ],
)
def test_someones_attendance_places_them(nlp, text: str, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    assert {n for ps in placed(nlp, text).values() for n, _ in ps} == expected


def test_an_event_noun_as_a_modifier_is_no_event(nlp) -> None:  # type: ignore[no-untyped-def]
    ctx = DocContext(
        nlp("Ms Ana Ruiz joined a conference call on Monday."),
        Article(id="t", title="", text="x"),
    )
    assert event_frames(ctx) == []


def test_their_meeting_with_the_by_hung_on_the_object(run) -> None:  # type: ignore[no-untyped-def]
    x = run(
        "President Ana Ruiz, left, is shown the way by Prime Minister Tom Lund after a joint "
        "press conference following their meeting in Tokyo."
    )
    assert {frozenset(m.participants) for m in x.meetings} == {frozenset({"Ana Ruiz", "Tom Lund"})}


def test_a_caption_verb_read_as_a_noun(run) -> None:  # type: ignore[no-untyped-def]
    # the tagger reads "greet" as a noun in this caption, which has no other verb
    x = run(
        "President-elect Donald Trump and Vice President-elect Mike Pence greet retired "
        "Marine General James Mattis for a meeting at the main clubhouse, November 19, 2016."
    )
    assert {n for m in x.meetings for n in m.participants} == {
        "Donald Trump",
        "Mike Pence",
        "James Mattis",
    }
    assert run("Track star Ana Ruiz won the meet against Tom Lund.").meetings == ()


@pytest.mark.parametrize(
    ("text", "people"),
    [
        (
            "President Richard Nixon sits between Premier Chou En-lai and Chiang Ching at a "
            "cultural show in the Great Hall of the People.",
            {"Richard Nixon", "Chou En-lai", "Chiang Ching"},
        ),
        (
            "Prime Minister Ana Ruiz stood beside President Tom Lund at the ceremony.",
            {"Ana Ruiz", "Tom Lund"},
        ),
        ("Prime Minister Ana Ruiz stood firm on the budget.", set()),
        ("Prime Minister Ana Ruiz sat between two bodyguards.", set()),
    ],
)
def test_seated_or_standing_next_to_named_people(run, text: str, people: set[str]) -> None:  # type: ignore[no-untyped-def]
    x = run(text)
    assert {n for m in x.meetings for n in m.participants} == people


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Ana Ruiz laughs with President Tom Lund at the committee meeting.",
        # "jokes" read as a noun in a caption with no other verb
        "Prime Minister Ana Ruiz jokes with President Tom Lund before talks.",
        "Prime Minister Ana Ruiz sits with President Tom Lund at the dinner.",
    ],
)
def test_sharing_a_laugh_or_a_seat_is_being_together(run, text: str) -> None:  # type: ignore[no-untyped-def]
    assert {frozenset(m.participants) for m in run(text).meetings} == {
        frozenset({"Ana Ruiz", "Tom Lund"})
    }


@pytest.mark.parametrize(
    "text",
    [
        "Prime Minister Ana Ruiz smiled with relief.",
        "The walks of Prime Minister Ana Ruiz with President Tom Lund.",
    ],
)
def test_no_company_named(run, text: str) -> None:  # type: ignore[no-untyped-def]
    assert run(text).meetings == ()


def test_the_talks_just_after_a_meeting_told_by_its_verb_are_that_meeting(run: Run) -> None:
    x = run(
        "Premier Ole Dahl and President Tom Lind met in Oslo on Monday. Governor Eva Berg "
        "joined the talks as an observer."
    )
    assert [set(m.participants) for m in x.meetings] == [{"Ole Dahl", "Tom Lind", "Eva Berg"}]
    # a meeting still to come is another one; so is talks told much later
    y = run(
        "Premier Ole Dahl and President Tom Lind met in Oslo on Monday. Governor Eva Berg "
        "will attend the meeting next year in Rome."
    )
    assert frozenset({"Dahl", "Berg"}) not in pairs(y)
    z = run(
        "Premier Ole Dahl and President Tom Lind met in Oslo on Monday. Oil prices fell. "
        "Shares rose. Bonds were flat. Governor Eva Berg joined the talks as an observer."
    )
    assert frozenset({"Dahl", "Berg"}) not in pairs(z)


_FORUM = "Leaders gather in Davos this week for the World Economic Forum. "


@pytest.mark.parametrize(
    "text",
    [
        # "the event": a word for any gathering, referring back to the one just told
        "Shimon Peres, the deputy prime minister, is also coming to the event.",
        # a group placed at it, its members named by "including" or "among them"
        "Several ministers are coming to the event, including Shimon Peres.",
        "Several ministers are coming to the event, among them Shimon Peres.",
        # a coming address, its time told, at the event just named
        "Shimon Peres, the deputy prime minister, is to speak, just days after his return.",
        "Shimon Peres will speak on Friday.",
    ],
)
def test_placed_at_the_event_just_told_of(run: Run, text: str) -> None:
    x = run(_FORUM + "Prime Minister Tom Lind will attend the forum. " + text)
    assert pairs(x) == {frozenset(("Lind", "Peres"))}, (text, pairs(x))


@pytest.mark.parametrize(
    "text",
    [
        "Several ministers are coming to the event.",  # no one named
        "Shimon Peres missed the event of the year.",  # an event of its own
        "Shimon Peres will speak to reporters in Jerusalem.",  # another setting
        "Shimon Peres will speak by phone with the king.",
        "Shimon Peres spoke on Friday.",  # not a coming address
    ],
)
def test_not_placed_at_the_event(run: Run, text: str) -> None:
    x = run(_FORUM + "Prime Minister Tom Lind will attend the forum. " + text)
    assert frozenset(("Lind", "Peres")) not in pairs(x), (text, pairs(x))
    assert run("Shimon Peres is coming to the event.").meetings == ()  # nothing told before


@pytest.mark.parametrize(
    "text",
    [
        "Minister Jan Roe will miss an address to the summit from President Iyad Allawi.",
        "President Iyad Allawi gave a speech to the summit on Friday.",
        "A speech to the summit by President Iyad Allawi was cheered.",
    ],
)
def test_an_address_to_the_event_places_its_speaker(run: Run, text: str) -> None:
    x = run("Prime Minister Tom Lind is at a summit in Brussels. " + text)
    assert frozenset(("Lind", "Allawi")) in pairs(x), (text, pairs(x))


@pytest.mark.parametrize(
    "text",
    [
        "President Iyad Allawi sent a message to the summit.",  # from afar
        "A message to the summit from President Iyad Allawi was read out.",
        "President Iyad Allawi gave a speech to students on Friday.",  # another audience
    ],
)
def test_a_message_sent_or_a_speech_elsewhere_places_no_one(run: Run, text: str) -> None:
    x = run("Prime Minister Tom Lind is at a summit in Brussels. " + text)
    assert frozenset(("Lind", "Allawi")) not in pairs(x), (text, pairs(x))


def test_people_among_those_at_the_event_are_placed_there(run: Run) -> None:
    x = run(
        "Leaders met in Lisbon on Saturday. President Ole Dahl and Prime Minister Ana Ruiz "
        "were among those at the summit."
    )
    assert [set(m.participants) for m in x.meetings] == [{"Ole Dahl", "Ana Ruiz"}]


def test_attending_for_the_first_time_places_one_at_the_event_just_told(run: Run) -> None:
    x = run(
        "The summit opened in Lisbon on Friday. President Ole Dahl attended for the first "
        "time in 12 years. Prime Minister Ana Ruiz also addressed the summit."
    )
    assert [set(m.participants) for m in x.meetings] == [{"Ole Dahl", "Ana Ruiz"}]


def test_two_titled_names_hung_inside_each_other_both_attend(run: Run) -> None:
    """The parser hangs "Syrian President A" as an appositive inside B's title."""
    x = run(
        "Syrian President Bashar al-Assad and Ukrainian President Volodymyr Zelensky "
        "attended the summit."
    )
    assert [set(m.participants) for m in x.meetings] == [{"Bashar al-Assad", "Volodymyr Zelensky"}]


@pytest.mark.parametrize(
    "text",
    [
        "The conference opened in Lisbon on Monday. Other participants included President "
        "Ole Dahl and Prime Minister Ana Ruiz.",
        "The summit opened in Lisbon on Monday. Also attending were President Ole Dahl and "
        "Prime Minister Ana Ruiz.",
        "The summit opened in Lisbon on Monday. President Ole Dahl and Prime Minister Ana "
        "Ruiz took part.",
    ],
)
def test_attendance_told_after_the_event_takes_its_place_and_day(run: Run, text: str) -> None:
    x = run(text)
    assert [(set(m.participants), m.place, m.when) for m in x.meetings] == [
        ({"Ole Dahl", "Ana Ruiz"}, "Lisbon", "Monday")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The talks brought together President Ole Dahl, Prime Minister Ana Ruiz and "
        "Chancellor Jon Hale.",
        "The summit drew President Ole Dahl, Prime Minister Ana Ruiz and Chancellor Jon Hale "
        "to Lisbon.",
    ],
)
def test_an_event_that_brings_people_together_has_them(run: Run, text: str) -> None:
    x = run(text)
    assert [set(m.participants) for m in x.meetings] == [{"Ole Dahl", "Ana Ruiz", "Jon Hale"}]


def test_taking_part_elsewhere_or_listing_other_things_places_nobody(run: Run) -> None:
    x = run(
        "The summit opened in Lisbon on Monday. President Ole Dahl took part in a rally in "
        "Porto. The plans included a new port and a railway."
    )
    assert x.meetings == ()
