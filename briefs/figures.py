"""Key figures: the subject's own numbers, each with what it measures, its period and its kind.

Every rule reads the figure's own clause (the text between the commas, semicolons and dashes
around it): the metric is the vocabulary phrase nearest the figure there (`[metrics]` in
audience.toml, so an audience can add its own), the kind comes from cue words in the same short
stretch ("expected", "consensus" → estimate; "guided", "outlook" → guidance; "price target" →
target), the change from a movement verb ("rose 21% to $47.5 billion" → value $47.5 billion,
change +21%), and the owner from the company names nearest the figure. A figure whose metric
cannot be named, or whose clause is about another company, is left out: an empty row is better
than a wrong one. docs/content.md describes the rules; docs/quality.md checks them by hand.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from functools import cached_property, lru_cache, partial

from . import language
from .config import Subject, data_dir, read_toml
from .entities import lowercase_words, places
from .model import Figure, Sentence
from .vocabulary import first_words, required_words

# ---- Reading cheaply: exact pre-checks that skip a pattern where it cannot match ----------------

_WORD_RUN = re.compile(r"\w+")


def _lowered(text: str) -> str | None:
    """Return the text lower-cased when it is ASCII, else None.

    In ASCII text lower-casing is exactly the case folding of `re.I` and keeps every offset, so
    the words read there are the words a pattern can match; elsewhere ("ſ" matches "s" under
    `re.I`) no word test is made and every pattern runs.
    """
    return text.lower() if text.isascii() else None


def _words(low: str | None, pos: int = 0, endpos: int = sys.maxsize,
           around: frozenset[str] | None = None) -> frozenset[str] | None:
    """Return a set holding every word run of low[pos:endpos] (text `_lowered`), or None when there is no such text.

    `around`: the words of a stretch of the same text holding this one, which hold all of this
    one's when no word is cut at its ends.
    """
    if low is None:
        return None
    if around is not None and not _cuts_word(low, pos) and not _cuts_word(low, endpos):
        return around
    return frozenset(_WORD_RUN.findall(low, pos, endpos))


_WORD_PAIR = re.compile(r"\w\w")


def _cuts_word(text: str, at: int) -> bool:
    """Return True when position `at` falls inside a word of the text."""
    return 0 < at < len(text) and _WORD_PAIR.match(text, at - 1) is not None


_WORD_LOOKBEHIND = re.compile(r"\(\?<![A-Za-z ]+\)")


def _ascii(words: frozenset[str] | None) -> frozenset[str] | None:
    # A word with other letters ("ſ", "ı", "İ") can match ASCII text under `re.I`: no word test then.
    return words if words is not None and all(w.isascii() for w in words) else None


class _Gated:
    """A pattern searched only where one of its matches can be: an exact pre-check, not a rule.

    Every match holds one of the words `needed` and starts at one of the words `first`, both
    derived from the pattern itself (`vocabulary.required_words`, `first_words`; None where they
    cannot be told). Given the `_words` of the stretch searched, a search of text holding none of
    `needed` is skipped; with `at_words`, a long alternation is tried only where a word of `first`
    starts, instead of at every character.
    """

    def __init__(self, pattern: str | re.Pattern, flags: int = 0, at_words: bool = False,
                 lookbehinds: bool = False) -> None:
        self.pattern = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        self.at_words = at_words
        self.lookbehinds = lookbehinds

    # The words are read when first needed, not on import: reading them all takes ≈ 40 ms.
    @cached_property
    def _read_from(self) -> re.Pattern:
        # `lookbehinds`: the words are read from the pattern without its lookbehinds of plain words
        # ("(?<!price )target"), which only remove matches: it matches wherever the pattern does.
        if not self.lookbehinds:
            return self.pattern
        return re.compile(_WORD_LOOKBEHIND.sub("", self.pattern.pattern), self.pattern.flags)

    @cached_property
    def needed(self) -> frozenset[str] | None:
        return _ascii(required_words(self._read_from))

    @cached_property
    def first(self) -> frozenset[str] | None:
        return _ascii(first_words(self._read_from)) if self.at_words else None

    def can_match(self, words: frozenset[str] | None) -> bool:
        """Return False when text with these `_words` holds no match."""
        return words is None or self.needed is None or not self.needed.isdisjoint(words)

    def search(self, text: str, words: frozenset[str] | None = None, pos: int = 0,
               endpos: int = sys.maxsize) -> re.Match | None:
        """Return the pattern's first match in text[pos:endpos], or None."""
        if not self.can_match(words):
            return None
        if self.first is None:
            return self.pattern.search(text, pos, endpos)
        return next(self.finditer(text, words, pos, endpos), None)

    def finditer(self, text: str, words: frozenset[str] | None = None, pos: int = 0,
                 endpos: int = sys.maxsize) -> Iterator[re.Match]:
        """Return the pattern's matches in text[pos:endpos], as `re.Pattern.finditer` does."""
        if not self.can_match(words):
            return iter(())
        low = _lowered(text) if self.first is not None else None
        return self.pattern.finditer(text, pos, endpos) if low is None else self._at_words(text, low, pos, endpos)

    def _at_words(self, text: str, low: str, pos: int, endpos: int) -> Iterator[re.Match]:
        # Exact: a match starts where a word of `first` starts (the lookbehind and \b see the text
        # before `pos`, as in `finditer`), so no other place can hold one; after a match the next
        # is sought from its end.
        after = pos
        for word in _WORD_RUN.finditer(low, pos, endpos):
            if word.start() >= after and word.group() in self.first:
                match = self.pattern.match(text, word.start(), endpos)
                if match:
                    yield match
                    after = match.end()


_SCALE = r"(?:\s?(?:trillion|billion|million|thousand|bn|mn|[bmk])\b)?"
_MONEY = rf"(?:(?:(?<![A-Za-z])(?:US|C|A|HK|NT|NZ))?[$€£¥]\s?\d(?:\d|,(?=\d))*(?:\.\d+)?{_SCALE}|\d(?:\d|,(?=\d))*(?:\.\d+)?\s?cents\b)"
_PERCENT = r"(?:\d(?:\d|,(?=\d))*(?:\.\d+)?\s?(?:%|percent\b|per cent\b|percentage points?\b))"
_COUNTED = (r"users|people|employees|workers|staff|customers|subscribers|units|shares|researchers|engineers|jobs|"
            r"devices|stores|downloads|members|accounts|vehicles|cars|orders|ounces|barrels|tons|tonnes|deliveries")
_COUNT = rf"(?:\d(?:\d|,(?=\d))*(?:\.\d+)?(?:\s(?:trillion|billion|million|thousand))?\s(?:[A-Za-z-]+\s){{0,2}}?(?:{_COUNTED})\b)"
# What a figure is: an amount of money, a percentage, or a count of something named. The one
# definition: selection counts these to weigh a results line, the transcript ranker counts
# the money and percentages, and the key-figures table reads each one's clause.
FIGURE = re.compile(rf"{_MONEY}|{_PERCENT}|{_COUNT}", re.I)
MONEY = re.compile(_MONEY, re.I)
PERCENT = re.compile(_PERCENT, re.I)

# Where a clause ends: a figure's metric, kind and owner are read between these.
_CLAUSE_END = re.compile(r"[;—–]|:(?!\S)|,(?!\d{3})(?!\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)|\s-\s|\bwhile\b|\bwhereas\b|\bbut\b", re.I)
# Inside a clause, a comparison starts a new stretch: "EPS of $2.18 vs $2.10 expected".
_COMPARE = _Gated(r"\b(?:vs\.?|versus|compared (?:with|to)|against|above|below|ahead of|short of|(?<!more )(?<!less )(?<!fewer )than|beating|"
                  r"topping|missing|exceeding|beat|topped|missed|exceeded|surpassing)\b", re.I, lookbehinds=True)

# Cue words for the kind, read in the figure's own stretch of its clause.
_ESTIMATE = _Gated(r"\b(?:expect(?:ed|ations?|s|ing)?|estimates? (?:of|for)|estimated|consensus|analysts?|Wall Street|"
                   r"(?:is|are) seen|"
                   r"anticipated|forecasters?|polled|FactSet|LSEG|Refinitiv|Visible Alpha|projected|predicted)\b", re.I)
_GUIDANCE = _Gated(r"\b(?:guid(?:ance|ed|es|ing)|outlook|forecasts?|forecasted|projects|projecting|sees|"
                   # a company speaking for itself on its call: "we now expect revenue of …"
                   r"we (?:now |still |also |continue to )?(?:expect|anticipate|see|project)|"
                   r"anticipates|targets|targeting|(?<!price )target|plans? to|aims? to|will|expects)\b", re.I,
                   lookbehinds=True)
# Analysts' words make a forecast an estimate even when the company's guidance is named too.
_ANALYSTS = _Gated(r"\b(?:analysts?|consensus|Wall Street|(?:the|average|Street|analysts['’]?) estimates?|"
                   r"estimates (?:of|for)|expectations|polled|FactSet|LSEG|Refinitiv|"
                   r"Visible Alpha|Zacks)\b", re.I)

_UP = r"rose|rise[sn]?|rising|grew|grow(?:s|n|th|ing)?|increased?|increases|increasing|up|jump(?:ed|s)?|climb(?:ed|s)?|" \
      r"raised|raises|hiked|lifted|lifting|boosting|pushing|" \
      r"gain(?:ed|s)?|surg(?:ed|es|e)|soar(?:ed|s)?|advanc(?:ed|es)|higher|rall(?:ied|y)|boost(?:ed)?|added|expand(?:ed)?"
_DOWN = r"fell|fall(?:s|en|ing)?|drop(?:ped|s)?|down|declin(?:ed|es|e|ing)|decreas(?:ed|es|e)|slid|slip(?:ped|s)?|" \
        r"slump(?:ed|s)?|tumbl(?:ed|es|e)|plung(?:ed|es|e)|plummet(?:ed|s)?|sank|sink(?:s)?|lower|shed|lost|" \
        r"cut|slash(?:ed)?|reduc(?:ed|es|e)|shrank|shrunk|contract(?:ed|ion)|sell-?off|wiped|wiping|erased|off|" \
        r"pulled|withdrew|withdrawn|outflows?"
# Tried only where a movement word starts (`at_words`): the alternation is slow to try at each character.
_MOVE_BEFORE = _Gated(rf"\b(?:(?P<up>{_UP})|(?P<down>{_DOWN}))\b(?:\s+(?:by|of|out|about|around|roughly|nearly|almost|"
                      rf"more than|over|some|as much as|a|an|another|just|only|over|to|(?:a|an) (?:whopping|hefty|"
                      rf"significant|sharp|steep))){{0,3}}\s*\(?\s*$", re.I, at_words=True)
_MOVE_AFTER = re.compile(rf"^\s*(?:(?:year[- ]over[- ]year|from a year (?:ago|earlier)|annually)\s+)?"
                         rf"(?:(?P<up>{_UP}|jump|gain|rise|increase|surge|year[- ]over[- ]year|yoy)|(?P<down>{_DOWN}|drop|"
                         rf"decline|loss|slide|plunge|fall|decrease))\b", re.I)
# "a 10% earnings headwind", "a 5% revenue hit": a share named by the metric it weighs on.
_IMPACT_AFTER = re.compile(r"\s*(?:headwinds?|tailwinds?|hits?|drag|impact|boost|uplift|cut|reduction|haircut)\b", re.I)
# "cut costs by 10%", "raised its dividend by 5%": a movement verb, its object, then the amount.
_VERB_OBJECT_BY = re.compile(r"\b(?:(?P<up>raised?|raising|lifted|boosted|increased?|hiked|expanded)|(?P<down>cut|cutting|"
                             r"reduced?|reducing|lowered|slashed|trimmed))\s+(?:its\s+|their\s+|the\s+)?"
                             r"(?:[\w-]+\s+){1,3}by\s+(?:about\s+|around\s+|nearly\s+|roughly\s+)?$", re.I)
# "rose 21% to $47.5 billion": the percentage is the change, the amount after "to" the level.
_TO_LEVEL = re.compile(r"^\s*(?:year[- ]over[- ]year\s+)?(?:(?!and\b|but\b|while\b)[\w-]+\s+){0,4}?(?:to|at)\s+"
                       r"(?:reach\s+)?(?:a record(?: high of)?\s+|about\s+|nearly\s+|roughly\s+|around\s+)?$", re.I)
# "... from $185": the earlier value a target or a level moved from.
_FROM = re.compile(r"^\s*from\s+(?:a\s+(?:prior|previous)\s+)?$", re.I)

_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_PERIODS = [
    (re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?quarter(?:\s+(?:of\s+)?(?:fiscal\s+)?"
                r"(?:year\s+)?((?:19|20)\d\d))?", re.I),
     lambda m: f"Q{language.folded(m.group(1), _QUARTER_WORDS)}" + (f" {m.group(2)}" if m.group(2) else "")),
    (re.compile(r"\b(?:fiscal\s+)?Q([1-4])(?:\s*(?:FY\s?|fiscal\s+)?'?((?:19|20)?\d\d)\b)?"),
     lambda m: f"Q{m.group(1)}" + (f" {_year(m.group(2))}" if m.group(2) else "")),
    (re.compile(r"\b(?:fiscal(?: year)?\s+|FY\s?'?)((?:19|20)?\d\d)\b", re.I), lambda m: f"FY{_year(m.group(1))}"),
    (re.compile(r"\b(full[- ]year|this year|next year|last year|next quarter|this quarter|last quarter|"
                r"year to date|year-to-date)\b", re.I), lambda m: m.group(1).lower().replace("-", " ")),
    # "reiterated guidance of $30 billion for the year", "revenue for the year came in at $81 billion":
    # the whole year forecast or reported, not "the year ended …"
    (re.compile(r"\bfor\s+the\s+(?:whole\s+|entire\s+)?year\b(?!\s+(?:ended|ending|to|through|(?:19|20)\d\d))",
                re.I), lambda m: "full year"),
    (re.compile(r"\bsince\s+((?:the\s+start\s+of\s+|early\s+|late\s+|mid-?)?(?:(?:19|20)\d\d|[A-Z][a-z]+(?: \d{1,2})?))"),
     lambda m: f"since {m.group(1)}"),
    (re.compile(r"\b(?:in|for|of|during|through)\s+((?:19|20)\d\d)\b"), lambda m: m.group(1)),
    (re.compile(r"\b((?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})(?:st|nd|rd|th)?\b"),
     lambda m: m.group(1)),
    # "rose 12.5% in March": a month's move is not the week's ("in May 2024" keeps its year).
    (re.compile(r"\b(?:in|for|during|through)\s+((?:January|February|March|April|May|June|July|August|September|"
                r"October|November|December)(?:\s+(?:19|20)\d\d)?)\b(?!\s+\d)"), lambda m: m.group(1)),
    (re.compile(r"\b(?:over|in|during)\s+the\s+(?:past|last|trailing)\s+((?:\d+|two|three|four|five|six|twelve)\s+"
                r"(?:days|weeks|months|years|quarters))\b", re.I), lambda m: f"past {m.group(1).lower()}"),
    (re.compile(r"\b(?:on\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?:,?\s+"
                r"((?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}))?"), lambda m: m.group(2) or m.group(1)),
    (re.compile(r"\b(?:this|last|the)\s+(week|month)\b", re.I), lambda m: f"the {m.group(1).lower()}"),
]
_PERIODS = [(_Gated(pattern), name) for pattern, name in _PERIODS]  # each searched only where its words are


def _year(text: str) -> str:
    return text if len(text) == 4 else f"20{text}"


# Shopping-deal copy: a price off, a sale, a coupon. Its prices are not a company's figures.
_SHOPPING = re.compile(r"\b(?:on sale|sale price|discount(?:ed)?|coupon|promo code|(?:\d+%|\$\d+) off\b|deals? on|"
                       r"save \$|was \$\d[\d.]*,? now|Prime Day|Black Friday|Cyber Monday|lowest price|best price|"
                       r"add to cart|in stock)", re.I)

# Rows in the order an analyst reads them: results, guidance, estimates with no result beside
# them, operating metrics and deals, market reaction, targets.
_SECTION_ORDER = {"results": 0, "operations": 3, "deals": 3, "market": 4, "targets": 5}
_KIND_ORDER = {"guidance": 1, "estimate": 2}


@dataclasses.dataclass(frozen=True)
class Metric:
    """A named metric of the vocabulary: its name, its section (ordering) and the words that cue it."""

    name: str
    section: str
    cues: tuple[str, ...]


@lru_cache(maxsize=1)
def _base_vocabulary() -> dict[str, dict[str, list[str]]]:
    return read_toml(data_dir("templates") / "base" / "audience.toml").get("metrics", {})


@lru_cache(maxsize=32)
def _compile(vocabulary_key: tuple) -> tuple[tuple[Metric, ...], re.Pattern]:
    metrics = tuple(Metric(name, section, tuple(cues)) for section, table in vocabulary_key for name, cues in table)
    cues = sorted({c for m in metrics for c in m.cues}, key=lambda c: (-len(c), c))
    pattern = re.compile(r"(?<![\w$])(?:" + "|".join(_cue_pattern(c) for c in cues) + r")(?![\w])", re.I)
    return metrics, pattern


@dataclasses.dataclass(frozen=True, eq=False)
class _Cues:
    """A metric vocabulary as `read` uses it: the metrics, their cue pattern and the metric of each cue."""

    metrics: tuple[Metric, ...]
    pattern: _Gated
    index: dict[str, Metric]


@lru_cache(maxsize=32)
def _compile_cues(vocabulary_key: tuple) -> _Cues:
    metrics, pattern = _compile(vocabulary_key)
    # Tried at the words a cue starts with: the alternation of every cue is slow to try at each character.
    return _Cues(metrics, _Gated(pattern, at_words=True), {_cue_key(c): m for m in metrics for c in m.cues})


def _vocabulary_key(extra: Mapping | None) -> tuple:
    table = extra if extra is not None else _base_vocabulary()
    return tuple((section, tuple((name, tuple(cues)) for name, cues in sorted(names.items())))
                 for section, names in sorted(table.items()) if isinstance(names, Mapping))


def _cue_pattern(cue: str) -> str:
    # A space in a cue matches any run of spaces or a hyphen: "year over year", "year-over-year".
    return r"[\s-]+".join(re.escape(part) for part in cue.split())


def vocabulary(extra: Mapping | None = None) -> tuple[tuple[Metric, ...], re.Pattern]:
    """Return the metric vocabulary (the base audience's `[metrics]`, extended by `extra`) and its cue pattern."""
    return _compile(_vocabulary_key(extra))


def _cue_key(cue: str) -> str:
    return re.sub(r"[\s-]+", " ", cue.lower()).strip()


@dataclasses.dataclass(frozen=True)
class _Found:
    """One figure read from one sentence, before rows are merged."""

    value: str
    metric: str
    section: str
    change: str
    period: str
    kind: str
    sentence: Sentence
    order: int
    estimate: str = ""


# A "Label: figure" list item: a heading of up to this many words before the colon names the figure.
_MAX_HEADING_WORDS = 5


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Return where the clause holding text[start:end] begins and ends."""
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    left = bounds[-1]
    if len(bounds) > 1 and text[left - 1] == ":" and len(text[bounds[-2]:left - 1].split()) <= _MAX_HEADING_WORDS:
        left = bounds[-2]
    after = _CLAUSE_END.search(text, end)
    return left, after.start() if after else len(text)


def _stretch_bounds(text: str, left: int, right: int, start: int, end: int, low: str | None = None,
                    words: frozenset[str] | None = None) -> tuple[int, int]:
    """Return the part of a clause between the comparisons around the figure (`low`, `words`: see `_words`)."""
    lo = left
    for match in _COMPARE.finditer(text, _words(low, left, start, words), left, start):
        lo = match.start()
    after = _COMPARE.search(text, _words(low, end, right, words), end, right)
    return lo, after.start() if after else right


def signed_change(text: str, start: int, end: int) -> str:
    """Return "+21%" or "-6.9%" when the percentage at text[start:end] is a movement, else ""."""
    before = text[max(0, start - 60):start]
    after = text[end:end + 40]
    if re.search(r"\b(?:to|at)\s+(?:about\s+|around\s+|nearly\s+|roughly\s+)?$", before):
        return ""  # "fell to 15%": the level reached, not the move
    match = _MOVE_BEFORE.search(before) or _MOVE_AFTER.search(after) or _VERB_OBJECT_BY.search(before)
    if not match:
        return ""
    number = re.sub(r"\s+", "", text[start:end]).replace("percent", "%").replace("percentagepoints", " pts")
    return ("+" if match.group("up") else "-") + number


# Periods that hold for a whole sentence: its quarter or fiscal year, read outside the clause too.
_SENTENCE_PERIODS = 3


_PARENTHESIS = re.compile(r"\([^()]*\)")


def _parenthesis(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return the inside of the parenthesis holding the figure at text[start:end] when it says more than the figure.

    "(market cap: $2.8 trillion)" is a clause of its own: its metric, period and owner are read
    there, never across it. "($0.43)", a bare conversion, belongs to the clause around it.
    """
    for match in _PARENTHESIS.finditer(text, 0, start + 1 + 200):
        if match.start() < start and end < match.end():
            inside = text[match.start() + 1:start] + text[end:match.end() - 1]
            return (match.start() + 1, match.end() - 1) if re.search(r"[A-Za-z]{2,}", inside) else None
    return None


def _unparenthesised(text: str) -> str:
    """Return the text with what parentheses hold blanked out (same length): a period there is another figure's."""
    return _PARENTHESIS.sub(lambda m: "(" + " " * (len(m.group(0)) - 2) + ")", text)


# A quarter naming a report: "first-quarter earnings", "its Q1 results".
_REPORT_AFTER = re.compile(r"[\s-]*(?:fiscal\s+)?(?:earnings|results|report|financial results|numbers)\b", re.I)


# "… to $180 from $200", "$3 billion vs $2.9 billion expected": a figure the one before is measured from or against.
_BESIDE_BEFORE = re.compile(r"\b(?:from|vs\.?|versus|than|against|compared (?:with|to))\s+(?:about\s+|around\s+|"
                            r"roughly\s+|nearly\s+|a\s+(?:prior|previous)\s+)?$", re.I)


# Between an amount and the same amount in another currency: "€3.9bn (£3.3bn)".
_CONVERSION = re.compile(r"\s*\(\s*")


def _next_figure(text: str, spans: list[re.Match], end: int) -> int | None:
    """Return where the next figure after `end` starts, skipping one the figure is measured from or against."""
    return next((s.start() for s in spans if s.start() >= end and not _BESIDE_BEFORE.search(text, 0, s.start())), None)


def _period(text: str, left: int, right: int, start: int, end: int, whole: bool = False,
            words: frozenset[str] | None = None, until: int | None = None, market: bool = False) -> str:
    """Return the period nearest the figure in its clause (one after it first), else (`whole`) the sentence's quarter or year.

    `words`: the `_words` of the clause (or of more text around it), when the caller has them.
    `until`: where the next figure starts; a period written after that is the next figure's
    ("sales of $7 billion and guidance of $30 billion for the year": the year is the guidance's).
    `market`: the figure is a share move, whose quarter is not a report's ("up 1.5% ahead of its
    first-quarter earnings report").
    """
    best = None
    for rank, (pattern, name) in enumerate(_PERIODS):
        for match in pattern.finditer(text, words, left, right):
            distance = match.start() - end if match.start() >= end else 2 * (start - match.end()) + 1
            if distance < 0 or (until is not None and match.start() >= until):
                continue
            if market and rank < _SENTENCE_PERIODS and _REPORT_AFTER.match(text, match.end()):
                continue
            if best is None or (distance, rank) < best[:2]:
                best = (distance, rank, name(match))
    if best or not whole:
        return best[2] if best else ""
    for pattern, name in _PERIODS[:_SENTENCE_PERIODS]:
        match = pattern.search(text)
        if match:
            return name(match)
    lead = _LEADING_DATE.match(text)  # "On April 11, Citi cut its target…": the whole sentence's date
    if lead:
        return lead.group(1)
    phrase = _LEADING_PHRASE.match(text)  # "For the full year, …", "In the fourth quarter, …"
    if phrase:
        for pattern, name in _PERIODS:
            match = pattern.search(phrase.group(0))
            if match:
                return name(match)
    return ""


_LEADING_PHRASE = re.compile(r"\s*(?:For|In|During|Over|Through)\s+(?:[\w'’-]+\s+){0,5}?[\w'’-]+,")


_LEADING_DATE = re.compile(r"\s*(?:On|By|As of)\s+((?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+"
                           r"\d{1,2}|Monday|Tuesday|Wednesday|Thursday|Friday))\b")


# Kind cues count near the figure: "shares plunged 60% after the bank announced a plan to raise
# capital" is a move, not guidance. Characters before and after the figure within its stretch.
_KIND_BEFORE, _KIND_AFTER = 70, 40


def _kind(stretch: str, metric: Metric, words: frozenset[str] | None = None) -> str:
    """Return target, estimate, guidance or actual from the cue words near the figure (`words`: the stretch's `_words`)."""
    if metric.section == "targets":
        return "target"
    if metric.name == "earnings surprise":
        return "actual"  # a surprise is measured against the consensus, but it is a result
    if _ANALYSTS.search(stretch, words) or (_ESTIMATE.search(stretch, words) and not _GUIDANCE.search(stretch, words)):
        return "estimate"
    if _GUIDANCE.search(stretch, words) or metric.name == "guidance":
        return "guidance"
    return "actual"


# Words that qualify a metric without making it a segment: "total revenue", "quarterly revenue".
_PLAIN = {"total", "net", "quarterly", "annual", "fiscal", "full-year", "record", "its", "the", "their", "overall",
          "consolidated", "reported", "adjusted", "diluted", "gaap", "non-gaap", "first-quarter", "second-quarter",
          "third-quarter", "fourth-quarter", "a", "an", "of", "company's", "company’s", "year-over-year", "yearly",
          "higher", "lower", "strong", "weak", "solid", "better", "worse", "in", "on", "with", "and", "for", "to",
          "whose", "his", "her", "our", "this", "that", "which", "quarter's", "quarter’s", "year's", "year’s",
          "cumulative", "combined", "organic", "underlying", "estimated", "expected", "projected", "its", "more",
          "less", "much", "up", "down", "than", "as", "by", "from", "at",
          # verbs that stand before a metric's noun: "report revenue", "see sales"
          "report", "reports", "post", "posts", "generate", "generates", "see", "sees", "saw", "deliver", "delivers",
          "book", "books", "record", "records", "show", "shows", "grow", "grows", "lift", "lifts", "raise", "raises",
          "boost", "boosts", "hit", "hits", "reach", "reaches", "drive", "drives", "expect", "expects", "total",
          "totals", "company", "firm", "group", "maker", "giant", "whole", "all", "entire", "same", "comparable"}
# Segment words: a lower-case noun before "revenue" names a business line ("data center revenue").
_SEGMENT_HEADS = {"revenue", "capex"}
_MAX_SEGMENT_WORDS = 3


# "the data center business generated $115 billion in revenue": a clause's business line names a segment.
_SEGMENT = _Gated(r"\b((?:[a-z][\w-]*\s+){1,2})(?:business|segment|division|unit)\b")


def _metric(text: str, left: int, right: int, start: int, end: int, cues: _Cues, percent: bool = False,
            words: frozenset[str] | None = None) -> tuple[Metric, str] | None:
    """Return the metric nearest the figure within its clause and its readable name, or None.

    `words`: the `_words` of the clause (or of more text around it), when the caller has them.
    """
    index = cues.index
    best = None
    for match in cues.pattern.finditer(text, words, left, right):
        metric = index.get(_cue_key(match.group(0)))
        if metric is None:
            continue
        if match.start() >= end:
            gap = text[end:match.start()]
            move = _MOVE_AFTER.match(text[end:]) if percent else None
            if move and match.start() < end + move.end():
                continue  # "a 6% loss" is a movement, not a loss of 6%
            if percent and _IMPACT_AFTER.match(text, match.end()):
                continue  # "a 10% earnings headwind": what happens to earnings, not earnings of 10%
            if re.match(r"\s*(?:in|of|worth of)\s+(?:[\w-]+\s+){0,3}$", gap):
                distance = 10  # "$35.6 billion in data center sales" (a cue one verb before still wins)
            elif len(gap.split()) <= 2 and not re.match(r"\W*(?:on|from|against|with|for|vs\.?|versus|over|"
                                                        r"and|or|but|while|whereas)\b", gap, re.I):
                # "revenue of $5 billion and earnings of …": a noun after "and" names the next figure
                distance = 0  # a noun right after the figure names it: "$4.2 billion loss" (not "$0.43 on revenue")
            else:
                continue
        elif match.end() <= start:
            if re.search(r"\band\s+(?:an?\s+|its\s+|the\s+)?[\w-]+", text[match.end():start]) and \
                    re.search(r"\b(?:of|at|was|is)\s*(?:about|around|nearly|roughly)?\s*$", text[:start]):
                continue  # "a net margin of 56% and a return on equity of 115%": the second has its own noun
            distance = start - match.end()
        else:
            distance = 0  # the figure holds its own noun: "3 billion monthly active users"
        if metric.section == "targets":
            distance = -1  # "raised its price target on the shares to $200": the target, not the shares
        if best is None or distance < best[0]:
            best = (distance, metric, match)
    if best is None:
        return None
    _, metric, match = best
    if metric.name in _SEGMENT_HEADS:
        qualifier = (_qualifier(text, left, match, start, words) or _place_subject(text[left:start])
                     or (_place_after(text[match.end():right]) if metric.name == "revenue" else ""))
        if qualifier and metric.name == "capex":
            return None  # "data center capex": an industry's or customers' spending, not the subject's
        if qualifier:
            return dataclasses.replace(metric, section="operations"), f"{qualifier} {metric.name}"
    return metric, metric.name


_CLAUSE_SUBJECT = re.compile(r"\s*(?:the\s+)?([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+(?:generated|brought in|contributed|accounted for|"
                             r"made up|represented|delivered)\b")


# "revenue in China fell 11%", "$16.4 billion in sales from Europe": a place right after the metric's noun.
_PLACE_AFTER = re.compile(r"\s+(?:in|from)\s+(?:the\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)")


# "$7 billion in revenue in its client segment": a business line named after the metric's noun.
_SEGMENT_AFTER = re.compile(r"\s+(?:in|from)\s+(?:its|the|their)\s+((?:[a-z][\w-]*\s+){1,2})(?:business|segment|division|unit)\b")


def _place_after(rest: str) -> str:
    """Return the place the words after a revenue cue give ("in China"), or "": a region's revenue,
    not the company's; or the business line they give ("in its client segment")."""
    segment = _SEGMENT_AFTER.match(rest)
    if segment is not None and not any(w in _PLAIN for w in segment.group(1).split()):
        return segment.group(1).strip()
    found = _PLACE_AFTER.match(rest)
    if found is None:
        return ""
    name = found.group(1)
    if name.lower() in places() or name.rstrip(".").lower() in places():
        return name.rstrip(".") if name.endswith(".") and name.count(".") == 1 else name
    if " " in name and name.split()[-1].lower() in places():
        return name  # "Greater China" ("China Mobile", a customer, is no place)
    return ""


def _place_subject(clause: str) -> str:
    """Return the place a figure's clause opens on ("China generated $17 billion in revenue"), or "": a region's revenue."""
    found = _CLAUSE_SUBJECT.match(clause)
    return found.group(1) if found and found.group(1).lower() in places() else ""


def _qualifier(text: str, left: int, match: re.Match, start: int, clause_words: frozenset[str] | None = None) -> str:
    """Return the business line that qualifies a revenue cue ("data center"), or "" (`clause_words`: see `_words`)."""
    from . import language

    stops = language.stop_words()
    head = text[left:match.start()]
    if match.start() >= start:  # "$35.6 billion in data center sales"
        head = re.sub(r"^.*?\b(?:in|of)\s+", "", text[start:match.start()])
    words = re.findall(r"[\w'’-]+", head)[-_MAX_SEGMENT_WORDS:]
    qualifier: list[str] = []
    for word in reversed(words):
        low = word.lower()
        if (low in _PLAIN or low in stops or not word[:1].islower() or any(ch.isdigit() for ch in word)
                or low.endswith("ed")):
            break
        if low.endswith(("'s", "’s")):
            qualifier = []  # "the streaming giant's revenue": whose revenue, not a business line
            break
        qualifier.insert(0, low)
    if not qualifier:
        segment = _SEGMENT.search(text, clause_words, left, match.start())
        if segment and not any(w in _PLAIN or w in stops for w in segment.group(1).split()):
            return segment.group(1).strip()
    return " ".join(qualifier)


# ---- Ownership: whose number is it? --------------------------------------------------------------

_NAME = re.compile(r"(?<![\w])(?:[a-z]{1,2})?[A-Z][\w&'’.-]*[\w&](?:\s+(?:&\s+)?[A-Z][\w&'’.-]*[\w&])*")
# Capitalised words that are not a company: calendar, metrics written as headings, the street.
_NOT_OWNERS = {
    "wall street", "street", "the street", "consensus", "zacks consensus estimate", "factset", "lseg", "refinitiv",
    "visible alpha", "eps", "gaap", "non-gaap", "revenue", "sales", "earnings", "profit", "q1", "q2", "q3", "q4", "fy",
    "ceo", "cfo", "coo", "cto", "ai", "us", "u.s", "u.s.", "usa", "uk", "eu", "the", "this", "that", "its", "their",
    "shares", "stock", "analysts", "analyst", "investors", "nyse", "federal reserve", "fed", "sec", "year", "quarter",
    "fiscal",
}
_CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_PERSON_AFTER = re.compile(r"^\s*(?:said|says|told|wrote|noted|added|explained|predicted|estimated|argued|"
                           r"administration|government|officials?|ministry|tariffs?)\b", re.I)
_ROLE_BEFORE = re.compile(r"\b(?:CEO|CFO|COO|CTO|chief|founder|president|chairman|analyst|analysts at|economist|"
                          r"strategist|Mr\.?|Ms\.?|Mrs\.?|Dr\.?)\s*$", re.I)
# "in China", "across Europe": a place, not an owner.
_PLACE_BEFORE = re.compile(r"\b(?:in|across|from|throughout|within)\s+(?:the\s+)?$", re.I)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Return words that never make a company name on their own: stop words, metric words, qualifiers."""
    from . import language

    metrics, _ = vocabulary()
    cue_words = {w for m in metrics for c in m.cues for w in c.lower().split()}
    return frozenset(language.stop_words() | cue_words | _PLAIN | {"per", "share", "quarterly", "business"})


def _subject_terms(subject: Subject | None) -> list[str]:
    if subject is None:
        return []
    return [t for t in subject.terms + list(subject.tickers) if t]


_POSSESSIVE = re.compile(r"['’]s$")


@lru_cache(maxsize=256)
def _term_inside(term: str) -> re.Pattern:
    """Return the pattern of a subject's term as a whole word inside a longer name."""
    return re.compile(rf"\b{re.escape(term)}\b", re.I)


def _is_subject_name(name: str, terms: list[str]) -> bool:
    bare = _POSSESSIVE.sub("", name).strip(". ")
    low = bare.lower()
    for term in terms:
        t = term.lower()
        if low == t or low.startswith(t + " ") or low.endswith(" " + t) or t.startswith(low + " "):
            return True
    return False


def _owners(text: str, left: int, right: int, terms: list[str], publishers: set[str],
            lowercase: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """Return (position, owner) for each company named in text[left:right]; owner "" is the subject.

    `lowercase` holds words the week's sentences also write in lower case ("data", "gaming"): a
    capitalised one of those starts a sentence, it does not name a company.
    """
    common = _common_words()
    found = []
    for match in _NAME.finditer(text, left, right):
        name = match.group(0)
        words = name.split()
        while len(words) > 1 and words[0].lower() in common:
            words.pop(0)  # "While Wall Street", "The Motley Fool": a leading common word is not the name
        name = " ".join(words)
        bare = _POSSESSIVE.sub("", name).strip(". ")
        low = bare.lower()
        if _is_subject_name(bare, terms):
            found.append((match.start(), ""))
            continue
        for term in terms:  # "Acme Roadrunner", a run holding a subject name inside it
            if _term_inside(term).search(bare):
                found.append((match.start(), ""))
                break
        else:
            if low in _NOT_OWNERS or low in _CALENDAR or low in publishers or low.split()[0] in _CALENDAR:
                continue
            if text[match.end():match.end() + 1] == ":" and text[max(0, match.start() - 1):match.start()] == "(":
                continue  # "(NASDAQ: TSLA)": an exchange before a ticker
            if text[match.end():match.end() + 1] == ":" or all(w in common for w in low.split()):
                continue  # a heading ("Quarterly Revenue: $47.5 billion") or common words, not a company
            if low in places() or low in lowercase:
                continue  # a country or state, or a word the week's text also writes in lower case
            if match.start() == 0 or re.search(r"[.!?]\s*[\"“]?$", text[:match.start()]):
                # The first word of a sentence is capitalised anyway: a single word there is a name
                # only when it is not an ordinary word (adverbs, participles, "Fourth-quarter").
                if " " not in bare and (re.search(r"(?:ly|ing|ed)$|-[a-z]", bare) or not lowercase) and \
                        not re.search(r"^\s*(?:['’]s|\(|shares|stock)", text[match.end():], re.I):
                    continue
            if _PERSON_AFTER.match(text[match.end():]) or _ROLE_BEFORE.search(text[max(0, match.start() - 20):match.start()]):
                continue
            if _PLACE_BEFORE.search(text[max(0, match.start() - 16):match.start()]):
                continue
            if bare.isupper() and len(bare) <= 2:
                continue
            found.append((match.start(), bare))
    return found


def owner(text: str, left: int, right: int, start: int, subject: Subject | None, about: str = "",
          publishers: Iterable[str] = frozenset(), firm_ok: bool = False,
          lowercase: frozenset[str] = frozenset(), actor_at: int | None = None) -> str:
    """Return "" when the figure at text[start:…] in the clause text[left:right] is the subject's, else the owner.

    Strict, because a peer's number shown as the subject's is the worst row a table can have: a
    clause naming another company is that company's (or shared, so no one's), even when it names
    the subject too; a clause naming no company takes the companies named earlier in the
    sentence, then the sentence's attribution (`about`). A price target names the firm that set
    it, so there only the subject has to be named; a deal names its counterparty, so there the
    company named last before the deal's word (`actor_at`: "acquire", "acquisition") owns it.
    """
    terms = _subject_terms(subject)
    publishers = set(publishers)
    if firm_ok:
        named = _owners(text, 0, len(text), terms, publishers, lowercase)
        return "" if any(o == "" for _, o in named) else (about or "?")
    # "Acme, Globex, and Initech have lost 20%": a list's items share its clause.
    while left > 0 and re.match(r"\s*(?:and|or)\b", text[left:]):
        previous = [0] + [m.end() for m in _CLAUSE_END.finditer(text, 0, left - 1)]
        left = previous[-1]
    named = _owners(text, left, right, terms, publishers, lowercase)
    actors = [o for p, o in named if actor_at is not None and p < actor_at]
    if actors:
        return actors[-1]  # "Acme agreed to acquire Globex for $20 billion": the buyer owns the deal
    in_clause = [o for _, o in named]
    others = [o for o in in_clause if o]
    if others:
        return others[0]
    if in_clause:
        return ""
    earlier = _owners(text, 0, left, terms, publishers, lowercase)
    if earlier and (_RELATIVE.match(text, left) or text[left - 1:left] == "("):
        return earlier[-1][1]  # "AMD, which generated $3.9 billion", "AMD (market cap: $156 billion)"
    asides = [m.span() for m in _ASIDE.finditer(text, 0, left)]
    main = [o for p, o in earlier if not any(a <= p < b for a, b in asides)]
    if any(main) and "" not in main:
        return next(o for o in main if o)  # the sentence's subject: "Globex, which supplies Acme, registered …"
    last = [(p, o) for p, o in earlier if not any(a <= p < b for a, b in asides)][-1:]
    if last and last[0][1] and _MADE_TO.match(text, text.find(last[0][1], last[0][0]) + len(last[0][1])):
        # "Acme's news prompted Globex to issue an update, asserting $100 billion in assets": the
        # company the sentence makes act last acts in the clause after it
        return last[0][1]
    return about


# A company made to act: "prompted Globex to issue …", "forced Globex Bank to cut …".
_MADE_TO = re.compile(r"(?:['’]s?)?\s+to\s+(?!the\b|a\b|an\b|its\b|\$|\d)[a-z]+\b")


# An aside after a name: a relative clause or an appositive between commas ("Globex, which
# supplies Acme, reported …", "Globex, a supplier to Acme, reported …"). The names inside it do
# not own the main clause's figures; a figure inside it belongs to the name it follows.
_RELATIVE = re.compile(r"\s*(?:which|who|whose)\b", re.I)
_ASIDE = re.compile(r",\s*(?:which|who|whose|a|an|the|one of|its|their)\b[^,;()]*(?:\([^()]*\)[^,;()]*)*,", re.I)


# ---- Reading a sentence ------------------------------------------------------------------------

_YEAR = re.compile(r"(?:19|20)\d\d")


def _is_year(value: str) -> bool:
    return bool(_YEAR.fullmatch(value.strip()))


# Speculation is not a key figure: "if it kept growing, revenue would reach $500 billion".
_SPECULATION = _Gated(r"\b(?:if|assuming|suppose|supposing|hypothetically|would|might|imagine)\b|"
                     r"\b(?:investment|invested|investing) in (?:the )?(?:shares|stock)\b", re.I)
# A negated or hedged forecast is an opinion, not a number to paste: "investors shouldn't expect
# growth of 90% to last", "revenue won't reach $10 billion", "sales are unlikely to top $5 billion".
_HEDGED = _Gated(r"\b(?:should|would|will|could|can|must|may|might|do|does|did)(?:n['’]t|\s+not)\s+(?:\w+\s+)?"
                 r"(?:expect|count on|assume|bet on|see|reach|keep|continue|last|grow|hit|top|repeat)\b|"
                 r"\b(?:won['’]t|can['’]t|cannot|unlikely|perhaps|possibly|maybe)\b", re.I)
# A sentence that opens on a condition is speculation all through: "If demand holds, revenue will …".
_CONDITIONAL = re.compile(r"\s*[\"“]?(?:If|Unless|Even if|Should|Were|Assuming)\b")
# "could" is a projection: kept as guidance when an executive or the company says it, else left out.
_COULD = _Gated(r"\bcould\b", re.I)
_SPOKEN = re.compile(r"\b(?:CEO|CFO|COO|chief|executives?|management|the company)\b[^.]{0,40}\b(?:said|says|told|"
                     r"stated|announced|expects?)\b", re.I)
# "$2.18 a share" is earnings per share only beside an earnings word; alone it is a share price.
_PER_SHARE = re.compile(r"^\s*(?:a|per|each)\s+(?:diluted\s+)?share\b", re.I)
_EARNINGS_WORDS = re.compile(r"\b(?:earn(?:ed|ings|s)?|profit|income|loss|EPS)\b", re.I)
# "24% of total sales": a share of something, not a metric's level or move.
_PROPORTION = re.compile(r"^\s*of\s+(?!the\s+(?:year|quarter))", re.I)
# "... to $1.9 billion", "1% to 4%": the upper end of a range.
_RANGE = re.compile(r"^\s*(?:to|-|–|and)\s*$")
# "Acme shares fell 7%": a move whose subject is the company itself measures its share price.
_SHARES_WORD = re.compile(r"\b(?:shares?|stock|stocks)\b", re.I)


# A sentence closing on an analyst as its source: every result-like figure in it is that analyst's
# estimate, whichever clause states it (the clause's own cue words miss a closing attribution).
_BY_ANALYST = re.compile(r",\s*according to\b[^,;]*\b(?:analysts?|estimates?|consensus|LSEG|FactSet|Refinitiv|Zacks)\b"
                         r"[^,;]*[.!]?[\"”’']?\s*$", re.I)
# "…, analysts said": a forecast they make (a result they comment on stays the company's).
_ANALYSTS_SAID = re.compile(r",\s*(?:[\w’'-]+\s+){0,3}analysts?(?:\s+[\w’'&.-]+){0,4}?\s+(?:said|say|says|wrote|"
                            r"estimated?|expect(?:ed)?|forecast)"
                            r"[^,;]*[.!]?[\"”’']?\s*$", re.I)


_MARKET_VALUE = re.compile(r"\bmarket (?:cap|capitali[sz]ation|value)\b", re.I)
# Words of a reported result: a loss stated with them is the company's own ("a $2 billion loss in the quarter").
_PERIOD_RESULT = re.compile(r"\b(?:quarter|quarterly|fiscal|full[- ]year|annual|net|operating|reported|posted|"
                            r"books?|write-?downs?|charges?)\b", re.I)


def _growth(f: _Found) -> bool:
    """Return True when the figure is itself a rate of change ("growth of 47.5%"), not a level."""
    return _percent(f.value) and f.change.lstrip("+-") == re.sub(r"\s+", "", f.value).replace("percent", "%")


def _same_form(result: _Found, estimate: _Found) -> bool:
    """Return True when an estimate states the kind of number the result does: a growth rate beside
    a result's change, a level beside a level (money with money, a percentage with a percentage)."""
    if _growth(estimate):
        return _percent(result.change)
    return (not _growth(result) and _money(result.value) == _money(estimate.value)
            and _percent(result.value) == _percent(estimate.value))


_PERCENT_VALUE = re.compile(r"%|percent|per cent|points?$", re.I)
_MONEY_VALUE = re.compile(r"(?:[A-Z]{0,2})?[$€£¥]")


_COUNT_VALUE = re.compile(_COUNT, re.I)
# Figures listed under one verb ("… of $10.4bn and net profit of $2.4bn, with EPS of $5.58"), unless
# a verb of their own reports the later ones ("expects $5bn this year and posted EPS of $2").
_LIST_JOINT = re.compile(r"^(?:[^.;:]|\.(?=\d))*?(?:,\s*|\s)(?:and|with|plus|as well as)\s(?:[^.;:]|\.(?=\d))*$")
_REPORTED_VERB = re.compile(r"\b(?:reported|reports|posted|posts|came in|comes in|was|were|is|are|rose|fell|grew|"
                            r"declined|jumped|dropped|beat|missed|topped|delivered|generated|booked|earned)\b", re.I)
_SCALE_WORD = re.compile(r"(trillion|billion|million|thousand|bn|mn|[bmk])\b", re.I)
_SCALES = {"bn": "billion", "b": "billion", "mn": "million", "m": "million", "k": "thousand"}


def _scale(value: str) -> str:
    """Return the scale a value is written in ("billion" for "$2.3bn", "" for "$6.61")."""
    match = _SCALE_WORD.search(value)
    word = match.group(1).lower() if match else ""
    return _SCALES.get(word, word)


def _percent(value: str) -> bool:
    return _PERCENT_VALUE.search(value) is not None


def _money(value: str) -> bool:
    return _MONEY_VALUE.match(value) is not None or value.endswith("cents")


def _names_subject(text: str, subject: Subject | None) -> bool:
    pattern = _subject_pattern(tuple(_subject_terms(subject)))
    return pattern is not None and pattern.search(text) is not None


class _Names:
    """The subject's names (case-insensitive) and tickers (upper case only) as one pattern."""

    def __init__(self, terms: tuple[str, ...]) -> None:
        parts = [re.escape(t) if t.isupper() else f"(?i:{re.escape(t)})" for t in sorted(terms, key=len, reverse=True)]
        self.pattern = re.compile(rf"(?<![\w])(?:{'|'.join(parts)})(?![\w])")
        lowered = sorted({t.lower() for t in terms}, key=len)
        # A name holding a shorter one ("Acme Corp", "Acme") is found through the shorter one; as
        # plain strings in lower-cased text, the names are one case-sensitive search of literals.
        needles = [t for i, t in enumerate(lowered) if not any(u in t for u in lowered[:i])]
        self.needles = re.compile("|".join(map(re.escape, needles))) if all(t.isascii() for t in terms) else None

    def may_occur(self, text: str) -> bool:
        """Return False when the text cannot hold a name or ticker."""
        # Exact: in ASCII text a match holds a name as `lower()` writes it (see `_lowered`).
        return self.needles is None or not text.isascii() or self.needles.search(text.lower()) is not None

    def search(self, text: str) -> re.Match | None:
        """Return the first name or ticker in the text, or None."""
        return self.pattern.search(text) if self.may_occur(text) else None


@lru_cache(maxsize=8)
def _subject_pattern(terms: tuple[str, ...]) -> _Names | None:
    """Return the subject's names and tickers as one pattern, None when there are none."""
    return _Names(terms) if terms else None


_DIGIT = re.compile(r"\d")


def _names_gate(subject: Subject | None) -> _Names | None:
    """Return the pattern a sentence outside the selection must match (the subject's names), None when the subject has none."""
    return _subject_pattern(tuple(_subject_terms(subject))) if subject is not None and subject.names else None


def _may_hold(text: str, names: _Names | None, quoted: bool) -> bool:
    """Return False when a sentence cannot hold one of the subject's figures: it has no digit, or it
    does not name the subject (`names`, see `_names_gate`) and is not quoted by the brief from an
    article about the subject (`quoted`; a market wrap's "retail sales rose 0.5%" is not)."""
    if names is not None and not quoted and not names.may_occur(text):
        return False  # the cheapest test first: most of the week's sentences do not name the subject
    return _DIGIT.search(text) is not None and (names is None or quoted or names.search(text) is not None)


def _value_and_change(text: str, spans: list[re.Match], i: int, used: set[int]):
    """Return (value, start, end, change, spans taken) for the figure spans[i] with the spans it absorbs.

    "rose 21% to $47.5 billion" is the level with its change; "to $150 from $180" and "from $175
    to $140" the new value with its base; "$1.7 to $1.9 billion" one range; "closed at $120.50, up
    2.3%" the level with its move. Value None: not a figure ("24% of sales").
    """
    match = spans[i]
    taken: set[int] = set()
    start, end = match.span()
    value = match.group(0).strip()
    change = ""
    is_percent = _percent(value)
    nxt = spans[i + 1] if i + 1 < len(spans) else None
    between = text[end:nxt.start()] if nxt is not None else ""
    if is_percent:
        change = signed_change(text, start, end)
        if not change and re.search(r"\bgrow(?:th|s)?\b|\bgrew\b", text[max(0, start - 40):end + 30], re.I):
            change = "+" + re.sub(r"\s+", "", value).replace("percent", "%")
        if change and nxt is not None and _TO_LEVEL.match(between) and not _percent(nxt.group(0)):
            taken.add(i + 1)  # "rose 21% to $47.5 billion": one fact, the level with its change
            start, end = nxt.span()
            value = nxt.group(0).strip()
    elif _money(value) and not re.search(r"\b(?:to|at|of|from)\s*(?:about|around|nearly|roughly)?\s*$",
                                         text[max(0, start - 30):start]) and (
            _MOVE_BEFORE.search(text[max(0, start - 60):start]) or _VERB_OBJECT_BY.search(text[max(0, start - 60):start])):
        # "wiping out $200 billion in market value", "cut costs by $500 million"
        move = _MOVE_BEFORE.search(text[max(0, start - 60):start]) or _VERB_OBJECT_BY.search(text[max(0, start - 60):start])
        change = ("+" if move.group("up") else "-") + value
    if not change and nxt is not None and _FROM.match(between) and _money(value) == _money(nxt.group(0)) \
            and _percent(value) == _percent(nxt.group(0)):
        taken.add(i + 1)  # "to $150 from $180"
        change = f"from {nxt.group(0).strip()}"
    elif (nxt is not None and re.search(r"\bfrom\s+$", text[max(0, start - 12):start])
          and _TO_LEVEL.match(between) and _money(value) == _money(nxt.group(0))):
        taken.add(i + 1)  # "from $175 to $140": the new value, and where it came from
        change = f"from {value}"
        start, end = nxt.span()
        value = nxt.group(0).strip()
    if nxt is not None and i + 1 not in taken and i + 1 not in used and not change and _RANGE.match(between) and \
            _percent(value) == _percent(nxt.group(0)) and (
                not between.strip() == "and" or re.search(r"\bbetween\s+$", text[max(0, start - 10):start])):
        taken.add(i + 1)  # "$1.7 to $1.9 billion": one range
        value = f"{value} to {nxt.group(0).strip()}"
        end = nxt.end()
    if is_percent and not change and _PROPORTION.match(text[end:]):
        return None, start, end, change, taken  # "24% of sales": a share of something, not a figure
    follower = spans[i + 1] if i + 1 < len(spans) and i + 1 not in taken and i + 1 not in used else None
    if not is_percent and not change and follower is not None and _percent(follower.group(0)) and \
            re.fullmatch(r"\s*,\s*(?:or\s+|a\s+|an\s+)?(?:up|down|rising|falling|gaining|losing)?\s*",
                         text[end:follower.start()]):
        moved = signed_change(text, *follower.span())
        if moved:  # "closed at $120.50, up 2.3%": the level and its move are one fact
            change = moved
            taken.add(i + 1)
    return value, start, end, change, taken


def read(sentence: Sentence, subject: Subject | None = None, extra: Mapping | None = None,
         publishers: Iterable[str] = (), selected: bool = True, lowercase: frozenset[str] | None = None,
         compiled: _Cues | None = None) -> list[_Found]:
    """Return the subject's named figures in one sentence (change merged into the level it moved).

    A sentence from outside the brief's selection (`selected=False`) must name the subject.
    `lowercase` is the week's vocabulary written in lower case (see `lowercase_words`).
    """
    text = sentence.text
    names = _names_gate(subject)
    quoted = selected and getattr(sentence, "central", True)
    if not _may_hold(text, names, quoted):
        return []
    spans = [m for m in FIGURE.finditer(text) if not _is_year(m.group(0))]
    # No figure but years, or shopping copy: nothing to read (the shopping test after the cheaper ones).
    if not spans or _SHOPPING.search(text):
        return []
    if lowercase is None:
        lowercase = lowercase_words([sentence])
    # `_may_hold` has found the subject's names already, unless the sentence is quoted.
    named_subject = (names is not None and not quoted) or _names_subject(text, subject)
    cues = compiled or _compile_cues(_vocabulary_key(extra))  # `compiled`: the vocabulary read once per build
    about = getattr(sentence, "about", "") or ""
    low_publishers = {p.lower() for p in publishers}
    low = _lowered(text)  # the words of each clause are read from it, so a pattern none of whose words is there is not run
    sentence_words = _words(low)
    plain = _unparenthesised(text)
    found: list[_Found] = []
    used: set[int] = set()
    base_end = None  # where the last base ("from $2.3 billion") ended: ", or $5.28 a share" is a base too
    for i, match in enumerate(spans):
        if i in used:
            continue
        if i and _CONVERSION.fullmatch(text, spans[i - 1].end(), match.start()) and text[match.end():match.end() + 1] == ")" \
                and _money(match.group(0)) and _money(spans[i - 1].group(0)):
            continue  # "€3.9bn (£3.3bn)": the amount before, in another currency
        value, start, end, change, taken = _value_and_change(text, spans, i, used)
        used |= taken
        if value is None:
            continue
        is_percent = _percent(match.group(0))
        aside = _parenthesis(text, match.start(), end)
        left, right = aside or _clause_bounds(text, match.start(), end)
        clause = text[left:right]
        # Also the words of the clause outside its parentheses (`plain`): blanking them keeps or splits the others.
        words = _words(low, left, right, sentence_words)
        if _SPECULATION.search(clause, words) or _HEDGED.search(clause, words) or _CONDITIONAL.match(text):
            continue
        lo, hi = _stretch_bounds(text, left, right, match.start(), end, low, words)
        # Outside a parenthesis, its words are another figure's: "sales of $39 billion (market value …)".
        named = _metric(text if aside else plain, left, right, match.start(), end, cues,
                        percent=is_percent and not _money(value), words=words)
        compared = lo > left  # the figure follows "vs", "above", "beating": it is compared with an earlier one
        if named is None and found and (compared or (is_percent and change)):
            previous = found[-1]
            if compared and not is_percent:
                # "EPS of $2.18 vs $2.10 expected": the estimate sits beside the result.
                if (_ESTIMATE.search(text[lo:hi]) or _ANALYSTS.search(text[lo:hi])) and not previous.estimate:
                    found[-1] = dataclasses.replace(previous, estimate=value)
                continue
            if is_percent and change and not previous.change and not compared:
                found[-1] = dataclasses.replace(previous, change=change)  # "$47.52 billion, up 21%"
                continue
        if named is None and is_percent and change and _moves_itself(text[left:match.start()], subject):
            named = (Metric("share price", "market", ()), "share price")
        if found and (re.search(r"\b(?:up|down)?\s*from\s+(?:about\s+|around\s+|roughly\s+|nearly\s+)?$",
                                text[max(0, match.start() - 30):match.start()])
                      or (base_end is not None and re.fullmatch(r",?\s+or\s+", text[base_end:match.start()]))):
            # "1.8 million, up from 1.37 million": the base of the figure before of its kind and scale
            # ("net income of $2.9 billion, or $6.61 a share, rose from $2.3 billion, or $5.28 a share").
            base = next((k for k in range(len(found) - 1, -1, -1) if _money(found[k].value) == _money(value)
                         and _percent(found[k].value) == _percent(value) and _scale(found[k].value) == _scale(value)), None)
            if base is not None and not found[base].change:
                found[base] = dataclasses.replace(found[base], change=f"from {value}")
            base_end = end
            continue
        base_end = None
        if named is None and _money(value) and _PER_SHARE.match(text[end:]) and (
                _EARNINGS_WORDS.search(clause) or (re.match(r"\s*or\b", clause) and _EARNINGS_WORDS.search(text))):
            named = (Metric("EPS", "results", ()), "EPS")  # "earned $2.18 a share"
        if named is None:
            continue
        metric, name = named
        if metric.section != "operations" and not _money(value) and not _percent(value) and _COUNT_VALUE.match(value):
            continue  # "… a $4bn deal which should lead to 2,500 new jobs": a count of things is no amount of money
        if name == "loss" and _money(value) and _MARKET_VALUE.search(text) and not _PERIOD_RESULT.search(text):
            # "… pushed its market cap below $2.5 trillion, bringing its total loss to $250 billion":
            # a sentence about market value with no reporting period loses value, not money on its books.
            metric, name = Metric("market value", "market", ()), "market value"
            change = change or f"-{value}"
        if _PER_SHARE.match(text[end:]) and _money(value):
            if _EARNINGS_WORDS.search(clause):
                metric, name = Metric("EPS", "results", ()), "EPS"
            elif metric.section != "results" and metric.name != "dividend":
                continue  # "$60 a share": a share price, not a result
        near = max(lo, match.start() - _KIND_BEFORE), min(hi, end + _KIND_AFTER)
        kind = _kind(text[near[0]:near[1]], metric, _words(low, *near, words))
        if kind == "actual" and found and found[-1].kind in ("guidance", "estimate") and found[-1].section != "market":
            # "guided to revenue of $10.4bn and net profit of $2.4bn, with EPS of $5.58": one forecast's list
            between = text[found[-1].order:match.start()]
            if len(between) < 120 and _LIST_JOINT.search(between) and not _REPORTED_VERB.search(between):
                kind = found[-1].kind
        if metric.section != "targets" and ((kind in ("actual", "guidance") and _BY_ANALYST.search(text))
                                            or (kind == "guidance" and _ANALYSTS_SAID.search(text))):
            # "… a 10% earnings headwind this year, according to Big Bank analyst Jane Roe", "Acme will
            # likely report revenue of $3.2 billion, analysts said": the analysts' number, not the company's
            kind = "estimate"
        if _COULD.search(clause, words):
            if not _SPOKEN.search(text):
                continue
            kind = "guidance" if kind == "actual" else kind
        actor_at = None
        if metric.section == "deals":  # the buyer is named before the deal's verb or noun
            actor_at = next((m.start() for m in cues.pattern.finditer(text, words, left, right)
                             if cues.index.get(_cue_key(m.group(0))) is metric), None)
        who = owner(text, left, right, match.start(), subject, about, low_publishers, firm_ok=kind == "target",
                    lowercase=lowercase, actor_at=actor_at)
        if who or (not named_subject and _others(text, subject, low_publishers, lowercase)):
            continue
        if metric.section == "targets":
            firm = _firm(text, subject, clause)
            name = f"{name} ({firm})" if firm else name
        if metric.section == "market" and not change and (not _money(value) or metric.name == "share price"):
            continue  # a price level, "1,000 shares" bought, a stock "at 5%" of a portfolio: not a market move
        found.append(_Found(value=value, metric=name, section=metric.section, change=change,
                            period=_period(text, left, right, match.start(), end, words=words) if aside else
                            # a share move is the day's, not the quarter the sentence reports
                            _period(plain, left, right, match.start(), end, whole=metric.section != "market",
                                    words=words, until=_next_figure(text, spans, end), market=metric.section == "market"),
                            kind=kind, sentence=sentence,
                            order=start))
    return found


def _moves_itself(before: str, subject: Subject | None) -> bool:
    """Return True when the clause before a movement is the subject's name: "Acme (ACME) declined"."""
    terms = _subject_terms(subject)
    if not terms:
        return False
    names = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.search(rf"(?:{names})(?:\s+(?:Corporation|Corp\.?|Inc\.?|Co\.?|Ltd\.?|plc))?\s*(?:\([^)]{{1,20}}\))?\s*(?:stock|shares)?\s*(?:was|were|is|has|have|had)?"
                     rf"\s*\w+\s*(?:by\s+|about\s+|nearly\s+|almost\s+|around\s+|more than\s+|over\s+|as much as\s+)*$",
                     before, re.I) is not None and _MOVE_BEFORE.search(before) is not None


def _others(text: str, subject: Subject | None, publishers: set[str], lowercase: frozenset[str]) -> bool:
    """Return True when the sentence names some company other than the subject."""
    return any(o for _, o in _owners(text, 0, len(text), _subject_terms(subject), publishers, lowercase))


_FIRM = re.compile(r"(?:(?:analysts?|analyst\s+[A-Z]\w+\s+[A-Z]\w+|(?:lowered|cut|raised|trimmed|boosted|reduced|lifted|"
                   r"increased|hiked|slashed|reiterated|maintained|set))\s+(?:at|by)\s+([A-Z][\w&.-]*(?:\s+(?:&\s+)?[A-Z][\w&.-]*)*)|"
                   r"([A-Z][\w&.-]*(?:\s+(?:&\s+)?[A-Z][\w&.-]*)*)\s+(?:analysts?|cut|lowered|raised|trimmed|boosted|reduced|"
                   r"upped|lifted|increased|decreased|hiked|slashed|restated|reaffirmed|reissued|issued|"
                   r"maintain(?:ed|s)?|reiterated|set|has|initiated))")


def _firm(text: str, subject: Subject | None, clause: str | None = None) -> str:
    """Return the firm that set a price target ("UBS"), "consensus" for an average, or "".

    An average is read in the figure's own clause: a sentence may give one firm's cut, then the median.
    """
    if re.search(r"\b(?:consensus|average|mean|median)\s+(?:[\w-]+\s+)?(?:price\s+)?target", text if clause is None
                 else clause, re.I):
        return "consensus"
    terms = _subject_terms(subject)
    for match in _FIRM.finditer(text):
        firm = (match.group(1) or match.group(2) or "").strip()
        words = firm.split()
        while words and words[0].lower() in {"finally", "also", "meanwhile", "the", "its", "analysts", "and"}:
            words.pop(0)
        firm = " ".join(words)
        if firm and firm.lower() not in _NOT_OWNERS and not _is_subject_name(firm, terms):
            return firm
    return ""


# ---- Rows --------------------------------------------------------------------------------------

_COUNTED_NUMBER = re.compile(r"(\d[\d,.]*\s*(?:trillion|billion|million|thousand)?)\s+[a-z]", re.I)
_SCALE_LETTERS = {"trillion": "t", "billion": "b", "bn": "b", "million": "m", "mn": "m", "thousand": "k"}
_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


def _number(value: str) -> str:
    """Return a figure's value as a comparable key: "$47.5 billion" and "$47.50bn" are one number.

    A count's noun is left out: "1.31 million vehicles" and "1.31 million units" are one number.
    """
    count = _COUNTED_NUMBER.match(value)
    if count and not _money(value) and not _percent(value):
        value = count.group(1)
    low = value.lower().replace(",", "").replace(" ", "")
    for word, letter in _SCALE_LETTERS.items():
        low = low.replace(word, letter)
    digits = _DECIMAL.search(low)
    if not digits:
        return low
    number = f"{float(digits.group(0)):g}"
    return low[:digits.start()] + number + low[digits.end():]


def label(metric: str, period: str, kind: str, change: str = "", estimate: str = "") -> str:
    """Return the readable label of a row: metric, period, and what kind of number it is."""
    text = metric[:1].upper() + metric[1:]
    if period:
        text += f", {period}"
    notes = []
    if kind == "estimate":
        notes.append("expected")
    elif kind == "guidance" and metric != "guidance":
        notes.append("guidance")
    if change:
        notes.append(f"change {change}")
    if estimate:
        notes.append(f"vs {estimate} expected")
    return text + (f" ({'; '.join(notes)})" if notes else "")


# One result per metric and period: differing values of it are the same fact misread or rounded
# ("EPS $2.18", "$2.19"), so the best-supported one stands. Elsewhere (deals, investments) two
# values of one metric can be two facts.
_ONE_VALUE = {"results", "market", "targets"}
_KIND_PREFERENCE = {"actual": 0, "guidance": 1, "target": 2, "estimate": 3, "other": 4}


@dataclasses.dataclass(frozen=True)
class _Row:
    """One fact: the reading shown, every source that gave it, and whether the brief quotes it."""

    found: _Found
    sources: tuple[int, ...]
    chosen: bool


def _merge_unnamed_targets(by_number: dict[tuple[str, str], list[_Found]]) -> None:
    """Fold a price target read without its firm into the one firm's row with the same value and change.

    Template notes and wire copy state one analyst's move twice, once naming the firm and once
    not: one fact. A target without a firm that matches two firms' rows, or none, stays as it is.
    """
    for (metric, number), group in list(by_number.items()):
        if group[0].section != "targets" or metric.endswith(")"):
            continue
        changes = {f.change for f in group}
        firms = [key for key, other in by_number.items() if key[1] == number and key[0].startswith(metric + " (")
                 and changes & {f.change for f in other}]
        if len(firms) == 1:
            by_number[firms[0]].extend(dataclasses.replace(f, metric=firms[0][0]) for f in group)
            del by_number[(metric, number)]


_SIGNED_PERCENT = re.compile(r"^([-+])(\d+(?:\.\d+)?)%$")
# A day of the week's trading; a span ("year to date", "February") holds many moves.
_WEEKDAY = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.I)
# A moment of a day's trading, not the day's move: "fell as much as 4%", "down 7% in early-afternoon
# trading", "rose 3% premarket".
_INTRADAY = re.compile(r"\b(?:as much as|at one point|intraday|midday|pre-?market|after[- ]hours|extended trading|"
                       r"(?:early|late|recent|morning|afternoon|early-afternoon|late-morning|mid-?day) trading|at last check|"
                       r"(?:at|after) the (?:opening bell|open)\b)", re.I)


def _merge_undated_moves(by_number: dict[tuple[str, str], list[_Found]]) -> None:
    """Fold the readings of one price move into one row: outlets give one fall with their own
    figure and hour ("fell 6% after hours", "closed down 6.9% on Wednesday", "sank 7% Wednesday").

    Moves of one metric the same way on the same weekday are one (as `select.same_move` reads
    sentences), and a move without a period is that day's when it is the same way and within
    `select.SAME_MOVE_RATIO` of one of its moves' size (matching two days, or none, it stays as it
    is). A move over a span ("year to date", "February") is no day's.
    The row shows the figure most outlets give that day, one not read at a moment of the day
    (`_INTRADAY`) first: the day's move is its close.
    """
    from .select import SAME_MOVE_RATIO  # select reads FIGURE from here

    moves: dict[tuple[str, str], tuple[str, float]] = {}
    for key, group in by_number.items():
        signed = _SIGNED_PERCENT.match(group[0].change) if group[0].section == "market" else None
        if signed and float(signed.group(2)):
            moves[key] = (signed.group(1), float(signed.group(2)))
    days: dict[tuple[str, str, str], list[tuple[str, str]]] = {}  # (metric, sign, weekday) -> its moves
    for key, (sign, _) in moves.items():
        if _WEEKDAY.match(period := _row_period(by_number[key])):
            days.setdefault((key[0], sign, period), []).append(key)
    dated = {day: list(keys) for day, keys in days.items()}
    for key, (sign, size) in moves.items():
        if _row_period(by_number[key]):
            continue
        matches = [day for day, keys in dated.items() if day[:2] == (key[0], sign)
                   and any(min(size, moves[k][1]) >= SAME_MOVE_RATIO * max(size, moves[k][1]) for k in keys)]
        if len(matches) == 1:
            days[matches[0]].append(key)
    for (_, _, period), keys in days.items():
        order = {k: i for i, k in enumerate(keys)}
        keys.sort(key=lambda k: (all(_INTRADAY.search(f.sentence.text) for f in by_number[k]),
                                 -len(by_number[k]), order[k]))
        lead = by_number[keys[0]]
        # The row quotes a reading that names the day, a close before a moment of it: a line
        # without its day, from another day's article, would say the figure without saying when.
        lead.sort(key=lambda f: (f.period != period, _INTRADAY.search(f.sentence.text) is not None))
        lead[:] = [dataclasses.replace(f, period=period) for f in lead]
        for key in keys[1:]:
            lead.extend(dataclasses.replace(f, period=period) for f in by_number.pop(key))


def _row_period(group: list[_Found]) -> str:
    """Return the period of a group's row: most readings', a named one on a tie."""
    periods = Counter(f.period for f in group)
    return min(periods, key=lambda p: (-periods[p], not p, p))


def _facts(readings: list[_Found], selected: set[int]) -> list[_Row]:
    """Return one row per fact: readings of the same metric and number, their kind and period by majority."""
    by_number: dict[tuple[str, str], list[_Found]] = {}
    for f in readings:
        by_number.setdefault((f.metric, _number(f.value)), []).append(f)
    _merge_unnamed_targets(by_number)
    _merge_undated_moves(by_number)
    rows = []
    for group in by_number.values():
        kinds = Counter(f.kind for f in group)
        kind = min(kinds, key=lambda k: (-kinds[k], _KIND_PREFERENCE.get(k, 9)))
        period = _row_period(group)
        best = next((f for f in group if f.kind == kind and f.period == period), group[0])
        change = best.change or next((f.change for f in group if f.change), "")
        estimate = best.estimate or next((f.estimate for f in group if f.estimate), "")
        best = dataclasses.replace(best, kind=kind, period=period, change=change, estimate=estimate)
        sources = tuple(sorted({s for f in group for s in f.sentence.sources}))
        rows.append(_Row(best, sources, any(id(f.sentence) in selected for f in group)))
    # Differing values of one result for one period: the best-supported stands.
    kept: dict[tuple[str, str, str], _Row] = {}
    result = []
    for row in rows:
        f = row.found
        if f.section not in _ONE_VALUE:
            result.append(row)
            continue
        key = (f.metric, f.period, f.kind)
        other = kept.get(key)
        if other is None or (len(row.sources), row.chosen) > (len(other.sources), other.chosen):
            kept[key] = row
    return result + list(kept.values())


def reports_results(sentence: Sentence, subject: Subject | None, metrics: Mapping | None = None,
                    lowercase: frozenset[str] | None = None) -> bool:
    """Return True when a sentence naming the subject leads with its own reported or guided results (revenue, EPS …).

    Its first figure must be the result: "shares fell 41% after a $1.8 billion loss" is about the
    share price, with the result as its cause.
    """
    found = read(sentence, subject, metrics, selected=False, lowercase=lowercase)
    first = next((m for m in FIGURE.finditer(sentence.text) if not _is_year(m.group(0))), None)
    return bool(found) and first is not None and found[0].order <= first.start() + 1 and \
        found[0].section == "results" and found[0].kind in ("actual", "guidance")


def reading(sentences: list[Sentence], subject: Subject | None = None, metrics: Mapping | None = None,
            publishers: Iterable[str] = (), pool: list[Sentence] | None = None,
            ahead: list[tuple[Sentence, bool]] | None = None, lowercase: frozenset[str] | None = None,
            ) -> tuple[Callable[[list], list], list[tuple[Sentence, bool]]]:
    """Return `figures`' reading of its sentences as work and its items, for a caller to run (ahead, elsewhere).

    The items are (sentence, quoted by the brief), each text once and only those that may hold a
    figure; the work depends only on its items and gives one result per item. `figures` takes
    both back as `found`. `ahead`: the items of `reading([], …, pool=pool)` (the same pool), whose
    tests need not be made again. `lowercase`: `lowercase_words(sentences + pool)`, when the caller has it.
    """
    publishers = tuple(publishers)
    selected = {id(s) for s in sentences}
    seen_text: set[str] = set()
    everything = list(sentences) + list(pool or [])
    names = _names_gate(subject)
    todo: list[tuple[Sentence, bool]] = []
    for sentence in everything if ahead is None else sentences:
        if sentence.text in seen_text:
            continue
        seen_text.add(sentence.text)
        chosen = id(sentence) in selected
        # `read`'s own first test, with the subject's pattern found once: most of the week's sentences stop here.
        if _may_hold(sentence.text, names, chosen and getattr(sentence, "central", True)):
            todo.append((sentence, chosen))
    if ahead is not None:
        # The pool's items are the first of each text that passes the test unquoted: those of
        # `ahead` whose text the brief's own sentences do not take first.
        todo += [item for item in ahead if item[0].text not in seen_text]
    work = partial(_read_each, subject=subject, metrics=metrics, publishers=publishers,
                   lowercase=lowercase_words(everything) if lowercase is None else lowercase)
    return work, todo


# Above this many words of difference between two weeks' vocabularies, reading again costs less than checking.
_VOCABULARY_CHANGE = 100


def readings(work: partial, todo: list[tuple[Sentence, bool]], ahead: tuple[partial, list, Callable[[], list]],
             run: Callable[[Callable, list], list]) -> list[list[_Found]]:
    """Return `work(todo)` (`reading`'s work and items), taking what it can from a reading done ahead.

    `ahead` is (work, items, a call that gives its results) of `reading([], …, pool=…)`: the week's
    sentences read before the brief's own were chosen. Exact: an item is taken from it only when it
    is the same sentence read unquoted with the same settings, and no word of its text is one by
    which the week's vocabulary (`lowercase`, read from the first sentences, quoted ones first)
    differs between the two: a reading depends on that vocabulary only through its own words
    (`_owners`). `run(work, items)` reads the rest (`Workers.map`).
    """
    ahead_work, ahead_todo, ahead_results = ahead
    settings, ahead_settings = dict(work.keywords), dict(ahead_work.keywords)
    lowercase, ahead_lowercase = settings.pop("lowercase"), ahead_settings.pop("lowercase")
    # A tuple: a set made from two weeks' vocabularies keeps their table size, and is slow to loop over.
    changed = tuple(sorted(lowercase ^ ahead_lowercase))
    if (work.func is not ahead_work.func or settings != ahead_settings or bool(lowercase) != bool(ahead_lowercase)
            or len(changed) > _VOCABULARY_CHANGE):
        return run(work, todo)
    at = {id(sentence): i for i, (sentence, quoted) in enumerate(ahead_todo) if not quoted}
    taken = [not quoted and id(sentence) in at and not any(word in sentence.text.lower() for word in changed)
             for sentence, quoted in todo]
    here = iter(run(work, [item for item, ahead_read in zip(todo, taken) if not ahead_read]))
    results = ahead_results()
    return [results[at[id(item[0])]] if ahead_read else next(here) for item, ahead_read in zip(todo, taken)]


def figures(sentences: list[Sentence], limit: int = 12, subject: Subject | None = None,
            metrics: Mapping | None = None, publishers: Iterable[str] = (),
            pool: list[Sentence] | None = None, since: str | None = None,
            found: tuple[list, list] | None = None, templated: Collection[int] = ()) -> list[Figure]:
    """Return the subject's key figures, one row per fact, in an analyst's reading order.

    `sentences` are the brief's own (their figures lead); `pool` adds the week's other kept
    sentences that name the subject, so a headline number quoted outside the selection still
    gets its row. `since` (ISO date, the brief's first day) drops price targets dated well
    before it: template articles repeat months-old analyst notes. `found`: the items of
    `reading` (same arguments) and what its work gave for them, when the caller ran it.
    """
    if found is None:
        work, todo = reading(sentences, subject, metrics, publishers, pool)
        found = (todo, work(todo))
    selected = {id(s) for s in sentences}
    readings: list[_Found] = []
    for (sentence, _), read_here in zip(*found):
        # From another process a reading holds a copy of its sentence: the brief's own is put back.
        readings.extend(f if f.sentence is sentence else dataclasses.replace(f, sentence=sentence) for f in read_here)
    rows = [r for r in _facts(readings, selected) if not _stale(r.found, since) and not _standing(r, templated)]
    rows.sort(key=lambda r: (-_support(r), r.found.sentence.position, r.found.order))
    # An estimate of a metric and period a result reports is shown beside the result, not as a row.
    actual = {}
    for i, row in enumerate(rows):
        if row.found.kind == "actual":
            actual.setdefault((row.found.metric, _YEAR_OF.get(row.found.period, row.found.period)), i)
    shown = []
    for i, row in enumerate(rows):
        f = row.found
        if f.kind == "estimate":
            j = actual.get((f.metric, _YEAR_OF.get(f.period, f.period)))
            if j is None and not f.period:
                j = next((k for (m, _), k in actual.items() if m == f.metric), None)
            if j is not None and _same_form(rows[j].found, f):
                a = rows[j]
                if not a.found.estimate:
                    rows[j] = dataclasses.replace(a, found=dataclasses.replace(a.found, estimate=f.value))
                continue
        shown.append(i)
    shown = _capped(rows, shown)
    order = _metric_order(metrics)
    picked = sorted(shown[:limit], key=lambda i: (
        _KIND_ORDER.get(rows[i].found.kind, _SECTION_ORDER.get(rows[i].found.section, 3)),
        order.get(rows[i].found.metric.split(" (")[0], len(order)), i))
    name = subject.name if subject and subject.name else ""
    result = []
    for i in picked:
        f, sources = rows[i].found, list(rows[i].sources)
        result.append(Figure(value=f.value, label=label(f.metric, f.period, f.kind, f.change, f.estimate),
                             text=f.sentence.text, sources=sources, new=f.sentence.new, metric=f.metric,
                             change=f.change, period=f.period, kind=f.kind, subject=name, estimate=f.estimate))
    return result


# An estimate "for the year" meets a result given "this year": one year.
_YEAR_OF = {"full year": "this year"}


def _read_each(todo: list[tuple[Sentence, bool]], subject: Subject | None, metrics: Mapping | None,
               publishers: tuple[str, ...], lowercase: frozenset[str]) -> list[list[_Found]]:
    """Return `read` of each (sentence, quoted by the brief): the work `reading` gives."""
    compiled = _compile_cues(_vocabulary_key(metrics))
    return [read(sentence, subject, metrics, publishers, selected=chosen, lowercase=lowercase, compiled=compiled)
            for sentence, chosen in todo]


# A price target dated this many days before the brief's first day is an old note repeated.
_STALE_DAYS = 14
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), 1)}


def _stale(found: _Found, since: str | None) -> bool:
    """Return True for a price target whose "Month day" date lies well before the brief's period."""
    date = re.fullmatch(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})", found.period)
    if found.section != "targets" or not since or not date or date.group(1).lower() not in _MONTHS:
        return False
    start = dt.date.fromisoformat(since)
    month, day = _MONTHS[date.group(1).lower()], int(date.group(2))
    year = start.year if (month, day) <= (start.month + 1, 31) else start.year - 1  # a date in the future is last year's
    try:
        return (start - dt.date(year, month, day)).days > _STALE_DAYS
    except ValueError:
        return False


# A figure the brief quotes counts as this many more sources: the selection chose its sentence.
_QUOTED_BONUS = 2
# The subject's own reported or guided results count as this many more sources: the table leads
# with what the company said, not with the week's most repeated template line.
_RESULTS_BONUS = 2
# Rows of one metric (share-price moves, price targets) kept at most: the rest of the table is
# for other numbers. A result reported and a result forecast count apart: a results week gives
# the quarter's revenue and the next quarter's and the year's guidance.
_PER_METRIC = 2
_FORWARD = frozenset({"guidance", "estimate"})
_TARGETS = 3


def _standing(row: _Row, templated: Collection[int]) -> bool:
    """Return True for a templated note's standing number: a level with no change and no date that
    only template fills give ("its payout ratio is presently 2.1%", "a beta of 1.8"), the same in
    every file whatever the week brought. A target moved in a note ("from $125 to $120") is news."""
    return bool(templated) and not row.found.change and not row.found.period and all(s in templated for s in row.sources)


def _support(row: _Row) -> int:
    results = row.found.section == "results" and row.found.kind in ("actual", "guidance")
    return len(row.sources) + (_QUOTED_BONUS if row.chosen else 0) + (_RESULTS_BONUS if results else 0)


def _capped(rows: list[_Row], shown: list[int]) -> list[int]:
    """Return the shown rows with at most _PER_METRIC per metric and _TARGETS price targets.

    A target that moved ("to $180 from $185") is news; one reiterated is not: moves go first.
    """
    per_metric: Counter[tuple[str, bool]] = Counter()
    targets = 0
    kept = []
    for i in sorted(shown, key=lambda i: rows[i].found.section == "targets" and not rows[i].found.change):
        f = rows[i].found
        if f.section == "targets":
            targets += 1
            if targets > _TARGETS:
                continue
        else:
            key = (f.metric, f.section == "results" and f.kind in _FORWARD)
            per_metric[key] += 1
            if per_metric[key] > _PER_METRIC:
                continue
        kept.append(i)
    return kept


def _metric_order(extra: Mapping | None) -> dict[str, int]:
    """Return each metric's place in the vocabulary: within a section, rows follow the vocabulary's order."""
    table = extra if extra is not None else _base_vocabulary()
    order: dict[str, int] = {}
    for names in table.values():
        if isinstance(names, Mapping):
            for name in names:
                order.setdefault(name, len(order))
    return order
