"""The ranking methods behind one call: names are checked without importing sumy, and match sumy's."""

from __future__ import annotations

import subprocess
import sys

import pytest

from briefs import rank


def test_method_names_are_sumys_summarizers():
    from briefs.rank import stock

    assert rank.SUMY_NAMES == tuple(stock.SUMMARIZERS)


def test_checking_a_method_does_not_import_sumy():
    code = ("import sys, briefs.rank as r; r.check('lexrank'); "
            "print(sorted(m for m in ('sumy', 'nltk', 'scipy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_unknown_method_lists_every_valid_one():
    with pytest.raises(rank.UnknownMethod) as caught:
        rank.check("pagerank")
    assert all(name in str(caught.value) for name in rank.METHODS + rank.STOCK_METHODS)
