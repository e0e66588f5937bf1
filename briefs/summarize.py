"""Single-document extractive summary: `summarize(text, sentences, method)`."""

from __future__ import annotations


def summarize(text: str, sentences: int = 5, method: str = "default") -> list[str]:
    """Return up to `sentences` sentences copied verbatim from `text`, in document order."""
    from . import language, rank  # imported here: `import briefs` stays quick for the console script

    rank.check(method)
    units = language.sentences(text)
    if not units or sentences <= 0:
        return []
    scores = rank.scores(units, method)
    # Highest score first; ties go to the earlier sentence so the result is deterministic.
    order = sorted(range(len(units)), key=lambda i: (-scores[i], i))
    return [units[i] for i in sorted(order[:sentences])]
