"""briefs: turn a week of news articles into a cited, extractive investor brief."""

from importlib.metadata import PackageNotFoundError, version

from .summarize import summarize

try:
    __version__ = version("briefs")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"


def build_brief(paths=None, options=None, **settings):
    """Return the Brief for the articles under `paths` (default: the embedded seeds).

    `brief.to_dict()` is the JSON brief `briefs build` writes: settings not given are resolved as
    the CLI resolves them (briefs.toml files, the audience, the `out` folder where the previous
    brief is found), and the brief is cut to the audience's page limit. Options come as a
    `briefs.build.Options` or as its fields by keyword (`audience=`, `method=`, `week=`, `out=`,
    `cache=`…). `briefs.build.build_brief` returns the fuller `Result` (brief, audience, problems, drops).
    """
    from dataclasses import replace

    from .build import Options
    from .build import build_brief as _build_brief

    options = replace(options or Options(), **settings)
    return _build_brief(paths, options).brief


__all__ = ["build_brief", "summarize", "__version__"]
