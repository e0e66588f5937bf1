"""Shared fixtures: the seed corpus and one seed brief built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep tests away from the real user config and cache folders."""
    monkeypatch.setenv("BRIEFS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("BRIEFS_CONFIG_DIR", str(tmp_path_factory.getbasetemp() / "config"))


@pytest.fixture(scope="session")
def seed_result():
    """The investor brief of the embedded seeds (built once; tests must not mutate it)."""
    from briefs.build import build_brief

    return build_brief([SEEDS])


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """Each seed file's text by path."""
    return {str(p): p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}
