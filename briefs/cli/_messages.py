"""Diagnostics on stderr, one line each: `briefs: error: …`, `briefs: warning: …`, `briefs: note: …`."""

from __future__ import annotations

import typer
from rich.console import Console

err = Console(stderr=True, highlight=False, soft_wrap=True)


def say(kind: str, message: str) -> None:
    """Print one diagnostic line on stderr; a file name or scraped text in it cannot send escapes."""
    from ..printable import printable

    err.print(f"briefs: {kind}: {printable(message, one_line=True)}", markup=False)


def fail(message: str, code: int) -> typer.Exit:
    """Print one error line on stderr and return the Exit to raise."""
    say("error", message)
    return typer.Exit(code)


def warn(message: str) -> None:
    say("warning", message)
