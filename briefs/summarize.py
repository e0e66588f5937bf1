"""Extractive summaries: `summarize(text, ...)` for one document, `summarize([text, ...], ...)` for several.

A list is read as articles about one topic: the same event told by several of them is one
story (stories.py), weighs more the more articles tell it, and is quoted once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from . import language, rank

# A list summary first takes at most this many sentences per article more than an even share,
# so one long article cannot fill it; the rest are filled by score.
EXTRA_PER_ARTICLE = 1


def summarize(text: str | Sequence[str], sentences: int = 5, method: str = "default") -> list[str]:
    """Return up to `sentences` sentences copied verbatim from the text (or texts), in document order."""
    rank.check(method)
    if not isinstance(text, str):
        return _summarize_many(list(text), sentences, method)
    units = language.sentences(text)
    if not units or sentences <= 0:
        return []
    scores = rank.scores(units, method)
    # Highest score first; ties go to the earlier sentence so the result is deterministic.
    order = sorted(range(len(units)), key=lambda i: (-scores[i], i))
    return [units[i] for i in sorted(order[:sentences])]


def _summarize_many(texts: list[str], size: int, method: str) -> list[str]:
    """Return the summary of several articles: the best sentence of each of the top stories, in article order."""
    from . import select, stories
    from .model import Sentence

    if size <= 0:
        return []
    candidates: list[Sentence] = []
    seen: set[str] = set()
    for article, text in enumerate(texts, 1):
        units = language.sentences(text or "")
        if not units:
            continue
        ranked = rank.scores(units, method)
        top = max(ranked) or 1.0
        for position, (unit, value) in enumerate(zip(units, ranked)):
            key = " ".join(language.words(unit.lower()))
            if key in seen:
                continue  # a syndicated copy: the first article to say it keeps it
            seen.add(key)
            candidates.append(Sentence(text=unit, source=article, position=position, paragraph=0, sources=[article],
                                       stems=language.content_stems(unit), score=value / top))
    if not candidates:
        return []
    told, story_of = stories.build(candidates, {i: str(i) for i in range(1, len(texts) + 1)})
    weight = {story.id: story.weight for story in told}
    scored = sorted(((c.score * select.quality(c) * weight[s], i) for i, (c, s) in enumerate(zip(candidates, story_of))),
                    key=lambda pair: (-pair[0], candidates[pair[1]].source, candidates[pair[1]].position))
    share = math.ceil(size / max(1, len({c.source for c in candidates}))) + EXTRA_PER_ARTICLE
    chosen: list[int] = []
    for capped in (True, False):
        for _, index in scored:
            if len(chosen) >= size:
                break
            sentence = candidates[index]
            if index in chosen or any(story_of[j] == story_of[index] or
                                      select.similarity(candidates[j], sentence) >= select.REDUNDANT for j in chosen):
                continue
            if capped and sum(candidates[j].source == sentence.source for j in chosen) >= share:
                continue
            chosen.append(index)
    return [candidates[i].text for i in sorted(chosen, key=lambda i: (candidates[i].source, candidates[i].position))]
