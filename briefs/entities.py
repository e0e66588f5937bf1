"""Who and what the brief's sentences mention: people, companies, products and places, counted.

Stdlib heuristics, documented in docs/content.md: capitalised runs are names (with a lower-case
prefix kept, so iPhone, iPad, eBay and xAI stay whole); variants of one name are merged (a
possessive, a company suffix, a surname used alone, a ticker given beside the name); the subject
and its aliases are left out; publishers and wire services are sources, not entities. Places come
from pycountry's gazetteer (already installed with sumy), the other kinds from the words around
a name.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache, partial
from itertools import islice

from . import language
from .model import Entity, Sentence

# "(NASDAQ: NVDA)", "(Symbol: SIVB)": what stands before a ticker in parentheses.
_EXCHANGES = r"NASDAQ|Nasdaq|NYSE|NYSEARCA|NYSEAMERICAN|AMEX|LSE|TSX|OTC|ASX|HKEX|XETRA|TSE|BATS|CBOE|Symbol|Ticker"
# "Globex Corp. (NASDAQ: GLBX)": a ticker beside the name it belongs to.
_TICKER = re.compile(rf"\((?:{_EXCHANGES})\s?:\s?([A-Z][A-Z.]{{0,5}})\)")
_TICKER_AFTER_NAME = re.compile(rf"([A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){{0,4}})\s*\((?:{_EXCHANGES})\s?:\s?([A-Z][A-Z.]{{0,5}})\)")
# A capitalised run; a one- or two-letter lower-case prefix keeps iPhone, iPad, eBay and xAI whole.
_SPAN = re.compile(r"(?<![\w@#/.])(?:[a-z]{1,2}(?=[A-Z]))?[A-Z][\w&.'’-]*[\w&](?:['’]s)?"
                   r"(?:\s+(?:of\s+|de\s+|&\s+)?(?:(?:[a-z]{1,2}(?=[A-Z]))?[A-Z][\w&.'’-]*[\w&](?:['’]s)?|[A-Z]\b|\d[\w]*\b(?!\.\d)))*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_POSSESSIVE = re.compile(r"['’]s\b")
_INITIAL = re.compile(r"[A-Z]\.?")
_JOINERS = frozenset({"of", "de", "&"})
# Company suffixes: "Globex Inc." and "Globex" are one company.
_SUFFIXES = {"inc", "corp", "corporation", "ltd", "llc", "plc", "co", "company", "holdings", "group", "sa", "ag", "nv"}
# "Shares of Globex", "CEO of Initech": the head before "of" is not part of the name.
_OF_HEADS = {"shares", "stock", "stocks", "units", "customers", "users", "rest", "most", "some", "head", "chief",
             "ceo", "cfo", "president", "chairman", "founder", "owner", "parent", "rival", "investors"}
# Stop words that begin names: "First Republic Bank", "New York Times", "General Motors".
_NAME_WORDS = {"first", "second", "third", "new", "general", "great", "united", "national", "one", "home"}
# Legal forms left off a shown name.
_LEGAL_FORMS = {"inc", "corp", "ltd", "llc", "plc", "co", "sa", "ag", "nv"}
# Words whose presence in a name makes it a company.
_COMPANY_WORDS = {"labs", "lab", "bank", "capital", "partners", "technologies", "technology", "systems", "ventures",
                  "securities", "platforms", "motors", "electronics", "pharmaceuticals", "semiconductor", "energy",
                  "financial", "airlines", "therapeutics", "software", "networks", "devices", "industries"}
# Verbs and greetings only people take: a single name beside one is a person's.
_SPOKEN_BY = re.compile(r"^\s*(?:mentioned|noted|explained|pointed out|highlighted|asked|answered)\b", re.I)
_THANKED = re.compile(r"\b(?:thanks|thank you|hi|hello)\s*,?\s*$", re.I)
# Head words of institutions: a name holding one is not a person ("Federal Reserve said").
_ORG_WORDS = {"reserve", "bank", "commission", "department", "agency", "administration", "court", "congress", "senate",
              "house", "association", "exchange", "fund", "authority", "board", "council", "ministry", "office",
              "institute", "university", "committee", "union", "party", "group", "financial", "street", "index",
              "insurance", "trust", "federal", "national", "international", "global", "research", "capital"}
# Titles and verbs of speech beside a name that make it a person's ("CEO Jane Roe", "Roe said").
_PERSON_WORDS = ("ceo cfo coo cto chief founder co-founder executive president chairman chairwoman scientist analyst "
                 "director head boss officer mr ms mrs dr said says told wrote investor billionaire secretary minister "
                 "senator").split() + ["according to"]


def _alternatives(words: Iterable[str]) -> str:
    """Return a regex matching any of the words, alternatives sharing a prefix grouped under it ("c(?:eo|fo|hief)")."""
    # A flat alternation makes the regex engine try every word at every position; grouped, it tries
    # the few that share the letters read so far. Whether and where the pattern matches is the same.
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def grouped(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + grouped(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body

    return grouped(tree)


_PERSON_CUES = re.compile(r"\b(?:" + _alternatives(_PERSON_WORDS) + r")\b", re.I)
_COMPANY_CUES = re.compile(r"^\s*(?:['’]s\s+)?(?:shares|stock|Inc|Corp|Ltd|said|says|reported|announced|fell|rose|"
                           r"jumped|dropped|shareholders|investors)\b|shares of\s*$|\bstake in\s*$|"
                           r"\bacquired\s*$|\bacquire\s*$", re.I)
_PRODUCT_CUES = re.compile(r"\b(?:launch(?:ed|es)?|unveil(?:ed|s)?|releas(?:ed|es)|introduc(?:ed|es)|the new|"
                           r"debut(?:ed|s)?)\s+(?:of\s+)?(?:the\s+|its\s+|a\s+)?$", re.I)
_CALENDAR = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue",
             "wed", "thu", "fri", "sat", "sun"}
# "Chinese officials", "European rivals": a nationality adjective before a lower-case noun is not a name.
_DEMONYM = re.compile(r"(?:ese|ian|ean|ish|can|ch)$")
# GPUs, EVs: plural acronyms of the trade.
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
# Attribution patterns that name a news source: "according to Reuters", "(Bloomberg) --", "told CNBC".
_NAME_RUN = r"((?:The\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})"
_ATTRIBUTION = [
    re.compile(rf"\baccording to (?:a |an )?(?:report (?:by|from|in) |data (?:from|by) )?{_NAME_RUN}"),
    re.compile(rf"^\s*\(?{_NAME_RUN}\)\s*(?:--|—|–)"),
    re.compile(rf"\b(?:told|to|in an interview with|reported by|reports?|wrote in) {_NAME_RUN}\s*(?:on|in|that|,|\.)"),
    re.compile(rf"{_NAME_RUN} (?:reported|reports|first reported|has reported|previously reported)\b"),
]
# An attribution's cue words: a sentence holding none of them is not searched with `_ATTRIBUTION`.
_ATTRIBUTION_CUES = ("according", "--", "—", "–", "told", "report", "interview", "wrote")
_REGIONS = {"europe", "asia", "africa", "latin america", "north america", "south america", "middle east",
            "asia-pacific", "silicon valley", "wall street", "u.s", "u.s.", "us", "uk", "u.k.", "eu", "usa", "america"}
# Subdivisions (states, provinces) of these countries count as places; elsewhere they collide with
# ordinary words and company names too often (Colombia has a department called Meta).
_SUBDIVISION_COUNTRIES = {"US", "CA", "AU", "IN", "DE", "MX", "BR", "CN"}


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Return lower-case country, state and region names: the gazetteer that tells a place."""
    return frozenset(_REGIONS) | frozenset(_country_by_place())


# The week's lower-case vocabulary is read from at most this many sentences: enough to know
# "data" or "gaming" as ordinary words, and bounded for a corpus of thousands of articles.
VOCABULARY_SENTENCES = 20000
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]+")


def lowercase_words(sentences: Iterable[Sentence]) -> frozenset[str]:
    """Return the words the sentences write in lower case: ordinary words, whatever their case elsewhere."""
    return frozenset().union(*(_lower_words(s.text) for s in islice(sentences, VOCABULARY_SENTENCES)))


@lru_cache(maxsize=20_000)  # a build asks for the week's words three times, a portfolio once per subject of a text
def _lower_words(text: str) -> tuple[str, ...]:
    """Return the words one text writes in lower case, each once."""
    # A tuple of interned words: a fifth of a frozenset's memory, with 20,000 texts kept.
    return tuple(map(sys.intern, set(_LOWER_WORD.findall(text))))


_DOT_COM = re.compile(r"\.com\b")


@lru_cache(maxsize=65536)  # names recur across a week's mentions and stages; bounded for long-lived workers
def _bare(name: str) -> str:
    """Return a name's comparable form: lower case, no "The", no ".com", no company suffix."""
    words = _DOT_COM.sub("", name.lower()).replace(".", " ").split()
    while words and words[0] == "the":
        words.pop(0)
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return " ".join(words)


def sources_named(sentences: Iterable[Sentence], publishers: Iterable[str] = ()) -> set[str]:
    """Return the comparable names of publishers and wire services: the brief's, and those text attributes to."""
    return _publisher_names(publishers).union(*(_attributed(s.text) for s in sentences))


def _publisher_names(publishers: Iterable[str]) -> set[str]:
    """Return the comparable names of the publishers (each part of "Reuters (Thomson)" and the like)."""
    return {_bare(part) for publisher in publishers for part in re.split(r"[()/|,]", publisher) if _bare(part)}


def _attributed(text: str) -> tuple[str, ...]:
    """Return the comparable names of the news sources a sentence attributes something to ("according to Reuters")."""
    if not any(map(text.__contains__, _ATTRIBUTION_CUES)):  # substring tests: faster than one regex
        return ()
    names = []
    for pattern in _ATTRIBUTION:
        for match in pattern.finditer(text):
            name = _bare(match.group(1))
            if name and name not in _CALENDAR and name not in language.stop_words():
                names.append(name)
    return tuple(names)


def _source_index(sources: set[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Return the sources' comparable names and the whole-word starts of the longer ones, for `_is_source`.

    Indexed so each name costs a few set lookups, not a pass over every source (thousands of
    names against hundreds of sources at 10,000 articles).
    """
    names = frozenset(s for s in sources if s)
    heads = frozenset(" ".join(words[:k]) for words in (s.split(" ") for s in names) for k in range(1, len(words)))
    return names, heads


def _is_source(name: str, index: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Return True when the name is a source's, or it and a source's name start one another at a word ("Reuters Breakingviews")."""
    names, heads = index
    bare = _bare(name)
    if not bare:
        return False
    words = bare.split(" ")
    return bare in names or bare in heads or any(" ".join(words[:k]) in names for k in range(1, len(words)))


def _opens_sentence(text: str, start: int) -> bool:
    """Return True when a name at `start` opens a sentence: the text before it ends with a stop or a colon,
    spaces and perhaps an opening quote (or is empty).

    What the regex `[.!?:]\\s*["“]?$` finds in text[:start] (`$` also matches before a final
    newline), read backwards from `start` instead of searched from the sentence's first character.
    """
    return start == 0 or _after_stop(text, start) or (text[start - 1] == "\n" and _after_stop(text, start - 1))


def _after_stop(text: str, end: int) -> bool:
    i = end
    if i > 0 and text[i - 1] in "\"“":
        i -= 1
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i > 0 and text[i - 1] in ".!?:"


_LEGAL_NAME = re.compile(r"\b(?:Inc|Corp|Corporation|Ltd|LLC|plc|Co)\b")
# A participle or adverb ("Rising", "Separately"): a capitalised first word that is not a name.
_VERB_FORM = re.compile(r"(?:ing|ly|ed)$")
_HYPHENATED = re.compile(r"-[a-z]")
_LOWER_NEXT = re.compile(r"\s+[a-z]")


_UNREAD = object()  # a run not read yet (a run read may name nothing: None)


def _spans(text: str, lowercase: frozenset[str] = frozenset(), sentence_start: bool = True,
           read: dict | None = None) -> list[tuple[str, int, int]]:
    """Return (name, start, end) for each capitalised run that can be a name.

    `lowercase` holds words the week's text writes in lower case: a capitalised one alone
    ("Stocks" in a headline) is an ordinary word, not a name. `read`: the runs already read with
    this vocabulary (filled in here).
    """
    read = {} if read is None else read
    spans = []
    for run, first, start, end in _runs(text, sentence_start):
        found = read.get((run, first), _UNREAD)
        if found is _UNREAD:
            found = read[run, first] = _RUN_NAMES.get((run, first), lowercase)
        if found is None:
            continue
        name, head, demonym = found
        if demonym and _LOWER_NEXT.match(text, end):
            continue  # "Chinese officials": a nationality before a lower-case noun
        # The name's own start: "CEO Mark Zuckerberg" keeps "CEO" in the text before the name.
        spans.append((name, start + max(0, run.find(head)), end))
    return spans


@lru_cache(maxsize=20_000)  # a sentence's runs, read again for each subject of a portfolio whose week quotes it
def _runs(text: str, sentence_start: bool = True) -> tuple[tuple[str, bool, int, int], ...]:
    """Return (run, whether it opens a sentence, start, end) for each capitalised run: what `_spans` reads, whatever the vocabulary."""
    return tuple((match.group(0), sentence_start and _opens_sentence(text, match.start()), match.start(), match.end())
                 for match in _SPAN.finditer(text))


class _Asked:
    """A vocabulary that records what is asked of it: each word looked up (None: whether it is empty) and the answer."""

    def __init__(self, words) -> None:
        self.words = words
        self.asked: list[tuple[str | None, bool]] = []

    def __contains__(self, word: str) -> bool:
        answer = word in self.words
        self.asked.append((word, answer))
        return answer

    def __bool__(self) -> bool:
        answer = bool(self.words)
        self.asked.append((None, answer))
        return answer


def _answer(words, word: str | None) -> bool:
    return bool(words) if word is None else word in words


class _ByVocabulary:
    """A bounded cache of `compute(key, vocabulary)`, for a function that reads the vocabulary only by
    looking words up in it (and asking whether it is empty).

    Each key keeps a decision tree of the lookups its computations made: a result is reused for
    any vocabulary that answers them alike, so subjects of a portfolio (each with its own week's
    vocabulary) share the readings of the names they have in common. Exact: a computation given
    the same answers asks the same words and returns the same result.
    """

    def __init__(self, compute: Callable, keys: int, leaves: int = 16) -> None:
        self.compute = compute
        self.keys = keys      # texts or runs kept; the oldest goes first
        self.leaves = leaves  # vocabularies answering differently that one key keeps apart
        self.trees: dict = {}  # key -> [leaf count, node]; node: ("=", value) or (word, {answer: node})

    def get(self, key, vocabulary):
        """Return compute(key, vocabulary), from a computation made for a vocabulary answering alike if any."""
        tree = self.trees.get(key)
        node, branches, answer = (tree[1] if tree else None), None, False
        while node is not None:
            if node[0] == "=":
                return node[1]
            answer = _answer(vocabulary, node[0])
            branches = node[1]
            node = branches.get(answer)
        asked = _Asked(vocabulary)
        value = self.compute(key, asked)
        chain: tuple = ("=", value)
        seen = set()
        for word, said in reversed([(w, a) for w, a in asked.asked if not (w in seen or seen.add(w))]):
            chain = (word, {said: chain})
        if branches is None or tree[0] >= self.leaves:
            if len(self.trees) >= self.keys and key not in self.trees:
                del self.trees[next(iter(self.trees))]
            self.trees[key] = [1, chain]
        else:
            # The lookup fell off at this branch: the rest of this computation's lookups hang from it.
            branches[answer] = chain
            tree[0] += 1
        return value


def _run_name(run: str, first: bool, lowercase: frozenset[str]) -> tuple[str, str, bool] | None:
    """Return (name, its first word, whether it could be a nationality) of a capitalised run, or None if it names nothing.

    `first`: the run opens a sentence.
    """
    stops = language.stop_words()
    words = _POSSESSIVE.sub("", run).split()
    while words and ((words[0].lower() in stops and words[0].lower() not in _NAME_WORDS) or words[0].lower() in _CALENDAR
                     or (first and len(words) > 1 and _VERB_FORM.search(words[0]))):
        words.pop(0)
    if len(words) > 2 and words[1].lower() in _JOINERS and (words[0].lower() in lowercase or
                                                             words[0].lower() in _OF_HEADS) and \
            words[0].lower() not in _COMPANY_WORDS:
        words = words[2:]  # "Shares of Acme" is Acme; "Bank of America" stays whole
    while words and (words[-1].lower() in _JOINERS or _YEAR.fullmatch(words[-1])
                     or (len(words) > 1 and words[-1].lower().rstrip(".") in _LEGAL_FORMS)):
        words.pop()  # "Globex Inc." is shown as Globex
    if not words:
        return None
    if len(words) == 1 and first and not words[0].isupper() and not words[0][:1].islower() and (
            not lowercase or words[0].lower() in lowercase or _VERB_FORM.search(words[0])
            or "-" in words[0] and _HYPHENATED.search(words[0])):
        return None  # a capitalised first word is usually just the start of the sentence
    while len(words) > 1 and _PERSON_CUES.fullmatch(words[0]):
        words.pop(0)  # "CEO Mark Zuckerberg" is Mark Zuckerberg
    name = " ".join(words).rstrip(".")
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 3:
        return None  # AI, CEO, VR, US: acronyms of the trade, not names
    if "." in name and name.replace(".", "").isupper() and len(name) <= 5:
        return None
    if len(name) < 2 or name.lower() in _CALENDAR or _INITIAL.fullmatch(name) or name.isdigit():
        return None
    if len(words) == 1 and (name.lower() in stops or name.lower() in lowercase or name.lower() + "s" in lowercase
                            or _PLURAL_ACRONYM.fullmatch(name)):
        return None
    return name, words[0], len(words) == 1 and _DEMONYM.search(name) is not None


def _read_run(key: tuple[str, bool], lowercase) -> tuple[str, str, bool] | None:
    return _run_name(*key, lowercase)


# A week's distinct capitalised runs, and more: the same names recur in every subject's week.
_RUN_NAMES = _ByVocabulary(_read_run, keys=50_000)


def _kind(name: str, contexts: list[tuple[str, int, int]], people: set[str], companies: set[str]) -> str:
    """Return person, company, product, place or organization, from the name and its mentions' contexts."""
    low = name.lower()
    words = name.split()
    if name in companies or _bare(name) != low.replace(".", " ").strip() or any(w.lower() in _COMPANY_WORDS for w in words):
        return "company"
    if low in places():
        return "place"
    if any(w.lower() in _ORG_WORDS for w in words) and not any(w.lower() in _COMPANY_WORDS for w in words):
        return "organization"  # Federal Reserve, Census Bureau: an institution
    if name in people:
        return "person"
    if "&" in name:
        return "organization" if not _COMPANY_CUES.search(" ".join(c[0][c[2]:c[2] + 30] for c in contexts[:1])) else "company"
    if any(ch.isdigit() for ch in name) or (re.match(r"[a-z]{1,2}[A-Z]", name) and len(words) > 1) or (
            len(words) > 1 and any(len(w) == 1 and w.isupper() for w in words[1:])):
        return "product"
    votes = Counter()
    for text, start, end in contexts:
        before, after = text[max(0, start - 40):start], text[end:end + 40]
        if 2 <= len(words) <= 3 and all(w[:1].isupper() and not w.isupper() for w in words) and (
                _PERSON_CUES.search(before) or _PERSON_CUES.search(after)):
            votes["person"] += 1
        elif _SPOKEN_BY.search(after) or _THANKED.search(before):
            votes["person"] += 1  # "as Allan mentioned", "thanks, Cynthia": only people do that
        elif _COMPANY_CUES.search(after) or _COMPANY_CUES.search(before):
            votes["company"] += 1
        elif _PRODUCT_CUES.search(before):
            votes["product"] += 1
    if votes:
        return votes.most_common(1)[0][0]
    if re.match(r"[a-z]{1,2}[A-Z]", name):
        return "product"  # iPhone, iPad: a lower-case prefix names a product more often than a firm
    return "organization"


def name_search(sentences: list[Sentence], lowercase: frozenset[str] | None = None,
                ) -> tuple[Callable[[list[str]], list], list[str]]:
    """Return `entities`' reading of every sentence as work and its items, for a caller to run (ahead, elsewhere).

    The work depends only on its items (it may run in pieces, in other processes) and gives one
    result per item; what it returns for all of them is `entities`' `found`. `lowercase`:
    `lowercase_words(sentences)`, when the caller has it.
    """
    lowercase = lowercase_words(sentences) if lowercase is None else lowercase
    return partial(_names_in, lowercase=lowercase), [s.text for s in sentences]


def name_words(found: list) -> Counter[str]:
    """Return how often each word of the names `name_search`'s work found occurs ("Acme", "Roe" of "Jane Roe")."""
    return Counter(word for item in found for name, *_ in item[3] for word in name.split())


def entities(sentences: list[Sentence], limit: int = 15, exclude: list[str] | None = None,
             publishers: Iterable[str] = (), found: list | None = None,
             counted: Sequence[bool] | None = None) -> list[Entity]:
    """Return the people, companies, products, places and organizations the sentences mention, most frequent first.

    Variants of one name are counted together; the subject (`exclude`) and news sources are left out.
    `found`: `name_search(sentences)`'s work done on its items, when the caller ran it. `counted`:
    which sentences' mentions count (all by default); every sentence still tells what a name is
    (a ticker beside it, a legal form, a role, a news source).
    """
    skip = {_bare(e) for e in (exclude or []) if e}
    texts = [s.text for s in sentences]
    if found is None:
        work, texts = name_search(sentences)
        found = work(texts)
    subject_words = [e.lower().split() for e in sorted(exclude or [], key=len, reverse=True) if e]
    source_names = _publisher_names(publishers)  # and below, those the sentences attribute to (`sources_named`)
    counts: Counter[str] = Counter()
    cued: set[str] = set()  # names some mention of which stands beside a role or a speech verb
    ticker_of: dict[str, str] = {}
    companies: set[str] = set()
    parts_of: dict[str, list[str]] = {}  # a name -> its parts once the subject is taken out (names recur)
    for index, (_, named_tickers, tickers, spans, attributed) in enumerate(found):
        source_names.update(attributed)
        for ticker, name in named_tickers:
            ticker_of[ticker] = name
            companies.add(name)
        count = 1 if counted is None or counted[index] else 0
        for ticker in tickers:
            counts[ticker] += count
        for name, _, _, legal, beside_role in spans:
            parts = parts_of.get(name)
            if parts is None:
                parts = parts_of[name] = _without(name, subject_words)
            for part in parts:
                if legal:
                    companies.add(part)
                if beside_role:
                    cued.add(part)
                counts[part] += count
    sources = _source_index(source_names)
    person_like = _person_like(counts, cued, skip)
    merged = _merge(counts, ticker_of, person_like)
    people = _people(merged) | {n for n in merged if n in person_like}
    result: Counter[str] = Counter()
    for name, variants in merged.items():
        if _bare(name) in skip or any(_bare(v) in skip for v in variants) or _is_source(name, sources):
            continue
        total = sum(counts[v] for v in variants)
        if total:  # named only where mentions do not count (`counted`)
            result[name] = total
    ranked = sorted(result.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
    # Only the listed names' kinds are judged, so only their variants' mentions are gathered.
    contexts = _contexts(texts, found, {v for name, _ in ranked for v in merged[name]}, parts_of)
    kinds = {}
    for name, _ in ranked:
        mentions = [c for v in merged[name] for c in contexts.get(v, [])]
        tickers = [v for v in merged[name] if v in ticker_of]
        kinds[name] = "company" if tickers else _kind(name, mentions, people, companies)
    return [Entity(name=n, kind=kinds[n], count=c) for n, c in ranked]


def _contexts(texts: list[str], found: list, wanted: set[str], parts_of: dict[str, list[str]],
              ) -> dict[str, list[tuple[str, int, int]]]:
    """Return each wanted name's mentions as (text, start, end), in the order the sentences write them
    (a ticker's: its sentence, 0, 0); `found` and `parts_of` as `entities` reads them."""
    named = {name for name, parts in parts_of.items() if not wanted.isdisjoint(parts)}
    contexts: dict[str, list[tuple[str, int, int]]] = {}
    for original, (text, _, tickers, spans, _) in zip(texts, found):
        for ticker in tickers:
            if ticker in wanted:
                contexts.setdefault(ticker, []).append((original, 0, 0))
        for name, start, end, _, _ in spans:
            if name in named:
                for part in parts_of[name]:
                    if part in wanted:
                        contexts.setdefault(part, []).append((original if text is None else text, start, end))
    return contexts


def _names_in(texts: list[str], lowercase: frozenset[str]) -> list[tuple[str | None, tuple, tuple, tuple, tuple]]:
    """Return what each sentence names: (its text with tickers blanked, None if it has none; (ticker,
    name) pairs it writes as "Name (TICKER)"; its tickers; (name, start, end, has a legal form,
    `_beside_role`) per name in the blanked text; the news sources it attributes to (`_attributed`)):
    the work `name_search` gives."""
    read: dict = {}  # the runs read so far: one vocabulary throughout this call, so a run is read once
    return [_read_names(text, lowercase, read) for text in texts]


def _read_names(text: str, lowercase, read: dict) -> tuple[str | None, tuple, tuple, tuple, tuple]:
    """Return what one sentence names (see `_names_in`); `read` as for `_spans`."""
    shown, beside_tickers, tickers, attributed = _tickers_and_sources(text)
    named_tickers = []
    for ticker, before in beside_tickers:
        names = _spans(before, lowercase, sentence_start=False, read=read)
        if names:
            named_tickers.append((ticker, names[-1][0]))
    text = text if shown is None else shown
    # Only a name of several words can leave a part of two or three that `_person_like` reads.
    return (shown, tuple(named_tickers), tickers,
            tuple((name, start, end, _LEGAL_NAME.search(text[start:end]) is not None,
                   " " in name and _beside_role(text, start, end))
                  for name, start, end in _spans(text, lowercase, read=read)),
            attributed)


@lru_cache(maxsize=20_000)  # read again for each subject of a portfolio whose week quotes the sentence
def _tickers_and_sources(text: str) -> tuple[str | None, tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...]]:
    """Return what a sentence holds whatever the vocabulary: its text with tickers blanked (None if it
    has none), (ticker, the capitalised run before it) for each "Name (TICKER)", its tickers, and the
    news sources it attributes to (`_attributed`)."""
    if "(" not in text:  # exact: every ticker pattern holds a parenthesis
        return None, (), (), _attributed(text)
    beside = tuple((match.group(2), match.group(1)) for match in _TICKER_AFTER_NAME.finditer(text))
    return _TICKER.sub(" ", text), beside, tuple(_TICKER.findall(text)), _attributed(text)


def _beside_role(text: str, start: int, end: int) -> bool:
    """Return True when a role or a speech verb stands within 30 characters of the name at text[start:end]."""
    return bool(_PERSON_CUES.search(text[max(0, start - 30):start]) or _PERSON_CUES.search(text[end:end + 30]))


def _person_like(names: Iterable[str], cued: set[str], skip: set[str]) -> set[str]:
    """Return the two- and three-word names among `names` that some mention puts beside a role or a speech verb (`cued`)."""
    people = set()
    for name in names:
        if name not in cued:
            continue
        words = name.split()
        if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and not w.isupper() for w in words):
            continue
        if any(w.lower() in places() or _bare(w) in skip or w.lower() in _ORG_WORDS for w in words) \
                or words[-1].lower() in _COMPANY_WORDS or "&" in name:
            continue
        people.add(name)
    return people


def _merge(counts: Counter[str], ticker_of: dict[str, str], people: set[str]) -> dict[str, list[str]]:
    """Return each shown name with the variants counted under it (itself included)."""
    canonical: dict[str, str] = {}
    by_bare: dict[str, str] = {}
    by_count = sorted(counts, key=lambda n: (-counts[n], n))  # most mentioned first
    for name in by_count:
        bare = _bare(name)
        if bare in by_bare:
            canonical[name] = by_bare[bare]  # "Globex Inc" and "Globex"; the commoner form is shown
        else:
            by_bare[bare] = name
            canonical[name] = name
    # A surname used alone is the person whose full name ends with it ("Zuckerberg", "Mark
    # Zuckerberg"); a company's first word alone is the company ("Globex", "Globex Bank").
    # Several candidates: the most mentioned.
    full = [n for n in by_count if canonical[n] == n and 2 <= len(n.split()) <= 4
            and all(w[:1].isupper() and not w.isupper() for w in n.split() if w.lower() not in _JOINERS)]
    # Indexed by last and first word: one lookup per name, not a pass over every full name.
    by_last: dict[str, str] = {}
    by_first: dict[str, str] = {}
    rank = {f: i for i, f in enumerate(full)}
    for f in full:  # most mentioned first: the first candidate kept is the one shown
        words = f.split()
        if f in people:
            by_last.setdefault(words[-1], f)
        if _looks_corporate(f):
            by_first.setdefault(words[0], f)
    for name in counts:
        if canonical[name] != name or " " in name or name.lower() in places():
            continue
        candidates = [f for f in (by_last.get(name), by_first.get(name)) if f]
        if candidates:
            canonical[name] = min(candidates, key=rank.__getitem__)
    # An acronym of a name is that name: "FDIC" is the Federal Deposit Insurance Corporation.
    initials = {"".join(w[0] for w in n.split() if w.lower() not in _JOINERS | {"and", "the"}): n
                for n in full if len(n.split()) >= 3}
    for name in counts:
        if canonical[name] == name and name.isupper() and name in initials:
            canonical[name] = initials[name]
    for ticker, name in ticker_of.items():
        target = canonical.get(name, name)
        if ticker in counts:
            canonical[ticker] = canonical.get(target, target)
        canonical.setdefault(name, name)
    merged: dict[str, list[str]] = {}
    for name in counts:
        root = canonical.get(name, name)
        while canonical.get(root, root) != root:
            root = canonical[root]
        merged.setdefault(root, []).append(name)
    for root in list(merged):
        if root not in counts:
            merged[root] = merged[root]
    return merged


def _without(name: str, subject_words: list[list[str]]) -> list[str]:
    """Return the name, or the parts of it left when the subject's name is taken out ("Acme Model K" → "Model K").

    `subject_words`: each of the subject's names split into lower-case words, longest name first.
    """
    words = name.split()
    lowered = [w.lower() for w in words]
    for target in subject_words:
        n = len(target)
        if len(words) <= n or (n and target[0] not in lowered):
            continue  # exact: a match needs more words than the target, and starts with its first
        for i in range(len(words) - n + 1):
            if lowered[i:i + n] == target:
                parts = [" ".join(words[:i]), " ".join(words[i + n:])]
                # What is left may be the rest of the subject's own name ("ACB" + "Financial"): dropped.
                inside = {w for t in subject_words for w in t} | _SUFFIXES
                return [p for p in parts if p and (len(p) > 3 or p.isupper()) and p.lower() not in _JOINERS
                        and not all(w.lower() in inside for w in p.split())]
    return [name]


def _looks_corporate(name: str) -> bool:
    return name.split()[-1].lower() in _COMPANY_WORDS | _SUFFIXES


def _people(merged: dict[str, list[str]]) -> set[str]:
    """Return names that are people: a full name whose surname is also used alone, or one beside a role."""
    people = set()
    for name, variants in merged.items():
        if len(variants) > 1 and any(" " not in v and name.endswith(" " + v) for v in variants):
            people.add(name)
    return people


@lru_cache(maxsize=1)
def _country_by_place() -> dict[str, str]:
    """Return each lower-case country or state name of `places` (regions aside) -> its country's code."""
    import pycountry

    found: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name:
                found[name.lower()] = country.alpha_2
    for division in pycountry.subdivisions:
        if division.country_code in _SUBDIVISION_COUNTRIES:
            found.setdefault(re.sub(r"\s+(?:Shi|Sheng|Zizhiqu)$", "", division.name).lower(), division.country_code)
    return found


_PLACE_RUN = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}\b")


def countries(text: str) -> frozenset[str]:
    """Return the codes of the countries a text names, by the country or one of its states ("Lagos" -> NG)."""
    table = _country_by_place()
    found = set()
    for run in _PLACE_RUN.findall(text):
        words = run.split()
        # The longest stretches of the capitalised run first: "Lagos Thursday" holds "Lagos",
        # "New Mexico" is a state, not Mexico.
        start = 0
        while start < len(words):
            for size in range(len(words) - start, 0, -1):
                code = table.get(" ".join(words[start:start + size]).lower())
                if code:
                    found.add(code)
                    break
            start += size
    return frozenset(found)
