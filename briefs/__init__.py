"""briefs: turn a week of news articles into a cited, extractive investor brief."""

from importlib.metadata import PackageNotFoundError, version

from .summarize import summarize

try:
    __version__ = version("briefs")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"


def build_brief(*args, **kwargs):
    """Return the Brief for a corpus (see `briefs.build.build_brief`)."""
    from .build import build_brief as _build_brief

    return _build_brief(*args, **kwargs)


__all__ = ["build_brief", "summarize", "__version__"]
