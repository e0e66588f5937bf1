"""Incremental runs: each file's loaded and cleaned articles, kept in SQLite by content hash.

A weekly folder grows every day; re-reading, re-parsing and re-cleaning last week's files is
wasted work. The key is the file's bytes (SHA-256) plus what cleaning depends on (the subject,
this cache format's version and the package's own code), so an edited file, a new subject or an
edited stage is simply a miss. A cache
that cannot be opened or read is deleted and rebuilt with one warning, never a crash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

from .clean import ArticleClean
from .config import Subject
from .load import Problem
from .model import Article, Drop

# Bump when what is stored (or how cleaning works) changes: old entries then never match.
VERSION = 6


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
    digest = hashlib.sha256(raw)
    digest.update(json.dumps([VERSION, code_digest(), asdict(subject)], sort_keys=True).encode())
    return digest.hexdigest()


def encode(items: list[ArticleClean], problems: list[Problem], path: str) -> str:
    """Return a file's results as the JSON the cache stores (a worker process can do this)."""
    def article(a: Article) -> dict:
        return {"path": a.path, "text": a.text, "title": a.title, "publisher": a.publisher,
                "date": a.date.isoformat() if a.date else None, "url": a.url, "meta": a.meta}

    return json.dumps({
        "articles": [{"article": article(i.article), "paragraphs": i.paragraphs, "mentions": i.mentions,
                      "dropped": [[d.reason, d.text, d.path] for d in i.dropped], "keys": i.keys, "stems": i.stems}
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
        items.append(ArticleClean(Article(**fields), entry["paragraphs"], [Drop(*d) for d in entry["dropped"]],
                                  entry["mentions"], entry["keys"],
                                  [[tuple(s) for s in p] for p in entry["stems"]]))
    return items, [Problem(*p) for p in data["problems"]], data["path"]


class Cache:
    """A per-folder SQLite store of cleaned files; every method degrades to "miss" on trouble."""

    def __init__(self, path: Path, warn=lambda message: None):
        self.path = path
        self.warn = warn
        self.db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        self._open(retry=True)

    def _open(self, retry: bool) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
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
        except (sqlite3.Error, OSError) as error:
            self.close()
            if retry:
                self.warn(f"{self.path}: cache unusable ({error}); rebuilding it")
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                self._open(retry=False)
            else:
                self.warn(f"{self.path}: cache disabled ({error})")

    def get(self, key: str) -> tuple[list[ArticleClean], list[Problem], str] | None:
        """Return a file's cached (articles, problems, path it was stored from), or None."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT data FROM files WHERE key = ?", (key,)).fetchone()
            if row is None:
                self.misses += 1
                return None
            self.hits += 1
            return _decode(row[0])
        except (sqlite3.Error, ValueError, KeyError, TypeError) as error:
            self.warn(f"{self.path}: unreadable cache entry ignored ({error})")
            self.misses += 1
            return None

    def put_many(self, entries: list[tuple[str, str]]) -> None:
        """Store encoded results (`encode`) by key, in one transaction: one disk sync, not one per file."""
        if self.db is None or not entries:
            return
        try:
            with self.db:
                self.db.execute("BEGIN")
                self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?)", entries)
        except sqlite3.Error as error:
            self.warn(f"{self.path}: cache write failed ({error}); continuing without it")
            self.close()

    def get_brief(self, key: str) -> dict | None:
        """Return the stored result of a whole build with exactly these inputs, or None."""
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT data FROM briefs WHERE key = ?", (key,)).fetchone()
            return json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError) as error:
            self.warn(f"{self.path}: unreadable cached brief ignored ({error})")
            return None

    def put_brief(self, key: str, data: dict) -> None:
        if self.db is None:
            return
        try:
            # One brief per out folder and window is enough: older ones are never asked for again.
            self.db.execute("INSERT OR REPLACE INTO briefs VALUES (?, ?)", (key, json.dumps(data)))
        except sqlite3.Error as error:
            self.warn(f"{self.path}: cache write failed ({error}); continuing without it")

    def close(self) -> None:
        if self.db is not None:
            try:
                self.db.close()
            except sqlite3.Error:
                pass
            self.db = None
