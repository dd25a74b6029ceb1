"""Site furniture is dropped before facts are taken; offsets stay those of the article."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefings.extract import Extractor
from briefings.extract.boilerplate import boilerplate_spans, is_boilerplate, mask_noise
from briefings.models import Article
from tests.support import SEEDS

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
    ]:
        masked = mask_noise(text)
        assert len(masked) == len(text)
        assert masked.strip().startswith(kept), masked
    # Not a dateline: a short capital abbreviation, or a dash inside a sentence.
    for text in ("US - Turkey talks resumed.", "The UK - and France - agreed."):
        assert mask_noise(text) == text
