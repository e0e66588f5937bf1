"""The `briefs` command: a thin shell over the library. Results on stdout, diagnostics on stderr.

Exit codes: `briefs.exitcodes` (docs/cli.md shows the same table). Every setting is resolved by
the library (`build.resolve_options`), so `briefs build` and `briefs.build_brief` build one brief.
The stages are imported inside the commands, so `--help` and `--version` stay quick.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, List, Optional

import typer
from rich.console import Console

from .. import __version__
from .. import exitcodes as codes
from .._entry import INTERRUPTED, handle_termination
from ..config import CORPUS_FILE, ConfigError, init_text
from ._messages import err, fail, say, warn

if TYPE_CHECKING:
    from ..build import Options, Resolved, Result

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None)  # help: main_options
_state = {"debug": False}

from . import templates as _templates  # noqa: E402 (sub-command group)

app.add_typer(_templates.app, name="templates")

# The options `build`, `summary` and `config` share, each declared once: name → (type and option, default).
SHARED: dict[str, tuple[object, object]] = {
    "paths": (Annotated[Optional[List[Path]], typer.Argument(
        help="Article files or folders (default: the embedded sample corpus).", metavar="PATH",
        show_default=False)], None),
    "audience": (Annotated[str, typer.Option(
        "--audience", "-a", help="Audience (templates/<name>); default from briefs.toml, else investor.")], ""),
    "method": (Annotated[Optional[str], typer.Option(
        "--method", "-m", help="Ranking method: default, a sumy name, or sumy:<name>.")], None),
    "out": (Annotated[Optional[Path], typer.Option(
        "--out", "-o", help="Folder for the written briefs, where the previous brief is found (default: out).")],
        None),
    "format": (Annotated[Optional[str], typer.Option(
        "--format", "-f", help="Comma-separated: md,pdf,json,html (default: md,pdf,json).")], None),
    "subject": (Annotated[str, typer.Option(
        "--subject", "-s", help="Subject of the brief (default: from briefs.toml).")], ""),
    "date": (Annotated[Optional[str], typer.Option(
        "--date", help="Brief date YYYY-MM-DD (default: newest article date).")], None),
    "templates": (Annotated[Optional[Path], typer.Option(
        "--templates", help="Folder of your own audiences, searched first.")], None),
    "week": (Annotated[Optional[str], typer.Option(
        "--week", help="ISO week like 2026-W47, or 'last' (the last complete week).")], None),
    "since": (Annotated[Optional[str], typer.Option(
        "--since", help="Only articles dated on or after YYYY-MM-DD.")], None),
    "until": (Annotated[Optional[str], typer.Option(
        "--until", help="Only articles dated on or before YYYY-MM-DD.")], None),
    "undated": (Annotated[str, typer.Option(
        "--undated", help="Undated articles: include (marked) or exclude.")], "include"),
    "previous": (Annotated[Optional[Path], typer.Option(
        "--previous", help="Previous JSON brief (default: found in --out).")], None),
    "no_cache": (Annotated[bool, typer.Option("--no-cache", help="Do not read or write the incremental cache.")],
                 False),
    "quiet": (Annotated[bool, typer.Option("--quiet", "-q", help="No progress display or notes.")], False),
}


from . import portfolio as _portfolio  # noqa: E402 (a command of its own file)

app.command(name="portfolio")(_portfolio.portfolio)


def _shared(*names: str):
    """Return a decorator giving a command the SHARED options `names`, passed to it as one dict first.

    typer reads a command's parameters from its signature, so the wrapper's signature is the
    shared parameters followed by the command's own.
    """
    def decorate(command):
        own = list(inspect.signature(command, eval_str=True).parameters.values())[1:]
        shared = [inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=SHARED[name][0],
                                    default=SHARED[name][1]) for name in names]

        @functools.wraps(command)
        def run(**values):
            return command({name: values.pop(name) for name in names}, **values)

        run.__signature__ = inspect.Signature(shared + own)
        run.__annotations__ = {p.name: p.annotation for p in shared + own}
        del run.__wrapped__  # typer must see the wrapper's signature, not the command's
        return run

    return decorate


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
        raise fail(f"{flag} {value!r} is not a date; write it like 2026-11-16", codes.USAGE) from None


def _existing(paths: Optional[List[Path]]) -> List[Path]:
    """Return the paths to read (default: the embedded seeds); a missing one is one error line."""
    from ..build import default_paths

    for path in paths or []:
        if not str(path).startswith(("http:/", "https:/")) and not path.exists():
            raise fail(f"{path}: no such file or folder; give article files or folders that hold them",
                       codes.NO_INPUT)
    return list(paths) if paths else default_paths()


def _resolved(paths: List[Path], options: Options) -> Resolved:  # for `config`: build_brief resolves its own
    """Return the library's resolution of every setting; a bad value is one error line (exit 2)."""
    from ..build import resolve_options

    try:
        return resolve_options(paths, options)
    except ConfigError as error:
        raise fail(str(error), codes.USAGE) from None


def _options(flags: dict, workers: Optional[int] = None) -> Options:
    """Return build Options from command-line values, each checked (a bad one is one error line)."""
    from ..build import Options
    from ..period import PeriodError, window

    undated, previous, week = flags.get("undated", "include"), flags.get("previous"), flags.get("week")
    if undated not in ("include", "exclude"):
        raise fail(f"--undated {undated!r}: use include or exclude", codes.USAGE)
    day, start, end = (_date(flags.get(k), f"--{k}") for k in ("date", "since", "until"))
    try:
        window(week, start, end, today=day)
    except PeriodError as error:
        raise fail(str(error), codes.USAGE) from None
    if previous is not None and not previous.is_file():
        what = "not a regular file" if previous.exists() else "no such file"
        raise fail(f"--previous {previous}: {what}; give a JSON brief that build wrote", codes.USAGE)
    formats = flags.get("format")
    return Options(audience=flags.get("audience", ""), method=flags.get("method"), subject=flags.get("subject", ""),
                   date=day, templates=flags.get("templates"), week=week, since=start, until=end, undated=undated,
                   previous=previous, out=flags.get("out"), cache=not flags.get("no_cache", False), workers=workers,
                   formats=formats.split(",") if formats else None)


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
    from ..render import RenderError

    try:
        result = build_brief(paths, options, progress=progress)
    except ConfigError as error:
        raise fail(str(error), codes.USAGE) from None
    except BuildError as error:
        for problem in error.problems:  # when every file failed, these are why
            warn(str(problem))
        raise fail(str(error), codes.NO_INPUT) from None
    except RenderError as error:  # fitting to the audience's page limit renders its templates
        raise fail(str(error), codes.OUTPUT) from None
    for problem in result.problems:
        warn(str(problem))
    if not quiet:
        for line in result.notes:
            say("note", line)
    return result


@app.command()
@_shared("paths", "audience", "out", "format", "method", "subject", "date", "templates", "week", "since", "until",
         "undated", "previous", "no_cache", "quiet")
def build(
    flags: dict,
    workers: Annotated[Optional[int], typer.Option(
        "--workers", min=1, help="Processes for per-file work (default: cores).")] = None,
    explain: Annotated[bool, typer.Option("--explain", help="List on stderr what cleaning dropped, by reason.")] = False,
    explain_file: Annotated[Optional[Path], typer.Option(
        "--explain-file", help="Write every dropped passage to this file as JSON lines (file, reason, text, stage).")] = None,
) -> None:
    """Build a brief and print the path of each written file, one per line.

    Example: briefs build articles/ --week last --audience executive --format md,pdf
    """
    from .. import render
    from ..build import output_stem

    paths, quiet = _existing(flags["paths"]), flags["quiet"]
    options = _options(flags, workers)
    with _progress(quiet) as progress:
        result = _build(paths, options, quiet, progress)
        if explain:
            _explain(result.dropped)
        if explain_file is not None:  # the audit trail of every loss
            from ..explain import write_drops

            try:
                write_drops(result.dropped, explain_file)
            except OSError as error:
                raise fail(f"cannot write {explain_file}: {error.strerror or error}", codes.OUTPUT) from None
        if progress:
            progress("render")
        try:
            written = render.render(result.brief, result.audience, result.options.out, output_stem(result.brief),
                                    result.options.formats, fitted=result.fitted)
        except render.RenderError as error:
            raise fail(str(error), codes.OUTPUT) from None
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
@_shared("paths", "audience", "method", "subject", "date", "templates", "week", "since", "until", "undated", "out",
         "previous", "no_cache", "quiet")
def summary(
    flags: dict,
    plain: Annotated[bool, typer.Option(
        "--plain", help="Plain text, no colours or escape codes (also for pipes and NO_COLOR).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON brief instead.")] = False,
    width: Annotated[Optional[int], typer.Option(
        "--width", min=20, help="Wrap at this many columns (default: the terminal's, 80 in a pipe).")] = None,
) -> None:
    """Print the brief in the terminal: the same brief `build` writes, without writing files.

    Example: briefs summary articles/ --week last --plain | less
    """
    from .. import terminal

    paths, quiet = _existing(flags["paths"]), flags["quiet"]
    with _progress(quiet) as progress:
        result = _build(paths, _options(flags), quiet, progress)
    if as_json:
        from ..printable import json_printable

        typer.echo(json_printable(json.dumps(result.brief.to_dict(), indent=2, ensure_ascii=False)))
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
    from ..load import LoadError, read_stream, read_text
    from ..printable import printable
    from ..summarize import summarize as summarize_text

    try:
        rank.check(method)
    except rank.UnknownMethod as error:
        raise fail(str(error), codes.USAGE) from None
    texts = []
    for file in files:
        try:
            if file == "-":
                texts.append(read_stream(getattr(sys.stdin, "buffer", sys.stdin)))
                continue
            path = Path(file)
            if not path.exists():
                raise fail(f"{file}: no such file", codes.NO_INPUT)
            texts.append(read_text(path))
        except (LoadError, OSError) as error:
            raise fail(f"{'standard input' if file == '-' else file}: {error}", codes.NO_INPUT) from None
    for sentence in summarize_text(texts[0] if len(texts) == 1 else texts, sentences, method):
        typer.echo(printable(sentence, one_line=True))  # scraped text: no escape sequence reaches the terminal


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
        raise fail(f"{folder} is a file; give the folder that holds the articles", codes.USAGE)
    if path.exists() and not force:
        raise fail(f"{path} already exists; edit it, or use --force to overwrite it", codes.USAGE)
    try:
        write_atomic(path, init_text(subject).encode())
    except OSError as error:
        raise fail(f"{path}: cannot write ({error.strerror})", codes.OUTPUT) from None
    typer.echo(str(path))


@app.command()
@_shared("paths", "audience", "method", "out", "format", "templates")
def config(flags: dict) -> None:
    """Show each resolved setting and where it came from: default, a briefs.toml, the audience, or a flag.

    Example: briefs config articles/ --audience executive
    """
    resolved = _resolved(_existing(flags["paths"]), _options(flags))
    settings, chosen = resolved.settings, resolved.audience
    for label, path in settings.files:
        typer.echo(f"# {label}: {path}{'' if path.is_file() else ' (none)'}")
    typer.echo(f"# audience folders: {', '.join(str(f) for f in chosen.folders)}")
    for key, value in settings.values.items():
        if key == "themes":
            continue
        shown = ", ".join(value) if isinstance(value, list) else value
        typer.echo(f"{key} = {shown}\t({settings.origin[key]})")
    themes = chosen.settings.get("themes", [])  # briefs.toml [[themes]] already applied by the library
    where = f"audience {chosen.name}" + (f" + {settings.origin['themes']}" if settings.values["themes"] else "")
    typer.echo(f"themes = {', '.join(t['name'] for t in themes)}\t({where})")


# A bare `briefs` raises this usage error; typer (which vendors click as typer._click) gives it
# no public name, so it is recognised by class name. Other usage errors are typer.TyperException.
_NO_ARGS_IS_HELP = "NoArgsIsHelpError"


def main() -> None:
    """Console-script entry point: run the app, turning any unexpected error into one line."""
    # Seen before parsing, so a traceback is shown even when parsing the rest fails.
    _state["debug"] = "--debug" in sys.argv[1:]
    handle_termination()  # already done by the console script; again for callers of this function
    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        err.print(INTERRUPTED, markup=False)
        sys.exit(codes.INTERRUPTED)
    except SystemExit:
        raise
    except typer.Exit as done:
        if isinstance(done.__cause__, KeyboardInterrupt):  # typer turns Ctrl-C/SIGTERM into a silent Exit(130)
            err.print(INTERRUPTED, markup=False)
        sys.exit(done.exit_code)
    except typer.Abort:
        err.print(INTERRUPTED, markup=False)
        sys.exit(codes.INTERRUPTED)
    except typer.TyperException as error:
        if type(error).__name__ == _NO_ARGS_IS_HELP:
            typer.echo(error.ctx.get_help())
            sys.exit(codes.OK)
        # click's usage errors (unknown option, missing argument): one line, not a usage block
        command = getattr(getattr(error, "ctx", None), "command_path", "briefs")
        say("error", f"{error.format_message()} (see '{command} --help')")
        sys.exit(codes.USAGE)
    except Exception as error:  # noqa: BLE001 (last resort: one line, the traceback only with --debug)
        if _state["debug"]:
            raise
        say("error", f"{type(error).__name__}: {error} (rerun with --debug for the traceback)")
        sys.exit(codes.ERROR)
    if code == codes.INTERRUPTED:  # typer turns Ctrl-C/SIGTERM inside a command into a silent 130
        err.print(INTERRUPTED, markup=False)
    sys.exit(code if isinstance(code, int) else codes.OK)
