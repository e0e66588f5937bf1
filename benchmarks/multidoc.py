"""Multi-document summaries: `summarize(list_of_texts)` against LexRank on the same clusters.

    .venv/bin/python benchmarks/multidoc.py                 # 60 BBC clusters of 5 articles
    .venv/bin/python benchmarks/multidoc.py --size 8 --clusters 40

Clusters are built from ../shared/eval/bbc_dev.jsonl (or --eval DIR): consecutive articles of one
category, `--size` per cluster. The reference is every reference sentence of the cluster's
articles; every method returns `--sentences` sentences (default 9, the list form's default use).
LexRank (and TextRank, and our single-document ranker) score the cluster's sentences as one
document, the usual multi-document baseline. ROUGE-1/2 F1 with rouge-score, Porter stemmer on.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def clusters(path: Path, size: int, limit: int) -> list[list[dict]]:
    by_category: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            by_category.setdefault(doc["category"], []).append(doc)
    groups = []
    for category in sorted(by_category):
        docs = by_category[category]
        groups.extend(docs[i:i + size] for i in range(0, len(docs) - size + 1, size))
    # Spread over categories: every n-th cluster, deterministic.
    step = max(1, len(groups) // limit)
    return groups[::step][:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--size", type=int, default=5)
    parser.add_argument("--clusters", type=int, default=60)
    parser.add_argument("--sentences", type=int, default=9)
    args = parser.parse_args()
    from rouge_score import rouge_scorer

    from briefs import language, rank, summarize

    path = args.eval / "bbc_dev.jsonl"
    if not path.is_file():
        sys.exit(f"{path}: not found")
    groups = clusters(path, args.size, args.clusters)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    methods = ["summarize(list)", "lexrank", "textrank", "default (one document)"]
    totals = {m: [0.0, 0.0] for m in methods}
    for group in groups:
        reference = "\n".join(s for doc in group for s in doc["summary_sentences"])
        texts = [doc["text"] for doc in group]
        joined = [s for text in texts for s in language.sentences(text)]
        picks = {"summarize(list)": summarize(texts, args.sentences)}
        for method, name in (("lexrank", "lexrank"), ("textrank", "textrank"), ("default", "default (one document)")):
            scores = rank.scores(joined, method)
            best = sorted(range(len(joined)), key=lambda i: (-scores[i], i))[:args.sentences]
            picks[name] = [joined[i] for i in sorted(best)]
        for name, chosen in picks.items():
            score = scorer.score(reference, "\n".join(chosen))
            totals[name][0] += score["rouge1"].fmeasure
            totals[name][1] += score["rouge2"].fmeasure
    print(f"**BBC dev clusters** ({len(groups)} clusters of {args.size} same-category articles, "
          f"{args.sentences} sentences)\n")
    print("| method | ROUGE-1 F1 | ROUGE-2 F1 |\n|---|---|---|")
    for name in methods:
        r1, r2 = (100 * v / len(groups) for v in totals[name])
        print(f"| {name} | {r1:.1f} | {r2:.1f} |")


if __name__ == "__main__":
    main()
