"""Incremental runs: each file's loaded and cleaned articles, kept in SQLite by content hash.

A weekly folder grows every day; re-reading, re-parsing and re-cleaning last week's files is
wasted work. The key is the file's bytes (SHA-256) plus what cleaning depends on (the subject,
this cache format's version and the package's own code), so an edited file, a new subject or an
edited stage is simply a miss.

The cache is an optimisation, never a reason to fail: a corrupt cache file is deleted and rebuilt;
a place where no cache can live (a read-only folder, a file where its folder should be, a folder
where the file should be) turns the cache off with one warning, and the build goes on without it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from .clean import ArticleClean, normalize
from .config import Subject
from .load import Problem
from .model import Article, Drop, brief_from_dict

# Bump when what is stored (or how cleaning works) changes: old entries then never match.
VERSION = 9  # 7: drops carry their stage; issue 17 cleaning rules; 8: sentence keys not stored; 9: memo drops packed


def location(out_dir: Path) -> Path:
    """Return the cache file for briefs written to `out_dir`: in the user cache dir, one per out folder.

    Not in out/ itself: that folder holds what gets sent to readers, and a failed build must
    leave it as it was. $BRIEFS_CACHE_DIR overrides the platform's cache dir.
    """
    import os

    root = os.environ.get("BRIEFS_CACHE_DIR")
    if not root:
        import platformdirs

        root = platformdirs.user_cache_dir("briefs")
    tag = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
    return Path(root) / f"cache-{tag}.sqlite"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Return a hash of the package's own source files, computed once per process.

    Both caches key on it rather than on the package version: a maintainer's edit to any stage
    changes what a build gives, and must look like one without --no-cache.
    """
    return source_digest(Path(__file__).resolve().parent)


def source_digest(root: Path) -> str:
    """Return a hash of every .py file under `root`: their paths and bytes."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def file_key(raw: bytes, subject: Subject) -> str:
    """Return the cache key of a file's bytes cleaned for a subject by this code."""
    return file_keys(subject)(raw)


def file_keys(subject: Subject) -> Callable[[bytes], str]:
    """Return `file_key` for one subject, what it adds to the bytes encoded once (not once per file)."""
    tail = json.dumps([VERSION, code_digest(), asdict(subject)], sort_keys=True).encode()

    def key(raw: bytes) -> str:
        digest = hashlib.sha256(raw)
        digest.update(tail)
        return digest.hexdigest()

    return key


def encode(items: list[ArticleClean], problems: list[Problem], path: str) -> str:
    """Return a file's results as the JSON the cache stores (a worker process can do this)."""
    def article(a: Article) -> dict:
        return {"path": a.path, "text": a.text, "title": a.title, "publisher": a.publisher,
                "date": a.date.isoformat() if a.date else None, "url": a.url, "meta": a.meta}

    return json.dumps({
        "articles": [{"article": article(i.article), "paragraphs": i.paragraphs, "mentions": i.mentions,
                      "dropped": [[d.reason, d.text, d.path, d.stage] for d in i.dropped], "stems": i.stems,
                      "about": i.about}
                     for i in items],
        "problems": [[p.path, p.reason] for p in problems],
        "path": path,
    })


def _decode(text: str) -> tuple[list[ArticleClean], list[Problem], str]:
    data = json.loads(text)
    items = []
    for entry in data["articles"]:
        fields = dict(entry["article"])
        fields["date"] = dt.date.fromisoformat(fields["date"]) if fields["date"] else None
        # Each sentence's key is its text folded (`normalize`): a third of an entry, and cheaper
        # to fold again on a hit than to encode, send from a worker and store on every miss.
        items.append(ArticleClean(Article(**fields), entry["paragraphs"], [Drop(*d) for d in entry["dropped"]],
                                  entry["mentions"], [[normalize(text) for text in p] for p in entry["paragraphs"]],
                                  [[tuple(s) for s in p] for p in entry["stems"]], entry.get("about", [])))
    return items, [Problem(*p) for p in data["problems"]], data["path"]


def _brief_entry(data: object) -> dict:
    """Return a cached whole-build result after checking it decodes; raise ValueError when it does not."""
    if not isinstance(data, dict) or not isinstance(data.get("brief"), dict):
        raise ValueError("not a cached brief")
    if not isinstance(data.get("notes"), list) or not all(isinstance(n, str) for n in data["notes"]):
        raise ValueError("cached notes are not a list of lines")
    dropped = data.get("dropped")
    # Drops as `_memo.packed` writes them: distinct strings, and four indices into them per drop.
    if not isinstance(dropped, dict) or dropped.get("fields") != ["reason", "text", "path", "stage"]:
        raise ValueError("cached drops are not a table of records")
    strings, records = dropped.get("strings"), dropped.get("records")
    if not isinstance(strings, list) or not all(type(s) is str for s in strings):
        raise ValueError("cached drops' strings are not a list of text")
    if (not isinstance(records, list) or len(records) % 4
            or not all(type(i) is int and 0 <= i < len(strings) for i in records)):
        raise ValueError("cached drops' records do not point into their strings")
    brief_from_dict(data["brief"])  # raises on fields of the wrong kind
    return data


class Cache:
    """A per-folder SQLite store of cleaned files; every method degrades to "miss" on trouble."""

    def __init__(self, path: Path, warn=lambda message: None):
        self.path = path
        self._warn = warn
        self._warned: set[str] = set()
        self.db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        self._open(retry=True)

    def warn(self, kind: str, message: str) -> None:
        """Pass a warning on once per kind: a broken cache says so once, not once per file."""
        if kind not in self._warned:
            self._warned.add(kind)
            self._warn(message)

    def _connect(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() and not self.path.is_file():
            raise OSError(f"{self.path} is not a file")
        self.db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        self.db.execute("CREATE TABLE IF NOT EXISTS files (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
        self.db.execute("CREATE TABLE IF NOT EXISTS briefs (key TEXT PRIMARY KEY, data TEXT NOT NULL)")
        row = self.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        if row is None:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (str(VERSION),))
        elif row[0] != str(VERSION):
            raise sqlite3.DatabaseError(f"cache version {row[0]}, expected {VERSION}")

    def _open(self, retry: bool) -> None:
        try:
            self._connect()
        except (sqlite3.Error, OSError) as error:
            self.close()
            # Only a regular file SQLite could open but not read (corrupt, old version) is ours
            # to replace; a place the cache cannot live (read-only, a folder) is left as it is.
            corrupt = (isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError)
                       and self.path.is_file())
            if retry and corrupt:
                self.warn("rebuild", f"{self.path}: cache unusable ({error}); rebuilding it")
                try:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                except OSError as removal:
                    self.warn("off", f"{self.path}: cache disabled ({removal.strerror}); building without it")
                    return
                self._open(retry=False)
            else:
                self.warn("off", f"{self.path}: cache disabled ({error}); building without it")

    def _fail(self, error: Exception) -> None:
        """Turn the cache off after an error the database gives (read-only, locked, gone)."""
        self.warn("off", f"{self.path}: cache disabled ({error}); building without it")
        self.close()

    def _data(self, table: str, key: str) -> str | None:
        """Return the stored text under `key` in `table` ("files" or "briefs"), or None (also when the cache is off)."""
        if self.db is None:
            return None
        try:
            row = self.db.execute(f"SELECT data FROM {table} WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as error:
            self._fail(error)
            return None
        return row[0] if row is not None else None

    def holds_files(self) -> bool:
        """Return False when no file is cached (a first build, or the cache is off): every `get` would miss."""
        if self.db is None:
            return False
        try:
            return self.db.execute("SELECT 1 FROM files LIMIT 1").fetchone() is not None
        except sqlite3.Error as error:
            self._fail(error)
            return False

    def get(self, key: str) -> tuple[list[ArticleClean], list[Problem], str] | None:
        """Return a file's cached (articles, problems, path it was stored from), or None."""
        data = self._data("files", key)
        if data is None:
            self.misses += 1
            return None
        try:
            decoded = _decode(data)
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
            self.warn("entry", f"{self.path}: unreadable cache entry ignored ({type(error).__name__}: {error})")
            self.misses += 1
            return None
        self.hits += 1
        return decoded

    def put_many(self, entries: list[tuple[str, str]]) -> None:
        """Store encoded results (`encode`) by key, in one transaction: one disk sync, not one per file."""
        if self.db is None or not entries:
            return
        try:
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?)", entries)
        except sqlite3.Error as error:
            self._fail(error)

    def get_brief(self, key: str) -> dict | None:
        """Return the stored result of a whole build with exactly these inputs, or None."""
        data = self._data("briefs", key)
        if data is None:
            return None
        try:
            return _brief_entry(json.loads(data))
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
            self.warn("brief", f"{self.path}: unreadable cached brief ignored ({type(error).__name__}: {error})")
            return None

    def put_brief(self, key: str, data: dict) -> None:
        if self.db is None:
            return
        try:
            # One brief per out folder and window is enough: older ones are never asked for again.
            self.db.execute("INSERT OR REPLACE INTO briefs VALUES (?, ?)", (key, json.dumps(data)))
        except sqlite3.Error as error:
            self._fail(error)

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self.db = None
