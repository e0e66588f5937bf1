"""Clean scraped articles: keep article prose about the subject, drop noise and duplicates.

Per article (`clean_article`, independent of the others, so it can run in parallel or come from
the cache): lines become units; labels (lines without final punctuation: headlines, bylines,
timestamps, widgets) mark where the article ends and appended content — related stories, ads,
other companies' news — begins; appended stories survive only if they concern the subject; every
sentence then passes the noise rules. Across the corpus (`clean`): articles that never concern
the subject are dropped whole, and exact or near-duplicate sentences are kept once with every
source that said them. Every removal is a Drop with its reason, for `briefs build --explain`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import language
from .config import Subject
from .model import Article, CleanArticle, Drop
from .vocabulary import Vocabulary, first_words, word_runs

# Fewer words than this and a "sentence" is a label, a button or a fragment.
MIN_WORDS = 6
# A scraped list glued into one run-on "sentence" is not quotable prose.
MAX_WORDS = 90
# Trailing sentences after the article's last mention of the subject are sign-offs and promos
# when there are only a few of them; a longer tail is real prose that uses pronouns.
MAX_TAIL = 3
# An article is about the subject when its headline or its first LEAD kept sentences (the lede)
# name it, or when at least CENTRAL_SHARE of its sentences do; otherwise the subject is a
# passing mention in a story about something else.
LEAD = 1
CENTRAL_SHARE = 0.15
# Near-duplicates: share this much of their content stems (Jaccard) — syndicated copies with a
# word changed, a dateline added or punctuation altered.
NEAR_DUPLICATE = 0.8

# Phrase vocabularies: each runs its regex only on sentences holding one of the words its
# phrases start with (`Vocabulary`), which most article prose does not.
_CALL_TO_ACTION = Vocabulary(
    r"\b(click|tap here|sign[ -]?up|sign in|subscribe|subscription|log[ -]?in|register now|"
    r"download (?:the|our)|read (?:more|next|the original|the full)|don'?t miss|free (?:trial|report|analysis|newsletter)|"
    r"get (?:the latest|your free|access)|follow us|share (?:this|on)|see here|learn more|find out (?:more|what|how)|"
    r"unlock|newsletter|trending:|limited time|act now|join (?:now|today|us)|try (?:it|our) |watch (?:now|the video)|"
    r"sponsored|advertisement|promo code|special offer|buy now|order now|start your|upgrade to)\b",
    lower=True,
)
_LEGAL = Vocabulary(
    r"\b(all rights reserved|investment advice|financial advice|terms (?:and|&|of) (?:conditions|use|service)|"
    r"privacy (?:policy|notice)|cookies?|consent|disclaimer|past performance|for information(?:al)? purposes|"
    r"not indicative of future|fiduciary|originally (?:appeared|published)|copyright|reproduction|"
    r"no (?:specific )?outcome|is not responsible|without notice|forward-looking statements)\b",
    lower=True,
)
_DISCLOSURE = Vocabulary(
    r"\b(?:is|are|am|was) (?:long|short)(?: shares of)? [A-Z]{1,5}\b|\b(?:owns|holds) (?:shares|a position|positions) in\b|"
    r"\bhas no position in\b|\bposition(?:s)? in the (?:stocks?|securities) mentioned\b",
)
_SECOND_PERSON = Vocabulary(r"\b(?:you|your|yours)\b", re.I)
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_BOUNDARY = re.compile(
    r"^(?:related|recommended|more (?:from|on|stories|news|to read|like this)|read (?:more|next|also)|also read|"
    r"see also|trending|popular|most (?:read|popular|viewed)|you (?:may|might) (?:also )?like|top stories|"
    r"latest (?:news|stories)|further reading|up next|what to read next|editor'?s picks|"
    r"(?:related|more) (?:articles|stories|insights|coverage|news|content|posts))\b",
    re.I,
)
_AD_LABEL = re.compile(r"^(?:ad|ads|advert|advertisement|sponsored(?: content)?|promoted|partner content|"
                       r"anzeige|werbung|publicité|publicidad|pubblicità|placeholder)$", re.I)
_TIMESTAMP = re.compile(
    r"^(?:\d+\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago|yesterday|today|just now|"
    r"\d{1,2}:\d{2}|\d+\s+month\s+\d+\s+day|updated|published|posted)\b|\b\d+\s+(?:minutes?|hours?|days?)\s+ago$",
    re.I,
)
_BYLINE = re.compile(r"^(?:by|author|source|posted by|written by|reporting by|edited by|photo|image)\b[:\s]", re.I)
_CREDIT_LINE = re.compile(r"^-?\s*[A-Z][\w.&' -]{0,30}$")
# A list item ("- Revenue: $47.5 billion, up 21%") is prose even without a final period.
_BULLET = re.compile(r"^\s*(?:[-–•*▪]|\d{1,2}[.)])\s+")
# Section labels glued to the front of a sentence by scraping ("Trending: Meta's ...").
_LEAD_LABEL = re.compile(
    r"^(?:trending|update[d]?|breaking(?: news)?|exclusive|analysis|opinion|editor'?s note|"
    r"key (?:takeaways?|points))\s*[:|–—-]\s+",
    re.I,
)
# Pointers to other pages glued to the front of a sentence: the rest is that page's headline.
_LEAD_POINTER = Vocabulary(r"^(?:related|read (?:more|next|also)|see also|more|watch|listen|recommended)\s*[:|–—-]\s+", re.I)
_CREDIT = Vocabulary(r"\b(?:image|photo(?:graph)?|picture|illustration|video|graphic)s?(?: credit)?\s*:\s", re.I)
_PROMO_LABEL = re.compile(r"^[\w'’ ]{2,24}:\s")
_LABEL_REASONS = {
    "ad": "advertisement label",
    "boundary": "navigation (related content)",
    "timestamp": "timestamp",
    "byline": "byline or source label",
    "source": "byline or source label",
    "heading": "fragment or heading",
}


def normalize(text: str) -> str:
    """Return text folded for comparison: NFKC, lower case, words only."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return " ".join(word_runs(text))
    return " ".join(word_runs(unicodedata.normalize("NFKC", text)))


@dataclass
class ArticleClean:
    """One article after per-article cleaning: kept paragraphs of sentences and what was dropped."""

    article: Article
    paragraphs: list[list[str]]
    dropped: list[Drop]
    mentions: int
    # Per kept sentence, computed where the article is cleaned (in a worker process, or cached):
    # its comparison key (`normalize`) and content stems, so the corpus-wide steps reuse them.
    keys: list[list[str]] = field(default_factory=list)
    stems: list[list[tuple[str, ...]]] = field(default_factory=list)

    def features(self) -> list[list[tuple[str, tuple[str, ...]]]]:
        """Return (key, stems) per kept sentence, computing what was not stored."""
        if len(self.keys) != len(self.paragraphs) or len(self.stems) != len(self.paragraphs):
            self.keys = [[normalize(s) for s in p] for p in self.paragraphs]
            self.stems = [[tuple(language.content_stems(s)) for s in p] for p in self.paragraphs]
        return [list(zip(k, st)) for k, st in zip(self.keys, self.stems)]


@dataclass
class Cleaned:
    articles: list[CleanArticle] = field(default_factory=list)
    dropped: list[Drop] = field(default_factory=list)
    # normalized kept sentence -> ids of the other sources that said it (or a near-duplicate)
    echoes: dict[str, list[int]] = field(default_factory=dict)


_DROP_UPPER = str.maketrans("", "", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DROP_LOWER = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz")


def _is_shouting(text: str) -> bool:
    """Return True for text mostly in capitals (legal boilerplate), letters counted in C."""
    lower = len(text) - len(text.translate(_DROP_LOWER))
    if lower >= 0.3 * len(text):
        return False  # capitals can be at most 70% of the letters: most prose stops here
    upper = len(text) - len(text.translate(_DROP_UPPER))
    return upper + lower > 20 and upper / (upper + lower) > 0.7


@lru_cache(maxsize=1)
def _langid():
    import py3langid

    return py3langid


def is_foreign(sentence: str) -> bool:
    """Return True when a sentence is in another language than English.

    py3langid alone misreads name-heavy English sentences, so a sentence also needs few English
    function words to count as foreign.
    """
    if not language.words(sentence) or language.stop_word_share(sentence) >= 0.3:
        return False
    lang, _ = _langid().classify(sentence)
    return lang != "en"


def _is_legal(text: str, runs: tuple[str, ...]) -> bool:
    return "©" in text or _LEGAL.search(text, runs) is not None


def _is_promotion(text: str, runs: tuple[str, ...]) -> bool:
    return _CALL_TO_ACTION.search(_unquoted(text), runs) is not None


def _unquoted(sentence: str) -> str:
    return _QUOTED.sub(" ", sentence)


def _starts_like_a_fragment(sentence: str) -> bool:
    first = sentence.lstrip("\"'“‘([ ")[:2]
    return not first or not (first[0].isalnum() or first[0] in "$€£¥#") or (first[0].islower() and first[1:2].islower())


@lru_cache(maxsize=50_000)
def sentence_noise(sentence: str, *, listed: bool = False) -> str | None:
    """Return why a sentence is noise, or None if it reads as article prose.

    Cached: a syndicated story brings the same sentences in many files, judged once per process.
    """
    n_words = len(language.words(sentence))
    if (not listed and not language.has_final_punctuation(sentence)) or n_words < MIN_WORDS:
        return "fragment or heading"
    if _starts_like_a_fragment(sentence):
        return "fragment or heading"
    if n_words > MAX_WORDS:
        return "run-on text (a list or page dump)"
    runs = word_runs(sentence)
    if _is_shouting(sentence) or _is_legal(sentence, runs):
        return "disclaimer or legal notice"
    if _DISCLOSURE.search(sentence, runs):
        return "position disclosure"
    if _is_promotion(sentence, runs) or _LEAD_POINTER.match(sentence, runs):
        return "call to action or promotion"
    if _CREDIT.search(sentence, runs):
        return "photo credit or caption"
    if is_foreign(sentence):
        return "other language"
    if sentence.rstrip("\"'”’) ").endswith("?"):
        return "question"
    return None


@lru_cache(maxsize=64)
def _subject_pattern(names: tuple[str, ...], tickers: tuple[str, ...]) -> re.Pattern | None:
    parts = [re.escape(n) for n in sorted(names, key=len, reverse=True) if n]
    parts = [f"(?i:{p})" for p in parts] + [re.escape(t) for t in tickers if t]
    if not parts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


@lru_cache(maxsize=64)
def _subject_needles(names: tuple[str, ...], tickers: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Lower-cased names and tickers to pre-test with `in`; None where case folding is not plain ASCII."""
    if not all(n.isascii() for n in names):
        return None
    return tuple(n.lower() for n in names if n), tuple(t for t in tickers if t)


@lru_cache(maxsize=64)
def _subject_words(names: tuple[str, ...], tickers: tuple[str, ...]) -> frozenset[str] | None:
    pattern = _subject_pattern(names, tickers)
    return first_words(pattern) if pattern is not None else None


def mentions(text: str, subject: Subject, runs: tuple[str, ...] | None = None) -> int:
    """Return how many times the text names the subject (a name, an alias, or a ticker).

    `runs`, the text's lower-case word runs (`word_runs`), lets a text holding none of the words the
    names start with skip the search.
    """
    names, tickers = tuple(subject.terms), tuple(subject.tickers)
    pattern = _subject_pattern(names, tickers)
    if pattern is None:
        return 0
    if runs is not None:
        words = _subject_words(names, tickers)
        if words is not None and words.isdisjoint(runs):
            return 0
    # Most sentences name nothing: a substring test in C rules them out before the regex.
    needles = _subject_needles(names, tickers)
    if needles is not None:
        lower = text.lower()
        if not any(n in lower for n in needles[0]) and not any(t in text for t in needles[1]):
            return 0
    return len(pattern.findall(text))


@dataclass
class _Unit:
    text: str
    paragraph: int
    label: bool
    kind: str = ""  # for labels: boundary, ad, timestamp, byline, source, heading


def _label_kind(line: str) -> str:
    bare = line.strip(" -–—•*|:").strip()
    if _AD_LABEL.match(bare):
        return "ad"
    if _BOUNDARY.match(bare):
        return "boundary"
    if _TIMESTAMP.search(bare):
        return "timestamp"
    if _BYLINE.match(bare + " "):
        return "byline"
    if _CREDIT_LINE.match(bare) and len(bare.split()) <= 3:
        return "source"
    return "heading"


def _units(text: str) -> list[_Unit]:
    units = []
    for index, paragraph in enumerate(language.paragraphs(text)):
        for line in language.lines(paragraph):
            enough_words = language.has_words(line, MIN_WORDS)
            bullet = _BULLET.match(line)
            if bullet and enough_words:
                units.append(_Unit(line[bullet.end():], index, False, "list item"))
                continue
            # A long scraped line may hold several sentences and end in a trailing label; it is
            # prose, and its last fragment is dropped at sentence level.
            label = not enough_words or (
                not language.has_final_punctuation(line) and len(language.unit_sentences(line)) == 1
            )
            units.append(_Unit(line, index, label, _label_kind(line) if label else ""))
    return units


def _sentences(unit: _Unit) -> list[str]:
    """Return a prose unit's sentences, with section labels glued to their front cut off."""
    if unit.kind == "list item" and not language.has_final_punctuation(unit.text):
        return [unit.text]
    result = []
    for sentence in language.unit_sentences(unit.text.strip()):
        label = _LEAD_LABEL.match(sentence)
        result.append(sentence[label.end():] if label else sentence)
    return result


@dataclass
class _Story:
    units: list[_Unit] = field(default_factory=list)
    appended: bool = False
    ad: bool = False


def _stories(units: list[_Unit]) -> list[_Story]:
    """Split an article's units into the main story and the stories appended after it."""
    stories = [_Story()]
    pending: list[_Unit] = []  # labels since the last prose unit
    appended = False
    last_paragraph = -1
    for unit in units:
        if unit.label:
            pending.append(unit)
            continue
        kinds = {u.kind for u in pending}
        # A byline and a timestamp between two stories start the next one; above the first
        # paragraph they are the article's own header.
        has_prose = any(not u.label for u in stories[-1].units)
        boundary = bool(kinds & {"boundary", "ad"}) or (
            bool(kinds & {"timestamp", "byline"}) and has_prose and (len(pending) >= 2 or appended)
        )
        new_story = boundary or (appended and (pending or unit.paragraph != last_paragraph))
        if new_story and stories[-1].units:
            stories.append(_Story(appended=True, ad="ad" in kinds))
            appended = True
        elif new_story:
            stories[-1].appended = appended = True
            stories[-1].ad = "ad" in kinds
        stories[-1].units.extend(pending + [unit])
        pending = []
        last_paragraph = unit.paragraph
    if pending:
        stories[-1].units.extend(pending)
    return stories


def _promo_block(reasons: list[str | None], texts: list[str], named: list[int], paragraphs: list[int]) -> None:
    """Drop unnamed sentences sandwiched between promotions or notices in the same paragraph: a promo block's middle."""
    promo = {"call to action or promotion", "disclaimer or legal notice", "position disclosure", "promotion block"}
    for i, text in enumerate(texts):
        if reasons[i] is not None or named[i]:
            continue
        here = paragraphs[i]
        before = i > 0 and reasons[i - 1] in promo and paragraphs[i - 1] == here
        after = any(r in promo and p == here for r, p in zip(reasons[i + 1:i + 3], paragraphs[i + 1:i + 3]))
        # "Don't Miss: <ad>. <ad> — ..." : a labelled promotion lists its items right after the label.
        listed = before and reasons[i - 1] == "call to action or promotion" and _PROMO_LABEL.match(texts[i - 1])
        if (before and after) or listed:
            reasons[i] = "promotion block"


def clean_article(article: Article, subject: Subject) -> ArticleClean:
    """Return one article's kept prose (paragraphs of sentences) and what was dropped, and why."""
    dropped: list[Drop] = []
    paragraphs: dict[int, list[str]] = {}
    title_runs = word_runs(article.title)
    if article.title and (_CALL_TO_ACTION.search(article.title, title_runs) or _is_legal(article.title, title_runs)):
        dropped.append(Drop("promotional title", article.title, article.path))
        article = replace(article, title="")
    total_mentions = mentions(article.title, subject)
    for story_index, story in enumerate(_stories(_units(article.text))):
        prose = [u for u in story.units if not u.label]
        for unit in story.units:
            if unit.label:
                dropped.append(Drop(_LABEL_REASONS[unit.kind], unit.text, article.path))
        if not prose:
            continue
        story_text = " ".join(u.text for u in prose)
        story_mentions = mentions(story_text, subject)
        if story.ad:
            dropped.extend(Drop("advertisement", u.text, article.path) for u in prose)
            continue
        if story.appended and (story_mentions == 0 or not subject.names):
            dropped.extend(Drop("appended story about something else", u.text, article.path) for u in prose)
            continue
        total_mentions += story_mentions
        sentences = [(u.paragraph, s, u.kind == "list item") for u in prose for s in _sentences(u)]
        texts = [s for _, s, _ in sentences]
        reasons = [sentence_noise(s, listed=listed) for _, s, listed in sentences]
        named = [mentions(t, subject, word_runs(t)) for t in texts]
        for i, text in enumerate(texts):
            if reasons[i] is None and not named[i] and _SECOND_PERSON.search(_unquoted(text), word_runs(text)):
                reasons[i] = "call to action or promotion"
        _promo_block(reasons, texts, named, [p for p, _, _ in sentences])
        if subject.names and story_index == 0:
            last = max((i for i, n in enumerate(named) if n), default=None)
            if last is not None and 0 < len(texts) - 1 - last <= MAX_TAIL:
                for i in range(last + 1, len(texts)):
                    if not sentences[i][2]:  # list items carry the article's figures, not sign-offs
                        reasons[i] = reasons[i] or "sign-off after the article"
        for (paragraph, text, _), reason in zip(sentences, reasons):
            if reason:
                dropped.append(Drop(reason, text, article.path))
            else:
                paragraphs.setdefault(story_index * 10_000 + paragraph, []).append(text)
    item = ArticleClean(article, [paragraphs[k] for k in sorted(paragraphs)], dropped, total_mentions)
    item.features()
    return item


def is_central(item: ArticleClean, subject: Subject) -> bool:
    """Return True if the article is about the subject rather than naming it in passing."""
    if not subject.names or mentions(item.article.title, subject):
        return True
    sentences = [s for p in item.paragraphs for s in p]
    if any(mentions(s, subject) for s in sentences[:LEAD]):
        return True
    return item.mentions >= max(2, CENTRAL_SHARE * len(sentences))


class _Deduper:
    """Finds exact and near-duplicate sentences in one pass: hashing, no pairwise comparison."""

    def __init__(self) -> None:
        self.exact: dict[str, str] = {}
        # Syndicated copies keep either their opening or their closing words: the first and the
        # last five stems of a sentence index it, and only sentences sharing one are compared.
        self.heads: dict[tuple[str, ...], list[tuple[str, frozenset, int]]] = {}
        self.tails: dict[tuple[str, ...], list[tuple[str, frozenset, int]]] = {}

    def seen(self, sentence: str, key: str | None = None, stems: tuple[str, ...] | None = None) -> str | None:
        """Return the normalized key of an earlier sentence saying the same, else record this one."""
        key = normalize(sentence) if key is None else key
        earlier = self.exact.get(key)
        if earlier is not None:
            return earlier
        stems = tuple(language.content_stems(sentence)) if stems is None else tuple(stems)
        if len(stems) < 5:
            self.exact[key] = key
            return None
        stem_set = frozenset(stems)
        size = len(stem_set)
        head, tail = stems[:5], stems[-5:]
        for bucket in (self.heads.get(head), self.tails.get(tail)):
            for other_key, other_set, other_size in bucket or ():
                # Jaccard is at most the smaller set's size over the larger's: most pairs stop here.
                if other_size < NEAR_DUPLICATE * size or size < NEAR_DUPLICATE * other_size:
                    continue
                shared = len(stem_set & other_set)
                if shared / (size + other_size - shared) >= NEAR_DUPLICATE:
                    self.exact[key] = other_key
                    return other_key
        self.exact[key] = key
        entry = (key, stem_set, size)
        self.heads.setdefault(head, []).append(entry)
        self.tails.setdefault(tail, []).append(entry)
        return None


def clean(articles: list[Article], subject: Subject) -> Cleaned:
    """Return the articles with noise, off-subject content and duplicate sentences removed."""
    return combine([clean_article(a, subject) for a in articles], subject)


def combine(cleaned_articles: Iterable[ArticleClean], subject: Subject) -> Cleaned:
    """Return the corpus-level result: off-subject articles out, duplicates merged, ids numbered."""
    combiner = Combiner(subject)
    for item in cleaned_articles:
        combiner.add(item)
    return combiner.result


class Combiner:
    """`combine`, one article at a time: a build feeds it each file's articles as workers finish them.

    Articles must arrive in corpus order: the first to say a sentence keeps it, later ones echo it.
    """

    def __init__(self, subject: Subject) -> None:
        self.subject = subject
        self.result = Cleaned()
        self._deduper = _Deduper()
        self._owner: dict[str, int] = {}

    def add(self, item: ArticleClean) -> None:
        """Take in one cleaned article: drop it if off-subject, else keep its new sentences as a source."""
        result, subject = self.result, self.subject
        article = item.article
        result.dropped.extend(item.dropped)
        if subject.names and item.mentions == 0:
            result.dropped.append(Drop("article not about the subject", article.title or article.path, article.path))
            return
        source_id = len(result.articles) + 1
        seen, owner = self._deduper.seen, self._owner
        paragraphs, keys, stems = [], [], []
        echoes_here: list[tuple[str, int]] = []
        for paragraph, features in zip(item.paragraphs, item.features()):
            kept, kept_keys, kept_stems = [], [], []
            for sentence, (key, sentence_stems) in zip(paragraph, features):
                earlier = seen(sentence, key, sentence_stems)
                if earlier is None:
                    kept.append(sentence)
                    kept_keys.append(key)
                    kept_stems.append(sentence_stems)
                    owner[key] = source_id
                else:
                    result.dropped.append(Drop("duplicate sentence", sentence, article.path))
                    echoes_here.append((earlier, source_id))
            if kept:
                paragraphs.append(kept)
                keys.append(kept_keys)
                stems.append(kept_stems)
        if not paragraphs and not echoes_here:
            result.dropped.append(Drop("no article prose left", article.title or article.path, article.path))
            return
        # An article that only repeats others stays a source: its facts are cited to it too.
        for key, source in echoes_here:
            if owner.get(key) != source and source not in result.echoes.setdefault(key, []):
                result.echoes[key].append(source)
        result.articles.append(CleanArticle(id=source_id, article=article, paragraphs=paragraphs,
                                            central=is_central(item, subject), keys=keys, stems=stems))
