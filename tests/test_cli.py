"""The command line as a user runs it: every command, every common mistake, one line and an exit code.

Most tests run the real entry point, `briefs.cli.main`, in this process (quick); one runs
`python -m briefs` in a subprocess to prove the installed path works end to end.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.console import Console

import briefs.cli as cli
import briefs.cli.progress as progress

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"


@pytest.fixture
def briefs(monkeypatch, capsys):
    """Return a function running `briefs ARGS...` through main(): code, stdout, stderr."""
    handler = signal.getsignal(signal.SIGTERM)

    def run(*args, stdin: str = ""):
        monkeypatch.setattr(sys, "argv", ["briefs", *map(str, args)])
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        with pytest.raises(SystemExit) as done:
            cli.main()
        out, err = capsys.readouterr()
        return SimpleNamespace(code=done.value.code, out=out, err=err)

    yield run
    signal.signal(signal.SIGTERM, handler)


def test_summary_plain_has_every_section_in_order(briefs):
    result = briefs("summary", SEEDS, "--plain", "--width", "100", "--no-cache")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Meta Platforms: investor brief"
    assert "Meta Platforms" in lines[1] and "articles used" in lines[1] and "sources cited" in lines[1]
    order = ["Executive summary", "Results & guidance", "Key figures", "Sentiment:", "Sources"]
    positions = [next(i for i, line in enumerate(lines) if line.startswith(title)) for title in order]
    assert positions == sorted(positions)
    assert re.search(r"\S \[\d+\](\[\d+\])*(\[\+\d+\])?$", result.out, re.M)  # sentences end in citation markers
    assert re.search(r"^ • ", result.out, re.M) and re.search(r"^\[1\] ", result.out, re.M)
    assert re.search(r"^Results & guidance · (positive|neutral|negative) [+-]\d\.\d\d · ", result.out, re.M)
    assert "\x1b" not in result.out


def skeleton(brief):
    """Return a copy of the brief with its scraped words masked: what is left is its structure."""
    from dataclasses import replace

    def masked(sentences):
        return [replace(s, text="…") for s in sentences]

    return replace(
        brief,
        summary=masked(brief.summary),
        themes=[replace(t, sentences=masked(t.sentences)) for t in brief.themes],
        figures=[replace(f, value="…", label="…") for f in brief.figures],
        entities=[replace(e, name="…") for e in brief.entities],
        sources=[replace(s, title="…", publisher="…" if s.publisher else "", url="") for s in brief.sources],
    )


def test_seed_summary_matches_snapshot_of_its_structure():
    """Header, section titles, one bullet per sentence with its citation markers, table rows, sources.

    The words are masked: content selection improves independently of how the summary is laid
    out. After a wanted change, BRIEFS_UPDATE_SNAPSHOTS=1 rewrites the snapshot.
    """
    from briefs.build import Options, build_brief
    from briefs.terminal import plain

    result = build_brief([SEEDS], Options(cache=False))
    shape = plain(skeleton(result.brief), result.audience.settings, width=100)
    snapshot = SNAPSHOTS / "seeds_investor_plain.txt"
    if os.environ.get("BRIEFS_UPDATE_SNAPSHOTS"):
        snapshot.write_text(shape, encoding="utf-8")
    assert shape == snapshot.read_text(encoding="utf-8"), "summary structure changed; BRIEFS_UPDATE_SNAPSHOTS=1 to accept"


ARTICLE = ("Acme Corp said [red]x[/red] revenue rose 12% to $3 billion in the third quarter this year.\n\n"
           "Acme Corp also said \x1b[31mcosts\x1b[0m fell 4% as it closed two older factories in Ohio.\n")


@pytest.mark.parametrize("flags", [["--plain"], []])
def test_article_markup_and_escapes_print_literally(briefs, tmp_path, monkeypatch, flags):
    """Plain, and on a colour terminal: `[red]` stays text, an article's ESC never reaches the screen."""
    (tmp_path / "briefs.toml").write_text('[subject]\nname = "Acme Corp"\n')
    (tmp_path / "a.txt").write_text(ARTICLE)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    screen = TTY()
    monkeypatch.setattr(sys, "stdout", screen)
    result = briefs("summary", tmp_path, "--no-cache", *flags)
    assert result.code == 0, result.err
    shown = screen.getvalue()
    assert "[red]x[/red]" in shown and "\\x1b[31mcosts" in shown
    assert "\x1b[31mcosts" not in shown
    assert ("\x1b[" in shown) == (not flags)  # styled only without --plain


class TTY(io.StringIO):
    """A stdout that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def test_no_color_gives_plain_output_on_a_terminal(briefs, monkeypatch):
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", "1")
    screen = TTY()
    monkeypatch.setattr(sys, "stdout", screen)
    assert briefs("summary", SEEDS, "--no-cache").code == 0
    assert "Executive summary" in screen.getvalue() and "\x1b" not in screen.getvalue()


def test_summary_json_is_the_brief(briefs, tmp_path):
    result = briefs("summary", SEEDS, "--json", "--no-cache")
    data = json.loads(result.out)
    assert data["subject"] == "Meta Platforms" and data["themes"] and data["sources"]


def test_summary_is_the_brief_build_writes(briefs, tmp_path):
    built = briefs("build", SEEDS, "--out", tmp_path, "--format", "json", "--quiet")
    assert built.code == 0, built.err
    shown = briefs("summary", SEEDS, "--out", tmp_path, "--json", "--quiet")
    assert json.loads(shown.out) == json.loads(Path(built.out.strip()).read_text())


def test_version_and_help_with_examples(briefs):
    assert re.fullmatch(r"briefs \d+\.\d+\.\d+\n", briefs("--version").out)
    for command in ("build", "summary", "summarize", "init", "config"):
        result = briefs(command, "--help")
        assert result.code == 0 and f"Example: briefs {command}" in result.out, command
    assert briefs("templates", "--help").code == 0
    bare = briefs()
    assert bare.code == 0 and "summary" in bare.out and "build" in bare.out


def test_entry_point_runs_as_a_program(tmp_path):
    """`python -m briefs`: the version, and a usage error as one line with no traceback."""
    run = lambda *args: subprocess.run([sys.executable, "-m", "briefs", *map(str, args)],  # noqa: E731
                                       capture_output=True, text=True, cwd=tmp_path)
    assert run("--version").stdout.startswith("briefs ")
    wrong = run("summary", "--bogus")
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1 and "--bogus" in wrong.stderr


def test_init_writes_a_commented_config_that_config_reads_back(briefs, tmp_path):
    result = briefs("init", tmp_path, "--subject", 'Acme "Rockets" Corp')
    assert result.code == 0 and result.out.strip() == str(tmp_path / "briefs.toml")
    text = (tmp_path / "briefs.toml").read_text()
    assert text.count("#") > 10 and "[[themes]]" in text and "[output]" in text
    shown = briefs("config", tmp_path)
    assert f'subject.name = Acme "Rockets" Corp\t({tmp_path / "briefs.toml"})' in shown.out.splitlines()
    again = briefs("init", tmp_path)
    assert again.code == 2 and "already exists" in again.err and "--force" in again.err
    assert briefs("init", tmp_path, "--force").code == 0


def test_config_shows_resolved_values_and_origins(briefs, tmp_path, monkeypatch):
    user = tmp_path / "user"
    user.mkdir()
    (user / "briefs.toml").write_text('audience = "newsletter"\nmethod = "lexrank"\n')
    monkeypatch.setenv("BRIEFS_CONFIG_DIR", str(user))
    mine = tmp_path / "mine" / "board"
    mine.mkdir(parents=True)
    (mine / "audience.toml").write_text('extends = "executive"\nformats = ["pdf"]\n')
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "briefs.toml").write_text('audience = "board"\n[subject]\nname = "Acme"\n'
                                        '[[themes]]\nname = "Clinical trials"\nterms = ["trial"]\n')
    result = briefs("config", corpus, "--method", "luhn", "--templates", tmp_path / "mine")
    assert result.code == 0, result.err
    lines = dict(line.split(" = ", 1) for line in result.out.splitlines() if not line.startswith("#"))
    assert lines["audience"] == f"board\t({corpus / 'briefs.toml'})"
    assert lines["method"] == "luhn\t(command line)"
    assert lines["formats"] == "pdf\t(audience board)"
    assert lines["subject.name"] == f"Acme\t({corpus / 'briefs.toml'})"
    assert lines["out"] == "out\t(default)"
    assert "Clinical trials" in lines["themes"] and "Results & guidance" in lines["themes"]
    assert f"# user config: {user / 'briefs.toml'}" in result.out


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["build", "no/such/folder"], 3, ["no/such/folder", "no such file or folder"]),
        (["summary", "{empty}"], 3, ["no readable articles", ".txt"]),
        (["summary", "{offtopic}"], 3, ["about the subject 'Acme Corp'", "aliases"]),
        (["build", SEEDS, "--audience", "martians"], 2, ["martians", "investor"]),
        (["summary", "{audconfig}"], 2, ["martians", "briefs.toml"]),
        (["build", SEEDS, "--method", "magic"], 2, ["magic", "lexrank"]),
        (["summary", "{methodconfig}"], 2, ["magic", "briefs.toml"]),
        (["build", SEEDS, "--format", "docx"], 2, ["docx", "pdf"]),
        (["build", SEEDS, "--date", "yesterday"], 2, ["--date", "2026-11-16"]),
        (["summary", SEEDS, "--since", "2026-13-01"], 2, ["--since", "2026-11-16"]),
        (["summary", SEEDS, "--week", "W47"], 2, ["--week", "2026-W47"]),
        (["summary", SEEDS, "--since", "2026-11-20", "--until", "2026-11-01"], 2, ["--since", "after"]),
        (["summary", SEEDS, "--week", "2020-W01", "--undated", "exclude"], 3, ["2020-W01", "--since"]),
        (["summary", SEEDS, "--undated", "maybe"], 2, ["--undated", "exclude"]),
        (["build", "{badconfig}"], 2, ["briefs.toml", "subject.name"]),
        (["config", "{badtoml}"], 2, ["briefs.toml", "invalid TOML"]),
        (["summarize", "no/such.txt"], 3, ["no/such.txt"]),
        (["summarize", "{empty_file}"], 3, ["empty"]),
        (["summarize"], 2, ["file"]),
        (["build", SEEDS, "--bogus-flag"], 2, ["--bogus-flag", "--help"]),
        (["summary", SEEDS, "--width", "5"], 2, ["--width"]),
        (["frobnicate"], 2, ["frobnicate"]),
        (["config", "no/such"], 3, ["no/such"]),
        (["init", "{empty_file}"], 2, ["is a file"]),
    ],
    ids=["missing-path", "no-articles", "off-subject", "unknown-audience", "audience-in-config", "unknown-method",
         "method-in-config", "unknown-format", "bad-date", "bad-since", "bad-week", "since-after-until",
         "empty-week", "bad-undated", "bad-config", "bad-toml", "summarize-missing", "summarize-empty",
         "summarize-no-file", "unknown-option", "width-too-small", "unknown-command", "config-missing",
         "init-on-file"],
)
def test_user_mistakes_are_one_line_with_a_documented_exit_code(briefs, tmp_path, args, code, words):
    folders = {}
    for name, config, text in [
        ("empty", None, None),
        ("offtopic", '[subject]\nname = "Acme Corp"\n', "The weather in Paris was sunny on Monday, with "
                                                        "temperatures reaching 25 degrees across the city.\n"),
        ("audconfig", 'audience = "martians"\n', None),
        ("methodconfig", 'method = "magic"\n', None),
        ("badconfig", "[subject]\nname = 42\n", None),
        ("badtoml", "[subject\n", None),
    ]:
        folders[name] = tmp_path / name
        folders[name].mkdir()
        if config:
            (folders[name] / "briefs.toml").write_text(config)
        if name != "empty":
            (folders[name] / "a.txt").write_text(text or "Acme Corp said revenue rose 12% to $3 billion.\n")
    (tmp_path / "e.txt").write_text("")
    args = [str(a).format(empty_file=tmp_path / "e.txt", **folders) for a in args]
    result = briefs(*args, "--out", tmp_path / "out") if args[0] == "build" else briefs(*args)
    assert result.code == code, result.err
    lines = [line for line in result.err.splitlines() if line.strip()]
    assert len(lines) == 1, result.err
    assert lines[0].startswith("briefs: error: ")
    for word in words:
        assert word in lines[0], lines[0]
    assert result.out == ""


def test_internal_errors_are_one_line_and_debug_shows_the_traceback(briefs, monkeypatch):
    import briefs.build as build_module

    def boom(*args, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr(build_module, "build_brief", boom)
    result = briefs("build", SEEDS, "--out", "/nonexistent/never-written")
    assert result.code == 1 and "kaput" in result.err and "--debug" in result.err
    assert len(result.err.splitlines()) == 1
    with pytest.raises(RuntimeError, match="kaput"):  # the interpreter then prints the traceback
        briefs("--debug", "build", SEEDS)


def test_quiet_build_prints_only_paths(briefs, tmp_path):
    result = briefs("build", SEEDS, "--out", tmp_path, "--format", "json,md", "--quiet")
    assert result.code == 0 and result.err == ""
    assert [Path(line).suffix for line in result.out.splitlines()] == [".json", ".md"]
    assert all(Path(line).is_file() for line in result.out.splitlines())


def test_summarize_reads_standard_input(briefs):
    text = (SEEDS / "000_d2d72824d4d2308f.txt").read_text(encoding="utf-8")
    result = briefs("summarize", "-", "--sentences", "2", stdin=text)
    assert result.code == 0 and len(result.out.splitlines()) == 2
    assert all(line in text for line in result.out.splitlines())


@pytest.fixture
def terminal_stderr(monkeypatch):
    """Make the CLI's stderr a colour terminal writing into a buffer; return the buffer."""
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=100, highlight=False))
    return screen


def test_progress_bar_on_a_terminal_for_a_large_corpus(briefs, tmp_path, monkeypatch, terminal_stderr):
    monkeypatch.setattr(progress, "SHOW_FROM_FILES", 3)  # the seeds' five files count as large
    result = briefs("build", SEEDS, "--out", tmp_path, "--format", "md", "--no-cache")
    assert result.code == 0 and result.out.strip().endswith(".md")
    drawn = terminal_stderr.getvalue()
    assert "Reading and cleaning articles" in drawn and "\x1b[" in drawn


def test_no_progress_bar_when_quiet_or_small(briefs, tmp_path, monkeypatch, terminal_stderr):
    monkeypatch.setattr(progress, "SHOW_AFTER_SECONDS", 3600)  # however slow this machine is today
    monkeypatch.setattr(progress, "SHOW_FROM_FILES", 3)
    assert briefs("summary", SEEDS, "--quiet", "--no-cache").code == 0
    assert terminal_stderr.getvalue() == ""
    monkeypatch.setattr(progress, "SHOW_FROM_FILES", 50)
    assert briefs("build", SEEDS, "--out", tmp_path, "--format", "md", "--no-cache").code == 0
    assert "Reading" not in terminal_stderr.getvalue() and "\x1b[" not in terminal_stderr.getvalue()


def test_progress_appears_for_many_files_or_after_a_wait():
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80)
    with progress.StageProgress(console, after=3600) as bar:
        bar("load")
        bar("read", 0, progress.SHOW_FROM_FILES)
        assert not bar.shown
        bar("read", 0, progress.SHOW_FROM_FILES + 1)
        assert bar.shown
    with progress.StageProgress(console, after=0) as bar:
        bar._timer.join()  # the wait is over
        assert bar.shown
    with progress.StageProgress(console, after=3600) as bar:
        bar("select")
    assert not bar.shown
    bar.show()  # a timer firing after the build ended draws nothing
    assert not bar.shown


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_no_heavy_library(flag):
    """`briefs --help` answers at once: no NLTK, sumy, numpy, scipy, scikit-learn, WeasyPrint or trafilatura."""
    code = ("import sys\nfrom briefs.cli import main\nsys.argv = ['briefs', %r]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "heavy = ('nltk', 'sumy', 'numpy', 'scipy', 'sklearn', 'weasyprint', 'trafilatura', 'jinja2')\n"
            "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n") % flag
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout, result.stderr
    assert result.stderr.strip().splitlines()[-1] == "[]"
