"""Select each theme's key sentences with the chosen ranking method, never repeating a fact."""

from __future__ import annotations

import re

from . import rank
from .model import Sentence, Theme

# Two sentences whose content stems overlap this much (Jaccard) say the same thing.
REDUNDANT = 0.5
_UNRESOLVED = re.compile(r"^(?:that|this|these|those|it|he|she|they|there|such)\b", re.I)


def similarity(a: Sentence, b: Sentence) -> float:
    """Return the Jaccard overlap of two sentences' content stems."""
    sa, sb = set(a.stems), set(b.stems)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def self_contained(sentence: Sentence) -> bool:
    """Return False for sentences that open with a reference to something said before."""
    return not _UNRESOLVED.match(sentence.text)


def _pick(candidates: list[Sentence], count: int, taken: list[Sentence]) -> list[Sentence]:
    ordered = sorted(candidates, key=lambda s: (not self_contained(s), -s.score, s.source, s.position))
    picked: list[Sentence] = []
    for sentence in ordered:
        if len(picked) >= count:
            break
        twin = next((p for p in picked + taken if similarity(p, sentence) >= REDUNDANT), None)
        if twin is not None:
            for source in sentence.sources:
                if source not in twin.sources:
                    twin.sources.append(source)
            continue
        picked.append(sentence)
    return picked


def select(themes: list[Theme], method: str = "default", *, per_theme: int = 4,
           summary_size: int = 4) -> tuple[list[Sentence], list[Theme]]:
    """Return (executive summary, themes with their selected sentences), without repeated facts."""
    taken: list[Sentence] = []
    for theme in themes:
        texts = [s.text for s in theme.candidates]
        for sentence, score in zip(theme.candidates, rank.scores(texts, method)):
            sentence.score = float(score)
        theme.sentences = _pick(theme.candidates, per_theme, taken)
        theme.sentences.sort(key=lambda s: (s.source, s.position))
        taken.extend(theme.sentences)
    shown = [t for t in themes if t.sentences]
    leaders = [max(t.sentences, key=lambda s: s.score) for t in shown if not t.discovered]
    summary = _pick(leaders, summary_size, [])
    summary.sort(key=lambda s: -s.score)
    return summary, shown
