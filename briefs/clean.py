"""Clean scraped articles: keep article prose about the subject, drop noise and duplicates.

Every removal is recorded as a Drop with its reason so `briefs build --explain` can show it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import language
from .config import Subject
from .model import Article, CleanArticle, Drop

# Shorter than this, a "sentence" is a label, a button or a fragment.
MIN_WORDS = 6

_CALL_TO_ACTION = re.compile(
    r"\b(click|sign[ -]?up|subscribe|log[ -]?in|register|download (?:the|our)|read (?:more|next)|"
    r"don'?t miss|free (?:trial|report|analysis)|get (?:the latest|your free)|follow us|share (?:this|on)|"
    r"see here|learn more|find out|unlock|newsletter|trending:)\b",
    re.I,
)
_LEGAL = re.compile(
    r"\b(all rights reserved|investment advice|terms (?:and|&) conditions|privacy policy|cookies?|"
    r"disclaimer|past performance|for information purposes|not indicative of future|fiduciary|"
    r"originally appeared|copyright|©)",
    re.I,
)


def normalize(text: str) -> str:
    """Return text folded for comparison: NFKC, lower case, words only."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.findall(r"\w+", text))


@dataclass
class Cleaned:
    articles: list[CleanArticle] = field(default_factory=list)
    dropped: list[Drop] = field(default_factory=list)
    # normalized sentence -> ids of the other sources that said it too
    echoes: dict[str, list[int]] = field(default_factory=dict)


def _is_shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 20 and sum(c.isupper() for c in letters) / len(letters) > 0.7


def sentence_noise(sentence: str) -> str | None:
    """Return why a sentence is noise, or None if it reads as article prose."""
    if not language.has_final_punctuation(sentence):
        return "fragment or heading"
    if len(language.words(sentence)) < MIN_WORDS:
        return "fragment or heading"
    if _is_shouting(sentence):
        return "disclaimer or legal notice"
    if _LEGAL.search(sentence):
        return "disclaimer or legal notice"
    if _CALL_TO_ACTION.search(sentence):
        return "call to action or promotion"
    if sentence.rstrip("\"'”’) ").endswith("?"):
        return "question"
    return None


def _mentions(text: str, subject: Subject) -> bool:
    names = subject.names + subject.tickers
    return any(re.search(rf"\b{re.escape(n)}\b", text, re.I if n not in subject.tickers else 0) for n in names)


def clean(articles: list[Article], subject: Subject) -> Cleaned:
    """Return the articles with noise, off-subject articles and duplicate sentences removed."""
    result = Cleaned()
    seen: dict[str, int] = {}
    for article in articles:
        if subject.name and not _mentions(article.title + "\n" + article.text, subject):
            result.dropped.append(Drop("article not about the subject", article.title or article.text[:80], article.path))
            continue
        source_id = len(result.articles) + 1
        paragraphs: list[list[str]] = []
        for paragraph in language.paragraphs(article.text):
            kept = []
            for sentence in language.sentences(paragraph):
                reason = sentence_noise(sentence)
                if reason is None:
                    key = normalize(sentence)
                    if key in seen:
                        reason = "duplicate sentence"
                        first = seen[key]
                        if first != source_id and source_id not in result.echoes.setdefault(key, []):
                            result.echoes[key].append(source_id)
                    else:
                        seen[key] = source_id
                if reason:
                    result.dropped.append(Drop(reason, sentence, article.path))
                else:
                    kept.append(sentence)
            if kept:
                paragraphs.append(kept)
        if not paragraphs:
            result.dropped.append(Drop("no article prose left", article.title or article.path, article.path))
            continue
        result.articles.append(CleanArticle(id=source_id, article=article, paragraphs=paragraphs))
    return result
