"""sumy's summarizers, vectorized: the same ratings from sparse matrices instead of Python loops.

Each function here takes the sentences sumy would see (one paragraph, in order) and returns the
rating sumy gives each one, so the top-k they select is sumy's top-k. `tests/test_fast_rankers.py`
checks that on BBC dev documents; `benchmarks/speed_rankers.py` measures the speed-up.

What each one changes (never the result, only the work):

- lexrank, textrank: similarities are one sparse product (X·Xᵀ) computed in row blocks, so the
  dense n×n matrix never exists; the power method runs on the sparse graph.
- lsa: with sumy's settings (every dimension kept) a sentence's rank, √Σ σᵢ² vᵢⱼ², is exactly the
  length of its column of the weighted term matrix, so no SVD is needed.
- luhn, edmundson: word sets instead of tuples, stems computed once per distinct word.
- kl, sumbasic: the greedy loop stays, but each step updates only the sentences that share a
  word with the one just picked, from sparse count matrices.

Where sumy keys its ratings by sentence text, a sentence repeated verbatim gets the rating of its
last occurrence, as in sumy. Sentences with exactly equal ratings keep document order; where sumy's
own arithmetic (an SVD, a dense dot product) breaks such ties by rounding, the order among the
tied sentences may differ, never the set of ratings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import heapq

import numpy as np
from scipy import sparse

from .. import language

_BLOCK = 1024  # rows of the similarity matrix built at once: bounds memory at _BLOCK × n floats


@lru_cache(maxsize=200_000)
def sumy_stem(word: str) -> str:
    """Return sumy's `stem_word`: lower-case, then the Snowball English stem."""
    return language.snowball(word.lower())


class _Words:
    """Every word the process has ranked, numbered once: its stop-word flags, lower form and stem.

    Sentences are ranked again and again (per theme, for the summary, per method), so each
    sentence's word ids are cached and the per-word facts are looked up as arrays.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.flags = np.zeros((0, 3), dtype=bool)  # stop word as written, stop word lower-cased, written in lower case
        self.forms = np.zeros((0, 2), dtype=np.int64)  # ids of the lower-cased form and of the stem
        self.names: dict[str, dict[str, int]] = {"lower": {}, "stem": {}}
        self.strings: dict[str, list[str]] = {"lower": [], "stem": []}

    def _name(self, kind: str, value: str) -> int:
        table = self.names[kind]
        if value not in table:
            table[value] = len(table)
            self.strings[kind].append(value)
        return table[value]

    def add_all(self, words: Sequence[str]) -> None:
        stops = language.stop_words()
        new = [w for w in dict.fromkeys(words) if w not in self.ids]
        if not new:
            return
        for w in new:
            self.ids[w] = len(self.ids)
        lowers = [w.lower() for w in new]
        flags = [(w in stops, low in stops, w == low) for w, low in zip(new, lowers)]
        forms = [(self._name("lower", low), self._name("stem", sumy_stem(w))) for w, low in zip(new, lowers)]
        self.flags = np.concatenate([self.flags, np.array(flags, dtype=bool).reshape(-1, 3)])
        self.forms = np.concatenate([self.forms, np.array(forms, dtype=np.int64).reshape(-1, 2)])


_WORDS = _Words()


@lru_cache(maxsize=200_000)
def _sentence_ids(sentence: str) -> np.ndarray:
    words = language.SumyTokenizer().to_words(sentence)
    ids = _WORDS.ids
    if not all(w in ids for w in words):
        _WORDS.add_all(words)
    return np.array([ids[w] for w in words], dtype=np.int64)


def _local(kind: str, ids: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Renumber global form ids from 0: (new id per position, the distinct strings in new-id order)."""
    distinct, inverse = np.unique(ids, return_inverse=True)
    strings = _WORDS.strings[kind]
    return inverse.astype(np.int64), [strings[i] for i in distinct.tolist()]


class _Table:
    """A text's tokens as numbers, so every method works on arrays.

    `token` holds a distinct-word id per token in reading order and `sentence` its sentence; the
    per-distinct-word arrays say whether sumy would drop it as a stop word and give the ids of
    its lower-cased form and of its stem (sumy's `stem_word`).
    """

    def __init__(self, sentences: Sequence[str]):
        parts = [_sentence_ids(s) for s in sentences]
        self.n = len(parts)
        self.lengths = np.array([len(p) for p in parts], dtype=np.int64)
        self.sentence = np.repeat(np.arange(self.n), self.lengths)
        flat = np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
        distinct, token = np.unique(flat, return_inverse=True)
        self.token = token.astype(np.int64)
        flags, forms = _WORDS.flags[distinct], _WORDS.forms[distinct]
        self.stop_raw, self.stop_lower, self.is_lower = flags[:, 0], flags[:, 1], flags[:, 2]
        self.lower, self.lower_words = _local("lower", forms[:, 0])
        self.stem, self.stems = _local("stem", forms[:, 1])

    def content(self) -> tuple[np.ndarray, np.ndarray]:
        """Sentence and stem id of each kept token, as sumy's `_to_words_set` keeps them (lower, no stop word, stem)."""
        keep = ~self.stop_lower[self.token]
        return self.sentence[keep], self.stem[self.token[keep]]

    def matrix(self, rows: np.ndarray, cols: np.ndarray, width: int) -> sparse.csr_matrix:
        """Return the sentence × term count matrix of (sentence, term) pairs."""
        matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(self.n, width))
        matrix.sum_duplicates()
        matrix.sort_indices()
        return matrix

    def content_counts(self) -> sparse.csr_matrix:
        rows, cols = self.content()
        return self.matrix(rows, cols, len(self.stems))


def _last_occurrence(sentences: Sequence[str], values: Sequence[float]) -> list[float]:
    """Ratings keyed by sentence text, as sumy's dicts are: a repeated sentence gets its last value."""
    last = {s.strip(): v for s, v in zip(sentences, values)}
    return [float(last[s.strip()]) for s in sentences]


def _block_graph(matrix: sparse.csr_matrix, edge: Callable[[np.ndarray, slice], np.ndarray]) -> sparse.csr_matrix:
    """Return the sparse n×n graph whose rows `edge(products, rows)` computes from X·Xᵀ, a block at a time."""
    n = matrix.shape[0]
    transposed = matrix.T.tocsc()
    parts = []
    for start in range(0, n, _BLOCK):
        rows = slice(start, min(n, start + _BLOCK))
        products = (matrix[rows] @ transposed).toarray()
        parts.append(sparse.csr_matrix(edge(products, rows)))
    return sparse.vstack(parts, format="csr") if parts else sparse.csr_matrix((0, 0))


def lexrank(sentences: Sequence[str], threshold: float = 0.1, epsilon: float = 0.1) -> list[float]:
    """sumy's LexRank: idf-modified cosine graph cut at `threshold`, power method to `epsilon`."""
    n = len(sentences)
    if not n:
        return []
    counts = _Table(sentences).content_counts()
    max_tf = counts.max(axis=1).toarray().ravel()
    max_tf[max_tf == 0] = 1
    document_frequency = np.asarray((counts > 0).sum(axis=0)).ravel()
    idf = np.log(n / (1 + document_frequency))
    weighted = sparse.csr_matrix(sparse.diags(1 / max_tf) @ counts @ sparse.diags(idf))
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())

    def edge(products: np.ndarray, rows: slice) -> np.ndarray:
        denominator = norms[rows, None] * norms[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            cosine = np.where(denominator > 0, products / denominator, 0.0)
        return (cosine > threshold).astype(float)

    graph = _block_graph(weighted, edge)
    degrees = np.asarray(graph.sum(axis=1)).ravel()
    degrees[degrees == 0] = 1
    transition = (sparse.diags(1 / degrees) @ graph).T.tocsr()
    p = np.full(n, 1.0 / n)
    change = 1.0
    while change > epsilon:
        following = transition @ p
        following /= np.linalg.norm(following)
        change = np.linalg.norm(following - p)
        p = following
    return _last_occurrence(sentences, p)


def textrank(sentences: Sequence[str], damping: float = 0.85, epsilon: float = 1e-4) -> list[float]:
    """sumy's TextRank: shared-word counts over summed log lengths, damped power method."""
    n = len(sentences)
    if not n:
        return []
    counts = _Table(sentences).content_counts()
    with np.errstate(divide="ignore"):
        log_length = np.log(np.asarray(counts.sum(axis=1)).ravel())

    def edge(products: np.ndarray, rows: slice) -> np.ndarray:
        norm = log_length[rows, None] + log_length[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            weights = np.where(norm == 0.0, products, products / norm)  # both one word long: log 1 + log 1
        return np.where(products > 0, weights, 0.0)

    weights = _block_graph(counts, edge)
    weights = sparse.diags(1 / (np.asarray(weights.sum(axis=1)).ravel() + 1e-7)) @ weights
    return _last_occurrence(sentences, damped_walk(weights.T.tocsr(), damping, epsilon=epsilon))


def damped_walk(walk, damping: float, epsilon: float | None = None, iterations: int | None = None) -> np.ndarray:
    """Return TextRank's scores: the damped random walk's vector on a graph, by the power method.

    `walk` is the transposed row-normalised graph (sparse or dense). The method stops once a step
    moves the vector by less than `epsilon` (sumy's TextRank), or after `iterations` steps.
    """
    if epsilon is None and iterations is None:
        raise ValueError("give epsilon or iterations: the walk needs a place to stop")
    n = walk.shape[0]
    p = np.full(n, 1.0 / n)
    steps, change = 0, float("inf")
    while (epsilon is None or change > epsilon) and (iterations is None or steps < iterations):
        following = (1.0 - damping) / n * p.sum() + damping * (walk @ p)
        change = np.linalg.norm(following - p)
        p, steps = following, steps + 1
    return p


def lsa(sentences: Sequence[str], smooth: float = 0.4) -> list[float]:
    """sumy's LSA with every dimension kept: a sentence's rank is the length of its weighted column."""
    table = _Table(sentences)  # no sentences: an empty table, and no ratings below
    _, content = table.content()
    in_dictionary = np.zeros(len(table.stems), dtype=bool)
    in_dictionary[content] = True
    size = int(in_dictionary.sum())
    if not size:
        return [0.0] * table.n
    # sumy counts every word whose stem is in the dictionary, stop words included.
    stems = table.stem[table.token]
    counted = in_dictionary[stems]
    counts = table.matrix(table.sentence[counted], stems[counted], len(table.stems))
    largest = counts.max(axis=1).toarray().ravel()
    safe = np.where(largest > 0, largest, 1)
    total = np.asarray(counts.sum(axis=1)).ravel() / safe
    squares = np.asarray(counts.multiply(counts).sum(axis=1)).ravel() / safe**2
    ranks = size * smooth**2 + 2 * smooth * (1 - smooth) * total + (1 - smooth) ** 2 * squares
    return [float(r) for r in np.where(largest > 0, np.sqrt(ranks), 0.0)]


def _chunk_ratings(table: _Table, significant: np.ndarray, max_gap: int) -> np.ndarray:
    """Luhn's rating per sentence: the best hits²/span over chunks of significant words.

    A chunk runs from a significant word while fewer than `max_gap` insignificant words follow
    in a row, so two significant words share a chunk when at most max_gap positions apart.
    """
    rating = np.zeros(table.n)
    position = np.flatnonzero(significant[table.stem[table.token]])
    if not len(position):
        return rating
    owner = table.sentence[position]
    starts = np.ones(len(position), dtype=bool)
    starts[1:] = (owner[1:] != owner[:-1]) | (np.diff(position) > max_gap)
    chunk = np.cumsum(starts) - 1
    hits = np.bincount(chunk)
    first = position[starts]
    last = np.zeros(len(hits), dtype=np.int64)
    last[chunk] = position  # positions increase, so the last write is the chunk's last word
    value = np.where(hits > 1, hits**2 / (last - first + 1), 0.0)
    np.maximum.at(rating, owner[starts], value)
    return rating


def luhn(sentences: Sequence[str], max_gap: int = 4) -> list[float]:
    """sumy's Luhn: densest chunk of significant (repeated non-stop) words per sentence."""
    table = _Table(sentences)
    significant = np.bincount(table.content()[1], minlength=len(table.stems)) > 1
    return [float(r) for r in _chunk_ratings(table, significant, max_gap)]


def frequent_words(table: _Table, share: float = 0.05) -> list[str]:
    """`stock._frequent_words` on a table: the top share of lower-cased alphabetic non-stop words."""
    words = table.lower[table.token]
    alphabetic = np.array([w.isalpha() for w in table.lower_words], dtype=bool)
    counts = np.bincount(words[~table.stop_lower[table.token] & alphabetic[words]], minlength=len(table.lower_words))
    present = np.flatnonzero(counts)
    wanted = max(1, int(len(present) * share))
    if not len(present):
        return []
    cut = np.sort(counts[present])[::-1][min(wanted, len(present)) - 1]  # the count of the last word taken
    above = present[counts[present] > cut].tolist()
    at_cut = present[counts[present] == cut].tolist()
    ranked = sorted(above, key=lambda i: (-counts[i], table.lower_words[i])) + sorted(at_cut, key=lambda i: table.lower_words[i])
    return [table.lower_words[i] for i in ranked[:wanted]]


def edmundson(sentences: Sequence[str], bonus_words: Sequence[str] | None = None) -> list[float]:
    """sumy's Edmundson as `stock.summarizer` configures it: key method plus location method.

    Without bonus words, the text's most frequent words serve, as in `stock.summarizer`.
    """
    n = len(sentences)
    if not n:
        return []
    table = _Table(sentences)
    if bonus_words is None:
        bonus_words = frequent_words(table)
    stems = table.stem[table.token]
    bonus = {sumy_stem(w) for w in bonus_words}
    is_bonus = np.array([stem in bonus for stem in table.stems], dtype=bool)
    frequency = np.bincount(stems[is_bonus[stems]], minlength=len(table.stems))
    key = np.zeros(n)
    if frequency.max(initial=0) > 0:
        significant = frequency / frequency.max() > 0.5
        key = np.bincount(table.sentence[significant[stems]], minlength=n).astype(float)
    location = np.ones(n)  # one paragraph: every sentence is in the first; first and last sentences score 1 more
    location[0] += 1
    if n > 1:
        location[-1] += 1
    return _last_occurrence(sentences, key + location)


def _first_best(values: np.ndarray) -> int:
    """Return the first index of the largest value, values within 1e-12 of it counting as equal.

    sumy sums in a sentence's word order and we in term order, so equal sums can differ in the
    last bit; sumy then takes the first sentence, and so do we.
    """
    top = values.max()
    return int(np.argmax(values >= top - 1e-12 * abs(top)))


def _rows_of(columns: sparse.csc_matrix, terms: np.ndarray) -> np.ndarray:
    """Return the rows holding any of the given terms."""
    if not len(terms):
        return np.empty(0, dtype=int)
    return np.unique(np.concatenate([columns.indices[columns.indptr[t]:columns.indptr[t + 1]] for t in terms]))


def sumbasic(sentences: Sequence[str]) -> list[float]:
    """sumy's SumBasic: pick the highest mean word probability, square the picked words' probabilities.

    A sentence's mean only falls as probabilities are squared, so a lazy greedy gives the same
    picks: the heap's top is recomputed when popped and taken only if its value still holds.
    Means are summed in the sentence's word order, as sumy does, so ties are sumy's ties.
    """
    n = len(sentences)
    if not n:
        return []
    table = _Table(sentences)
    rows, content = table.content()
    words: list[list[int]] = [[] for _ in range(n)]
    for row, stem in zip(rows.tolist(), content.tolist()):
        words[row].append(stem)
    total = len(content)
    probability = (np.bincount(content, minlength=len(table.stems)) / max(total, 1)).tolist()

    def mean(i: int) -> float:
        ws = words[i]
        return sum([probability[w] for w in ws]) / len(ws) if ws else 0

    heap = [(-mean(i), i) for i in range(n)]
    heapq.heapify(heap)
    ratings: dict[str, int] = {}
    checked = [0] * n  # the pick count when each stored value was last known to be current
    picks = 0
    look = probability.__getitem__
    pop, replace = heapq.heappop, heapq.heapreplace
    while heap:
        stored, i = heap[0]
        ws = words[i]
        if checked[i] != picks:
            checked[i] = picks
            current = -(sum(map(look, ws)) / len(ws)) if ws else 0
            if current != stored:
                replace(heap, (current, i))  # fell since it was stored: back in at its new value
                continue
        pop(heap)
        picks += 1
        ratings[sentences[i].strip()] = -len(ratings)
        for w in ws:
            probability[w] *= probability[w]
    return [float(ratings[s.strip()]) for s in sentences]


def kl(sentences: Sequence[str]) -> list[float]:
    """sumy's KL-Sum: greedily add the sentence that brings the summary's words closest to the text's.

    KL(summary+s ‖ text) = B + Δₛ + log(Tₛ)·(P + Eₛ), where B and P depend on the summary alone and
    Δₛ, Eₛ only on the words s shares with it: B is the same for every candidate and is left out.
    As in sumy, the summary contributes its raw tokens (case kept, stop words included) and the text
    distribution comes from its non-stop-word tokens, lower-cased.
    """
    n = len(sentences)
    if not n:
        return []
    table = _Table(sentences)
    width = len(table.lower_words)
    lower = table.lower[table.token]
    text = ~table.stop_raw[table.token]  # sumy filters the text's stop words before lower-casing
    frequency = np.bincount(lower[text], minlength=width)
    total = int(frequency.sum())
    p = frequency / max(total, 1)
    with np.errstate(divide="ignore"):
        log_p = np.log(p)
    kept = ~table.stop_lower[table.token]  # a candidate's words: lower-cased, then stop words dropped
    candidates = table.matrix(table.sentence[kept], lower[kept], width)
    known = table.is_lower[table.token] & (frequency[lower] > 0)  # raw summary tokens the text distribution has
    raw = table.matrix(table.sentence[known], lower[known], width)
    lengths = np.asarray(candidates.sum(axis=1)).ravel()
    raw_lengths = table.lengths.astype(float)
    columns = candidates.tocsc()
    in_summary = np.zeros(width)
    summary_length = 0.0
    summary_mass = 0.0
    delta = np.zeros(n)
    extra = np.zeros(n)

    def update(rows: np.ndarray) -> None:
        part = candidates[rows]
        term, count = part.indices, part.data
        shared = in_summary[term]
        with np.errstate(divide="ignore"):
            value = np.where(shared > 0, -p[term] * (np.log(count + shared) - np.log(np.where(shared > 0, shared, 1))),
                             p[term] * (log_p[term] - np.log(count)))
        owner = np.repeat(np.arange(len(rows)), np.diff(part.indptr))
        delta[rows] = np.bincount(owner, weights=value, minlength=len(rows))
        extra[rows] = np.bincount(owner, weights=np.where(shared > 0, 0.0, p[term]), minlength=len(rows))

    update(np.arange(n))
    remaining = np.ones(n, dtype=bool)
    ratings: dict[str, int] = {}
    for _ in range(n):
        size = lengths + summary_length
        with np.errstate(divide="ignore", invalid="ignore"):
            divergence = np.where(size > 0, delta + np.log(size) * (summary_mass + extra), 0.0)
        best = _first_best(np.where(remaining, -divergence, -np.inf))
        remaining[best] = False
        ratings[sentences[best].strip()] = -len(ratings)
        added = raw.indices[raw.indptr[best]:raw.indptr[best + 1]]
        summary_mass += float(p[added[in_summary[added] == 0]].sum())
        in_summary[added] += raw.data[raw.indptr[best]:raw.indptr[best + 1]]
        summary_length += raw_lengths[best]
        affected = _rows_of(columns, added)
        affected = affected[remaining[affected]]
        if len(affected):
            update(affected)
    return [float(ratings[s.strip()]) for s in sentences]


def scores(sentences: Sequence[str], name: str) -> list[float]:
    """Return sumy's rating of each sentence for a method name, computed the fast way."""
    sentences = list(sentences)
    return {"lexrank": lexrank, "textrank": textrank, "lsa": lsa, "luhn": luhn,
            "kl": kl, "sumbasic": sumbasic, "edmundson": edmundson}[name](sentences)


__all__ = ["damped_walk", "edmundson", "kl", "lexrank", "lsa", "luhn", "scores", "sumbasic", "sumy_stem", "textrank"]
