"""Group sentences into themes: the audience's configured themes first, then discovered ones.

A configured theme is a name, a description and terms (words or phrases, matched on stems).
Each sentence joins the theme whose terms it matches best; phrases count more than single
words because they are more specific. Sentences no theme takes are clustered (TF-IDF, k-means)
into discovered themes labelled by their most distinctive words.
"""

from __future__ import annotations

from collections import Counter

from . import language
from .audience import ThemeSpec
from .model import Sentence, Theme

# Fewer sentences than this and a configured theme is too thin to show (discovered ones need MIN_CLUSTER).
MIN_THEME_SENTENCES = 1
# A discovered cluster must be at least this big and this tight (mean cosine to its centre).
MIN_CLUSTER = 4
MIN_COHESION = 0.2
# Words too general to name a theme ("company", "year"): left out of clustering and labels.
GENERIC = frozenset(language.stem(w) for w in
                    "company companies business firm group year years time people way thing things part lot "
                    "new said says also one two make made get got like well much many week".split())
# Clustering looks at no more leftovers than this (a sample beyond), keeping k-means linear.
MAX_CLUSTER_INPUT = 3000


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


def _phrase_hits(stems: list[str], unigrams: set[str], phrases: dict[tuple[str, ...], float]) -> float:
    score = float(len(unigrams.intersection(stems)))
    if phrases:
        grams = {tuple(stems[i:i + n]) for n in {len(p) for p in phrases} for i in range(len(stems) - n + 1)}
        score += sum(weight for phrase, weight in phrases.items() if phrase in grams)
    return score


class Matcher:
    """Scores sentences against configured themes by stemmed term and phrase matches."""

    def __init__(self, specs: list[ThemeSpec], ignore: set[str] = frozenset()):
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
        phrase's weight (as `_phrase_hits` computes it, in one pass over the sentence).
        """
        if not self.unigrams:
            return None, 0.0
        content = sentence.stems
        full = not content or not self.phrase_firsts.isdisjoint(content) or (
            bool(self.stop_words) and any(w in sentence.text.lower() for w in self.stop_words))
        stems = _sentence_stems(sentence, self.prefixes) if full else content
        scores = [0.0] * len(self.unigrams)
        for stem in self.term_stems.intersection(stems):
            for index in self.by_stem[stem]:
                scores[index] += 1.0
        if full and self.by_first:
            found: set[tuple[tuple[str, ...], int]] = set()
            for i, stem in enumerate(stems):
                for phrase, index, weight in self.by_first.get(stem, ()):
                    if (phrase, index) not in found and tuple(stems[i:i + len(phrase)]) == phrase:
                        found.add((phrase, index))
                        scores[index] += weight
        top = max(scores)
        return (scores.index(top) if top > 0 else None), top


def assign(sentences: list[Sentence], specs: list[ThemeSpec], *, discover: int = 2,
           ignore: list[str] | None = None) -> list[Theme]:
    """Return non-empty themes, configured first, each with its candidate sentences and counts.

    `ignore` lists words never used for matching (the subject's own names match every theme).
    """
    ignored = {language.stem(w) for name in (ignore or []) for w in language.words(name.lower())}
    matcher = Matcher(specs, ignored)
    themes = [Theme(name=s.name, description=s.description) for s in specs]
    leftovers: list[Sentence] = []
    for sentence in sentences:
        index, sentence.fit = matcher.best(sentence)
        if index is None:
            leftovers.append(sentence)
        else:
            themes[index].candidates.append(sentence)
    themes.extend(discover_themes(leftovers, discover, ignored))
    for theme in themes:
        theme.sentence_count = len(theme.candidates)
        theme.article_count = len({src for s in theme.candidates for src in s.sources})
    return [t for t in themes if t.sentence_count >= MIN_THEME_SENTENCES]


def prepare() -> None:
    """Import the clustering library ahead of time (a build does this while workers read files)."""
    try:
        import sklearn.cluster  # noqa: F401
        import sklearn.feature_extraction.text  # noqa: F401
    except Exception:  # noqa: BLE001 - discover_themes reports a missing library when it needs it
        pass


def discover_themes(sentences: list[Sentence], limit: int, ignored: set[str] = frozenset()) -> list[Theme]:
    """Return up to `limit` coherent themes found by clustering sentences no configured theme took."""
    if limit <= 0 or len(sentences) < 2 * MIN_CLUSTER:
        return []
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    pool = sentences
    if len(pool) > MAX_CLUSTER_INPUT:  # evenly spaced sample: deterministic and corpus-wide
        step = len(pool) / MAX_CLUSTER_INPUT
        pool = [pool[int(i * step)] for i in range(MAX_CLUSTER_INPUT)]
    docs = [[s for s in sent.stems if s not in ignored and s not in GENERIC and s.isalpha() and len(s) > 2]
            for sent in pool]
    vectorizer = TfidfVectorizer(analyzer=lambda d: d, min_df=2)
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:
        return []
    k = min(limit + 1, max(1, len(pool) // MIN_CLUSTER))
    model = KMeans(n_clusters=k, n_init=4, random_state=0).fit(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    themes = []
    for cluster in range(k):
        rows = np.flatnonzero(model.labels_ == cluster)
        if len(rows) < MIN_CLUSTER:
            continue
        centre = model.cluster_centers_[cluster]
        norm = np.linalg.norm(centre)
        if norm == 0:
            continue
        cohesion = float(np.mean(matrix[rows] @ (centre / norm)))
        if cohesion < MIN_COHESION:
            continue
        top = [vocabulary[i] for i in np.argsort(-centre)[:3] if centre[i] > 0]
        members = [pool[i] for i in rows]
        themes.append((cohesion, Theme(name="Also: " + ", ".join(_surface_words(members, top)),
                                       description="Discovered theme: sentences no configured theme took, grouped by shared words",
                                       candidates=members, discovered=True)))
    themes.sort(key=lambda pair: (-len(pair[1].candidates), -pair[0]))
    return [t for _, t in themes[:limit]]


def _surface_words(sentences: list[Sentence], stems: list[str]) -> list[str]:
    """Return the most common original word for each stem (labels read as words, not stems)."""
    forms: dict[str, Counter] = {s: Counter() for s in stems}
    for sentence in sentences:
        for word in language.words(sentence.text):
            key = language.stem(word)
            if key in forms:
                forms[key][word if word.isupper() else word.lower()] += 1
    return [forms[s].most_common(1)[0][0] if forms[s] else s for s in stems]
