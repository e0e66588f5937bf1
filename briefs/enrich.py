"""Enrich the selection: key figures, sentiment, entities and the numbered sources."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from . import entities as entities_module
from . import figures as figures_module
from .config import Subject
from .model import Entity, Figure, Sentence, Sentiment, Source, Theme
from .clean import Cleaned

def figures(sentences: list[Sentence], limit: int = 12, subject: Subject | None = None,
            metrics: Mapping | None = None, publishers: Iterable[str] = (),
            pool: list[Sentence] | None = None, since: str | None = None,
            found: tuple[list, list] | None = None, templated: Collection[int] = ()) -> list[Figure]:
    """Return the subject's key figures, one row per fact, each with metric, period, kind and sources.

    `found`: `figures.reading`'s items and what its work gave, when the caller ran it ahead.
    `templated`: the ids of the articles that are templated notes (their standing numbers are no row).
    """
    return figures_module.figures(sentences, limit=limit, subject=subject, metrics=metrics,
                                  publishers=publishers, pool=pool, since=since, found=found, templated=templated)


def prepare() -> None:
    """Load what enrichment reads (VADER's lexicon, the places gazetteer) ahead of time: a build does
    it while its workers read files, rather than in the stages after them that nothing runs beside."""
    _analyzer()
    entities_module.places()


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


# Sentiment of a large theme is estimated from an evenly spaced sample of its sentences.
SENTIMENT_SAMPLE = 400


def sentiment(sentences: list[Sentence]) -> Sentiment | None:
    """Return the mean VADER compound score of the sentences, with a label."""
    if not sentences:
        return None
    if len(sentences) > SENTIMENT_SAMPLE:
        step = len(sentences) / SENTIMENT_SAMPLE
        sentences = [sentences[int(i * step)] for i in range(SENTIMENT_SAMPLE)]
    score = sum(_compound(s.text) for s in sentences) / len(sentences)
    return Sentiment(score=round(score, 3), label=label_for(score))


@lru_cache(maxsize=50_000)
def _compound(text: str) -> float:
    """Return VADER's compound score of a text: each sentence is scored for the brief, for its theme,
    and in a portfolio for every subject its article names; VADER is pure Python and slow."""
    return _analyzer().polarity_scores(text)["compound"]


def entities(sentences: list[Sentence], limit: int = 15, exclude: list[str] | None = None,
             publishers: Iterable[str] = (), found: list | None = None,
             counted: Sequence[bool] | None = None) -> list[Entity]:
    """Return the people, companies, products and places the sentences mention, most frequent first.

    `found`: what `entities.name_search(sentences)`'s work gave, when the caller ran it ahead.
    `counted`: which sentences' mentions count (see `entities.entities`).
    """
    return entities_module.entities(sentences, limit=limit, exclude=exclude, publishers=publishers, found=found,
                                    counted=counted)


def sources(cleaned: Cleaned, cited: set[int]) -> list[Source]:
    """Return the numbered source list for the articles the brief cites."""
    result = []
    for article in cleaned.articles:
        if article.id in cited:
            a = article.article
            result.append(Source(id=article.id, title=a.title, publisher=a.publisher,
                                 date=a.date.isoformat() if a.date else None, url=a.url, path=a.path))
    return result


def theme_sentiment(themes: list[Theme]) -> list[Theme]:
    """Return the themes, each with its sentiment from its supporting sentences."""
    return [replace(theme, sentiment=sentiment(theme.candidates or theme.sentences)) for theme in themes]
