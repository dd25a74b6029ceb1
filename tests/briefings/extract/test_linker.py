"""The link model: its file, the facts it adds and rates, and reproducible training."""

from __future__ import annotations

import json

import pytest

from briefings.extract import extract_doc
from briefings.extract.candidates import meeting_candidates
from briefings.extract.context import DocContext
from briefings.extract.linker import TASKS, Decision, LinkModel, default_model
from briefings.extract.train import fit, same_name
from briefings.models import Article, Extraction

LUNCH = "Premier John Carter had lunch in Oslo on Monday beside President Maria Lopez."


def _article(text: str) -> Article:
    return Article(id="t", title="", text=text)


def _model(
    meeting_weights: dict[str, float],
    threshold: float = 0.5,
    adds: frozenset[str] = frozenset({"meeting"}),
) -> LinkModel:
    never = Decision({}, -10.0, 0.5)
    decisions = {t: never for t in TASKS}
    decisions["meeting"] = Decision(meeting_weights, -3.0, threshold)
    return LinkModel(decisions, "made up for a test", adds)


def test_committed_model_loads_with_every_decision() -> None:
    model = default_model()
    assert model is not None, "briefings/data/link_model.json is missing from the package"
    assert set(model.decisions) == set(TASKS)
    assert "shared/eval" in model.trained_on
    for d in model.decisions.values():
        assert 0.0 < d.threshold <= 1.0


def test_model_json_round_trip_and_validation() -> None:
    model = _model({"s:lunch": 4.0})
    again = LinkModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.decisions["meeting"].weights == {"s:lunch": 4.0}
    assert again.adds == frozenset({"meeting"})
    bad = model.to_json()
    del bad["decisions"]["stop"]
    with pytest.raises(ValueError, match="stop"):
        LinkModel.from_json(bad)
    odd = model.to_json() | {"adds": ["status"]}
    with pytest.raises(ValueError, match="status"):
        LinkModel.from_json(odd)


def test_a_confident_link_the_rules_missed_becomes_a_meeting(nlp) -> None:  # type: ignore[no-untyped-def]
    # No rule reads "had lunch ... beside B" as a meeting; a model that weighs the
    # clause's "lunch" does, and the fact carries its confidence and evidence.
    doc = nlp(LUNCH)
    rules_only = extract_doc(doc, _article(LUNCH), model=None)
    assert rules_only.meetings == ()
    x = extract_doc(doc, _article(LUNCH), model=_model({"s:lunch": 4.0}))
    (m,) = x.meetings
    assert set(m.participants) == {"John Carter", "Maria Lopez"}
    assert m.confidence is not None and 0.7 < m.confidence < 1.0
    assert m.evidence[0].sentence == LUNCH
    assert x.to_json()["meetings"][0]["confidence"] == m.confidence
    # Below the threshold nothing is added.
    low = extract_doc(doc, _article(LUNCH), model=_model({"s:lunch": 4.0}, threshold=0.9))
    assert low.meetings == ()
    # Nor by a model that only rates the rules' facts, however sure it is.
    rater = extract_doc(doc, _article(LUNCH), model=_model({"s:lunch": 4.0}, adds=frozenset()))
    assert rater.meetings == ()


def test_the_committed_model_only_rates_rule_facts() -> None:
    # Out of fold its own links added nothing and cost precision (see train.ADDS).
    model = default_model()
    assert model is not None and model.adds == frozenset()


def test_rule_facts_are_kept_and_rated(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Foreign Minister Ana Ruiz met President Maria Lopez in Lima on Monday."
    x = extract_doc(nlp(text), _article(text), model=_model({}))
    (m,) = x.meetings
    assert m.confidence is not None and m.confidence >= 0.7  # the rules' own precision


def test_features_name_no_person_or_place(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Premier John Carter met President Maria Lopez in Oslo to discuss fishing."
    ctx = DocContext(nlp(text), _article(text))
    feats = {k for c in meeting_candidates(ctx, [], {}) for k in c.features}
    assert feats, "a pair of named people must be a candidate"
    for word in ("carter", "lopez", "oslo", "john", "maria"):
        assert not any(word in f.lower() for f in feats), word


def test_confidence_survives_the_json_round_trip(nlp) -> None:  # type: ignore[no-untyped-def]
    x = extract_doc(nlp(LUNCH), _article(LUNCH), model=_model({"s:lunch": 4.0}))
    again = Extraction.from_json(x.to_json())
    assert again.meetings[0].confidence == x.meetings[0].confidence


def test_training_is_reproducible_and_learns(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = [
        ("Premier John Carter had lunch with President Maria Lopez.", True),
        ("Minister Paul Dorn had lunch with Governor Ray Lund.", True),
        ("Senator Kim Hale had lunch with Mayor Tom Banks.", True),
        ("Premier John Carter had lunch with Chancellor Peter Weiss.", True),
        ("Minister Paul Dorn criticised Governor Ray Lund.", False),
        ("Senator Kim Hale praised Mayor Tom Banks.", False),
        ("Premier John Carter criticised President Maria Lopez.", False),
        ("Chancellor Peter Weiss praised Minister Paul Dorn.", False),
    ] * 2
    docs = [nlp(t) for t, _ in texts]
    arts = [_article(t) for t, _ in texts]
    golds = []
    for doc, art, (_, met) in zip(docs, arts, texts, strict=True):
        ctx = DocContext(doc, art)
        names = [m.canonical for m in ctx.persons.mentions]
        golds.append({"meetings": [{"participants": names, "status": "held"}] if met else []})
    a = fit(docs, arts, golds, trained_on="made up")
    b = fit(docs, arts, golds, trained_on="made up")
    assert a.to_json() == b.to_json()
    lunch = a.prob("meeting", {"s:lunch": 1.0, "bias": 1.0})
    quarrel = a.prob("meeting", {"s:criticise": 1.0, "bias": 1.0})
    assert lunch > quarrel


def test_same_name_follows_the_scorer() -> None:
    assert same_name("James Kelly", "Kelly")
    assert same_name("U.S.", "United States")
    assert not same_name("Kelly", "Kelly Smith")
