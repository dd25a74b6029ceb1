"""Quality gate: the scorer on the seed article and the dev set must stay above the
issue's thresholds, so regressions cannot land. Skipped without ../shared."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from briefings.extract import Extractor
from briefings.loaders import load_paths
from tests.support import SEEDS, shared_path

pytestmark = pytest.mark.corpus

DEV_THRESHOLDS = {
    "meetings": 0.75,
    "agreements": 0.60,
    "next_stops": 0.75,
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


def test_dev_set_meets_thresholds(extractor: Extractor, tmp_path: Path) -> None:
    gold = shared_path("eval", "dev")
    corpus = shared_path("corpus", "diplomacy")
    stems = {p.stem for p in gold.glob("*.json")}
    articles = sorted(p for p in corpus.glob("*.txt") if p.stem in stems)
    assert len(articles) == len(stems)
    result = _score(extractor, gold, articles, tmp_path)
    low = {k: result[k]["f1"] for k, t in DEV_THRESHOLDS.items() if result[k]["f1"] < t}
    if result["title_accuracy"] < 0.75:
        low["title_accuracy"] = result["title_accuracy"]
    if result["overall_f1"] < 0.70:
        low["overall_f1"] = result["overall_f1"]
    assert not low, f"below the issue-3 thresholds: {low}"
