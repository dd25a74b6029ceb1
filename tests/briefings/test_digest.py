"""build_digest: new stories only, clustered, newest first, split into messages."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from briefings.digest import build_digest, mark_delivered, minhash, similarity
from briefings.models import Article, Extraction
from briefings.render.blocks import check_message, to_messages
from briefings.render.mrkdwn import to_mrkdwn
from briefings.store import Store
from tests.briefings.factories import article, meeting_extraction, seed_article, seed_extraction
from tests.support import shared_path

T, C = "T1", "C1"


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    yield s
    s.close()


def _text(i: int) -> str:
    # Distinct wording per article so only facts (or nothing) can cluster them.
    words = " ".join(f"w{i}x{j}" for j in range(40))
    return f"Story {i}. {words}."


def _save_meeting(store: Store, i: int, people: list[tuple[str, str | None]], **kw: object) -> int:
    published = kw.pop("published", None)
    url = kw.pop("url", None)
    art = article(
        f"a{i}",
        _text(i),
        title=f"Story {i}",
        published=published,  # type: ignore[arg-type]
        url=url,
    )  # type: ignore[arg-type]
    return store.save(art, meeting_extraction(art, people, **kw))[1]  # type: ignore[arg-type]


def test_empty_store_gives_an_empty_digest(store: Store) -> None:
    d = build_digest(store, team_id=T, channel_id=C)
    assert d.is_empty and d.messages == ()
    assert "Nothing new" in to_mrkdwn(d)
    msgs = to_messages(d)
    assert len(msgs) == 1 and check_message(msgs[0]) == []


@pytest.mark.corpus
def test_same_story_from_two_files_and_urls_appears_once_with_two_sources(  # type: ignore[no-untyped-def]
    store: Store, tmp_path: Path, extractor
) -> None:
    from briefings.loaders import load_paths

    src = shared_path(
        "corpus", "diplomacy", "002-statement-of-joint-understanding-released-after-annapolis.txt"
    )
    header, body = Path(src).read_text(encoding="utf-8").split("\n\n", 1)
    lines = [ln for ln in header.splitlines() if not ln.startswith("url:")]
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "annapolis.txt").write_text(
        "\n".join([*lines, "url: https://news.example/2007/annapolis"]) + "\n\n" + body,
        encoding="utf-8",
    )
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "copy-of-annapolis.txt").write_text(
        "\n".join([*lines, "url: https://mirror.example/world/annapolis-statement?ref=rss"])
        + "\n\n"
        + body,
        encoding="utf-8",
    )
    arts = load_paths([tmp_path / "one", tmp_path / "two"]).articles
    assert len(arts) == 2 and arts[0].url != arts[1].url
    ids = [store.save(a, e)[1] for a, e in zip(arts, extractor.extract_many(arts), strict=True)]
    assert len(set(ids)) == 2  # two stored articles...
    d = build_digest(store, team_id=T, channel_id=C)
    assert len(d.stories) == 1  # ...one story
    story = d.stories[0]
    assert story.n_sources == 2
    assert set(story.article_ids) == set(ids)
    text = to_mrkdwn(d)
    assert "2 sources" in text
    assert "https://news.example/2007/annapolis" in text
    assert "https://mirror.example/world/annapolis-statement?ref=rss" in text
    assert set(d.article_ids) == set(ids)


def test_exact_duplicate_text_never_appears_twice(store: Store) -> None:
    art = seed_article()
    ex = seed_extraction(art.text)
    store.save(art, ex)
    store.save(
        Article(id="copy", title="Another title", text=art.text, url="https://x.example/a"), ex
    )
    store.save(Article(id="copy2", title="Third", text=art.text, url="https://y.example/b"), ex)
    d = build_digest(store, team_id=T, channel_id=C)
    assert len(d.stories) == 1 and d.stories[0].n_sources == 3


def test_near_duplicate_text_is_clustered(store: Store) -> None:
    base = seed_article()
    edited = (
        base.text.replace("intensive discussion", "intense discussion").replace(
            "mid-December", "the middle of December"
        )
        + "\nCopyright 2003 Another Wire."
    )
    assert similarity(minhash(base.text), minhash(edited)) >= 0.6
    assert similarity(minhash(base.text), minhash(_text(1) * 5)) < 0.2
    store.save(base, seed_extraction(base.text))
    other = Article(id="edited", title="Kelly in Tokyo", text=edited, url="https://w.example/k")
    store.save(other, Extraction("edited", "t"))  # facts missing: text alone clusters it
    d = build_digest(store, team_id=T, channel_id=C)
    assert len(d.stories) == 1 and d.stories[0].n_sources == 2
    # The story shows the briefing of the article with the most facts.
    assert d.stories[0].briefing.lines


def test_overlapping_facts_cluster_distinct_texts(store: Store) -> None:
    day = dt.date(2004, 5, 3)
    people = [("Tony Blair", "Prime Minister"), ("Silvio Berlusconi", "Italian Prime Minister")]
    _save_meeting(store, 1, people, place="Rome", published=day)
    _save_meeting(
        store, 2, list(reversed(people)), place="Rome", published=day + dt.timedelta(days=1)
    )
    # Same people, another place, months later: another event.
    _save_meeting(store, 3, people, place="Brussels", published=day + dt.timedelta(days=90))
    # Same people and place, no dates at all: the place is enough.
    _save_meeting(store, 4, [("Mr Blair", None), ("Berlusconi", None)], place="Rome")
    d = build_digest(store, team_id=T, channel_id=C)
    sizes = sorted(s.n_sources for s in d.stories)
    assert sizes == [1, 3]


def test_newest_first_and_split_into_messages(store: Store) -> None:
    n = 23
    for i in range(n):
        _save_meeting(
            store,
            i,
            [(f"Alpha{i} One", None), (f"Beta{i} Two", None)],
            place=f"City{i}",
            published=dt.date(2004, 1, 1) + dt.timedelta(days=i),
        )
    d = build_digest(store, team_id=T, channel_id=C)
    assert len(d.stories) == n
    pubs = [s.sources[0].published for s in d.stories]
    assert pubs == sorted(pubs, reverse=True)  # type: ignore[type-var]
    assert [len(m.stories) for m in d.messages] == [10, 10, 3]
    msgs = to_messages(d)
    assert len(msgs) == 3
    for m in msgs:
        assert check_message(m) == []
    d5 = build_digest(store, team_id=T, channel_id=C, limit_per_message=5)
    assert [len(m.stories) for m in d5.messages] == [5, 5, 5, 5, 3]


def test_delivered_articles_never_come_back(store: Store) -> None:
    a = _save_meeting(store, 1, [("Jack Straw", None), ("Li Zhaoxing", None)], place="Beijing")
    d = build_digest(store, team_id=T, channel_id=C)
    assert d.article_ids == (a,)
    assert mark_delivered(store, T, C, d.article_ids) == 1
    assert mark_delivered(store, T, C, d.article_ids) == 0  # idempotent
    assert build_digest(store, team_id=T, channel_id=C).is_empty
    # Another channel still gets it.
    assert not build_digest(store, team_id=T, channel_id="C2").is_empty
    b = _save_meeting(
        store, 2, [("Gordon Brown", None), ("Benjamin Mkapa", None)], place="Dar es Salaam"
    )
    d2 = build_digest(store, team_id=T, channel_id=C)
    assert [s.article_ids for s in d2.stories] == [(b,)]


def test_since_and_articles_without_facts(store: Store) -> None:
    _save_meeting(store, 1, [("Jack Straw", None), ("Li Zhaoxing", None)], place="Beijing")
    empty = store.save(article("e", "Nothing happened today at all."), Extraction("e", "t"))[1]
    d = build_digest(store, team_id=T, channel_id=C)
    assert len(d.stories) == 1 and d.skipped == 1 and empty in d.article_ids
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    assert build_digest(store, team_id=T, channel_id=C, since=later).is_empty


def test_followed_officials_and_keywords(store: Store) -> None:
    art = seed_article()
    store.save(art, seed_extraction(art.text))
    _save_meeting(
        store,
        1,
        [("Jack Straw", "Foreign Secretary"), ("Miguel Moratinos", "Spanish Foreign Minister")],
        place="Gibraltar",
    )
    _save_meeting(
        store, 2, [("Ian Blair", "Police Commissioner"), ("Charles Clarke", None)], place="London"
    )
    follow = build_digest(store, team_id=T, channel_id=C, followed=["James Kelly"])
    assert [s.briefing.officials[0] for s in follow.stories] == ["James Kelly"]
    bare = build_digest(store, team_id=T, channel_id=C, followed=["kelly"])
    assert len(bare.stories) == 1
    nobody = build_digest(store, team_id=T, channel_id=C, followed=["Tony Blair"])
    assert nobody.is_empty  # Ian Blair is not Tony Blair
    kw = build_digest(store, team_id=T, channel_id=C, keywords=["gibraltar"])
    assert [s.briefing.officials[0] for s in kw.stories] == ["Jack Straw"]
    both = build_digest(store, team_id=T, channel_id=C, followed=["Kelly"], keywords=["Gibraltar"])
    assert len(both.stories) == 2


def test_one_trip_reported_twice_is_one_story(store: Store) -> None:
    from briefings.models import Evidence, Itinerary, Official, Stop

    def save(i: int, stops: list[str]) -> None:
        art = article(f"t{i}", _text(i), title=f"Trip {i}")
        ev = (Evidence(art.text, 0, len(art.text)),)
        store.save(
            art,
            Extraction(
                art.id,
                "t",
                (Official("Gordon Brown", "Chancellor", aliases=("Brown",)),),
                next_stops=(
                    Itinerary(
                        "Brown" if i % 2 else "Gordon Brown",
                        tuple(Stop(p, None, None, ev) for p in stops),
                    ),
                ),
            ),
        )

    save(1, ["Tanzania", "Mozambique", "Cape Town"])
    save(2, ["Kenya", "Tanzania", "Mozambique"])
    save(3, ["Washington"])
    d = build_digest(store, team_id=T, channel_id=C)
    assert sorted(s.n_sources for s in d.stories) == [1, 2]


def test_marking_the_same_articles_concurrently_is_safe(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    ids = [
        _save_meeting(store, i, [(f"Alpha{i} One", None), (f"Beta{i} Two", None)], place=f"City{i}")
        for i in range(6)
    ]
    with ThreadPoolExecutor(4) as pool:
        counts = list(pool.map(lambda _: mark_delivered(store, T, C, ids), range(8)))
    assert sum(counts) >= len(ids) or max(counts) == len(ids)
    assert build_digest(store, team_id=T, channel_id=C).is_empty
    assert mark_delivered(store, T, C, [*ids, 10_000]) == 0  # unknown ids are ignored


def test_terminal_names_each_source_of_a_clustered_story(store: Store) -> None:
    from rich.console import Console

    from briefings.render.terminal import render

    people = [("Ana Ruiz", "Foreign Minister"), ("Ben Okafor", None)]
    day = dt.date(2021, 5, 3)
    _save_meeting(store, 1, people, place="Lisbon", published=day)
    _save_meeting(store, 2, people, place="Lisbon", published=day)
    d = build_digest(store, team_id=T, channel_id=C)
    assert len(d.stories) == 1 and d.stories[0].n_sources == 2
    console = Console(width=200, record=True)
    console.print(render(d))
    out = console.export_text()
    # Both articles come from "Test Wire": only their headlines tell them apart.
    assert "2 sources: Story " in out
    assert "Story 1, Mon 3 May 2021" in out and "Story 2, Mon 3 May 2021" in out
    # In Slack too, sources are told apart by "; " (a headline has commas of its own).
    slack = to_mrkdwn(d.stories[0])
    assert "Mon 3 May 2021; Story " in slack


def test_stories_left_for_next_time_are_announced_in_slack(store: Store) -> None:
    for i in range(5):
        _save_meeting(
            store,
            i,
            [(f"Alpha{i} One", None), (f"Beta{i} Two", None)],
            place=f"City{i}",
            published=dt.date(2004, 1, 1) + dt.timedelta(days=i),
        )
    d = build_digest(store, team_id=T, channel_id=C, max_stories=3, limit_per_message=2)
    assert d.more == 2
    assert [m.more for m in d.messages] == [0, 2]
    first, last = to_messages(d)
    assert "next time" not in json.dumps(first)
    assert "2 more stories next time" in last["text"]
    assert "2 more stories next time" in json.dumps(last["blocks"])
    assert check_message(last) == []


def test_one_undated_visit_reported_twice_is_one_story(store: Store) -> None:
    """Two undated reports: the same two people met (one names the place, one not) and
    the visitor goes on to the same city: one story. Without the shared stop, two."""
    from briefings.models import Evidence, Itinerary, Meeting, Official, Stop

    def save(i: int, place: str | None, stop: str | None, guest: str = "Ben Okafor") -> None:
        art = article(f"v{i}", _text(i), title=f"Visit {i}")
        ev = (Evidence(art.text, 0, len(art.text)),)
        trips = (Itinerary("Ana Ruiz", (Stop(stop, "Tuesday", None, ev),)),) if stop else ()
        store.save(
            art,
            Extraction(
                art.id,
                "t",
                (Official("Ana Ruiz", "President"), Official(guest, "Prime Minister")),
                meetings=(Meeting(("Ana Ruiz", guest), "held", place, "Monday", None, ev),),
                next_stops=trips,
            ),
        )

    save(1, "the palace", "Porto")
    save(2, None, "Porto")
    save(3, None, None)  # same people, nothing else shared: kept apart
    save(4, None, "Porto", guest="Carla Mendes")  # same stop, other people: kept apart
    d = build_digest(store, team_id=T, channel_id=C)
    assert sorted(s.n_sources for s in d.stories) == [1, 1, 2]
    (pair,) = [s for s in d.stories if s.n_sources == 2]
    assert sorted(src.title for src in pair.sources) == ["Visit 1", "Visit 2"]


def test_channels_share_each_article_s_work_but_never_a_stale_one(store: Store) -> None:
    """Per-article work is shared between channels (planned at the same minute), and a
    re-extracted article is composed afresh for the next channel."""
    import briefings.digest as digest_mod

    aid = _save_meeting(store, 1, [("Taro Aso", "Foreign Minister"), ("Ban Ki-moon", None)])
    first = build_digest(store, team_id=T, channel_id="C1")
    second = build_digest(store, team_id=T, channel_id="C2")
    assert first.stories[0].briefing is second.stories[0].briefing  # made once
    assert "Ban" in to_mrkdwn(second)

    art = article("a1", _text(1), title="Story 1")
    newer = meeting_extraction(art, [("Taro Aso", None), ("Condoleezza Rice", None)])
    # Same article, same text: only the stored facts change (a newer extractor).
    outcome, _ = store.save(art, replace(newer, extractor_version="newer"))
    assert outcome.value == "updated"
    third = build_digest(store, team_id=T, channel_id="C3")
    assert third.article_ids == (aid,)
    assert "Rice" in to_mrkdwn(third) and "Ban" not in to_mrkdwn(third)
    assert len(digest_mod._ITEMS) <= digest_mod.MAX_CACHED_ITEMS
