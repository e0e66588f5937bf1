"""Compose the stages into a Brief: load → clean → split → themes → select → enrich.

`build_brief` is the one library call the CLI (and a Dask or Ray task, see docs/scale.md) makes.
Per-file work (load and per-article cleaning) is independent: it is cached by content hash and
can run in a process pool; everything after it works on the whole corpus.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import clean as clean_stage
from . import enrich, history, kinds, load, period, render, select, split, stories, themes
from .audience import Audience, load_audience, template_roots
from .cache import VERSION as CACHE_VERSION
from .cache import Cache, encode, file_key, location
from .config import Subject, data_dir, override_themes, resolve
from .model import Brief, Drop, Period, Sentence, StoryRef, brief_from_dict

# Below this many files a process pool costs more to start than it saves.
MIN_FILES_FOR_WORKERS = 64
# A build allocates millions of small objects that live until it ends (sentences, keys, stems).
# With Python's default thresholds the cyclic collector rescans all of them again and again as
# more pile up: a third of the corpus-wide time at 10,000 articles. During a build (and in its
# worker processes) it collects young objects less often and the whole heap almost never; the
# objects a build makes hold no reference cycles to reclaim.
BUILD_GC_THRESHOLD = (50_000, 20, 10_000)


@contextmanager
def _few_collections() -> Iterator[None]:
    """Use BUILD_GC_THRESHOLD for the duration of a build, then restore the caller's setting."""
    previous = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _start_worker() -> None:
    gc.set_threshold(*BUILD_GC_THRESHOLD)


class BuildError(RuntimeError):
    """The corpus gives no brief (no readable article, nothing about the subject)."""


@dataclass
class Options:
    """What the user asked for; every field has the default `briefs build` uses."""

    audience: str = ""
    method: str = "default"
    subject: str = ""
    date: dt.date | None = None
    templates: Path | None = None
    week: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    undated: str = "include"          # or "exclude"
    previous: Path | None = None      # the previous brief's JSON; found in `out` when None
    out: Path | None = None           # where previous briefs and the cache live
    cache: bool = True
    workers: int | None = None        # processes for per-file work; None: the machine's cores


@dataclass
class Result:
    """A built brief with what the stages dropped or could not read, for reporting."""

    brief: Brief
    audience: Audience
    problems: list[load.Problem] = field(default_factory=list)
    dropped: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    window: period.Window = field(default_factory=period.Window)


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


def process_file(path: Path, subject: Subject) -> tuple[list[clean_stage.ArticleClean], list[load.Problem]]:
    """Return one file's articles, each cleaned on its own, and the problems met (no exception).

    The articles come back without their full text: later stages read only the kept sentences,
    and the text would only be copied back from a worker and stored in the cache.
    """
    articles, problems = load.load_file(path)
    items = [clean_stage.clean_article(article, subject) for article in articles]
    for item in items:
        item.article = replace(item.article, text="")
    return items, problems


def _work(paths: list[Path], subject: Subject, store: bool) -> list[tuple[list, list, str | None]]:
    """Process a batch of files in a worker; with `store`, also encode each for the cache there."""
    outcomes = []
    for path in paths:
        items, problems = process_file(path, subject)
        outcomes.append((items, problems, encode(items, problems, str(path)) if store else None))
    return outcomes


def _relocate(items: list[clean_stage.ArticleClean], old: str, new: str) -> None:
    """Point cached results at the path the file has now (the same bytes may sit in many files)."""
    for item in items:
        item.article.path = new + item.article.path[len(old):] if item.article.path.startswith(old) else new
        for drop in item.dropped:
            drop.path = new + drop.path[len(old):] if drop.path.startswith(old) else new


def per_file(files: list[Path], subject: Subject, cache: Cache | None, workers: int,
             note: Callable[..., None], each: Callable[[clean_stage.ArticleClean], None] | None = None,
             ) -> tuple[list[clean_stage.ArticleClean], list[load.Problem]]:
    """Return every file's cleaned articles in file order: from the cache, else processed (in parallel).

    Files the cache lacks go to worker processes in batches as soon as the cache says so, while
    the rest are still being looked up. With `each`, every article is also handed over in file
    order as soon as it and all before it are ready, so corpus-wide work can start while workers
    run; that happens only when some file is processed (a fully cached run hands nothing over).
    """
    results: list[tuple[list, list] | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    store = cache is not None
    parallel = workers > 1 and len(files) >= MIN_FILES_FOR_WORKERS
    batch_size = max(1, len(files) // (workers * 32))  # small batches: the last one decides when all cores are done
    pool: ProcessPoolExecutor | None = None
    batches: list[tuple[list[int], Future]] = []
    todo: list[int] = []
    entries: list[tuple[str, str]] = []  # (cache key, encoded results), written in one transaction
    released = 0

    def submit(indices: list[int]) -> None:
        nonlocal pool
        if pool is None:
            pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker)
        batches.append((indices, pool.submit(_work, [files[i] for i in indices], subject, store)))

    def take(index: int, items: list, problems: list, encoded: str | None) -> None:
        nonlocal released
        results[index] = (items, problems)
        if encoded is not None and keys[index] is not None:
            entries.append((keys[index], encoded))
        while each is not None and released < len(files) and results[released] is not None:
            for item in results[released][0]:
                each(item)
            released += 1

    try:
        for index, path in enumerate(files):
            if cache is not None:
                try:
                    keys[index] = file_key(path.read_bytes(), subject) if path.stat().st_size <= load.MAX_BYTES else None
                except OSError:
                    keys[index] = None
                hit = cache.get(keys[index]) if keys[index] else None
                if hit is not None:
                    items, problems, stored = hit
                    _relocate(items, stored, str(path))
                    results[index] = (items, [load.Problem(str(path) + p.path[len(stored):], p.reason) for p in problems])
                    continue
            todo.append(index)
            if parallel and len(todo) % batch_size == 0:
                submit(todo[-batch_size:])
        if parallel and len(todo) % batch_size:
            submit(todo[-(len(todo) % batch_size):])
        if not todo:
            each = None
        done = len(files) - len(todo)
        note("read", done, len(files))  # progress: (stage, files done, files in all)
        if pool is not None:
            # Every batch is submitted: while the workers read files, this process would only
            # wait, so it imports what the corpus-wide stages need now instead of after.
            themes.prepare()
            render.prepare()
            for indices, future in batches:
                for index, outcome in zip(indices, future.result()):
                    take(index, *outcome)
                    done += 1
                    note("read", done, len(files))
        else:
            for index in todo:
                take(index, *_work([files[index]], subject, store)[0])
                done += 1
                note("read", done, len(files))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if cache is not None:
        cache.put_many(entries)
    items: list[clean_stage.ArticleClean] = []
    problems: list[load.Problem] = []
    for outcome in results:
        items.extend(outcome[0])
        problems.extend(outcome[1])
    return items, problems


def in_window(items: Iterable[clean_stage.ArticleClean], window: period.Window, undated: str,
              ) -> tuple[list[clean_stage.ArticleClean], int, int]:
    """Return the articles inside the window, and how many were outside it or undated-and-excluded."""
    kept, outside, undated_out = [], 0, 0
    for item in items:
        day = item.article.date
        if day is None:
            if undated == "exclude":
                undated_out += 1
                continue
        elif window.bounded and not window.contains(day):
            outside += 1
            continue
        kept.append(item)
    return kept, outside, undated_out


def _renumber(sentences: list[Sentence], ids: dict[int, int]) -> None:
    for sentence in sentences:
        sentence.sources = sorted({ids[s] for s in sentence.sources if s in ids})
        sentence.source = ids.get(sentence.source, sentence.source)


def fill_title(pattern: str, values: dict[str, str]) -> str:
    """Return the title pattern with {subject}, {date}, {week}, {audience}, {start}, {end} filled in.

    Plain substitution, not str.format: a title pattern from a user's audience.toml must not
    reach attributes ("{subject.__class__}") the way a format string could.
    """
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), pattern)


def slug(text: str) -> str:
    """Return a file-name-safe lower-case slug."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "brief"


def setup(paths: Sequence[Path], options: Options, subject: Subject | None = None,
          ) -> tuple[Subject, Audience, period.Window]:
    """Return the subject, audience and period window a build of `paths` uses.

    `subject` (a portfolio's entry) replaces the one the briefs.toml files configure.
    """
    settings = resolve(corpus_folder(paths), {"audience": options.audience})
    if subject is None:
        subject = settings.subject
        if options.subject and options.subject != subject.name:
            subject = Subject(name=options.subject)  # another subject: the corpus's aliases are not its
    audience = load_audience(settings.values["audience"], template_roots(options.templates))
    audience.settings = override_themes(audience.settings, settings.values["themes"])  # briefs.toml [[themes]]
    try:
        window = period.window(options.week, options.since, options.until, today=options.date)
    except period.PeriodError as error:
        raise BuildError(str(error)) from None
    return subject, audience, window


def build_from_files(items: list[clean_stage.ArticleClean], problems: list[load.Problem], paths: Sequence[Path],
                     options: Options, subject: Subject, audience: Audience, window: period.Window) -> Result:
    """Return the brief from files already processed (`process_file`'s results, in file order).

    The corpus-level half of `build_brief`, for callers that read and clean files themselves
    (`briefs portfolio` does it once for many subjects); `problems` starts with `iter_files`'s.
    """
    with _few_collections():
        return _build(list(items), list(problems), [], paths, options, subject, audience, window,
                      lambda *_args: None)


def build_brief(paths: Sequence[Path | str] | None = None, options: Options | None = None,
                progress: Callable[..., None] | None = None) -> Result:
    """Return the brief for the articles under `paths` (default: the embedded seeds)."""
    options = options or Options()
    if options.undated not in ("include", "exclude"):
        raise BuildError(f"--undated must be include or exclude, not {options.undated!r}")
    paths = [Path(p) for p in paths] if paths else default_paths()
    subject, audience, window = setup(paths, options)
    note = progress or (lambda *_args: None)
    notes: list[str] = []

    note("load")
    problems: list[load.Problem] = []
    files = list(load.iter_files(paths, problems))
    cache = None
    if options.cache and options.out is not None:
        cache = Cache(location(options.out), warn=notes.append)
    workers = options.workers if options.workers is not None else (os.cpu_count() or 1)
    try:
        with _few_collections():
            # Articles are combined (deduplicated across the corpus) as workers finish them.
            combiner = clean_stage.Combiner(subject)
            streamed = False

            def combine_one(item: clean_stage.ArticleClean) -> None:
                nonlocal streamed
                streamed = True
                if in_window([item], window, options.undated)[0]:
                    combiner.add(item)

            items, file_problems = per_file(files, subject, cache, workers, note, each=combine_one)
            problems.extend(file_problems)
            memo = _memo_key(items, options, audience, subject, window) if cache is not None else None
            cached = cache.get_brief(memo) if memo else None
            if cached is not None:
                return Result(brief=brief_from_dict(cached["brief"]), audience=audience, problems=problems,
                              dropped=[Drop(**d) for d in cached["dropped"]], notes=notes + cached["notes"],
                              window=window)
            result = _build(items, problems, notes, paths, options, subject, audience, window, note,
                            combiner if streamed else None)
            if memo:
                cache.put_brief(memo, {"brief": result.brief.to_dict(), "notes": result.notes[len(notes):],
                                       "dropped": [asdict(d) for d in result.dropped]})
            return result
    finally:
        if cache is not None:
            cache.close()


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


def _memo_key(items: list[clean_stage.ArticleClean], options: Options, audience: Audience, subject: Subject,
              window: period.Window) -> str:
    """Return a key for everything a whole build depends on: files, options, audience, previous brief."""
    digest = hashlib.sha256()
    for item in items:
        digest.update(json.dumps([item.article.path, item.article.title, item.article.publisher, str(item.article.date),
                                  item.article.url, item.paragraphs, item.mentions]).encode())
    options_view = {k: str(v) for k, v in asdict(options).items() if k not in ("workers", "cache", "out", "templates")}
    previous = previous_brief(covered_period(items, window, options, subject), options, audience, subject)
    try:
        previous_digest = hashlib.sha256(previous.read_bytes()).hexdigest() if previous else None
    except OSError:
        previous_digest = "unreadable"
    from . import __version__

    digest.update(json.dumps([CACHE_VERSION, __version__, options_view, audience.settings, [str(f) for f in audience.folders],
                              asdict(subject), str(previous), previous_digest], sort_keys=True, default=str).encode())
    return digest.hexdigest()


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
           window: period.Window, note, combined: clean_stage.Combiner | None = None) -> Result:
    """Return the brief from per-file results: window, corpus-level cleaning, then the later stages."""
    if not items:
        raise BuildError("no readable articles in " + ", ".join(str(p) for p in paths)
                         + "; give .txt, .md, .html, .json/.jsonl or RSS/Atom files")
    items, outside, undated_out = in_window(items, window, options.undated)
    if outside:
        notes.append(f"{outside} article(s) outside {window.week or 'the period'} left out")
    undated = sum(1 for i in items if i.article.date is None)
    # Undated articles matter when dates do: a window was asked for, or other articles are dated.
    if undated_out or (undated and (window.bounded or undated < len(items))):
        notes.append(f"{undated_out or undated} undated article(s) {'left out' if undated_out else 'kept (marked undated)'}")
    if not items:
        raise BuildError(f"no article dated within {window.week or 'the period'}; "
                         "choose another --week or --since/--until, or keep undated articles")

    note("clean")
    cleaned = combined.result if combined is not None else clean_stage.combine(items, subject)
    if not cleaned.articles:
        raise BuildError("no article is about the subject" + (f" {subject.name!r}" if subject.name else "")
                         + "; check its name and aliases in briefs.toml (briefs config shows them) or pass --subject")
    note("split")
    sentences = split.split(cleaned)

    the_period = covered_period(items, window, options, subject)
    name = subject.name or "News"
    previous_path = previous_brief(the_period, options, audience, subject)
    previous = None
    if previous_path is not None:
        try:
            previous = history.read_brief(previous_path)
        except history.HistoryError as error:
            if options.previous is not None:
                raise BuildError(str(error)) from None
            notes.append(str(error))
    if previous is not None:
        repeated = history.mark(sentences, previous)
        notes.append(f"{repeated} sentence(s) already reported in {previous_path.name}")

    note("stories")
    quotable, week_stories, templated = _stories(sentences, cleaned)
    kind_of = {a.id: kinds.TEMPLATE if a.id in templated else kinds.kind(a.article.title, a.sentences)
               for a in cleaned.articles}

    note("themes")
    grouped = themes.assign(quotable, audience.themes, discover=int(audience.get("discovered_themes", 2)),
                            ignore=subject.names + subject.tickers)
    note("select")
    max_words = audience.get("max_words")
    summary, shown = select.select(grouped, options.method, per_theme=int(audience.get("sentences_per_theme", 4)),
                                   summary_size=int(audience.get("summary_sentences", 4)),
                                   max_words=int(max_words) if max_words else None,
                                   about=(lambda text: clean_stage.mentions(text, subject) > 0) if subject.names else None,
                                   stories=week_stories, leads=lambda s: kinds.leads(kind_of.get(s.source, "")),
                                   discount=lambda s: kinds.weight(kind_of.get(s.source, "")))
    if not shown and not summary:
        raise BuildError("no sentence worth quoting was left after cleaning; see --explain")
    max_themes = audience.get("max_themes")
    if max_themes:
        configured = [t for t in shown if not t.discovered]
        keep = {id(t) for t in sorted(configured, key=lambda t: -t.sentence_count)[:int(max_themes)]}
        shown = [t for t in shown if id(t) in keep or t.discovered]

    note("enrich")
    selected = [s for t in shown for s in t.sentences]
    # Every source of a quoted story is listed, so the story's citations resolve.
    quoted_stories = _quoted_stories(summary + selected, week_stories)
    cited = sorted({s for x in selected + summary for s in x.sources} | {s for st in quoted_stories for s in st.sources})
    ids = {old: new for new, old in enumerate(cited, 1)}
    _renumber(list({id(s): s for s in selected + summary}.values()), ids)
    source_list = enrich.sources(cleaned, set(cited))
    for source in source_list:
        source.id = ids[source.id]
    publisher_of = {s.id: s.publisher or s.title or s.path for s in source_list}
    quoted_stories = [replace(st, sources=sorted(ids[s] for s in st.sources),
                              publishers=sorted({publisher_of[ids[s]] for s in st.sources})) for st in quoted_stories]
    enrich.theme_sentiment(shown)
    figures = enrich.figures(summary + selected, limit=int(audience.get("figures", 12)))
    if previous is not None:
        history.mark_figures(figures, previous)
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
        entities=enrich.entities(sentences, exclude=subject.names + subject.tickers),
        method=options.method,
        week=window.week or None,
        previous=previous_path.name if previous is not None else None,
        stories=quoted_stories,
        stats={"articles": len(items) + outside + undated_out, "articles_used": len(cleaned.articles),
               "articles_outside_period": outside, "sentences": len(sentences), "dropped": len(cleaned.dropped),
               "problems": len(problems)},
    )
    return Result(brief=brief, audience=audience, problems=problems, dropped=cleaned.dropped, notes=notes,
                  window=window)


def output_stem(brief: Brief) -> str:
    """Return the file name stem: subject, ISO week (or date) and audience."""
    return f"{slug(brief.subject)}-{brief.week or brief.date or 'undated'}-{slug(brief.audience)}"
