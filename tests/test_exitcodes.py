"""Exit codes: one table in briefs/exitcodes.py, the same in docs/cli.md and the README."""

from __future__ import annotations

import re

from briefs import exitcodes

from .conftest import ROOT


def _documented(path) -> dict[int, str]:
    rows = re.findall(r"^\| (\d+) \| ([^|]+) \|", path.read_text(encoding="utf-8"), re.M)
    return {int(code): meaning.strip() for code, meaning in rows}


def test_docs_list_every_exit_code_with_its_meaning():
    documented = _documented(ROOT / "docs" / "cli.md")
    assert documented == exitcodes.MEANINGS


def test_readme_lists_the_same_codes():
    assert set(_documented(ROOT / "README.md")) == set(exitcodes.MEANINGS)


def test_interrupted_is_the_shells_code_for_sigint():
    import signal

    assert exitcodes.INTERRUPTED == 128 + signal.SIGINT
