"""Boilerplate by repetition: a passage that recurs across many files of one publisher is the site's, not the story's.

Footers, "about us" paragraphs, holdings disclosures and the fixed sentences of templated notes
("The firm has a 50-day moving average of $… ") come back in file after file of the same
publisher, under different headlines and on different days. A story's own news does not: when a
publisher runs the same story twice, the copies share their headline or lead, and a sentence
repeated by a follow-up story stays within a day or two. One pass over the kept sentences' keys
(hashing, no pairwise comparison) finds the passages that recur in at least MIN_FILES files with
MIN_FILES different leads on MIN_FILES different days; `strip` removes them with a Drop each.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from itertools import chain, repeat

from .clean import ArticleClean, Cleaned, normalize
from .model import Drop

# Three files, three stories, three days: twice could be a follow-up quoting its own earlier
# paragraph; a week's boilerplate comes back daily. Lower values dropped news paragraphs that
# wire services reuse in consecutive market previews.
MIN_FILES = 3
REASON = "boilerplate repeated across files of the publisher"
_DIGITS = str.maketrans("0123456789", "##########")


_ASCII_DIGITS = bytes.maketrans(b"0123456789", b"##########")


def template_key(key: str) -> str:
    """Return a sentence key with its digits masked: one template filled with other figures gives one key."""
    if key.isascii():  # the same mapping on bytes: a third of the time of str.translate
        return key.encode("ascii").translate(_ASCII_DIGITS).decode("ascii")
    return key.translate(_DIGITS)


def template_keys(keys: list[str]) -> list[str]:
    """Return `template_key` of each key, masked in one pass over all of them.

    Exact: keys are word runs joined by spaces (`normalize`), so none holds the newline they are
    joined with, and masking digits one character at a time does not care where a key ends.
    """
    masked = template_key("\n".join(keys)).split("\n")
    return masked if len(masked) == len(keys) else [template_key(k) for k in keys]


@dataclass
class _Seen:
    leads: set[str] = field(default_factory=set)
    days: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    lead_somewhere: bool = False

    def saw(self, found: Sighting, first: bool) -> None:
        self.leads.add(found.lead)
        self.days.add(found.day)
        self.files.add(found.path)
        self.lead_somewhere |= first  # a story's lead is its own news, however often told


def _lead(item: ArticleClean) -> str:
    """Return what identifies an article's story: its headline, else its first kept sentence."""
    if item.article.title:
        return normalize(item.article.title)
    return next((k for keys in item.keys for k in keys), item.article.path)


@dataclass(frozen=True)
class Sighting:
    """What `find` records of one article: its publisher, story lead, day, file, and its kept passages."""

    publisher: str
    lead: str
    day: str
    path: str
    keys: tuple[str, ...]  # template keys of its kept sentences, the first being its lead sentence's


def sighting(item: ArticleClean) -> Sighting | None:
    """Return the article as `find` sees it, or None for an unknown publisher (see `find`)."""
    article = item.article
    if not article.publisher.strip():
        return None  # files of unknown publishers are not known to share a site: a repeat may be syndication
    return Sighting(article.publisher, _lead(item), article.date.isoformat() if article.date else article.path,
                    article.path, tuple(template_keys(list(chain.from_iterable(item.keys)))))


@dataclass(frozen=True)
class Evidence:
    """What some articles show of one publisher's passage: its leads, days and files (up to MIN_FILES each)."""

    leads: frozenset[str] = frozenset()
    days: frozenset[str] = frozenset()
    files: frozenset[str] = frozenset()
    lead_somewhere: bool = False


class _Count:
    """One publisher's passage across many articles: how many sightings give each lead, day and file."""

    def __init__(self) -> None:
        self.values: tuple[Counter[str], Counter[str], Counter[str]] = (Counter(), Counter(), Counter())
        self.sightings = 0
        self.leads_here = 0  # sightings where the passage opens its article
        self._sorted: tuple[list[str], ...] | None = None
        self._whole: Evidence | None = None

    def add(self, found: Sighting, first: bool) -> None:
        for counter, value in zip(self.values, (found.lead, found.day, found.path)):
            counter[value] += 1
        self.sightings += 1
        self.leads_here += first
        self._sorted = self._whole = None

    def evidence(self, gone: list[tuple[Sighting, bool]] | None) -> Evidence | None:
        """Return what the sightings show less those `gone` (None when none is left), each set cut as `Passages.evidence` says."""
        if not gone:
            if self._whole is None:
                self._whole = self._evidence((Counter(), Counter(), Counter()), self.leads_here > 0)
            return self._whole
        if len(gone) >= self.sightings:
            return None
        less: tuple[Counter[str], Counter[str], Counter[str]] = (Counter(), Counter(), Counter())
        for found, _ in gone:
            for counter, value in zip(less, (found.lead, found.day, found.path)):
                counter[value] += 1
        return self._evidence(less, self.leads_here > sum(first for _, first in gone))

    def _evidence(self, less: tuple[Counter[str], ...], lead_somewhere: bool) -> Evidence:
        if self._sorted is None:
            self._sorted = tuple(sorted(counter) for counter in self.values)
        kept = []
        for counter, minus, ordered in zip(self.values, less, self._sorted):
            values: list[str] = []
            for value in ordered:
                if counter[value] > minus[value]:
                    values.append(value)
                    if len(values) == MIN_FILES:
                        break
            kept.append(frozenset(values))
        return Evidence(*kept, lead_somewhere)


class Passages:
    """Many articles' sightings counted by passage, to tell a few passages' `Evidence` without the rest.

    Counts, not lists: a week's boilerplate recurs in thousands of articles, and each subject of a
    portfolio asks about its own passages less its own articles; the answer for a passage none of
    its articles shows is computed once for all subjects.
    """

    def __init__(self) -> None:
        self._by_key: dict[str, dict[str, _Count]] = {}
        self._articles: dict[int, Sighting] = {}

    def add(self, number: int, found: Sighting) -> None:
        """Count the article numbered `number` (numbers name articles for `evidence`'s `skip`)."""
        self._articles[number] = found
        for index, key in enumerate(found.keys):
            self._by_key.setdefault(key, {}).setdefault(found.publisher, _Count()).add(found, index == 0)

    def evidence(self, wanted: Iterable[str], skip: set[int] = frozenset(),
                 own: Mapping[tuple[str, str], int] | None = None) -> dict[tuple[str, str], Evidence]:
        """Return, per (publisher, template key) among `wanted` keys, what the articles not in `skip` show.

        Each set keeps at most MIN_FILES values, the first in sorted order: `find` asks only
        whether a union reaches MIN_FILES. With `own` (how many of the asker's articles show each
        (publisher, key)), a passage that cannot reach MIN_FILES with them is left out (`may_count`).
        """
        wanted = set(wanted)
        gone: dict[tuple[str, str], list[tuple[Sighting, bool]]] = {}
        for number in skip:
            found = self._articles.get(number)
            for index, key in enumerate(found.keys if found is not None else ()):
                if key in wanted:
                    gone.setdefault((found.publisher, key), []).append((found, index == 0))
        result = {}
        for key in wanted:
            for publisher, count in self._by_key.get(key, {}).items():
                mine = own.get((publisher, key), 0) if own is not None else MIN_FILES
                if min(map(len, count.values)) + mine < MIN_FILES:
                    continue  # fewer values than that before any article is left out: see may_count
                shown = count.evidence(gone.get((publisher, key)))
                if shown is not None and may_count(shown, mine):
                    result[(publisher, key)] = shown
        return result


def may_count(shown: Evidence, own: int) -> bool:
    """Return False when a passage's evidence plus `own` more articles cannot make it boilerplate.

    Each article adds at most one lead, day and file, so a set that stays under MIN_FILES with
    `own` more values keeps `find` from ever flagging the passage, with or without the evidence:
    most of a week's passages recur once or twice, and a subject's task need not hear of them.
    """
    return min(len(shown.leads), len(shown.days), len(shown.files)) + own >= MIN_FILES


class Finder:
    """`find`, one article at a time: a build feeds it each article as workers finish them."""

    def __init__(self, elsewhere: Mapping[tuple[str, str], Evidence] | None = None) -> None:
        # Per publisher, per template key: what the passage's sightings show so far. Most passages
        # are seen once: they keep that one (Sighting, first) pair and get a _Seen (three sets)
        # only when seen again (MIN_FILES > 1).
        self._passages: dict[str, dict[str, _Seen | tuple[Sighting, bool]]] = {}
        self._repeated: list[tuple[str, _Seen]] = []  # the passages with a _Seen, for `found`
        for (publisher, key), e in (elsewhere or {}).items():
            entry = _Seen(set(e.leads), set(e.days), set(e.files), e.lead_somewhere)
            self._passages.setdefault(publisher, {})[key] = entry
            self._repeated.append((key, entry))

    def add(self, item: ArticleClean) -> None:
        """Take in one article's passages."""
        found = sighting(item)
        if found is None:
            return
        passages = self._passages.setdefault(found.publisher, {})
        lead, rest = (found, True), (found, False)
        for key, this in zip(found.keys, chain((lead,), repeat(rest))):
            earlier = passages.setdefault(key, this)
            if earlier is this:
                # A passage's first sighting is now recorded. (Also a key this article repeats under the
                # same flag: the same lead, day and file again change nothing.)
                continue
            if type(earlier) is tuple:
                entry = passages[key] = _Seen()
                entry.saw(*earlier)
                self._repeated.append((key, entry))
            else:
                entry = earlier
            entry.saw(found, this is lead)

    @property
    def found(self) -> frozenset[str]:
        """Return the template keys of the passages found to be boilerplate so far."""
        return frozenset(key for key, entry in self._repeated
                         if not entry.lead_somewhere and min(len(entry.leads), len(entry.days), len(entry.files)) >= MIN_FILES)


def find(items: Iterable[ArticleClean], elsewhere: Mapping[tuple[str, str], Evidence] | None = None) -> frozenset[str]:
    """Return the template keys (`template_key`) of passages that are boilerplate of their publisher.

    `elsewhere` adds what articles not in `items` show (`evidence`), as if they were in it.
    """
    finder = Finder(elsewhere)
    for item in items:
        finder.add(item)
    return finder.found


def strip(cleaned: Cleaned, items: Iterable[ArticleClean],
          elsewhere: Mapping[tuple[str, str], Evidence] | None = None, found: frozenset[str] | None = None) -> Cleaned:
    """Return the corpus result without the boilerplate passages found in `items` (and `elsewhere`), each reported as a Drop.

    `found`: what a `Finder` fed the same articles found, so `items` need not be read again.
    """
    boilerplate = find(items, elsewhere) if found is None else found
    if not boilerplate:
        return cleaned
    articles, dropped = [], list(cleaned.dropped)
    for article in cleaned.articles:
        if len(article.keys) != len(article.paragraphs) or len(article.stems) != len(article.paragraphs):
            articles.append(article)  # built without per-sentence keys: nothing to match
            continue
        masked = template_keys([key for keys in article.keys for key in keys])
        if boilerplate.isdisjoint(masked):
            articles.append(article)  # none of its passages is boilerplate: kept as it is
            continue
        paragraphs, keys, stems, about = [], [], [], []
        has_about = len(article.about) == len(article.paragraphs)
        at = 0
        for index, paragraph in enumerate(article.paragraphs):
            size = len(article.keys[index])
            kept = [i for i, key in enumerate(masked[at:at + size]) if key not in boilerplate]
            at += size
            if len(kept) < len(paragraph):
                dropped.extend(Drop(REASON, paragraph[i], article.article.path)
                               for i in sorted(set(range(len(paragraph))) - set(kept)))
            if kept:
                paragraphs.append([paragraph[i] for i in kept])
                keys.append([article.keys[index][i] for i in kept])
                stems.append([article.stems[index][i] for i in kept])
                if has_about:  # whom each sentence is about stays parallel to the sentences
                    about.append([article.about[index][i] for i in kept])
        articles.append(replace(article, paragraphs=paragraphs, keys=keys, stems=stems,
                                about=about if has_about else article.about))
    echoes = {key: sources for (key, sources), masked in zip(cleaned.echoes.items(), template_keys(list(cleaned.echoes)))
              if masked not in boilerplate}
    return Cleaned(articles=articles, dropped=dropped, echoes=echoes)
