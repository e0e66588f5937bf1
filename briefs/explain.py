"""Account for every loss: write each dropped passage as one JSON line (`briefs build --explain-file`)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .model import Drop


def drop_record(drop: Drop) -> dict[str, str]:
    """Return the JSON object of one dropped passage: file, reason, text, stage."""
    return {"file": drop.path, "reason": drop.reason, "text": drop.text, "stage": drop.stage}


def write_drops(dropped: Iterable[Drop], path: Path) -> Path:
    """Write one JSON line per dropped passage to `path` (a temp file renamed into place) and return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            for drop in dropped:
                stream.write(json.dumps(drop_record(drop), ensure_ascii=False) + "\n")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path
