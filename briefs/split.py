"""Split cleaned articles into Sentence records: verbatim text, position, sources and stems."""

from __future__ import annotations

from . import language
from .clean import Cleaned, normalize
from .model import Sentence


def split(cleaned: Cleaned) -> list[Sentence]:
    """Return every kept sentence of every article, in corpus order, with its content stems."""
    result: list[Sentence] = []
    echoes = cleaned.echoes
    for article in cleaned.articles:
        source, central, paragraphs = article.id, article.central, article.paragraphs
        if len(article.keys) == len(paragraphs) == len(article.stems):
            keys, stems = article.keys, article.stems
        else:
            keys = [[normalize(text) for text in paragraph] for paragraph in paragraphs]
            stems = [[language.content_stems(text) for text in paragraph] for paragraph in paragraphs]
        about = article.about if len(article.about) == len(paragraphs) else [[""] * len(p) for p in paragraphs]
        position = 0
        # Zipped rather than indexed: this loop builds every sentence of the week while the workers wait.
        for paragraph_index, (paragraph, paragraph_keys, paragraph_stems, whom) in enumerate(
                zip(paragraphs, keys, stems, about)):
            for text, key, sentence_stems, who in zip(paragraph, paragraph_keys, paragraph_stems, whom):
                echoed = echoes.get(key)
                result.append(Sentence(text=text, source=source, position=position, paragraph=paragraph_index,
                                       sources=[source, *[e for e in echoed if e != source]] if echoed else [source],
                                       stems=list(sentence_stems), central=central, about=who))
                position += 1
    return result
