"""`briefs templates …`: list, scaffold and check audiences (template folders)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Optional

import typer

from .. import exitcodes as codes
from ..audience import AUDIENCE_FILE, list_audiences, load_audience, template_roots, unknown_keys, user_templates_dir
from ..config import ConfigError
from ._messages import fail, warn

app = typer.Typer(no_args_is_help=True, help="List, create and check audiences (template folders).")

# Templates the renderer reads; any other *.j2 in an audience folder is a partial or a typo.
RENDERED = ("brief.md.j2", "brief.html.j2", "index.md.j2", "index.html.j2")  # index: briefs portfolio


@app.command("list")
def list_command(
    templates: Optional[Path] = typer.Option(None, "--templates", help="Folder of your own audiences, searched first."),
) -> None:
    """List audiences, one a line: name, parent, description (tab-separated).

    Example: briefs templates list --templates my-templates
    """
    roots = template_roots(templates)
    for name in list_audiences(roots):
        try:
            audience = load_audience(name, roots)
        except ConfigError as error:
            typer.echo(f"{name}\t?\tbroken: {error}")
            continue
        typer.echo(f"{name}\t{audience.parents[0] if audience.parents else '-'}\t{audience.description}")


SCAFFOLD = '''# Audience "{name}": extends "{parent}" and changes only what is set here.
# Uncomment a key to change it. templates/base/audience.toml lists every setting with its
# default; docs/templates.md documents the brief object and every template block.
extends = "{parent}"
description = "{name}: extends {parent}"
title = "{{subject}}: {name} brief"       # also {{date}}, {{start}}, {{end}}, {{week}}, {{audience}}
# summary_sentences = {summary_sentences}
# sentences_per_theme = {sentences_per_theme}
# max_themes = {max_themes}                # best-supported configured themes only (0: all)
# max_words = {max_words}                 # words across theme sentences (0: no limit)
# discovered_themes = {discovered_themes}
# figures = {figures}
# pages = {pages}                     # cut the brief until the PDF fits (0: no limit)
# theme_order = {theme_order}

[sections]                       # true shows a section, false hides it
{sections}

[labels]                         # headings and wording
{labels}
'''

TEMPLATE_STUB = '''{{#- Audience "{name}": this file overrides the `title` block of {parent}'s HTML and PDF brief;
    every other block comes from {parent}. Blocks: head, page, title, summary, chart, themes,
    theme, figures, sentiment, entities, sources, footer (docs/templates.md). Delete this file
    to inherit everything. -#}}
{{% extends "!{parent}/brief.html.j2" %}}
{{% block title %}}
{{{{ super() }}}}
{{% endblock %}}
'''


def scaffold(name: str, parent: str, settings: dict) -> str:
    """Return a commented audience.toml extending `parent`, each key shown with its inherited value."""
    def value(v: object) -> str:
        # JSON's string escapes are valid in TOML basic strings.
        return ("true" if v else "false") if isinstance(v, bool) else json.dumps(v, ensure_ascii=False)

    def commented(table: dict) -> str:
        return "\n".join(f"# {key} = {value(v)}" for key, v in table.items()
                         if isinstance(v, (str, int)) and "\n" not in str(v))

    numbers = {key: settings.get(key, 0) for key in ("summary_sentences", "sentences_per_theme", "max_themes",
                                                      "max_words", "discovered_themes", "figures", "pages")}
    names = settings.get("theme_order") or [t["name"] for t in settings.get("themes", [])]
    return SCAFFOLD.format(name=name, parent=parent, sections=commented(settings.get("sections", {})),
                           labels=commented(settings.get("labels", {})), theme_order=value(list(names)), **numbers)


@app.command("new")
def new_command(
    name: str = typer.Argument(..., help="Name of the new audience (its folder name)."),
    parent: str = typer.Option("investor", "--from", help="Audience the new one extends."),
    dir: Optional[Path] = typer.Option(None, "--dir", help="Where to create it (default: your user templates folder)."),
) -> None:
    """Create an audience folder that extends another; prints the folder.

    Writes audience.toml (every setting commented, with the value it inherits) and brief.html.j2
    overriding one block. Example: briefs templates new board --from executive --dir my-templates
    """
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name) or name == "base":
        raise fail(f"audience name {name!r}: use lower-case letters, digits, - and _ (not 'base')", codes.USAGE)
    root = dir or user_templates_dir()
    try:
        inherited = load_audience(parent, template_roots(dir))
    except ConfigError as error:
        raise fail(str(error), codes.USAGE) from None
    folder = root / name
    if folder.exists():
        raise fail(f"{folder} already exists; edit it, or choose another name", codes.USAGE)
    try:
        folder.mkdir(parents=True)
        (folder / AUDIENCE_FILE).write_text(scaffold(name, parent, inherited.settings), encoding="utf-8")
        (folder / "brief.html.j2").write_text(TEMPLATE_STUB.format(name=name, parent=parent), encoding="utf-8")
    except OSError as error:
        raise fail(f"{folder}: cannot write ({error.strerror})", codes.OUTPUT) from None
    typer.echo(str(folder))


@app.command("check")
def check_command(
    name: str = typer.Argument(..., help="Audience to check."),
    templates: Optional[Path] = typer.Option(None, "--templates", help="Folder of your own audiences, searched first."),
) -> None:
    """Render an audience against the seed brief (Markdown, HTML, PDF) and report problems.

    Prints "NAME: ok (…)" on success; warnings (unknown settings, unused files, page limit)
    go to stderr. A template error is one line and exit code 4.
    Example: briefs templates check board --templates my-templates
    """
    import tempfile

    from .. import render
    from ..build import BuildError, Options, build_brief, output_stem

    try:
        result = build_brief(None, Options(audience=name, templates=templates, cache=False))
    except (ConfigError, BuildError) as error:
        raise fail(str(error), codes.USAGE) from None
    except render.RenderError as error:  # fitting to a page limit renders the templates already
        raise fail(str(error), codes.OUTPUT) from None
    warnings = unknown_keys(result.audience) + _unused_files(result.audience.folders[0])
    notes: list[str] = [result.fitted.note] if result.fitted is not None and result.fitted.note else []
    with tempfile.TemporaryDirectory() as out:
        try:
            written = render.render(result.brief, result.audience, Path(out), output_stem(result.brief),
                                    ["md", "html", "pdf"], notes=notes, fitted=result.fitted)
        except render.RenderError as error:
            raise fail(str(error), codes.OUTPUT) from None
        pages = _pages(written[-1])
    for line in warnings + notes:
        warn(line)
    counted = f", {pages} page{'s' if pages != 1 else ''}" if pages else ""
    typer.echo(f"{name}: ok (md, html, pdf{counted}; extends {' → '.join(result.audience.parents) or 'nothing'})")


def _unused_files(folder: Path) -> list[str]:
    """Return a message per template in the folder that nothing renders or imports by that name."""
    messages = []
    for path in sorted(folder.glob("*.j2")):
        if path.name not in RENDERED and not path.name.startswith("_"):
            messages.append(f"{path}: not used; templates are {', '.join(RENDERED)} and _partials.j2 they import")
    return messages


def _pages(pdf: Path) -> int:
    """Return the PDF's page count when pypdf is installed (the test extra), else 0."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return 0
    return len(PdfReader(str(pdf)).pages)
