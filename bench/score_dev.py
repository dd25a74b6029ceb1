"""Extract the dev-set (or any) articles and score them with shared/eval/score.py.

usage: python bench/score_dev.py [--set dev|seed|m2e2] [--verbose] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
sys.path.insert(0, str(ROOT))

SETS = {
    "dev": (SHARED / "eval" / "dev", SHARED / "corpus" / "diplomacy", ()),
    "seed": (SHARED / "eval" / "seed-gold", ROOT / "seeds", ()),
    "m2e2": (
        SHARED / "eval" / "external" / "m2e2" / "gold",
        SHARED / "eval" / "external" / "m2e2" / "articles",
        ("--only=meetings,next_stops",),
    ),
}


def predict(gold_dir: Path, article_dir: Path, out: Path) -> None:
    from briefings.extract import Extractor
    from briefings.loaders import load_paths
    from briefings.nlp import load_pipeline

    stems = {p.stem for p in gold_dir.glob("*.json")}
    paths = sorted(p for p in article_dir.iterdir() if p.stem in stems)
    report = load_paths(paths)
    ex = Extractor(load_pipeline())
    for art, extraction in zip(report.articles, ex.extract_many(report.articles), strict=True):
        name = Path(art.origin or art.id).name
        data = extraction.to_json(file=name)
        (out / f"{Path(name).stem}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="dev", choices=sorted(SETS))
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    gold, articles, extra = SETS[args.set]
    out = args.out or Path(tempfile.mkdtemp(prefix=f"pred-{args.set}-"))
    out.mkdir(parents=True, exist_ok=True)
    predict(gold, articles, out)
    cmd = [sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(out), *extra]
    if args.verbose:
        cmd.append("--verbose")
    print(f"predictions in {out}")
    return subprocess.call(cmd)


if __name__ == "__main__":
    raise SystemExit(main())
