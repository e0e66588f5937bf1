"""Enrich the selection: key figures, sentiment, entities and the numbered sources."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from . import language
from .model import Entity, Figure, Sentence, Sentiment, Source, Theme
from .clean import Cleaned

_SCALE = r"(?:\s?(?:trillion|billion|million|thousand|bn|mn|[bmk])\b)?"
_MONEY = rf"(?:(?:US)?[$€£¥]\s?\d[\d,]*(?:\.\d+)?{_SCALE})"
_PERCENT = r"(?:\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b|per cent\b))"
_COUNTED = (r"users|people|employees|workers|staff|customers|subscribers|units|shares|researchers|engineers|jobs|"
            r"devices|stores|downloads|members|accounts|vehicles|orders|ounces|barrels|tons|tonnes")
_COUNT = (rf"(?:\d[\d,]*(?:\.\d+)?(?:\s(?:trillion|billion|million|thousand))?\s(?:[A-Za-z-]+\s){{0,2}}?(?:{_COUNTED})\b)")
FIGURE = re.compile(rf"{_MONEY}|{_PERCENT}|{_COUNT}", re.I)
# Words between a figure and what it measures that carry no meaning of their own.
_FILLER = {
    "the", "a", "an", "of", "to", "by", "at", "and", "or", "about", "roughly", "around", "nearly", "almost",
    "more", "than", "over", "under", "some", "its", "their", "his", "her", "was", "is", "were", "are", "be",
    "been", "rose", "rise", "fell", "fall", "grew", "jumped", "climbed", "dropped", "increased", "decreased",
    "up", "down", "north", "south", "just", "only", "least", "at", "as", "much", "many", "with", "from",
    "reached", "hit", "surpassing", "totalled", "totaled", "topped", "expects", "expected", "going", "which",
    "that", "this", "also", "still", "including", "hefty", "whopping", "record", "estimated", "approximately",
    "representing", "saw", "significant", "for", "in", "on", "into", "after", "while", "it", "has", "had",
    "even", "recently", "now", "new", "will", "would", "could", "may", "might", "not",
}
# After a figure these start a time or comparison, not the name of what is measured.
_NOT_A_LABEL = {
    "since", "during", "until", "per", "each", "annually", "year", "years", "ago", "earlier", "later", "last",
    "next", "this", "compared", "versus", "vs", "against", "so", "but", "yet", "then", "now", "despite", "amid",
    "through", "across", "among", "toward", "towards", "within", "without", "because", "if", "when", "a", "an",
}
_PROPER = re.compile(r"(?<![.!?]\s)\b([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*)*)")
_WORDS = re.compile(r"[A-Za-z][\w'’-]*")
_MAX_LABEL_WORDS = 6


def _content_words(words: list[str]) -> list[str]:
    return [w for w in words if w.lower() not in _FILLER]


def figure_label(sentence: str, start: int, end: int) -> str:
    """Return the short phrase that says what the figure at sentence[start:end] measures.

    Tried in order: a "Label: figure" list item; the noun phrase right after the figure
    ("$4.2 billion loss in the first quarter"); the content words just before it
    ("revenue rose 21% to", "operating losses north of").
    """
    before = sentence[:start]
    colon = before.rfind(":")
    if colon != -1 and len(_WORDS.findall(before[colon:])) == 0:
        head = _WORDS.findall(re.split(r"[.;!?]", before[:colon])[-1])
        if 0 < len(head) <= _MAX_LABEL_WORDS:
            return " ".join(head)
    if FIGURE.fullmatch(sentence[start:end]) and re.search(_COUNTED, sentence[start:end], re.I):
        names = [m.group(1) for m in _PROPER.finditer(before) if m.start() > 0]
        if names:
            return names[-1]
        return " ".join(_content_words(_WORDS.findall(before))[-3:])
    # The phrase after a figure ends with its clause: "$100 billion invested in AI, another ..."
    after = _WORDS.findall(re.split(r"[,;:()—–]", sentence[end:end + 80])[0])
    first = after[0].lower() if after else ""
    if first in {"into", "in", "on", "for"} and len(after) > 1 and after[1][:1].isupper():
        target = [after[0]]
        for word in after[1:4]:
            if not word[:1].isupper():
                break
            target.append(word)
        lead = _content_words(_WORDS.findall(re.split(r"[,;:()—–]", before)[-1]))[-2:]
        return " ".join(lead + target)
    if after and first not in _FILLER and first not in _NOT_A_LABEL and first not in {"billion", "million"}:
        phrase = []
        for word in after[:_MAX_LABEL_WORDS]:
            if word.lower() in _NOT_A_LABEL or word.lower() in {"to", "by", "was", "is", "were", "that", "which",
                                                                   "and", "as", "from", "after", "while", "has",
                                                                   "have", "had", "will", "would"}:
                break
            phrase.append(word)
        while phrase and phrase[-1].lower() in _FILLER:
            phrase.pop()
        if phrase:
            return " ".join(phrase)
    clause = re.split(r"[,;:()—–]|\bwhile\b|\bas\b", before)[-1]
    words = _content_words(_WORDS.findall(clause))[-3:]
    if not words:
        words = _content_words(_WORDS.findall(before))[-3:]
    return " ".join(words)


def _is_year(value: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", value.strip()))


def figures(sentences: list[Sentence], limit: int = 12) -> list[Figure]:
    """Return money amounts, percentages and counts in the selected sentences, each labelled and cited."""
    found: list[Figure] = []
    seen: set[str] = set()
    for sentence in sentences:
        for match in FIGURE.finditer(sentence.text):
            value = match.group(0).strip()
            if _is_year(value):
                continue
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


# Sentiment of a large theme is estimated from an evenly spaced sample of its sentences.
SENTIMENT_SAMPLE = 400


def sentiment(sentences: list[Sentence]) -> Sentiment | None:
    """Return the mean VADER compound score of the sentences, with a label."""
    if not sentences:
        return None
    if len(sentences) > SENTIMENT_SAMPLE:
        step = len(sentences) / SENTIMENT_SAMPLE
        sentences = [sentences[int(i * step)] for i in range(SENTIMENT_SAMPLE)]
    analyzer = _analyzer()
    score = sum(analyzer.polarity_scores(s.text)["compound"] for s in sentences) / len(sentences)
    return Sentiment(score=round(score, 3), label=label_for(score))


_TICKER = re.compile(r"\((?:NASDAQ|NYSE|AMEX|LSE|TSX|NYSEARCA|OTC|ASX|HKEX|XETRA)\s?:\s?([A-Z][A-Z.]{0,5})\)")
_SPAN = re.compile(r"[A-Z][\w&.-]*[\w&](?:['’]s)?(?:\s+(?:of\s+|de\s+|&\s+)?[A-Z][\w&.-]*[\w&](?:['’]s)?)*")
_COMPANY_WORDS = {"inc", "corp", "corporation", "ltd", "llc", "plc", "group", "labs", "lab", "bank", "capital",
                  "partners", "technologies", "technology", "systems", "holdings", "ventures", "securities",
                  "platforms", "ai", "motors", "electronics", "pharmaceuticals", "co", "company", "insider",
                  "journal", "times", "news", "research", "club"}
_PERSON_CUES = re.compile(r"\b(?:ceo|cfo|coo|cto|chief|founder|co-founder|executive|president|chairman|chairwoman|"
                          r"scientist|analyst|director|head|boss|officer|mr|ms|mrs|dr|said|says|told|wrote)\b", re.I)
_CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _entity_kind(name: str, context: str) -> str:
    words = name.split()
    if words[-1].lower().strip(".") in _COMPANY_WORDS:
        return "company"
    if 2 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words) and _PERSON_CUES.search(context):
        return "person"
    return "organization"


_POSSESSIVE = re.compile(r"['’]s\b")
_INITIAL = re.compile(r"[A-Z]\.?")
_JOINERS = frozenset({"of", "de", "&"})


def _spans(text: str):
    stops = language.stop_words()
    for match in _SPAN.finditer(text):
        words = _POSSESSIVE.sub("", match.group(0)).split()
        while words and (words[0].lower() in stops or words[0].lower() in _CALENDAR):
            words.pop(0)
        while words and words[-1].lower() in _JOINERS:
            words.pop()
        if not words:
            continue
        if len(words) == 1 and match.start() == 0 and not words[0].isupper():
            continue  # a capitalised first word is usually just the start of the sentence
        role = False
        while len(words) > 1 and _PERSON_CUES.fullmatch(words[0]):
            words.pop(0)  # "CEO Mark Zuckerberg" is Mark Zuckerberg
            role = True
        name = " ".join(words)
        if len(words) == 1 and words[0].isupper() and len(words[0]) <= 3:
            continue  # AI, CEO, VR, US: acronyms of the trade, not names
        if "." in name and name.replace(".", "").isupper() and len(name) <= 5:
            continue
        if len(name) < 2 or name.lower() in _CALENDAR or _INITIAL.fullmatch(name):
            continue
        window = text[max(0, match.start() - 40):match.end() + 40]
        yield name, ("CEO " if role else "") + window


def entities(sentences: list[Sentence], limit: int = 15, exclude: list[str] | None = None) -> list[Entity]:
    """Return the companies, people, organizations and tickers the sentences mention, most frequent first.

    Capitalised spans are names; a company suffix ("Inc.", "Labs") makes a company, a two- or
    three-word name next to a role or a speech verb makes a person. The subject itself is left out.
    """
    skip = {e.lower() for e in (exclude or [])}
    counts: Counter[str] = Counter()
    # Each mention's context (None for a ticker): kinds are judged only for the names listed.
    mentions: dict[str, list[str | None]] = {}
    for sentence in sentences:
        text = sentence.text
        if "(" in text:
            for ticker in _TICKER.findall(text):
                if ticker.lower() not in skip:
                    counts[ticker] += 1
                    mentions.setdefault(ticker, []).append(None)
            text = _TICKER.sub(" ", text)
        for name, window in _spans(text):
            if name.lower() in skip or name.isdigit():
                continue
            counts[name] += 1
            mentions.setdefault(name, []).append(window)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    return [Entity(name=n, kind=_kind(n, mentions[n]), count=c) for n, c in ranked]


def _kind(name: str, contexts: list[str | None]) -> str:
    """Return the kind most of a name's mentions suggest (the first suggested, on a tie)."""
    votes = Counter("ticker" if context is None else _entity_kind(name, context) for context in contexts)
    return votes.most_common(1)[0][0]


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
