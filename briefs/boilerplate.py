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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

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
                    article.path, tuple(template_key(k) for keys in item.keys for k in keys))


@dataclass(frozen=True)
class Evidence:
    """What some articles show of one publisher's passage: its leads, days and files (up to MIN_FILES each)."""

    leads: frozenset[str] = frozenset()
    days: frozenset[str] = frozenset()
    files: frozenset[str] = frozenset()
    lead_somewhere: bool = False


class Passages:
    """Many articles' sightings indexed by passage, to tell a few passages' `Evidence` without the rest."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[tuple[int, Sighting, bool]]] = {}

    def add(self, number: int, found: Sighting) -> None:
        """Index the article numbered `number` (numbers name articles for `evidence`'s `skip`)."""
        for index, key in enumerate(found.keys):
            self._by_key.setdefault(key, []).append((number, found, index == 0))

    def evidence(self, wanted: Iterable[str], skip: set[int] = frozenset()) -> dict[tuple[str, str], Evidence]:
        """Return, per (publisher, template key) among `wanted` keys, what the articles not in `skip` show.

        Each set keeps at most MIN_FILES values: `find` asks only whether a union reaches MIN_FILES.
        """
        seen: dict[tuple[str, str], _Seen] = {}
        for key in set(wanted):
            for number, found, first in self._by_key.get(key, ()):
                if number in skip:
                    continue
                seen.setdefault((found.publisher, key), _Seen()).saw(found, first)
        return {key: Evidence(*(frozenset(sorted(values)[:MIN_FILES]) for values in (e.leads, e.days, e.files)),
                              e.lead_somewhere) for key, e in seen.items()}


class Finder:
    """`find`, one article at a time: a build feeds it each article as workers finish them."""

    def __init__(self, elsewhere: Mapping[tuple[str, str], Evidence] | None = None) -> None:
        self._seen = {key: _Seen(set(e.leads), set(e.days), set(e.files), e.lead_somewhere)
                      for key, e in (elsewhere or {}).items()}
        # Most passages are seen once: they get a _Seen (three sets) only when seen again (MIN_FILES > 1).
        self._once: dict[tuple[str, str], tuple[Sighting, bool]] = {}

    def add(self, item: ArticleClean) -> None:
        """Take in one article's passages."""
        found = sighting(item)
        if found is None:
            return
        seen, once = self._seen, self._once
        for index, key in enumerate(found.keys):
            passage = (found.publisher, key)
            entry = seen.get(passage)
            if entry is None:
                earlier = once.pop(passage, None)
                if earlier is None:
                    once[passage] = (found, index == 0)
                    continue
                entry = seen[passage] = _Seen()
                entry.saw(*earlier)
            entry.saw(found, index == 0)

    @property
    def found(self) -> frozenset[str]:
        """Return the template keys of the passages found to be boilerplate so far."""
        return frozenset(key for (_, key), entry in self._seen.items()
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
        paragraphs, keys, stems, about = [], [], [], []
        has_about = len(article.about) == len(article.paragraphs)
        for index, paragraph in enumerate(article.paragraphs):
            kept = [i for i, key in enumerate(article.keys[index]) if template_key(key) not in boilerplate]
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
    echoes = {key: sources for key, sources in cleaned.echoes.items() if template_key(key) not in boilerplate}
    return Cleaned(articles=articles, dropped=dropped, echoes=echoes)
