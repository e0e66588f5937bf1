"""`briefs build --explain-file PATH`: every dropped passage as one JSON line a compliance user can audit."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from briefs.cli import app
from briefs.explain import write_drops
from briefs.model import Drop

PAGE = """<!DOCTYPE html><html><head><title>Acme opens plant | Harbor Ledger</title>
<meta property="og:site_name" content="Harbor Ledger"></head><body>
<article><h1>Acme opens plant</h1>
<p>Acme Corp opened a battery plant in Ohio on Monday that will employ 2,000 people by next year.</p>
<p>Subscribe now and get three months of our market newsletter for a single dollar.</p>
<p>The Acme plant will make cells for electric delivery vans sold across North America, the company said.</p>
<p>Acme Corp shares rose 4% in New York after the announcement on Monday afternoon.</p>
</article></body></html>"""


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "briefs.toml").write_text('[subject]\nname = "Acme Corp"\naliases = ["Acme"]\n', encoding="utf-8")
    (folder / "plant.html").write_text(PAGE, encoding="utf-8")
    (folder / "note.txt").write_text(
        "Acme Corp raised its revenue forecast on Tuesday after a strong quarter in its European business.\n\n"
        "Click here to read the full interview with the chief executive.\n\n"
        "Acme Corp said it would hire 300 engineers for its Dublin software centre next year.\n", encoding="utf-8")
    return folder


def _drops_of_build(folder: Path, tmp_path: Path) -> list[dict]:
    """Build the corpus as a user does, with --explain-file, and return the file's records."""
    target = tmp_path / "drops.jsonl"
    result = CliRunner().invoke(app, ["build", str(folder), "--out", str(tmp_path / "out"), "--format", "json",
                                      "--no-cache", "-q", "--explain-file", str(target)])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]


def test_build_writes_every_drop_as_a_json_line(tmp_path):
    target = tmp_path / "audit" / "drops.jsonl"
    result = CliRunner().invoke(app, ["build", str(_corpus(tmp_path)), "--out", str(tmp_path / "out"),
                                      "--format", "json", "--no-cache", "-q", "--explain-file", str(target)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert records and all(set(r) == {"file", "reason", "text", "stage"} for r in records)
    promos = {r["text"]: r for r in records if r["reason"] == "call to action or promotion"}
    assert "Click here to read the full interview with the chief executive." in promos
    assert promos["Click here to read the full interview with the chief executive."]["file"].endswith("note.txt")
    assert {r["stage"] for r in records} <= {"load", "clean"}
    assert all(r["stage"] == "clean" for r in promos.values())
    assert not list(target.parent.glob(".drops.jsonl.*"))  # the temp file was renamed into place


def test_write_drops_replaces_an_old_file_whole(tmp_path):
    target = tmp_path / "drops.jsonl"
    target.write_text("stale line\n" * 5, encoding="utf-8")
    write_drops([Drop("question", "Will it rain on Monday in the city?", "a.txt"),
                 Drop("left out by the HTML extractor", "Home | Markets", "b.html", "load")], target)
    assert [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()] == [
        {"file": "a.txt", "reason": "question", "text": "Will it rain on Monday in the city?", "stage": "clean"},
        {"file": "b.html", "reason": "left out by the HTML extractor", "text": "Home | Markets", "stage": "load"},
    ]


def test_an_unwritable_explain_file_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(_corpus(tmp_path)), "--out", str(tmp_path / "out"),
                                      "--format", "json", "--no-cache", "-q",
                                      "--explain-file", str(blocker / "drops.jsonl")])
    assert result.exit_code == 4
    assert "drops.jsonl" in result.output


def test_a_fact_box_left_out_of_a_page_is_reported_at_the_load_stage(tmp_path):
    story = "".join(f"<p>Acme Corp said its plant number {i} in Ohio would add {i * 10} jobs by the end of next year, "
                    "according to a filing with state regulators on Monday.</p>" for i in range(1, 7))
    box = ('<div class="story-factbox"><h3>Other items in the filing</h3>'
           "<p>The filing also lists a warehouse lease in Kentucky that runs until the spring of 2031.</p></div>")
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "briefs.toml").write_text('[subject]\nname = "Acme Corp"\naliases = ["Acme"]\n', encoding="utf-8")
    (folder / "page.html").write_text(f"<html><head><title>Acme hires</title></head><body><article>{story}{box}"
                                      "<p>Acme Corp shares rose 2% in New York on Monday afternoon after the filing.</p>"
                                      "</article></body></html>", encoding="utf-8")
    records = _drops_of_build(folder, tmp_path)
    boxed = [r for r in records if "warehouse lease in Kentucky" in r["text"]]
    assert boxed and all(r["stage"] == "load" and r["file"].endswith("page.html") for r in boxed)
    brief = next((tmp_path / "out").glob("*.json")).read_text(encoding="utf-8")
    assert "warehouse lease" not in brief and "plant number" in brief


def test_a_byline_cut_off_a_lede_is_listed_with_the_drops(tmp_path):
    folder = _corpus(tmp_path)
    (folder / "wire.txt").write_text(
        "By Jane Roe and John Doe LONDON (Reuters) - Acme Corp will build a second battery plant in Ohio, it said "
        "on Wednesday.\n\nThe plant will employ 1,500 people when it opens in 2027, Acme Corp said.\n", encoding="utf-8")
    records = _drops_of_build(folder, tmp_path)
    assert any(r["text"] == "By Jane Roe and John Doe" and r["file"].endswith("wire.txt") for r in records)
    brief = json.loads(next((tmp_path / "out").glob("*.json")).read_text(encoding="utf-8"))
    quoted = [s["text"] for t in brief["themes"] for s in t["sentences"]] + [s["text"] for s in brief["summary"]]
    assert not any(text.startswith("By Jane Roe") for text in quoted)
