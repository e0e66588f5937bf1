"""What each exit code of `briefs` means: the one table the CLI uses and docs/cli.md shows."""

from __future__ import annotations

OK = 0
ERROR = 1          # unexpected internal error: a bug (rerun with --debug for the traceback)
USAGE = 2          # bad option value; unknown audience, method or format; a bad briefs.toml
NO_INPUT = 3       # a missing path, no readable article, none about the subject or in the period
OUTPUT = 4         # a template error (or one that runs too long), or the output cannot be written
SUBJECTS_FAILED = 5  # briefs portfolio: some subjects failed (each named on stderr); the others were written
INTERRUPTED = 130  # Ctrl-C or SIGTERM (128 + SIGINT, the shell's convention); nothing half-written

MEANINGS = {
    OK: "success",
    ERROR: "internal error: a bug; `briefs --debug …` shows the traceback",
    USAGE: "usage or configuration",
    NO_INPUT: "no input",
    OUTPUT: "output",
    SUBJECTS_FAILED: "some portfolio subjects failed",
    INTERRUPTED: "interrupted",
}
