"""The brief in a terminal: rich output for people, plain text for pipes.

Scraped text only ever enters rich as `Text` objects, never as markup, and loses its control
characters first: `[bold]` or an ANSI escape inside an article prints as the characters it is.
"""

from __future__ import annotations

import re

from rich.console import Console, Group
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .model import Brief, Sentence

# C0/C1 control characters (ESC among them) except tab and newline: never sent to a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def literal(text: object) -> str:
    """Return scraped text safe to print: control characters (ANSI escapes' ESC) made visible."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def _cites(ids: list[int]) -> str:
    return "".join(f"[{i}]" for i in ids)


def _sentence(s: Sentence) -> Text:
    line = Text(" • ")
    line.append(literal(s.text), style="" if s.new else "dim")
    line.append(" " + _cites(s.sources), style="cyan")
    return line


def renderables(brief: Brief, labels: dict[str, str]) -> list:
    """Return the rich renderables of the brief: header, summary, themes, figures, sources."""
    period = brief.period
    when = f"{period.start} to {period.end}" if period.start and period.start != period.end else (period.end or "undated")
    header = Text(literal(brief.title), style="bold")
    header.append(f"\n{literal(brief.subject)} · {when} · {brief.stats.get('articles_used', len(brief.sources))} "
                  f"articles used of {brief.stats.get('articles', 0)} · {len(brief.sources)} sources cited",
                  style="dim")
    parts: list = [header, Rule(style="dim")]
    if brief.summary:
        parts.append(Text(labels.get("summary", "Executive summary"), style="bold blue"))
        parts.extend(_sentence(s) for s in brief.summary)
        parts.append(Text(""))
    for theme in brief.themes:
        title = Text(literal(theme.name), style="bold blue")
        if theme.sentiment:
            colour = {"positive": "green", "negative": "red"}.get(theme.sentiment.label, "yellow")
            title.append(f"  {theme.sentiment.label} {theme.sentiment.score:+.2f}", style=colour)
        title.append(f"  {theme.sentence_count} sentences, {theme.article_count} sources", style="dim")
        parts.append(title)
        parts.extend(_sentence(s) for s in theme.sentences)
        parts.append(Text(""))
    if brief.figures:
        table = Table(title=labels.get("figures", "Key figures"), title_justify="left", title_style="bold blue",
                      show_edge=False, header_style="bold")
        table.add_column(labels.get("figure", "Figure"), no_wrap=True)
        table.add_column(labels.get("measures", "What it measures"))
        table.add_column(labels.get("source", "Source"), style="cyan")
        for figure in brief.figures:
            table.add_row(literal(figure.value), literal(figure.label), _cites(figure.sources))
        parts.extend([table, Text("")])
    if brief.sentiment:
        parts.append(Text(f"{labels.get('sentiment', 'Sentiment')}: {brief.sentiment.label} "
                          f"({brief.sentiment.score:+.2f}) — {labels.get('method_note', '')}", style="dim"))
        parts.append(Text(""))
    parts.append(Text(labels.get("sources", "Sources"), style="bold blue"))
    for source in brief.sources:
        line = Text(f"[{source.id}] ", style="cyan")
        line.append(literal(source.title or source.path.rsplit("/", 1)[-1]))
        details = ", ".join(literal(x) for x in (source.publisher, source.date or "undated", source.url) if x)
        line.append(f" — {details}", style="dim")
        parts.append(line)
    return parts


def show(brief: Brief, labels: dict[str, str], console: Console) -> None:
    """Print the brief on the console (plain when the console has no colour)."""
    console.print(Group(*renderables(brief, labels)))
