"""Quality gate (as trafilatura runs its evaluation in CI): the default method on a fixed subset of
the dev data must not fall below the floors pinned in quality_floors.json.

The subset is every 20th BBC dev article and every 5th ECTSum call; its SHA-256 is pinned with
the floors, so changed data is noticed rather than silently compared. Reads ../shared/eval next
to the repository (or $BRIEFS_EVAL_DIR) and skips, saying why, where the data is absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("BRIEFS_EVAL_DIR", ROOT.parent / "shared" / "eval"))
FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text())

pytestmark = pytest.mark.skipif(not (EVAL / "bbc_dev.jsonl").is_file(),
                                reason=f"evaluation data not found in {EVAL} (set BRIEFS_EVAL_DIR)")


def _subset(name: str, every: int) -> list[dict]:
    with (EVAL / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle][::every]


def _digest(docs: list[dict]) -> str:
    digest = hashlib.sha256()
    for doc in docs:
        digest.update(json.dumps([doc["id"], doc["text"], doc["summary"]], sort_keys=True).encode())
    return digest.hexdigest()


@pytest.mark.parametrize("kind", ["bbc", "ectsum"])
def test_default_method_holds_its_floors(kind):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import quality

    spec = FLOORS[kind]
    docs = _subset(spec["file"], spec["every"])
    assert _digest(docs) == spec["sha256"], "the evaluation subset changed: re-measure and re-pin the floors"
    table = quality.evaluate(docs, ["default"], kind)["default"]
    for metric, floor in spec["floors"].items():
        assert table[metric] >= floor, f"{kind} {metric} {table[metric]:.1f} fell below its floor {floor}"
