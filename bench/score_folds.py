"""Score the extractor on the 5 fixed folds of shared/eval/folds.json (dev/ + train/).

Every figure is out of fold: a trained component is trained on the other four
folds before it predicts a fold (see `briefings/extract/train.py`); the rules
themselves are fitted to no fold. Prints per-fold and pooled P/R/F1 per field.

usage: python bench/score_folds.py [--verbose FOLD] [--out DIR] [--cache DIR] [--json]

--cache keeps the parsed documents (spaCy DocBin) between runs, so a change of
rules is scored in seconds; the cache key includes the text and the pipeline.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
EVAL = SHARED / "eval"
sys.path.insert(0, str(ROOT))

KINDS = ("meetings", "agreements", "next_stops")


def load_scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("briefbot_score", EVAL / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def gold_items() -> list[tuple[str, Path, Path, int]]:
    """(key, gold file, article file, fold) for every article of the folds."""
    folds = json.loads((EVAL / "folds.json").read_text())["folds"]
    out = []
    for key, fold in sorted(folds.items()):
        part, name = key.split("/", 1)
        corpus = SHARED / "corpus" / ("diplomacy" if part == "dev" else "train")
        out.append((key, EVAL / part / name, corpus / (Path(name).stem + ".txt"), int(fold)))
    return out


def parse_all(paths: list[Path], cache: Path | None):  # type: ignore[no-untyped-def]
    """Articles and their parsed Docs, from the cache where the key matches."""
    from spacy.tokens import DocBin

    from briefings.extract import Extractor
    from briefings.extract.boilerplate import mask_noise
    from briefings.loaders import load_paths
    from briefings.nlp import load_pipeline

    report = load_paths(paths)
    nlp = load_pipeline()
    texts = [mask_noise(a.text) for a in report.articles]
    key = hashlib.sha256()
    key.update(json.dumps(nlp.pipe_names).encode())
    key.update(json.dumps(nlp.config.to_str()).encode())
    for name in nlp.pipe_names:
        pipe = nlp.get_pipe(name)
        if hasattr(pipe, "patterns"):
            key.update(json.dumps(pipe.patterns, sort_keys=True, default=str).encode())
    for t in texts:
        key.update(t.encode())
    file = cache / f"docs-{key.hexdigest()[:16]}.spacy" if cache else None
    if file and file.exists():
        docs = list(DocBin().from_disk(file).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(texts, batch_size=16))
        if file:
            file.parent.mkdir(parents=True, exist_ok=True)
            DocBin(docs=docs, store_user_data=True).to_disk(file)
    return report.articles, docs, Extractor(nlp)


def run_folds(
    out: Path, cache: Path | None = None, rules_only: bool = False
) -> tuple[dict[int, dict], dict, dict[int, dict]]:
    """Per-fold results, pooled result and per-fold details (misses and extras)."""
    from briefings.extract import extract_doc, train

    items = gold_items()
    articles, docs, _ = parse_all([a for _, _, a, _ in items], cache)
    assert len(articles) == len(items), "every gold article must load"
    scorer = load_scorer()
    folds = sorted({f for *_, f in items})
    results: dict[int, dict] = {}
    details: dict[int, dict] = {}
    pooled_dirs = (out / "gold-all", out / "pred-all")
    for d in pooled_dirs:
        d.mkdir(parents=True, exist_ok=True)
    for fold in folds:
        train_idx = [i for i, it in enumerate(items) if it[3] != fold]
        test_idx = [i for i, it in enumerate(items) if it[3] == fold]
        model = None
        if not rules_only:
            model = train.fit(
                [docs[i] for i in train_idx],
                [articles[i] for i in train_idx],
                [json.loads(items[i][1].read_text()) for i in train_idx],
            )
        gdir, pdir = out / f"gold-{fold}", out / f"pred-{fold}"
        gdir.mkdir(parents=True, exist_ok=True)
        pdir.mkdir(parents=True, exist_ok=True)
        for i in test_idx:
            key, gold_file, art_file, _ = items[i]
            stem = key.replace("/", "__").removesuffix(".json")
            ext = extract_doc(docs[i], articles[i], model=model)
            pred = json.dumps(ext.to_json(file=art_file.name), ensure_ascii=False, indent=1)
            gold = gold_file.read_text()
            for g, p in ((gdir, pdir), pooled_dirs):
                (g / f"{stem}.json").write_text(gold)
                (p / f"{stem}.json").write_text(pred)
        results[fold], details[fold] = scorer.score(gdir, pdir)
    pooled, _ = scorer.score(*pooled_dirs)
    return results, pooled, details


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--verbose", type=int, default=None, help="list misses of this fold")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--rules-only", action="store_true", help="no link model (the baseline)")
    args = ap.parse_args()
    if not EVAL.exists():
        print(f"needs {EVAL}", file=sys.stderr)
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="pred-folds-"))
    results, pooled, details = run_folds(out, args.cache, args.rules_only)
    folds = sorted(results)
    if args.verbose is not None:
        for name, d in details[args.verbose].items():
            print(name, json.dumps(d, ensure_ascii=False))
    if args.json:
        print(json.dumps({"folds": results, "pooled": pooled}, indent=1))
        return 0
    head = f"{'fold':>6} {'overall':>8} " + " ".join(f"{k[:10]:>16}" for k in KINDS)
    print(head + "   (P/R per field)")
    for name, res in [*((str(f), results[f]) for f in folds), ("pooled", pooled)]:
        cells = " ".join(
            f"{res[k]['precision']:.2f}/{res[k]['recall']:.2f}={res[k]['f1']:.2f}".rjust(16)
            for k in KINDS
        )
        print(f"{name:>6} {res['overall_f1']:8.3f} {cells}")
    mean = sum(results[f]["overall_f1"] for f in folds) / len(folds)
    print(
        f"mean of folds overall {mean:.3f}; officials F1 {pooled['officials']['f1']:.3f}; "
        f"status {pooled['status_accuracy']}; title {pooled['title_accuracy']}; "
        f"order {pooled['stop_order']}"
    )
    print(f"predictions in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
