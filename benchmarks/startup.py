"""Start-up: how soon the CLI answers, side by side with what it cannot beat.

    .venv/bin/python benchmarks/startup.py            # 15 runs of each, alternating
    .venv/bin/python benchmarks/startup.py --runs 31

Prints two ratios (medians of alternating runs, so a busy machine slows both sides alike):
- `briefs --help` and `briefs --version` against `--help` of a minimal two-command typer app
  (target: 1.5 or less);
- `briefs build` of the embedded seeds to md and json, against a floor on the same files in a fresh
  process: start Python, read every seed, split sentences and tokenize words (target: 1.5 s wall).
Nothing is timed in the tests; this script prints.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MINIMAL_APP = '''
import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


@app.command()
def bye() -> None:
    """Say goodbye."""
    typer.echo("bye")


app()
'''

FLOOR = '''
import sys
from pathlib import Path

from briefs import language

for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    for sentence in language.sentences(path.read_text(encoding="utf-8")):
        language.words(sentence)
'''


def wall(command: list[str]) -> float:
    """Return the wall-clock seconds one run of a command takes (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def alternate(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """Return each command's median seconds over `runs` rounds, the commands taking turns in each."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for name, command in commands.items():
        wall(command)  # warm the file-system cache once
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(wall(command))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    python = sys.executable
    briefs = [python, "-c", "from briefs.cli import main; main()"]  # what the console script runs
    with tempfile.TemporaryDirectory() as tmp:
        minimal = Path(tmp) / "minimal.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        floor = Path(tmp) / "floor.py"
        floor.write_text(FLOOR, encoding="utf-8")
        seeds = ROOT / "seeds"
        medians = alternate({
            "minimal typer --help": [python, str(minimal), "--help"],
            "briefs --help": [*briefs, "--help"],
            "briefs --version": [*briefs, "--version"],
        }, args.runs)
        builds = alternate({
            "floor (read, split, tokenize)": [python, str(floor), str(seeds)],
            "briefs build seeds md,json": [*briefs, "build", str(seeds), "--format", "md,json", "--no-cache",
                                           "--out", str(Path(tmp) / "out")],
        }, max(3, args.runs // 3))
    base = medians["minimal typer --help"]
    print(f"{'command':34} {'median s':>9} {'ratio':>7}")
    for name, seconds in medians.items():
        print(f"{name:34} {seconds:9.3f} {seconds / base:7.2f}")
    floor_s = builds["floor (read, split, tokenize)"]
    for name, seconds in builds.items():
        print(f"{name:34} {seconds:9.3f} {seconds / floor_s:7.2f}")
    print(f"start-up ratio (help, version / minimal typer help): "
          f"{medians['briefs --help'] / base:.2f}, {medians['briefs --version'] / base:.2f} (target <= 1.5)")
    print(f"seeds build to md+json: {builds['briefs build seeds md,json']:.2f} s wall, "
          f"{builds['briefs build seeds md,json'] / floor_s:.2f}x the floor (target <= 1.5 s)")


if __name__ == "__main__":
    main()
