"""Attribution: whom each sentence of an article is about, for one subject.

Cleaning splits in two. `clean.prepare(article)` judges noise without knowing the subject, so
an article is cleaned once however many subjects read it; `attribute(prepared, subject)` then
decides, for one subject, which stories and sentences concern it and, for every kept sentence,
whom it is about: "" for the subject, else the name of the other company in focus.

The company in focus is followed through the article. The article is the subject's when its
headline names it or its prose often does (CENTRAL_SHARE); otherwise only the sentences that
name the subject are about it. A section heading naming a company sets its section's; each paragraph starts in its
section's focus, and a sentence that names a company (by name, alias, ticker in its usual
forms, or related term for the subject) moves the focus to that company for the rest of the
paragraph; a sentence naming no company inherits the focus where it stands. So a market wrap
that names the subject in one paragraph lends the subject that paragraph only. Other companies are recognised by general cues only: a ticker
with its exchange (`(NASDAQ: AMD)`, `NYSE:BAC`), a cashtag (`$AMD`), a quote with its price move
(`AMD-2.1%`), a Reuters code (`AMD.O`), or a corporate suffix (`Acme Inc.`); a name learned from
one of these in an article is then recognised alone elsewhere in that article.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .clean import CENTRAL_SHARE, ArticleClean, Prepared, PreparedStory, first_mention, mentions, story_noise
from .config import Subject
from .kinds import is_market_wrap
from .model import Drop
from .vocabulary import word_runs

# A sentence, or the article in focus, about no named company in particular but not the subject.
OTHERS = "others"

# "(NASDAQ: AMD)", "(NYSE:BAC)", "NASDAQ:NVDA", "(Symbol: FRC)": a listed company's ticker.
_EXCHANGE = re.compile(r"\(?\b(?:NASDAQ|Nasdaq|NYSE|NYSEARCA|NYSEAMERICAN|AMEX|OTC|OTCMKTS|TSX|LSE|HKEX|Symbol|Ticker)"
                       r"\s?:\s?([A-Z][A-Z.]{0,6})\b\)?")
# "$AMD" and "AMD.O" (Reuters): tickers in the forms traders write them.
_CASHTAG = re.compile(r"(?<![\w$])\$([A-Z]{1,5})\b")
_REUTERS = re.compile(r"\b([A-Z]{1,5})\.(?:O|N|OQ|K|L|T|HK|DE|PA)\b")
# "Alphabet (GOOG -1.20%)", "(NVDA-2.88%)": a quote with its move, as finance sites print it.
_QUOTED_TICKER = re.compile(r"\(([A-Z]{1,5})\s?[-+−]?\s?\d+(?:\.\d+)?%\)")
# "Acme Inc.", "Acme Corp": the name a corporate suffix ends (not "Corporation", which agencies use too).
_SUFFIXED = re.compile(r"\b((?:[A-Z][\w&'’-]+\s+){1,4})(?:Inc|Corp|Ltd|plc|PLC|Holdings|Technologies|Platforms|N\.V|S\.A|AG|SE)\b\.?")
# The capitalised words right before a ticker: the company's name ("Bank of America (NYSE: BAC)").
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w&'’.-]*|of|and|&)(?:\s+(?:[A-Z][\w&'’.-]*|of|and|&))*)\s*$")
# Capitalised words that open sentences or name no company: never taken as a learned name.
_NOT_A_NAME = frozenset("The A An This That These Those It Its Shares Stock Stocks Analysts In On At For And Of But "
                        "Nasdaq NYSE Symbol Ticker".split())


def _name_before(text: str, end: int) -> str:
    match = _NAME_BEFORE.search(text[:end].rstrip(" ("))
    if not match:
        return ""
    words = re.split(r"\s+(?:and|&)\s+(?=[A-Z])", match.group(1))[-1].split()  # "Acme and Hooli (HOOL)": Hooli
    while words and (words[0] in _NOT_A_NAME or words[0] in ("of", "and", "&")):
        words = words[1:]
    while words and words[-1] in ("of", "and", "&"):
        words = words[:-1]
    return " ".join(words[-5:])


# Every cue above needs one of these: most sentences hold none and skip the five searches.
_ANY_CUE = re.compile(r"[(:$]|[A-Z]\.[A-Z]|\b(?:Inc|Corp|Ltd|plc|PLC|Holdings|Technologies|Platforms|AG|SE)\b")


@lru_cache(maxsize=50_000)
def listed_companies(text: str) -> tuple[tuple[str, str], ...]:
    """Return (name, ticker) for each company the text marks as listed or incorporated ("" where unknown)."""
    if not _ANY_CUE.search(text):
        return ()
    found = []
    for pattern in (_EXCHANGE, _QUOTED_TICKER):
        for match in pattern.finditer(text):
            found.append((_name_before(text, match.start()), match.group(1)))
    for pattern in (_CASHTAG, _REUTERS):
        for match in pattern.finditer(text):
            found.append(("", match.group(1)))
    for match in _SUFFIXED.finditer(text):
        name = " ".join(w for w in match.group(1).split() if w not in _NOT_A_NAME)
        if name:
            found.append((name, ""))
    return tuple(found)


def is_subject(name: str, ticker: str, subject: Subject) -> bool:
    """Return True when a listed company found in the text is the subject itself."""
    if ticker and ticker in subject.tickers:
        return True
    return bool(name) and mentions(name, subject) > 0


class _Focus:
    """The companies an article names, learned as it is read, and which one is in focus."""

    def __init__(self, subject: Subject):
        self.subject = subject
        self.others: dict[str, str] = {}  # a name or ticker -> the company's display name

    def learn(self, text: str) -> list[str]:
        """Return the other companies a text marks as listed, remembering their names and tickers."""
        named = []
        for name, ticker in listed_companies(text):
            if is_subject(name, ticker, self.subject):
                continue
            display = self.others.get(ticker) or self.others.get(name) or name or ticker
            for key in (name, ticker):
                if key and len(key) >= 2:
                    self.others.setdefault(key, display)
            named.append(display)
        return named

    def others_named(self, text: str) -> list[str]:
        """Return the other companies a text names: marked ones, then names learned earlier in the article."""
        named = self.learn(text)
        if self.others:
            runs = set(word_runs(text))
            for key, display in self.others.items():
                if display not in named and key.lower().split()[0] in runs and _names(text, key):
                    named.append(display)
        return named


@lru_cache(maxsize=4096)
def _name_pattern(key: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])")


def _names(text: str, key: str) -> bool:
    return _name_pattern(key).search(text) is not None


def sentence_about(text: str, focus: str, subject_at: int | None, others: list[str]) -> str:
    """Return whom a sentence is about: the company it names first (the subject is "", `subject_at`
    the offset of its first mention), else the company in focus where it stands."""
    if others:
        first_other = min((text.find(name) for name in others if name in text), default=-1)
        if subject_at is None or 0 <= first_other < subject_at:
            return others[0]
    if subject_at is not None:
        return ""
    return focus


def attribute(prepared: Prepared, subject: Subject) -> ArticleClean:
    """Return one subject's cleaning of a prepared article: its kept prose, whom each sentence is about, and the drops."""
    article = prepared.article
    # What the loader or HTML extractor left out is accounted for with the article's drops.
    dropped = [Drop("left out by the HTML extractor", text, article.path, "load") for text in article.left_out]
    if article.left_out:
        article = replace(article, left_out=())
    if prepared.title_dropped:
        dropped.append(Drop("promotional title", article.title, article.path))
        article = replace(article, title="")
    total_mentions = title_mentions = mentions(article.title, subject)
    # First pass: which stories are kept, which sentences name the subject, which are noise.
    kept: list[tuple[PreparedStory, list[int], list[str | None]]] = []
    story_drops: dict[int, list[Drop]] = {}
    for story in prepared.stories:
        drops = story_drops.setdefault(story.index, [])
        drops.extend(Drop(reason, text, article.path) for reason, text in zip(story.label_reasons, story.labels))
        if not story.prose:
            continue
        story_mentions = mentions(" ".join(story.prose), subject)
        if story.ad:
            drops.extend(Drop("advertisement", text, article.path) for text in story.prose)
            continue
        if story.appended and (story_mentions == 0 or not subject.names):
            drops.extend(Drop("appended story about something else", text, article.path) for text in story.prose)
            continue
        total_mentions += story_mentions
        named = [mentions(s.text, subject, word_runs(s.text)) for s in story.sentences]
        kept.append((story, named, story_noise(story, named, main=bool(subject.names) and story.index == 0)))
    prose = [bool(n) for _, named, reasons in kept for n, r in zip(named, reasons) if r is None]
    # The article is about the subject when its headline names it or its prose often does;
    # otherwise only the sentences that name the subject are about it (a market wrap's one line).
    # A market wrap is about the market even when its headline names the subject as the cause
    # ("Stocks tumble on <subject> fears"): only its sentences that name the subject are the subject's.
    wrap = is_market_wrap(article.title)
    its_own = not subject.names or (not wrap and (
        bool(title_mentions) or (sum(prose) >= 2 and sum(prose) >= CENTRAL_SHARE * len(prose))))
    focus_tracker = _Focus(subject)
    title_others = focus_tracker.others_named(article.title) if subject.names else []
    section = "" if its_own else (title_others[0] if title_others else OTHERS)
    focus, paragraph = section, -1
    paragraphs: dict[int, list[str]] = {}
    about: dict[int, list[str]] = {}
    kept_by_index = {story.index: (story, named, reasons) for story, named, reasons in kept}
    for story in prepared.stories:
        dropped.extend(story_drops.get(story.index, []))
        if story.index not in kept_by_index:
            continue
        _, named, reasons = kept_by_index[story.index]
        for i, (sentence, reason) in enumerate(zip(story.sentences, reasons)):
            if sentence.heading and subject.names:
                heading_others = focus_tracker.others_named(sentence.heading)
                if mentions(sentence.heading, subject):
                    section = ""
                elif heading_others:
                    section = heading_others[0]
            opening = sentence.paragraph != paragraph
            if opening:
                paragraph, focus = sentence.paragraph, section  # a new paragraph starts in its section's focus
            others = focus_tracker.others_named(sentence.text) if subject.names else []
            at = first_mention(sentence.text, subject) if named[i] else None
            who = sentence_about(sentence.text, focus, at, others) if subject.names else ""
            # A passage that names the subject is its passage; in another company's article, a
            # paragraph that opens on the subject is (outside a market wrap, where only naming counts).
            if others or (named[i] and (section == "" or (opening and not wrap))):
                focus = who if not named[i] else ""
            if reason:
                dropped.append(Drop(reason, sentence.text, article.path))
            else:
                key = story.index * 10_000 + sentence.paragraph
                paragraphs.setdefault(key, []).append(sentence.text)
                about.setdefault(key, []).append(who)
    order = sorted(paragraphs)
    return ArticleClean(article, [paragraphs[k] for k in order], dropped, total_mentions,
                        about=[about[k] for k in order]).with_features()
