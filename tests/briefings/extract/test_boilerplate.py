"""Site furniture is dropped before facts are taken; offsets stay those of the article."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefings.extract import Extractor
from briefings.extract.boilerplate import (
    _PATTERNS,
    boilerplate_spans,
    is_boilerplate,
    mask_noise,
)
from briefings.models import Article
from tests.support import SEEDS, shared_path

NOTICE = (
    "With your current subscription plan you can comment on stories. However, before writing "
    "your first comment, please create a display name in the Profile section of your "
    "subscriber account page."
)


def test_seed_notice_is_boilerplate() -> None:
    text = (SEEDS / "kelly-tokyo-2003.txt").read_text()
    spans = boilerplate_spans(text)
    assert len(spans) == 1
    a, b = spans[0]
    assert text[a:b].startswith("With your current subscription plan")
    assert is_boilerplate("Sign up for our newsletter")
    assert not is_boilerplate("Kelly and Abe agreed to take up the abductions issue.")


def test_mask_keeps_length_and_blanks_furniture() -> None:
    text = "FILE - President Hal Moore, right, greets Prime Minister Kenji Sato (L) in Tokyo.\n"
    text += NOTICE
    masked = mask_noise(text)
    assert len(masked) == len(text)
    assert "subscription" not in masked and ", right," not in masked and "FILE" not in masked
    assert masked.index("Hal Moore") == text.index("Hal Moore")


@given(st.text(max_size=400))
def test_mask_noise_preserves_length(text: str) -> None:
    assert len(mask_noise(text)) == len(text)


def test_extractor_evidence_quotes_the_article(extractor: Extractor) -> None:
    text = "FILE - President Hal Moore, right, met Prime Minister Kenji Sato in Tokyo.\n" + NOTICE
    x = extractor.extract(Article(id="c", title="", text=text))
    assert {frozenset(m.participants) for m in x.meetings} == {
        frozenset({"Hal Moore", "Kenji Sato"})
    }
    ev = x.meetings[0].evidence[0]
    assert text[ev.start : ev.end] == ev.sentence and ", right," in ev.sentence


def test_wire_datelines_are_blanked_at_the_same_length() -> None:
    from briefings.extract.boilerplate import mask_noise

    for text, kept in [
        ("LONDON, March 24 - Nigeria and Britain signed a deal.", "Nigeria and Britain"),
        ("WASHINGTON (Reuters) - The US said no.", "The US said no."),
        ("NEW DELHI, Jan. 5 - India agreed.", "India agreed."),
        ("KABUL \u2014 Afghan leaders met.", "Afghan leaders met."),
        ("LA PAZ, March 2 - Bolivia and Peru signed two treaties.", "Bolivia and Peru"),
    ]:
        masked = mask_noise(text)
        assert len(masked) == len(text)
        assert masked.strip().startswith(kept), masked
    # Not a dateline: a short capital abbreviation, or a dash inside a sentence.
    for text in ("US - Turkey talks resumed.", "The UK - and France - agreed.", "EU - US talks."):
        assert mask_noise(text) == text


def test_a_line_that_is_only_a_date_is_blanked(run) -> None:  # type: ignore[no-untyped-def]
    for text in ("Thursday, January 28, 2010\nLeaders met.", "28 January 2010\nLeaders met."):
        masked = mask_noise(text)
        assert len(masked) == len(text) and masked.strip() == "Leaders met.", masked
    # a date inside a sentence is the sentence's own
    for text in ("They met on January 28, 2010.\nOK.", "Talks opened Thursday, January 28, 2010"):
        assert mask_noise(text) == text
    # the dateline is no longer the date of the event its first sentence tells
    x = run(
        "Thursday, January 28, 2010\nPresident Tom Lind met Premier Ole Dahl in Oslo on Tuesday."
    )
    assert [m.when for m in x.meetings] == ["Tuesday"]


FURNITURE = [
    "Subscribe now",
    "SUBSCRIBERS ONLY",
    "your current   subscription",
    "Display Name",
    "Post your first comment",
    "Comment on this story",
    "Sign up for the briefing",
    "Log in to continue",
    "Account page",
    "profile section",
    "Newsletter",
    "All Rights Reserved",
    "Copyright 2005 BBC",
    "(C) 2005 BBC",
    "© 2005 BBC",
    "Click HERE",
    "Share on Twitter",
    "Follow us on Facebook",
    "Cookie policy",
    "Terms of Service",
    "Advertisement",
    "Related Stories:",
    "read more",
    "Related articles \n Kelly met Abe.",
    "Sub\u017fcribe now",  # long s: case-blind matching beyond ASCII
    "clic\u212a here",  # Kelvin sign
]


def test_is_boilerplate_answers_as_the_patterns_do() -> None:
    """The substring pre-check only skips the regex where it cannot match."""
    for text in FURNITURE:
        assert is_boilerplate(text), text
        later = f"Kelly said. {text}"
        assert is_boilerplate(later) == bool(_PATTERNS.search(later))
    folder = shared_path("corpus", "diplomacy")
    lines = [
        line
        for p in sorted(folder.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
        for line in p.read_text(encoding="utf-8").splitlines()
    ]
    assert len(lines) > 500
    for line in [*lines, *(s.upper() for s in lines), *FURNITURE]:
        assert is_boilerplate(line) == bool(_PATTERNS.search(line)), line


_PIECES = ["subscribe", "Sign", " up ", "for", "LOG", "in", "to", "(c)", "©", "read", "more", "ſ"]
_PIECES += ["\u212a", "click", "here", "Related", "stories", ":", " ", "\n", "x", "."]


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_is_boilerplate_equals_the_regex_on_any_text(text: str) -> None:
    assert is_boilerplate(text) == bool(_PATTERNS.search(text))


def test_a_word_typed_twice_is_read_once(extractor: Extractor) -> None:
    text = "Premier Ann Roe left Bonn on Monday after talks with with Chancellor Hans Berg."
    masked = mask_noise(text)
    assert len(masked) == len(text) and "with with" not in masked
    x = extractor.extract(Article(id="d", title="", text=text))
    assert {frozenset(m.participants) for m in x.meetings} == {frozenset({"Ann Roe", "Hans Berg"})}
    # a clause-final preposition may meet the next one, and a hyphen joins a word
    for kept in ("the moment I was waiting for for years", "dissipated in in-fighting"):
        assert mask_noise(kept) == kept
