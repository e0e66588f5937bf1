"""Weekly briefs from one growing folder: windows, what's new since last week, the cache."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefs import period
from briefs.build import Options, build_brief
from briefs.cli import app

WEEKLY = Path(__file__).resolve().parent / "fixtures" / "weekly"


def cli(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(WEEKLY, target)
    return target


def _week(folder: Path, out: Path, week: str, *extra: str) -> dict:
    result = cli("build", folder, "--week", week, "--out", out, "--format", "json,md", "--quiet", *extra)
    assert result.exit_code == 0, result.output
    path = next(p for p in result.stdout.split() if p.endswith(".json"))
    assert Path(path).name == f"northwind-traders-{week}-investor.json"
    return json.loads(Path(path).read_text())


def test_three_weeks_give_three_different_briefs_with_their_own_sources(folder, tmp_path):
    out = tmp_path / "out"
    briefs = {week: _week(folder, out, week) for week in ("2026-W45", "2026-W46", "2026-W47")}
    expected = {"2026-W45": {"w45-a.md", "w45-b.md"}, "2026-W46": {"w46-a.md", "w46-b.md"},
                "2026-W47": {"w47-a.md", "w47-b.md"}}
    for week, brief in briefs.items():
        names = {Path(s["path"]).name for s in brief["sources"]}
        assert names <= expected[week], (week, names)
        assert "outside.md" not in names
        assert brief["week"] == week
        start, end = period.iso_week(week).start.isoformat(), period.iso_week(week).end.isoformat()
        assert brief["period"] == {"start": start, "end": end} and brief["date"] == end
    texts = [{s["text"] for t in b["themes"] for s in t["sentences"]} | {s["text"] for s in b["summary"]}
             for b in briefs.values()]
    assert texts[0] != texts[1] != texts[2]


def test_second_week_marks_what_the_first_already_said(folder, tmp_path):
    out = tmp_path / "out"
    _week(folder, out, "2026-W45")
    second = _week(folder, out, "2026-W46")
    assert second["previous"] == "northwind-traders-2026-W45-investor.json"
    sentences = second["summary"] + [s for t in second["themes"] for s in t["sentences"]]
    old = [s for s in sentences if not s["new"]]
    new = [s for s in sentences if s["new"]]
    assert any("raised its annual revenue forecast" in s["text"] for s in old)
    assert any("Rotterdam" in s["text"] for s in new)
    for theme in second["themes"]:  # within a theme, what is new leads
        flags = [s["new"] for s in theme["sentences"]]
        assert flags == sorted(flags, reverse=True)
    md = next(out.glob("*W46*.md")).read_text()
    assert "reported before" in md


def test_previous_can_be_given_explicitly(folder, tmp_path):
    first = _week(folder, tmp_path / "a", "2026-W45")
    path = tmp_path / "prev.json"
    path.write_text(json.dumps(first))
    second = _week(folder, tmp_path / "b", "2026-W46", "--previous", str(path))
    assert second["previous"] == "prev.json"


def test_week_last_is_the_last_complete_week_before_date(folder, tmp_path):
    result = cli("build", folder, "--week", "last", "--date", "2026-11-23", "--out", tmp_path, "--format", "json", "-q")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("2026-W47-investor.json")


def test_since_until_window(folder, tmp_path):
    result = cli("build", folder, "--since", "2026-11-10", "--until", "2026-11-12", "--out", tmp_path, "--format", "json", "-q")
    brief = json.loads(Path(result.stdout.strip()).read_text())
    assert {Path(s["path"]).name for s in brief["sources"]} <= {"w46-a.md", "w46-b.md"}
    assert brief["period"] == {"start": "2026-11-10", "end": "2026-11-12"}


def test_undated_articles_included_and_marked_or_excluded(folder, tmp_path):
    (folder / "undated.txt").write_text("Northwind Traders named a new head of its Baltic terminals on Monday, the company said.\n"
                                        "Northwind said the new head would oversee three ports and about 2,000 staff.\n")
    included = build_brief([folder], Options(since=dt.date(2026, 11, 16)))
    assert any(s.date is None for s in included.brief.sources)
    assert any("undated" in note for note in included.notes)
    excluded = build_brief([folder], Options(since=dt.date(2026, 11, 16), undated="exclude"))
    assert all(s.date is not None for s in excluded.brief.sources)


def test_bad_week_is_a_usage_error(folder, tmp_path):
    result = cli("build", folder, "--week", "2026-W60", "--out", tmp_path)
    assert result.exit_code == 2  # a week that does not exist is a usage error, checked before any file is read
    assert "W60" in result.stderr


def test_empty_week_is_a_clear_error(folder, tmp_path):
    result = cli("build", folder, "--week", "2026-W30", "--out", tmp_path)
    assert result.exit_code == 3 and "2026-W30" in result.stderr


def test_iso_weeks():
    assert period.iso_week("2026-W47") == period.Window(dt.date(2026, 11, 16), dt.date(2026, 11, 22), "2026-W47")
    assert period.last_week(dt.date(2026, 11, 22)).week == "2026-W46"  # Sunday: that week is not complete
    assert period.last_week(dt.date(2026, 11, 23)).week == "2026-W47"
    assert period.iso_week("2020W53").start == dt.date(2020, 12, 28)
    with pytest.raises(period.PeriodError):
        period.iso_week("2021-W53")

    with pytest.raises(period.PeriodError, match="after 9999-12-31"):
        period.iso_week("9999-W52")  # its Sunday would be in year 10000


def _previous_of_shape(tmp_path: Path, data) -> Path:
    path = tmp_path / "prev.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


@pytest.mark.parametrize("data", [
    {"themes": [{"sentences": 7}]},
    {"themes": [], "summary": "a string"},
    {"themes": [], "figures": {"value": 1}},
    ["not", "an", "object"],
    "[" * 200 + "]" * 200,
    "{ not json",
], ids=["sentences-not-a-list", "summary-a-string", "figures-an-object", "a-list", "deep", "malformed"])
def test_unusable_previous_brief_is_an_error_naming_it(tmp_path, data):
    from briefs import history

    path = _previous_of_shape(tmp_path, data)
    with pytest.raises(history.HistoryError, match="prev.json"):
        history.read_brief(path)


def test_unusable_previous_given_with_previous_is_treated_as_absent(folder, tmp_path):
    path = _previous_of_shape(tmp_path, {"themes": [{"sentences": 7}], "subject": "Northwind Traders"})
    result = cli("build", folder, "--week", "2026-W46", "--out", tmp_path / "out", "--format", "json",
                 "--previous", path)
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if "prev.json" in line] == [
        f"briefs: note: {path}: not a JSON brief written by briefs; building without a previous brief"]
    brief = json.loads(Path(result.stdout.strip()).read_text())
    assert brief["previous"] is None
    assert all(s["new"] for s in brief["summary"])


def test_unusable_files_in_out_do_not_hide_the_real_previous_brief(folder, tmp_path):
    out = tmp_path / "out"
    _week(folder, out, "2026-W45")
    (out / "aaa-deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (out / "aab-huge-number.json").write_text('{"n": ' + "9" * 9000 + "}")
    os.mkfifo(out / "aac-pipe.json")  # opening it to read would wait for a writer forever
    second = _week(folder, out, "2026-W46")
    assert second["previous"] == "northwind-traders-2026-W45-investor.json"
