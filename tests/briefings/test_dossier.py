"""lookup(): dossiers, candidates, unknown names; matching and ordering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefings.dossier import (
    MAX_MEETINGS,
    Candidates,
    Dossier,
    Unknown,
    known_officials,
    lookup,
)
from briefings.models import Agreement, Evidence, Extraction, Itinerary, Meeting, Official, Stop
from briefings.render.blocks import check_message, to_message
from briefings.render.mrkdwn import to_mrkdwn
from briefings.store import Store
from tests.briefings.factories import article, meeting_extraction, seed_article, seed_extraction
from tests.support import shared_path


def _ev(text: str) -> tuple[Evidence, ...]:
    return (Evidence(text, 0, len(text)),)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    yield s
    s.close()


def test_seed_dossier(store: Store) -> None:
    art = seed_article(url="https://example.org/kelly-tokyo")
    store.save(art, seed_extraction(art.text))
    d = lookup(store, "Kelly")
    assert isinstance(d, Dossier)
    assert d.official.name == "James Kelly"
    assert d.title == "U.S. Assistant Secretary of State"
    assert {m.others for m in d.meetings} >= {
        ("Mitoji Yabunaka",),
        ("Yasuo Fukuda",),
        ("Shinzo Abe",),
    }
    assert any(f.place == "Tokyo" and f.when == "Monday" for f in d.meetings)
    assert [s.place for s in d.itinerary] == ["China", "South Korea", "Washington"]
    assert d.agreements[0].others == ("Shinzo Abe",)
    assert all(f.source.url == "https://example.org/kelly-tokyo" for f in d.meetings)
    assert all(
        art.text[f.evidence.start : f.evidence.end] == f.evidence.sentence for f in d.meetings
    )
    text = to_mrkdwn(d)
    assert "Tokyo" in text and "China (on Tuesday) -&gt; South Korea -&gt; Washington" in text
    assert check_message(to_message(d)) == []


@pytest.mark.parametrize(
    "query",
    [
        "kelly",
        "KELLY",
        "Mr. Kelly",
        "  james   kelly ",
        "U.S. Assistant Secretary of State James Kelly",
    ],
)
def test_case_spacing_and_titles_do_not_matter(store: Store, query: str) -> None:
    art = seed_article()
    store.save(art, seed_extraction(art.text))
    d = lookup(store, query)
    assert isinstance(d, Dossier) and d.official.name == "James Kelly"


def test_accents_and_typos(store: Store) -> None:
    text = "Recep Tayyip Erdoğan met Yoriko Kawaguchi in Ankara."
    art = article("e", text)
    store.save(
        art,
        Extraction(
            "e",
            "t",
            (
                Official("Recep Tayyip Erdoğan", "President"),
                Official("Yoriko Kawaguchi", "Foreign Minister"),
            ),
            (
                Meeting(
                    ("Recep Tayyip Erdoğan", "Yoriko Kawaguchi"),
                    "held",
                    "Ankara",
                    None,
                    None,
                    _ev(text),
                ),
            ),
        ),
    )
    for q in ("Erdogan", "ERDOĞAN", "erdoğan", "Recep Tayyip Erdogan"):
        d = lookup(store, q)
        assert isinstance(d, Dossier) and d.official.name == "Recep Tayyip Erdoğan", q
        assert d.note is None
    d = lookup(store, "Kawaguci")
    assert isinstance(d, Dossier) and d.official.name == "Yoriko Kawaguchi"
    assert d.note and "closest match" in d.note
    d = lookup(store, "Erdgan")
    assert isinstance(d, Dossier) and d.official.name.startswith("Recep")


def test_unknown_name_says_so_and_suggests(store: Store) -> None:
    art = seed_article()
    store.save(art, seed_extraction(art.text))
    u = lookup(store, "Condoleezza Rice")
    assert isinstance(u, Unknown)
    assert "No official named" in to_mrkdwn(u)
    u2 = lookup(store, "Kellogg")
    assert isinstance(u2, (Unknown, Candidates))
    names = [r.name for r in (u2.suggestions if isinstance(u2, Unknown) else u2.candidates)]
    assert "James Kelly" in names
    assert isinstance(lookup(store, ""), Unknown)
    assert isinstance(lookup(store, "<!channel> " * 500), Unknown)


def test_ambiguous_surname_lists_candidates_with_titles(store: Store) -> None:
    for i, (name, title) in enumerate(
        [("Michael Howard", "Conservative leader"), ("John Howard", "Australian Prime Minister")]
    ):
        text = f"{name} met Tony Blair in London."
        store.save(
            article(f"h{i}", text),
            Extraction(
                f"h{i}",
                "t",
                (Official(name, title), Official("Tony Blair", "Prime Minister")),
                (Meeting((name, "Tony Blair"), "held", "London", None, None, _ev(text)),),
            ),
        )
    c = lookup(store, "Howard")
    assert isinstance(c, Candidates) and not c.fuzzy
    assert {(r.name, r.title) for r in c.candidates} == {
        ("Michael Howard", "Conservative leader"),
        ("John Howard", "Australian Prime Minister"),
    }
    assert "Several officials match" in to_mrkdwn(c)
    assert isinstance(lookup(store, "John Howard"), Dossier)
    assert [r.name for r in known_officials(store, "how")] == ["John Howard", "Michael Howard"]
    assert known_officials(store, "Tony")[0].name == "Tony Blair"


def test_newest_first_capped_with_more(store: Store) -> None:
    n = MAX_MEETINGS + 3
    for i in range(n):
        day = dt.date(2004, 3, 1) + dt.timedelta(days=i)
        text = f"Jack Straw met Minister{i} Person{i} in City{i}. Straw will visit Place{i}."
        art = article(f"s{i}", text, published=day, url=f"https://example.org/s{i}")
        store.save(
            art,
            Extraction(
                f"s{i}",
                "t",
                (
                    Official("Jack Straw", "Foreign Secretary", aliases=("Straw",)),
                    Official(f"Minister{i} Person{i}", "Minister"),
                ),
                (
                    Meeting(
                        ("Jack Straw", f"Minister{i} Person{i}"),
                        "held",
                        f"City{i}",
                        "Monday",
                        None,
                        _ev(text),
                    ),
                ),
                (
                    Agreement(
                        ("Straw", f"Minister{i} Person{i}"),
                        "agreed" if i % 2 else "disagreed",
                        f"to settle matter {i}",
                        _ev(text),
                    ),
                ),
                (
                    Itinerary(
                        "Straw",
                        (Stop(f"Place{i}", "next week", day + dt.timedelta(days=7), _ev(text)),),
                    ),
                ),
            ),
        )
    d = lookup(store, "Straw")
    assert isinstance(d, Dossier)
    assert [f.place for f in d.meetings] == [
        f"City{i}" for i in range(n - 1, n - 1 - MAX_MEETINGS, -1)
    ]
    assert d.more_meetings == n - MAX_MEETINGS
    assert d.more_agreements > 0
    assert {f.kind for f in d.agreements} == {"agreed", "disagreed"}
    assert [s.place for s in d.itinerary] == [f"Place{n - 1}"]
    last = dt.date(2004, 3, 1) + dt.timedelta(days=n - 1)
    # "next week": the week, not one day of it.
    stop_day = last + dt.timedelta(days=7)
    monday = stop_day - dt.timedelta(days=stop_day.weekday())
    assert d.itinerary[0].when == "week of " + monday.strftime("%a %-d %b")
    text = to_mrkdwn(d)
    assert f"_{n - MAX_MEETINGS} more meetings_" in text
    assert check_message(to_message(d)) == []


def test_lookup_sees_officials_added_after_the_first_call(store: Store) -> None:
    assert isinstance(lookup(store, "Kelly"), Unknown)
    art = seed_article()
    store.save(art, seed_extraction(art.text))
    assert isinstance(lookup(store, "Kelly"), Dossier)


# -- acceptance: the 60 diplomacy articles and the seed --------------------------------


@pytest.fixture(scope="module")
def diplomacy_store(tmp_path_factory: pytest.TempPathFactory, extractor) -> Iterator[Store]:  # type: ignore[no-untyped-def]
    from briefings.loaders import load_paths

    folder = shared_path("corpus", "diplomacy")
    files = sorted(Path(folder).glob("0[0-5][0-9]-*.txt")) + sorted(Path(folder).glob("060-*.txt"))
    arts = [seed_article(), *load_paths(files).articles]
    assert len(arts) == 61
    db = tmp_path_factory.mktemp("dossier") / "d.db"
    store = Store.open(f"sqlite:///{db}")
    for art, ex in zip(arts, extractor.extract_many(arts), strict=True):
        store.save(art, ex)
    yield store
    store.close()


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("query", "name"), [("Blair", "Tony Blair"), ("Straw", "Jack Straw"), ("Kelly", "James Kelly")]
)
def test_corpus_dossiers(diplomacy_store: Store, query: str, name: str) -> None:
    d = lookup(diplomacy_store, query)
    assert isinstance(d, Dossier), d
    assert d.official.name == name
    assert not d.is_empty
    assert check_message(to_message(d)) == []


@pytest.mark.corpus
def test_corpus_typo_and_unknown(diplomacy_store: Store) -> None:
    ans = lookup(diplomacy_store, "Kely")
    shown = (
        ans.official.name
        if isinstance(ans, Dossier)
        else [c.name for c in ans.candidates]
        if isinstance(ans, Candidates)
        else []
    )
    assert "James Kelly" in shown
    assert "Kelly" in to_mrkdwn(ans)
    u = lookup(diplomacy_store, "Zbigniew Quackenbush")
    assert isinstance(u, Unknown)
    assert "Zbigniew Quackenbush" in to_mrkdwn(u)


def test_latest_title_prefers_the_newest_then_the_usual_form() -> None:
    from briefings.store.queries import _pick_title

    d1, d2 = dt.date(2005, 1, 2), dt.date(2004, 1, 1)
    assert _pick_title([("Chancellor", None, d1), ("Prime Minister", None, d2)]) == (
        "Chancellor",
        None,
    )
    undated = [
        ("leader", None, None),
        ("Tory leader", "Tory", None),
        ("Tory leader", "Tory", None),
        ("Conservative leader", None, None),
    ]
    assert _pick_title(undated) == ("Tory leader", "Tory")
    assert _pick_title([]) is None


def test_dossier_agreements_read_as_phrases(store: Store) -> None:
    """'agreed with X to ...', a past-tense verb on its own; never 'agreed: signed'."""
    s1 = "Ana Ruiz and Ben Okafor agreed to reopen the ferry line."
    s2 = "Ana Ruiz signed a fisheries protocol."
    s3 = "Ana Ruiz agreed with Ben Okafor that the port would stay open."
    text = f"{s1}\n{s2}\n{s3}"
    art = article("phr", text, title="Ferry line to reopen")
    ex = Extraction(
        "phr",
        "t",
        officials=(Official("Ana Ruiz", "Foreign Minister"), Official("Ben Okafor")),
        agreements=(
            Agreement(
                ("Ana Ruiz", "Ben Okafor"), "agreed", "reopen the ferry line", (_at(text, s1),)
            ),
            Agreement(("Ana Ruiz",), "agreed", "signed a fisheries protocol", (_at(text, s2),)),
            Agreement(
                ("Ana Ruiz", "Ben Okafor"),
                "agreed",
                "the port would stay open",
                (_at(text, s3),),
            ),
        ),
    )
    store.save(art, ex)
    d = lookup(store, "Ruiz")
    assert isinstance(d, Dossier)
    assert sorted(f.text for f in d.agreements) == [
        "agreed with Ben Okafor that the port would stay open",
        "agreed with Ben Okafor to reopen the ferry line",
        "signed a fisheries protocol",
    ]


def _at(text: str, sentence: str) -> Evidence:
    i = text.index(sentence)
    return Evidence(sentence, i, i + len(sentence))


def test_a_title_made_from_the_first_sentence_is_not_shown_as_the_source(store: Store) -> None:
    """The seed has no headline: its loader-made title (the opening sentence, cut) must
    not label the dossier's facts; the file it came from does."""
    art = seed_article()
    assert art.title and art.text.startswith(art.title.rstrip("…"))
    store.save(art, seed_extraction(art.text))
    d = lookup(store, "Kelly")
    assert isinstance(d, Dossier)
    assert all(f.source.title_derived for f in d.meetings)
    text = to_mrkdwn(d)
    assert "U.S. Assistant Secretary of State James Kelly and" not in text
    assert "— kelly-tokyo-2003.txt" in text
    # A real headline is still shown.
    other = article("h1", "Ana Ruiz met Ben Okafor in Lisbon.", title="Ruiz and Okafor meet")
    store.save(other, meeting_extraction(other, [("Ana Ruiz", None), ("Ben Okafor", None)]))
    d2 = lookup(store, "Ruiz")
    assert isinstance(d2, Dossier) and not d2.meetings[0].source.title_derived
    assert "— Ruiz and Okafor meet" in to_mrkdwn(d2)


def test_one_meeting_reported_with_and_without_its_place_is_listed_once(store: Store) -> None:
    people = [("Ana Ruiz", "Foreign Minister"), ("Ben Okafor", None)]
    older = article("m1", "Ana Ruiz met Ben Okafor at the palace on Monday.", title="Palace talks")
    store.save(older, meeting_extraction(older, people, place="the palace", when="Monday"))
    newer = article("m2", "Ruiz held talks with Okafor on Monday.", title="Ruiz talks")
    store.save(newer, meeting_extraction(newer, people, when="Monday"))
    d = lookup(store, "Ruiz")
    assert isinstance(d, Dossier)
    assert [(f.text, f.when) for f in d.meetings] == [("met Ben Okafor in the palace", "Monday")]
    assert d.more_meetings == 0


def test_meetings_of_one_article_keep_the_text_order(store: Store) -> None:
    sents = [f"Ana Ruiz met Guest{i} Person{i} in City{i}." for i in range(4)]
    text = "\n".join(sents)
    officials = (Official("Ana Ruiz"), *(Official(f"Guest{i} Person{i}") for i in range(4)))
    meetings = tuple(
        Meeting(
            ("Ana Ruiz", f"Guest{i} Person{i}"), "held", f"City{i}", None, None, (_at(text, s),)
        )
        for i, s in enumerate(sents)
    )
    # Stored in reverse: the order shown must not depend on insertion order.
    store.save(
        article("o1", text, title="Ruiz tour"),
        Extraction("o1", "t", officials, meetings[::-1]),
    )
    d = lookup(store, "Ruiz")
    assert isinstance(d, Dossier)
    assert [f.place for f in d.meetings] == ["City0", "City1", "City2", "City3"]


def test_the_place_of_a_meeting_is_not_among_the_people_met(store: Store) -> None:
    text = "Ana Ruiz held talks in Lisbon."
    art = article("p1", text, title="Ruiz in Lisbon")
    ex = Extraction(
        "p1",
        "t",
        officials=(Official("Ana Ruiz", "Foreign Minister"),),
        meetings=(Meeting(("Ana Ruiz", "Lisbon"), "held", "Lisbon", None, None, _ev(text)),),
    )
    store.save(art, ex)
    d = lookup(store, "Ruiz")
    assert isinstance(d, Dossier)
    assert d.meetings == ()
    assert "met Lisbon" not in to_mrkdwn(d)


def test_a_loose_query_lists_only_the_near_best_guesses(store: Store) -> None:
    names = ["Tony Blair", "Ian Blair", "Charles Clarke"]
    for i, n in enumerate(names):
        art = article(f"b{i}", f"{n} met Host{i} Person in Rome.", title=f"Story {i}")
        store.save(
            art,
            meeting_extraction(art, [(n, "Minister"), (f"Host{i} Person", None)], place="Rome"),
        )
    ans = lookup(store, "Blare")
    assert isinstance(ans, Candidates) and ans.fuzzy
    assert sorted(r.name for r in ans.candidates) == ["Ian Blair", "Tony Blair"]


def test_an_official_without_facts_is_shown_with_the_articles_naming_them(store: Store) -> None:
    for i in range(4):
        text = f"Ana Ruiz commented on the budget, part {i}."
        art = article(f"n{i}", text, title=f"Budget row {i}", published=dt.date(2021, 3, 1 + i))
        store.save(
            art,
            Extraction(
                art.id,
                "t",
                officials=(Official("Ana Ruiz", "Finance Minister", evidence=_ev(text)),),
            ),
        )
    d = lookup(store, "Ruiz")
    assert isinstance(d, Dossier) and d.is_empty
    assert [m.title for m in d.mentions] == ["Budget row 3", "Budget row 2", "Budget row 1"]
    text = to_mrkdwn(d)
    assert "No meetings, agreements or travel recorded yet." in text
    assert "*Mentioned in*\n• Budget row 3, Thu 4 Mar 2021" in text
    msg = to_message(d)
    assert check_message(msg) == [] and "Budget row 3" in str(msg["blocks"])


def test_an_unknown_name_gets_no_unrelated_suggestions(store: Store) -> None:
    for i, (name, guest) in enumerate(
        [("Shimon Peres", "Ana Ruiz"), ("Angela Merkel", "Ben Okafor")]
    ):
        art = article(f"u{i}", f"{name} met {guest} in Rome.", title=f"Talks {i}")
        store.save(art, meeting_extraction(art, [(name, "Leader"), (guest, "Minister")]))
    u = lookup(store, "Nobody Here")
    assert isinstance(u, Unknown) and u.suggestions == ()
    assert to_mrkdwn(u) == "No official named “Nobody Here” appears in the stored articles."
    u2 = lookup(store, "Shimon Perez Junior")
    assert isinstance(u2, Unknown)
    assert [r.name for r in u2.suggestions][:1] == ["Shimon Peres"]


def test_dossier_itinerary_names_each_day_once(store: Store) -> None:
    text = "Ana Ruiz tours Lagos and Kano on Monday, then Abuja on Tuesday."
    art = article("it", text, title="Ruiz tour")
    stops = [("Lagos", "Monday"), ("Kano", "Monday"), ("Abuja", "Tuesday")]
    ex = Extraction(
        "it",
        "t",
        officials=(Official("Ana Ruiz", "Foreign Minister"),),
        next_stops=(Itinerary("Ana Ruiz", tuple(Stop(p, w, None, _ev(text)) for p, w in stops)),),
    )
    store.save(art, ex)
    d = lookup(store, "Ruiz")
    assert isinstance(d, Dossier)
    assert [(s.place, s.when) for s in d.itinerary] == [
        ("Lagos", "Monday"),
        ("Kano", None),
        ("Abuja", "Tuesday"),
    ]
    assert "Lagos (Monday) -&gt; Kano -&gt; Abuja (Tuesday)" in to_mrkdwn(d)


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Gerhard Schroeder", "Schröder"),
        ("Gerhard Schroeder", "Gerhard Schröder"),
        ("Gerhard Schröder", "Schroeder"),
        ("Gerhard Schröder", "schroder"),
    ],
)
def test_german_umlauts_match_either_spelling(store: Store, stored: str, query: str) -> None:
    art = article("g", f"{stored} met Ana Ruiz in Berlin.", title="Berlin talks")
    store.save(art, meeting_extraction(art, [(stored, "Chancellor"), ("Ana Ruiz", None)]))
    d = lookup(store, query)
    assert isinstance(d, Dossier) and d.official.name == stored
    assert d.note is None  # an exact match, not "the closest match"


def test_unsure_facts_are_marked_in_the_dossier_and_decisions_are_kept(store: Store) -> None:
    """What the extractor decided (confidence, date precision, text form) is stored with
    each fact; a dossier shows facts below the briefing threshold marked unconfirmed."""
    import dataclasses

    art = seed_article(url="https://example.org/kelly-tokyo")
    ex = seed_extraction(art.text)
    sure, *rest = ex.meetings
    unsure = [dataclasses.replace(m, confidence=0.41) for m in rest]
    meetings = (dataclasses.replace(sure, confidence=0.95, precision="week"), *unsure)
    deal = dataclasses.replace(ex.agreements[0], confidence=0.9, form="to")
    store.save(art, dataclasses.replace(ex, meetings=meetings, agreements=(deal,)))
    d = lookup(store, "Kelly")
    assert isinstance(d, Dossier)
    marked = [f for f in d.meetings if f.text.endswith("(unconfirmed)")]
    plain = [f for f in d.meetings if not f.text.endswith("(unconfirmed)")]
    assert marked and plain
    assert all(set(f.others) <= {p for m in unsure for p in m.participants} for f in marked)
    assert "to take up" in d.agreements[0].text
