"""The `briefs` command: a thin shell over the library. Results on stdout, diagnostics on stderr.

Exit codes (README): 0 ok, 1 internal error, 2 usage or configuration, 3 no input, 4 output.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from .. import __version__, rank, render
from ..build import BuildError, Options, Result, build_brief, corpus_folder, default_paths, output_stem
from ..config import CORPUS_FILE, INIT_TEMPLATE, ConfigError, resolve

EXIT_OK = 0
EXIT_ERROR = 1        # unexpected internal error (rerun with --debug)
EXIT_USAGE = 2        # bad option value, unknown audience/method/format, bad config
EXIT_NO_INPUT = 3     # no readable article, or none about the subject
EXIT_OUTPUT = 4       # template error or cannot write the output
EXIT_INTERRUPTED = 130

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Turn a week of news articles into a cited, extractive investor brief.")
err = Console(stderr=True, highlight=False, soft_wrap=True)
_state = {"debug": False}

from . import templates as _templates  # noqa: E402 (sub-command group)

app.add_typer(_templates.app, name="templates")


def fail(message: str, code: int) -> typer.Exit:
    """Print one error line on stderr and return the Exit to raise."""
    err.print(f"briefs: error: {message}", markup=False)
    return typer.Exit(code)


def warn(message: str) -> None:
    err.print(f"briefs: warning: {message}", markup=False)


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

    Example: briefs build articles/ --audience investor
    """
    _state["debug"] = _state["debug"] or debug


def _date(value: Optional[str], flag: str) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{flag} {value!r} is not a date like 2026-11-16", EXIT_USAGE) from None


def _check_method(method: Optional[str]) -> None:
    if method:
        try:
            rank.check(method)
        except rank.UnknownMethod as error:
            raise fail(str(error), EXIT_USAGE) from None


@contextmanager
def _progress(quiet: bool):
    """Yield a stage callback drawing a progress line on stderr (terminals only, not with --quiet)."""
    if quiet or not err.is_terminal:
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True) as progress:
        task = progress.add_task("starting", total=None)

        def update(stage: str, *args) -> None:
            progress.update(task, description={"load": "loading articles", "clean": "cleaning",
                                                "split": "splitting sentences", "themes": "grouping themes",
                                                "select": "ranking sentences", "enrich": "enriching",
                                                "render": "rendering"}.get(stage, stage))
        yield update


def _build(paths: Optional[List[Path]], options: Options, quiet: bool) -> Result:
    """Run build_brief, turning user mistakes into one error line and an exit code."""
    for path in paths or []:
        if not str(path).startswith(("http:/", "https:/")) and not path.exists():
            raise fail(f"{path}: no such file or folder", EXIT_NO_INPUT)
    try:
        with _progress(quiet) as progress:
            result = build_brief(paths or None, options, progress=progress)
    except ConfigError as error:
        raise fail(str(error), EXIT_USAGE) from None
    except BuildError as error:
        raise fail(str(error), EXIT_NO_INPUT) from None
    for problem in result.problems:
        warn(str(problem))
    if not quiet:
        for line in result.notes:
            err.print(f"briefs: note: {line}", markup=False)
    return result


def _undated(value: str) -> str:
    if value not in ("include", "exclude"):
        raise fail(f"--undated {value!r}: use include or exclude", EXIT_USAGE)
    return value


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
    folder = corpus_folder(paths or default_paths())
    try:
        settings = resolve(folder, {"audience": audience, "method": method, "out": str(out) if out else None,
                                    "formats": format.split(",") if format else None})
    except ConfigError as error:
        raise fail(str(error), EXIT_USAGE) from None
    formats = [f.strip() for f in settings.values["formats"] if f.strip()]
    bad = [f for f in formats if f not in render.FORMATS]
    if bad or not formats:
        raise fail(f"unknown format {(bad or [''])[0]!r}; valid formats: {', '.join(render.FORMATS)}", EXIT_USAGE)
    chosen_method = settings.values["method"]
    _check_method(chosen_method)
    out_dir = Path(settings.values["out"])
    options = Options(audience=audience, method=chosen_method, subject=subject, date=_date(date, "--date"),
                      templates=templates, week=week, since=_date(since, "--since"), until=_date(until, "--until"),
                      undated=_undated(undated), previous=previous, out=out_dir, cache=not no_cache, workers=workers)
    result = _build(paths, options, quiet)
    if explain:
        _explain(result.dropped)
    try:
        written = render.render(result.brief, result.audience, out_dir, output_stem(result.brief), formats)
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
            err.print(f"      e.g. {drop.text[:100]!r} ({Path(drop.path).name})", markup=False)


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
    plain: bool = typer.Option(False, "--plain", help="Plain text, no colours or escape codes."),
    as_json: bool = typer.Option(False, "--json", help="Print the JSON brief."),
    width: Optional[int] = typer.Option(None, "--width", min=20, help="Wrap at this many columns."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress display."),
) -> None:
    """Print the brief in the terminal (the same brief `build` writes).

    Example: briefs summary articles/ --plain | less
    """
    folder = corpus_folder(paths or default_paths())
    try:
        settings = resolve(folder, {"audience": audience, "method": method})
    except ConfigError as error:
        raise fail(str(error), EXIT_USAGE) from None
    _check_method(settings.values["method"])
    options = Options(audience=audience, method=settings.values["method"], subject=subject,
                      date=_date(date, "--date"), templates=templates, week=week, since=_date(since, "--since"),
                      until=_date(until, "--until"), undated=_undated(undated), cache=False)
    result = _build(paths, options, quiet)
    if as_json:
        typer.echo(json.dumps(result.brief.to_dict(), indent=2, ensure_ascii=False))
        return
    from .. import terminal

    no_colour = plain or bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty()
    console = Console(file=sys.stdout, width=width, no_color=no_colour, highlight=False, emoji=False,
                      force_terminal=False if no_colour else None, color_system=None if no_colour else "auto")
    terminal.show(result.brief, result.audience.get("labels", {}), console)


@app.command()
def summarize(
    file: str = typer.Argument(..., help="A text file, or - for standard input."),
    sentences: int = typer.Option(5, "--sentences", "-n", min=1, help="How many sentences to keep."),
    method: str = typer.Option("default", "--method", "-m", help="Ranking method: default, a sumy name, or sumy:<name>."),
) -> None:
    """Print an extractive summary of one document, one sentence per line, in document order.

    Example: briefs summarize article.txt --sentences 3 --method textrank
    """
    from ..load import LoadError, read_text
    from ..summarize import summarize as summarize_text

    _check_method(method)
    if file == "-":
        text = sys.stdin.read()
    else:
        path = Path(file)
        if not path.is_file():
            raise fail(f"{file}: no such file", EXIT_NO_INPUT)
        try:
            text = read_text(path)
        except (LoadError, OSError) as error:
            raise fail(f"{file}: {error}", EXIT_NO_INPUT) from None
    for sentence in summarize_text(text, sentences, method):
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
    path = folder / CORPUS_FILE
    if path.exists() and not force:
        raise fail(f"{path} already exists (use --force to overwrite)", EXIT_USAGE)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        render.write_atomic(path, INIT_TEMPLATE.format(name=subject.replace('"', "'")).encode())
    except OSError as error:
        raise fail(f"{path}: cannot write ({error.strerror})", EXIT_OUTPUT) from None
    typer.echo(str(path))


@app.command()
def config(
    paths: List[Path] = typer.Argument(None, help="Corpus files or folders (default: the embedded sample corpus)."),
    audience: str = typer.Option("", "--audience", "-a", help="As for build."),
    method: Optional[str] = typer.Option(None, "--method", "-m", help="As for build."),
) -> None:
    """Show each resolved setting and where it came from.

    Example: briefs config articles/
    """
    try:
        settings = resolve(corpus_folder(paths or default_paths()), {"audience": audience, "method": method})
    except ConfigError as error:
        raise fail(str(error), EXIT_USAGE) from None
    for key, value in settings.values.items():
        shown = ", ".join(value) if isinstance(value, list) else value
        typer.echo(f"{key} = {shown}\t({settings.origin[key]})")


def _terminate(signum, frame):  # noqa: ARG001 (signal handler signature)
    raise KeyboardInterrupt


def main() -> None:
    """Console-script entry point: run the app, turning any unexpected error into one line."""
    if "--debug" in sys.argv[1:]:
        _state["debug"] = True
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
            err.print(f"briefs: error: {error.format_message()} (see '{command} --help')", markup=False)
            sys.exit(EXIT_USAGE)
        if type(error).__name__ == "Abort":
            err.print("briefs: interrupted", markup=False)
            sys.exit(EXIT_INTERRUPTED)
        if _state["debug"]:
            raise
        err.print(f"briefs: error: {type(error).__name__}: {error} (rerun with --debug for the traceback)", markup=False)
        sys.exit(EXIT_ERROR)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
