"""Split cleaned articles into Sentence records: verbatim text, position, sources and stems."""

from __future__ import annotations

from . import language
from .clean import Cleaned, normalize
from .model import Sentence


def split(cleaned: Cleaned) -> list[Sentence]:
    """Return every kept sentence of every article, in corpus order, with its content stems."""
    result: list[Sentence] = []
    for article in cleaned.articles:
        position = 0
        known = len(article.keys) == len(article.paragraphs) == len(article.stems)
        attributed = len(article.about) == len(article.paragraphs)
        for paragraph_index, paragraph in enumerate(article.paragraphs):
            for index, text in enumerate(paragraph):
                key = article.keys[paragraph_index][index] if known else normalize(text)
                stems = list(article.stems[paragraph_index][index]) if known else language.content_stems(text)
                echoes = cleaned.echoes.get(key, [])
                result.append(
                    Sentence(
                        text=text,
                        source=article.id,
                        position=position,
                        paragraph=paragraph_index,
                        sources=[article.id, *[e for e in echoes if e != article.id]],
                        stems=stems,
                        central=article.central,
                        about=article.about[paragraph_index][index] if attributed else "",
                    )
                )
                position += 1
    return result
