"""The previous brief: found in the out folder by subject, audience and period; a broken one never crashes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefs.cli import app
from briefs.history import HistoryError, find_previous, read_brief

WEEKLY = Path(__file__).resolve().parent / "fixtures" / "weekly"


def _brief(folder: Path, name: str, subject="Acme", audience="investor", end="2026-11-15", **extra) -> Path:
    path = folder / name
    path.write_text(json.dumps({"subject": subject, "audience": audience, "period": {"start": None, "end": end},
                                "summary": [], "themes": [], **extra}), encoding="utf-8")
    return path


def test_finds_the_newest_brief_of_the_same_subject_and_audience_before_the_period(tmp_path):
    _brief(tmp_path, "old.json", end="2026-11-08")
    newest = _brief(tmp_path, "newest.json", end="2026-11-15")
    _brief(tmp_path, "same-week.json", end="2026-11-22")     # not before the period: not previous
    _brief(tmp_path, "other-subject.json", subject="Globex")
    _brief(tmp_path, "other-audience.json", audience="executive")
    (tmp_path / "notes.json").write_text("[1, 2, 3]", encoding="utf-8")  # other JSON in out/ is skipped
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert find_previous(tmp_path, "Acme", "investor", "2026-11-16") == newest


def test_no_previous_without_a_period_or_a_folder(tmp_path):
    _brief(tmp_path, "a.json")
    assert find_previous(tmp_path, "Acme", "investor", None) is None
    assert find_previous(tmp_path / "missing", "Acme", "investor", "2026-12-01") is None


@pytest.mark.parametrize("text", ["{not json", "[]", '{"themes": "none"}', "\udcff"], ids=["syntax", "list", "shape", "bytes"])
def test_an_unreadable_brief_is_one_error_naming_the_file(tmp_path, text):
    path = tmp_path / "prev.json"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(HistoryError, match="prev.json"):
        read_brief(path)


def _weekly(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(WEEKLY, folder)
    return folder


def test_a_corrupt_previous_brief_in_out_is_a_note_and_the_build_goes_on(tmp_path):
    folder, out = _weekly(tmp_path), tmp_path / "out"
    first = CliRunner().invoke(app, ["build", str(folder), "--week", "2026-W46", "-f", "json", "--out", str(out)])
    assert first.exit_code == 0, first.output
    written = Path(first.stdout.strip())
    data = json.loads(written.read_text(encoding="utf-8"))
    data["themes"] = "truncated"  # still claims the subject, audience and period: found, then refused
    written.write_text(json.dumps(data), encoding="utf-8")
    second = CliRunner().invoke(app, ["build", str(folder), "--week", "2026-W47", "-f", "json", "--out", str(out)])
    assert second.exit_code == 0, second.output
    assert "not a JSON brief written by briefs" in second.stderr and written.name in second.stderr
    brief = json.loads(Path(second.stdout.strip()).read_text(encoding="utf-8"))
    assert brief["previous"] is None and all(s["new"] for s in brief["summary"])


def test_a_corrupt_previous_given_by_flag_is_one_warning_and_the_build_goes_on(tmp_path):
    folder, bad = _weekly(tmp_path), tmp_path / "prev.json"
    bad.write_text("{half a brief", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(folder), "--previous", str(bad), "-f", "json",
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    mentions = [line for line in result.stderr.splitlines() if "prev.json" in line]
    assert len(mentions) == 1
    brief = json.loads(Path(result.stdout.strip()).read_text(encoding="utf-8"))
    assert brief["previous"] is None
