"""Attribution: whom each sentence of an article is about, for one subject.

Cleaning splits in two. `clean.prepare(article)` judges noise without knowing the subject, so
an article is cleaned once however many subjects read it; `attribute(prepared, subject)` then
decides, for one subject, which stories and sentences concern it and, for every kept sentence,
whom it is about: "" for the subject, else the name of the other company in focus.

The company in focus is followed through the article. The article is the subject's when its
headline names it or its prose often does (CENTRAL_SHARE); otherwise only the sentences that
name the subject are about it. A section heading naming a company sets its section's; each paragraph starts in its
section's focus (or, opening by pointing back, "The move …", in the focus of the paragraph before
when that one opened on another company), and a sentence that names a company (by name, alias, ticker in its usual
forms, or related term for the subject) moves the focus to that company for the rest of the
paragraph; a sentence naming no company inherits the focus where it stands. So a market wrap
that names the subject in one paragraph lends the subject that paragraph only. Other companies are recognised by general cues only: a ticker
with its exchange (`(NASDAQ: AMD)`, `NYSE:BAC`), a cashtag (`$AMD`), a quote with its price move
(`AMD-2.1%`), a Reuters code (`AMD.O`), a corporate suffix (`Acme Inc.`), the headline setting
it against the subject (`Acme vs. Globex`), or a sentence it opens by posting a result ("Globex
posted a loss"); a name learned from one of these in an article is then
recognised alone elsewhere in that article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache
from itertools import islice

from . import language
from .clean import (CAPITAL_STOP, CENTRAL_SHARE, ArticleClean, Prepared, PreparedStory, first_mention, mentions,
                    normalize, story_noise, subject_names)
from .config import Subject
from .entities import VOCABULARY_SENTENCES
from .kinds import is_market_wrap, market_line
from .model import Drop, Sentence
from .vocabulary import word_runs

# A sentence, or the article in focus, about no named company in particular but not the subject.
OTHERS = "others"

# "(NASDAQ: AMD)", "(NYSE:BAC)", "NASDAQ:NVDA", "(Symbol: FRC)": a listed company's ticker.
# "(CRYPTO: BTC)" and "(NASDAQINDEX: ^IXIC)" mark a crypto asset and an index the same way: not the subject.
_EXCHANGE = re.compile(r"\(?\b(?:NASDAQ|Nasdaq|NYSE|NYSEARCA|NYSEAMERICAN|AMEX|OTC|OTCMKTS|TSX|LSE|HKEX|Symbol|Ticker|"
                       r"CRYPTO|[A-Z]*INDEX|[A-Z]*INDICES)\s?:\s?\^?([A-Z][A-Z.]{0,6})\b\)?")
# "$AMD" and "AMD.O", "ENGH.TO" (Reuters and Yahoo exchange suffixes): tickers as traders write them.
_CASHTAG = re.compile(r"(?<![\w$])\$([A-Z]{1,5})\b")
_REUTERS = re.compile(r"\b([A-Z]{1,5})\.(O|N|OQ|K|L|T|HK|DE|PA|TO|AX|NS|BO|SS|SZ|KS|TW|AS|MI|SW|ST|CO|OL|MC)\b")
# "Broadcom (AVGO)": a name and an all-capitals code in parentheses. The code is a ticker unless
# it spells initials of the name's words ("Federal Deposit Insurance Corp. (FDIC)": an acronym; a
# company whose ticker is its initials, "Acme Robotics (AR)", is missed rather than an agency taken).
_PAREN_CODE = re.compile(r"(?<=[\w.&’'])\s?\(([A-Z]{2,5})\)")
# The words before such a code that may be the name it abbreviates.
_WORDS_BEFORE = re.compile(r"((?:[A-Z][\w&'’.-]*|of|and|for|the|&)(?:\s+(?:[A-Z][\w&'’.-]*|of|and|for|the|&)){0,6})\s*$")
_SMALL_WORDS = frozenset("of and for the &".split())

# The drop reason of a headline shaped as a pitch ("3 Stocks to Buy Now"): the brief does not cite it,
# but the article's kind is read from it (build).
PROMOTIONAL_TITLE = "promotional title"


def _is_acronym(name: str, code: str) -> bool:
    """Return True when `code` spells the initials of a run of the name's words, small words skipped or not."""
    words = [w for part in name.split() for w in part.split("-") if w]
    for kept in (words, [w for w in words if w.lower() not in _SMALL_WORDS]):
        initials = "".join(w[0].upper() for w in kept)
        if code in initials:
            return True
    return False


# "Globex CEO Jane Doe", "Globex's chief executive, Jane Doe": whoever has a chief executive is a company.
_HAS_OFFICER = re.compile(r"\b([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}?)(?:['’]s)?\s+(?:CEO|CFO|chief executive|"
                          r"chief financial officer|co-founder|founder|chairman)\b,?\s+[A-Z]")
# Words before a title that describe the person, not the company ("Former CEO", "Interim CFO").
_TITLE_WORDS = frozenset("Former Interim Acting Incoming Outgoing Deputy Senior Then Longtime Current New Co".split())
# "shares of Globex": whoever has shares is a company.
_SHARES_OF = re.compile(r"\b[Ss]hares of ([A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’-]*|of|&))*)")
# "Alphabet (GOOG -1.20%)", "(NVDA-2.88%)": a quote with its move, as finance sites print it.
_QUOTED_TICKER = re.compile(r"\(([A-Z]{1,5})\s?[-+−]?\s?\d+(?:\.\d+)?%\)")
# "Acme Inc.", "Acme Corp": the name a corporate suffix ends (not "Corporation", which agencies use too).
_SUFFIXED = re.compile(r"\b((?:[A-Z][\w&'’-]+\s+){1,4})(?:Inc|Corp|Ltd|plc|PLC|Holdings|Technologies|Platforms|N\.V|S\.A|AG|SE)\b\.?")
# A public body, which a corporate suffix or an officer's title may follow as it follows a company's
# name ("the Federal Savings Guaranty Corp.", "Rural Power Authority CEO Jane Roe"): a regulator or
# a state's agency acts on companies and is none. Only a ticker marks such a name as listed.
_PUBLIC_BODY = re.compile(r"^Federal\b|\b(?:Department|Ministry|Agency|Administration|Commission|Authority|Bureau|"
                          r"Council|Court|Parliament|Congress|Senate|Government|Central Bank)\b")
# The capitalised words right before a ticker: the company's name ("Bank of America (NYSE: BAC)").
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w&'’.-]*|of|and|&)(?:\s+(?:[A-Z][\w&'’.-]*|of|and|&))*)\s*$")
# "Acme vs. Globex", "Globex Versus Acme": two names set against each other in a headline.
_VERSUS = re.compile(r"([A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,2})\s+(?:vs\.?|[Vv]ersus)\s+"
                     r"([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,2})")
# "Globex, meanwhile, posted a loss", "Globex reported quarterly revenue of …": whoever opens a
# sentence by posting a result is a company (people and agencies post no revenue).
_POSTS_RESULT = re.compile(r"^([A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})(?:,[^,]{1,30},)?\s+(?:posted|reported|booked|"
                           r"recorded|swung to)\s+(?:an?\s+|its\s+)?(?:(?!that\b|how\b|what\b)[\w-]+\s+){0,2}?(?:loss|profit|revenues?|sales|"
                           r"earnings|net income)\b")
_RESULT_VERB = re.compile(r" (?:posted|reported|booked|recorded|swung to) ")  # what every such sentence holds
# "software giant Globex", "oil group Globex", "by rival Globex", "start-up companies Globex and
# Initech": a name a company noun describes is a company's, written plainly as general news
# writes it (no ticker, no suffix). The noun must have a word of its own before it ("the company
# Jane founded" describes no one), and firms that comment on others ("analyst firm", "law firm",
# "security firm") are left out: their lines are often about the subject.
_COMPANY_NOUN = ("giants?|firms?|group|compan(?:y|ies)|makers?|chipmakers?|carmakers?|automakers?|start-?ups?|"
                 "conglomerates?|retailers?|lenders?|insurers?|manufacturers?|suppliers?|operators?|providers?|"
                 "developers?|airlines?|publishers?|studios?|carriers?|rivals?|competitors?")
_DESCRIBED = re.compile(r"(?<![\w-])(" + _COMPANY_NOUN + r")\s+([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})"
                        r"(?:\s+and\s+([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3}))?")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w-]*)\s+$")
# "market leader Globex": a leader of a market is a company (a party's or a country's is not).
_LEADER = re.compile(r"\b(?:[Mm]arket|[Ii]ndustry|[Ss]ector)\s+leader\s+([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})")
# "Globex, a chipmaker based in …", "Globex is now the second biggest parcel carrier": a name set
# beside a company noun (the noun heading its phrase, not "a company director").
_APPOSED = re.compile(r"(?:^|(?<=[a-z] ))([A-Z][\w&'’-]*(?:\s+[A-Z][\w&'’-]*){0,3})(?:,\s+|\s+(?:is|was|has become|became|remains)\s+(?:now\s+|still\s+|also\s+)?)"
                      r"(?:a|an|the|one of the)\s+((?:[\w'’-]+\s+){0,5}?)(?:" + _COMPANY_NOUN + r")"
                      r"(?=[,.;:)]|$|\s+(?:that|which|who|whose|with|in|of|from|based|founded|owned|backed|and|to|this|"
                      r"last|on|for|at|by|since)\b)")
# What every match of the two holds, tested as plain substrings first (most sentences hold none).
_NOUN_WORDS = frozenset(
    f"{word}{end}" for word in "giant firm maker chipmaker carmaker automaker startup conglomerate retailer lender insurer "
    "manufacturer supplier operator provider developer airline publisher studio carrier rival competitor".split()
    for end in ("", "s")) | frozenset("group company companies start leader".split())  # "start-up" is "start", "up"
# The same nouns as a sentence's content stems (`Sentence.stems`, read already): the week's test.
_NOUN_STEMS = frozenset(language.content_stems(" ".join(sorted(_NOUN_WORDS)) + " start-up start-ups"))
# Words before the noun that make it describe no one in particular, or a firm that comments.
_NOT_DESCRIBING = frozenset("the a an this that these those its his her their our your my to of each every "
                            "any some another other same which whose what one no analyst analysts analysis "
                            "analytics research consultancy consulting advisory brokerage law legal security "
                            "anti-virus antivirus polling ratings rating data intelligence accounting audit "
                            "political investment industry trade lobby lobbying advocacy consumer pressure rights activist "
                            "campaign watchdog".split())
# The words "rival" and "competitor" follow as nouns ("by rival Globex", "its closest competitor
# Globex"); after other words they may be verbs ("a model that rivals Globex").
_BEFORE_RIVAL = frozenset("by from with against and or its their his her our main closest biggest key larger "
                          "smaller fellow chief arch longtime long-time nearest bigger younger older local domestic "
                          "foreign struggling".split())
# Words that open a person's name, not a company's ("rival Senator Jane Doe").
_PERSON_TITLES = frozenset("Mr Mrs Ms Dr Sir Dame Lord Lady President Chancellor Senator Governor Minister Prime "
                           "Judge Justice Rep Representative Secretary Mayor King Queen Prince".split())
# Capitalised words that open sentences or name no company: never taken as a learned name.
_NOT_A_NAME = frozenset("The A An This That These Those It Its Shares Stock Stocks Analysts In On At For And Of But "
                        "Nasdaq NYSE Symbol Ticker "
                        # a question's opening in a headline: "Is Globex (GLBX) a Buy …?"
                        "Is Are Was Were Should Can Could Will Would Does Do Did Has Have Why How What When Where Which "
                        "You Your Buy Sell Hold "
                        # a clause's opening: "While Globex Inc saw orders slip, …"
                        "While Whilst Although Though Whereas Even If As After Before Since Because Unless Once".split())


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


_SUFFIX_WORD = re.compile(r"\b(?:Inc|Corp|Ltd|plc|PLC|Holdings|Technologies|Platforms|N\.V|S\.A|AG|SE)\b")
# Every cue above needs "(", ":" or "$" or one of these: most sentences hold none and skip the
# five searches.
_CUE_WORDS = ("hares of ", "CEO", "CFO", "chief executive", "chief financial officer", "founder", "chairman",
              "Inc", "Corp", "Ltd", "plc", "PLC", "Holdings", "Technologies", "Platforms", "AG", "SE")
_ANY_CUE = re.compile(r"[A-Z]\.[A-Z]|[Ss]hares of [A-Z]|\b(?:" + "|".join(_CUE_WORDS[1:]) + r")\b")
_CUE_WORD = re.compile("|".join(map(re.escape, _CUE_WORDS)))  # any of them, anywhere: one scan in C


def _may_list(text: str) -> bool:
    """Return False when the text holds no cue of a listed company (most sentences), by literal tests first."""
    if "(" in text or ":" in text or "$" in text or _RESULT_VERB.search(text):
        return True
    if _CUE_WORD.search(text):
        return _ANY_CUE.search(text) is not None
    return CAPITAL_STOP.search(text) is not None  # exact: without those words only _ANY_CUE's first branch can match


def described_companies(text: str) -> list[tuple[str, str]]:
    """Return (name, "") for each name the text describes with a company noun ("software giant
    Globex", "Globex, a chipmaker based in …"): companies as general news writes them, unlisted."""
    found = []
    for match in _DESCRIBED.finditer(text):
        word = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if word is None:
            continue  # the noun opens the sentence: it has no word of its own before it
        before = word.group(1).lower()
        if match.group(1).startswith(("rival", "competitor")) and before not in _BEFORE_RIVAL:
            continue  # "a model that rivals Globex", "could rival Globex": a verb
        if before in _NOT_DESCRIBING and not match.group(1).startswith(("rival", "competitor")):
            continue
        for name in match.group(2, 3):
            words = re.sub(r"['’]s$", "", name).split() if name else []
            if words and words[0] not in _PERSON_TITLES and words[0] not in _NOT_A_NAME:
                found.append((" ".join(words), ""))
    for match in _LEADER.finditer(text) if "leader" in text else ():
        words = re.sub(r"['’]s$", "", match.group(1)).split()
        if words[0] not in _PERSON_TITLES and words[0] not in _NOT_A_NAME:
            found.append((" ".join(words), ""))
    for match in _APPOSED.finditer(text):
        words = match.group(1).split()
        before = match.group(2).split()
        if words[0] not in _PERSON_TITLES and words[0] not in _NOT_A_NAME and (
                not before or before[-1].lower() not in _NOT_DESCRIBING):
            found.append((match.group(1), ""))
    return found


@lru_cache(maxsize=50_000)
def listed_companies(text: str) -> tuple[tuple[str, str], ...]:
    """Return (name, ticker) for each company the text marks as listed or incorporated ("" where unknown)."""
    described = described_companies(text) if not _NOUN_WORDS.isdisjoint(word_runs(text)) else []
    if not _may_list(text):
        return tuple(described)
    found = []
    # Each search runs only where the text holds what every match of it needs: ":" for an
    # exchange, "%)" for a quote's move, "$" for a cashtag, a capital, a stop and a capital for a
    # Reuters code.
    for pattern, needed in ((_EXCHANGE, ":"), (_QUOTED_TICKER, "%)")):
        for match in pattern.finditer(text) if needed in text else ():
            found.append((_name_before(text, match.start()), match.group(1)))
    for match in _CASHTAG.finditer(text) if "$" in text else ():
        found.append(("", match.group(1)))
    for match in _REUTERS.finditer(text) if CAPITAL_STOP.search(text) else ():
        if len(match.group(1)) + len(match.group(2)) > 2:  # "U.K." is a country, not ticker U on exchange K
            found.append(("", match.group(1)))
    for match in _PAREN_CODE.finditer(text) if "(" in text else ():
        before = _WORDS_BEFORE.search(text, max(0, match.start() - 120), match.start())
        words = re.sub(r"^(?:(?:of|and|for|the|&)\s+)+", "", before.group(1)) if before else ""
        if words[:1].isupper() and not _is_acronym(words, match.group(1)):
            found.append((_name_before(text, match.start()), match.group(1)))
    officer = "CEO" in text or "CFO" in text or "chief" in text or "founder" in text or "chairman" in text
    for match in _HAS_OFFICER.finditer(text) if officer else ():
        name = " ".join(w for w in match.group(1).split() if w not in _NOT_A_NAME and w not in _TITLE_WORDS)
        if name:
            found.append((name, ""))
    for match in _SHARES_OF.finditer(text) if "hares of" in text else ():
        name = " ".join(w for w in match.group(1).split() if w not in _NOT_A_NAME).rstrip(" &of")
        if name:
            found.append((name, ""))
    posts = _POSTS_RESULT.match(text) if _RESULT_VERB.search(text) else None
    if posts is not None:
        name = " ".join(w for w in posts.group(1).split() if w not in _NOT_A_NAME)
        if name:
            found.append((name, ""))
    for match in _SUFFIXED.finditer(text) if _SUFFIX_WORD.search(text) else ():
        name = " ".join(w for w in match.group(1).split() if w not in _NOT_A_NAME)
        if name:
            found.append((name, ""))
    return tuple((name, ticker) for name, ticker in found + described if ticker or not _PUBLIC_BODY.search(name))


# Words that end company names ("Globex Bank", "Acme Holdings"): the name without them is how
# the article goes on to call the company. A short name that is a common word alone ("First",
# "General") would name too much, so it must keep a word that is not one of these.
_CORPORATE_TAIL = frozenset("Inc Corp Corporation Co Company Ltd plc PLC Holdings Group Bank Bancorp Financial "
                            "Capital Technologies Technology Systems Platforms".split())
_GENERIC_HEAD = frozenset("First General American National United Royal New Global International Western "
                          "Eastern Southern Northern Central Pacific Atlantic Digital Advanced".split())


_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")


def short_name(name: str, common: frozenset[str] = frozenset()) -> str:
    """Return how an article calls a company after naming it in full, else "": "Amazon" for
    "Amazon.com", "Globex" for "Globex Bank", and the first word of a longer name ("Telus"
    for "Telus Communications") unless `common` (words the article writes in lower case) holds
    it: "Trade" in "Trade Desk" is also an ordinary word there."""
    words = re.sub(r"\.com\b", "", name).split()
    while len(words) > 1 and words[-1].rstrip(".,") in _CORPORATE_TAIL:
        words.pop()
    if len(words) > 1 and words[0].isalpha() and words[0].lower() not in common:
        words = words[:1]
    short = " ".join(words)
    if short == name or len(short) < 4 or (len(words) == 1 and words[0] in _GENERIC_HEAD):
        return ""
    return short


def is_subject(name: str, ticker: str, subject: Subject) -> bool:
    """Return True when a listed company found in the text is the subject itself."""
    if ticker and ticker in subject.tickers:
        return True
    return bool(name) and mentions(name, subject) > 0


def names_another(text: str, subject: Subject) -> bool:
    """Return True when the text marks a listed company other than the subject ("Globex (GLBX)")."""
    return any(not is_subject(name, ticker, subject) for name, ticker in listed_companies(text))


# Another company as the subject of a clause of its own after the subject's ("Acme discloses a
# license rule, and Globex issues disappointing guidance"): a digest's line of two companies' news.
# A deal's other party is its object ("Acme agreed to buy Globex for $2 billion"): the subject's line.
_CLAUSE_BEFORE = re.compile(r"(?:[,;]\s+(?:and|while|but|whereas)\s+|;\s+)$")
_CLAUSE_VERB = re.compile(r"(?:['’]s\s+)?\s*(?!(?:of|for|to|in|on|at|by|with|from|and|or|as|that|which|who)\b)[a-z]{3,}")


def names_another_of(subject: Subject, companies: frozenset[str]) -> Callable[[str], bool]:
    """Return a test of whether a text tells another company's news beside the subject's: it marks
    another company as listed ("Globex (GLBX)", `names_another`), or a company the week marks so
    (`week_companies`) is the subject of a clause of its own after the subject's (`_CLAUSE_BEFORE`)."""
    named = _finder(companies) if companies else None

    def shared(text: str) -> bool:
        if names_another(text, subject):
            return True
        at = first_mention(text, subject) if named is not None else None
        return at is not None and any(
            offset > at and _CLAUSE_BEFORE.search(text, 0, offset) and _CLAUSE_VERB.match(text, offset + len(name))
            for offset, name in named(text))

    return shared


class _Focus:
    """The companies an article names, learned as it is read, and which one is in focus."""

    def __init__(self, subject: Subject, texts: tuple[str, ...] = (), words: Callable[[], frozenset[str]] | None = None):
        self.subject = subject
        self.texts = texts  # the article's sentences, read for `common` only when a long name is learned
        self._words = words  # gives `common`, when the caller has read it (or can share it)
        self._common: frozenset[str] | None = None
        self.others: dict[str, str] = {}  # a name or ticker -> the company's display name
        self._subjects: dict[str, bool] = {}  # a name -> whether it names the subject (names recur in an article)

    def _is_subject(self, name: str, ticker: str = "") -> bool:
        if ticker and ticker in self.subject.tickers:
            return True
        found = self._subjects.get(name)
        if found is None:
            found = self._subjects[name] = is_subject(name, "", self.subject)
        return found

    def learn(self, text: str) -> list[str]:
        """Return the other companies a text marks as listed, remembering their names and tickers."""
        named = []
        for name, ticker in listed_companies(text):
            if self._is_subject(name, ticker):
                continue
            display = self.others.get(ticker) or self.others.get(name) or name or ticker
            for key in (name, ticker, short_name(name, self.common) if " " in name or ".com" in name else ""):
                if key and len(key) >= 2 and not self._is_subject(key):
                    self.others.setdefault(key, display)
            named.append(display)
        if named and "(" in text:
            self._initials(text)
        return named

    def _initials(self, text: str) -> None:
        """Remember a known company's initials given beside its name ("car firms General Motors (GM)")
        as that company's: an agency's initials mark no company, but these are the company's short name."""
        for match in _PAREN_CODE.finditer(text):
            code = match.group(1)
            if code in self.others:
                continue
            name = _name_before(text, match.start())
            display = self.others.get(name)
            if display and _is_acronym(name, code) and not self._is_subject(code):
                self.others[code] = display

    def compared(self, headline: str) -> None:
        """Remember the name a headline sets against the subject ("Acme vs. Globex") as another company's."""
        for match in _VERSUS.finditer(headline) if "vs" in headline or "ersus" in headline else ():
            sides = [" ".join(w for w in side.split() if w not in _NOT_A_NAME) for side in match.groups()]
            if sum(mentions(side, self.subject) > 0 for side in sides) != 1:
                continue  # the subject on neither side (or both): not the subject's peer
            other = next(side for side in sides if mentions(side, self.subject) == 0)
            if other and not other[:1].isdigit():
                self.others.setdefault(other, other)

    @property
    def common(self) -> frozenset[str]:
        """Return the words the article writes in lower case (see short_name)."""
        if self._common is None:
            self._common = self._words() if self._words is not None else _lower_words(self.texts)
        return self._common

    def others_named(self, text: str) -> list[str]:
        """Return the other companies a text names: marked ones, then names learned earlier in the article."""
        named = self.learn(text)
        if self.others:
            runs = set(word_runs(text))
            for key, display in self.others.items():
                if display not in named and key.lower().split()[0] in runs and _names(text, key):
                    named.append(display)
        return named

    def first_at(self, text: str, displays: list[str]) -> int:
        """Return where the text first names one of these companies by any of its names or tickers (-1: nowhere)."""
        keys = [key for key, display in self.others.items() if display in displays] + list(displays)
        found = [m.start() for key in keys if key in text for m in [_name_pattern(key).search(text)] if m]
        return min(found, default=-1)


def _lower_words(texts: Iterable[str]) -> frozenset[str]:
    """Return the words the texts write in lower case (four letters or more), as `short_name` reads them."""
    return frozenset(w for text in texts for w in _LOWER_WORD.findall(text))


class Reading:
    """What attribution reads of one prepared article whatever the subject, read on demand and kept for
    every subject the article is attributed to (a portfolio attributes it to several)."""

    def __init__(self, prepared: Prepared) -> None:
        self.prepared = prepared
        self._market: dict[str, bool] = {}
        self._features: dict[str, tuple[str, tuple[str, ...]]] = {}
        self._words: dict[tuple[int, ...], frozenset[str]] = {}

    def market_line(self, text: str) -> bool:
        """Return `kinds.market_line(text)`."""
        found = self._market.get(text)
        if found is None:
            found = self._market[text] = market_line(text)
        return found

    def features(self, text: str) -> tuple[str, tuple[str, ...]]:
        """Return a kept sentence's comparison key and content stems, as `ArticleClean.with_features` stores them."""
        found = self._features.get(text)
        if found is None:
            found = self._features[text] = (normalize(text), tuple(language.content_stems(text)))
        return found

    def words(self, stories: tuple[int, ...], texts: tuple[str, ...]) -> frozenset[str]:
        """Return `_lower_words(texts)`, the texts being the sentences of these stories."""
        found = self._words.get(stories)
        if found is None:
            found = self._words[stories] = _lower_words(texts)
        return found


@lru_cache(maxsize=4096)
def _name_pattern(key: str) -> re.Pattern:
    return re.compile(r"(?<![\w-])" + re.escape(key) + r"(?![\w-])")


def _names(text: str, key: str) -> bool:
    return _name_pattern(key).search(text) is not None


# A subject named after one of these, in the same clause, is the cause of what the sentence
# reports ("Banks fell 5% after Acme's warning", "a sell-off stemming from Acme's failure") or a
# yardstick ("worth more than Acme", "rivals such as Acme", "several lenders, including Acme"), not
# its topic: in a passage about others, it stays theirs. So is a subject named only inside a
# relative clause that describes another name ("Globex, which also supplies Acme, said …").
# "as" only as a conjunction ("fell as Acme warned"), not "as well as", "as of"; "on",
# "over", "against" only right before the name ("Banks Plunge On Acme Fears", "an edge over Acme").
_CAUSE = re.compile(r"(?:\b(?:after|amid|following|because of|due to|stemming from|tied to|related to|linked to|than|instead of|unlike|"
                    r"triggered by|sparked by|caused by|driven by|exacerbated by|fu?elled by|in the wake of|in sympathy with|"
                    r"reaction to|response to|fallout from|exposure to|behind|like|such as|(?<!is )(?<!was )(?<!are )(?<!were )(?<!been )(?<!be )including|"
                    r"(?<!such )(?<!well )(?<!known )as(?! (?:of|well|part|long|soon|far|much|many|if|though)\b))\b"
                    r"[^,;:()]*|\b(?:on|over|against|versus|vs\.?)(?:\s+the)?\s*|[\w)],\s+(?:which|who|whose)\s[^,;:()]*)$", re.I)
# "Acme rival Globex", "Acme's supplier Initech": the subject only qualifies another company's name.
_QUALIFIER = re.compile(r"[\w&.-]+(?:\s+[A-Z][\w&.-]*){0,3}?(?:['’]s)?\s+(?:closest\s+|biggest\s+|main\s+|key\s+)?"
                        r"(?:rivals?|competitors?|peers?|suppliers?|customers?|partners?)\s*,?\s*[A-Z]")


def named_as_cause(text: str, at: int) -> bool:
    """Return True when the subject, first named at offset `at`, is named in a clause that gives a cause."""
    return _CAUSE.search(text, 0, at) is not None


def qualifies_another(text: str, at: int) -> bool:
    """Return True when the subject's mention at `at` only qualifies another company ("Acme rival Globex")."""
    return _QUALIFIER.match(text, at) is not None


# A clause set against the main clause after it ("While …, …", "Although …, …").
_CONTRAST_OPENING = re.compile(r"(?:(?:But|And|Yet)\s+)?(?:While|Whilst|Although|Though|Whereas|Even as|Even though)\s")


# The main clause's subject stands within this many words of its opening ("…, even the smaller Globex Inc …").
CLAUSE_SUBJECT_WORDS = 4


def _opens_clause(text: str, comma: int, at: int) -> bool:
    """Return True when a name at `at` opens the clause after the comma (a few words may stand before it)."""
    return len(text[comma + 1:at].split()) <= CLAUSE_SUBJECT_WORDS


def sentence_about(text: str, focus: str, subject_at: int | None, others: list[str], first_other: int | None = None) -> str:
    """Return whom a sentence is about: the company it names first (the subject is "", `subject_at`
    the offset of its first mention; `first_other` that of another's), else the company in focus where it stands."""
    if others:
        if first_other is None:
            first_other = min((text.find(name) for name in others if name in text), default=-1)
        # "While Acme's sales rose, Globex cut its forecast": a clause set against the main one;
        # the sentence is about the company the main clause names first.
        if subject_at is not None and _CONTRAST_OPENING.match(text):
            start = min(subject_at, first_other) if first_other >= 0 else subject_at
            comma = text.find(",", start)
            if comma >= 0:
                at = [(text.find(name, comma), name) for name in others]
                after = min(((where, name) for where, name in at if where >= 0), default=None)
                if after is not None and not _opens_clause(text, comma, after[0]):
                    after = None  # named late in the main clause ("…, the company hired from Globex"): not its subject
                main_subject = subject_at > comma and _opens_clause(text, comma, subject_at)
                if main_subject and (after is None or subject_at < after[0]):
                    return ""
                if after is not None and (subject_at < comma or after[0] < subject_at):
                    return after[1]
        if subject_at is None or 0 <= first_other < subject_at:
            return others[0]
        # "Acme's news prompted Globex to issue an update, …": the company the subject's news made act.
        made = _MADE_TO_ACT.search(text, subject_at) if " to " in text else None
        if made is not None and "," not in text[subject_at:made.start()]:
            name = made.group("name")
            whom = next((o for o in others if o == name or o.startswith(name + " ")), None)
            if whom is not None:
                return whom
    if subject_at is not None:
        return ""
    return focus


# A company made to act: "… prompted Globex to issue …", "… forced rival Globex Bank to cut …".
_MADE_TO_ACT = re.compile(r"\b(?:prompted|prompting|forced|forcing|led|leading|pushed|pushing|caused|causing|spurred|"
                          r"spurring|pressured|pressuring|drove|driving)\s+(?:(?:its\s+)?(?:rival|peer|competitor)\s+)?"
                          r"(?P<name>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,2})(?:\s*\([^()]{1,20}\))?\s+to\s+[a-z]")


# A sentence whose subject is a group of companies of one industry ("U.S. automakers saw stock pops
# Monday …", "Other chip stocks dropped …"): the passage it opens is that group's, and the sentences
# after it that name no company are too ("Imported cars have had a 25% tariff since April"), until
# the subject is named again. Not when the subject is one of them: its names hold the group's noun
# ("Silicon Valley Bank" among "U.S. banks"), or the article calls it one ("chipmaker Acme", "Acme, the
# chipmaker"); "Other …" leaves the subject out whatever it is.
_GROUP_NOUNS = ("automakers|carmakers|car makers|auto stocks|automotive stocks|banks|bank stocks|lenders|regional banks|"
                "airlines|airline stocks|retailers|chipmakers|chip makers|chip stocks|semiconductor stocks|drugmakers|"
                "pharmaceutical companies|biotech stocks|insurers|homebuilders|miners|mining stocks|oil companies|"
                "oil producers|oil majors|energy stocks|utilities|railroads|cruise lines|brewers|steelmakers|"
                "defense contractors|solar stocks|streaming companies|tech companies|tech stocks|social media companies")
_GROUP_LINE = re.compile(rf"^(?:(?P<other>Other)\s+|(?:The|Some|Many|Most|All)\s+)?(?:(?:U\.S\.|US|American|European|Asian|"
                         rf"Chinese|Japanese|German|British|Canadian|Indian|Korean|Global|Big|Major|Legacy|Detroit)\s+)?"
                         rf"(?P<group>(?i:{_GROUP_NOUNS}))\s+(?!(?:like|such|including|as|and|or|from|with)\b)[a-z]{{2,}}")


# ... and a sentence whose subject is a measure of the whole economy ("U.S. retail sales rose 1.4% in
# March", "Inflation cooled to 2.4%", "Mortgage rates climbed to 6.8%"): a newsletter's economy
# item is no company's, and neither is the line after it ("Economists had expected a gain of 1.3%").
_ECONOMY_LINE = re.compile(r"^(?:(?:The|U\.S\.|US|American|European|Euro[- ]zone|Chinese|Japanese|German|British|UK|"
                           r"Canadian|Indian|Global|Annual|Monthly|Core|Headline)\s+){0,2}(?i:retail sales|consumer prices|"
                           r"consumer price index|consumer price inflation|producer prices|inflation|mortgage rates|"
                           r"jobless claims|initial claims|unemployment|the unemployment rate|unemployment rate|nonfarm payrolls|payrolls|"
                           r"job growth|wage growth|wages|gdp|gross domestic product|the economy|economic growth|housing starts|"
                           r"home sales|existing-home sales|new-home sales|home prices|factory orders|factory activity|"
                           r"industrial production|manufacturing activity|consumer confidence|consumer sentiment|"
                           r"consumer spending|the trade deficit|business inventories)\s+(?!(?:at|of|for|in)\b)[a-z]{2,}")


def economy_line(text: str) -> bool:
    """Return True when the sentence's subject is a measure of the whole economy (`_ECONOMY_LINE`)."""
    return _ECONOMY_LINE.match(text) is not None


def group_line(text: str, subject: Subject, texts: Iterable[str] = ()) -> bool:
    """Return True when the sentence's subject is a group of companies the subject is not one of (`_GROUP_LINE`)."""
    match = _GROUP_LINE.match(text)
    if match is None:
        return False
    if match.group("other"):
        return True
    words = match.group("group").lower().split()
    noun = words[0] if words[-1] in ("stocks", "companies") else words[-1].removesuffix("s")
    if any(noun in name.lower().split() for name in subject.names):
        return False
    names = "|".join(re.escape(name) for name in subject.names)
    called = re.compile(rf"\b{re.escape(noun)}\s+(?:{names})\b|\b(?:{names}),?\s+(?:the|a|an)\s+(?:[\w-]+\s+)?{re.escape(noun)}\b", re.I)
    return not any(called.search(t) for t in texts)


# A sentence naming the subject once (its name, its ticker) among this many other listed companies
# is a list — a fund's holdings, a sector's movers, an index's members: the list's, not the subject's.
LIST_OF_OTHERS = 3


def _whom(text: str, focus: str, others: list[str], named: int, subject: Subject,
          first_other: int | None = None, market: Callable[[str], bool] = market_line) -> tuple[str, bool]:
    """Return whom a sentence is about where it stands, and whether it claims its passage for the subject (which has names).

    A mention claims the sentence unless it only qualifies another company's name, or, in a
    passage about others, only gives a cause; a sentence about a market's move naming no company
    is the market's wherever it stands.
    """
    at = first_mention(text, subject) if named else None
    if at is not None and ((named == 1 and qualifies_another(text, at))
                           or (len(others) >= LIST_OF_OTHERS and named <= 2)):
        return (others[0] if others else OTHERS), False
    if at is not None and focus != "" and named_as_cause(text, _list_start(text, at)):
        at = None  # "… after Acme's warning", "… makers like Globex, Initech and Acme": a cause or a yardstick
    if at is None and not others and market(text):
        return OTHERS, False
    who = sentence_about(text, focus, at, others, first_other)
    return who, at is not None and who == ""


# A headline whose topic is a name ("Globex adds video to its arm", "Ohio gets a new plant"): the
# article is that name's, even when its prose names the subject in passing, unless the prose names
# the subject in this share of its sentences.
HEADED_SHARE = 0.4
# "Globex adds …", and the first of names listed before their verb: "Globex, Initech cut output".
_HEADLINE_TOPIC = re.compile(r"([A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,2})(?:,\s+[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,2})*"
                             r"\s+(?:is\s+|are\s+|has\s+|have\s+|to\s+|will\s+)?[a-z]{3,}\b")
_HEADLINE_OPENERS = frozenset("How Why What When Where Who Which Is Are Should Can Could Will Would Do Does Did Here Here's "
                              "These This That Those The A An Top Best Stock Stocks Shares Markets Market Wall Dow "
                              "Nasdaq S&P Investors Analysts Tech Big New Breaking Exclusive Update Report Earnings "
                              "Watch Buy Sell Hold Why's What's Live Opinion Analysis Inside Amid Ahead Beyond Meet".split())


# An officer's title: a headline's name that a sentence gives one of these beside the subject's
# name ("Acme CEO Jane Doe", "Doe, Acme's chief executive") is the subject's person.
_OFFICER_WORD = re.compile(r"\b(?:CEO|CFO|COO|chief|founder|co-founder|chairman|chairwoman|chair|president|boss|head)\b")


def _officer_named(text: str, name: str) -> bool:
    """Return True when a text gives the name as an officer's: after the title ("Acme CEO Jane Doe",
    "chairman Jane Roe") or set beside it ("Doe, Acme's chief executive"), not as what the officer
    heads ("… is to succeed him at the head of Globex")."""
    if _OFFICER_WORD.search(text) is None:
        return False
    name = re.escape(name)
    return re.search(rf"{_OFFICER_WORD.pattern}\s+(?:(?!(?:of|at|for|to|in|on|with)\b)[\w.'’-]+,?\s+){{0,3}}?{name}\b|"
                     rf"\b{name},\s+(?:(?:the|a|an|its|[A-Z][\w'’&.-]*['’]s)\s+)?(?:[\w-]+\s+){{0,3}}?{_OFFICER_WORD.pattern}",
                     text) is not None


def _headed_by_another(title: str, common: Callable[[], frozenset[str]] = frozenset,
                       its_person: Callable[[str], bool] = lambda name: False) -> bool:
    """Return True when a headline (not naming the subject) opens on a name as its topic: not on a
    stop word, nor on a word the article writes in lower case (`common`, read only when needed),
    nor on a person the article names as the subject's officer (`its_person`)."""
    match = _HEADLINE_TOPIC.match(title)
    if match is None:
        return False
    name = re.sub(r"['’]s$", "", match.group(1))
    first = name.split()[0]
    return (first not in _HEADLINE_OPENERS and first.lower() not in language.stop_words()
            and first.lower() not in common() and not its_person(name))


def attribute(prepared: Prepared, subject: Subject, *, whom: bool = True, reading: Reading | None = None) -> ArticleClean:
    """Return one subject's cleaning of a prepared article: its kept prose, whom each sentence is about, and the drops.

    `whom=False` leaves `about` empty and skips following the companies in focus, which decides
    nothing else: for a caller that only counts or compares the kept sentences (a portfolio's
    pass for no subject in particular). `reading`: the article's `Reading`, when the caller
    attributes it to several subjects.
    """
    reading = Reading(prepared) if reading is None else reading
    article = prepared.article
    # What the loader or HTML extractor left out is accounted for with the article's drops.
    dropped = [Drop("left out by the HTML extractor", text, article.path, "load") for text in article.left_out]
    if article.left_out:
        article = replace(article, left_out=())
    if prepared.title_dropped:
        dropped.append(Drop(PROMOTIONAL_TITLE, article.title, article.path))
        article = replace(article, title="")
    count = subject_names(subject).count  # `mentions`, the subject's names compiled once for the article
    has_names = bool(subject.names)
    follow = has_names and whom  # follow the company in focus, for `about`
    total_mentions = title_mentions = count(article.title)
    # First pass: which stories are kept, which sentences name the subject, which are noise.
    kept: list[tuple[PreparedStory, list[int], list[str | None]]] = []
    story_drops: dict[int, list[Drop]] = {}
    for story in prepared.stories:
        drops = story_drops.setdefault(story.index, [])
        drops.extend(Drop(reason, text, article.path) for reason, text in zip(story.label_reasons, story.labels))
        if not story.prose:
            continue
        story_mentions = count(" ".join(story.prose))
        if story.ad:
            drops.extend(Drop("advertisement", text, article.path) for text in story.prose)
            continue
        if story.appended and (story_mentions == 0 or not has_names):
            drops.extend(Drop("appended story about something else", text, article.path) for text in story.prose)
            continue
        total_mentions += story_mentions
        named = [count(s.text, word_runs(s.text)) for s in story.sentences]
        kept.append((story, named, story_noise(story, named, main=has_names and story.index == 0)))
    prose = [bool(n) for _, named, reasons in kept for n, r in zip(named, reasons) if r is None]
    # The article is about the subject when its headline names it or its prose often does;
    # otherwise only the sentences that name the subject are about it (a market wrap's one line).
    # A market wrap is about the market even when its headline names the subject as the cause
    # ("Stocks tumble on <subject> fears"): only its sentences that name the subject are the subject's.
    wrap = is_market_wrap(article.title, subject.names + subject.tickers)
    # The other companies are learned from the whole article first, so a headline or an early
    # sentence naming one is recognised before the ticker that marks it.
    texts = tuple(sentence.text for story, _, _ in kept for sentence in story.sentences)
    focus_tracker = _Focus(subject, texts, lambda: reading.words(tuple(story.index for story, _, _ in kept), texts))
    about_others = 0  # kept sentences naming another company and not the subject
    others_of: dict[tuple[int, int], list[str]] = {}  # (story, sentence) -> the other companies it names
    if follow:
        # A headline setting the subject against another name ("Acme vs. Globex: Which Is the Better
        # Buy?") names a peer, with or without its ticker; a pitch's headline too, though dropped.
        focus_tracker.compared(prepared.article.title)
        for text in (article.title, *focus_tracker.texts):
            focus_tracker.learn(text)
        for story, named, reasons in kept:
            for i, (sentence, n, reason) in enumerate(zip(story.sentences, named, reasons)):
                others_of[story.index, i] = focus_tracker.others_named(sentence.text)
                if reason is None and others_of[story.index, i] and not n:
                    about_others += 1
    # A pitch's headline, though dropped, still says whom the article is about ("Is Globex (GLBX) a
    # Buy After Its Arm Launch?"): the other company it names heads the article as any headline would.
    title_others = focus_tracker.others_named(prepared.article.title) if follow else []
    # A headline naming the subject only as a cause ("Banks slide on Acme fears") does not make it the subject's.
    at = first_mention(article.title, subject) if title_mentions else None
    headline = at is not None and not named_as_cause(article.title, at)
    # An article whose headline names another company and not the subject, or more of whose
    # sentences name other companies than name the subject, is about others: only its passages
    # about the subject are the subject's ("Why Globex stock fell", "1 stock to own instead of Acme").
    others_article = (bool(title_others) and not headline) or about_others > sum(prose) or (
        not headline and sum(prose) < HEADED_SHARE * len(prose) and _headed_by_another(
            article.title, lambda: focus_tracker.common,
            lambda name: any(name in text and count(text) and _officer_named(text, name) for text in texts)))
    its_own = not has_names or (not wrap and not others_article and (
        headline or (sum(prose) >= 2 and sum(prose) >= CENTRAL_SHARE * len(prose))))
    section = "" if its_own else (title_others[0] if title_others else OTHERS)
    focus, paragraph = section, -1
    opened = ""  # the other company the last paragraph opened on, if any
    # A scrape that lost its paragraph breaks: every kept sentence in one paragraph.
    flat = sum(len(story.sentences) for story, _, _ in kept) >= FLAT_SENTENCES and len(
        {(story.index, sentence.paragraph) for story, _, _ in kept for sentence in story.sentences}) == 1
    paragraphs: dict[int, list[str]] = {}
    about: dict[int, list[str]] = {}
    kept_by_index = {story.index: (story, named, reasons) for story, named, reasons in kept}
    for story in prepared.stories:
        dropped.extend(story_drops.get(story.index, []))
        if story.index not in kept_by_index:
            continue
        _, named, reasons = kept_by_index[story.index]
        for i, (sentence, reason) in enumerate(zip(story.sentences, reasons)):
            if sentence.heading and follow:
                opened = ""  # a heading starts a section: nothing carries over it
                heading_others = focus_tracker.others_named(sentence.heading)
                if mentions(sentence.heading, subject):
                    section = ""
                elif heading_others:
                    section = heading_others[0]
            opening = sentence.paragraph != paragraph
            others = others_of.get((story.index, i), [])
            if opening:
                # A new paragraph starts in its section's focus, unless it opens by pointing back ("The
                # move …", "The company …", "It …") after a paragraph that opened on another company.
                carried = opened if (follow and opened and not others and not named[i]
                                     and _POINTS_BACK.match(sentence.text)) else None
                paragraph, focus = sentence.paragraph, carried or section
            first_other = focus_tracker.first_at(sentence.text, others) if others else None
            who, claimed = (_whom(sentence.text, focus, others, named[i], subject, first_other, reading.market_line)
                            if follow else ("", False))
            if follow and not named[i] and not others and (economy_line(sentence.text)
                                                           or group_line(sentence.text, subject, texts)):
                who, focus = OTHERS, OTHERS  # the economy's or a group of other companies' passage
            # A passage that names the subject is its passage; in another company's article, a
            # paragraph that opens on the subject is (outside a market wrap, where only naming counts).
            # The subject's first mention is read only where it can move the focus (in the subject's
            # own passages the focus is the subject's anyway):
            elsewhere = focus not in ("", OTHERS)
            at = first_mention(sentence.text, subject) if claimed and follow and (
                elsewhere or (flat and not wrap and section != "")) else None
            # a line whose own subject points back at the company in focus ("… the robot giant is
            # moving its plants, partnering with Acme …") names the subject as its partner: the line
            # is the subject's, the passage stays the other company's;
            partner = at is not None and elsewhere and _ANAPHORIC_OPENING.match(sentence.text, 0, at)
            # in a flattened scrape, a line opening on the subject ("Shares of robot maker Acme
            # slumped …") takes the focus as a line opening on another company does: each of a
            # round-up's items is a paragraph run into the next.
            topic = flat and at is not None and not wrap and len(sentence.text[:at].split()) <= OPENING_TOPIC_WORDS
            if (others or (claimed and (section == "" or topic or (opening and not wrap)))) and not partner:
                focus = who if not claimed else ""
            if opening:
                opened = focus if focus not in ("", OTHERS) else ""
            if reason:
                dropped.append(Drop(reason, sentence.text, article.path))
            else:
                key = story.index * 10_000 + sentence.paragraph
                paragraphs.setdefault(key, []).append(sentence.text)
                about.setdefault(key, []).append(who)
    order = sorted(paragraphs)
    kept_paragraphs = [paragraphs[k] for k in order]
    features = [[reading.features(text) for text in paragraph] for paragraph in kept_paragraphs]
    return ArticleClean(article, kept_paragraphs, dropped, total_mentions,
                        keys=[[key for key, _ in paragraph] for paragraph in features],
                        stems=[[stems for _, stems in paragraph] for paragraph in features],
                        about=[about[k] for k in order] if whom else [])


# A paragraph's first sentence pointing back at what the last paragraph was about.
_POINTS_BACK = re.compile(r"(?:The|This|That|These|Those) (?:move|moves|company|firm|group|deal|plan|announcement|"
                          r"decision|campaign|step|letter|statement|offer|bid|company's|firm's|group's)\b|"
                          r"(?:It|Its|They|Their)\b")


# A word of a company's name as articles write it ("Globex"), possessive cut off.
_NAME_WORD = re.compile(r"\b[A-Z][\w&-]{2,}")
_LEGAL_FORMS = frozenset("LLC LP LLP SA AG NV SE GmbH Ltd Limited".split())


def _clean_name(display: str) -> str:
    """Return a company's name without its corporate tail and possessive ("Globex Data" for "Globex Data Corp.'s")."""
    words = display.removesuffix("’s").removesuffix("'s").split()
    while len(words) > 1 and words[-1].rstrip(".,") in _CORPORATE_TAIL | _LEGAL_FORMS:
        words.pop()
    return " ".join(words)


# How many times more often than in lower case a week must write a word inside a sentence with a
# capital for it to be a company's name.
NAME_OVER_WORD = 5


def week_companies(sentences: list[Sentence], subject: Subject, lowercase: frozenset[str]) -> frozenset[str]:
    """Return the names of the other companies the week's articles mark as listed (see `attribute`).

    A name counts as its sentences write it inside a sentence (not "Purchases Shares of Globex",
    a sentence's opening words taken for a name), and a one-word name only when it is no corporate
    tail or generic head, and no ordinary word (`lowercase`: the week's lower-case vocabulary)
    unless the week writes it as a name far more often (`_names_over_words`). A name of several
    words is known only whole ("Acme Instruments", not "Acme", which may be a place). Companies a
    company noun describes in the subject's own lines count too (`described_companies`).
    """
    texts: dict[str, list[str]] = {}
    for sentence in sentences:
        if sentence.about and sentence.about != OTHERS:
            texts.setdefault(sentence.about, []).append(sentence.text)
        elif not sentence.about and not _NOUN_STEMS.isdisjoint(sentence.stems):
            # A company described in one of the subject's own lines ("Acme, while start-up companies
            # Globex and Initech …"), which the line does not give to it.
            for name, _ in described_companies(sentence.text):
                texts.setdefault(name, []).append(sentence.text)
    for name, text in _ticker_names(texts, sentences):
        texts.setdefault(name, []).append(text)
    names, words = set(), []
    for display, written in texts.items():
        name = _clean_name(display)
        if " " not in name and (len(name) < 3 or name.rstrip(".") in _CORPORATE_TAIL or name in _GENERIC_HEAD):
            continue
        if any(_name_pattern(name).search(text, 1) for text in written) and not mentions(name, subject):
            if " " not in name and name.lower() in lowercase:
                words.append(name)
            else:
                names.add(name)
    return frozenset(names | _names_over_words(words, sentences))


# A company an article first marked by its ticker alone ("$GLBX", "GLBX.O") keeps the ticker as its
# display name there, though a later line gives its name ("Globex (GLBX) fell 2%"): the week learns
# the name from such a line, so the company is known where another article writes it plainly.
_TICKER_DISPLAY = re.compile(r"[A-Z]{1,5}(?:\.[A-Z]{1,2})?")


def _ticker_names(texts: dict[str, list[str]], sentences: list[Sentence]) -> list[tuple[str, str]]:
    """Return (name, text) for each name written before a ticker in brackets that is another company's display name."""
    tickers = sorted(display for display in texts if _TICKER_DISPLAY.fullmatch(display))
    if not tickers:
        return []
    marked = re.compile(r"\((?:[A-Z]+:\s?)?(?:" + "|".join(map(re.escape, tickers)) + r")\)")
    found = []
    for sentence in sentences:
        if sentence.about and sentence.about != OTHERS and "(" in sentence.text:
            for match in marked.finditer(sentence.text):
                name = _name_before(sentence.text, match.start())
                if name:
                    found.append((name, sentence.text))
    return found


# A name the week writes alone inside a sentence, not inside a longer name ("said Globex", "Globex's"),
# as `_names_over_words` counts it: what comes before it and what follows it; and the word characters
# that make a lower-case occurrence part of a longer word.
_ALONE_BEFORE = re.compile(r"[a-z,;] $")
_ALONE_AFTER = re.compile(r"(?:['’]s)?(?:[,.;:]|\s+[a-z(])")
_WORD_CHAR = re.compile(r"[\w-]")
_WORD_CHAR_BEFORE = re.compile(r"[\w-]\Z")


def _occurrences(text: str, word: str) -> Iterable[int]:
    """Yield each offset where the text holds the word as written (a plain substring search)."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _names_over_words(words: list[str], sentences: list[Sentence]) -> set[str]:
    """Return those of the one-word names that the week writes in lower case too (ordinary words)
    which it writes alone as a name at least `NAME_OVER_WORD` times as often ("a yahoo" once
    against "Yahoo" in every article): one pass over the week for all of them."""
    if not words:
        return set()
    # Read from as many sentences as the week's vocabulary is (`entities.lowercase_words`).
    joined = "\n".join(sentence.text for sentence in islice(sentences, VOCABULARY_SENTENCES))
    alone, lower = {}, {}
    for word in words:  # literal scans (str.find), each occurrence then read in its context
        lower[word.lower()] = sum(1 for at in _occurrences(joined, word.lower())
                                  if not _WORD_CHAR.match(joined, at + len(word)) and not _WORD_CHAR_BEFORE.search(joined, max(0, at - 1), at))
        alone[word] = sum(1 for at in _occurrences(joined, word)
                          if _ALONE_BEFORE.search(joined, max(0, at - 2), at) and _ALONE_AFTER.match(joined, at + len(word)))
    return {word for word in words if alone[word] >= NAME_OVER_WORD * lower[word.lower()]}


def _finder(companies: frozenset[str]):
    """Return a function giving (offset, name) of each of the companies a text names, in text order."""
    words = {name for name in companies if " " not in name}
    longer = sorted((name for name in companies if " " in name), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, longer)) + r")(?![\w-])") if longer else None

    def named(text: str) -> list[tuple[int, str]]:
        found = [(m.start(), w) for m in _NAME_WORD.finditer(text)
                 for w in [m.group().removesuffix("’s").removesuffix("'s")] if w in words]
        if pattern is not None:
            found += [(m.start(), m.group()) for m in pattern.finditer(text)]
        return sorted(found)

    return named


# Names listed before a name ("Globex, Initech and Hooli"): a cause or yardstick word before the
# list governs all of it ("a lag behind Globex, Initech and Hooli", "makers like Globex, Initech, and Acme").
_LISTED_BEFORE = re.compile(r"(?:[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)*(?:,\s+(?:(?:and|or|&)\s+)?|\s+(?:and|or|&)\s+))+$")


def _list_start(text: str, at: int) -> int:
    """Return where the list of names holding the name at `at` starts (`at` when it is in none)."""
    match = _LISTED_BEFORE.search(text, max(0, at - 200), at)
    return match.start() if match else at


# "While Globex's arm ships only in May, Acme's clients …": a company named in an opening clause that
# concedes or sets a scene is not the topic of the main clause after it.
_OPENING_CLAUSE = re.compile(r"(?:While|Whereas|Although|Though|Even as|Even though)\b[^,;:]*,")


# A sentence whose subject refers back to the company in focus ("The company is teaming up with
# Globex", "Meanwhile, the Ohio-based chipmaker is building plants with Globex and Initech"): the
# companies it names later are its partners, not its topic.
_ANAPHORIC_OPENING = re.compile(r"(?:(?:Meanwhile|Also|Separately|In addition|Additionally|Now|Still|Today),?\s+|"
                                # "In a move that could reshape the trade, the robot giant …": a scene set before it
                                r"(?:In|With|After|By|As)\s[^,;:\"“”]{3,80},\s+)?"
                                r"(?:[Ii]t\b|[Tt]he\s+(?:[\w,'’-]+\s+){0,4}?(?:company|firm|group|chipmaker|carmaker|"
                                r"automaker|bank|lender|maker|giant|manufacturer|retailer|insurer)\b)")


_LISTED_AFTER = re.compile(r"[\w&.'’-]+(?:\s+[A-Z][\w&.'’-]*)*\s*(?:,\s*[A-Z]|and\s+[A-Z]|&\s*[A-Z])")


def _in_list(text: str, at: int) -> bool:
    """Return True when the name at `at` stands in a list of names ("Acme, Globex and Initech"),
    not as the sentence's topic ("Acme said it works with Globex, Initech and Hooli")."""
    return _LISTED_AFTER.match(text, at, at + 80) is not None


# In another company's article, a sentence is the subject's when it names the subject as its topic,
# within its first words ("Acme is one of the few …", "Shares of Acme …"), not as a yardstick late in
# a sentence about the article's company ("It comes at the market from the other end of Acme").
TOPIC_WORDS = 4
# Within an article, a line naming the subject within its first words this many ("Shares of chip
# equipment maker Acme …") opens on it.
OPENING_TOPIC_WORDS = 6
# An article of this many sentences or more in one paragraph lost its breaks to its scrape.
FLAT_SENTENCES = 8


def attribute_week(sentences: list[Sentence], titles: dict[int, str], subject: Subject,
                   lowercase: frozenset[str], companies: frozenset[str] | None = None) -> list[Sentence]:
    """Return the sentences with whom each is about settled by what the whole week knows.

    `attribute` knows another company only when its article marks it as listed. Other articles of
    the week may mark it where this one does not ("Globex unveils its new phone"). With the week's
    companies known (`week_companies`), a sentence of the subject's that names one of them and not
    the subject is that company's; and an article whose headline names one and not the subject is
    that company's, as `attribute` decides with what it knows: only its passages about the subject
    stay the subject's (a sentence naming the subject as its topic, and the rest of its paragraph).
    `titles`: each article's headline by article id; `companies`: `week_companies`, when the caller has them.
    """
    if not subject.names:
        return sentences
    companies = week_companies(sentences, subject, lowercase) if companies is None else companies
    if not companies:
        return sentences
    companies_named = _finder(companies)
    headed: dict[int, str] = {}
    for source, title in titles.items():
        named = companies_named(title)
        if named and not mentions(title, subject):
            headed[source] = named[0][1]
    result, claimed = [], (-1, -1)
    for sentence in sentences:
        if sentence.about:
            claimed = (-1, -1)  # another company's sentence ends the subject's passage
            result.append(sentence)
            continue
        other = headed.get(sentence.source)
        at = first_mention(sentence.text, subject)
        named = companies_named(sentence.text)
        lead = _OPENING_CLAUSE.match(sentence.text) if named and at is not None else None
        if lead is not None and at >= lead.end():
            named = [(offset, name) for offset, name in named if offset >= lead.end()]  # the main clause's
        if at is not None and len({name for _, name in named}) >= LIST_OF_OTHERS and mentions(sentence.text, subject) == 1 \
                and (at > named[0][0] or _in_list(sentence.text, at)):
            claimed = (-1, -1)  # the subject once among three or more others: the list's (see `_whom`)
            result.append(replace(sentence, about=OTHERS))
        elif at is not None and (not named or (at < named[0][0] and not named_as_cause(sentence.text, at))) \
                and (other is None or named or len(sentence.text[:at].split()) <= TOPIC_WORDS):
            claimed = (sentence.source, sentence.paragraph)  # the subject's passage: the rest of its paragraph
            result.append(sentence)
        elif at is None and named and other is None and _ANAPHORIC_OPENING.match(sentence.text, 0, named[0][0]):
            result.append(sentence)  # "The company is teaming up with Globex": the article's company, named again
        elif named and not named_as_cause(sentence.text, _list_start(sentence.text, named[0][0])):
            claimed = (-1, -1)  # a sentence about another company (named first) moves the focus to it
            result.append(replace(sentence, about=named[0][1]))
        elif other is None or claimed == (sentence.source, sentence.paragraph):
            result.append(sentence)
        else:
            result.append(replace(sentence, about=other))
    return result
