"""Incremental runs: the second build over an unchanged corpus, served by the cache, against the first.

    .venv/bin/python benchmarks/incremental.py            # 1,000 articles
    .venv/bin/python benchmarks/incremental.py --articles 200

Builds the same synthetic corpus as benchmarks/speed.py (seeds, plus BBC dev texts when
../shared/eval is present) in a temporary folder, with a fresh cache, and prints both times
and their ratio. Single process (--workers 1) so the ratio measures the cache, not the pool.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args()
    import speed

    from briefs import render
    from briefs.build import Options, build_brief, output_stem

    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        os.environ["BRIEFS_CACHE_DIR"] = str(Path(tmp) / "cache")
        speed.make_corpus(corpus, args.articles, speed.source_texts(args.eval))
        times = []
        for _ in range(2):
            started = time.perf_counter()
            result = build_brief([corpus], Options(out=out, workers=1))
            render.render(result.brief, result.audience, out, output_stem(result.brief), ["md", "json", "pdf"],
                          fitted=result.fitted)
            times.append(time.perf_counter() - started)
    print(f"| articles | first run s | second run s | speed-up |\n|---|---|---|---|\n"
          f"| {args.articles} | {times[0]:.2f} | {times[1]:.2f} | {times[0] / times[1]:.1f}x |")


if __name__ == "__main__":
    main()
