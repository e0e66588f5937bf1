"""Stories across sources: sentences from different articles that report the same event.

A week's big event is retold by dozens of outlets in different words; a templated note repeats
one sentence with other numbers. Both are one story: the brief quotes it once, cites every
source, and weighs it by how many independent publishers told it.

No all-pairs comparison: sentences are blocked on their rare content stems (a stem a few
sentences share, not one half the week uses), and only sentences sharing a block are compared,
each against the leaders (first sentences) of the stories that share a block with it. Stems
more than MAX_BLOCK sentences hold block nothing, so the cost grows with the corpus, not its square.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from . import language
from .model import Article, Sentence
from .select import amounts, telling_numbers

# Two sentences are one story when this much of their content stems are shared (Jaccard):
# lower than the redundancy bar (0.5) because retellings share an event's key words, not wording.
SAME_STORY = 0.4
# ...or when they give the same amount of money and share this much of their wording besides
# (an amount alone recurs as context in other stories: "after its $14.3 billion deal, ...").
AMOUNT_AND_WORDS = 0.25
# ...or when they share a telling number ("$3.2 billion") and this many rare stems besides.
SHARED_STEMS_WITH_NUMBER = 3
# ...or when they share this many rare stems, this share of the rarer sentence's: retellings keep
# an event's uncommon words ("Roe", "Lagos", "visit") and reword the rest.
SHARED_RARE = 3
SHARED_RARE_SHARE = 0.4
# A stem more than this many sentences hold (or this share of the week) names no one event: it
# blocks nothing. Bounds the comparisons per sentence, keeping story building near-linear. The
# week's big event is told in 5% of its sentences or more (its product's or rule's name, "export",
# "licence"); at 2% / 40 such words blocked nothing and one event told by fifteen outlets split
# into one-publisher stories that weighed no more than a blog's aside. Measured on the three dev
# weeks: 2% / 40 and 10% / 200 both lose facts, 6% / 120 keeps them (docs/content.md).
MAX_BLOCK = 120
MAX_BLOCK_SHARE = 0.06
# A stem a little more common than the cap is a weaker clue, not none: its weight falls from 1 at
# the cap to 0 at FADE times the cap. With a hard cut, the week's event word held by exactly the
# cap's count (Nvidia's "export": 90 of 1,500 sentences) blocked or not as two sentences of the
# week came and went, and the week's stories regrouped; with a fade, one sentence more or less moves
# a stem's weight by a fortieth, and only comparisons already at their threshold can change.
FADE = 1.5
# Clues are counted with this much slack, so a faded stem still counts as one while its weight is
# above 1 - SLACK: a count of exactly three full clues is no threshold one sentence can cross.
SLACK = 0.05
MIN_BLOCK = 10  # in a handful of articles every shared word may mark the one story they tell
# A template (a holdings note, a price-target note) is filled with other numbers in this many
# articles at least. It speaks with one voice however many files carry it: TEMPLATE_WEIGHT.
TEMPLATE_FILLS = 3
TEMPLATE_WEIGHT = 0.3
# Fills of one template family by one publisher keep this much of its wording (names and numbers
# change: "Mizuho cut its price target from $175 to $168" / "UBS lowered its target from $185 to $180").
TEMPLATE_FAMILY_WORDING = 0.5
# Each further independent publisher adds less: twenty outlets outweigh one, not twentyfold.
PUBLISHER_WEIGHT = 1.0


@dataclass(frozen=True)
class Story:
    """One event as the week's articles told it: its sentences, their sources and publishers."""

    id: int
    members: tuple[int, ...]       # indices into the sentence list, corpus order
    sources: tuple[int, ...]       # every article id that told it, ascending
    publishers: tuple[str, ...]    # independent publishers (syndicated copies count once), sorted
    templated: bool = False        # one wording filled with other numbers in several articles


    @property
    def source_count(self) -> int:
        return len(self.sources)

    @property
    def weight(self) -> float:
        """Return how much the story weighs: 1 for one publisher, growing with the log of more."""
        if self.templated:
            return TEMPLATE_WEIGHT
        return 1.0 + PUBLISHER_WEIGHT * math.log2(max(1, len(self.publishers)))


def publisher_of(article: Article) -> str:
    """Return who published an article: its publisher, else its web site, else its file."""
    if article.publisher:
        return article.publisher.strip().lower()
    if article.url:
        from urllib.parse import urlsplit

        host = urlsplit(article.url).hostname or ""
        return host.removeprefix("www.")
    return article.path


def same_story(a: Sentence, b: Sentence, rare_a: set[str], rare_b: set[str],
               stems_a: set[str] | None = None, stems_b: set[str] | None = None,
               ignore: frozenset[str] = frozenset(), weight: Mapping[str, float] | None = None) -> bool:
    """Return True when two sentences report the same event.

    Not `select.similarity`, which asks whether one sentence repeats another: its containment
    test lets a short sentence join any long one that holds its words, and chains of such joins
    would make one story of a whole week. Here both must give the same amount of money, or two
    telling numbers, or one and rare words besides, or their wordings must overlap (Jaccard).
    `weight`: each rare stem's weight as a clue (1 where absent; see FADE).
    """
    weight = weight or {}
    return _same(_Told.of(a, rare_a, stems_a, weight), _Told.of(b, rare_b, stems_b, weight), ignore)


@dataclass(frozen=True, slots=True)
class _Told:
    """What `same_story` reads of a sentence, worked out once per sentence rather than once per comparison."""

    stems: frozenset[str] | set[str]
    rare: frozenset[str] | set[str]
    words: frozenset[str]     # the rare stems that are not numbers
    amounts: frozenset[str]
    numbers: frozenset[str]   # telling numbers
    text: str
    weight: Mapping[str, float]  # a rare stem's weight as a clue, 1 where absent (the week's, shared)
    mass: float                  # the weights of `rare`, summed

    @classmethod
    def of(cls, sentence: Sentence, rare: set[str], stems: set[str] | None = None,
           weight: Mapping[str, float] | None = None) -> _Told:
        weight = weight if weight is not None else {}
        return cls(set(sentence.stems) if stems is None else stems, rare,
                   frozenset(t for t in rare if not t[:1].isdigit()), amounts(sentence.text),
                   telling_numbers(sentence.text), sentence.text, weight, _mass(rare, weight))


def _mass(stems: set[str] | frozenset[str], weight: Mapping[str, float]) -> float:
    """Return how many clues the stems are, each counted at its weight."""
    if weight.keys().isdisjoint(stems):
        return float(len(stems))
    return sum(weight.get(stem, 1.0) for stem in stems)


# A name of three to five capitalised words ("President Donald Trump", "Federal Reserve Chair Jerome
# Powell") is one clue to an event, not one per word: sentences that only share such a name and a
# topic word are different events told against the same background. Two-word names ("Master
# Plan", "Investor Day") often name the event itself and keep both words; longer runs are headline
# case, whose words count one by one.
_NAME = re.compile(r"(?<![\w.])[A-Z][\w&'’.-]*(?:\s+(?:of\s+|the\s+|&\s+)?[A-Z][\w&'’.-]*)+")
NAME_WORDS = 5


@lru_cache(maxsize=8192)
def _name_of_stem(text: str) -> dict[str, int]:
    """Return, for each stem of a name of three or more words in the text, which name it is part of (its start)."""
    found: dict[str, int] = {}
    for match in _NAME.finditer(text):
        stems = language.content_stems(match.group())
        if len(stems) >= 3 and len(match.group().split()) <= NAME_WORDS:
            for stem in stems:
                found.setdefault(stem, match.start())
    return found


def _clues(shared: set[str] | frozenset[str], a: _Told, b: _Told) -> float:
    """Return how many clues the shared rare stems are: the stems of one name count once (in either
    sentence), at the weight of its weightiest stem; other stems at their own weight."""
    weight = a.weight
    if weight.keys().isdisjoint(shared):  # every clue whole: the common case, counted as before
        return min(len({names.get(stem, stem) for stem in shared})
                   for names in (_name_of_stem(a.text), _name_of_stem(b.text)))
    least = math.inf
    for names in (_name_of_stem(a.text), _name_of_stem(b.text)):
        clue: dict[object, float] = {}
        for stem in shared:
            key = names.get(stem, stem)
            clue[key] = max(clue.get(key, 0.0), weight.get(stem, 1.0))
        least = min(least, sum(clue.values()))
    return least


def _same(a: _Told, b: _Told, ignore: frozenset[str]) -> bool:
    """Return `same_story` of two sentences as `_Told.of` read them."""
    overlap = language.stem_overlap(a.stems, b.stems)
    if a.amounts & b.amounts and overlap >= AMOUNT_AND_WORDS:
        return True
    numbers = a.numbers & b.numbers
    if len(numbers) >= 2:
        return True
    # Rare *words*: a shared number is counted once, as a number, not again as a rare stem.
    shared_rare = a.words & b.words
    if numbers and len(shared_rare) >= SHARED_STEMS_WITH_NUMBER and _clues(shared_rare, a, b) >= SHARED_STEMS_WITH_NUMBER - SLACK:
        return True
    shared_rare = shared_rare - ignore
    # (len first: a weight is at most 1, so fewer stems than clues needed can never make them)
    if (len(shared_rare) >= SHARED_RARE and _mass(shared_rare, a.weight) >= SHARED_RARE_SHARE * min(a.mass, b.mass) - SLACK
            and _clues(shared_rare, a, b) >= SHARED_RARE - SLACK):
        return True
    return overlap >= SAME_STORY


# A sentence met word for word in this many articles or more that share (almost) nothing else is
# page furniture (a disclosure, a standing blurb), not a story told by all of them: syndicated
# copies of one article share most of their sentences, and such pieces share less than
# FURNITURE_SHARED of the shorter one's sentences with the article that said it first.
FURNITURE_ARTICLES = 3
FURNITURE_SHARED = 0.5


def furniture(sentences: list[Sentence]) -> list[bool]:
    """Return, per sentence, whether it is page furniture: repeated verbatim across otherwise unrelated articles."""
    shared: Counter[tuple[int, int]] = Counter()
    size: Counter[int] = Counter()
    for sentence in sentences:
        size.update(sentence.sources)
        for other in sentence.sources[1:]:
            shared[sentence.source, other] += 1
    result = []
    for sentence in sentences:
        others = sentence.sources[1:]
        if len(sentence.sources) < FURNITURE_ARTICLES:
            result.append(False)
            continue
        overlaps = sorted(shared[sentence.source, other] / min(size[sentence.source], size[other]) for other in others)
        result.append(overlaps[len(overlaps) // 2] < FURNITURE_SHARED)
    return result


@lru_cache(maxsize=50_000)
def _fill(text: str) -> frozenset[str]:
    """Return what a template's fill changes in a sentence: its telling numbers and the names it
    gives (capitalised words after the first: "10 stocks we like better than Acme")."""
    return telling_numbers(text) | frozenset(w.strip(".,;:!?\"'’”()") for w in text.split()[1:] if w[:1].isupper())


def _one_voice_many_fills(members: list[Sentence], publisher: dict[int, str]) -> bool:
    """Return True when one publisher wrote TEMPLATE_FILLS or more wordings of a story with other
    numbers or other names: a template family (price-target notes, holdings notes, a promotion
    naming each article's company), not one event retold (its retellings name the same actors)."""
    if len(members) < TEMPLATE_FILLS:
        return False  # fewer wordings than a family needs (most stories are one sentence)
    fills: dict[str, set[frozenset[str]]] = {}
    first: dict[str, set[str]] = {}
    for member in members:
        numbers = _fill(member.text)
        if not numbers:
            continue
        voice = publisher.get(member.source, "")
        words = {t for t in member.stems if not t[:1].isdigit()}
        # A fill keeps the template's words: a retelling by the same outlet rewords it.
        if language.stem_overlap(first.setdefault(voice, words), words) >= TEMPLATE_FAMILY_WORDING:
            fills.setdefault(voice, set()).add(numbers)
    return any(len(f) >= TEMPLATE_FILLS for f in fills.values())


def _templated(sentences: list[Sentence]) -> list[bool]:
    """Return, per sentence, whether its wording recurs with other numbers in TEMPLATE_FILLS articles or more."""
    numbers = [telling_numbers(s.text) for s in sentences]
    skeleton = [tuple(t for t in s.stems if not t[:1].isdigit()) if told else () for s, told in zip(sentences, numbers)]
    fills: dict[tuple[str, ...], set[frozenset[str]]] = {}
    articles: dict[tuple[str, ...], set[int]] = {}
    for sentence, key, told in zip(sentences, skeleton, numbers):
        if len(key) >= 4:
            fills.setdefault(key, set()).add(told)
            articles.setdefault(key, set()).update(sentence.sources)
    return [bool(key) and len(key) >= 4 and len(fills[key]) >= 2 and len(articles[key]) >= TEMPLATE_FILLS
            for key in skeleton]


# An article this much of whose sentences are template fills is a templated note (a holdings
# filing, a price-target note): its other sentences come from the same template family too.
TEMPLATED_ARTICLE_SHARE = 0.3


def templated_articles(sentences: list[Sentence], story_of: list[int], found: list[Story]) -> set[int]:
    """Return the ids of articles that are mostly template fills (see TEMPLATED_ARTICLE_SHARE)."""
    templated = {story.id for story in found if story.templated}
    total: Counter[int] = Counter()
    filled: Counter[int] = Counter()
    for sentence, story_id in zip(sentences, story_of):
        for source in sentence.sources:
            total[source] += 1
            filled[source] += story_id in templated
    return {source for source, n in total.items() if filled[source] >= max(2, TEMPLATED_ARTICLE_SHARE * n)}


def build(sentences: list[Sentence], publisher: dict[int, str]) -> tuple[list[Story], list[int]]:
    """Return the stories (largest first) and, per sentence, the id of its story (ids from 1).

    Each story is led by its first sentence in corpus order; a later sentence joins the first
    story whose leader it matches (`same_story`), so stories never chain through intermediaries.
    """
    n = len(sentences)
    stem_sets = [set(s.stems) for s in sentences]
    frequency = Counter(stem for stems in stem_sets for stem in stems)
    cap = min(MAX_BLOCK, max(MIN_BLOCK, MAX_BLOCK_SHARE * n))
    # Numbers block however often they occur: their sentences soon share one leader, and each
    # leader list is capped below anyway.
    top = min(MAX_BLOCK, FADE * cap)  # past MAX_BLOCK a stem is no clue: the comparisons stay bounded
    rare = [{t for t in stems if frequency[t] >= 2 and (t[:1].isdigit() or (frequency[t] <= cap or frequency[t] < top) and len(t) > 2)}
            for stems in stem_sets]
    weight = {t: (top - count) / (top - cap) for t, count in frequency.items()
              if cap < count < top and not t[:1].isdigit()}
    templated = _templated(sentences)
    told = [_Told.of(sentence, r, stems, weight) for sentence, r, stems in zip(sentences, rare, stem_sets)]
    # Stems most sentences hold (the subject's own name, in a handful of articles) tell no event apart.
    ignore = frozenset(t for t, count in frequency.items() if count > n / 2)
    # Rare stem -> the leaders holding it (at most MAX_BLOCK), as a bit set: bit i is sentence i.
    blocks: dict[str, int] = {}
    block_size: Counter[str] = Counter()
    leader_of = list(range(n))
    for index in range(n):
        # Every way to join a story shares two blocking keys with its leader, or one number:
        # leaders met once on a word are not compared. Set operations on whole blocks find them.
        once = twice = 0
        for stem in rare[index]:
            block = blocks.get(stem, 0)
            twice |= block if stem[:1].isdigit() else once & block
            once |= block
        while twice:  # the leaders in corpus order: the lowest bit first
            lowest = twice & -twice
            leader = lowest.bit_length() - 1
            if _same(told[leader], told[index], ignore):
                leader_of[index] = leader
                break
            twice ^= lowest
        else:
            for stem in rare[index]:
                if block_size[stem] < MAX_BLOCK:
                    blocks[stem] = blocks.get(stem, 0) | 1 << index
                    block_size[stem] += 1
    groups: dict[int, list[int]] = {}
    for index in range(n):
        groups.setdefault(leader_of[index], []).append(index)
    drafts = []
    for leader, members in groups.items():
        sources = sorted({src for m in members for src in sentences[m].sources})
        publishers = sorted({publisher.get(src) or f"#{src}" for src in sources})
        drafts.append((members, sources, publishers,
                       templated[leader] or _one_voice_many_fills([sentences[m] for m in members], publisher)))
    # Largest first (by independent publishers, then sources), ties in corpus order: ids are stable.
    drafts.sort(key=lambda d: (-len(d[2]), -len(d[1]), d[0][0]))
    stories, story_of = [], [0] * n
    for story_id, (members, sources, publishers, templated) in enumerate(drafts, 1):
        stories.append(Story(story_id, tuple(members), tuple(sources), tuple(publishers), templated))
        for m in members:
            story_of[m] = story_id
    return stories, story_of
