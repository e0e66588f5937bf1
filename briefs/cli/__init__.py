"""The `briefs` command: a thin shell over the library. Results on stdout, diagnostics on stderr.

Exit codes (docs/cli.md): 0 ok, 1 internal error, 2 usage or configuration, 3 no input, 4 output,
5 some portfolio subjects failed.
The stages are imported inside the commands, so `--help` and `--version` stay quick.
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, List, Optional

import typer
from rich.console import Console

from .. import __version__
from ..config import CORPUS_FILE, ConfigError, Settings, init_text, resolve

if TYPE_CHECKING:
    from ..audience import Audience
    from ..build import Options, Result

EXIT_OK = 0
EXIT_ERROR = 1        # unexpected internal error (rerun with --debug)
EXIT_USAGE = 2        # bad option value, unknown audience/method/format, bad config
EXIT_NO_INPUT = 3     # no readable article, or none about the subject
EXIT_OUTPUT = 4       # template error or cannot write the output
EXIT_SUBJECTS_FAILED = 5  # briefs portfolio: some subjects failed (each named on stderr); the rest were written
EXIT_INTERRUPTED = 130

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None)  # help: main_options
err = Console(stderr=True, highlight=False, soft_wrap=True)
_state = {"debug": False}

from . import templates as _templates  # noqa: E402 (sub-command group)

app.add_typer(_templates.app, name="templates")

from . import portfolio as _portfolio  # noqa: E402

app.command(name="portfolio")(_portfolio.portfolio)


def say(kind: str, message: str) -> None:
    """Print one diagnostic line on stderr; a file name or scraped text in it cannot send escapes."""
    from ..terminal import literal

    err.print(f"briefs: {kind}: {literal(message)}", markup=False)


def fail(message: str, code: int) -> typer.Exit:
    """Print one error line on stderr and return the Exit to raise."""
    say("error", message)
    return typer.Exit(code)


def warn(message: str) -> None:
    say("warning", message)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefs {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
    debug: bool = typer.Option(False, "--debug", help="Show the Python traceback of an internal error."),
) -> None:
    """Turn a week of news articles into a cited, extractive investor brief.

    Example: briefs summary articles/ --week last
    """
    _state["debug"] = _state["debug"] or debug


def _date(value: Optional[str], flag: str) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{flag} {value!r} is not a date; write it like 2026-11-16", EXIT_USAGE) from None


def _existing(paths: Optional[List[Path]]) -> List[Path]:
    """Return the paths to read (default: the embedded seeds); a missing one is one error line."""
    from ..build import default_paths

    for path in paths or []:
        if not str(path).startswith(("http:/", "https:/")) and not path.exists():
            raise fail(f"{path}: no such file or folder; give article files or folders that hold them",
                       EXIT_NO_INPUT)
    return list(paths) if paths else default_paths()


def _settings(paths: List[Path], flags: dict, templates: Optional[Path]) -> tuple[Settings, Audience]:
    """Return the resolved settings (audience layer included) and the audience, each value checked."""
    from .. import rank
    from ..audience import load_audience, template_roots
    from ..build import corpus_folder

    folder = corpus_folder(paths)
    try:
        settings = resolve(folder, flags)
        name = settings.values["audience"]
        try:
            audience = load_audience(name, template_roots(templates))
        except ConfigError as error:
            raise ConfigError(f"{error}{settings.source('audience')}") from None
        settings = resolve(folder, flags, audience.settings, name)
    except ConfigError as error:
        raise fail(str(error), EXIT_USAGE) from None
    try:
        rank.check(settings.values["method"])
    except rank.UnknownMethod as error:
        raise fail(f"{error}{settings.source('method')}", EXIT_USAGE) from None
    return settings, audience


def _formats(settings: Settings) -> list[str]:
    from ..render import FORMATS

    formats = [f.strip().lower() for f in settings.values["formats"] if f.strip()]
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise fail(f"unknown format {(bad or [''])[0]!r}{settings.source('formats')}; "
                   f"use any of {', '.join(FORMATS)}, comma-separated", EXIT_USAGE)
    return formats


def _options(settings: Settings, audience: str, subject: str, date: Optional[str], templates: Optional[Path],
             week: Optional[str], since: Optional[str], until: Optional[str], undated: str,
             previous: Optional[Path], no_cache: bool, workers: Optional[int] = None) -> Options:
    """Return build Options from command-line values, each checked (a bad one is one error line)."""
    from ..build import Options
    from ..period import PeriodError, window

    if undated not in ("include", "exclude"):
        raise fail(f"--undated {undated!r}: use include or exclude", EXIT_USAGE)
    day, start, end = _date(date, "--date"), _date(since, "--since"), _date(until, "--until")
    try:
        window(week, start, end, today=day)
    except PeriodError as error:
        raise fail(str(error), EXIT_USAGE) from None
    if previous is not None and not previous.is_file():
        raise fail(f"--previous {previous}: no such file; give a JSON brief that build wrote", EXIT_USAGE)
    return Options(audience=audience, method=settings.values["method"], subject=subject, date=day,
                   templates=templates, week=week, since=start, until=end, undated=undated, previous=previous,
                   out=Path(settings.values["out"]), cache=not no_cache, workers=workers)


@contextmanager
def _progress(quiet: bool):
    """Yield build_brief's stage callback: a progress bar on a terminal's stderr, else None."""
    if quiet or not err.is_terminal:
        yield None
        return
    from .progress import StageProgress

    with StageProgress(err) as progress:
        yield progress


def _build(paths: List[Path], options: Options, quiet: bool, progress=None) -> Result:
    """Run build_brief, turning user mistakes into one error line and an exit code."""
    from ..build import BuildError, build_brief

    try:
        result = build_brief(paths, options, progress=progress)
    except ConfigError as error:
        raise fail(str(error), EXIT_USAGE) from None
    except BuildError as error:
        raise fail(str(error), EXIT_NO_INPUT) from None
    for problem in result.problems:
        warn(str(problem))
    if not quiet:
        for line in result.notes:
            say("note", line)
    return result


@app.command()
def build(
    paths: List[Path] = typer.Argument(None, help="Article files or folders (default: the embedded sample corpus)."),
    audience: str = typer.Option("", "--audience", "-a", help="Audience (templates/<name>); default from briefs.toml, else investor."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for the written briefs (default: out)."),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="Comma-separated: md,pdf,json,html (default: md,pdf,json)."),
    method: Optional[str] = typer.Option(None, "--method", "-m", help="Ranking method: default, a sumy name, or sumy:<name>."),
    subject: str = typer.Option("", "--subject", "-s", help="Subject of the brief (default: from briefs.toml)."),
    date: Optional[str] = typer.Option(None, "--date", help="Brief date YYYY-MM-DD (default: newest article date)."),
    templates: Optional[Path] = typer.Option(None, "--templates", help="Folder of your own audiences, searched first."),
    week: Optional[str] = typer.Option(None, "--week", help="ISO week like 2026-W47, or 'last' (the last complete week)."),
    since: Optional[str] = typer.Option(None, "--since", help="Only articles dated on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Only articles dated on or before YYYY-MM-DD."),
    undated: str = typer.Option("include", "--undated", help="Undated articles: include (marked) or exclude."),
    previous: Optional[Path] = typer.Option(None, "--previous", help="Previous JSON brief (default: found in --out)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the incremental cache."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Processes for per-file work (default: cores)."),
    explain: bool = typer.Option(False, "--explain", help="List on stderr what cleaning dropped, by reason."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display or notes."),
) -> None:
    """Build a brief and print the path of each written file, one per line.

    Example: briefs build articles/ --week last --audience executive --format md,pdf
    """
    from .. import render
    from ..build import output_stem

    paths = _existing(paths)
    settings, _ = _settings(paths, {"audience": audience, "method": method, "out": str(out) if out else None,
                                    "formats": format.split(",") if format else None}, templates)
    formats = _formats(settings)
    options = _options(settings, audience, subject, date, templates, week, since, until, undated, previous,
                       no_cache, workers)
    with _progress(quiet) as progress:
        result = _build(paths, options, quiet, progress)
        if explain:
            _explain(result.dropped)
        if progress:
            progress("render")
        try:
            written = render.render(result.brief, result.audience, options.out, output_stem(result.brief), formats)
        except render.RenderError as error:
            raise fail(str(error), EXIT_OUTPUT) from None
    for path in written:
        typer.echo(str(path))


def _explain(dropped: list) -> None:
    by_reason: dict[str, list] = {}
    for drop in dropped:
        by_reason.setdefault(drop.reason, []).append(drop)
    for reason, drops in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        err.print(f"dropped {len(drops):4d} × {reason}", markup=False)
        for drop in drops[:3]:
            err.print(f"      e.g. {drop.text[:100]!r} ({Path(drop.path).name!r})", markup=False)


@app.command()
def summary(
    paths: List[Path] = typer.Argument(None, help="Article files or folders (default: the embedded sample corpus)."),
    audience: str = typer.Option("", "--audience", "-a", help="Audience whose settings shape the brief."),
    method: Optional[str] = typer.Option(None, "--method", "-m", help="Ranking method."),
    subject: str = typer.Option("", "--subject", "-s", help="Subject of the brief (default: from briefs.toml)."),
    date: Optional[str] = typer.Option(None, "--date", help="Brief date YYYY-MM-DD."),
    templates: Optional[Path] = typer.Option(None, "--templates", help="Folder of your own audiences, searched first."),
    week: Optional[str] = typer.Option(None, "--week", help="ISO week like 2026-W47, or 'last'."),
    since: Optional[str] = typer.Option(None, "--since", help="Only articles dated on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Only articles dated on or before YYYY-MM-DD."),
    undated: str = typer.Option("include", "--undated", help="Undated articles: include (marked) or exclude."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Where build writes (for the previous brief and the cache)."),
    previous: Optional[Path] = typer.Option(None, "--previous", help="Previous JSON brief (default: found in --out)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the incremental cache."),
    plain: bool = typer.Option(False, "--plain", help="Plain text, no colours or escape codes (also for pipes and NO_COLOR)."),
    as_json: bool = typer.Option(False, "--json", help="Print the JSON brief instead."),
    width: Optional[int] = typer.Option(None, "--width", min=20, help="Wrap at this many columns (default: the terminal's, 80 in a pipe)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display or notes."),
) -> None:
    """Print the brief in the terminal: the same brief `build` writes, without writing files.

    Example: briefs summary articles/ --week last --plain | less
    """
    from .. import terminal

    paths = _existing(paths)
    settings, _ = _settings(paths, {"audience": audience, "method": method, "out": str(out) if out else None},
                            templates)
    options = _options(settings, audience, subject, date, templates, week, since, until, undated, previous, no_cache)
    with _progress(quiet) as progress:
        result = _build(paths, options, quiet, progress)
    if as_json:
        typer.echo(json.dumps(result.brief.to_dict(), indent=2, ensure_ascii=False))
    elif terminal.wants_plain(sys.stdout, plain):
        typer.echo(terminal.plain(result.brief, result.audience.settings, width or Console(file=sys.stdout).width),
                   nl=False)
    else:
        console = Console(file=sys.stdout, width=width, highlight=False, emoji=False)
        terminal.show(result.brief, console, result.audience.settings)


@app.command()
def summarize(
    files: list[str] = typer.Argument(..., help="A text file, or - for standard input; several files are read as articles on one topic."),
    sentences: int = typer.Option(5, "--sentences", "-n", min=1, help="How many sentences to keep."),
    method: str = typer.Option("default", "--method", "-m", help="Ranking method: default, a sumy name, or sumy:<name>."),
) -> None:
    """Print an extractive summary of one document (or several on one topic), one sentence per line, in document order.

    Example: briefs summarize article.txt --sentences 3 --method textrank
    """
    from .. import rank
    from ..load import LoadError, read_text
    from ..summarize import summarize as summarize_text

    try:
        rank.check(method)
    except rank.UnknownMethod as error:
        raise fail(str(error), EXIT_USAGE) from None
    texts = []
    for file in files:
        if file == "-":
            texts.append(sys.stdin.read())
            continue
        path = Path(file)
        if not path.is_file():
            raise fail(f"{file}: no such file", EXIT_NO_INPUT)
        try:
            texts.append(read_text(path))
        except (LoadError, OSError) as error:
            raise fail(f"{file}: {error}", EXIT_NO_INPUT) from None
    for sentence in summarize_text(texts[0] if len(texts) == 1 else texts, sentences, method):
        typer.echo(sentence)


@app.command()
def init(
    folder: Path = typer.Argument(Path("."), help="Corpus folder to configure (default: here)."),
    subject: str = typer.Option("", "--subject", "-s", help="Subject name to write."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing briefs.toml."),
) -> None:
    """Write a commented briefs.toml into a corpus folder; prints its path.

    Example: briefs init articles/ --subject "Acme Corp"
    """
    from ..render import write_atomic

    path = folder / CORPUS_FILE
    if folder.exists() and not folder.is_dir():
        raise fail(f"{folder} is a file; give the folder that holds the articles", EXIT_USAGE)
    if path.exists() and not force:
        raise fail(f"{path} already exists; edit it, or use --force to overwrite it", EXIT_USAGE)
    try:
        write_atomic(path, init_text(subject).encode())
    except OSError as error:
        raise fail(f"{path}: cannot write ({error.strerror})", EXIT_OUTPUT) from None
    typer.echo(str(path))


@app.command()
def config(
    paths: List[Path] = typer.Argument(None, help="Corpus files or folders (default: the embedded sample corpus)."),
    audience: str = typer.Option("", "--audience", "-a", help="As for build."),
    method: Optional[str] = typer.Option(None, "--method", "-m", help="As for build."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="As for build."),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="As for build."),
    templates: Optional[Path] = typer.Option(None, "--templates", help="As for build."),
) -> None:
    """Show each resolved setting and where it came from: default, a briefs.toml, the audience, or a flag.

    Example: briefs config articles/ --audience executive
    """
    from ..config import override_themes

    settings, chosen = _settings(_existing(paths), {"audience": audience, "method": method,
                                                    "out": str(out) if out else None,
                                                    "formats": format.split(",") if format else None}, templates)
    _formats(settings)
    for label, path in settings.files:
        typer.echo(f"# {label}: {path}{'' if path.is_file() else ' (none)'}")
    typer.echo(f"# audience folders: {', '.join(str(f) for f in chosen.folders)}")
    for key, value in settings.values.items():
        if key == "themes":
            continue
        shown = ", ".join(value) if isinstance(value, list) else value
        typer.echo(f"{key} = {shown}\t({settings.origin[key]})")
    themes = override_themes(chosen.settings, settings.values["themes"]).get("themes", [])
    where = f"audience {chosen.name}" + (f" + {settings.origin['themes']}" if settings.values["themes"] else "")
    typer.echo(f"themes = {', '.join(t['name'] for t in themes)}\t({where})")


def _terminate(signum, frame):  # noqa: ARG001 (signal handler signature)
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point: run the app, turning any unexpected error into one line."""
    # Seen before parsing, so a traceback is shown even when parsing the rest fails.
    _state["debug"] = "--debug" in sys.argv[1:]
    # SIGTERM unwinds like Ctrl-C, so temporary files are removed and no brief is half-written.
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        err.print("briefs: interrupted; no brief was changed", markup=False)
        sys.exit(EXIT_INTERRUPTED)
    except SystemExit:
        raise
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except Exception as error:  # noqa: BLE001 (last resort: one line, the traceback only with --debug)
        if type(error).__name__ == "NoArgsIsHelpError":
            typer.echo(error.ctx.get_help())
            sys.exit(EXIT_OK)
        if callable(getattr(error, "format_message", None)) and isinstance(getattr(error, "exit_code", None), int):
            # click's usage errors (unknown option, missing argument): one line, not a usage block
            command = getattr(getattr(error, "ctx", None), "command_path", "briefs")
            say("error", f"{error.format_message()} (see '{command} --help')")
            sys.exit(EXIT_USAGE)
        if type(error).__name__ == "Abort":
            err.print("briefs: interrupted", markup=False)
            sys.exit(EXIT_INTERRUPTED)
        if _state["debug"]:
            raise
        say("error", f"{type(error).__name__}: {error} (rerun with --debug for the traceback)")
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
