"""Throughput of Extractor.extract_many next to a bare nlp.pipe of the same pipeline.

usage: python bench/extract.py [--n 400] [--batch-size 16] [--repeat 2]

Both runs use the same loaded pipeline, the same texts and the same batch size in
one process; the bare run is the physical floor for a spaCy extractor. Runs are
interleaved (bare, extract, bare, extract, ...) and the best of each is reported,
so a noisy neighbour on a shared machine hurts both alike. Prints words/s for
both, their ratio (target >= 0.85) and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = (ROOT / ".." / "shared" / "corpus" / "bbc-news-2004-2005.jsonl").resolve()


def load_articles(n: int) -> list:
    from briefings.loaders import parse_jsonl
    from briefings.models import Article

    text = CORPUS.read_text(encoding="utf-8")
    lines = "\n".join(text.splitlines()[:n])
    return [a for a in parse_jsonl(lines, str(CORPUS)) if isinstance(a, Article)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"needs {CORPUS}", file=sys.stderr)
        return 2

    from briefings.extract import Extractor
    from briefings.nlp import load_pipeline

    articles = load_articles(args.n)
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline()
    extractor = Extractor(nlp, batch_size=args.batch_size)
    list(nlp.pipe(texts[:20], batch_size=args.batch_size))  # warm-up

    bare_times, ext_times = [], []
    facts = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        bare_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        facts = 0
        for x in extractor.extract_many(articles):
            facts += len(x.meetings) + len(x.agreements) + len(x.next_stops)
        ext_times.append(time.perf_counter() - t0)

    # The rules alone, on documents parsed beforehand: the extractor's own cost.
    from briefings.extract import extract_doc

    docs = list(nlp.pipe(texts, batch_size=args.batch_size))
    t0 = time.perf_counter()
    for doc, art in zip(docs, articles, strict=True):
        extract_doc(doc, art)
    rules_s = time.perf_counter() - t0
    del docs

    # Peak memory of one extraction pass, traced separately (tracing slows the run).
    tracemalloc.start()
    for _ in extractor.extract_many(articles[:100]):
        pass
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    bare_wps = words / min(bare_times)
    ext_wps = words / min(ext_times)
    result = {
        "articles": len(articles),
        "words": words,
        "bare_nlp_pipe_words_per_s": round(bare_wps),
        "extractor_words_per_s": round(ext_wps),
        "ratio": round(ext_wps / bare_wps, 3),
        "facts": facts,
        "rules_only_s": round(rules_s, 2),
        "rules_share_of_bare": round(rules_s / min(bare_times), 3),
        "peak_rss_mb": round(rss_peak_mb, 1),
        "traced_peak_mb_100_articles": round(traced_peak / 2**20, 1),
        "runs_s": {
            "bare": [round(t, 2) for t in bare_times],
            "extract": [round(t, 2) for t in ext_times],
        },
    }
    print(f"articles {len(articles)}, words {words}")
    print(f"bare nlp.pipe      {bare_wps:10.0f} words/s")
    print(f"Extractor          {ext_wps:10.0f} words/s")
    print(f"ratio              {ext_wps / bare_wps:10.3f}  (target >= 0.85)")
    print(
        f"rules alone        {rules_s:10.2f} s on pre-parsed docs "
        f"({100 * rules_s / min(bare_times):.1f}% of the bare pipeline time)"
    )
    print(
        f"peak RSS           {rss_peak_mb:10.1f} MB; traced Python peak (100 articles) "
        f"{traced_peak / 2**20:.1f} MB"
    )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
