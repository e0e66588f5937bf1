"""Page fitting: an audience with `pages = N` gets its brief cut, lowest-ranked lines first, to N PDF pages.

The library fits (build.build_brief), so the brief a caller gets, `briefs summary` shows and every
format renders is the same cut brief; render only lays out what it is given.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..audience import Audience
from ..model import Brief
from . import pdf
from .templating import environment, render_text

# Figure rows kept while whole themes are still there to cut: a table of two says little.
_MIN_FIGURES = 3


@dataclass(frozen=True)
class Fitted:
    """A brief cut to its audience's page limit, with what laying it out produced (for the PDF)."""

    brief: Brief
    key: str | None = None            # pdf.input_key of the uncut brief; None when there is no limit
    cuts: int = 0                     # how many steps of cut_plan were taken
    overflow: int = 0                 # pages still needed when even every cut leaves it too long
    html: str | None = None           # the cut brief's HTML, when it was laid out
    document: object | None = None    # its WeasyPrint document, when it was laid out
    pdf: bytes | None = None          # a reused PDF made from the same input, when there was one
    note: str | None = None           # one line about the cuts, for the user


def cut_plan(brief: Brief) -> list[tuple[str, int]]:
    """Return the cuts that shorten a brief, in order: what goes first matters least.

    Theme sentences go first, the fullest theme's lowest-ranked one each time, down to one per
    theme; then figure rows down to a few; then whole themes from the end (discovered ones come
    last in a brief); then the other figures; then summary sentences down to one.
    """
    plan: list[tuple[str, int]] = []
    counts = [len(t.sentences) for t in brief.themes]
    while counts and max(counts) > 1:
        fullest = max(range(len(counts)), key=lambda i: (counts[i], i))
        counts[fullest] -= 1
        plan.append(("sentence", fullest))
    figures = len(brief.figures)
    plan += [("figure", 0)] * max(0, figures - _MIN_FIGURES)
    plan += [("theme", 0)] * max(0, len(brief.themes) - 1)
    plan += [("figure", 0)] * min(figures, _MIN_FIGURES)
    plan += [("summary", 0)] * max(0, len(brief.summary) - 1)
    return plan


def cut(brief: Brief, plan: list[tuple[str, int]]) -> Brief:
    """Return a copy of the brief with the cuts applied (each takes the last item of its list)."""
    themes = [list(t.sentences) for t in brief.themes]
    summary, figures, kept_themes = list(brief.summary), list(brief.figures), len(brief.themes)
    for kind, index in plan:
        if kind == "sentence":
            themes[index].pop()
        elif kind == "theme":
            kept_themes -= 1
        elif kind == "figure":
            figures.pop()
        else:
            summary.pop()
    shown = [dataclasses.replace(t, sentences=s) for t, s in zip(brief.themes[:kept_themes], themes)]
    return dataclasses.replace(brief, summary=summary, themes=shown, figures=figures)


def _describe(plan: list[tuple[str, int]]) -> str:
    counts = {kind: sum(1 for k, _ in plan if k == kind) for kind in ("sentence", "theme", "figure", "summary")}
    words = {"sentence": "theme sentence", "theme": "theme", "figure": "figure", "summary": "summary sentence"}
    return ", ".join(f"{n} {words[k]}{'s' if n != 1 else ''}" for k, n in counts.items() if n)


def _cut_note(brief: Brief, audience: Audience, cuts: int, overflow: int) -> str | None:
    """Return the line telling the user what was cut to fit, or None when nothing was."""
    if not cuts:
        return None
    limit = int(audience.get("pages") or 0)
    plan = cut_plan(brief)[:cuts]
    if overflow:
        return (f"the {audience.name} PDF needs {overflow} pages even with "
                f"{_describe(plan)} cut; its audience asks for {limit}")
    return f"cut {_describe(plan)} so the {audience.name} PDF fits {limit} page{'s' if limit != 1 else ''}"


def fit(brief: Brief, audience: Audience, env: ImmutableSandboxedEnvironment | None = None,
        reuse: Path | None = None) -> Fitted:
    """Return the brief cut to the audience's `pages` (unchanged without a limit).

    The fewest cuts that fit are found by bisection, so a long brief costs a handful of layouts;
    none when the PDF at `reuse` was laid out from the same input (its identifier says so).
    """
    limit = int(audience.get("pages") or 0)
    if not limit:
        return Fitted(brief)
    env = env or environment(audience)

    def attempt(plan: list[tuple[str, int]]) -> tuple[Brief, str, object]:
        short = cut(brief, plan)
        html = render_text(short, audience, "brief.html.j2", env)
        return short, html, pdf.layout(html, audience)

    uncut_html = render_text(brief, audience, "brief.html.j2", env)
    key = pdf.input_key(uncut_html, audience)
    previous = pdf.reusable(reuse, key)
    if previous is not None:
        data, cuts, overflow = previous
        return Fitted(cut(brief, cut_plan(brief)[:cuts]), key, cuts, overflow, pdf=data,
                      note=_cut_note(brief, audience, cuts, overflow))
    best = (brief, uncut_html, pdf.layout(uncut_html, audience))
    cuts = overflow = 0
    if len(best[2].pages) > limit:
        plan = cut_plan(brief)
        shortest = attempt(plan)
        if len(shortest[2].pages) > limit:
            best, cuts, overflow = shortest, len(plan), len(shortest[2].pages)
        else:
            low, high, best = 0, len(plan), shortest  # attempt(plan[:low]) overflows; attempt(plan[:high]) fits
            while high - low > 1:
                middle = (low + high) // 2
                tried = attempt(plan[:middle])
                if len(tried[2].pages) <= limit:
                    high, best = middle, tried
                else:
                    low = middle
            cuts = high
    return Fitted(best[0], key, cuts, overflow, html=best[1], document=best[2],
                  note=_cut_note(brief, audience, cuts, overflow))
