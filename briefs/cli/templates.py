"""`briefs templates …`: list, scaffold and check audiences."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..audience import AUDIENCE_FILE, list_audiences, load_audience, template_roots, user_templates_dir
from ..config import ConfigError

app = typer.Typer(no_args_is_help=True, help="List, create and check audiences (template folders).")

EXIT_USAGE = 2
EXIT_OUTPUT = 4


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"briefs: error: {message}", err=True)
    return typer.Exit(code)


@app.command("list")
def list_command(
    templates: Optional[Path] = typer.Option(None, "--templates", help="Folder of your own audiences, searched first."),
) -> None:
    """List audiences: name, parent, description.

    Example: briefs templates list
    """
    roots = template_roots(templates)
    for name in list_audiences(roots):
        try:
            audience = load_audience(name, roots)
        except ConfigError as error:
            typer.echo(f"{name}\t(broken)\t{error}")
            continue
        typer.echo(f"{name}\t{audience.parents[0] if audience.parents else '-'}\t{audience.description}")


SCAFFOLD = '''# Audience "{name}": extends "{parent}" and changes only what is set here.
# Every key, with its default, is listed in templates/base/audience.toml; docs/templates.md
# documents the brief object and the template blocks.
extends = "{parent}"
description = "{name}: my audience"
title = "{{subject}}: {name} brief"
# summary_sentences = 4
# sentences_per_theme = 3
# max_themes = 5
# max_words = 900
# figures = 8

[sections]
# summary = true
# figures = true
# sentiment = true
# entities = true
# sources = true
# chart = true

[labels]
# summary = "Executive summary"
'''

TEMPLATE_STUB = '''{{#- Overrides one block of the parent's HTML brief; everything else is inherited. -#}}
{{% extends "!base/brief.html.j2" %}}
{{% block title %}}
{{{{ super() }}}}
{{% endblock %}}
'''


@app.command("new")
def new_command(
    name: str = typer.Argument(..., help="Name of the new audience (a folder name)."),
    parent: str = typer.Option("investor", "--from", help="Audience the new one extends."),
    dir: Optional[Path] = typer.Option(None, "--dir", help="Where to create it (default: your user templates folder)."),
) -> None:
    """Create an audience folder that extends another; prints the folder.

    Example: briefs templates new board --from executive --dir my-templates
    """
    import re

    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        raise _fail(f"audience name {name!r}: use lower-case letters, digits, - and _", EXIT_USAGE)
    root = dir or user_templates_dir()
    try:
        load_audience(parent, template_roots(dir))
    except ConfigError as error:
        raise _fail(str(error), EXIT_USAGE) from None
    folder = root / name
    if folder.exists():
        raise _fail(f"{folder} already exists", EXIT_USAGE)
    try:
        folder.mkdir(parents=True)
        (folder / AUDIENCE_FILE).write_text(SCAFFOLD.format(name=name, parent=parent), encoding="utf-8")
        (folder / "brief.html.j2").write_text(TEMPLATE_STUB.format(), encoding="utf-8")
    except OSError as error:
        raise _fail(f"{folder}: cannot write ({error.strerror})", EXIT_OUTPUT) from None
    typer.echo(str(folder))


@app.command("check")
def check_command(
    name: str = typer.Argument(..., help="Audience to check."),
    templates: Optional[Path] = typer.Option(None, "--templates", help="Folder of your own audiences, searched first."),
) -> None:
    """Render an audience against the seed brief (Markdown, HTML, PDF) and report problems.

    Example: briefs templates check board --templates my-templates
    """
    import tempfile

    from .. import render
    from ..build import Options, build_brief, output_stem

    try:
        result = build_brief(None, Options(audience=name, templates=templates))
    except ConfigError as error:
        raise _fail(str(error), EXIT_USAGE) from None
    with tempfile.TemporaryDirectory() as out:
        try:
            written = render.render(result.brief, result.audience, Path(out), output_stem(result.brief),
                                    ["md", "html", "pdf"])
        except render.RenderError as error:
            raise _fail(str(error), EXIT_OUTPUT) from None
        pages = _pages(written[-1])
    typer.echo(f"{name}: ok (md, html, pdf{f', {pages} page' + ('s' if pages != 1 else '') if pages else ''})")


def _pages(pdf: Path) -> int:
    """Return the PDF's page count when pypdf is installed (the test extra), else 0."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return 0
    return len(PdfReader(str(pdf)).pages)
