"""Quality gate on real pages and weeks: the HTML loader against ground truth, and no boilerplate quoted.

Reads ../shared/realworld next to the repository (or $BRIEFS_REALWORLD_DIR) with its own
`score.py` (the same metric the lead's scoreboard prints) and skips, saying why, where the data
is absent. The data is internal: nothing of it is copied here.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
from pathlib import Path

import pytest

from briefs import load

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = Path(os.environ.get("BRIEFS_REALWORLD_DIR", ROOT.parent / "shared" / "realworld"))
WEEKS = ["nvidia_2025w16", "svb_2023w10", "tesla_2023w09"]
# Measured 0.9632 on 2026-12-02, fact boxes left out (docs/cleaning.md); the floor is 0.96.
LOADER_F1 = 0.963
PAGE_F1 = 0.6
# No English page below PAGE_F1 (the one page under 0.5 is a Portuguese results table).
PAGES_BELOW = 0

pytestmark = pytest.mark.skipif(not (REALWORLD / "score.py").is_file(),
                                reason=f"real-world data not found in {REALWORLD} (set BRIEFS_REALWORLD_DIR)")


@pytest.fixture(scope="module")
def score():
    spec = importlib.util.spec_from_file_location("realworld_score", REALWORLD / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pages(score):
    """Return (id, loaded text, truth text, truth is English) for every page."""
    from briefs.clean import is_foreign

    folder = REALWORLD / "html_pages"
    rows = []
    for line in (folder / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        truth = json.loads(line)
        articles, _ = load.load_file(folder / f"{truth['id']}.html")
        text = "\n".join(a.text for a in articles)
        english = not is_foreign(" ".join(truth["text"].split()[:60]))
        rows.append((truth["id"], text, truth["text"], english))
    return rows


def test_html_loader_f1_holds_its_floor(pages, score):
    f1 = [score.prf(text, truth, 4)[2] for _, text, truth, _ in pages]
    assert statistics.fmean(f1) >= LOADER_F1, f"loader F1 {statistics.fmean(f1):.4f} fell below {LOADER_F1}"
    assert all(text.strip() for _, text, _, _ in pages), "every page yields text"


def test_no_english_page_is_badly_extracted(pages, score):
    low = [(page, round(score.prf(text, truth, 4)[2], 3)) for page, text, truth, english in pages
           if english and score.prf(text, truth, 4)[2] < PAGE_F1]
    assert len(low) <= PAGES_BELOW, low


def test_what_the_extractor_left_out_is_accounted_for_on_real_pages():
    folder = REALWORLD / "html_pages"
    reported = 0
    for path in sorted(folder.glob("*.html"))[:30]:
        for article in load.load_file(path)[0]:
            lines = set(article.text.split("\n"))
            assert not lines & set(article.left_out), path.name  # a line is either kept or reported
            reported += len(article.left_out)
    assert reported > 0


@pytest.mark.parametrize("week", WEEKS)
def test_no_boilerplate_is_quoted_in_a_dev_week(week, score, tmp_path):
    from briefs.build import Options, build_brief

    key = json.loads((REALWORLD / week / "key.json").read_text(encoding="utf-8"))
    args = dict(zip(key["build_args"][::2], key["build_args"][1::2]))
    brief = build_brief([REALWORLD / week / "articles"], Options(week=args.get("--week"), cache=False, out=tmp_path))
    result = score.score_brief(json.loads(json.dumps(brief.brief.to_dict())), key)
    assert result["noise_leaked"] == 0, result["noise"]
