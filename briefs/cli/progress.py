"""A progress bar on stderr for builds worth waiting for; silent for small ones, pipes and --quiet."""

from __future__ import annotations

import threading

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

# Shown at once from this many files: reading and cleaning them takes seconds.
SHOW_FROM_FILES = 50
# Otherwise shown once a build has run this long; a quicker one never flickers a bar.
SHOW_AFTER_SECONDS = 1.0

# What each stage of build_brief (and rendering) is doing, in the reader's words.
STAGES = {
    "load": "Finding articles",
    "read": "Reading and cleaning articles",
    "clean": "Cleaning the corpus",
    "split": "Splitting sentences",
    "themes": "Grouping themes",
    "select": "Ranking sentences",
    "enrich": "Figures, sentiment, sources",
    "fit": "Fitting the page limit",
    "render": "Writing the brief",
}


class StageProgress:
    """The `progress` callback of build_brief: `(stage)` or `(stage, done, total)` moves the bar.

    Used as a context manager; the bar appears once the corpus has more than SHOW_FROM_FILES
    files or the build has taken SHOW_AFTER_SECONDS, and is erased when the build ends.
    """

    def __init__(self, console: Console, from_files: int | None = None, after: float | None = None):
        self.from_files = SHOW_FROM_FILES if from_files is None else from_files
        self.after = SHOW_AFTER_SECONDS if after is None else after
        self._bar = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[count]}"),
                             TimeElapsedColumn(), console=console, transient=True,
                             redirect_stdout=False)  # results stay on stdout, even mid-build
        self._task = self._bar.add_task(STAGES["load"], total=None, count="")
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self.shown = False
        self._closed = False

    def __enter__(self) -> StageProgress:
        self._timer = threading.Timer(self.after, self.show)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._closed = True
            if self.shown:
                self._bar.stop()

    def show(self) -> None:
        """Start drawing the bar (once; never after the build has ended)."""
        with self._lock:
            if not self.shown and not self._closed:
                self.shown = True
                self._bar.start()

    def __call__(self, stage: str, done: int | None = None, total: int | None = None) -> None:
        counted = isinstance(done, int) and isinstance(total, int)
        self._bar.update(self._task, description=STAGES.get(stage, stage), completed=done if counted else 0,
                         total=total if counted else None, count=f"{done}/{total}" if counted else "")
        if counted and total > self.from_files:
            self.show()
