"""The incremental cache: unchanged files are not reprocessed; a broken cache is rebuilt, never fatal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from briefs import _pool
from briefs.build import Options, build_brief
from briefs.cache import Cache, location

WEEKLY = Path(__file__).resolve().parent / "fixtures" / "weekly"


def _corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(WEEKLY, target)
    return target


def _calls(monkeypatch, owner, name: str, argument: int) -> list:
    """Return a list that records one argument of every call to `owner.name` from now on."""
    seen: list = []
    real = getattr(owner, name)

    def counting(*args):
        seen.append(args[argument])
        return real(*args)

    monkeypatch.setattr(owner, name, counting)
    return seen


def _count_processing(monkeypatch) -> list[Path]:
    return _calls(monkeypatch, _pool, "process_file", 0)  # the path of every file processed


def test_second_run_processes_only_new_files(tmp_path, monkeypatch):
    folder, out = _corpus(tmp_path), tmp_path / "out"
    seen = _count_processing(monkeypatch)
    first = build_brief([folder], Options(out=out, workers=1))
    assert len(seen) == 7
    seen.clear()
    (folder / "w47-c.md").write_text("---\ntitle: New\ndate: 2026-11-20\n---\n"
                                     "Northwind Traders hired 120 crane operators for its Gdansk terminal on Friday.\n")
    second = build_brief([folder], Options(out=out, workers=1))
    assert [p.name for p in seen] == ["w47-c.md"]
    titles = [source["title"] for source in second.brief.to_dict()["sources"]]
    assert "New" in titles and len(titles) == len(first.brief.to_dict()["sources"]) + 1  # the new file counts
    seen.clear()
    third = build_brief([folder], Options(out=out, workers=1))
    assert seen == []
    assert third.brief.to_dict() == second.brief.to_dict()  # cached results give the same brief


def test_results_written_in_several_batches_are_all_reused(tmp_path, monkeypatch):
    # A large corpus writes its cache entries a batch at a time while files are processed.
    monkeypatch.setattr(_pool, "CACHE_BATCH", 2)
    folder, out = _corpus(tmp_path), tmp_path / "out"
    first = build_brief([folder], Options(out=out, workers=1))
    seen = _count_processing(monkeypatch)
    second = build_brief([folder], Options(out=out, workers=1))
    assert seen == []  # 7 files: three full batches and the one left over, all stored
    assert second.brief.to_dict() == first.brief.to_dict()


def test_an_unchanged_rebuild_reports_the_same_drops(tmp_path):
    # The second build comes from the whole-build memo: what cleaning dropped (for --explain) is kept with it.
    folder, out = _corpus(tmp_path), tmp_path / "out"
    first = build_brief([folder], Options(out=out, workers=1))
    again = build_brief([folder], Options(out=out, workers=1))
    assert first.dropped and again.dropped == first.dropped


def test_no_cache_processes_everything(tmp_path, monkeypatch):
    folder, out = _corpus(tmp_path), tmp_path / "out"
    build_brief([folder], Options(out=out, workers=1))
    seen = _count_processing(monkeypatch)
    build_brief([folder], Options(out=out, workers=1, cache=False))
    assert len(seen) == 7


def test_corrupt_cache_is_rebuilt_with_a_warning(tmp_path):
    folder, out = _corpus(tmp_path), tmp_path / "out"
    path = location(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    result = build_brief([folder], Options(out=out, workers=1))
    assert any("cache" in note and "rebuild" in note for note in result.notes)
    again = build_brief([folder], Options(out=out, workers=1))
    assert not any("cache" in note for note in again.notes)


def test_copies_of_one_file_are_cited_at_their_own_paths(tmp_path):
    folder, out = _corpus(tmp_path), tmp_path / "out"
    shutil.copy(folder / "w47-a.md", folder / "w47-z-copy.md")
    build_brief([folder], Options(out=out, workers=1))
    result = build_brief([folder], Options(out=out, workers=1))
    paths = {Path(s.path).name for s in result.brief.sources}
    assert {"w47-a.md", "w47-z-copy.md"} <= paths  # a sentence cites every file it appears in, each at its path
    assert all(Path(s.path).exists() for s in result.brief.sources)


def test_cache_version_mismatch_starts_fresh(tmp_path):
    path = tmp_path / "c.sqlite"
    notes: list[str] = []
    cache = Cache(path, warn=notes.append)
    cache.db.execute("UPDATE meta SET value = '0' WHERE key = 'version'")
    cache.close()
    Cache(path, warn=notes.append).close()
    assert any("rebuilding" in n for n in notes)


def test_parallel_workers_give_the_same_brief(tmp_path, monkeypatch):
    folder = _corpus(tmp_path)
    monkeypatch.setattr(_pool, "MIN_FILES_FOR_WORKERS", 2)
    one = build_brief([folder], Options(workers=1, cache=False))
    two = build_brief([folder], Options(workers=2, cache=False))
    assert one.brief.to_dict() == two.brief.to_dict()


def test_cached_and_streamed_builds_combine_alike(tmp_path):
    """A fresh build combines articles as they are processed; a fully cached one combines them after."""
    folder, out = _corpus(tmp_path), tmp_path / "out"
    build_brief([folder], Options(out=out, workers=1))  # fills the cache (investor audience)
    from_cache = build_brief([folder], Options(out=out, workers=1, audience="newsletter"))  # every file cached
    fresh = build_brief([folder], Options(out=tmp_path / "other", workers=1, audience="newsletter", cache=False))
    assert from_cache.brief.to_dict() == fresh.brief.to_dict()
    assert [d.reason for d in from_cache.dropped] == [d.reason for d in fresh.dropped]


def test_a_build_runs_without_the_cyclic_collector_and_restores_the_callers_setting(tmp_path, monkeypatch):
    import gc

    from briefs import build as build_module

    seen = []
    real_select = build_module.select.select
    monkeypatch.setattr(build_module.select, "select", lambda *a, **k: seen.append(gc.isenabled()) or real_select(*a, **k))
    folder = _corpus(tmp_path)
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        build_brief([folder], Options(out=tmp_path / "out", workers=1))
        assert gc.get_threshold() == (700, 10, 10) and gc.isenabled()
        assert seen == [False]  # off while the build ran
        gc.disable()  # a caller that had it off keeps it off
        build_brief([folder], Options(out=tmp_path / "out2", workers=1))
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.set_threshold(*before)


def test_source_digest_changes_when_a_source_file_is_edited(tmp_path):
    from briefs.cache import source_digest

    shutil.copytree(Path(__file__).resolve().parent.parent / "briefs", tmp_path / "briefs")
    before = source_digest(tmp_path / "briefs")
    assert source_digest(tmp_path / "briefs") == before  # same files, same digest
    stage = tmp_path / "briefs" / "select.py"
    stage.write_text(stage.read_text(encoding="utf-8") + "\n# a maintainer's edit\n", encoding="utf-8")
    assert source_digest(tmp_path / "briefs") != before


def test_a_code_change_misses_both_caches(tmp_path, monkeypatch):
    """Bug 6: after an edit to the package (same version), files are re-read and the brief rebuilt."""
    from briefs import build
    from briefs import cache as cache_module

    folder, out = _corpus(tmp_path), tmp_path / "out"
    build_brief([folder], Options(out=out, workers=1))
    seen = _count_processing(monkeypatch)
    composed = []
    real_build = build._build
    monkeypatch.setattr(build, "_build", lambda *a, **k: composed.append(1) or real_build(*a, **k))
    build_brief([folder], Options(out=out, workers=1))
    assert (len(seen), len(composed)) == (0, 0)  # unchanged code: both caches answer
    monkeypatch.setattr(cache_module, "code_digest", lambda: "an edited package")
    build_brief([folder], Options(out=out, workers=1))
    assert (len(seen), len(composed)) == (7, 1)


def test_cache_location_that_cannot_hold_a_cache_is_skipped_with_one_warning(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    notes: list[str] = []
    cache = Cache(blocker / "c.sqlite", warn=notes.append)
    assert cache.db is None and cache.get("key") is None
    cache.put_many([("key", "{}")])
    assert len(notes) == 1 and "cache disabled" in notes[0] and "c.sqlite" in notes[0]
    assert blocker.read_text() == "a file where the cache folder should be"


def test_folder_in_place_of_the_cache_file_is_left_alone(tmp_path):
    path = tmp_path / "c.sqlite"
    (path / "keep").mkdir(parents=True)
    notes: list[str] = []
    cache = Cache(path, warn=notes.append)
    assert cache.db is None
    assert len(notes) == 1 and "cache disabled" in notes[0]
    assert (path / "keep").is_dir()


def test_read_only_cache_is_used_for_nothing_and_kept(tmp_path, monkeypatch):
    import sqlite3

    import briefs.cache

    path = tmp_path / "c.sqlite"
    Cache(path).close()
    before = path.read_bytes()

    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(briefs.cache.sqlite3, "connect", refuse)
    notes: list[str] = []
    cache = Cache(path, warn=notes.append)
    assert cache.db is None and len(notes) == 1 and "readonly" in notes[0]
    assert path.read_bytes() == before


def test_wrong_shaped_cached_brief_is_a_miss_with_one_warning(tmp_path):
    folder, out = _corpus(tmp_path), tmp_path / "out"
    first = build_brief([folder], Options(out=out, workers=1))
    cache = Cache(location(out))
    cache.db.execute("UPDATE briefs SET data = ?", ('{"brief": {"title": 1}, "notes": [], "dropped": [7]}',))
    cache.close()
    again = build_brief([folder], Options(out=out, workers=1))
    assert len([n for n in again.notes if "cached brief" in n]) == 1
    assert again.brief.to_dict() == first.brief.to_dict()


def test_a_broken_cache_warns_once_not_once_per_file(tmp_path):
    notes: list[str] = []
    cache = Cache(tmp_path / "c.sqlite", warn=notes.append)
    cache.db.executemany("INSERT INTO files VALUES (?, ?)", [(f"k{i}", "not json") for i in range(5)])
    assert [cache.get(f"k{i}") for i in range(5)] == [None] * 5
    assert len(notes) == 1 and "unreadable cache entry" in notes[0]


def test_a_first_build_looks_nothing_up_and_the_next_finds_every_file(tmp_path, monkeypatch):
    folder, out = _corpus(tmp_path), tmp_path / "out"
    looked_up = _calls(monkeypatch, Cache, "get", 1)  # the key of every lookup
    first = build_brief([folder], Options(out=out, workers=1))
    assert looked_up == []  # an empty cache holds nothing to find
    cache = Cache(location(out))
    assert cache.holds_files()
    cache.close()
    seen = _count_processing(monkeypatch)
    second = build_brief([folder], Options(out=out, workers=1))
    assert len(looked_up) == 7 and seen == []
    assert second.brief.to_dict() == first.brief.to_dict()


def test_a_renamed_or_edited_file_misses_the_whole_build_memo(tmp_path):
    # The memo is keyed by each file's path and content hash: a rename or an edit is a new brief.
    folder, out = _corpus(tmp_path), tmp_path / "out"
    first = build_brief([folder], Options(out=out, workers=1))
    (folder / "w47-a.md").rename(folder / "w47-renamed.md")
    renamed = build_brief([folder], Options(out=out, workers=1))
    paths = {source["path"] for source in renamed.brief.to_dict()["sources"]}
    assert str(folder / "w47-renamed.md") in paths and str(folder / "w47-a.md") not in paths
    assert len(paths) == len(first.brief.to_dict()["sources"])
    summary = renamed.brief.summary[0].text
    assert "18%" in summary
    for path in folder.glob("*.md"):  # every copy of the lead sentence, at the same paths
        path.write_text(path.read_text().replace(summary, summary.replace("18%", "27%")))
    edited = build_brief([folder], Options(out=out, workers=1))
    quoted = {s.text for s in edited.brief.summary} | {s.text for t in edited.brief.themes for s in t.sentences}
    assert summary not in quoted  # a memo hit would quote the sentence no file says any more


def test_the_memo_key_follows_each_files_path_and_content_key():
    from briefs import _memo
    from briefs.build import resolve_options

    resolved = resolve_options([WEEKLY], Options())
    items, _, _ = _pool.per_file(sorted(WEEKLY.glob("*.md")), resolved.subject, None, _pool.INLINE, lambda *_: None)

    def key(files):
        return _memo.key(items, resolved.options, resolved.audience, resolved.subject, None, files=files)

    files = [("a.md", "k1"), ("b.md", "k2")]
    assert key(files) == key(list(files))
    assert key(files) != key([("a.md", "k1"), ("b.md", "k3")])  # one file's bytes changed
    assert key(files) != key([("a.md", "k1"), ("c.md", "k2")])  # one file renamed
    # A file the cache cannot key (too large, unreadable): every kept sentence is hashed instead.
    assert key([("a.md", "k1"), ("b.md", None)]) == key(None) != key(files)


def test_a_cached_file_gives_back_the_keys_it_does_not_store(tmp_path):
    import json

    from briefs import cache as file_cache
    from briefs.config import Subject

    path = tmp_path / "a.txt"
    path.write_text("Acme Corp said on Monday that its quarterly sales rose 12% to $4.2 billion.\n\n"
                    "Ça va: the CAFÉ chain’s  outlook improved, Acme Corp’s finance chief said.\n")
    items, problems = _pool.process_file(path, Subject(name="Acme Corp"))
    encoded = file_cache.encode(items, problems, str(path))
    assert "keys" not in json.loads(encoded)["articles"][0]  # a third of every entry, folded again on a hit
    decoded, _, _ = file_cache._decode(encoded)
    assert decoded[0].keys == items[0].keys and decoded[0].stems == items[0].stems


def test_no_workers_asked_of_the_api_builds_in_this_process(tmp_path):
    brief = build_brief([_corpus(tmp_path)], Options(out=tmp_path / "out", workers=0)).brief
    assert brief.summary  # the brief, not a ZeroDivisionError from splitting files among no workers


def test_the_memo_stores_each_dropped_string_once(tmp_path):
    # Syndicated copies drop the same sentences from many files: the memo spells each text and path once.
    folder, out = tmp_path / "copies", tmp_path / "out"
    folder.mkdir()
    shared = ("Acme Corp will spend $420 million on automated cranes at its Gdansk terminal, the company said. "
              "The cranes arrive in the second half of next year, according to the port authority.")
    for i in range(4):
        (folder / f"copy-{i}.txt").write_text(
            f"Acme Corp shares rose {i + 2}% on Monday after the port operator reported record volumes.\n\n{shared}\n")
    first = build_brief([folder], Options(out=out, workers=1))
    cache = Cache(location(out))
    stored = json.loads(cache.db.execute("SELECT data FROM briefs").fetchone()[0])["dropped"]
    cache.close()
    values = [v for d in first.dropped for v in (d.reason, d.text, d.path, d.stage)]
    assert len(stored["strings"]) == len(set(values)) < len(values)
    assert [stored["strings"][i] for i in stored["records"]] == values


@pytest.mark.parametrize("records", [[0, 0, 0], [0, 0, 0, 99], [0, 0, 0, "0"]])
def test_memo_drops_pointing_nowhere_are_a_miss_with_one_warning(tmp_path, records):
    folder, out = _corpus(tmp_path), tmp_path / "out"
    first = build_brief([folder], Options(out=out, workers=1))
    cache = Cache(location(out))
    data = json.loads(cache.db.execute("SELECT data FROM briefs").fetchone()[0])
    data["dropped"]["records"] = records
    cache.db.execute("UPDATE briefs SET data = ?", (json.dumps(data),))
    cache.close()
    again = build_brief([folder], Options(out=out, workers=1))
    assert len([n for n in again.notes if "cached brief" in n]) == 1
    assert again.dropped == first.dropped
