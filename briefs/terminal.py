"""The brief in a terminal: rich output for people, plain text for pipes.

Scraped text only ever enters rich as `Text` objects, never as markup, and loses its control
characters first: `[bold]` or an ANSI escape inside an article prints as the characters it is.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from typing import Any, TextIO

from rich import box
from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .model import Brief, Sentence
from .printable import printable as literal  # the one home of terminal-safe text
from .render import cites

# Width of plain output when nothing says otherwise (a pipe has no width): the classic terminal.
PLAIN_WIDTH = 80


def wants_plain(stream: TextIO, plain: bool = False) -> bool:
    """Return True when output must carry no escape codes: asked for, NO_COLOR set, a dumb terminal, or a pipe."""
    if plain or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return True
    isatty = getattr(stream, "isatty", None)
    return not (callable(isatty) and isatty())


def _sentences(sentences: list[Sentence], reported: str) -> Table:
    """Return the sentences as bullets whose wrapped lines stay indented under the text."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for sentence in sentences:
        line = Text(literal(sentence.text), style="" if sentence.new else "dim")
        line.append(" " + cites(sentence.sources), style="cyan")
        if not sentence.new:
            line.append(f" ({reported})", style="dim italic")
        grid.add_row(Text(" •"), line)
    return grid


def _when(brief: Brief) -> str:
    start, end = brief.period.start, brief.period.end
    dates = f"{start} to {end}" if start and end and start != end else (end or start or "undated")
    return f"{brief.week} ({dates})" if brief.week else dates


def _header(brief: Brief) -> Text:
    stats = brief.stats
    header = Text(literal(brief.title), style="bold")
    details = [literal(brief.subject), _when(brief)]
    if "articles" in stats:
        details.append(f"{stats.get('articles_used', stats['articles'])} of {stats['articles']} articles used")
    details.append(f"{len(brief.sources)} source{'s' if len(brief.sources) != 1 else ''} cited")
    if brief.previous:
        details.append(f"compared with {literal(brief.previous)}")
    header.append("\n" + " · ".join(details), style="dim")
    return header


def _heading(text: str) -> Text:
    return Text(literal(text), style="bold blue")


def _figures(brief: Brief, labels: Mapping[str, str]) -> Table:
    table = Table(title=_heading(labels.get("figures", "Key figures")), title_justify="left", box=box.SIMPLE_HEAD,
                  show_edge=False, header_style="bold", pad_edge=False)
    table.add_column(Text(literal(labels.get("figure", "Figure"))), no_wrap=True)
    table.add_column(Text(literal(labels.get("measures", "What it measures"))))
    table.add_column(Text(literal(labels.get("source", "Source"))), style="cyan", no_wrap=True)
    for figure in brief.figures:
        # Cells are Text, never str: a str cell would be parsed as rich markup.
        table.add_row(Text(literal(figure.value)), Text(literal(figure.label)), Text(cites(figure.sources)))
    return table


def _sources(brief: Brief) -> Group:
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(justify="right", no_wrap=True, style="cyan")
    grid.add_column()
    for source in brief.shown_sources:
        line = Text(literal(source.title or source.path.replace("\\", "/").rsplit("/", 1)[-1]))
        details = ", ".join(literal(x) for x in (source.publisher, source.date or "undated", source.url) if x)
        line.append(f" — {details}", style="dim")
        grid.add_row(Text(f"[{source.id}]"), line)
    hidden = len(brief.sources) - len(brief.shown_sources)
    if not hidden:
        return Group(grid)
    return Group(grid, Text(f"{hidden} more sources reported the same facts; the JSON brief lists every one.",
                            style="dim italic"))


def _renderables(brief: Brief, settings: Mapping[str, Any] | None = None) -> list:
    """Return the brief as rich renderables: header, summary, themes, figures, sentiment, entities, sources.

    `settings` are the audience's (its `labels` and `sections`), so the terminal shows what the
    audience's written brief shows.
    """
    settings = settings or {}
    labels: Mapping[str, str] = settings.get("labels", {})
    sections: Mapping[str, bool] = settings.get("sections", {})

    def shown(name: str) -> bool:
        return bool(sections.get(name, True))  # a section is on unless the audience turns it off

    reported = labels.get("reported", "reported before")
    parts: list = [_header(brief), Rule(style="dim")]
    if brief.summary and shown("summary"):
        parts += [_heading(labels.get("summary", "Executive summary")), _sentences(brief.summary, reported), Text()]
    for theme in brief.themes:
        title = _heading(theme.name)
        if theme.sentiment and shown("sentiment"):
            colour = {"positive": "green", "negative": "red"}.get(theme.sentiment.label, "yellow")
            title.append(f" · {theme.sentiment.label} {theme.sentiment.score:+.2f}", style=colour)
        if shown("counts"):
            title.append(f" · {theme.sentence_count} sentences from {theme.article_count} "
                         f"article{'s' if theme.article_count != 1 else ''}", style="dim")
        parts += [title, _sentences(theme.sentences, reported), Text()]
    if brief.figures and shown("figures"):
        parts += [_figures(brief, labels), Text()]
    if brief.sentiment and shown("sentiment"):
        line = Text(f"{literal(labels.get('sentiment', 'Sentiment'))}: ", style="bold")
        line.append(f"{brief.sentiment.label} ({brief.sentiment.score:+.2f}). ")
        line.append(literal(labels.get("method_note", "")), style="dim")
        parts += [line, Text()]
    if brief.entities and shown("entities"):
        line = Text(f"{literal(labels.get('entities', 'Who and what is mentioned'))}: ", style="bold")
        line.append(" · ".join(f"{literal(e.name)} ({e.count})" for e in brief.entities))
        parts += [line, Text()]
    if shown("sources"):
        parts += [_heading(labels.get("sources", "Sources")), _sources(brief)]
    return parts


def show(brief: Brief, console: Console, settings: Mapping[str, Any] | None = None) -> None:
    """Print the brief on a console (colours and styles as the console allows)."""
    console.print(Group(*_renderables(brief, settings)))


def plain(brief: Brief, settings: Mapping[str, Any] | None = None, width: int = PLAIN_WIDTH) -> str:
    """Return the brief as plain text wrapped at `width`: no escape codes, no trailing spaces."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, color_system=None, no_color=True,
                      highlight=False, emoji=False, markup=False, legacy_windows=False, soft_wrap=False)
    show(brief, console, settings)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
