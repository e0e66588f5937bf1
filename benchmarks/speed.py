"""Full-pipeline speed at 100, 1,000 and 10,000 articles: per-stage seconds, peak memory, and the
split+tokenize floor measured in the same run.

    .venv/bin/python benchmarks/speed.py                 # 100, 1000, 10000 articles
    .venv/bin/python benchmarks/speed.py --sizes 100 1000 --eval ../shared/eval

Each size runs in its own subprocess so peak memory (ru_maxrss) belongs to that size alone.
Corpora are synthetic: seed and BBC dev articles (when ../shared/eval is present), each copy with
its figures shifted and a subject sentence added, so copies are near-duplicates rather than exact
ones — as syndicated news is. Nothing is timed in the tests; this script prints ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def source_texts(eval_dir: Path) -> list[str]:
    """Return seed texts plus BBC dev texts when the eval data is present."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    bbc = eval_dir / "bbc_dev.jsonl"
    if bbc.is_file():
        with bbc.open(encoding="utf-8") as handle:
            texts.extend(json.loads(line)["text"] for line in handle)
    return texts


def make_corpus(folder: Path, count: int, texts: list[str]) -> None:
    """Write `count` articles with dated front matter into `folder`."""
    rng = random.Random(count)
    (folder / "briefs.toml").write_text('[subject]\nname = "Acme Corp"\naliases = ["Acme"]\ntickers = ["ACME"]\n')
    for i in range(count):
        base = texts[i % len(texts)]
        shift = i // len(texts)
        body = re.sub(r"\d+", lambda m: str(int(m.group()) + shift), base) if shift else base
        lead = f"Acme Corp said on Monday that its quarterly revenue rose {rng.randint(2, 40)}% to ${rng.randint(1, 90)}.{rng.randint(0, 9)} billion."
        day = 16 + i % 7
        (folder / f"a{i:05d}.md").write_text(
            f"---\ntitle: Article {i}\nsource: Wire {i % 17}\ndate: 2026-11-{day:02d}\n---\n{lead}\n\n{body}\n",
            encoding="utf-8",
        )


def run_one(folder: Path) -> dict:
    """Build and render the brief of one corpus; return per-stage seconds, floor and peak memory."""
    from briefs import language
    from briefs import render
    from briefs.build import Options, build_brief, output_stem

    marks: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        # out: an empty folder (no previous brief); the cache is what a cold first build writes
        result = build_brief([folder], Options(out=Path(out)),
                             progress=lambda stage, *a, **k: marks.append((stage, time.perf_counter())))
        built = time.perf_counter()
        render.render(result.brief, result.audience, Path(out), output_stem(result.brief), ["md", "json", "pdf"],
                      fitted=result.fitted)
        done = time.perf_counter()
    stages: dict[str, float] = {}
    names = [m[0] for m in marks] + ["render"]
    times = [m[1] for m in marks] + [built, done]
    for name, t0, t1 in zip(names, times, times[1:]):
        stages[name] = stages.get(name, 0.0) + (t1 - t0)
    used = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return {
        "cpu": sum(u.ru_utime + u.ru_stime for u in used),  # this process and its worker processes
        "total": done - start,
        "stages": stages,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "sentences": result.brief.stats.get("sentences", 0),
    }


def floor(folder: Path) -> float:
    """The floor: what any extractive tool must do at least — read, split sentences, tokenize words.

    Run in its own fresh process, single-threaded, so no cache warmed by the build helps it.
    """
    from briefs import language

    start = time.perf_counter()
    for path in sorted(folder.glob("*.md")):
        for sentence in language.sentences(path.read_text(encoding="utf-8")):
            language.words(sentence)
    return time.perf_counter() - start


def child(folder: Path, mode: str, cache_dir: Path) -> dict:
    env = {**os.environ, "BRIEFS_CACHE_DIR": str(cache_dir)}  # a cold cache: a first build, not a re-run
    output = subprocess.run([sys.executable, __file__, mode, str(folder)], capture_output=True, text=True,
                            check=True, env=env).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3,
                        help="builds per size, each between two floor runs; the row shown has the median ratio")
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--floor", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_one(args.child)))
        return
    if args.floor:
        print(json.dumps({"floor": floor(args.floor)}))
        return
    texts = source_texts(args.eval)
    rows = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            corpus = folder / "corpus"
            corpus.mkdir()
            make_corpus(corpus, size, texts)
            # The machines are shared and their speed drifts within a minute. Floors and builds
            # alternate (F B F B ... F): each build is compared with the mean of the floors run
            # just before and just after it, and the build with the median ratio is reported.
            floors = [child(corpus, "--floor", folder / "cache")["floor"]]
            builds = []
            for attempt in range(args.repeat):
                builds.append(child(corpus, "--child", folder / f"cache{attempt}"))
                floors.append(child(corpus, "--floor", folder / "cache")["floor"])
            for attempt, row in enumerate(builds):
                row["floor"] = (floors[attempt] + floors[attempt + 1]) / 2
                row["ratio"] = row["total"] / max(row["floor"], 1e-9)
            ranked = sorted(builds, key=lambda r: r["ratio"])
            row = ranked[len(ranked) // 2]
            row["ratios"] = [round(r["ratio"], 2) for r in builds]
            rows.append((size, row))
    stage_names = list(dict.fromkeys(name for _, row in rows for name in row["stages"]))
    header = ["articles", "sentences", *stage_names, "total s", "floor s", "total/floor", "CPU s", "ms/article",
              "peak MB", "all ratios"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for size, row in rows:
        cells = [str(size), str(row["sentences"])]
        cells += [f"{row['stages'].get(n, 0.0):.2f}" for n in stage_names]
        cells += [f"{row['total']:.2f}", f"{row['floor']:.2f}", f"{row['ratio']:.2f}", f"{row['cpu']:.1f}",
                  f"{1000 * row['total'] / size:.1f}", f"{row['peak_mb']:.0f}", " ".join(map(str, row["ratios"]))]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
