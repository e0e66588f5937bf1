"""A build's worker processes: lent to the corpus-wide stages, which get what one process computes."""

import os

from briefs import _pool


def _owners(items: list[int]) -> list[tuple[int, int]]:
    """Return each item squared, with the process that squared it."""
    return [(item * item, os.getpid()) for item in items]


def test_without_running_workers_the_work_is_done_here_in_one_call():
    calls = []

    def work(items):
        calls.append(list(items))
        return _owners(items)

    with _pool.Workers(2) as workers:
        assert workers.map(work, [1, 2, 3]) == [(1, os.getpid()), (4, os.getpid()), (9, os.getpid())]
    assert calls == [[1, 2, 3]]


def test_running_workers_share_the_work_and_keep_its_order():
    items = list(range(50))
    with _pool.Workers(2) as workers:
        workers.start()
        results = workers.map(_owners, items)
    assert [square for square, _ in results] == [i * i for i in items]
    assert os.getpid() not in {pid for _, pid in results}
    assert workers.executor is None  # closed with the build


def test_one_item_is_not_worth_sending():
    with _pool.Workers(2) as workers:
        workers.start()
        assert workers.map(_owners, [3]) == [(9, os.getpid())]


def test_work_begun_ahead_is_done_here_only_when_asked_without_workers():
    calls = []

    def work(items):
        calls.append(list(items))
        return _owners(items)

    pending = _pool.INLINE.map_later(work, [2, 3])
    assert calls == []
    assert pending.result() == [(4, os.getpid()), (9, os.getpid())] and calls == [[2, 3]]


def test_work_begun_ahead_in_running_workers_gives_what_map_gives():
    items = list(range(9))
    with _pool.Workers(2) as workers:
        workers.start()
        pending = workers.map_later(_owners, items)
        assert [square for square, _ in pending.result()] == [square for square, _ in workers.map(_owners, items)]


def test_work_whose_worker_died_is_done_here():
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    lost: Future = Future()
    lost.set_exception(BrokenProcessPool("a worker was killed"))
    assert _pool.Pending(_owners, [4], [lost]).result() == [(16, os.getpid())]


def test_the_warm_up_loads_what_enrichment_reads():
    from briefs import enrich, entities

    enrich._analyzer.cache_clear()
    entities.places.cache_clear()
    _pool._warm_up()
    assert enrich._analyzer.cache_info().currsize == 1  # VADER's lexicon
    assert entities.places.cache_info().currsize == 1  # the places gazetteer


def _models_held(items: list[int]) -> list[int]:
    """Return, per item, whether this process holds py3langid's loaded model."""
    from briefs import language

    return [language._identifier.cache_info().currsize for _ in items]


def test_workers_reading_an_uncached_week_inherit_the_language_model(tmp_path, monkeypatch):
    from briefs import language
    from briefs.config import Subject

    for i in range(_pool.MIN_FILES_FOR_WORKERS):
        (tmp_path / f"a{i:03d}.txt").write_text(f"Acme Corp said on Monday that sales rose {i}% in the quarter.\n")
    monkeypatch.setattr(language, "_prefetch", None)
    monkeypatch.setattr(_pool, "MIN_FILES_FOR_PREFETCH", _pool.MIN_FILES_FOR_WORKERS)  # a large build, made small
    language._identifier.cache_clear()
    with _pool.Workers(2) as workers:
        items, problems, _ = _pool.per_file(sorted(tmp_path.glob("*.txt")), Subject(name="Acme Corp"), None,
                                            workers, lambda *_: None)
        held = workers.map(_models_held, list(range(8)))
    assert len(items) == _pool.MIN_FILES_FOR_WORKERS and not problems
    # Loaded once here before the fork: no worker decompresses the model on its own.
    assert held == [1] * 8


def test_a_small_build_does_not_load_the_language_model_ahead(tmp_path, monkeypatch):
    from briefs import language
    from briefs.config import Subject

    for i in range(_pool.MIN_FILES_FOR_WORKERS):
        (tmp_path / f"a{i:03d}.txt").write_text(f"Acme Corp said on Monday that sales rose {i}% in the quarter.\n")
    monkeypatch.setattr(language, "_prefetch", None)
    language._identifier.cache_clear()
    with _pool.Workers(2) as workers:
        _pool.per_file(sorted(tmp_path.glob("*.txt")), Subject(name="Acme Corp"), None, workers, lambda *_: None)
        held = workers.map(_models_held, list(range(8)))
    # Plain English lines never need it: neither this process nor a worker loads it.
    assert language._identifier.cache_info().currsize == 0 and held == [0] * 8
