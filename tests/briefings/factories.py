"""Hand-built articles and extractions for the briefing, dossier and digest tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from briefings.models import (
    Agreement,
    Article,
    Evidence,
    Extraction,
    Itinerary,
    Meeting,
    Official,
    Stop,
)

SEED = Path(__file__).resolve().parents[2] / "seeds" / "kelly-tokyo-2003.txt"


def ev(text: str, sentence: str) -> tuple[Evidence, ...]:
    """Evidence for `sentence` (a substring of `text`), with true offsets."""
    i = text.index(sentence)
    return (Evidence(sentence, i, i + len(sentence)),)


def seed_article(**changes: object) -> Article:
    from briefings.loaders import load_paths

    art = load_paths([SEED]).articles[0]
    return dataclasses.replace(art, **changes)  # type: ignore[arg-type]


def seed_extraction(text: str) -> Extraction:
    """The seed article's facts as the gold file gives them (with evidence)."""
    s_first = text.split("\n")[0]
    s_earlier = next(ln for ln in text.split("\n") if ln.startswith("Earlier in the day"))
    s_agreed = next(ln for ln in text.split("\n") if ln.startswith("Kelly and Abe agreed"))
    s_div = next(ln for ln in text.split("\n") if "still divided" in ln)
    s_next = (
        "Kelly will meet with Foreign Minister Yoriko Kawaguchi before heading off to China"
        " on Tuesday."
    )
    s_next2 = "He will also visit South Korea before returning to Washington."
    return Extraction(
        article_id="seed",
        extractor_version="test",
        officials=(
            Official("James Kelly", "U.S. Assistant Secretary of State", "U.S.", ("Kelly",)),
            Official(
                "Mitoji Yabunaka", "senior official at the Foreign Ministry", None, ("Yabunaka",)
            ),
            Official("Yasuo Fukuda", "Chief Cabinet Secretary", None, ("Fukuda",)),
            Official(
                "Shinzo Abe", "secretary general of the Liberal Democratic Party", None, ("Abe",)
            ),
            Official("Yoriko Kawaguchi", "Foreign Minister", None, ("Kawaguchi",)),
            Official("George W. Bush", "U.S. President", "U.S.", ("Bush",)),
        ),
        meetings=(
            Meeting(
                ("James Kelly", "Mitoji Yabunaka"),
                "held",
                "Tokyo",
                "Monday",
                None,
                ev(text, s_first),
            ),
            Meeting(
                ("Kelly", "Yasuo Fukuda"),
                "held",
                "Tokyo",
                "Earlier in the day",
                None,
                ev(text, s_earlier),
            ),
            Meeting(
                ("Kelly", "Shinzo Abe"),
                "held",
                "Tokyo",
                "Earlier in the day",
                None,
                ev(text, s_earlier),
            ),
            Meeting(("Kelly", "Yoriko Kawaguchi"), "planned", None, None, None, ev(text, s_next)),
        ),
        agreements=(
            Agreement(
                ("Kelly", "Abe"),
                "agreed",
                "take up the abductions issue during the next round of six-way talks",
                ev(text, s_agreed),
            ),
            Agreement(
                ("Japan", "U.S."),
                "disagreed",
                "still divided over the contents of the document regarding North Korean "
                "security concerns",
                ev(text, s_div),
            ),
        ),
        next_stops=(
            Itinerary(
                "James Kelly",
                (
                    Stop("China", "on Tuesday", None, ev(text, s_next)),
                    Stop("South Korea", None, None, ev(text, s_next2)),
                    Stop("Washington", None, None, ev(text, s_next2)),
                ),
            ),
        ),
    )


def article(
    ident: str,
    text: str,
    *,
    title: str | None = None,
    published: dt.date | None = None,
    url: str | None = None,
    source: str | None = "Test Wire",
) -> Article:
    return Article(
        id=ident,
        title=title or ident,
        text=text,
        published=published,
        url=url,
        source=source,
        origin=f"{ident}.txt",
    )


def meeting_extraction(
    art: Article,
    people: list[tuple[str, str | None]],
    *,
    place: str | None = None,
    when: str | None = None,
    date: dt.date | None = None,
    status: str = "held",
) -> Extraction:
    """One meeting among `people` (name, title), the evidence being the whole text."""
    evidence = (Evidence(art.text, 0, len(art.text)),)
    return Extraction(
        article_id=art.id,
        extractor_version="test",
        officials=tuple(Official(n, t, evidence=evidence) for n, t in people),
        meetings=(
            Meeting(
                tuple(n for n, _ in people),
                status,
                place,
                when,
                date,  # type: ignore[arg-type]
                evidence,
            ),
        ),
    )
