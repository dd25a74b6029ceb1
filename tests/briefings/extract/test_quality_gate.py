"""Quality gate: the seed article stays exact and the out-of-fold figures on
shared/eval (dev/ + train/, folds.json) stay above their floors, so regressions
cannot land. Skipped without ../shared."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefings.extract import Extractor
from briefings.loaders import load_paths
from tests.support import REPO, SEEDS, shared_path

pytestmark = pytest.mark.corpus

FOLD_FLOORS = {
    "meetings": 0.69,
    "agreements": 0.595,
    "next_stops": 0.85,
    "officials": 0.85,
}


def _score(extractor: Extractor, gold: Path, articles: list[Path], out: Path) -> dict:
    report = load_paths(articles)
    assert not report.failures, report.failures
    out.mkdir(parents=True, exist_ok=True)
    for art, x in zip(report.articles, extractor.extract_many(report.articles), strict=True):
        name = Path(art.origin or art.id).name
        (out / f"{Path(name).stem}.json").write_text(json.dumps(x.to_json(file=name)))
    scorer = shared_path("eval", "score.py")
    proc = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout)


def test_seed_article_is_perfect(extractor: Extractor, tmp_path: Path) -> None:
    gold = shared_path("eval", "seed-gold")
    result = _score(extractor, gold, [SEEDS / "kelly-tokyo-2003.txt"], tmp_path)
    for kind in ("meetings", "agreements", "next_stops"):
        assert result[kind]["f1"] == 1.0, (kind, result[kind])


def _score_folds():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score_folds", REPO / "bench" / "score_folds.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_out_of_fold_scores_hold(tmp_path: Path) -> None:
    """Out-of-fold figures on the 5 folds of shared/eval/folds.json (dev/ + train/):
    the link model is trained on four folds and scored on the fifth. The floors are
    the figures measured when this gate was last raised (extractor 2.12: pooled overall
    0.735, meetings 0.71, agreements 0.62, next stops 0.87, officials 0.87), less about
    0.02 for noise: a guard
    against regressions, not the issue's targets (overall 0.80), which are not met."""
    shared_path("eval", "folds.json")
    _, pooled, _ = _score_folds().run_folds(tmp_path)
    low = {k: pooled[k]["f1"] for k, t in FOLD_FLOORS.items() if pooled[k]["f1"] < t}
    if pooled["overall_f1"] < 0.71:
        low["overall_f1"] = pooled["overall_f1"]
    # the one per-field target met so far: next stops recall >= 0.70 (0.80)
    if pooled["next_stops"]["recall"] < 0.70:
        low["next_stops_recall"] = pooled["next_stops"]["recall"]
    assert not low, f"out-of-fold figures fell: {low}"


def test_committed_link_model_is_what_make_train_builds(tmp_path: Path) -> None:
    """The shipped weights are reproducible from shared/eval with the fixed seed; a rule
    change that alters the features needs `make train` before it lands."""
    from briefings.extract import train

    shared = shared_path("eval", "folds.json").parents[1]
    out = tmp_path / "link_model.json"
    assert train.main(["--shared", str(shared), "--out", str(out)]) == 0
    committed = REPO / "briefings" / "data" / "link_model.json"
    assert out.read_text() == committed.read_text()


def test_m2e2_meetings_hold(extractor: Extractor, tmp_path: Path) -> None:
    """Third-party meetings (M2E2, 64 VOA articles nobody here annotated): the issue's
    target, recall >= 0.65 at precision >= 0.75 (measured 0.77 at 0.80)."""
    root = shared_path("eval", "external", "m2e2")
    gold = root / "gold"
    stems = {p.stem for p in gold.glob("*.json")}
    articles = sorted(p for p in (root / "articles").iterdir() if p.stem in stems)
    result = _score(extractor, gold, articles, tmp_path)
    meetings = result["meetings"]
    assert meetings["recall"] >= 0.65 and meetings["precision"] >= 0.75, meetings
