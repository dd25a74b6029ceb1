"""compose_briefing: lines, titles, dates, the word budget, evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from briefings.compose import (
    EMPTY_NOTE,
    MAX_BODY_WORDS,
    compose_briefing,
    format_day,
    short_title,
    when_display,
)
from briefings.models import Agreement, Evidence, Extraction, Itinerary, Meeting, Official, Stop
from tests.briefings.factories import article, ev, seed_article, seed_extraction


def _line(b, label):  # type: ignore[no-untyped-def]
    found = [ln for ln in b.lines if ln.label == label]
    assert found, f"no {label} line in {[ln.label for ln in b.lines]}"
    return found[0]


def _in_order(text: str, *parts: str) -> None:
    pos = [text.find(p) for p in parts]
    assert all(p >= 0 for p in pos), (parts, text)
    assert pos == sorted(pos), (parts, text)


# -- the seed article ---------------------------------------------------------------


def _check_seed(b) -> None:  # type: ignore[no-untyped-def]
    met = _line(b, "Met").text
    for name in ("Kelly", "Yabunaka", "Fukuda", "Abe", "Tokyo"):
        assert name in met
    agreed = _line(b, "Agreed").text
    assert "Kelly" in agreed and "Abe" in agreed and "abductions issue" in agreed
    divided = _line(b, "Divided").text
    assert "Japan" in divided and "U.S." in divided and "document" in divided
    nxt = _line(b, "Next").text
    _in_order(nxt, "Kawaguchi", "China", "South Korea", "Washington")
    assert "Tuesday" in nxt  # published unknown: the article's own words
    assert [ln.label for ln in b.lines] == ["Met", "Agreed", "Divided", "Next"]
    assert b.words <= MAX_BODY_WORDS
    for ln in b.lines:
        assert ln.evidence, ln


def test_seed_briefing_from_hand_built_facts() -> None:
    art = seed_article()
    b = compose_briefing(art, seed_extraction(art.text), article_id=7)
    _check_seed(b)
    met = _line(b, "Met").text
    assert met.startswith("U.S. Asst. Secretary of State James Kelly met ")
    assert "Chief Cabinet Secretary Yasuo Fukuda" in met
    assert _line(b, "Next").text == (
        "Kelly: FM Yoriko Kawaguchi meeting -> China (on Tuesday) -> South Korea -> Washington"
    )
    assert _line(b, "Agreed").text == (
        "Kelly and Abe to take up the abductions issue during the next round of six-way talks"
    )
    assert b.article_id == 7
    assert b.officials[0] == "James Kelly"
    assert b.headline == "Kelly meets Yabunaka, Fukuda and Abe in Tokyo"
    # Evidence sentences are the article's own, with true offsets.
    for e in b.evidence:
        assert art.text[e.start : e.end] == e.sentence


def test_seed_briefing_with_the_real_extractor(extractor) -> None:  # type: ignore[no-untyped-def]
    """The acceptance test of issue 4 (needs the rule extractor, not the baseline)."""
    art = seed_article()
    b = compose_briefing(art, extractor.extract(art), article_id=1)
    _check_seed(b)


def test_titles_on_first_mention_only() -> None:
    art = seed_article()
    b = compose_briefing(art, seed_extraction(art.text))
    body = " ".join(ln.text for ln in b.lines)
    assert body.count("James Kelly") == 1
    assert "FM Yoriko Kawaguchi" in body


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("Foreign Minister", "FM"),
        ("U.S. Assistant Secretary of State", "U.S. Asst. Secretary of State"),
        ("Prime Minister", "PM"),
        # No acronym the article does not use (see the test below).
        ("secretary general of the Liberal Democratic Party", "Liberal Democratic Party Sec.-Gen."),
        ("director of the IMF's European Department", "IMF's European Department director"),
        ("Chief Cabinet Secretary", "Chief Cabinet Secretary"),
        ("TUC General Secretary", "TUC General Secretary"),
        ("Attorney General", "Attorney General"),
        ("Governor General of Canada", "Gov. General of Canada"),
        ("Pakistani army General", "Pakistani army Gen."),
        ("UN Secretary General", "UN Sec.-Gen."),
        ("the Deputy Prime Minister", "Deputy PM"),
        (None, None),
        ("", None),
        ("head of the committee that oversees the regional development fund for the north", None),
    ],
)
def test_short_title(title: str | None, short: str | None) -> None:
    assert short_title(title) == short


def test_empty_extraction_is_one_line() -> None:
    art = article("x", "The weather was fine. Nobody met anybody.")
    b = compose_briefing(art, Extraction(article_id="x", extractor_version="t"))
    assert b.is_empty and b.lines == ()
    assert b.note == EMPTY_NOTE


def test_body_is_capped_at_90_words() -> None:
    text = "Filler sentence. " * 50
    officials = tuple(Official(f"Person{i} Name{i}", "Very Important Minister") for i in range(40))
    evidence = (Evidence("Filler sentence.", 0, 16),)
    meetings = tuple(
        Meeting(
            (officials[i].name, officials[i + 1].name), "held", f"City{i}", "Monday", None, evidence
        )
        for i in range(0, 38, 2)
    )
    agreements = tuple(
        Agreement(
            (officials[i].name, officials[i + 2].name),
            "agreed",
            "to cooperate on a very long list of matters " * 5,
            evidence,
        )
        for i in range(10)
    )
    ex = Extraction("x", "t", officials, meetings, agreements)
    b = compose_briefing(article("x", text), ex)
    assert b.words <= MAX_BODY_WORDS
    assert any("more)" in ln.text or ln.text.endswith("…") for ln in b.lines)
    assert all(ln.evidence for ln in b.lines)


def test_two_people_sharing_a_surname_are_named_in_full() -> None:
    text = "Michael Howard met John Howard in London."
    ex = Extraction(
        "x",
        "t",
        officials=(
            Official("Michael Howard", "Conservative leader"),
            Official("John Howard", "Australian Prime Minister"),
        ),
        meetings=(
            Meeting(
                ("Michael Howard", "John Howard"), "held", "London", None, None, ev(text, text)
            ),
        ),
        agreements=(
            Agreement(
                ("Michael Howard", "John Howard"), "agreed", "to keep in touch", ev(text, text)
            ),
        ),
    )
    b = compose_briefing(article("x", text), ex)
    assert _line(b, "Agreed").text == "Michael Howard and John Howard to keep in touch"


# -- dates --------------------------------------------------------------------------


def test_format_day() -> None:
    assert format_day(dt.date(2003, 12, 2), dt.date(2003, 12, 1)) == "Tue 2 Dec"
    assert format_day(dt.date(2005, 1, 4), dt.date(2004, 12, 30)) == "Tue 4 Jan 2005"
    assert format_day(dt.date(2003, 12, 2)) == "Tue 2 Dec 2003"


def test_when_display_uses_words_when_published_is_unknown() -> None:
    assert when_display("Monday", dt.date(2003, 12, 1), None) == "Monday"
    assert when_display("Monday", dt.date(2003, 12, 1), dt.date(2003, 12, 2)) == "Mon 1 Dec"
    assert when_display("Earlier in the day", None, dt.date(2003, 12, 2)) == "earlier in the day"
    assert when_display(None, None, None) is None
    # Holidays keep their capital letter; common leading words are lowered.
    assert when_display("Christmas", None, None) == "Christmas"
    assert when_display("New Year's Day", None, None) == "New Year's Day"
    assert when_display("Later this month", None, None) == "later this month"


@pytest.mark.parametrize(
    ("published", "when", "direction", "shown"),
    [
        # Week boundary: published on a Sunday, "Monday" ahead is the next day.
        (dt.date(2003, 11, 30), "Monday", "future", "Mon 1 Dec"),
        # Past tense on a Monday: "Monday" is the same day.
        (dt.date(2003, 12, 1), "Monday", "past", "Mon 1 Dec"),
        # Month boundary: "on Tuesday" from Saturday 29 November.
        (dt.date(2003, 11, 29), "on Tuesday", "future", "Tue 2 Dec"),
        # "next week" from a Friday at the end of the month: the week, not a day.
        (dt.date(2003, 11, 28), "next week", None, "week of Mon 1 Dec"),
        # Year boundary: the year is shown when it differs from the article's.
        (dt.date(2004, 12, 30), "next Tuesday", None, "Tue 4 Jan 2005"),
        # A part of a month stays a part of a month (not "Mon 15 Dec").
        (dt.date(2003, 11, 28), "mid-December", None, "mid-Dec"),
        (dt.date(2004, 12, 10), "the end of January", None, "late Jan 2005"),
        (dt.date(2003, 11, 28), "in December", None, "Dec"),
        (dt.date(2003, 11, 28), "this week", None, "week of Mon 24 Nov"),
        (dt.date(2003, 11, 28), "27 January", None, "Tue 27 Jan 2004"),
        # A year stays a year; a count of weeks is a week.
        (dt.date(2004, 11, 20), "this year", None, "2004"),
        (dt.date(2004, 11, 20), "later this year", None, "later in 2004"),
        (dt.date(2004, 11, 20), "in two weeks", None, "week of Mon 29 Nov"),
    ],
)
def test_dates_resolved_around_week_and_month_boundaries(
    published: dt.date, when: str, direction: str | None, shown: str
) -> None:
    from briefings.extract import dates

    day = dates.resolve(when, published, direction=direction)  # type: ignore[arg-type]
    text = "Kelly will visit China. Kelly met Abe."
    ex = Extraction(
        "x",
        "t",
        officials=(Official("James Kelly", None, aliases=("Kelly",)),),
        next_stops=(
            Itinerary(
                "James Kelly", (Stop("China", when, day, ev(text, "Kelly will visit China.")),)
            ),
        ),
    )
    b = compose_briefing(article("x", text, published=published), ex)
    assert _line(b, "Next").text == f"James Kelly: China ({shown})"
    # Unknown publication date: the article's words, never a guessed date.
    b2 = compose_briefing(article("x", text), ex)
    assert _line(b2, "Next").text == f"James Kelly: China ({when})"


def test_real_extractor_resolves_relative_dates(extractor) -> None:  # type: ignore[no-untyped-def]
    art = seed_article(published=dt.date(2003, 11, 30))
    b = compose_briefing(art, extractor.extract(art))
    nxt = _line(b, "Next").text
    assert "China (Tue 2 Dec)" in nxt, nxt


def test_briefing_for_a_stored_article(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from briefings.compose import briefing_for
    from briefings.store import Store

    store = Store.open(f"sqlite:///{tmp_path}/t.db")
    art = seed_article(url="https://news.example/k")
    _, aid = store.save(art, seed_extraction(art.text))
    b = briefing_for(store, aid)
    assert b is not None and b.article_id == aid and b.source.url == "https://news.example/k"
    assert [ln.label for ln in b.lines] == ["Met", "Agreed", "Divided", "Next"]
    assert briefing_for(store, aid + 100) is None
    store.close()


def test_a_title_dropped_with_an_item_reappears_at_the_next_mention() -> None:
    text = "Filler. " * 20
    e = (Evidence("Filler.", 0, 7),)
    officials = [Official(f"Alpha{i} Person{i}", "Deputy Minister") for i in range(24)]
    officials += [
        Official("Yoriko Kawaguchi", "Foreign Minister", aliases=("Kawaguchi",)),
        Official("James Kelly", "U.S. Assistant Secretary of State", aliases=("Kelly",)),
    ]
    meetings = [
        Meeting((officials[i].name, officials[i + 1].name), "held", f"Town{i}", None, None, e)
        for i in range(0, 24, 2)
    ]
    officials.append(Official("Zeta Last", "Envoy"))
    meetings.append(Meeting(("Zeta Last", "Yoriko Kawaguchi"), "held", "Tokyo", None, None, e))
    meetings.append(Meeting(("Kelly", "Kawaguchi"), "planned", None, None, None, e))
    ex = Extraction(
        "x",
        "t",
        tuple(officials),
        tuple(meetings),
        next_stops=(Itinerary("Kelly", (Stop("China", "Tuesday", None, e),)),),
    )
    b = compose_briefing(article("x", text), ex)
    assert b.words <= MAX_BODY_WORDS
    met, nxt = _line(b, "Met").text, _line(b, "Next").text
    assert "Kawaguchi" not in met and "more)" in met
    assert "FM Yoriko Kawaguchi meeting -> China (Tuesday)" in nxt
    assert "Yoriko Kawaguchi" in b.officials


def test_names_given_with_their_title_are_shown_once() -> None:
    text = "U.S. Assistant Secretary of State James Kelly met his counterpart Mitoji Yabunaka."
    ex = Extraction(
        "x",
        "t",
        officials=(
            Official(
                "U.S. Assistant Secretary of State James Kelly", "U.S. Assistant Secretary of State"
            ),
            Official("Mitoji Yabunaka", "his counterpart"),
        ),
        meetings=(
            Meeting(
                ("U.S. Assistant Secretary of State James Kelly", "Mitoji Yabunaka"),
                "held",
                None,
                None,
                None,
                ev(text, text),
            ),
        ),
    )
    b = compose_briefing(article("x", text), ex)
    assert _line(b, "Met").text == (
        "U.S. Asst. Secretary of State James Kelly met counterpart Mitoji Yabunaka"
    )
    assert b.officials == ("James Kelly", "Mitoji Yabunaka")


# -- agreement phrasing ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentence", "shown"),
    [
        # "agreed to <verb>": the evidence shows the "to".
        (
            "take up the fishing quotas",
            "Ana Ruiz and Ben Okafor agreed to take up the fishing quotas in May.",
            "Ana Ruiz and Ben Okafor to take up the fishing quotas",
        ),
        # A past-tense verb follows its subject; never "to struck".
        (
            "struck a deal to supply buses",
            "Ana Ruiz and Ben Okafor struck a deal to supply buses.",
            "Ana Ruiz and Ben Okafor struck a deal to supply buses",
        ),
        (
            "signed a border protocol.",
            "Ana Ruiz and Ben Okafor signed a border protocol.",
            "Ana Ruiz and Ben Okafor signed a border protocol",
        ),
        # "agreed that <clause>": a clause, never "to she would ...".
        (
            "she would chair the panel",
            "Ana Ruiz agreed with Ben Okafor that she would chair the panel.",
            "Ana Ruiz and Ben Okafor: she would chair the panel",
        ),
        (
            "whatever the past, the plan stands",
            "We agreed that whatever the past, the plan stands, Ana Ruiz said of Ben Okafor.",
            "Ana Ruiz and Ben Okafor: whatever the past, the plan stands",
        ),
        # An intention with a modal reads as "to".
        (
            "continue the ferry service",
            "Ana Ruiz and Ben Okafor will also continue the ferry service.",
            "Ana Ruiz and Ben Okafor to continue the ferry service",
        ),
        # A noun phrase keeps the colon.
        (
            "a new fishing accord",
            "Ana Ruiz and Ben Okafor agreed a new fishing accord.",
            "Ana Ruiz and Ben Okafor: a new fishing accord",
        ),
    ],
)
def test_agreement_phrasing_follows_the_evidence(text: str, sentence: str, shown: str) -> None:
    ex = Extraction(
        "x",
        "t",
        officials=(Official("Ana Ruiz"), Official("Ben Okafor")),
        agreements=(Agreement(("Ana Ruiz", "Ben Okafor"), "agreed", text, ev(sentence, sentence)),),
    )
    b = compose_briefing(article("x", sentence), ex)
    assert _line(b, "Agreed").text == shown


def test_disagreement_with_a_past_verb_and_no_trailing_full_stop() -> None:
    sentence = "Ana Ruiz rejected the harbour plan backed by Ben Okafor."
    ex = Extraction(
        "x",
        "t",
        officials=(Official("Ana Ruiz"), Official("Ben Okafor")),
        agreements=(
            Agreement(
                ("Ana Ruiz", "Ben Okafor"),
                "disagreed",
                "rejected the harbour plan backed by Ben Okafor.",
                ev(sentence, sentence),
            ),
        ),
    )
    b = compose_briefing(article("x", sentence), ex)
    # the side the words name is the target: only Ana Ruiz rejected it
    assert _line(b, "Divided").text == "Ana Ruiz rejected the harbour plan backed by Ben Okafor"


@pytest.mark.parametrize(
    ("title", "text", "derived"),
    [
        ("Ana Ruiz met Ben Okafor on Monday.", "Ana Ruiz met Ben Okafor on Monday. More.", True),
        ("Ana Ruiz and Ben Okafor, who…", "Ana Ruiz and Ben Okafor, who lead talks.", True),
        # A headline repeated as the first line is still a headline.
        ("Ruiz meets Okafor", "Ruiz meets Okafor\nAna Ruiz met Ben Okafor.", False),
        ("Talks end.", "Something else entirely.", False),
        (None, "Anything.", False),
    ],
)
def test_is_derived_title(title: str | None, text: str, derived: bool) -> None:
    from briefings.text import is_derived_title

    assert is_derived_title(title, text) is derived


def test_a_place_is_never_met_and_a_person_is_never_a_stop() -> None:
    text = "Ana Ruiz held talks in Lisbon with Ben Okafor. Ruiz will then see Carla Mendes."
    e = ev(text, text)
    ex = Extraction(
        "x",
        "t",
        officials=(Official("Ana Ruiz"), Official("Ben Okafor"), Official("Carla Mendes")),
        meetings=(
            Meeting(("Ana Ruiz", "Lisbon", "Ben Okafor"), "held", "Lisbon", None, None, e),
            Meeting(("Ana Ruiz", "Lisbon"), "held", "Lisbon", None, None, e),
        ),
        next_stops=(
            Itinerary(
                "Ana Ruiz", (Stop("Carla Mendes", None, None, e), Stop("Porto", None, None, e))
            ),
        ),
    )
    b = compose_briefing(article("x", text), ex)
    assert _line(b, "Met").text == "Ana Ruiz met Ben Okafor in Lisbon"
    assert _line(b, "Next").text == "Ruiz: Porto"


def test_a_trip_whose_only_stop_is_a_person_is_left_out() -> None:
    text = "Ana Ruiz will visit Ben Okafor."
    e = ev(text, text)
    ex = Extraction(
        "x",
        "t",
        officials=(Official("Ana Ruiz"), Official("Ben Okafor", aliases=("Okafor",))),
        next_stops=(Itinerary("Ana Ruiz", (Stop("Okafor", None, None, e),)),),
    )
    b = compose_briefing(article("x", text), ex)
    assert b.is_empty and b.note == EMPTY_NOTE


def test_meetings_at_different_times_end_with_and() -> None:
    """'met Ben Okafor (Monday), Carla Mendes' reads as an apposition: the last one is
    joined with 'and'."""
    s1 = "Ana Ruiz met Ben Okafor on Monday."
    s2 = "Ruiz also held talks with Carla Mendes."
    text = f"{s1}\n{s2}"
    ex = Extraction(
        "x",
        "t",
        officials=(Official("Ana Ruiz"), Official("Ben Okafor"), Official("Carla Mendes")),
        meetings=(
            Meeting(("Ana Ruiz", "Ben Okafor"), "held", None, "Monday", None, ev(text, s1)),
            Meeting(("Ruiz", "Carla Mendes"), "held", None, None, None, ev(text, s2)),
        ),
    )
    b = compose_briefing(article("x", text), ex)
    assert _line(b, "Met").text == "Ana Ruiz met Ben Okafor (Monday) and Carla Mendes"


def test_an_acronym_only_when_the_article_uses_it() -> None:
    title = "secretary general of the Liberal Democratic Party"
    assert short_title(title, "The LDP met on Monday.") == "LDP Sec.-Gen."
    assert short_title(title, "The party met on Monday.") == "Liberal Democratic Party Sec.-Gen."
    # "IED" would be invented (and wrong) for the IMF's European Department.
    assert short_title("director of the IMF's European Department", "IED ...") == (
        "IMF's European Department director"
    )


def test_planned_meetings_sharing_a_person_are_one_phrase() -> None:
    s1 = "Ana Ruiz will meet Ben Okafor on Friday."
    s2 = "Ruiz will also see Carla Mendes on Friday."
    s3 = "Dan Brook is to meet Eve Stone."
    text = f"{s1}\n{s2}\n{s3}"
    ex = Extraction(
        "x",
        "t",
        officials=tuple(
            Official(n)
            for n in ("Ana Ruiz", "Ben Okafor", "Carla Mendes", "Dan Brook", "Eve Stone")
        ),
        meetings=(
            Meeting(("Ana Ruiz", "Ben Okafor"), "planned", None, "Friday", None, ev(text, s1)),
            Meeting(("Ruiz", "Carla Mendes"), "planned", None, "Friday", None, ev(text, s2)),
            Meeting(("Dan Brook", "Eve Stone"), "planned", None, None, None, ev(text, s3)),
        ),
    )
    b = compose_briefing(article("x", text), ex)
    nxt = _line(b, "Next")
    assert nxt.text == (
        "Ana Ruiz to meet Ben Okafor and Carla Mendes (Friday); Dan Brook and Eve Stone to meet"
    )
    assert len(nxt.evidence) == 3


def test_a_run_of_stops_on_one_day_names_the_day_once() -> None:
    text = "Ana Ruiz tours Lagos and Kano on Monday, then Abuja and Jos on Tuesday."
    e = ev(text, text)
    stops = [("Lagos", "Monday"), ("Kano", "Monday"), ("Abuja", "Tuesday"), ("Jos", "Tuesday")]
    ex = Extraction(
        "x",
        "t",
        officials=(Official("Ana Ruiz"),),
        next_stops=(Itinerary("Ana Ruiz", tuple(Stop(p, w, None, e) for p, w in stops)),),
    )
    b = compose_briefing(article("x", text), ex)
    assert _line(b, "Next").text == "Ana Ruiz: Lagos (Monday) -> Kano -> Abuja (Tuesday) -> Jos"


def test_agreements_of_the_same_parties_name_them_once() -> None:
    s1 = "Ana Ruiz and Ben Okafor signed a ferry deal."
    s2 = "Ruiz and Okafor also agreed to open a joint consulate."
    s3 = "Carla Mendes agreed to host the next round."
    text = f"{s1}\n{s2}\n{s3}"
    ex = Extraction(
        "x",
        "t",
        officials=(
            Official("Ana Ruiz", aliases=("Ruiz",)),
            Official("Ben Okafor", aliases=("Okafor",)),
            Official("Carla Mendes"),
        ),
        agreements=(
            Agreement(("Ana Ruiz", "Ben Okafor"), "agreed", "signed a ferry deal", ev(text, s1)),
            Agreement(("Carla Mendes",), "agreed", "host the next round", ev(text, s3)),
            Agreement(("Okafor", "Ruiz"), "agreed", "open a joint consulate", ev(text, s2)),
        ),
    )
    b = compose_briefing(article("x", text), ex)
    agreed = _line(b, "Agreed")
    assert agreed.text == (
        "Ana Ruiz and Ben Okafor signed a ferry deal; to open a joint consulate; "
        "Carla Mendes to host the next round"
    )
    assert len(agreed.evidence) == 3


def test_latest_briefings_skip_articles_that_report_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from briefings.compose import latest_briefings
    from briefings.models import Article, Evidence, Extraction, Meeting
    from briefings.store import Store

    store = Store.open(f"sqlite:///{tmp_path / 'l.db'}")
    ev = Evidence("Ana Lopez met Mario Rossi in Lima.", 0, 34)
    met = Extraction("a", "v", meetings=(Meeting(("Ana Lopez", "Mario Rossi"), evidence=(ev,)),))
    store.save(Article("a", "Lima talks", "Ana Lopez met Mario Rossi in Lima."), met)
    store.save(Article("b", "Weather", "It rained in Lima all day."), Extraction("b", "v"))
    got = latest_briefings(store, 5)
    assert [b.headline for b in got] == ["Lima talks"]
    store.close()


def test_facts_below_the_display_confidence_are_not_shown() -> None:
    import dataclasses

    from briefings.compose import SHOW_CONFIDENCE

    art = seed_article()
    ex = seed_extraction(art.text)
    unsure = tuple(dataclasses.replace(m, confidence=SHOW_CONFIDENCE - 0.1) for m in ex.meetings)
    shown = compose_briefing(art, dataclasses.replace(ex, meetings=unsure))
    assert "Met" not in {ln.label for ln in shown.lines}
    sure = tuple(dataclasses.replace(m, confidence=SHOW_CONFIDENCE) for m in ex.meetings)
    again = compose_briefing(art, dataclasses.replace(ex, meetings=sure))
    assert "Met" in {ln.label for ln in again.lines}


def test_a_joint_dispute_verb_keeps_both_sides() -> None:
    sentence = "Ana Ruiz and Ben Okafor clashed over the harbour plan."
    ex = Extraction(
        "x",
        "t",
        officials=(Official("Ana Ruiz"), Official("Ben Okafor")),
        agreements=(
            Agreement(
                ("Ana Ruiz", "Ben Okafor"),
                "disagreed",
                "clashed over the harbour plan.",
                ev(sentence, sentence),
            ),
        ),
    )
    b = compose_briefing(article("x", sentence), ex)
    assert _line(b, "Divided").text == "Ana Ruiz and Ben Okafor clashed over the harbour plan"
