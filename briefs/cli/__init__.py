"""The `briefs` command: a thin shell over the library. Results on stdout, diagnostics on stderr."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from .. import __version__, rank, render
from ..build import BuildError, Options, build_brief, output_stem
from ..config import ConfigError

# Exit codes (documented in the README).
EXIT_OK = 0
EXIT_ERROR = 1        # unexpected internal error (rerun with --debug)
EXIT_USAGE = 2        # bad option value, unknown audience/method/format, bad config
EXIT_NO_INPUT = 3     # no readable article, or none about the subject
EXIT_OUTPUT = 4       # template error or cannot write the output

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Turn a week of news articles into a cited, extractive investor brief.")
err = Console(stderr=True, highlight=False, soft_wrap=True)

from . import templates as _templates  # noqa: E402 (sub-command group)

app.add_typer(_templates.app, name="templates")


def fail(message: str, code: int) -> typer.Exit:
    """Print one error line on stderr and return the Exit to raise."""
    err.print(f"briefs: error: {message}", markup=False)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefs {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Turn a week of news articles into a cited, extractive investor brief."""


def _date(value: Optional[str]) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"--date {value!r} is not a date like 2026-11-16", EXIT_USAGE) from None


@app.command()
def build(
    paths: List[Path] = typer.Argument(None, help="Article files or folders (default: the embedded sample corpus)."),
    audience: str = typer.Option("", "--audience", "-a", help="Audience (templates/<name>); default from briefs.toml, else investor."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Folder for the written briefs."),
    format: str = typer.Option("md,pdf,json", "--format", "-f", help="Comma-separated: md,pdf,json,html."),
    method: str = typer.Option("default", "--method", "-m", help="Ranking method: default, a sumy name, or sumy:<name>."),
    subject: str = typer.Option("", "--subject", "-s", help="Subject of the brief (default: from briefs.toml)."),
    date: Optional[str] = typer.Option(None, "--date", help="Brief date YYYY-MM-DD (default: newest article date)."),
    templates: Optional[Path] = typer.Option(None, "--templates", help="Folder of your own audiences, searched first."),
    explain: bool = typer.Option(False, "--explain", help="List what was dropped while cleaning, by reason."),
) -> None:
    """Build a brief and print the path of each written file.

    Example: briefs build articles/ --audience investor --format md,pdf
    """
    formats = [f.strip() for f in format.split(",") if f.strip()]
    bad = [f for f in formats if f not in render.FORMATS]
    if bad or not formats:
        raise fail(f"unknown format {(bad or [''])[0]!r}; valid formats: {', '.join(render.FORMATS)}", EXIT_USAGE)
    try:
        rank.check(method)
    except rank.UnknownMethod as error:
        raise fail(str(error), EXIT_USAGE) from None
    options = Options(audience=audience, method=method, subject=subject, date=_date(date), templates=templates)
    try:
        result = build_brief(paths or None, options)
    except ConfigError as error:
        raise fail(str(error), EXIT_USAGE) from None
    except BuildError as error:
        raise fail(str(error), EXIT_NO_INPUT) from None
    for problem in result.problems:
        err.print(f"briefs: warning: {problem}", markup=False)
    if explain:
        _explain(result.dropped)
    try:
        written = render.render(result.brief, result.audience, out, output_stem(result.brief), formats)
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

    try:
        rank.check(method)
    except rank.UnknownMethod as error:
        raise fail(str(error), EXIT_USAGE) from None
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


def main() -> None:
    """Console-script entry point: run the app, turning any unexpected error into one line."""
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        err.print("briefs: interrupted", markup=False)
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as error:  # last resort: one line, the traceback only with --debug
        if debug:
            raise
        err.print(f"briefs: error: {type(error).__name__}: {error} (rerun with --debug for details)", markup=False)
        sys.exit(EXIT_ERROR)
