"""Compose the stages into a Brief: settings → load → clean → split → themes → select → enrich → fit.

`build_brief` is the one library call the CLI, `briefs.build_brief` (and a Dask or Ray task, see
docs/scale.md) make; every setting is resolved here, once (`resolve_options`), so they all build
the same brief. Per-file work (load and per-article cleaning) is independent: `_pool` caches it by
content hash and can run it in a process pool; everything after it works on the whole corpus.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from . import _memo, _pool, attribution, boilerplate, enrich, history, kinds, load, period, select, split, stories, themes
from . import clean as clean_stage
from . import figures as figures_stage
from .audience import Audience, load_audience, template_roots
from .config import ConfigError, Settings, Subject, data_dir, override_themes, resolve
from . import entities as entities_stage
from .entities import lowercase_words
from .model import Brief, Figure, Period, Sentence, StoryRef, Theme


class BuildError(RuntimeError):
    """The corpus gives no brief (no readable article, nothing about the subject).

    `problems` are the files that could not be read: when every file failed, they are the reason.
    """

    def __init__(self, message: str, problems: Sequence[load.Problem] = ()):
        super().__init__(message)
        self.problems = list(problems)


@dataclass
class Options:
    """What the user asked for; None or "" means "from briefs.toml, the audience, else the default"."""

    audience: str = ""
    method: str | None = None
    subject: str = ""
    date: dt.date | None = None
    templates: Path | None = None
    week: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    undated: str = "include"          # or "exclude"
    previous: Path | None = None      # the previous brief's JSON; found in `out` when None
    out: Path | None = None           # where briefs are written, previous briefs found and the cache kept
    cache: bool = True
    workers: int | None = None        # processes for per-file work; None: the machine's cores
    formats: Sequence[str] | None = None  # what `briefs build` writes (md, html, pdf, json)


@dataclass
class Result:
    """A built brief with what the stages dropped or could not read, for reporting."""

    brief: Brief
    audience: Audience
    problems: list[load.Problem] = field(default_factory=list)
    dropped: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    window: period.Window = field(default_factory=period.Window)
    options: Options | None = None    # the options every setting was resolved into
    fitted: object | None = None      # render.Fitted: the page fitting's layout, reused for the PDF


@dataclass(frozen=True)
class Resolved:
    """Every setting of a build, resolved once: options with no blanks left, the audience, the subject."""

    options: Options
    audience: Audience
    subject: Subject
    settings: Settings


def default_paths() -> list[Path]:
    """Return the embedded sample corpus."""
    return [data_dir("seeds")]


def corpus_folder(paths: Sequence[Path]) -> Path | None:
    """Return the folder whose `briefs.toml` configures this corpus: the first folder given."""
    for path in paths:
        if path.is_dir():
            return path
        if path.is_file():
            return path.parent
    return None


def resolve_options(paths: Sequence[Path], options: Options, subject: Subject | None = None) -> Resolved:
    """Return the options with every blank filled from defaults < briefs.toml files < audience < options.

    `subject` (a portfolio's entry) replaces the one the briefs.toml files configure. Raises
    ConfigError (naming the file a bad value came from) for an unknown audience, method or format.
    """
    from . import rank
    from .render import FORMATS

    folder = corpus_folder(paths)
    flags = {"audience": options.audience, "method": options.method,
             "out": str(options.out) if options.out is not None else None,
             "formats": list(options.formats) if options.formats else None}
    settings = resolve(folder, flags)
    name = settings.values["audience"]
    try:
        audience = load_audience(name, template_roots(options.templates))
    except ConfigError as error:
        raise ConfigError(f"{error}{settings.source('audience')}") from None
    settings = resolve(folder, flags, audience.settings, name)
    audience = replace(audience, settings=override_themes(audience.settings, settings.values["themes"]))  # [[themes]]
    method = settings.values["method"]
    try:
        rank.check(method)
    except rank.UnknownMethod as error:
        raise ConfigError(f"{error}{settings.source('method')}") from None
    formats = [f.strip().lower() for f in settings.values["formats"] if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ConfigError(f"unknown format {(bad or [''])[0]!r}{settings.source('formats')}; "
                          f"use any of {', '.join(FORMATS)}, comma-separated")
    if subject is None:
        subject = settings.subject
        if options.subject and options.subject != subject.name:
            subject = Subject(name=options.subject)  # another subject: the corpus's aliases are not its
    resolved = replace(options, audience=name, method=method, out=Path(settings.values["out"]),
                       formats=tuple(dict.fromkeys(formats)))
    return Resolved(resolved, audience, subject, settings)


def build_brief(paths: Sequence[Path | str] | None = None, options: Options | None = None,
                progress: Callable[..., None] | None = None) -> Result:
    """Return the brief for the articles under `paths` (default: the embedded seeds), cut to its page limit."""
    paths = [Path(p) for p in paths] if paths else default_paths()
    resolved = resolve_options(paths, options or Options())
    options, audience, subject = resolved.options, resolved.audience, resolved.subject
    window = _window(options)
    note = progress or (lambda *_args: None)
    notes: list[str] = []

    note("load")
    problems: list[load.Problem] = []
    # The out folder is never input: rebuilding `.` must not cite last week's brief as a source.
    files = list(load.iter_files(paths, problems, skip=[options.out] if options.out is not None else []))
    # 0 or fewer (the Python API does not check, as the CLI's --workers does): no worker processes.
    workers = max(1, options.workers if options.workers is not None else (os.cpu_count() or 1))
    with _pool.build_session(options.out, options.cache, notes.append) as cache, _pool.Workers(workers) as pool:
        streamed = _StreamedCombiner(subject, window, options.undated)  # dedup starts as workers finish files
        items, file_problems, file_keys = _pool.per_file(files, subject, cache, pool, note, each=streamed.add)
        problems.extend(file_problems)
        memo = None
        if cache is not None:
            previous = previous_brief(covered_period(items, window, options, subject), options, audience, subject)
            memo = _memo.key(items, options, audience, subject, previous, files=list(zip(map(str, files), file_keys)))
        result = _memo.get(cache, memo, audience, problems, notes, window)
        if result is None:
            before = len(notes)
            result = _build(items, problems, notes, paths, options, subject, audience, window, note,
                            streamed if streamed.used else None, workers=pool)
            _memo.put(cache, memo, result, before)
    if audience.get("pages"):
        note("fit")
    return _fit(replace(result, options=options))


@dataclass(frozen=True)
class Tally:
    """Articles a brief counts but never quotes, as (date, articles, their drops) per date, undated first.

    An article that never names a named subject reaches `_build` only to be counted: the window
    sorts it by date, `combine` drops it whole and keeps its drops. `briefs portfolio` sends each
    subject's task these counts instead of the week's other articles.
    """

    counts: tuple[tuple[dt.date | None, int, int], ...] = ()

    @classmethod
    def of(cls, items: Iterable[clean_stage.ArticleClean]) -> Tally:
        """Return the tally of these articles."""
        return cls.total((cls(((i.article.date, 1, len(i.dropped)),)) for i in items))

    @classmethod
    def total(cls, tallies: Iterable[Tally], minus: Iterable[Tally] = ()) -> Tally:
        """Return the sum of the tallies, less those in `minus` (each of which must be part of the sum)."""
        sums: dict[dt.date | None, list[int]] = {}
        for sign, group in ((1, tallies), (-1, minus)):
            for tally in group:
                for day, articles, drops in tally.counts:
                    entry = sums.setdefault(day, [0, 0])
                    entry[0] += sign * articles
                    entry[1] += sign * drops
        days = sorted((d for d, (n, _) in sums.items() if n), key=lambda d: (d is not None, d or dt.date.min))
        return cls(tuple((d, *sums[d]) for d in days))

    @property
    def articles(self) -> int:
        return sum(n for _, n, _ in self.counts)

    def in_window(self, window: period.Window, undated: str) -> tuple[Tally, int, int]:
        """Return `in_window` of the articles counted: the tally of those inside, how many outside, how many undated-and-excluded."""
        inside, outside, undated_out = [], 0, 0
        for day, articles, drops in self.counts:
            where = day_in_window(day, window, undated)
            if where is True:
                inside.append((day, articles, drops))
            elif where is None:
                undated_out += articles
            else:
                outside += articles
        return Tally(tuple(inside)), outside, undated_out


def build_from_files(items: Sequence[clean_stage.ArticleClean], problems: Sequence[load.Problem],
                     paths: Sequence[Path], resolved: Resolved, others: Tally = Tally(),
                     elsewhere: Mapping[tuple[str, str], boilerplate.Evidence] | None = None) -> Result:
    """Return the brief from files already processed (`process_file`'s results, in file order), cut to its page limit.

    The corpus-level half of `build_brief`, for callers that read and clean files themselves
    (`briefs portfolio` does it once for many subjects); `problems` starts with `iter_files`'s.
    `others` counts the articles left out of `items` because they never name the subject, and
    `elsewhere` is what they show of the publishers' repeated passages (`boilerplate.evidence`).
    """
    options, audience, subject = resolved.options, resolved.audience, resolved.subject
    if others.counts and not subject.names:
        raise ValueError("only a named subject can leave out the articles that never name it")
    window = _window(options)
    with _pool.build_session(None, False, lambda _line: None):
        result = _build(list(items), list(problems), [], paths, options, subject, audience, window,
                        lambda *_args: None, others=others, elsewhere=elsewhere)
    return _fit(replace(result, options=options))


def _window(options: Options) -> period.Window:
    """Return the period window the options ask for (BuildError for a bad --undated or period)."""
    if options.undated not in ("include", "exclude"):
        raise BuildError(f"--undated must be include or exclude, not {options.undated!r}")
    try:
        return period.window(options.week, options.since, options.until, today=options.date)
    except period.PeriodError as error:
        raise BuildError(str(error)) from None


class _StreamedCombiner:
    """Articles handed over by `_pool.per_file` as workers finish them, combined (deduplicated) and
    searched for boilerplate at once, while the workers read the rest."""

    def __init__(self, subject: Subject, window: period.Window, undated: str):
        self.combiner = clean_stage.Combiner(subject)
        self.boilerplate = boilerplate.Finder()  # the window's articles, as `_build` gives them to `boilerplate.strip`
        self.window, self.undated, self.used = window, undated, False

    def add(self, item: clean_stage.ArticleClean) -> None:
        self.used = True
        if in_window([item], self.window, self.undated)[0]:
            self.combiner.add(item)
            self.boilerplate.add(item)


def _fit(result: Result) -> Result:
    """Return the result with its brief cut to the audience's page limit (a PDF from the same input is reused)."""
    if not result.audience.get("pages"):
        return result
    from .render import fit

    reuse = result.options.out / f"{output_stem(result.brief)}.pdf" if result.options.out else None
    fitted = fit(result.brief, result.audience, reuse=reuse)
    notes = result.notes + ([fitted.note] if fitted.note else [])
    return replace(result, brief=fitted.brief, notes=notes, fitted=fitted)


def in_window(items: Iterable[clean_stage.ArticleClean], window: period.Window, undated: str,
              ) -> tuple[list[clean_stage.ArticleClean], int, int]:
    """Return the articles inside the window, and how many were outside it or undated-and-excluded."""
    kept, outside, undated_out = [], 0, 0
    for item in items:
        where = day_in_window(item.article.date, window, undated)
        if where is True:
            kept.append(item)
        elif where is None:
            undated_out += 1
        else:
            outside += 1
    return kept, outside, undated_out


def day_in_window(day: dt.date | None, window: period.Window, undated: str) -> bool | None:
    """Return True if an article of that day is kept, False if it is outside the window, None if undated and excluded."""
    if day is None:
        return None if undated == "exclude" else True
    return not window.bounded or window.contains(day)


def _renumbered(sentence: Sentence, ids: dict[int, int]) -> Sentence:
    """Return the sentence citing its sources by their numbers in the brief's source list."""
    return replace(sentence, sources=sorted({ids[s] for s in sentence.sources if s in ids}),
                   source=ids.get(sentence.source, sentence.source))


def fill_title(pattern: str, values: dict[str, str]) -> str:
    """Return the title pattern with {subject}, {date}, {week}, {audience}, {start}, {end} filled in.

    Plain substitution, not str.format: a title pattern from a user's audience.toml must not
    reach attributes ("{subject.__class__}") the way a format string could.
    """
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), pattern)


def slug(text: str) -> str:
    """Return a file-name-safe lower-case slug."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "brief"


def covered_period(items: list[clean_stage.ArticleClean], window: period.Window, options: Options,
                   subject: Subject) -> Period:
    """Return the period a brief covers: the window, else --date, else its articles' dates."""
    in_period, _, _ = in_window(items, window, options.undated)
    dates = [i.article.date for i in in_period if i.article.date and (i.mentions or not subject.names)]
    end = window.end or options.date or (max(dates) if dates else None)
    start = window.start or (min(dates) if dates and not options.date else end)
    return Period(start=start.isoformat() if start else None, end=end.isoformat() if end else None)


def previous_brief(the_period: Period, options: Options, audience: Audience, subject: Subject) -> Path | None:
    """Return the previous period's JSON brief: --previous, else the newest fitting one in --out."""
    if options.previous is not None or options.out is None:
        return options.previous
    return history.find_previous(options.out, subject.name or "News", audience.name, the_period.start or the_period.end)


def _stories(sentences: list[Sentence], cleaned: clean_stage.Cleaned,
             ) -> tuple[list[Sentence], list[stories.Story], set[int]]:
    """Return the sentences about the subject, each tagged with its story, the week's stories,
    and the articles that are templated notes."""
    quotable = [s for s in sentences if not s.about]
    quotable = [s for s, repeated in zip(quotable, stories.furniture(quotable)) if not repeated]
    publisher = {a.id: stories.publisher_of(a.article) for a in cleaned.articles}
    week_stories, story_of = stories.build(quotable, publisher)
    templated = stories.templated_articles(quotable, story_of, week_stories)
    return [replace(s, story=story_id) for s, story_id in zip(quotable, story_of)], week_stories, templated


def _respaced(summary: list[Sentence], shown: list[Theme], figures: list[Figure], week: list[Sentence],
              words: frozenset[str], names: frozenset[str], named: Callable[[], Mapping[str, int]],
              ) -> tuple[list[Sentence], list[Theme], list[Figure]]:
    """Return the quoted sentences and figure rows with the spaces their scrape lost put back
    (`select.respaced`: spaces only, each seam read against the week's words, the names it writes
    and the article's text)."""
    wanted = {s.source for s in summary} | {s.source for t in shown for s in t.sentences} | {f.sources[0] for f in figures if f.sources}
    texts: dict[int, list[str]] = {}
    for sentence in week:
        if sentence.source in wanted:
            texts.setdefault(sentence.source, []).append(sentence.text)
    context = {source: " ".join(parts) for source, parts in texts.items()}
    lowered = lru_cache(maxsize=1)(lambda: "\n".join(s.text for s in week).lower())

    @lru_cache(maxsize=None)
    def together(phrase: str) -> int:  # how often the week writes these words side by side
        pattern = r"\s+".join(map(re.escape, phrase.split()))
        return len(re.findall(rf"(?<![\w'’-]){pattern}(?![\w'’-])", lowered()))

    def fix(text: str, source: int) -> str:
        return select.respaced(text, words, names, context.get(source, ""), named, together)

    return ([replace(s, text=fix(s.text, s.source)) for s in summary],
            [replace(t, sentences=[replace(s, text=fix(s.text, s.source)) for s in t.sentences]) for t in shown],
            [replace(f, text=fix(f.text, f.sources[0] if f.sources else 0)) for f in figures])


def _quoted_stories(quoted: list[Sentence], week_stories: list[stories.Story]) -> list[StoryRef]:
    """Return the stories the brief quotes (with their original source ids), most publishers first."""
    by_id = {story.id: story for story in week_stories}
    seen: dict[int, StoryRef] = {}
    for sentence in quoted:
        story = by_id.get(sentence.story)
        if story is not None and story.id not in seen:
            seen[story.id] = StoryRef(id=story.id, sentences=[sentence.text], sources=list(story.sources), publishers=[])
    return sorted(seen.values(), key=lambda s: (-len(by_id[s.id].publishers), -s.source_count, s.id))


def _build(items, problems, notes, paths, options: Options, subject: Subject, audience: Audience,
           window: period.Window, note, streamed: _StreamedCombiner | None = None,
           others: Tally = Tally(), elsewhere: Mapping[tuple[str, str], boilerplate.Evidence] | None = None,
           workers: _pool.Workers = _pool.INLINE) -> Result:
    """Return the brief from per-file results: window, corpus-level cleaning, then the later stages.

    `others` (a named subject only) counts articles that never name it, as if they were in `items`;
    `elsewhere` is what those in the window show of repeated passages. `workers` (those that read
    the files, if any still run) read every kept sentence for entities and figures while this
    process goes on with other stages.
    """
    if not items and not others.articles:
        raise BuildError("no readable articles in " + ", ".join(str(p) for p in paths)
                         + "; give .txt, .md, .html, .json/.jsonl or RSS/Atom files", problems)
    items, outside, undated_out = in_window(items, window, options.undated)
    others, others_outside, others_undated_out = others.in_window(window, options.undated)
    outside, undated_out = outside + others_outside, undated_out + others_undated_out
    # Each of the others is dropped whole by `combine` ("not about the subject"), after its own drops.
    others_kept = others.articles
    others_dropped = sum(drops for _, _, drops in others.counts) + others_kept
    kept = len(items) + others_kept
    if outside:
        notes.append(f"{outside} article(s) outside {window.week or 'the period'} left out")
    undated = sum(1 for i in items if i.article.date is None) + sum(n for day, n, _ in others.counts if day is None)
    # Undated articles matter when dates do: a window was asked for, or other articles are dated.
    if undated_out or (undated and (window.bounded or undated < kept)):
        notes.append(f"{undated_out or undated} undated article(s) {'left out' if undated_out else 'kept (marked undated)'}")
    if not kept:
        raise BuildError(f"no article dated within {window.week or 'the period'}; "
                         "choose another --week or --since/--until, or keep undated articles")

    note("clean")
    cleaned = streamed.combiner.result if streamed is not None else clean_stage.combine(items, subject)
    # issue 17: passages a publisher repeats across files
    cleaned = boilerplate.strip(cleaned, items, elsewhere, found=streamed.boilerplate.found if streamed is not None and not elsewhere else None)
    if not cleaned.articles:
        raise BuildError("no article is about the subject" + (f" {subject.name!r}" if subject.name else "")
                         + "; check its name and aliases in briefs.toml (briefs config shows them) or pass --subject")
    # Each article's kind reads its headline and every kept sentence: running workers do it while
    # this process splits and attributes the week.
    # A pitch's headline ("3 Stocks to Buy Now") is dropped from the brief, not from what tells its kind.
    pitched = {d.path: d.text for d in cleaned.dropped if d.reason == attribution.PROMOTIONAL_TITLE}
    kinds_found = workers.map_later(kinds.kinds, [(a.article.title or pitched.get(a.article.path, ""), a.sentences)
                                                  for a in cleaned.articles])
    note("split")
    sentences = split.split(cleaned)
    # The week's words written in lower case, read once for attribution, entities and figures
    # (the stages below change whom a sentence is about and whether it is new, never its words).
    vocabulary = lowercase_words(sentences)
    # Entities read every sentence's text (which the steps below leave as it is): running workers
    # start now, while this process attributes the week and builds stories, themes and the selection.
    names_found = workers.map_later(*entities_stage.name_search(sentences, vocabulary))
    companies: frozenset[str] = frozenset()
    if subject.names:
        # Companies one article marks as listed are known in every other (issue 15).
        companies = attribution.week_companies(sentences, subject, vocabulary)
        sentences = attribution.attribute_week(sentences, {a.id: a.article.title for a in cleaned.articles}, subject,
                                               vocabulary, companies)

    the_period = covered_period(items, window, options, subject)
    name = subject.name or "News"
    previous_path = previous_brief(the_period, options, audience, subject)
    previous = None
    if previous_path is not None:
        try:
            previous = history.read_brief(previous_path)
        except history.HistoryError as error:
            # Comparing with last week is an extra: an unusable previous brief is treated as absent.
            notes.append(f"{error}; building without a previous brief")
    if previous is not None:
        sentences = history.mark(sentences, previous)
        repeated = sum(not s.new for s in sentences)
        notes.append(f"{repeated} sentence(s) already reported in {previous_path.name}")

    # Figures read the week's sentences that may hold one (whom each is about included): running
    # workers start now, while this process builds stories, themes and the selection.
    publishers = sorted({a.article.publisher for a in cleaned.articles if a.article.publisher})
    metrics = audience.get("metrics")
    figures_ahead = figures_stage.reading([], subject, metrics, publishers, pool=sentences, lowercase=vocabulary)
    figures_ahead_found = workers.map_later(*figures_ahead)

    note("stories")
    quotable, week_stories, templated = _stories(sentences, cleaned)
    kind_of = {a.id: kinds.TEMPLATE if a.id in templated else found
               for a, found in zip(cleaned.articles, kinds_found.result())}

    note("themes")
    names_subject = (lambda text: clean_stage.mentions(text, subject) > 0) if subject.names else None
    grouped = themes.assign(quotable, audience.themes, discover=int(audience.get("discovered_themes", 2)),
                            ignore=subject.names + subject.tickers, about=names_subject,
                            discoverable=lambda s: kinds.founds_theme(kind_of.get(s.source, "")))
    note("select")
    lowercase = lowercase_words(quotable) if subject.names else frozenset()

    def own_results(sentence: Sentence) -> float:
        if not subject.names or not figures_stage.FIGURE.search(sentence.text):
            return 1.0
        return select.OWN_RESULTS if figures_stage.reports_results(sentence, subject, metrics, lowercase) else 1.0

    # A week holding the subject's own results report: what looked ahead to it is replaced by it.
    reported = any(kind_of.get(a.id) == kinds.RESULTS for a in cleaned.articles if a.central)

    def superseded(sentence: Sentence) -> bool:
        return reported and select.previews(sentence.text)

    max_words = audience.get("max_words")
    summary, shown = select.select(grouped, options.method, per_theme=int(audience.get("sentences_per_theme", 4)),
                                   summary_size=int(audience.get("summary_sentences", 4)),
                                   max_words=int(max_words) if max_words else None,
                                   about=names_subject,
                                   stories=week_stories,
                                   leads=lambda s: kinds.leads(kind_of.get(s.source, "")) and not superseded(s),
                                   discount=lambda s: kinds.weight(kind_of.get(s.source, "")) * own_results(s)
                                   * (select.PREVIEW_AFTER_RESULTS if superseded(s) else 1.0),
                                   since=dt.date.fromisoformat(the_period.start) if the_period.start else None,
                                   shared=attribution.names_another_of(subject, companies) if subject.names else None,
                                   words=vocabulary, names=frozenset(n.lower() for n in subject.names),
                                   fallback=lambda s: kinds.leads_alone(kind_of.get(s.source, "")) and not superseded(s))
    if not shown and not summary:
        raise BuildError("no sentence worth quoting was left after cleaning; see --explain")
    max_themes = audience.get("max_themes")
    if max_themes:
        configured = [t for t in shown if not t.discovered]
        keep = {id(t) for t in sorted(configured, key=lambda t: -t.sentence_count)[:int(max_themes)]}
        shown = [t for t in shown if id(t) in keep or t.discovered]

    note("enrich")
    selected = [s for t in shown for s in t.sentences]
    # Who is mentioned: in the articles about the subject, and in the others' lines that name it
    # (another company's earnings call names its own officers a dozen times, and is not this week's cast).
    # Every sentence still tells what a name is (a ticker beside it, a role): only the counting is the cast's.
    cast = [(s.central or not subject.names or clean_stage.mentions(s.text, subject))
            and kind_of.get(s.source) not in kinds.NOT_CAST for s in sentences]
    found_names = names_found.result()
    entities = enrich.entities(sentences, exclude=subject.names + subject.tickers, publishers=publishers,
                               found=found_names, counted=cast)
    # Figures are read from the brief's sentences first, then the week's other kept ones (a
    # results number quoted outside the selection); their sources are cited like the sentences'.
    # The week's were read ahead: only the brief's own are read now, with the week's vocabulary
    # (the brief's sentences are the week's own).
    figure_work, figure_items = figures_stage.reading(summary + selected, subject, metrics, publishers, pool=sentences,
                                                      ahead=figures_ahead[1], lowercase=vocabulary)
    figures_found = figures_stage.readings(figure_work, figure_items, (*figures_ahead, figures_ahead_found.result),
                                           workers.map)
    figures = enrich.figures(summary + selected, limit=int(audience.get("figures", 12)), subject=subject,
                             metrics=metrics, publishers=publishers, pool=sentences,
                             since=the_period.start, found=(figure_items, figures_found), templated=templated)
    # What the brief quotes gets back the spaces its scrape lost ("itsH20 chipsto China").
    summary, shown, figures = _respaced(summary, shown, figures, sentences, vocabulary,
                                        frozenset(n.lower() for n in subject.names),
                                        lru_cache(maxsize=1)(lambda: entities_stage.name_words(found_names)))
    selected = [s for t in shown for s in t.sentences]
    # Every source of a quoted story is listed, so the story's citations resolve.
    quoted_stories = _quoted_stories(summary + selected, week_stories)
    cited = sorted({s for x in selected + summary for s in x.sources} | {s for st in quoted_stories for s in st.sources}
                   | {s for f in figures for s in f.sources})
    ids = {old: new for new, old in enumerate(cited, 1)}
    figures = [replace(f, sources=[ids[s] for s in f.sources]) for f in figures]
    summary = [_renumbered(s, ids) for s in summary]
    shown = [replace(t, sentences=[_renumbered(s, ids) for s in t.sentences]) for t in shown]
    source_list = [replace(source, id=ids[source.id]) for source in enrich.sources(cleaned, set(cited))]
    publisher_of = {s.id: s.publisher or s.title or s.path for s in source_list}
    quoted_stories = [replace(st, sources=sorted(ids[s] for s in st.sources),
                              publishers=sorted({publisher_of[ids[s]] for s in st.sources})) for st in quoted_stories]
    shown = enrich.theme_sentiment(shown)
    if previous is not None:
        figures = history.mark_figures(figures, previous)
        figures.sort(key=lambda f: not f.new)  # what is new leads
    title = fill_title(str(audience.get("title", "{subject} brief")),
                       {"subject": name, "date": the_period.end or "undated", "audience": audience.name,
                        "start": the_period.start or "", "end": the_period.end or "", "week": window.week})
    brief = Brief(
        title=title,
        subject=name,
        audience=audience.name,
        date=the_period.end,
        period=the_period,
        summary=summary,
        themes=shown,
        sources=source_list,
        figures=figures,
        sentiment=enrich.sentiment(sentences),
        entities=entities,
        method=options.method,
        week=window.week or None,
        previous=previous_path.name if previous is not None else None,
        stories=quoted_stories,
        stats={"articles": kept + outside + undated_out, "articles_used": len(cleaned.articles),
               "articles_outside_period": outside, "sentences": len(sentences),
               "dropped": len(cleaned.dropped) + others_dropped,
               "problems": len(problems)},
    )
    return Result(brief=brief, audience=audience, problems=problems, dropped=cleaned.dropped, notes=notes,
                  window=window)


def output_stem(brief: Brief) -> str:
    """Return the file name stem: subject, ISO week (or date) and audience."""
    return f"{slug(brief.subject)}-{brief.week or brief.date or 'undated'}-{slug(brief.audience)}"
