"""Render a Brief through an audience's Jinja templates into Markdown, HTML, PDF and JSON files.

- `templating`: the sandboxed Jinja environment, escaping filters and the rendering budget;
- `assets`: the only files a stylesheet or PDF may read (the audience's template folders);
- `fit`: cutting a brief to its audience's page limit (the library calls it; see build.py);
- `pdf`: WeasyPrint layout, reproducible bytes, reuse of a PDF made from the same input;
- `write`: atomic file writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from ..audience import Audience
from ..model import Brief
from . import pdf
from .assets import locate_asset, stylesheet
from .templating import RenderError, cites, css_string, environment, escape_markdown, render_text, weblink
from .fit import Fitted, fit
from .pdf import prepare
from .write import write_atomic

FORMATS = ("md", "html", "pdf", "json")


def _pdf(fitted: Fitted, audience: Audience, env, target: Path) -> bytes:
    """Return the PDF of a fitted brief: reused, from its layout, or laid out now."""
    if fitted.pdf is not None:
        return fitted.pdf
    if fitted.document is not None:
        return pdf.pdf_bytes(fitted.document, pdf.identifier(fitted.key, fitted.cuts, fitted.overflow))
    html = render_text(fitted.brief, audience, "brief.html.j2", env)
    key = pdf.input_key(html, audience)
    previous = pdf.reusable(target, key)
    if previous is not None and previous[1:] == (0, 0):
        return previous[0]
    return pdf.pdf_bytes(pdf.layout(html, audience), pdf.identifier(key, 0, 0))


def render(brief: Brief, audience: Audience, out_dir: Path, stem: str, formats: Iterable[str] = FORMATS,
           notes: list[str] | None = None, fitted: Fitted | None = None) -> list[Path]:
    """Render every requested format in memory, then write them all; return the paths written.

    `fitted` is what build_brief's page fitting produced for this brief (its layout is reused).
    Without it, a brief is fitted here, and `notes` (when given) receives a line about any cut.
    """
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise RenderError(f"unknown format {unknown[0]!r}; valid formats: {', '.join(FORMATS)}")
    env = environment(audience)
    target = out_dir / f"{stem}.pdf"
    if fitted is None or fitted.brief is not brief:
        fitted = fit(brief, audience, env, reuse=target)
        if notes is not None and fitted.note:
            notes.append(fitted.note)
    brief = fitted.brief
    outputs: dict[str, bytes] = {}
    if "json" in formats:
        outputs["json"] = (json.dumps(brief.to_dict(), indent=2, ensure_ascii=False) + "\n").encode()
    if "md" in formats:
        outputs["md"] = render_text(brief, audience, "brief.md.j2", env).encode()
    if "html" in formats:
        outputs["html"] = (fitted.html or render_text(brief, audience, "brief.html.j2", env)).encode()
    if "pdf" in formats:
        outputs["pdf"] = _pdf(fitted, audience, env, target)
    written = []
    for fmt in formats:
        path = out_dir / f"{stem}.{fmt}"
        try:
            write_atomic(path, outputs[fmt])
        except OSError as error:
            raise RenderError(f"{path}: cannot write ({error.strerror})") from None
        written.append(path)
    return written


__all__ = ["FORMATS", "Fitted", "RenderError", "cites", "css_string", "environment", "escape_markdown", "fit",
           "locate_asset", "prepare", "render", "render_text", "stylesheet", "weblink", "write_atomic"]
