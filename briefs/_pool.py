"""Per-file work for a build: each file loaded and cleaned on its own, from the cache or in a process pool.

Private to `build` (and `portfolio`, which shares the GC setting): the composition calls `per_file` and `build_session`, and nothing else
needs to know about worker processes, batches, cache lookups or the collector's thresholds.
The workers `per_file` starts (`Workers`) are then lent to the corpus-wide stages: a stage hands
over work on its items (`Workers.map_later`) and gets back what one call in this process gives.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from . import clean as clean_stage
from . import language, load
from .cache import Cache, encode, file_keys, location
from .config import Subject

# Below this many files a process pool costs more to start than it saves.
MIN_FILES_FOR_WORKERS = 64
# From this many files to read, py3langid's model is loaded before the workers fork (each would
# load it, ≈ 0.45 s of CPU, on meeting a sentence with few English words): the fork then waits
# ≈ 0.5 s for it, small beside the read only in a large build. At 100 files it cost 1 s of a
# 1.4 s build (no worker needed the model); at 1,000 it was even; at 10,000 it saves ≈ 0.4 s.
MIN_FILES_FOR_PREFETCH = 2000
# Cache entries are written every this many files while the workers run. One transaction after
# the last file took 1.5 s at 10,000 articles (70 MB) with nothing else to do; one per file costs
# a disk sync each.
CACHE_BATCH = 1000
# A build allocates millions of small objects that live until it ends (sentences, keys, stems)
# and makes almost no reference cycles, yet the cyclic collector's passes over them cost about
# 1.6 s of the coordinator's CPU at 10,000 articles. So the collector is off while a build runs,
# in this process and in its worker processes (each subject task of a portfolio too); reference
# counting still frees everything that is dropped, the one large cycle is broken as it forms (see
# per_file), and the caller's setting is restored after. A portfolio's long-lived workers read
# files and wait between tasks with BUILD_GC_THRESHOLD.
BUILD_GC_THRESHOLD = (50_000, 20, 10_000)


@contextmanager
def build_session(out: Path | None, use_cache: bool, warn: Callable[[str], None]) -> Iterator[Cache | None]:
    """Yield the build's cache (None without one) with the cyclic collector off; restore and close after."""
    enabled = gc.isenabled()
    gc.disable()
    cache = Cache(location(out), warn=warn) if use_cache and out is not None else None
    try:
        yield cache
    finally:
        if enabled:
            # What the build made (and still holds) moves to the oldest generation in one step, so
            # the first collection after it does not scan millions of objects as young ones.
            gc.freeze()
            gc.unfreeze()
            gc.enable()
        if cache is not None:
            cache.close()


def _start_worker() -> None:
    gc.disable()  # a build's worker lives for one build (`Workers.close`): see build_session


# Pieces a corpus-wide map is cut into per worker: a few, so one slow piece does not leave a
# core idle, and few, so what every piece carries (the week's vocabulary) is sent only a few times.
MAP_PIECES_PER_WORKER = 2


class Workers:
    """A build's worker processes: started by `per_file` when files need processing, then lent to
    the corpus-wide stages (`map`) until the build ends. None started: everything runs here."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.executor: ProcessPoolExecutor | None = None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def start(self) -> ProcessPoolExecutor:
        """Return the process pool, started on first use."""
        if self.executor is None:
            language.prepare()  # before the fork: the workers inherit NLTK instead of importing it each
            self.executor = ProcessPoolExecutor(max_workers=self.count, initializer=_start_worker)
        return self.executor

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown(cancel_futures=True)
            self.executor = None

    def map(self, work: Callable[[list], list], items: list) -> list:
        """Return `work(items)`, computed in pieces by the running workers when there are any.

        `work` must return one result per item and depend on nothing but its items (it is
        pickled with them), so the pieces' results, joined in order, are what one call returns.
        """
        return self.map_later(work, items).result()

    def map_later(self, work: Callable[[list], list], items: list) -> Pending:
        """Return `map(work, items)` begun: the running workers start on it now, while the caller goes on."""
        if self.executor is None or len(items) < 2:
            return Pending(work, items, None)
        pieces = min(len(items), self.count * MAP_PIECES_PER_WORKER)
        bounds = [len(items) * i // pieces for i in range(pieces + 1)]
        return Pending(work, items, [self.executor.submit(work, items[a:b]) for a, b in zip(bounds, bounds[1:])])


class Pending:
    """A `Workers.map` begun: its pieces' futures, or (no workers) the work to do here when asked."""

    def __init__(self, work: Callable[[list], list], items: list, futures: list[Future] | None) -> None:
        self.work, self.items, self.futures = work, items, futures

    def result(self) -> list:
        """Return the work's results, one per item, in order (waiting for the workers)."""
        if self.futures is not None:
            try:
                return [result for future in self.futures for result in future.result()]
            except BrokenProcessPool:
                pass  # a worker died (killed, out of memory): the same work, done here
        return self.work(self.items)


INLINE = Workers(1)  # no processes: `map` runs its work here


def process_file(path: Path, subject: Subject) -> tuple[list[clean_stage.ArticleClean], list[load.Problem]]:
    """Return one file's articles, each cleaned on its own, and the problems met (no exception).

    The articles come back without their full text: later stages read only the kept sentences,
    and the text would only be copied back from a worker and stored in the cache.
    """
    articles, problems = load.load_file(path)
    items = []
    for article in articles:
        try:
            items.append(clean_stage.clean_article(article, subject))
        except Exception as error:  # noqa: BLE001 (one article's failure, e.g. NLTK's regex time limit, costs only it)
            problems.append(load.failed(article.path, error))
    return [replace(item, article=replace(item.article, text="")) for item in items], problems


def _work(paths: list[Path], subject: Subject, store: bool) -> list[tuple[list, list, str | None]]:
    """Process a batch of files in a worker; with `store`, also encode each for the cache there."""
    outcomes = []
    for path in paths:
        items, problems = process_file(path, subject)
        outcomes.append((items, problems, encode(items, problems, str(path)) if store else None))
    return outcomes


def _moved(value: str, old: str, new: str) -> str:
    return new + value[len(old):] if value.startswith(old) else new


def _relocate(items: list[clean_stage.ArticleClean], old: str, new: str) -> list[clean_stage.ArticleClean]:
    """Return cached results pointed at the path the file has now (the same bytes may sit in many files)."""
    return [replace(item, article=replace(item.article, path=_moved(item.article.path, old, new)),
                    dropped=[replace(d, path=_moved(d.path, old, new)) for d in item.dropped])
            for item in items]


def _warm_up() -> None:
    """Import and load what the corpus-wide stages need, while the workers read files."""
    from . import enrich, render, themes

    themes.prepare()
    render.prepare()
    enrich.prepare()


def per_file(files: list[Path], subject: Subject, cache: Cache | None, workers: Workers,
             note: Callable[..., None], each: Callable[[clean_stage.ArticleClean], None] | None = None,
             ) -> tuple[list[clean_stage.ArticleClean], list[load.Problem], list[str | None]]:
    """Return every file's cleaned articles in file order: from the cache, else processed (in parallel),
    the problems met, and each file's cache key (None without a cache, or for a file it cannot hold).

    Files the cache lacks go to worker processes in batches as soon as the cache says so, while
    the rest are still being looked up. With `each`, every article is also handed over in file
    order as soon as it and all before it are ready, so corpus-wide work can start while workers
    run; that happens only when some file is processed (a fully cached run hands nothing over).
    The workers started here are left running for the build's corpus-wide stages (`Workers.map`).
    """
    results: list[tuple[list, list] | None] = [None] * len(files)
    keys: list[str | None] = [None] * len(files)
    store = cache is not None
    parallel = workers.count > 1 and len(files) >= MIN_FILES_FOR_WORKERS
    batch_size = max(1, len(files) // (workers.count * 32))  # small batches: the last one decides when all cores are done
    pool: ProcessPoolExecutor | None = None
    batches: list[tuple[list[int], Future]] = []
    todo: list[int] = []
    entries: list[tuple[str, str]] = []  # (cache key, encoded results) not yet written, CACHE_BATCH at a time
    released = 0
    submitted = 0  # files of `todo` handed to the workers

    def submit(indices: list[int]) -> None:
        nonlocal pool
        if pool is None:
            pool = workers.start()
        batches.append((indices, pool.submit(_work, [files[i] for i in indices], subject, store)))

    def take(index: int, items: list, problems: list, encoded: str | None) -> None:
        nonlocal released
        results[index] = (items, problems)
        if encoded is not None and keys[index] is not None:
            entries.append((keys[index], encoded))
            if len(entries) >= CACHE_BATCH:
                cache.put_many(entries)
                entries.clear()
        while each is not None and released < len(files) and results[released] is not None:
            for item in results[released][0]:
                each(item)
            released += 1

    file_key = file_keys(subject)
    look_up = cache is not None and cache.holds_files()  # else every lookup misses: only the keys to store under
    if parallel and not look_up and len(files) >= MIN_FILES_FOR_PREFETCH:
        # Nothing cached: workers will read every file, and each would load py3langid's model.
        language.prefetch_identifier()
    for index, path in enumerate(files):
        if cache is not None:
            try:
                keys[index] = file_key(path.read_bytes()) if path.stat().st_size <= load.MAX_BYTES else None
            except OSError:
                keys[index] = None
            hit = cache.get(keys[index]) if keys[index] and look_up else None
            if hit is not None:
                items, problems, stored = hit
                results[index] = (_relocate(items, stored, str(path)),
                                  [load.Problem(_moved(p.path, stored, str(path)), p.reason) for p in problems])
                continue
        todo.append(index)
        # The workers fork once the model is loaded; until then, batches wait while files are hashed.
        while parallel and len(todo) - submitted >= batch_size and not language.prefetching():
            submit(todo[submitted:submitted + batch_size])
            submitted += batch_size
    while parallel and submitted < len(todo):
        submit(todo[submitted:submitted + batch_size])
        submitted += batch_size
    if not todo:
        each = None
    done = len(files) - len(todo)
    note("read", done, len(files))  # progress: (stage, files done, files in all)
    if pool is not None:
        _warm_up()
        # Imports that try and fail (a library probing for its C backends) leave exceptions whose
        # tracebacks hold every calling frame, this one and the build's included: with the cyclic
        # collector off for the build, those few young objects are collected now, or the frames
        # would keep every file's results alive until a collection after the build.
        gc.collect(0)
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
    if cache is not None:
        cache.put_many(entries)
    items: list[clean_stage.ArticleClean] = []
    problems: list[load.Problem] = []
    for outcome in results:
        items.extend(outcome[0])
        problems.extend(outcome[1])
    # This frame ends up in a reference cycle (its closures): emptied here, the futures and the
    # per-file results they hold are freed now, not when a cyclic collection finds the frame.
    batches.clear()
    results.clear()
    return items, problems, keys
