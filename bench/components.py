"""Which pipeline components the extraction rules need: drop each in turn.

usage: python bench/components.py [--set diplomacy]

For every component in `briefings.nlp.COMPONENTS` (tok2vec aside: the others
listen to it and cannot run without it), loads the pipeline without it, extracts
the dev corpus and counts the articles whose facts change, and the words/s of the
pipe. A component whose removal changes nothing is not needed and belongs out of
COMPONENTS. The model's other components are excluded already (listed first).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="diplomacy", help="folder under shared/corpus")
    args = ap.parse_args()
    from briefings.extract import Extractor
    from briefings.loaders import load_paths
    from briefings.nlp import COMPONENTS, load_pipeline, model_components

    articles = load_paths([CORPUS / args.set]).articles
    words = sum(len(a.text.split()) for a in articles)
    print(f"model ships {model_components()}; loaded: {COMPONENTS}")

    def run(components: tuple[str, ...]) -> tuple[list[str], float]:
        ex = Extractor(load_pipeline(components))
        t0 = time.perf_counter()
        out = [json.dumps(x.to_json(), sort_keys=True) for x in ex.extract_many(articles)]
        return out, words / (time.perf_counter() - t0)

    want, wps = run(COMPONENTS)
    print(f"all {len(COMPONENTS)}: {wps:.0f} words/s on {len(articles)} articles")
    result = {}
    for c in COMPONENTS:
        if c == "tok2vec":
            continue
        try:
            got, wps = run(tuple(x for x in COMPONENTS if x != c))
        except Exception as exc:  # a component another one needs
            print(f"without {c:16} cannot run: {exc.__class__.__name__}: {exc}"[:160])
            result[c] = "required"
            continue
        changed = sum(a != b for a, b in zip(want, got, strict=True))
        result[c] = changed
        print(f"without {c:16} {changed:3d}/{len(articles)} articles change, {wps:.0f} words/s")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
