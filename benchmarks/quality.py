"""Summary quality against human references, all methods in one run.

    .venv/bin/python benchmarks/quality.py                         # both sets, default subsets
    .venv/bin/python benchmarks/quality.py --set bbc --every 1     # all 1,114 BBC dev articles
    .venv/bin/python benchmarks/quality.py --methods default,lead,textrank

Reads ../shared/eval (or --eval DIR); see its README for fields and metrics. Every method gets
the same sentences (briefs.language.sentences) and k = number of reference sentences, capped at
12. Metrics: ROUGE-1/2/L F1 (rouge-score, Porter stemmer on, references joined by newlines),
sentence F1 (BBC), figure recall (share of the reference's numbers found in the selection).
--every samples every n-th document (default: every document).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# sumy's methods run vectorized: the same picks as sumy's own (tests/test_fast_rankers.py), fast
# enough for every document. `sumy:lexrank` etc. run sumy's implementation itself.
METHODS = ["lead", "default", "lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic"]
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")


def normalized(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence.lower()).strip()


def sentence_f1(selected: list[str], reference: list[str]) -> float:
    a, b = {normalized(s) for s in selected}, {normalized(s) for s in reference}
    hits = len(a & b)
    if not hits:
        return 0.0
    precision, recall = hits / len(a), hits / len(b)
    return 2 * precision * recall / (precision + recall)


def figure_recall(selected: list[str], reference: str) -> float | None:
    """Return the share of the reference's numbers found in the selection (None: it has none)."""
    wanted = NUMBER.findall(reference)
    if not wanted:
        return None
    found = set(NUMBER.findall(" ".join(selected)))
    return sum(n in found for n in wanted) / len(wanted)


def select(sentences: list[str], k: int, method: str) -> list[str]:
    """Return the k best sentences by the method, in document order."""
    if method == "lead":
        return sentences[:k]
    from briefs import rank

    scores = rank.scores(sentences, method)
    best = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))[:k]
    return [sentences[i] for i in sorted(best)]


def documents(path: Path, every: int, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle]
    docs = docs[::every]
    return docs[:limit] if limit else docs


def evaluate(docs: list[dict], methods: list[str], kind: str) -> dict[str, dict[str, float]]:
    from rouge_score import rouge_scorer

    from briefs import language

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    table: dict[str, dict[str, float]] = {}
    prepared = []
    for doc in docs:
        reference = doc["summary_sentences"] if kind == "bbc" else [l for l in doc["summary"].split("\n") if l.strip()]
        prepared.append((language.sentences(doc["text"]), reference))
    for method in methods:
        totals = {"R1": 0.0, "R2": 0.0, "RL": 0.0, "SentF1": 0.0, "FigRecall": 0.0}
        figure_docs = 0
        started = time.perf_counter()
        for sentences, reference in prepared:
            k = min(len(reference), 12)
            chosen = select(sentences, k, method)
            scores = scorer.score("\n".join(reference), "\n".join(chosen))
            totals["R1"] += scores["rouge1"].fmeasure
            totals["R2"] += scores["rouge2"].fmeasure
            totals["RL"] += scores["rougeL"].fmeasure
            if kind == "bbc":
                totals["SentF1"] += sentence_f1(chosen, reference)
            recall = figure_recall(chosen, "\n".join(reference))
            if recall is not None:
                totals["FigRecall"] += recall
                figure_docs += 1
        n = len(prepared)
        table[method] = {key: 100 * value / (figure_docs if key == "FigRecall" else n)
                         for key, value in totals.items() if figure_docs or key != "FigRecall"}
        table[method]["seconds"] = time.perf_counter() - started
        if kind != "bbc":
            table[method].pop("SentF1", None)
        print(f"  {kind} {method}: done in {table[method]['seconds']:.0f} s", file=sys.stderr)
    return table


def markdown(kind: str, n: int, table: dict[str, dict[str, float]]) -> str:
    keys = [k for k in ("R1", "R2", "RL", "SentF1", "FigRecall") if any(k in row for row in table.values())]
    lines = [f"**{kind}** ({n} documents)", "", "| method | " + " | ".join(keys) + " | s |",
             "|---|" + "---|" * (len(keys) + 1)]
    for method, row in table.items():
        lines.append(f"| {method} | " + " | ".join(f"{row[k]:.1f}" for k in keys) + f" | {row['seconds']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--set", choices=["bbc", "ectsum", "both"], default="both")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--every", type=int, default=0, help="take every n-th document (default: all)")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    for kind, name, every in (("bbc", "bbc_dev.jsonl", 1), ("ectsum", "ectsum_val.jsonl", 1)):
        if args.set not in (kind, "both"):
            continue
        path = args.eval / name
        if not path.is_file():
            print(f"{path}: not found; skipped", file=sys.stderr)
            continue
        docs = documents(path, args.every or every, args.limit)
        print(markdown(kind, len(docs), evaluate(docs, methods, kind)) + "\n")


if __name__ == "__main__":
    main()
