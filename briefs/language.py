"""Offline language layer: sentences, words, stems, stop words and language identification with no data download.

NLTK's Punkt runs on parameters we build here (abbreviations of financial news) instead of
NLTK's pickled Punkt model, which is a separate data download; stems come from NLTK's Snowball
stemmer, stop words from the list sumy ships and the language of a text from py3langid's
bundled model, so every resource is in a PyPI package.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Collection, Mapping
from functools import lru_cache
from importlib import resources
from itertools import islice

# NLTK and sumy are imported where first used: importing NLTK takes most of a second, and
# `briefs --version` or `--help` should not wait for it.

LANGUAGE = "english"

# Abbreviations that end with a period but rarely end a sentence in business news.
# Lower-case, without the final period, as Punkt stores them.
ABBREVIATIONS = frozenset(
    """
    u.s u.k u.n e.u u.s.a n.y d.c l.a s.f e.g i.e etc vs v approx est
    inc corp co ltd llc plc cos bros assn dept govt intl mfg
    mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt adm gov sen rep pres supt rev hon
    no nos vol fig figs pp p para ch art sec sect ref
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    a.m p.m
    ave blvd rd
    """.split()
)
# Single capital letters followed by a period are initials ("J. P. Morgan"), not sentence ends.
INITIALS = frozenset("abcdefghijklmnopqrstuvwxyz")

_TERMINAL = re.compile(r"""[.!?…]['"”’)\]]*$""")
# "..." or "…" then a capitalised word starts a new sentence; Punkt keeps them together.
_ELLIPSIS_BREAK = re.compile(r"""(?:(?<=\.\.\.)|(?<=…))\s+(?=["“]?[A-Z])"""
                            # Flattened pages lose the space after a full stop ("it said.According to"):
                            # a word's stop (two lower-case letters before it, so not "Mr.") glued to a
                            # capitalised word ends a sentence; Punkt sees one word there.
                            r"""|(?:(?<=[a-z]{2}[.!?])|(?<=[a-z]{2}[.!?]["”’]))(?=[A-Z][a-z])""")
# ... and so does a stop after a closing bracket, before any capital ("… such as
# Globex(GLX1.19%).Globex continues …"); read only in a sentence holding ")" and a stop after it.
_BRACKET_STOP = re.compile(r"(?=[A-Z])(?<=[\w%]\)[.!?])")
_WORD = re.compile(r"\w", re.UNICODE)
# A list item starts a unit of its own, whatever the line before it.
_BULLET = re.compile(r"^(?:[-–•*▪]|\d{1,2}[.)])\s+")


def import_nltk() -> None:
    """Import NLTK without the half second of `scipy.stats` its package init pulls in.

    `import nltk` runs `nltk.collocations`, whose `nltk.metrics.association` imports
    `scipy.stats` for `fisher_exact` alone and keeps a stub when that import fails. briefs never
    calls it, so NLTK is imported with `scipy.stats` unavailable (a `None` entry in `sys.modules`
    is how the import system spells "not importable"), then the entry is removed so anyone may
    import `scipy.stats` after. Call it before anything that imports NLTK or sumy's NLP modules.
    """
    if "nltk" in sys.modules or "scipy.stats" in sys.modules:
        return
    sys.modules["scipy.stats"] = None  # type: ignore[assignment]
    try:
        import nltk  # noqa: F401
    finally:
        del sys.modules["scipy.stats"]


def prepare() -> None:
    """Load NLTK's sentence splitter and stemmer and the stop words now rather than at first use.

    A build calls it before its worker processes fork: they inherit all three instead of each
    importing NLTK again (half a second of CPU per worker), and the build needs the stemmer anyway.
    py3langid's model, when `prefetch_identifier` began loading it, is waited for here too.
    """
    _punkt()
    _stemmer()
    _compiled_stemmer()
    stop_words()
    if _prefetch is not None:
        _prefetch.join()


_prefetch: threading.Thread | None = None


def prefetch_identifier() -> None:
    """Begin loading py3langid's model in a thread, for worker processes about to fork to inherit.

    Each worker would otherwise decompress the same 68 MB on its own (half a second of CPU
    each) while both cores are busy. The coordinator loads it once while it hashes the files
    for the cache, and `prepare` waits for it before the fork.
    """
    global _prefetch
    if _prefetch is None and _identifier.cache_info().currsize == 0:
        _prefetch = threading.Thread(target=_load_identifier_quietly, name="briefs-langid", daemon=True)
        _prefetch.start()


def _load_identifier_quietly() -> None:
    try:
        _identifier()
    except Exception:  # noqa: BLE001 (a broken model fails where a sentence needs it, as without the thread)
        pass


def prefetching() -> bool:
    """Return True while `prefetch_identifier`'s thread is still loading the model."""
    return _prefetch is not None and _prefetch.is_alive()


@lru_cache(maxsize=1)
def _punkt():
    import_nltk()
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types.update(ABBREVIATIONS | INITIALS)
    return PunktSentenceTokenizer(params)


# Words as an analyst reads them: initialisms with their periods ("U.S."), numbers with their
# decimal point or thousands separator ("4.2", "1,000"), words with inner hyphens and apostrophes
# ("year-over-year", "Meta's"). One compiled pattern: NLTK's Treebank tokenizer made ~20 regex
# passes per sentence and was most of the pipeline's time (NLTK still splits the sentences).
_WORD_PATTERN = re.compile(r"(?:[A-Za-z]\.){2,}|\d+(?:[.,]\d+)*|\w+(?:['’-]\w+)*")


def _hard_wrapped(lines: list[str]) -> bool:
    """Return True when a paragraph's lines look wrapped at a fixed width (e-mail, plain-text wires)."""
    body = lines[:-1]
    if len(body) < 3:
        return False
    width = max(len(line) for line in body)
    return width <= 100 and sum(len(line) >= 0.75 * width for line in body) >= 0.8 * len(body)


def _lines_to_units(paragraph: str) -> list[str]:
    """Return text units of a paragraph: wrapped lines joined, headings and labels kept apart.

    Scraped pages put headlines, bylines and widget labels on lines of their own, with no final
    punctuation; joining those to the next line would glue noise onto prose. A line is joined to
    the previous one only when the paragraph is hard-wrapped, or the previous line stops mid-clause
    (a comma or hyphen) or the new line starts in lower case.
    """
    lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
    wrapped = _hard_wrapped(lines)
    units: list[str] = []
    for line in lines:
        if units and not _BULLET.match(line) and not _TERMINAL.search(units[-1]) and (
            wrapped or line[:1].islower() or units[-1].endswith((",", "-", "—", ";"))
        ):
            units[-1] = f"{units[-1]} {line}"
        else:
            units.append(line)
    return units


def lines(paragraph: str) -> list[str]:
    """Return a paragraph's text units: wrapped lines joined, headings and labels apart."""
    return _lines_to_units(paragraph)


def paragraphs(text: str) -> list[str]:
    """Return the blank-line separated paragraphs of `text`, stripped, non-empty."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def sentences(text: str) -> list[str]:
    """Return the sentences of `text`, verbatim, in order; lines without final punctuation stand alone."""
    result: list[str] = []
    for paragraph in paragraphs(text):
        for unit in _lines_to_units(paragraph):
            result.extend(unit_sentences(unit))
    return result


# Punkt ends a sentence at an initialism it was not given ("K.L.", "R.T.", "Q.R.S."): one
# followed by a word no sentence starts with, a lower-case word or a name ("K.L. Ranking's poll",
# "R.T. Fielding", "Q.R.S. last week"), continues the sentence. Followed by a word sentences often
# start with ("He", "The", "In"), it may end one, and Punkt's break stands.
_INITIALISM_END = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}$")
_NEXT_WORD = re.compile(r"[(\[]|[\"“‘']?([\w][\w'’-]*)")


def _continues(previous: str, following: str) -> bool:
    """Return True when Punkt broke `previous` from `following` at an initialism inside one sentence."""
    if previous[-3:-2] != "." or previous[-1:] != "." or not _INITIALISM_END.search(previous):
        return False  # cheap test first: an initialism ends in a stop with another stop two characters before it
    match = _NEXT_WORD.match(following)
    if match is None:
        return False
    word = match.group(1)
    return word is None or word[:1].islower() or word.lower() not in stop_words()


def unit_sentences(unit: str) -> list[str]:
    """Return the sentences of one text unit (a line as `lines` gives it): what `sentences` does per unit."""
    spans: list[list[int]] = []
    for start, end in _punkt().span_tokenize(unit):
        if spans and _continues(unit[spans[-1][0]:spans[-1][1]], unit[start:end]):
            spans[-1][1] = end  # verbatim: the unit's own text between the two pieces
        else:
            spans.append([start, end])
    result: list[str] = []
    for start, end in spans:
        chunk = unit[start:end]
        pieces = _ELLIPSIS_BREAK.split(chunk)
        if ")." in chunk or ")!" in chunk or ")?" in chunk:
            pieces = [q for p in pieces for q in _BRACKET_STOP.split(p)]
        result.extend(s.strip() for s in pieces if s.strip())
    return result


def folded(word: str, table: Mapping[str, int]) -> int:
    """Return the table's value for the lower-case key a case-insensitive pattern matched as `word`.

    `re.I` also matches letters that `lower()` does not fold to ASCII ("thİrd", "thırd", "ſep"):
    scraped text holds them, and such a word must still find its key rather than fail the build.
    """
    value = table.get(word.lower())
    if value is None:
        value = next(v for key, v in table.items() if re.fullmatch(re.escape(key), word, re.I))
    return value


def words(sentence: str) -> list[str]:
    """Return the word tokens of a sentence (punctuation never forms a token)."""
    return list(_words(sentence))


@lru_cache(maxsize=100_000)
def _words(sentence: str) -> tuple[str, ...]:
    return tuple(_WORD_PATTERN.findall(sentence))


def has_words(text: str, count: int) -> bool:
    """Return True if the text holds at least `count` word tokens (it stops counting there)."""
    return len(list(islice(_WORD_PATTERN.finditer(text), count))) >= count


# Quotes are someone else's words, and a parenthesis is an aside or a link label ("(NASDAQ:XYZ –
# Free Report)"): neither is the writer's. A quote left open runs to the end; a closing mark with
# no opening one ends a quote begun earlier.
_ASIDE = re.compile(r"[\"“][^\"”]*[\"”]|\([^()]*\)|[\"“][^\"”]*$|^[^\"“”]*”")


def own_words(sentence: str) -> str:
    """Return the sentence without quotes and parenthetical asides: the writer's own words."""
    return _ASIDE.sub(" ", sentence) if ('"' in sentence or "“" in sentence or "”" in sentence or "(" in sentence) else sentence

# The writer advising the reader or investors ("investors who own it should hold", "readers should
# wait", "you may want to"): advice, not news. Quoted advice is someone's news and does not count.
_ADVICE = re.compile(r"\b(?:investors|shareholders|readers|you)\b(?:\s+[\w’'-]+){0,4}?\s+"
                     r"(?:should(?:n['’]t)?|may want to|might want to|would do well to|ought to|had better)\b", re.I)


def gives_advice(sentence: str) -> bool:
    """Return True when the writer, in its own words, advises the reader or investors."""
    return _ADVICE.search(own_words(sentence)) is not None


# What makes a clause: an auxiliary or modal, a personal pronoun as a subject, a contraction, or a
# common verb whose forms carry no ending ("cut", "fell", "plan"). Any word ending in -ed, -ing
# or -s (not -ss, -us, -is) might be a verb too, so `has_verb` errs towards yes.
_CLAUSE_WORDS = frozenset("""
is are was were be been being am has have had do does did will would can could shall should may might must
i we you they he she
fell rose grew sold bought won lost paid hit cut put set led left made took came went got saw told said sent spent built
held kept met ran began became brought thought caught chose drew drove fled flew forgot froze gave hid hurt knew lay lent lit
meant quit read rang rode sank shook shot shut sang sat slid spoke split spread stood stole struck swore swept swam taught tore
threw understood woke wore wrote bid beat bet bore broke burst cast cost crept dealt dug fed felt fought found hung heard laid
leapt let shed sought wound fall rise grow sell buy win lose pay make take come go get see tell say send spend build hold keep
meet run begin become bring think give know find plan agree expect remain need want seem face note believe hope fear look help
show offer call ask try use work add own lead trade continue include provide reach allow rank exist learn browse
""".split())
_CONTRACTION = re.compile(r"[\w][’']\s?(?:s|re|ve|ll|d|t|m)\b", re.I)
# Most sentences hold a lower-case word ending in -ed or -s (not -ss, -us, -is): found in one search.
_VERB_ENDING = re.compile(r"[a-z]{2}(?:ed|[^sui\W]s)\b")


def has_verb(sentence: str) -> bool:
    """Return True unless the sentence has no word that could be a verb: "A triumph of design over
    sense.", "Probably a phone of that era." — a reader's comment, a caption, a list entry, not news.

    Read by form alone (no tagger ships offline): an auxiliary, a pronoun, a contraction, a common
    verb from `_CLAUSE_WORDS`, or a word ending in -ed, -ing or -s counts, so a fragment of plural
    nouns ("Homes and small offices …") passes and a clause is never taken for a fragment by its verb's form.
    """
    if _VERB_ENDING.search(sentence) or _CONTRACTION.search(sentence):
        return True
    for word in _words(sentence):
        for part in word.lower().split("-"):  # "rolled-out", "follow-ups"
            if part in _CLAUSE_WORDS or (len(part) > 3 and part.endswith("ed")) or (
                    len(part) > 4 and part.endswith("ing") and not part.endswith("thing")) or (
                    len(part) > 2 and part.endswith("s") and not part.endswith(("ss", "us", "is"))):
                return True
    return False


def has_final_punctuation(sentence: str) -> bool:
    """Return True when the sentence ends like a sentence (., !, ?, … with closing quotes)."""
    # What `_TERMINAL` matches, read from the end instead of searched for (the regex tries every
    # position): no terminal mark is a closing one, so it stands right before the closing run.
    return sentence.strip().rstrip(_CLOSING_MARKS).endswith(_TERMINAL_MARKS)


_TERMINAL_MARKS = (".", "!", "?", "…")
_CLOSING_MARKS = "'\"”’)]"


@lru_cache(maxsize=1)
def _stemmer():
    import_nltk()
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer(LANGUAGE)


@lru_cache(maxsize=1)
def _compiled_stemmer():
    """Return PyStemmer's English `stemWord` (Snowball compiled to C), or None where it cannot stand in for NLTK's."""
    try:
        import Stemmer
    except ImportError:
        return None
    # `_NLTK_ONLY` was derived and checked against Snowball 3.1's English; another release may differ elsewhere.
    # No cache of its own (size 0): `stem` caches above it, and PyStemmer's halves its speed.
    return Stemmer.Stemmer(LANGUAGE, 0).stemWord if Stemmer.version().startswith("3.1.") else None


# PyStemmer compiles Snowball 3.1, NLTK implements the older English Snowball that sumy (and every
# stem we store) uses. The two differ only on words with Snowball 3's new R1 prefixes, "past" or
# "-ogist", on step 1b (-ed, -ing), and after a step-2/3 suffix that shrinks (NLTK tracks its
# regions on the shortened word): such words, in any inflection, and any word not plain ASCII go to
# NLTK; the rest (about four in five of a week's new words) get the same stem 30 times faster. Checked
# on every distinct word of the dev corpora and 7 million inflected forms of them (docs/performance.md).
_PLAIN_WORD = re.compile(r"'?([a-z0-9-]+?)(?:'s'|'s|')?")
_NLTK_ONLY = re.compile(
    r"^(?:gener|commun|arsen|univers|later|emerg|organ|inter)|past|ogist|ie[sd]$"
    r"|(?:ed|edly|ing|ingly|ational|tional|ization|izer|ation|ator|alism|aliti|alli|ally|fulness|ousli|ously"
    r"|ousness|iveness|iviti|ivity|biliti|bility|bli|bly|fulli|fully|lessli|lessly|entli|ently|alize|icate|ality"
    r"|iciti|icity|ical)(?:e?s)?$")


def snowball(word: str) -> str:
    """Return NLTK's English Snowball stem of a lower-case word."""
    plain = _PLAIN_WORD.fullmatch(word)
    compiled = _compiled_stemmer()
    if plain is None or compiled is None or _NLTK_ONLY.search(plain[1]):
        return _stemmer().stem(word)
    return compiled(word)


def stem_overlap(a: Collection[str], b: Collection[str]) -> float:
    """Return the Jaccard overlap of two sets of stems, 0 when either is empty: how alike two sentences' words are.

    The one measure of likeness; each caller keeps its own threshold and says why (clean's
    near-duplicate, select's redundancy, history's already-reported, stories' template family).
    """
    a = a if isinstance(a, (set, frozenset)) else set(a)  # not copied: dedup compares ~200,000 pairs at 10,000 articles
    b = b if isinstance(b, (set, frozenset)) else set(b)
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)  # the union's size, without building it


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return the Snowball stem of a lower-cased word (curly apostrophes read as straight ones)."""
    return snowball(word.lower().replace("’", "'"))


# SymSpell's dictionaries, package data of symspellpy. Should a release move or rename them, the
# brief parts no glued words rather than fail: an empty dictionary holds no part (`select._lower_seams`).
DICTIONARY = ("symspellpy", "frequency_dictionary_en_82_765.txt")
BIGRAM_DICTIONARY = ("symspellpy", "frequency_bigramdictionary_en_243_342.txt")


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Return the words of an English dictionary, lower case: the 82,765 most frequent words of
    SymSpell's frequency dictionary (read as a file; about 20 ms), or none if it cannot be read."""
    try:
        data = resources.files(DICTIONARY[0]) / DICTIONARY[1]
        return frozenset(data.read_text(encoding="utf-8").split()[::2])
    except (ImportError, OSError, UnicodeDecodeError):
        return frozenset()


@lru_cache(maxsize=1)
def dictionary_pairs() -> frozenset[str]:
    """Return the word pairs ("is back", "back in") of SymSpell's English bigram dictionary, lower
    case, one space between (about 120 ms), or none if it cannot be read."""
    try:
        data = resources.files(BIGRAM_DICTIONARY[0]) / BIGRAM_DICTIONARY[1]
        with data.open(encoding="utf-8") as lines:
            return frozenset(line.rsplit(" ", 1)[0] for line in lines if line.count(" ") == 2)
    except (ImportError, OSError, UnicodeDecodeError):
        return frozenset()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Return sumy's English stop-word list."""
    from sumy.utils import get_stop_words

    return frozenset(get_stop_words(LANGUAGE))


def content_stems(sentence: str) -> list[str]:
    """Return stems of the non-stop-words of a sentence, lower-cased."""
    return list(_stemmed(sentence)[0])


def stop_word_share(sentence: str) -> float:
    """Return the share of a sentence's words that are stop words (0.0 for no words)."""
    tokens = _words(sentence)
    return _stemmed(sentence)[1] / len(tokens) if tokens else 0.0


# token as written -> its stem, or "" for a stop word: one dict lookup per token on the hot path.
_CONTENT_STEM: dict[str, str] = {}


# A number ("2.5", "1,000") is its own stem: Snowball only rewrites letters.
_NUMBER = re.compile(r"[\d.,]+")


def _content_stem(token: str) -> str:
    lower = token.lower()
    value = "" if lower in stop_words() else lower if _NUMBER.fullmatch(lower) else stem(lower)
    if len(_CONTENT_STEM) < 500_000:
        _CONTENT_STEM[token] = value
    return value


@lru_cache(maxsize=100_000)
def _stemmed(sentence: str) -> tuple[tuple[str, ...], int]:
    """Return (content stems, number of stop words) of a sentence, tokens looked up in C."""
    tokens = _words(sentence)
    values = list(map(_CONTENT_STEM.get, tokens))
    if None in values:
        # A token opening on an ASCII digit is a number (`_WORD_PATTERN`), its own stem: not worth
        # a place in the table, since a week's figures are mostly new ones.
        values = [v if v is not None else t if "0" <= t[0] <= "9" else _content_stem(t) for t, v in zip(tokens, values)]
    stems = tuple(filter(None, values))
    return stems, len(values) - len(stems)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def identify(text: str) -> str:
    """Return the ISO 639-1 code of the language py3langid reads in the text ("en", "de"...)."""
    if _prefetch is not None:
        _prefetch.join()  # one load, not a second one beside the thread's
    return _identifier().classify(text)[0]


class SumyTokenizer:
    """sumy's tokenizer interface (`language`, `to_sentences`, `to_words`) on our offline layer."""

    language = LANGUAGE

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))
