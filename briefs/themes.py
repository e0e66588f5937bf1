"""Group sentences into themes: the audience's configured themes first, then discovered ones.

A configured theme is a name, a description and terms (words or phrases, matched on stems).
Each sentence joins the theme whose terms it matches best; phrases count more than single
words because they are more specific. The stories no configured theme takes (see stories.py)
become discovered themes, named by their key terms.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from . import language
from .audience import ThemeSpec
from .model import Sentence, Theme

# Fewer sentences than this and a configured theme is too thin to show (discovered ones need MIN_CLUSTER).
MIN_THEME_SENTENCES = 1
# A discovered theme needs this many sentences or articles.
MIN_CLUSTER = 4
# Words too general to name a theme ("company", "year", "said", "reported"), the words of any week's price talk
# ("recent", "high", "low", "shares") and of ticker syntax ("NASDAQ: ACME"): left out of clustering
# and labels, so a discovered theme is named by what its story is about, not by the stock's "one
# year low and high".
GENERIC = frozenset(language.stem(w) for w in
                    "company companies business firm group year years time people way thing things part lot "
                    "new said says report according also one two make made get got like well much many week "
                    "recent recently today yesterday day days month months high higher low lower percent "
                    "price prices stock stocks share shares trading traded investors rose fell declined comment "
                    "performance date "
                    "nasdaq nyse otc otcmkts amex tsx lse symbol".split())


def _term_stems(term: str) -> tuple[str, ...]:
    return tuple(language.stem(w) for w in language.words(term.lower()))


def _sentence_stems(sentence: Sentence, prefixes: set[str] | None = None) -> list[str]:
    """Return every word's stem, stop words included, so phrases like "chief executive" match.

    With `prefixes`, a longer word whose first two letters begin no term's stem gets "" instead:
    Snowball keeps the first two letters of words over five letters without an apostrophe (short
    ones can change: "dying" -> "die"), so it could match nothing — and stemming every word of a
    large corpus is most of the theme stage's time.
    """
    return [language.stem(w) if prefixes is None or w[:2] in prefixes or len(w) <= 5 or "'" in w or "’" in w
            else "" for w in language.words(sentence.text.lower())]


class Matcher:
    """Scores sentences against configured themes by stemmed term and phrase matches."""

    def __init__(self, specs: list[ThemeSpec], ignore: set[str] = frozenset(),
                 weights: dict[str, float] | None = None):
        self.weights = weights or {}  # term stem -> its weight (1.0 where absent); see term_weights
        self.unigrams: list[set[str]] = []
        self.phrases: list[dict[tuple[str, ...], float]] = []
        for spec in specs:
            stems = [_term_stems(t) for t in spec.terms]
            self.unigrams.append({s[0] for s in stems if len(s) == 1 and s[0] not in ignore})
            # A phrase is worth one point per word: "operating income" beats "income".
            self.phrases.append({s: float(len(s)) for s in stems if len(s) > 1})
        self.prefixes = {stem[:2] for unigrams in self.unigrams for stem in unigrams} | {
            stem[:2] for phrases in self.phrases for phrase in phrases for stem in phrase}
        # Indexes for one pass over a sentence: stem -> themes it signals; first stem -> phrases.
        self.by_stem: dict[str, list[int]] = {}
        self.by_first: dict[str, list[tuple[tuple[str, ...], int, float]]] = {}
        for index, (unigrams, phrases) in enumerate(zip(self.unigrams, self.phrases)):
            for stem in unigrams:
                self.by_stem.setdefault(stem, []).append(index)
            for phrase, weight in phrases.items():
                self.by_first.setdefault(phrase[0], []).append((phrase, index, weight))
        # A sentence's content stems (computed when it was cleaned) hold every stem a term can
        # match, except stems of stop words ("reasonably" stems to "reason"): only a sentence
        # holding a phrase's first stem, or one of those stop words, needs every word stemmed.
        self.phrase_firsts = frozenset(self.by_first)
        self.term_stems = frozenset(self.by_stem)
        starts = set(self.by_stem) | self.phrase_firsts
        self.stop_words = tuple(sorted(w for w in language.stop_words() if language.stem(w) in starts))

    def best(self, sentence: Sentence) -> tuple[int | None, float]:
        """Return the index of the theme the sentence fits best (None if none) and the match score.

        A theme scores one point per distinct term stem in the sentence, plus each distinct
        phrase's weight, in one pass over the sentence.
        """
        if not self.unigrams:
            return None, 0.0
        content = sentence.stems
        full = not content or not self.phrase_firsts.isdisjoint(content) or (
            bool(self.stop_words) and any(w in sentence.text.lower() for w in self.stop_words))
        stems = _sentence_stems(sentence, self.prefixes) if full else content
        scores = [0.0] * len(self.unigrams)
        hits = self.term_stems.intersection(stems)
        if hits:
            hits -= _name_stems(sentence.text, hits)
        for stem in hits:
            for index in self.by_stem[stem]:
                scores[index] += self.weights.get(stem, 1.0)
        if full and self.by_first:
            found: set[tuple[tuple[str, ...], int]] = set()
            for i, stem in enumerate(stems):
                for phrase, index, weight in self.by_first.get(stem, ()):
                    if (phrase, index) not in found and tuple(stems[i:i + len(phrase)]) == phrase:
                        found.add((phrase, index))
                        scores[index] += weight
        top = max(scores)
        return (scores.index(top) if top > 0 else None), top


def _name_stems(text: str, wanted: set[str]) -> set[str]:
    """Return the stems of `wanted` the sentence writes only inside names: a capitalised word after
    the first ("Acme's Model K", "the Frontier Fund") is a name, not the common word a theme's term means."""
    words = language.words(text)
    capitalised = [index > 0 and word[:1].isupper() and not word.isupper() for index, word in enumerate(words)]
    named = {stem for word, name in zip(words, capitalised) if name and (stem := language.stem(word)) in wanted}
    if not named:
        return named  # the common words need no stemming: the answer is within `named`
    return named - {language.stem(word) for word, name in zip(words, capitalised) if not name}


def assign(sentences: list[Sentence], specs: list[ThemeSpec], *, discover: int = 2,
           ignore: list[str] | None = None, about: Callable[[str], bool] | None = None,
           discoverable: Callable[[Sentence], bool] | None = None) -> list[Theme]:
    """Return non-empty themes, configured first, each with its candidate sentences and counts.

    `ignore` lists words never used for matching (the subject's own names match every theme);
    `about` says whether a text names the subject (discovered themes must, see ANCHOR_SHARE);
    `discoverable` says whether a sentence may found a discovered theme (the fixed lines of
    templated notes, promotions and reviews share their words file after file, and would name a
    theme "Also: hold, llc's, worth"); the others may still join a configured theme.
    """
    ignored = {language.stem(w) for name in (ignore or []) for w in language.words(name.lower())}
    matcher = Matcher(specs, ignored, term_weights(sentences, specs))
    members: list[list[Sentence]] = [[] for _ in specs]
    leftovers: list[Sentence] = []
    for sentence, index in zip(*_by_story(sentences, matcher)):
        if index is None:
            leftovers.append(sentence)
        else:
            members[index].append(sentence)
    pool = leftovers if discoverable is None else [s for s in leftovers if discoverable(s)]
    discovered = discover_themes(pool, discover, ignored, about)
    _adopt(members, leftovers, discovered, about)
    themes = [Theme(name=s.name, description=s.description, candidates=m) for s, m in zip(specs, members)]
    themes.extend(discovered)
    counted = [replace(t, sentence_count=len(t.candidates),
                       article_count=len({src for s in t.candidates for src in s.sources})) for t in themes]
    return [t for t in counted if t.sentence_count >= MIN_THEME_SENTENCES]


def _adopt(members: list[list[Sentence]], leftovers: list[Sentence], discovered: list[Theme],
           about: Callable[[str], bool] | None) -> None:
    """Add to `members` the leftovers no discovered theme took that name the subject, each to the
    configured theme of its article's nearest themed sentence: a fact stated without any theme's
    words ("… marks the largest failure since 2008") belongs with the passage it stands in, not
    nowhere — nor with the theme most of its article took, which would swell the week's biggest theme."""
    if about is None or not any(members):
        return
    taken = {id(s) for theme in discovered for s in theme.candidates}
    themed: dict[int, list[tuple[int, int]]] = {}  # article -> (position, theme index) of its themed sentences
    for index, group in enumerate(members):
        for sentence in group:
            themed.setdefault(sentence.source, []).append((sentence.position, index))
    for places in themed.values():
        places.sort()
    for sentence in leftovers:
        places = themed.get(sentence.source)
        if id(sentence) not in taken and places and about(sentence.text):
            # The nearest themed sentence, the one before it on a tie: the passage it continues.
            nearest = min(places, key=lambda p: (abs(p[0] - sentence.position), p[0] > sentence.position))
            members[nearest[1]].append(sentence)


# A term that more than this share of the week's sentences hold ("shares", "stock") says little
# about which theme a sentence belongs to: it counts COMMON_TERM_SHARE / its share, so such words
# stop pulling half a week into one theme.
COMMON_TERM_SHARE = 0.05


def term_weights(sentences: list[Sentence], specs: list[ThemeSpec]) -> dict[str, float]:
    """Return a weight below 1 for each single-word term stem common in these sentences."""
    terms = {stems[0] for spec in specs for stems in map(_term_stems, spec.terms) if len(stems) == 1}
    if not sentences or not terms:
        return {}
    counts = Counter(stem for s in sentences for stem in terms.intersection(s.stems))
    n = len(sentences)
    return {stem: min(1.0, COMMON_TERM_SHARE * n / c) for stem, c in counts.items() if c > COMMON_TERM_SHARE * n}


def _by_story(sentences: list[Sentence], matcher: Matcher) -> tuple[list[Sentence], list[int | None]]:
    """Return the sentences with their `fit`, and each one's theme index: the theme its story's
    sentences fit best (by summed fit), else, for a sentence without a story, the theme it fits best itself."""
    fitted, own = [], []
    for sentence in sentences:
        index, fit = matcher.best(sentence)
        fitted.append(replace(sentence, fit=fit))
        own.append(index)
    votes: dict[int, Counter] = {}
    for sentence, index in zip(fitted, own):
        if sentence.story and index is not None:
            votes.setdefault(sentence.story, Counter())[index] += sentence.fit
    chosen = {story: min(c, key=lambda i: (-c[i], i)) for story, c in votes.items()}
    return fitted, [chosen.get(s.story, index) if s.story else index for s, index in zip(fitted, own)]


def prepare() -> None:
    """Import what theme discovery needs ahead of time (nothing beyond the standard library now)."""


# A discovered theme is the subject's only when at least this share of its sentences name it (by
# name, alias, ticker or related term): a group of leftovers that mostly does not is the market's
# or other companies' (a currency move, a rival's sales), gathered from passages that mention the
# subject in passing. Configured themes are chosen by the audience and need no anchor.
ANCHOR_SHARE = 0.5


def discover_themes(sentences: list[Sentence], limit: int, ignored: set[str] = frozenset(),
                    about: Callable[[str], bool] | None = None) -> list[Theme]:
    """Return up to `limit` themes from the stories no configured theme took, biggest story first.

    Sentences carry their story (`Sentence.story`, see stories.py); the leftover stories told by
    the most articles become themes of their own, named from their key terms. Without stories
    (story 0) or in a story too small to be a theme, sentences sharing their most common content
    word are grouped instead.
    """
    if limit <= 0 or len(sentences) < MIN_CLUSTER:
        return []
    content = [_content(sentence, ignored) for sentence in sentences]
    frequency = Counter(s for stems in content for s in set(stems))
    story_size = Counter(s.story for s in sentences if s.story)
    groups: dict[object, list[Sentence]] = {}
    for sentence, stems in zip(sentences, content):
        # A story too small to be a theme joins the sentences sharing its most common content word.
        big = story_size[sentence.story] >= MIN_CLUSTER
        groups.setdefault(sentence.story if big else _anchor(stems, frequency), []).append(sentence)
    ranked = []
    for key, members in groups.items():
        if key is None:
            continue
        articles = {src for s in members for src in s.sources}
        if len(members) < MIN_CLUSTER and len(articles) < MIN_CLUSTER:
            continue
        if about is not None and sum(about(s.text) for s in members) < ANCHOR_SHARE * len(members):
            continue
        terms = _key_terms(members, ignored)
        if len(terms) >= MIN_KEY_TERMS:
            ranked.append((-len(articles), -len(members), members[0].source, members[0].position, terms, members))
    ranked.sort(key=lambda r: r[:4])
    return [Theme(name="Also: " + ", ".join(_join_names(terms, members)),
                  description="Discovered theme: a story no configured theme took, named by its key terms",
                  candidates=members, discovered=True)
            for *_, terms, members in ranked[:limit]]


def _content(sentence: Sentence, ignored: set[str]) -> list[str]:
    return [s for s in sentence.stems if s not in ignored and s not in GENERIC and s.isalpha() and len(s) > 2]


def _anchor(content: list[str], frequency: Counter) -> str | None:
    """Return the stem that groups a sentence without a story: of its content stems, the one most sentences share."""
    shared = [s for s in content if frequency.get(s, 0) >= 2]
    return min(shared, key=lambda s: (-frequency[s], s)) if shared else None


# A discovered theme is named by this many of its stories' key terms, and needs this many: sentences
# that share one word and nothing else ("… $18 billion of orders", "billions in inventory went up in
# smoke") tell no common story, and "Also: billions" names none.
KEY_TERMS = 3
MIN_KEY_TERMS = 2


def _key_terms(members: list[Sentence], ignored: set[str]) -> list[str]:
    """Return the words that name a group: the content stems most of its sentences share, as written.

    A product's or a model's code ("X90", "A320") names a group as well as a word does; the
    subject's own names and the words of any week's price talk (`GENERIC`) never do.
    """
    counts = Counter(s for sentence in members for s in set(_naming(sentence, ignored)))
    top = [stem for stem, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if n >= 2][:KEY_TERMS]
    return _surface_words(members, top)


def _naming(sentence: Sentence, ignored: set[str]) -> list[str]:
    """Return the content stems that may name a theme: `_content`'s, and codes of letters and digits."""
    return [s for s in sentence.stems if s not in ignored and s not in GENERIC and len(s) > 2
            and (s.isalpha() or (s.isalnum() and not s.isdigit() and s[:1].isalpha()))]


def _surface_words(sentences: list[Sentence], stems: list[str]) -> list[str]:
    """Return each stem as the sentences write it (labels read as words, not stems).

    A word keeps its capitals when the sentences write it so inside a sentence more often than
    not (a name: "Mexico", "Blackwell"); a sentence's first word says nothing of its case.
    """
    forms: dict[str, Counter] = {s: Counter() for s in stems}
    first: dict[str, Counter] = {s: Counter() for s in stems}  # as a sentence's first word
    for sentence in sentences:
        for index, word in enumerate(language.words(sentence.text)):
            key = language.stem(word)
            if key in forms:
                (forms if index > 0 or word.isupper() else first)[key][word] += 1
    words = []
    for stem in stems:
        if not forms[stem]:
            words.append(first[stem].most_common(1)[0][0].lower() if first[stem] else stem)
            continue
        written = Counter()
        for form, n in forms[stem].items():
            written[form if form.isupper() or not form[:1].isupper() or _named(form, forms[stem]) else form.lower()] += n
        words.append(written.most_common(1)[0][0])
    return words


def _named(form: str, forms: Counter) -> bool:
    """Return True when a capitalised form is written at least as often as the word in lower case."""
    return forms[form] >= forms.get(form.lower(), 0)


def _join_names(words: list[str], sentences: list[Sentence]) -> list[str]:
    """Return the words with two capitalised ones that the sentences write side by side joined, in
    that order: a name the key terms split ("Roe", "Jane") reads as written ("Jane Roe")."""
    result = list(words)
    for first in words:
        for second in words:
            if first is second or first not in result or second not in result or not (first[:1].isupper() and second[:1].isupper()):
                continue
            pair = f"{first} {second}"
            if sum(pair in s.text for s in sentences) * 2 >= sum(first in s.text and second in s.text for s in sentences) > 0:
                result[result.index(first)] = pair
                result.remove(second)
    return result
