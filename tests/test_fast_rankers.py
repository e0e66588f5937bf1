"""The vectorized rankers choose what sumy's own summarizers choose.

On 60 BBC dev documents per method (every 5th of the dev half; ../shared/eval or
$BRIEFS_EVAL_DIR, skipped with a reason where absent) and, always, on the seed articles, the
top-10 of `rank.scores(name)` must be sumy's top-10. The one allowed difference: among
sentences whose sumy ratings are equal (within 1e-9), sumy's order comes from rounding in its SVD
or dense products, so a tied sentence may stand in for another (documented in briefs/rank/fast.py).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import pytest

from briefs import language, rank
from briefs.load import load
from briefs.rank import fast, stock

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("BRIEFS_EVAL_DIR", ROOT.parent / "shared" / "eval"))
METHODS = list(stock.SUMMARIZERS)
K = 10


def top(scores: list[float], k: int) -> list[int]:
    """sumy's choice: highest ratings first, ties in document order."""
    return sorted(range(len(scores)), key=lambda i: -scores[i])[:k]


def assert_same_choice(sentences: list[str], name: str) -> None:
    reference = stock.scores(sentences, name)
    ours = rank.scores(sentences, name)
    assert len(ours) == len(sentences)
    k = min(K, len(sentences))
    theirs, mine = set(top(reference, k)), set(top(ours, k))
    if theirs == mine:
        return
    kth = reference[top(reference, k)[-1]]
    differing = theirs ^ mine
    assert all(math.isclose(reference[i], kth, rel_tol=1e-9, abs_tol=1e-12) for i in differing), (
        f"{name}: top-{k} differs beyond ties: sumy {sorted(theirs)}, ours {sorted(mine)}")


def bbc_documents() -> list[list[str]]:
    path = EVAL / "bbc_dev.jsonl"
    with path.open(encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle][::5][:60]
    return [language.sentences(doc["text"]) for doc in docs]


@pytest.mark.skipif(not (EVAL / "bbc_dev.jsonl").is_file(), reason=f"BBC dev data not found in {EVAL}")
@pytest.mark.parametrize("name", METHODS)
def test_fast_ranker_picks_sumys_top_10_on_60_bbc_documents(name):
    documents = bbc_documents()
    assert len(documents) == 60
    for sentences in documents:
        assert_same_choice(sentences, name)


@pytest.mark.parametrize("name", METHODS)
def test_fast_ranker_picks_sumys_top_10_on_the_seed_articles(name):
    loaded = load([ROOT / "seeds"])
    texts = [language.sentences(article.text) for article in loaded.articles]
    assert len(texts) == 5
    combined = [s for t in texts for s in t]  # all of them as one text (sumy's KL-Sum is cubic: too slow for it)
    for sentences in texts + ([combined] if name != "kl" else []):
        assert_same_choice(sentences, name)


@pytest.mark.parametrize("name", METHODS)
def test_fast_ranker_edge_cases_match_sumy(name):
    cases = [
        ["Only one sentence here."],
        ["...", "!!!", "Meta reported revenue of $47.5 billion."],
        ["The same sentence twice.", "Another one entirely.", "The same sentence twice.", "A fourth line here."],
        ["It is what it is.", "And so it was.", "Revenue rose 21% to $47.5 billion in the quarter."],
    ]
    assert rank.scores([], name) == []
    for sentences in cases:
        assert_same_choice(sentences, name)


def test_stock_methods_stay_available_as_the_reference():
    sentences = ["Meta raised its capital spending plan.", "Revenue rose 21%.", "Meta shares fell after the call."]
    assert rank.scores(sentences, "sumy:lexrank") == stock.scores(sentences, "lexrank")
    with pytest.raises(rank.UnknownMethod):
        rank.scores(sentences, "sumy:default")


def test_lsa_rank_is_the_column_length_sumy_computes_by_svd():
    # With every dimension kept, sqrt(sum s_i^2 v_ij^2) equals the weighted column's length.
    sentences = language.sentences((ROOT / "seeds" / sorted(os.listdir(ROOT / "seeds"))[1]).read_text(encoding="utf-8"))
    reference, ours = stock.scores(sentences, "lsa"), fast.lsa(sentences)
    assert all(math.isclose(a, b, rel_tol=1e-9) for a, b in zip(reference, ours))
