"""How story building (briefs/stories.py) grows with the corpus: 1,000 vs 10,000 articles.

    .venv/bin/python benchmarks/stories.py                    # sizes 1000 10000
    .venv/bin/python benchmarks/stories.py --sizes 1000 5000 10000

Articles are made deterministically from the BBC dev texts in ../shared/eval (or --eval DIR):
each takes 12 sentences drawn from random articles of one category, so events recur across
articles the way a week's stories do. Prints the seconds per 1,000 sentences at each size and
the ratio to the smallest size (1.0 is linear). Timings on a shared machine are noisy: compare
the ratios of one run.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    from briefs import language, stories
    from briefs.model import Sentence

    path = args.eval / "bbc_dev.jsonl"
    if not path.is_file():
        sys.exit(f"{path}: not found")
    by_category: dict[str, list[list[str]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            by_category.setdefault(doc["category"], []).append(language.sentences(doc["text"]))
    categories = sorted(by_category)
    stems: dict[str, list[str]] = {}
    rows = []
    for size in args.sizes:
        rng = random.Random(size)
        sentences = []
        for article in range(1, size + 1):
            pool = by_category[categories[article % len(categories)]]
            for position in range(12):
                text = rng.choice(rng.choice(pool))
                if text not in stems:
                    stems[text] = language.content_stems(text)
                sentences.append(Sentence(text=text, source=article, position=position, paragraph=0,
                                          sources=[article], stems=stems[text]))
        publisher = {i: f"p{i % 40}" for i in range(1, size + 1)}
        started = time.perf_counter()
        found, _ = stories.build(sentences, publisher)
        seconds = time.perf_counter() - started
        rows.append((size, len(sentences), len(found), seconds))
    base = rows[0][3] / rows[0][1]
    print("| articles | sentences | stories | seconds | s per 1,000 sentences | vs smallest |\n|---|---|---|---|---|---|")
    for size, n, count, seconds in rows:
        per = seconds / n
        print(f"| {size:,} | {n:,} | {count:,} | {seconds:.2f} | {1000 * per:.3f} | {per / base:.2f} |")


if __name__ == "__main__":
    main()
