"""The command line as a user runs it: every command, every common mistake, one line and an exit code."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefs.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ANSI = re.compile(r"\x1b\[")


def cli(*args, **kwargs):
    return CliRunner().invoke(app, [str(a) for a in args], **kwargs)


def run(*args, env=None):
    """Run the installed entry point in a subprocess, as a user's shell would."""
    return subprocess.run([sys.executable, "-m", "briefs", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def plain_summary():
    result = cli("summary", SEEDS, "--plain", "--width", "100")
    assert result.exit_code == 0, result.output
    return result.stdout


def test_summary_plain_has_every_section_in_order(plain_summary):
    lines = plain_summary.splitlines()
    assert lines[0] == "Meta Platforms: investor brief"
    assert "Meta Platforms" in lines[1] and "sources cited" in lines[1]
    order = ["Executive summary", "Results & guidance", "Key figures", "Sources"]
    positions = [next(i for i, line in enumerate(lines) if line.strip().startswith(title)) for title in order]
    assert positions == sorted(positions)
    assert re.search(r"^ • .+ \[\d+\]$", plain_summary, re.M)  # sentences carry citation markers
    assert re.search(r"^\[1\] ", plain_summary, re.M)  # numbered sources
    assert re.search(r"(positive|neutral|negative) [+-]\d\.\d\d", plain_summary)  # sentiment per theme


def test_summary_plain_has_no_escape_codes(plain_summary):
    assert not ANSI.search(plain_summary) and "\x1b" not in plain_summary


def test_summary_plain_snapshot_structure(plain_summary):
    """The shape of the plain summary: headings and bullet counts (content may improve, shape may not)."""
    headings = [line for line in plain_summary.splitlines() if line and not line.startswith((" ", "[", "─"))]
    assert headings[0] == "Meta Platforms: investor brief"
    assert any(h.startswith("Executive summary") for h in headings)
    bullets = [line for line in plain_summary.splitlines() if line.startswith(" • ")]
    assert 20 <= len(bullets) <= 60


def test_summary_prints_article_markup_and_escapes_literally(tmp_path):
    (tmp_path / "briefs.toml").write_text('[subject]\nname = "Acme Corp"\n')
    (tmp_path / "a.txt").write_text(
        "Acme Corp said [red]x[/red] revenue rose 12% to $3 billion in the third quarter this year.\n"
        "Acme Corp also said \x1b[31mcosts\x1b[0m fell 4% as it closed two older factories in Ohio.\n")
    result = cli("summary", tmp_path, "--plain")
    assert result.exit_code == 0, result.output
    assert "[red]x[/red]" in result.stdout
    assert "\x1b" not in result.stdout


def test_summary_json_is_the_brief(tmp_path):
    result = cli("summary", SEEDS, "--json")
    data = json.loads(result.stdout)
    assert data["subject"] == "Meta Platforms" and data["themes"]


def test_no_color_env_gives_plain_output():
    result = run("summary", SEEDS, "--width", "90", env={"NO_COLOR": "1"})
    assert result.returncode == 0 and "\x1b" not in result.stdout


def test_version_and_help_with_examples():
    assert run("--version").stdout.startswith("briefs ")
    for command in ("build", "summary", "summarize", "init", "config", "templates"):
        result = cli(command, "--help")
        assert result.exit_code == 0
    for command in ("build", "summary", "summarize", "init", "config"):
        assert "Example: briefs" in cli(command, "--help").stdout


def test_init_writes_commented_config_and_refuses_to_overwrite(tmp_path):
    result = cli("init", tmp_path, "--subject", "Acme Corp")
    assert result.exit_code == 0
    text = (tmp_path / "briefs.toml").read_text()
    assert 'name = "Acme Corp"' in text and text.count("#") > 10
    again = cli("init", tmp_path)
    assert again.exit_code == 2 and "exists" in again.stderr


def test_config_shows_resolved_values_and_origins(tmp_path, monkeypatch):
    user = tmp_path / "user"
    user.mkdir()
    (user / "briefs.toml").write_text('audience = "newsletter"\nmethod = "lexrank"\n')
    monkeypatch.setenv("BRIEFS_CONFIG_DIR", str(user))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "briefs.toml").write_text('audience = "executive"\n[subject]\nname = "Acme"\n')
    result = cli("config", corpus, "--method", "luhn")
    lines = dict(line.split(" = ", 1) for line in result.stdout.splitlines())
    assert lines["audience"].startswith("executive") and str(corpus / "briefs.toml") in lines["audience"]
    assert lines["method"] == "luhn\t(command line)"
    assert lines["subject.name"].startswith("Acme")
    assert lines["out"] == "out\t(default)"


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["build", "no/such/folder"], 3, ["no/such/folder", "no such file"]),
        (["build", "{empty}"], 3, ["no readable articles"]),
        (["build", SEEDS, "--audience", "martians"], 2, ["martians", "investor"]),
        (["build", SEEDS, "--method", "magic"], 2, ["magic", "lexrank"]),
        (["build", SEEDS, "--format", "docx"], 2, ["docx", "pdf"]),
        (["build", SEEDS, "--date", "yesterday"], 2, ["--date", "2026-11-16"]),
        (["build", "{badconfig}"], 2, ["briefs.toml", "subject.name"]),
        (["summary", SEEDS, "--method", "magic"], 2, ["magic"]),
        (["summarize", "no/such.txt"], 3, ["no/such.txt"]),
        (["summarize", "{empty_file}"], 3, ["empty"]),
        (["build", SEEDS, "--bogus-flag"], 2, ["--bogus-flag"]),
    ],
    ids=["missing-path", "no-articles", "unknown-audience", "unknown-method", "unknown-format", "bad-date",
         "bad-config", "summary-method", "summarize-missing", "summarize-empty", "unknown-option"],
)
def test_user_mistakes_are_one_line_with_a_documented_exit_code(tmp_path, args, code, words):
    empty = tmp_path / "empty"
    empty.mkdir()
    badconfig = tmp_path / "bad"
    badconfig.mkdir()
    (badconfig / "briefs.toml").write_text("[subject]\nname = 42\n")
    (badconfig / "a.txt").write_text("Acme Corp said revenue rose 12% to $3 billion in the quarter.\n")
    (tmp_path / "e.txt").write_text("")
    args = [str(a).format(empty=empty, badconfig=badconfig, empty_file=tmp_path / "e.txt") for a in args]
    result = run(*args, "--out", tmp_path / "out") if args[0] == "build" else run(*args)
    assert result.returncode == code, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert "Traceback" not in result.stderr


def test_debug_shows_traceback_of_internal_errors(tmp_path, monkeypatch):
    script = ("import sys, briefs.build as b\n"
              "def boom(*a, **k): raise RuntimeError('kaput')\n"
              "b.build_brief = boom\nimport briefs.cli as c\nc.build_brief = boom\n"
              "sys.argv = ['briefs'] + sys.argv[1:]\nc.main()\n")
    quiet = subprocess.run([sys.executable, "-c", script, "build", str(SEEDS), "--out", str(tmp_path)],
                           capture_output=True, text=True, cwd=ROOT)
    assert quiet.returncode == 1 and "kaput" in quiet.stderr and "Traceback" not in quiet.stderr
    loud = subprocess.run([sys.executable, "-c", script, "--debug", "build", str(SEEDS), "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert "Traceback" in loud.stderr


def test_quiet_build_prints_only_paths(tmp_path):
    result = run("build", SEEDS, "--out", tmp_path, "--format", "json", "--quiet")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.strip().endswith(".json")
