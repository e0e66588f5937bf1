"""Print a fixed-seed sample of what cleaning dropped on each dev week, for the audit in docs/cleaning.md.

    .venv/bin/python benchmarks/drop_audit.py                        # 100 drops per week, seed 17
    .venv/bin/python benchmarks/drop_audit.py --only svb_2023w10 --size 50 --seed 3
    .venv/bin/python benchmarks/drop_audit.py --all --reason "run-on text"   # every drop of one reason

Builds each week of ../shared/realworld (or --realworld DIR) with this checkout's `briefs build
… --week W --format json --no-cache --explain-file F` and samples the JSON lines of F with
`random.Random(seed).sample`. The data is internal: this prints it for a reader, it never copies
it into the repository.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEEKS = ["nvidia_2025w16", "svb_2023w10", "tesla_2023w09"]


def drops_of(week: Path, briefs: Path, work: Path) -> list[dict]:
    """Return every dropped passage of one week's build, as the --explain-file writes them."""
    key = json.loads((week / "key.json").read_text(encoding="utf-8"))
    drops = work / f"{week.name}.jsonl"
    command = [str(briefs), "build", str(week / "articles"), *key.get("build_args", []), "--format", "json",
               "--no-cache", "--quiet", "--out", str(work / week.name), "--explain-file", str(drops)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return [json.loads(line) for line in drops.read_text(encoding="utf-8").splitlines() if line.strip()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--realworld", type=Path, default=ROOT.parent / "shared" / "realworld")
    parser.add_argument("--briefs", type=Path, default=Path(sys.executable).with_name("briefs"))
    parser.add_argument("--only", help="one week's folder name")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--all", action="store_true", help="print every drop, not a sample")
    parser.add_argument("--reason", help="only drops whose reason contains this text")
    parser.add_argument("--stage", choices=["load", "clean"], help="only drops of this stage")
    args = parser.parse_args()
    weeks = [args.only] if args.only else WEEKS
    with tempfile.TemporaryDirectory() as temp:
        for name in weeks:
            drops = drops_of(args.realworld / name, args.briefs, Path(temp))
            pool = [d for d in drops if (not args.reason or args.reason in d["reason"])
                    and (not args.stage or d["stage"] == args.stage)]
            sample = pool if args.all else random.Random(args.seed).sample(pool, min(args.size, len(pool)))
            print(f"## {name}: {len(drops)} drops, {len(pool)} selected, {len(sample)} shown (seed {args.seed})")
            for reason, count in collections.Counter(d["reason"] for d in sample).most_common():
                print(f"   {count:4}  {reason}")
            for number, drop in enumerate(sample, 1):
                print(f"\n[{number}] {drop['stage']} | {drop['reason']} | {Path(drop['file']).name}\n    {drop['text']}")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
