"""What the previous brief already said: find it, and mark sentences and figures as not new."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from . import language
from .clean import normalize
from .load import LoadError, json_value, read_bytes
from .model import Figure, Sentence

# A sentence counts as already reported when it shares this much of its content stems (Jaccard)
# with a sentence of the previous brief: a follow-up story re-quoting last week's fact.
ALREADY_REPORTED = 0.6
# A JSON brief is tens of kilobytes; a larger JSON file in the out folder is not one of ours.
MAX_BRIEF_BYTES = 16 * 1024 * 1024


class HistoryError(ValueError):
    """A previous brief that cannot be read; the message names the file."""


def _json_file(path: Path) -> object:
    """Return a JSON file's value, read with the loader's bounds (size, depth, regular files only)."""
    try:
        return json_value(read_bytes(path, MAX_BRIEF_BYTES).decode("utf-8"))
    except (OSError, UnicodeDecodeError, LoadError) as error:
        raise HistoryError(f"{path}: not a readable JSON brief ({error})") from None


def _brief_shape(data: object) -> bool:
    """Return True when the value has the fields history reads, each of the type briefs writes."""
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        return False
    lists = [data.get("summary") or [], data.get("figures") or [], data["themes"]]
    lists += [t.get("sentences") or [] for t in data["themes"] if isinstance(t, dict)]
    return all(isinstance(items, list) and all(isinstance(x, dict) for x in items) for items in lists)


def read_brief(path: Path) -> dict:
    """Return a JSON brief written by briefs, or raise HistoryError naming the file."""
    data = _json_file(path)
    if not _brief_shape(data):
        raise HistoryError(f"{path}: not a JSON brief written by briefs")
    return data


def find_previous(out_dir: Path, subject: str, audience: str, before: str | None) -> Path | None:
    """Return the newest JSON brief in `out_dir` for this subject and audience ending before `before`."""
    if before is None or not out_dir.is_dir():
        return None
    best: tuple[str, Path] | None = None
    for path in sorted(out_dir.glob("*.json")):
        try:
            data = _json_file(path)
        except HistoryError:
            continue  # not every JSON file in out/ is a brief
        if not isinstance(data, dict) or data.get("subject") != subject or data.get("audience") != audience:
            continue
        end = (data.get("period") or {}).get("end") if isinstance(data.get("period"), dict) else None
        if isinstance(end, str) and end < before and (best is None or end > best[0]):
            best = (end, path)
    return best[1] if best else None


def _previous_sentences(brief: dict) -> list[dict]:
    sentences = list(brief.get("summary") or [])
    for theme in brief.get("themes") or []:
        if isinstance(theme, dict):
            sentences.extend(theme.get("sentences") or [])
    return [s for s in sentences if isinstance(s, dict) and isinstance(s.get("text"), str)]


def mark(sentences: list[Sentence], previous: dict) -> list[Sentence]:
    """Return the sentences, with `new = False` on those the previous brief reported (or near-duplicates)."""
    reported = _previous_sentences(previous)
    exact = {normalize(s["text"]) for s in reported}
    stem_sets = [frozenset(language.content_stems(s["text"])) for s in reported]

    def already(sentence: Sentence) -> bool:
        stems = frozenset(sentence.stems)
        return normalize(sentence.text) in exact or any(
            language.stem_overlap(stems, other) >= ALREADY_REPORTED for other in stem_sets)

    return [replace(s, new=False) if already(s) else s for s in sentences]


def mark_figures(figures: list[Figure], previous: dict) -> list[Figure]:
    """Return the figures, with `new = False` on those the previous brief already listed.

    A row is the same fact when its value and metric (or, for briefs written before figures had
    a metric, its value and label) match one of the previous brief's rows.
    """
    seen = set()
    for f in previous.get("figures") or []:
        if isinstance(f, dict):
            value = normalize(str(f.get("value", "")))
            seen.add((value, normalize(str(f.get("metric") or f.get("label", "")))))
    result = []
    for figure in figures:
        value = normalize(figure.value)
        same = (value, normalize(figure.metric)) in seen or (value, normalize(figure.label)) in seen
        result.append(replace(figure, new=False) if same else figure)
    return result
