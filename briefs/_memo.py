"""The whole-build memo: a build whose every input is unchanged returns the brief it made last time.

Private to `build`. The key covers the cleaned files, the options, the audience, the subject, the
previous brief and the package's own code (`cache.code_digest`), so any change is a miss.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache as file_cache
from .cache import VERSION, Cache
from .model import Drop, brief_from_dict

if TYPE_CHECKING:
    from .build import Options, Result


def key(items: list, options: Options, audience, subject, previous: Path | None,
        files: list[tuple[str, str | None]] | None = None) -> str:
    """Return a key for everything a whole build depends on: files, options, audience, previous brief, code.

    `files`: each file's path and cache key. When every file has a key, they stand for the files'
    cleaned articles (a key covers the bytes, the subject and the code; cleaning is deterministic),
    which spares hashing every kept sentence while the workers idle (≈ 0.2 s at 10,000 articles).
    """
    digest = hashlib.sha256()
    if files is not None and all(file_key is not None for _, file_key in files):
        digest.update(json.dumps(files).encode())
    else:
        for item in items:
            digest.update(json.dumps([item.article.path, item.article.title, item.article.publisher,
                                      str(item.article.date), item.article.url, item.paragraphs,
                                      item.mentions]).encode())
    # Where the brief is written and how the work is spread do not change it (out only through `previous`).
    options_view = {k: str(v) for k, v in asdict(options).items()
                    if k not in ("workers", "cache", "out", "templates", "formats")}
    try:
        previous_digest = hashlib.sha256(previous.read_bytes()).hexdigest() if previous else None
    except OSError:
        previous_digest = "unreadable"
    digest.update(json.dumps([VERSION, file_cache.code_digest(), options_view, audience.settings,
                              [str(f) for f in audience.folders], asdict(subject), str(previous), previous_digest],
                             sort_keys=True, default=str).encode())
    return digest.hexdigest()


def get(cache: Cache | None, memo: str | None, audience, problems: list, notes: list[str], window) -> Result | None:
    """Return the stored result of a build with this key, or None."""
    from .build import Result

    cached = cache.get_brief(memo) if cache is not None and memo else None
    if cached is None:
        return None
    return Result(brief=brief_from_dict(cached["brief"]), audience=audience, problems=problems,
                  dropped=unpacked(cached["dropped"]), notes=notes + cached["notes"], window=window)


def put(cache: Cache | None, memo: str | None, result: Result, notes_before: int) -> None:
    """Store a build's result under its key (the notes it added, not those from before the build)."""
    if cache is None or not memo:
        return
    cache.put_brief(memo, {"brief": result.brief.to_dict(), "notes": result.notes[notes_before:],
                           "dropped": packed(result.dropped)})


def packed(drops: list[Drop]) -> dict:
    """Return drops as their distinct strings and four indices into them per drop.

    A week's drops are mostly the same sentences dropped as duplicates from many files, each file
    dropping several: at 10,000 articles, 131,361 drops hold 20,545 texts and 9,208 paths, and the
    memo is written at a quarter of the size it has with every string spelled out (and in a quarter
    of the time, while nothing else runs).
    """
    index: dict[str, int] = {}
    fields = ("reason", "text", "path", "stage")
    records = [index.setdefault(value, len(index)) for d in drops for value in (d.reason, d.text, d.path, d.stage)]
    return {"fields": list(fields), "strings": list(index), "records": records}


def unpacked(data: dict) -> list[Drop]:
    """Return the drops `packed` stored (`cache` checked the shape when it read them)."""
    strings, records = data["strings"], data["records"]
    values = [strings[i] for i in records]
    return [Drop(*values[i:i + 4]) for i in range(0, len(values), 4)]
