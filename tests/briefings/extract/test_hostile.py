"""Property tests on hostile text: no crash, valid JSON of the right shape, linear time."""

from __future__ import annotations

import json
import random
import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefings.extract import Extractor
from briefings.models import Article

from .conftest import Run

TOP_KEYS = {
    "file",
    "article_id",
    "extractor_version",
    "officials",
    "meetings",
    "agreements",
    "next_stops",
    "places",
}


def check_shape(run: Run, text: str) -> None:
    x = run(text)
    data = json.loads(json.dumps(x.to_json(file="a.txt")))
    assert set(data) == TOP_KEYS
    for o in data["officials"]:
        assert isinstance(o["name"], str) and o["name"]
        assert o["title"] is None or isinstance(o["title"], str)
    for m in data["meetings"]:
        assert len(m["participants"]) >= 2 and m["status"] in ("held", "planned")
        for e in m["evidence"]:
            assert text[e["start"] : e["end"]] == e["sentence"]
    for a in data["agreements"]:
        assert a["polarity"] in ("agreed", "disagreed") and isinstance(a["text"], str)
    for i in data["next_stops"]:
        assert isinstance(i["who"], str) and all(isinstance(s["place"], str) for s in i["stops"])


WORDS = [
    "met",
    "talks",
    "with",
    "Mr",
    "Brown",
    "Paris",
    "will",
    "visit",
    "agreed",
    "to",
    "and",
    "President",
    "Ivo",
    "Dane",
    "summit",
    "the",
    '"',
    "he",
    "Monday",
    "signed",
    "deal",
    "divided",
    "over",
    "heading",
    "off",
    "returning",
    ",",
    ".",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
@example("")
@example("Kelly")
@example('"""""" "" " "')
@example("Президент Путин встретился с канцлером Шольц в Москве.")
@example("習近平主席は東京で岸田首相と会談した。")
@example("\x00\x01\x02 met \x1b[31m Brown \x7f\u200b\ufeff")
@example("\n\n\n  \t ")
def test_any_text(run: Run, text: str) -> None:
    check_shape(run, text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), max_size=120))
def test_sentence_soup(run: Run, words: list[str]) -> None:
    check_shape(run, " ".join(words))


def _no_punctuation(n_chars: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    vocab = [w for w in WORDS if w.isalpha()] + ["government", "minister", "said", "Tokyo"]
    out: list[str] = []
    size = 0
    while size < n_chars:
        w = rnd.choice(vocab)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:n_chars]


def _timed(run: Run, text: str) -> float:
    t0 = time.perf_counter()
    check_shape(run, text)
    return time.perf_counter() - t0


def test_200kb_without_punctuation_is_linear(run: Run) -> None:
    small = _timed(run, _no_punctuation(50_000))
    large = _timed(run, _no_punctuation(200_000))
    # 4x the text; linear work takes ~4x. A generous bound still catches quadratic blow-ups.
    assert large < max(10 * small, 2.0), (small, large)


def test_only_quotes_and_one_word(run: Run) -> None:
    check_shape(run, '"' * 5000)
    check_shape(run, "meeting")


@pytest.mark.parametrize("text", ["", "   ", "Kelly"])
def test_extractor_batches_edge_cases(extractor: Extractor, text: str) -> None:
    arts = [Article(id=str(i), title="", text=text) for i in range(3)]
    out = list(extractor.extract_many(arts))
    assert [x.article_id for x in out] == ["0", "1", "2"]
    assert all(x.is_empty for x in out)
