"""Briefs for a whole coverage list: read each article once, route it to subjects, one task per subject.

A `PORTFOLIO.toml` names the shared news folders and the subjects. Per file (once for the whole
list): load it, run the subject-independent part of cleaning (`clean.prepare`) on each article,
and attribute it (`attribution.attribute`, as `briefs build` does) to no subject in particular
and to each subject its text could name (`may_name`). Per subject: the
articles routed to it, with what the others give it (`build.Tally`, `boilerplate.Evidence`), go
through `build.build_from_files` — the same corpus-level composition `briefs build` runs — and
`render.render`, so each brief is byte-identical to `briefs build` on the same news with that
subject's `briefs.toml`. Engines: a local process pool, or Dask (a
`LocalCluster`, or a running cluster's scheduler address). docs/scale.md is the runbook.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import os
import pickle
import re
import tomllib
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import _pool, boilerplate, build, clean, load, period, render
from .attribution import Reading, attribute
from .config import ConfigError, Subject, resolve, string_list

PORTFOLIO_KEYS = ("news", "audience", "subject")
SUBJECT_KEYS = ("name", "aliases", "tickers", "related", "audience")
# Files per per-file task: big enough that task overhead (pickling, scheduling) is small, small
# enough that the last batch does not leave the other workers idle for long.
FILES_PER_TASK = 64
# Articles that cannot name a subject are attributed once, to a subject whose name cannot occur
# in text (a NUL byte): the result is every such subject's. An article holding a NUL is
# attributed to each subject instead.
_NOBODY = Subject(name="\x00")


class PortfolioError(ValueError):
    """A PORTFOLIO.toml that cannot be read or holds a bad value; the message names the file."""


@dataclass(frozen=True)
class Entry:
    """One subject of the portfolio: who it is, its audience ("" = as `briefs build` resolves it), its folder."""

    subject: Subject
    audience: str
    slug: str  # the subject's folder under --out, named as `briefs build` names its files


@dataclass(frozen=True)
class Portfolio:
    """A PORTFOLIO.toml as read: where the news is, and the subjects it covers in their order."""

    path: Path
    news: tuple[Path, ...]
    entries: tuple[Entry, ...]


def _strings(value: object, key: str, path: Path) -> list[str]:
    return string_list(value, key, path, PortfolioError)


def read_portfolio(path: Path) -> Portfolio:
    """Return the portfolio a PORTFOLIO.toml describes (news paths relative to it), or raise PortfolioError."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise PortfolioError(f"{path}: invalid TOML: {error}") from None
    except OSError as error:
        raise PortfolioError(f"{path}: cannot read: {error.strerror}") from None
    for key in data:
        if key not in PORTFOLIO_KEYS:
            raise PortfolioError(f"{path}: unknown setting '{key}'; known: {', '.join(PORTFOLIO_KEYS)}")
    if "news" not in data:
        raise PortfolioError(f'{path}: no news folders; add news = ["news/"] (paths relative to this file)')
    news = tuple(path.parent / p for p in _strings(data["news"], "news", path))
    if not news:
        raise PortfolioError(f'{path}: news is empty; add news = ["news/"]')
    default_audience = data.get("audience", "")
    if not isinstance(default_audience, str):
        raise PortfolioError(f"{path}: 'audience' must be a string in quotes, not {default_audience!r}")
    tables = data.get("subject", [])
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
        raise PortfolioError(f'{path}: no subjects; add a [[subject]] table with name = "…" for each company')
    entries, slugs = [], {}
    for number, table in enumerate(tables, 1):
        where = f"{path}: subject {number}"
        for key in table:
            if key not in SUBJECT_KEYS:
                raise PortfolioError(f"{where}: unknown key '{key}'; known: {', '.join(SUBJECT_KEYS)}")
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            raise PortfolioError(f'{where}: needs name = "…"')
        audience = table.get("audience", default_audience)
        if not isinstance(audience, str):
            raise PortfolioError(f"{where} ({name}): 'audience' must be a string in quotes")
        subject = Subject(name=name.strip(), **{k: _strings(table.get(k, []), f"subject.{k}", path)
                                                for k in ("aliases", "tickers", "related")})
        slug = build.slug(subject.name)
        if slug in slugs:
            raise PortfolioError(f"{where} ({name}): same folder name {slug!r} as {slugs[slug]!r}; "
                                 "give each subject a distinct name")
        slugs[slug] = subject.name
        entries.append(Entry(subject=subject, audience=audience, slug=slug))
    return Portfolio(path=path, news=news, entries=tuple(entries))


# --- per file: read once, clean once, route ---------------------------------------------------

def _naming_pieces(terms: Sequence[str], tickers: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the pieces every mention of the subject contains: each term's first word, and the tickers.

    A mention (`clean.mentions`) is a name, alias or related term matched case-insensitively, or
    a ticker matched as written, in text cut from the article's lines and joined with spaces
    (stories, sentences, names attribution finds): so each term's first space-free piece, and
    each ticker, appears in the article's own title or text.
    """
    firsts = {next(w for w in t.split(" ") if w) for t in terms if t.strip(" ")}
    return tuple(sorted(firsts)), tuple(sorted({t for t in tickers if t}))


# Characters Python's case-insensitive matching equates with an ASCII letter that lower() does not
# turn into it ("ſ" matches s; "İ" and "ı" match i): a text holding one is searched with the regex.
_ODD_FOLDS = ("ſ", "İ", "ı")


@dataclass(frozen=True)
class Haystack:
    """An article's title and text as `may_name` searches them, lower-cased once for every subject."""

    text: str
    lower: str
    plain: bool  # lower-casing is exact for ASCII names: no odd fold, no NUL (see _NOBODY)

    @classmethod
    def of(cls, article) -> Haystack:
        text = article.title + "\n" + article.text
        return cls(text, text.lower(), "\x00" not in text and not any(c in text for c in _ODD_FOLDS))


@dataclass(frozen=True)
class Needles:
    """What `may_name` looks for of one subject, worked out once per batch rather than once per article."""

    pieces: tuple[str, ...]
    tickers: tuple[str, ...]
    lower: tuple[str, ...] | None  # the pieces lower-cased, when every piece is ASCII (so that is exact)
    pattern: re.Pattern | None     # the pieces case-insensitively, for the other cases

    @classmethod
    def of(cls, subject: Subject) -> Needles:
        pieces, tickers = _naming_pieces(subject.terms, subject.tickers)
        lower = tuple(p.lower() for p in pieces) if all(p.isascii() for p in pieces) else None
        pattern = re.compile("|".join(f"(?i:{re.escape(p)})" for p in pieces)) if pieces else None
        return cls(pieces, tickers, lower, pattern)

    def found_in(self, haystack: Haystack) -> bool:
        """Return False only when no text of the haystack's article can mention the subject."""
        if "\x00" in haystack.text:
            return True  # the shared pass's subject name could occur: never share such an article
        if any(t in haystack.text for t in self.tickers):
            return True
        if not self.pieces:
            return not self.tickers
        if haystack.plain and self.lower is not None:
            return any(p in haystack.lower for p in self.lower)
        return self.pattern.search(haystack.text) is not None


_CAPITALS = re.compile(r"[A-Z]+")


class Sieve:
    """`Needles.found_in` for every subject of a batch at once: each piece and ticker searched for
    once per article, not once per subject holding it (the per-subject loop was most of the cost)."""

    def __init__(self, needles: Sequence[Needles]):
        self.needles = needles
        self.tickers: dict[str, list[int]] = {}  # searched in the text's capital-letter runs when all capitals
        self.pieces: dict[str, list[int]] = {}  # lower-cased pieces of the subjects whose pieces are all ASCII
        for index, wanted in enumerate(needles):
            for ticker in wanted.tickers:
                self.tickers.setdefault(ticker, []).append(index)
            for piece in wanted.lower or ():
                self.pieces.setdefault(piece, []).append(index)
        self.capitals = {t for t in self.tickers if _CAPITALS.fullmatch(t)}
        self.anyone = [i for i, w in enumerate(needles) if not w.pieces and not w.tickers]  # found_in is always True
        self.searched = [i for i, w in enumerate(needles) if w.pieces]
        self.odd = [i for i, w in enumerate(needles) if w.pieces and w.lower is None]  # searched by their pattern

    def named(self, haystack: Haystack) -> list[int]:
        """Return, in order, the indexes of the subjects whose needles are `found_in` the haystack."""
        if "\x00" in haystack.text:
            return list(range(len(self.needles)))
        found = set(self.anyone)
        # A ticker of capital letters occurs only inside a run of them: the runs, joined, are a
        # short text to search instead of the whole article (exact: no run is cut or joined).
        capitals = "\n".join(_CAPITALS.findall(haystack.text))
        for ticker, owners in self.tickers.items():
            if ticker in (capitals if ticker in self.capitals else haystack.text):
                found.update(owners)
        if haystack.plain:
            for piece, owners in self.pieces.items():
                if piece in haystack.lower:
                    found.update(owners)
            rest = self.odd
        else:
            rest = self.searched
        found.update(i for i in rest if i not in found and self.needles[i].found_in(haystack))
        return sorted(found)


def may_name(article, subject: Subject, haystack: Haystack | None = None) -> bool:
    """Return False only when no text of the article can mention the subject (so its cleaning is everyone's)."""
    return Needles.of(subject).found_in(haystack or Haystack.of(article))


@dataclass(frozen=True)
class FileResult:
    """One file read once for every subject: its articles counted for those they cannot name, cleaned for those they may."""

    everyone: build.Tally  # every article cleaned for nobody: what it gives a subject it never names
    problems: tuple[load.Problem, ...]
    # subject index -> ((article position, article cleaned for that subject, its tally as cleaned for nobody), ...)
    routed: dict[int, tuple[tuple[int, clean.ArticleClean, build.Tally], ...]] = field(default_factory=dict)
    # per article, cleaned for nobody: its date, and its passages as boilerplate detection sees them
    sightings: tuple[tuple[dt.date | None, boilerplate.Sighting | None], ...] = ()


def _without_text(item: clean.ArticleClean) -> clean.ArticleClean:
    # What build.process_file does: later stages read only the kept sentences.
    return replace(item, article=replace(item.article, text=""))


def read_file(path: Path, subjects: Sequence[Subject], sieve: Sieve | None = None) -> FileResult:
    """Return one file loaded and cleaned once, with its articles routed to the subjects they may name.

    `sieve`: the subjects' `Sieve`, when the caller reads several files for the same subjects.
    """
    sieve = sieve if sieve is not None else Sieve([Needles.of(s) for s in subjects])
    articles, problems = load.load_file(path)
    # The subject-independent part of cleaning and of attribution, once per article.
    readings = [Reading(clean.prepare(a)) for a in articles]
    # A subject never named in an article only counts it (`build.Tally`: its date, its drops) and
    # looks for its publisher's repeated passages in it (`boilerplate.Sighting`).
    # Cleaned for nobody only to count and to look for repeated passages: whom is not needed.
    nobody = [attribute(r.prepared, _NOBODY, whom=False, reading=r) for r in readings]
    shared = [build.Tally.of([item]) for item in nobody]
    routed: dict[int, list[tuple[int, clean.ArticleClean, build.Tally]]] = {}
    for position, (article, reading, tally) in enumerate(zip(articles, readings, shared)):
        for index in sieve.named(Haystack.of(article)):
            item = attribute(reading.prepared, subjects[index], reading=reading)
            routed.setdefault(index, []).append((position, _without_text(item), tally))
    return FileResult(everyone=build.Tally.total(shared), problems=tuple(problems),
                      routed={k: tuple(v) for k, v in routed.items()},
                      sightings=tuple((item.article.date, boilerplate.sighting(item)) for item in nobody))


@dataclass(frozen=True)
class Share:
    """A batch's articles for one subject: their numbers in the batch, their tallies' sum, their passages, packed."""

    numbers: tuple[int, ...]  # article numbers within the batch (for `boilerplate.Passages.evidence`'s skip)
    tally: build.Tally        # the sum of their tallies as cleaned for nobody
    # (publisher, template key) of their kept sentences -> how many of them show it ("" when no
    # publisher): the passages the subject asks about (`boilerplate.Passages.evidence`)
    own: dict[tuple[str, str], int]
    packed: bytes             # the pickled tuple of the articles cleaned for the subject, in file order


@dataclass(frozen=True)
class Batch:
    """Files read once, as the engine's client keeps them: counts, problems, passages, each subject's articles packed.

    The client holds every batch until all subjects are sent their shares; packed articles are a
    few KB each where the objects would be ten times that (a client of 20,000 articles grew to
    7 GB holding them unpacked).
    """

    everyone: build.Tally
    problems: tuple[load.Problem, ...]
    sightings: tuple[tuple[dt.date | None, boilerplate.Sighting | None], ...]  # per article, in file order
    shares: dict[int, Share] = field(default_factory=dict)  # subject index -> its share

    @classmethod
    def of(cls, results: Sequence[FileResult]) -> Batch:
        """Return the files' results as one batch, each subject's articles packed."""
        first, number = [], 0
        for result in results:
            first.append(number)
            number += len(result.sightings)
        routed: dict[int, list[tuple[int, clean.ArticleClean, build.Tally]]] = {}
        for start, result in zip(first, results):
            for index, items in result.routed.items():
                routed.setdefault(index, []).extend((start + position, item, tally) for position, item, tally in items)
        shares = {}
        for index in sorted(routed):
            rows = routed[index]
            items = tuple(item for _, item, _ in rows)
            shares[index] = Share(numbers=tuple(n for n, _, _ in rows), tally=build.Tally.total(t for _, _, t in rows),
                                  own=_passages(items), packed=pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL))
        return cls(everyone=build.Tally.total(r.everyone for r in results),
                   problems=tuple(p for r in results for p in r.problems),
                   sightings=tuple(s for r in results for s in r.sightings), shares=shares)


def _passages(items: Sequence[clean.ArticleClean]) -> dict[tuple[str, str], int]:
    """Return, per (publisher, template key) of the articles' kept sentences, how many articles show it."""
    counts: Counter[tuple[str, str]] = Counter()
    for item in items:
        # The publisher as `boilerplate.sighting` gives it ("" where it gives no sighting), without its lead.
        publisher = item.article.publisher if item.article.publisher.strip() else ""
        counts.update({(publisher, boilerplate.template_key(k)) for keys in item.keys for k in keys})
    return dict(counts)


def read_files(paths: Sequence[str], subjects: Sequence[Subject]) -> Batch:
    """Return `read_file` for a batch of files, as one packed `Batch`: one engine task."""
    with _process_kept_clean():
        gc.set_threshold(*_pool.BUILD_GC_THRESHOLD)  # as a build's workers read files (restored after)
        sieve = Sieve([Needles.of(s) for s in subjects])
        return Batch.of([read_file(Path(p), subjects, sieve) for p in paths])


@dataclass(frozen=True)
class SubjectNews:
    """What one subject's task reads of the week: the articles that may name it, what the others give, the problems."""

    packed: tuple[bytes, ...]  # `Share.packed` of each batch holding articles for the subject, in file order
    others: build.Tally
    problems: tuple[load.Problem, ...]
    elsewhere: dict[tuple[str, str], boilerplate.Evidence] = field(default_factory=dict)

    @property
    def items(self) -> tuple[clean.ArticleClean, ...]:
        """Return the articles that may name the subject, cleaned for it, in file order."""
        return tuple(item for blob in self.packed for item in pickle.loads(blob))


class _Week:
    """The batches summed once for every subject: the tallies' total, the passages in the window."""

    def __init__(self, batches: Sequence[Batch], listing: Sequence[load.Problem], window: period.Window | None,
                 undated: str):
        self.batches = batches
        self.everyone = build.Tally.total(b.everyone for b in batches)
        self.problems = tuple(listing) + tuple(p for batch in batches for p in batch.problems)
        self.first: list[int] = []  # each batch's first article number
        self.passages = boilerplate.Passages()
        sighted, number = [], 0
        for batch in batches:
            self.first.append(number)
            for day, found in batch.sightings:
                if found is not None and window is not None and build.day_in_window(day, window, undated):
                    sighted.append((number, found))
                number += 1
        shown = Counter(passage for _, found in sighted for passage in {(found.publisher, k) for k in found.keys})
        most = _most_own(batches)
        for number, found in sighted:
            self.passages.add(number, _may_be_asked(found, shown, most))

    def news_for(self, index: int) -> SubjectNews:
        found = [(start, batch.shares[index]) for start, batch in zip(self.first, self.batches) if index in batch.shares]
        own: Counter[tuple[str, str]] = Counter()
        for _, share in found:
            own.update(share.own)
        skip = {start + n for start, share in found for n in share.numbers}
        return SubjectNews(packed=tuple(share.packed for _, share in found),
                           others=build.Tally.total([self.everyone], minus=[share.tally for _, share in found]),
                           problems=self.problems,
                           elsewhere=self.passages.evidence({key for _, key in own}, skip=skip, own=own))


def _most_own(batches: Sequence[Batch]) -> dict[tuple[str, str], int]:
    """Return, per (publisher, template key), the most of one subject's own articles that show it."""
    per_subject: dict[int, Counter[tuple[str, str]]] = {}
    for batch in batches:
        for index, share in batch.shares.items():
            per_subject.setdefault(index, Counter()).update(share.own)
    most: dict[tuple[str, str], int] = {}
    for own in per_subject.values():
        for passage, count in own.items():
            if count > most.get(passage, 0):
                most[passage] = count
    return most


def _may_be_asked(found: boilerplate.Sighting, shown: Counter[tuple[str, str]],
                  most: dict[tuple[str, str], int]) -> boilerplate.Sighting:
    """Return the sighting with only the passages some subject's evidence could hold.

    A passage shown in n articles of the week has at most n leads, days and files, so with a
    subject's own m articles it reaches MIN_FILES only if n + m does: `Passages.evidence` skips it
    otherwise, for every subject. Most of a week's passages are seen once, and each costs the
    client three counters. The first key always stays: `Passages.add` reads it as the lead's.
    """
    keys = tuple(key for position, key in enumerate(found.keys)
                 if position == 0 or shown[found.publisher, key] + most.get((found.publisher, key), 0)
                 >= boilerplate.MIN_FILES)
    return found if len(keys) == len(found.keys) else replace(found, keys=keys)


def _window(job: Job) -> period.Window | None:
    try:
        return period.window(job.week, job.since, job.until, today=job.date)
    except period.PeriodError:
        return None  # each subject's build reports it


def news_for(files: Sequence[FileResult], index: int, job: Job, listing: Sequence[load.Problem] = ()) -> SubjectNews:
    """Return subject `index`'s share of the per-file results: what its `build.build_from_files` reads."""
    return _Week([Batch.of(files)], listing, _window(job), job.undated).news_for(index)


def shares(batches: Sequence[Batch], count: int, job: Job, listing: Sequence[load.Problem]) -> Iterator[SubjectNews]:
    """Return `news_for` each of `count` subjects, in order, summing the batches once."""
    week = _Week(batches, listing, _window(job), job.undated)
    for index in range(count):
        yield week.news_for(index)


# --- per subject: the composition `briefs build` runs ----------------------------------------

@dataclass(frozen=True)
class Job:
    """What every subject's task shares: the news, the period and output options, the formats."""

    news: tuple[Path, ...]
    out: Path
    formats: tuple[str, ...]
    audience: str = ""               # --audience: overrides the portfolio's and the subjects'
    templates: Path | None = None
    week: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    date: dt.date | None = None
    undated: str = "include"


@dataclass(frozen=True)
class Outcome:
    """One subject's result: the files written and its overview row, or the one line saying why not."""

    name: str
    slug: str
    written: tuple[str, ...] = ()
    row: dict | None = None
    error: str = ""


def options_for(job: Job, entry: Entry) -> build.Options:
    """Return the build Options `briefs build <news> --out OUT/<slug>` would use for this subject."""
    return build.Options(audience=job.audience or entry.audience, templates=job.templates,
                         week=job.week, since=job.since, until=job.until, date=job.date, undated=job.undated,
                         out=job.out / entry.slug, cache=False, workers=1)


def build_subject(job: Job, entry: Entry, news: SubjectNews) -> Outcome:
    """Return one subject's outcome after building and rendering its brief; errors become its one line."""
    with _process_kept_clean():
        # A build's GC threshold for the whole task, unpacking the share included (a build sets it
        # only around its own stages; a Dask worker's default rescans the unpacked articles often).
        gc.set_threshold(*_pool.BUILD_GC_THRESHOLD)
        try:
            return _build_subject(job, entry, news)
        except (build.BuildError, ConfigError, render.RenderError) as error:
            return Outcome(entry.subject.name, entry.slug, error=str(error))
        except Exception as error:  # noqa: BLE001 (one subject's bug must not stop the others)
            return Outcome(entry.subject.name, entry.slug, error=f"internal error: {type(error).__name__}: {error}")


def _build_subject(job: Job, entry: Entry, news: SubjectNews) -> Outcome:
    resolved = build.resolve_options(list(job.news), options_for(job, entry), entry.subject)
    result = build.build_from_files(news.items, news.problems, list(job.news), resolved, others=news.others,
                                    elsewhere=news.elsewhere)
    written = render.render(result.brief, result.audience, result.options.out, build.output_stem(result.brief),
                            list(job.formats), fitted=result.fitted)
    return Outcome(entry.subject.name, entry.slug, written=tuple(str(p) for p in written),
                   row=overview_row(result.brief.to_dict(), entry, written, job.out))


@contextmanager
def _process_kept_clean() -> Iterator[None]:
    """Restore what a task may change process-wide: SOURCE_DATE_EPOCH, GC thresholds, logger levels.

    An engine's worker runs task after task; none may leave a setting the next one inherits.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    threshold = gc.get_threshold()
    levels = {name: logger.level for name, logger in logging.root.manager.loggerDict.items()
              if isinstance(logger, logging.Logger)}
    root_level = logging.root.level
    try:
        yield
    finally:
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
        gc.set_threshold(*threshold)
        for name, logger in list(logging.root.manager.loggerDict.items()):
            if isinstance(logger, logging.Logger):
                logger.setLevel(levels.get(name, logging.NOTSET))
        logging.root.setLevel(root_level)


# --- the overview ----------------------------------------------------------------------------

def _score(brief: dict) -> float | None:
    value = (brief.get("sentiment") or {}).get("score")
    return float(value) if isinstance(value, (int, float)) else None


def overview_row(brief: dict, entry: Entry, written: Sequence[Path], out: Path) -> dict:
    """Return the subject's overview row: articles and sources, top story, sentiment and its change, files."""
    sources = {s["id"]: s for s in brief.get("sources", [])}
    top = (brief.get("summary") or [None])[0]
    if top is None:
        top = next((s for t in brief.get("themes", []) for s in t.get("sentences", [])), None)
    story = None
    if top is not None:
        cited = [sources[i] for i in top["sources"] if i in sources]
        story = {"text": top["text"], "sources": top["sources"],
                 "source": ({k: cited[0].get(k) for k in ("title", "publisher", "date", "url")} if cited else None)}
    score = _score(brief)
    change = None
    if brief.get("previous"):
        try:
            before = _score(json.loads((out / entry.slug / brief["previous"]).read_text(encoding="utf-8")))
        except (OSError, ValueError):
            before = None
        if before is not None and score is not None:
            change = round(score - before, 3)
    return {
        "name": entry.subject.name,
        "slug": entry.slug,
        "audience": brief.get("audience"),
        "articles": (brief.get("stats") or {}).get("articles_used", len(sources)),
        "sources": len({s.get("publisher") or s.get("url") or s.get("title") for s in sources.values()}),
        "top_story": story,
        "sentiment": brief.get("sentiment"),
        "previous": brief.get("previous"),
        "sentiment_change": change,
        "files": {Path(p).suffix.lstrip("."): f"{entry.slug}/{Path(p).name}" for p in written},
    }


def overview(outcomes: Sequence[Outcome], job: Job, portfolio: Portfolio) -> dict:
    """Return the week's overview: one row per subject built, and the subjects that failed."""
    return {
        "portfolio": portfolio.path.name,
        "week": job.week,
        "period": {"since": str(job.since) if job.since else None, "until": str(job.until) if job.until else None},
        "subjects": [o.row for o in outcomes if o.row is not None],
        "failed": [{"name": o.name, "slug": o.slug, "error": o.error} for o in outcomes if o.row is None],
    }


def write_overview(data: dict, job: Job, portfolio: Portfolio) -> list[Path]:
    """Write OUT/index.md, index.html and index.json through the audience's sandboxed templates."""
    from .audience import load_audience, template_roots

    audience_name = job.audience or next((e.audience for e in portfolio.entries if e.audience), "") or "investor"
    audience = load_audience(audience_name, template_roots(job.templates))
    env = render.environment(audience)
    outputs = {"json": (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()}
    for fmt in ("md", "html"):
        try:
            text = env.get_template(f"index.{fmt}.j2").render(overview=data, labels=audience.get("labels", {}))
        except Exception as error:  # noqa: BLE001 (a user's template error is one line)
            raise render.RenderError(f"index.{fmt}.j2: template error: {' '.join(str(error).split())}") from None
        outputs[fmt] = text.encode()
    written = []
    for fmt in ("md", "html", "json"):
        path = job.out / f"index.{fmt}"
        try:
            render.write_atomic(path, outputs[fmt])
        except OSError as error:
            raise render.RenderError(f"{path}: cannot write ({error.strerror})") from None
        written.append(path)
    return written


# --- engines ---------------------------------------------------------------------------------

def _batches(files: Sequence[Path]) -> list[list[str]]:
    return [[str(f) for f in files[i:i + FILES_PER_TASK]] for i in range(0, len(files), FILES_PER_TASK)]


def run(portfolio: Portfolio, job: Job, scheduler: str | None = None, workers: int | None = None,
        each: Callable[[Outcome], None] | None = None) -> tuple[list[Outcome], list[str]]:
    """Return every subject's outcome, in portfolio order, and the files that could not be read.

    `each` sees each outcome as soon as it is done.

    No `scheduler`: a local process pool of `workers` processes. "local": a Dask LocalCluster.
    Otherwise the address of a running Dask scheduler, whose workers can read the news paths.
    """
    listing: list[load.Problem] = []
    files = list(load.iter_files(list(job.news), listing))
    if not files:
        raise build.BuildError("no readable articles in " + ", ".join(str(p) for p in job.news)
                               + "; give .txt, .md, .html, .json/.jsonl or RSS/Atom files")
    subjects = [e.subject for e in portfolio.entries]
    if scheduler is None:
        outcomes, problems = _run_pool(portfolio, job, files, listing, subjects, workers or os.cpu_count() or 1, each)
    else:
        outcomes, problems = _run_dask(portfolio, job, files, listing, subjects, scheduler, workers, each)
    order = {e.slug: i for i, e in enumerate(portfolio.entries)}
    return sorted(outcomes, key=lambda o: order[o.slug]), [str(p) for p in listing] + problems


def _problems(batches: Sequence[Batch]) -> list[str]:
    return [str(p) for batch in batches for p in batch.problems]


def _ahead(workers: int) -> int:
    # Subject tasks sent before the first is done: enough to keep every worker busy while the
    # next shares are summed here, few enough that this process holds a handful, not all.
    return 2 * workers + 2


def _run_pool(portfolio: Portfolio, job: Job, files: list[Path], listing: list[load.Problem],
              subjects: list[Subject], workers: int, each) -> tuple[list[Outcome], list[str]]:
    """Return the outcomes and file problems from a local process pool (in this process for 1 worker)."""
    if workers <= 1:
        batches = [read_files([str(f) for f in files], subjects)]
        outcomes = []
        for entry, news in zip(portfolio.entries, shares(batches, len(subjects), job, listing)):
            outcomes.append(build_subject(job, entry, news))
            if each:
                each(outcomes[-1])
        return outcomes, _problems(batches)
    threshold = gc.get_threshold()
    outcomes = []
    try:
        # The week's passages are many small objects that live to the end, as in a build.
        gc.set_threshold(*_pool.BUILD_GC_THRESHOLD)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            paths = _batches(files)
            batches = list(pool.map(read_files, paths, [subjects] * len(paths)))
            # Each subject's task gets only its share: the articles that may name it, the others' tally.
            pending: deque = deque()
            for entry, news in zip(portfolio.entries, shares(batches, len(subjects), job, listing)):
                pending.append(pool.submit(build_subject, job, entry, news))
                while len(pending) > _ahead(workers) or (pending and pending[0].done()):
                    outcomes.append(pending.popleft().result())
                    if each:
                        each(outcomes[-1])
            for future in pending:
                outcomes.append(future.result())
                if each:
                    each(outcomes[-1])
    finally:
        gc.set_threshold(*threshold)
    return outcomes, _problems(batches)


def _run_dask(portfolio: Portfolio, job: Job, files: list[Path], listing: list[load.Problem],
              subjects: list[Subject], scheduler: str, workers: int | None, each) -> tuple[list[Outcome], list[str]]:
    """Return the outcomes and file problems from Dask: a LocalCluster ("local") or a scheduler's address."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ConfigError('--scheduler needs Dask: pip install "briefs[dask]"') from None
    cluster = None
    try:
        if scheduler == "local":
            # One thread per worker process: a build's GC setting and caches are per process.
            cluster = LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            client = Client(cluster)
        else:
            client = Client(scheduler, timeout="20s")
    except OSError as error:
        if cluster is not None:
            cluster.close()
        raise ConfigError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({error})") from None
    threshold = gc.get_threshold()
    try:
        # The week's passages are many small objects that live to the end, as in a build; the
        # default thresholds rescan them all as the client (and a LocalCluster's scheduler) work.
        gc.set_threshold(*_pool.BUILD_GC_THRESHOLD)
        if cluster is None and any(cwd != os.getcwd() for cwd in client.run(os.getcwd).values()):
            # Workers elsewhere do not share our folder: relative paths would be theirs. (Kept
            # as given otherwise: a source's path in the JSON brief is the path it was read by.)
            job = replace(job, news=tuple(p.absolute() for p in job.news), out=job.out.absolute())
            files = [f.absolute() for f in files]
        reading = {client.submit(read_files, batch, subjects, pure=False): number
                   for number, batch in enumerate(_batches(files))}
        # The batches come back here (each subject's articles packed) and each subject's task is
        # sent only its share: it travels in the task itself, so Dask can rerun a task whose
        # worker was lost. A few tasks are in flight at once, so this process holds a few shares.
        # Each batch is taken as soon as it is read and its future dropped, so its worker frees it
        # then rather than holding every batch until the last is read.
        batches: list = [None] * len(reading)
        for future, batch in as_completed(list(reading), with_results=True):
            batches[reading.pop(future)] = batch
            del future
        todo = iter(zip(portfolio.entries, shares(batches, len(subjects), job, listing)))
        tasks: dict = {}
        running = as_completed()

        def fill() -> None:
            # Asked again each time: workers may join a running cluster (dask-jobqueue, adaptive).
            wanted = _ahead(max(1, sum(client.nthreads().values())))
            for entry, news in todo:
                future = client.submit(build_subject, job, entry, news, pure=False)
                tasks[future] = entry
                running.add(future)
                if len(tasks) >= wanted:
                    return

        fill()
        outcomes = []
        for future in running:
            try:
                outcome = future.result()
            except Exception as error:  # noqa: BLE001 (e.g. KilledWorker: Dask gave up retrying)
                entry = tasks[future]
                outcome = Outcome(entry.subject.name, entry.slug, error=f"engine error: {type(error).__name__}: {error}")
            del tasks[future]
            outcomes.append(outcome)
            if each:
                each(outcome)
            fill()
        return outcomes, _problems(batches)
    finally:
        gc.set_threshold(*threshold)
        client.close()
        if cluster is not None:
            cluster.close()

