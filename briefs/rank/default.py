"""Our default ranking: graph centrality blended with position and information density."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .. import language

_FIGURE = re.compile(r"\d")


def scores(sentences: Sequence[str]) -> list[float]:
    """Return a score per sentence: TF-IDF LexRank-style centrality, lead bonus and figure density."""
    n = len(sentences)
    if n == 0:
        return []
    if n == 1:
        return [1.0]
    vectorizer = TfidfVectorizer(analyzer=language.content_stems, norm="l2")
    try:
        matrix = vectorizer.fit_transform(sentences)
    except ValueError:  # every sentence is stop words only
        return [float(n - i) for i in range(n)]
    similarity = (matrix @ matrix.T).toarray()
    np.fill_diagonal(similarity, 0.0)
    rows = similarity.sum(axis=1, keepdims=True)
    rows[rows == 0] = 1.0
    transition = 0.15 / n + 0.85 * similarity / rows
    rank = np.full(n, 1.0 / n)
    for _ in range(100):
        updated = rank @ transition
        if np.abs(updated - rank).sum() < 1e-9:
            break
        rank = updated
    centrality = rank / rank.max()
    position = 1.0 / (1.0 + np.arange(n) / 3.0)
    figures = np.array([1.0 if _FIGURE.search(s) else 0.0 for s in sentences])
    return list(0.6 * centrality + 0.3 * position + 0.1 * figures)
