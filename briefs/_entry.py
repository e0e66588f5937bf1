"""The console script's first code: SIGTERM and Ctrl-C handled before the slow imports begin.

`briefs.cli` imports typer and rich, which takes a moment; a SIGTERM in that moment (a service
manager stopping a job just started) must end like any other interrupt: one line, exit 130.
"""

from __future__ import annotations

import signal
import sys

from .exitcodes import INTERRUPTED as EXIT_INTERRUPTED

INTERRUPTED = "briefs: interrupted; no brief was changed"


def _terminate(signum, frame):  # noqa: ARG001 (signal handler signature)
    raise KeyboardInterrupt


def handle_termination() -> None:
    """Make SIGTERM unwind like Ctrl-C, so temporary files are removed and no brief is half-written."""
    signal.signal(signal.SIGTERM, _terminate)


def main() -> None:
    """Install the SIGTERM handler, then run the command line."""
    handle_termination()
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write(INTERRUPTED + "\n")
        sys.exit(EXIT_INTERRUPTED)
    run()
