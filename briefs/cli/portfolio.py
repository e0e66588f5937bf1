"""`briefs portfolio`: every subject of a PORTFOLIO.toml, on a local process pool or a Dask cluster."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def portfolio(
    file: Path = typer.Argument(..., help="The PORTFOLIO.toml: news folders and [[subject]] tables."),
    week: Optional[str] = typer.Option(None, "--week", help="ISO week like 2026-W47, or 'last' (the last complete week)."),
    since: Optional[str] = typer.Option(None, "--since", help="Only articles dated on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Only articles dated on or before YYYY-MM-DD."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Folder for the overview; each subject's files go in OUT/<subject>/."),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="Comma-separated: md,pdf,json,html (default: md,pdf,json)."),
    audience: str = typer.Option("", "--audience", "-a", help="Audience for every subject (default: the portfolio's, per subject)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="'local' (a Dask LocalCluster) or a scheduler address tcp://host:8786; default: a local process pool."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1, help="Processes (pool or LocalCluster; default: cores, or 2 for local)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress lines."),
) -> None:
    """Build every subject's brief and the week's overview; print each written path, one per line.

    Example: briefs portfolio coverage/PORTFOLIO.toml --week last --scheduler tcp://127.0.0.1:8786
    """
    from .. import portfolio as engine
    from .. import render
    from ..audience import load_audience, template_roots
    from ..build import BuildError
    from ..config import ConfigError
    from ..period import PeriodError, window
    from .. import exitcodes as codes
    from . import _date, fail, say

    try:
        chosen = engine.read_portfolio(file)
    except engine.PortfolioError as error:
        raise fail(str(error), codes.USAGE) from None
    for path in chosen.news:
        if not path.exists():
            raise fail(f"{path}: no such file or folder (news in {file}); paths are relative to the portfolio file",
                       codes.NO_INPUT)
    formats = [f.strip().lower() for f in (format.split(",") if format else ["md", "pdf", "json"]) if f.strip()]
    bad = [f for f in formats if f not in render.FORMATS]
    if bad or not formats:
        raise fail(f"unknown format {(bad or [''])[0]!r}; use any of {', '.join(render.FORMATS)}, comma-separated",
                   codes.USAGE)
    start, end = _date(since, "--since"), _date(until, "--until")
    try:
        window(week, start, end)
    except PeriodError as error:
        raise fail(str(error), codes.USAGE) from None
    for name in sorted({audience or e.audience for e in chosen.entries} - {""}):
        try:
            load_audience(name, template_roots())
        except ConfigError as error:
            raise fail(f"{error} (in {file})" if not audience else str(error), codes.USAGE) from None
    if scheduler is not None and scheduler != "local" and "://" not in scheduler:
        raise fail(f"--scheduler {scheduler!r}: use local, or a scheduler address like tcp://host:8786", codes.USAGE)
    job = engine.Job(news=chosen.news, out=out, formats=tuple(dict.fromkeys(formats)), audience=audience,
                     week=week, since=start, until=end)

    def report(outcome: engine.Outcome) -> None:
        if outcome.error:
            say("error", f"{outcome.name}: {outcome.error}")
        elif not quiet:
            say("note", f"{outcome.name}: {len(outcome.written)} file(s) in {out / outcome.slug}")

    try:
        outcomes, problems = engine.run(chosen, job, scheduler, workers, each=report)
    except ConfigError as error:
        raise fail(str(error), codes.USAGE) from None
    except BuildError as error:
        raise fail(str(error), codes.NO_INPUT) from None
    for problem in problems:
        say("warning", problem)
    for outcome in outcomes:
        for path in outcome.written:
            typer.echo(path)
    try:
        index = engine.write_overview(engine.overview(outcomes, job, chosen), job, chosen)
    except render.RenderError as error:
        raise fail(str(error), codes.OUTPUT) from None
    for path in index:
        typer.echo(str(path))
    failed = [o.name for o in outcomes if o.error]
    if failed:
        say("error", f"{len(failed)} of {len(outcomes)} subject(s) failed: {', '.join(failed)}")
        raise typer.Exit(codes.SUBJECTS_FAILED)
