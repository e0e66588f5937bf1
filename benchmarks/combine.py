"""CPU of what a build's coordinator does with each article while the workers read: `clean.Combiner.add`
(deduplication) and `boilerplate.Finder.add` (the boilerplate tally), over a fixed input.

    # once: the articles a build hands the combiner, in order, saved with the build's subject
    flock /work/wt/bench.lock .venv/bin/python benchmarks/combine.py --save /tmp/c10000.pkl /work/wt/golden/c10000
    .venv/bin/python benchmarks/combine.py /tmp/c10000.pkl           # best of 5, CPU seconds, and a digest
    # instructions, counted only inside the measured work (steady on a shared host):
    valgrind --tool=callgrind --toggle-collect=starmap_next .venv/bin/python benchmarks/combine.py /tmp/c10000.pkl --once

The digest covers everything the two produce (kept sentences, drops, echoes, boilerplate found,
centrality): a speed change must leave it as it was.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections import deque
from itertools import starmap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefs import boilerplate, clean  # noqa: E402


def save(corpus: Path, out: Path) -> None:
    """Build the corpus once, keeping every article the build hands its combiner."""
    from briefs.build import Options, build_brief

    os.environ["BRIEFS_CACHE_DIR"] = tempfile.mkdtemp()  # a cold build: every file goes through the workers
    seen: dict = {"items": []}
    add, init = clean.Combiner.add, clean.Combiner.__init__

    def keep(self, item):
        seen["items"].append(item)
        add(self, item)

    def start(self, subject):
        seen["subject"] = subject
        init(self, subject)

    clean.Combiner.add, clean.Combiner.__init__ = keep, start
    with tempfile.TemporaryDirectory() as folder:
        build_brief([corpus], Options(out=Path(folder), workers=2))
    out.write_bytes(pickle.dumps((seen["subject"], seen["items"]), protocol=pickle.HIGHEST_PROTOCOL))
    print(f"{len(seen['items'])} articles saved to {out}")


def run(subject, items) -> tuple[clean.Cleaned, frozenset[str], float, float]:
    """Return what the combiner and the finder make of the items, and the CPU seconds of each."""
    combiner, finder = clean.Combiner(subject), boilerplate.Finder()
    start = time.process_time()
    for item in items:
        combiner.add(item)
    middle = time.process_time()
    for item in items:
        finder.add(item)
    found = finder.found
    return combiner.result, found, middle - start, time.process_time() - middle


def digest(cleaned: clean.Cleaned, found: frozenset[str]) -> str:
    """Return a short hash of everything the run produced."""
    h = hashlib.sha256()
    for a in cleaned.articles:
        h.update(repr((a.id, a.article.path, a.paragraphs, a.central, a.keys, a.stems, a.about)).encode())
    h.update(repr([(d.reason, d.text, d.path, d.stage) for d in cleaned.dropped]).encode())
    h.update(repr(cleaned.echoes).encode())
    h.update(repr(sorted(found)).encode())
    return h.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", type=Path, help="the saved articles (or, with --save, where to save them)")
    parser.add_argument("corpus", type=Path, nargs="?", help="with --save: the corpus folder to build")
    parser.add_argument("--save", action="store_true")
    parser.add_argument("--once", action="store_true", help="one run inside itertools.starmap (for callgrind)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.save:
        save(args.corpus, args.input)
        return
    gc.disable()  # as in a build (`_pool.build_session`)
    if args.once:
        deque(starmap(run, [pickle.loads(args.input.read_bytes())]), 0)
        return
    best = [float("inf"), float("inf")]
    for _ in range(args.repeat):
        subject, items = pickle.loads(args.input.read_bytes())  # fresh objects each time: no hash cached from a run before
        cleaned, found, combining, finding = run(subject, items)
        best = [min(best[0], combining), min(best[1], finding)]
        del items
    print(f"Combiner.add {best[0]:.3f} s  Finder.add {best[1]:.3f} s  (CPU, best of {args.repeat})  "
          f"digest {digest(cleaned, found)}")


if __name__ == "__main__":
    main()
