"""Each ranking method, vectorized vs sumy's own, on the same sentences in one run.

    .venv/bin/python benchmarks/speed_rankers.py                     # 3,000 sentences
    .venv/bin/python benchmarks/speed_rankers.py --sentences 10000 --stock-budget 0

Sentences come from the BBC dev texts (../shared/eval, or --eval DIR), else from repeated seeds.
For each method it prints our seconds (best of --repeat), sumy's seconds (one run), the ratio and
whether both pick the same top-10. sumy's KL-Sum is cubic in the number of sentences (hours at
3,000), so methods whose stock run would exceed --stock-budget seconds are measured on the largest
prefix that fits (timed with both implementations on that prefix) and the ratio says so.
Word tokens are cached before timing, for both sides alike: this measures ranking, not splitting.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefs import language  # noqa: E402
from briefs.rank import fast, stock  # noqa: E402

# Seconds sumy takes per method on n sentences grow about as n**exponent (measured on this data);
# used only to decide how long a prefix the stock run can afford within the budget.
GROWTH = {"kl": 3.0, "sumbasic": 2.0, "lexrank": 2.0, "textrank": 2.0, "lsa": 2.5, "luhn": 1.0, "edmundson": 1.0}


def sentences(eval_dir: Path, count: int) -> list[str]:
    found: list[str] = []
    bbc = eval_dir / "bbc_dev.jsonl"
    if bbc.is_file():
        with bbc.open(encoding="utf-8") as handle:
            for line in handle:
                found.extend(language.sentences(json.loads(line)["text"]))
                if len(found) >= count:
                    break
    while len(found) < count:
        for path in sorted((ROOT / "seeds").glob("*.txt")):
            found.extend(language.sentences(path.read_text(encoding="utf-8")))
    return found[:count]


def timed(call, repeat: int = 1) -> tuple[float, list[float]]:
    best, result = math.inf, []
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
    return best, result


def top(scores: list[float], k: int = 10) -> set[int]:
    return set(sorted(range(len(scores)), key=lambda i: -scores[i])[:k])


def same_choice(reference: list[float], ours: list[float], k: int = 10) -> str:
    """'yes', 'yes, up to ties' (sentences sumy rates equally, ordered by its rounding) or 'no'."""
    theirs, mine = top(reference, k), top(ours, k)
    if theirs == mine:
        return "yes"
    kth = min(reference[i] for i in theirs)
    if all(math.isclose(reference[i], kth, rel_tol=1e-9, abs_tol=1e-12) for i in theirs ^ mine):
        return "yes, up to ties"
    return "no"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=3000)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--methods", nargs="+", default=list(stock.SUMMARIZERS))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stock-budget", type=float, default=300.0,
                        help="seconds one stock run may take before a shorter prefix is used (0: never run stock)")
    args = parser.parse_args()

    text = sentences(args.eval, args.sentences)
    for s in text:
        language.words(s)
    print(f"{len(text)} sentences; ours = best of {args.repeat}, sumy = one run\n")
    print("| method | ours (s) | sumy (s) | sentences for sumy | speed-up | same top-10 |")
    print("|---|---:|---:|---:|---:|---|")
    for name in args.methods:
        fast.scores(text[:50], name)  # warm caches of stems and word ids, as a running build has them
        ours_s, ours = timed(lambda: fast.scores(text, name), args.repeat)
        if args.stock_budget <= 0:
            print(f"| {name} | {ours_s:.3f} | – | – | – | – |", flush=True)
            continue
        # Estimate sumy's time from a small run, then pick the largest prefix within the budget.
        probe = min(len(text), 200)
        probe_s, _ = timed(lambda: stock.scores(text[:probe], name))
        estimate = probe_s * (len(text) / probe) ** GROWTH[name]
        size = len(text) if estimate <= args.stock_budget else int(probe * (args.stock_budget / max(probe_s, 1e-6)) ** (1 / GROWTH[name]))
        size = max(probe, min(size, len(text)))
        stock_s, reference = timed(lambda: stock.scores(text[:size], name))
        if size == len(text):
            same = same_choice(reference, ours)
            ratio = stock_s / ours_s
        else:
            mine_s, mine = timed(lambda: fast.scores(text[:size], name), args.repeat)
            same = same_choice(reference, mine)
            ratio = stock_s / mine_s
        label = f"{ratio:,.0f}×" + ("" if size == len(text) else f" at {size}")
        print(f"| {name} | {ours_s:.3f} | {stock_s:.2f} | {size:,} | {label} | {same} |",
              flush=True)


if __name__ == "__main__":
    main()
