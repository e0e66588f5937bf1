"""Enrich the selection: key figures, sentiment, entities and the numbered sources."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .model import Entity, Figure, Sentence, Sentiment, Source, Theme
from .clean import Cleaned

_SCALE = r"(?:\s?(?:trillion|billion|million|thousand|bn|mn|[bmk])\b)?"
_MONEY = rf"(?:[$€£¥]\s?\d[\d,]*(?:\.\d+)?{_SCALE})"
_PERCENT = r"(?:\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|per cent\b))"
_COUNT = r"(?:\d[\d,]*(?:\.\d+)?\s(?:trillion|billion|million|thousand)\s(?:[a-z-]+\s){0,2}?(?:users|people|employees|customers|subscribers|units|shares|researchers|jobs|devices))"
FIGURE = re.compile(rf"{_MONEY}|{_PERCENT}|{_COUNT}", re.I)
# Words that say what a figure measures, looked for just before the figure.
_LABEL_WINDOW = 6


def figure_label(sentence: str, start: int, end: int) -> str:
    """Return the short phrase around a figure that says what it measures."""
    before = re.findall(r"[A-Za-z][\w'’-]*", sentence[:start])[-_LABEL_WINDOW:]
    after = re.findall(r"[A-Za-z][\w'’-]*", sentence[end:])[:3]
    stop = {"the", "a", "an", "of", "to", "by", "at", "and", "about", "roughly", "around", "nearly",
            "more", "than", "over", "some", "its", "was", "is", "were", "rose", "to"}
    words = [w for w in before if w.lower() not in stop][-3:]
    if not words:
        words = [w for w in after if w.lower() not in stop][:3]
    return " ".join(words)


def figures(sentences: list[Sentence], limit: int = 12) -> list[Figure]:
    """Return money amounts, percentages and counts found in the selected sentences, each cited."""
    found: list[Figure] = []
    seen: set[str] = set()
    for sentence in sentences:
        for match in FIGURE.finditer(sentence.text):
            value = match.group(0).strip()
            key = re.sub(r"\s+", " ", value.lower())
            if key in seen:
                continue
            seen.add(key)
            found.append(Figure(value=value, label=figure_label(sentence.text, match.start(), match.end()),
                                text=sentence.text, sources=list(sentence.sources), new=sentence.new))
    return found[:limit]


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def label_for(score: float) -> str:
    if score >= 0.2:
        return "positive"
    if score <= -0.2:
        return "negative"
    return "neutral"


def sentiment(sentences: list[Sentence]) -> Sentiment | None:
    """Return the mean VADER compound score of the sentences, with a label."""
    if not sentences:
        return None
    analyzer = _analyzer()
    score = sum(analyzer.polarity_scores(s.text)["compound"] for s in sentences) / len(sentences)
    return Sentiment(score=round(score, 3), label=label_for(score))


_TICKER = re.compile(r"\((?:NASDAQ|NYSE|AMEX|LSE|TSX)\s?:\s?([A-Z.]{1,6})\)")
_NAME = re.compile(r"\b([A-Z][a-z]+(?:\s(?:[A-Z][a-z]+|[A-Z]{2,}))+|[A-Z]{2,}[a-z]*)\b")
_COMMON = {"The", "This", "That", "CEO", "AI", "US", "U.S", "VR", "AR", "In", "And", "But"}


def entities(sentences: list[Sentence], limit: int = 15) -> list[Entity]:
    """Return tickers and capitalised names mentioned in the sentences, with counts."""
    counts: Counter[tuple[str, str]] = Counter()
    for sentence in sentences:
        for ticker in _TICKER.findall(sentence.text):
            counts[(ticker, "ticker")] += 1
        for name in _NAME.findall(sentence.text):
            if name not in _COMMON and not sentence.text.startswith(name + " "):
                counts[(name, "name")] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Entity(name=n, kind=k, count=c) for (n, k), c in ranked[:limit]]


def sources(cleaned: Cleaned, cited: set[int]) -> list[Source]:
    """Return the numbered source list for the articles the brief cites."""
    result = []
    for article in cleaned.articles:
        if article.id in cited:
            a = article.article
            result.append(Source(id=article.id, title=a.title, publisher=a.publisher,
                                 date=a.date.isoformat() if a.date else None, url=a.url, path=a.path))
    return result


def theme_sentiment(themes: list[Theme]) -> None:
    """Set each theme's sentiment from its supporting sentences."""
    for theme in themes:
        theme.sentiment = sentiment(theme.candidates or theme.sentences)
