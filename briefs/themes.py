"""Group sentences into themes: the audience's configured themes first, then discovered ones."""

from __future__ import annotations

from collections import Counter

from . import language
from .audience import ThemeSpec
from .model import Sentence, Theme

# A theme needs this many sentences from at least two articles (or this many in one) to be shown.
MIN_THEME_SENTENCES = 2


def _term_stems(term: str) -> tuple[str, ...]:
    return tuple(language.stem(w) for w in language.words(term.lower()))


def _matches(stems: list[str], phrase: tuple[str, ...]) -> bool:
    if len(phrase) == 1:
        return phrase[0] in stems
    n = len(phrase)
    return any(tuple(stems[i:i + n]) == phrase for i in range(len(stems) - n + 1))


def _all_stems(sentence: Sentence) -> list[str]:
    return [language.stem(w) for w in language.words(sentence.text.lower())]


def assign(sentences: list[Sentence], specs: list[ThemeSpec], *, discover: int = 2) -> list[Theme]:
    """Return non-empty themes; each sentence joins the configured theme whose terms it matches most."""
    phrases = [[_term_stems(t) for t in spec.terms] for spec in specs]
    themes = [Theme(name=s.name, description=s.description) for s in specs]
    leftovers: list[Sentence] = []
    for sentence in sentences:
        stems = _all_stems(sentence)
        hits = [sum(_matches(stems, p) for p in theme_phrases if p) for theme_phrases in phrases]
        best = max(range(len(hits)), key=lambda i: (hits[i], -i)) if hits else -1
        if best >= 0 and hits[best] > 0:
            themes[best].candidates.append(sentence)
        else:
            leftovers.append(sentence)
    themes.extend(discover_themes(leftovers, discover))
    for theme in themes:
        theme.sentence_count = len(theme.candidates)
        theme.article_count = len({s.source for s in theme.candidates})
    return [t for t in themes if t.sentence_count >= MIN_THEME_SENTENCES]


def discover_themes(sentences: list[Sentence], limit: int) -> list[Theme]:
    """Return up to `limit` themes found by clustering the sentences no configured theme took."""
    if limit <= 0 or len(sentences) < 4:
        return []
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=lambda s: s, min_df=2)
    try:
        matrix = vectorizer.fit_transform([s.stems for s in sentences])
    except ValueError:
        return []
    k = min(limit, max(1, len(sentences) // 4))
    labels = KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    themes = []
    for cluster in range(k):
        members = [s for s, label in zip(sentences, labels) if label == cluster]
        if len(members) < 3:
            continue
        counts = Counter(stem for s in members for stem in set(s.stems) if stem in set(vocabulary))
        top = [term for term, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        if not top:
            continue
        surface = _surface_words(members, top)
        themes.append(Theme(name="Also in the news: " + ", ".join(surface), description="Discovered theme",
                            candidates=members, discovered=True))
    return themes


def _surface_words(sentences: list[Sentence], stems: list[str]) -> list[str]:
    """Return the most common original word for each stem (labels read as words, not stems)."""
    forms: dict[str, Counter] = {s: Counter() for s in stems}
    for sentence in sentences:
        for word in language.words(sentence.text):
            key = language.stem(word)
            if key in forms:
                forms[key][word.lower()] += 1
    return [forms[s].most_common(1)[0][0] if forms[s] else s for s in stems]
