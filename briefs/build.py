"""Compose the stages into a Brief: load → clean → split → themes → select → enrich."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import clean as clean_stage
from . import enrich, load, select, split, themes
from .audience import Audience, load_audience, template_roots
from .config import Subject, data_dir, resolve
from .model import Brief, Period, Sentence


class BuildError(RuntimeError):
    """The corpus gives no brief (no readable article, nothing about the subject)."""


@dataclass
class Options:
    """What the user asked for; every field has the default `briefs build` uses."""

    audience: str = ""
    method: str = "default"
    subject: str = ""
    date: dt.date | None = None
    templates: Path | None = None


@dataclass
class Result:
    """A built brief with what the stages dropped or could not read, for reporting."""

    brief: Brief
    audience: Audience
    problems: list[load.Problem] = field(default_factory=list)
    dropped: list = field(default_factory=list)


def default_paths() -> list[Path]:
    """Return the embedded sample corpus."""
    return [data_dir("seeds")]


def corpus_folder(paths: Sequence[Path]) -> Path | None:
    """Return the folder whose `briefs.toml` configures this corpus: the first folder given."""
    for path in paths:
        if path.is_dir():
            return path
        if path.is_file():
            return path.parent
    return None


def _renumber(sentences: list[Sentence], ids: dict[int, int]) -> None:
    for sentence in sentences:
        sentence.sources = sorted({ids[s] for s in sentence.sources if s in ids})
        sentence.source = ids.get(sentence.source, sentence.source)


def fill_title(pattern: str, values: dict[str, str]) -> str:
    """Return the title pattern with {subject}, {date}, {audience}, {start}, {end} filled in.

    Plain substitution, not str.format: a title pattern from a user's audience.toml must not
    reach attributes ("{subject.__class__}") the way a format string could.
    """
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), pattern)


def slug(text: str) -> str:
    """Return a file-name-safe lower-case slug."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "brief"


def build_brief(paths: Sequence[Path | str] | None = None, options: Options | None = None,
                progress: Callable[[str], None] | None = None) -> Result:
    """Return the brief for the articles under `paths` (default: the embedded seeds)."""
    options = options or Options()
    paths = [Path(p) for p in paths] if paths else default_paths()
    settings = resolve(corpus_folder(paths), {"audience": options.audience})
    subject = settings.subject
    if options.subject and options.subject != subject.name:
        subject = Subject(name=options.subject)  # another subject: the corpus's aliases are not its
    audience = load_audience(settings.values["audience"], template_roots(options.templates))

    note = progress or (lambda _stage: None)
    note("load")
    loaded = load.load(paths)
    if not loaded.articles:
        raise BuildError("no readable articles in " + ", ".join(str(p) for p in paths))
    note("clean")
    cleaned = clean_stage.clean(loaded.articles, subject)
    if not cleaned.articles:
        raise BuildError("no article is about the subject" + (f" {subject.name!r}" if subject.name else ""))
    note("split")
    sentences = split.split(cleaned)
    note("themes")
    grouped = themes.assign(sentences, audience.themes, discover=int(audience.get("discovered_themes", 2)),
                            ignore=subject.names + subject.tickers)
    note("select")
    max_words = audience.get("max_words")
    summary, shown = select.select(grouped, options.method, per_theme=int(audience.get("sentences_per_theme", 4)),
                                   summary_size=int(audience.get("summary_sentences", 4)),
                                   max_words=int(max_words) if max_words else None,
                                   about=(lambda text: clean_stage.mentions(text, subject) > 0) if subject.names else None)
    if not shown and not summary:
        raise BuildError("no sentence worth quoting was left after cleaning; see --explain")
    max_themes = audience.get("max_themes")
    if max_themes:
        configured = [t for t in shown if not t.discovered]
        keep = {id(t) for t in sorted(configured, key=lambda t: -t.sentence_count)[:int(max_themes)]}
        shown = [t for t in shown if id(t) in keep or t.discovered]
    note("enrich")
    cited = sorted({s for t in shown for x in t.sentences for s in x.sources} | {s for x in summary for s in x.sources})
    ids = {old: new for new, old in enumerate(cited, 1)}
    selected = [s for t in shown for s in t.sentences]
    _renumber(list({id(s): s for s in selected + summary}.values()), ids)
    source_list = enrich.sources(cleaned, set(cited))
    for source in source_list:
        source.id = ids[source.id]
    enrich.theme_sentiment(shown)
    dates = [a.article.date for a in cleaned.articles if a.article.date]
    end = options.date or (max(dates) if dates else None)
    start = min(dates) if dates and not options.date else end
    name = subject.name or "News"
    period = Period(start=start.isoformat() if start else None, end=end.isoformat() if end else None)
    title = fill_title(str(audience.get("title", "{subject} brief")),
                       {"subject": name, "date": period.end or "undated", "audience": audience.name,
                        "start": period.start or "", "end": period.end or ""})
    brief = Brief(
        title=title,
        subject=name,
        audience=audience.name,
        date=period.end,
        period=period,
        summary=summary,
        themes=shown,
        sources=source_list,
        figures=enrich.figures(summary + selected, limit=int(audience.get("figures", 12))),
        sentiment=enrich.sentiment(sentences),
        entities=enrich.entities(sentences, exclude=subject.names + subject.tickers),
        method=options.method,
        stats={"articles": len(loaded.articles), "articles_used": len(cleaned.articles),
               "sentences": len(sentences), "dropped": len(cleaned.dropped), "problems": len(loaded.problems)},
    )
    return Result(brief=brief, audience=audience, problems=loaded.problems, dropped=cleaned.dropped)


def output_stem(brief: Brief) -> str:
    """Return the file name stem for a brief: subject, date and audience."""
    return f"{slug(brief.subject)}-{brief.date or 'undated'}-{slug(brief.audience)}"
