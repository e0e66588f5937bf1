"""Rendering: three audiences in every format, a one-page executive PDF, shipped fonts, safe templates."""

from __future__ import annotations

from dataclasses import replace

import dataclasses
import subprocess
import sys
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from pypdf import PdfReader
from typer.testing import CliRunner

from briefs import model, render
from briefs.audience import load_audience, template_roots
from briefs.cli import app
from briefs.model import Brief, Entity, Figure, Period, Sentence, Sentiment, Source, Theme

ROOT = Path(__file__).resolve().parent.parent
AUDIENCES = ("investor", "executive", "newsletter")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every shipped audience's seed brief in every format: {audience: {".md": path, …}}."""
    from briefs.build import Options, build_brief

    out = tmp_path_factory.mktemp("audiences")
    files = {}
    for name in AUDIENCES:
        result = build_brief([ROOT / "seeds"], Options(audience=name, cache=False))
        written = render.render(result.brief, result.audience, out, f"seed-{name}", render.FORMATS)
        files[name] = {p.suffix: p for p in written}
    return files


def said(text: str, *sources: int, new: bool = True) -> Sentence:
    return Sentence(text=text, source=sources[0], position=0, paragraph=0, sources=list(sources), new=new)


def crafted(sentences_per_theme: int = 3, themes: int = 3, words: int = 12) -> Brief:
    """A brief with every field set, hostile scraped text included, independent of the seeds."""
    filler = " ".join(["steady"] * words)
    source_list = [Source(id=i, title=f"Report {i}", publisher="Wire", date="2026-11-18",
                          url=f"https://news.example/{i}", path=f"/c/{i}.txt") for i in range(1, 8)]
    source_list[1] = replace(source_list[1], url="javascript:alert(1)")
    source_list[2] = replace(source_list[2], title="# Not a heading [x](javascript:alert(1))")
    theme_list = [
        Theme(name=f"Theme {t}", description="d", discovered=t == themes - 1, sentence_count=10 - t,
              article_count=3, sentiment=Sentiment(score=[0.5, -0.4, 0.0][t % 3], label=["positive", "negative", "neutral"][t % 3]),
              sentences=[said(f"Theme {t} line {n} rose 5% {filler}.", 1 + n % 3, new=n != 1)
                         for n in range(sentences_per_theme)])
        for t in range(themes)
    ]
    theme_list[0].sentences[0] = said("Acme said <img src=\"http://127.0.0.1:9/x.png\"> # heading [x](javascript:alert(1)) "
                                      "and <b>bold</b> & url(file:///etc/passwd).", 1, 2, 3, 4, 5, 6)
    return Brief(
        title="Acme Corp: test brief", subject="Acme Corp", audience="investor", date="2026-11-22",
        period=Period(start="2026-11-16", end="2026-11-22"),
        summary=[said(f"Summary line {n} about Acme {filler}.", n + 1) for n in range(3)],
        themes=theme_list, sources=source_list,
        figures=[Figure(value="$4.2 billion", label="quarterly loss", text="…", sources=[1]),
                 Figure(value="21%", label="revenue growth", text="…", sources=[2, 3], new=False)],
        sentiment=Sentiment(score=-0.31, label="negative"),
        entities=[Entity(name="Globex", kind="company", count=4), Entity(name="Jane Roe", kind="person", count=2)],
        week="2026-W47", stats={"articles": 7, "articles_used": 7, "sentences": 321, "dropped": 4, "problems": 0},
    )


def pdf_fonts(path: Path) -> set[str]:
    """Return the names of the fonts a PDF embeds, subset prefixes removed."""
    fonts = set()
    for page in PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert {"/FontFile2", "/FontFile3"} & set(descriptor.get_object()), f"{font['/BaseFont']} is not embedded"
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    return fonts


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


# --- the shipped audiences ----------------------------------------------------------------------

def test_three_audiences_render_every_format(rendered):
    for name, files in rendered.items():
        assert set(files) == {".md", ".html", ".pdf", ".json"}, name
        assert files[".md"].read_text().startswith("# ")
        assert "<html" in files[".html"].read_text()
        assert len(PdfReader(str(files[".pdf"])).pages) >= 1


def test_executive_pdf_is_one_page(rendered):
    assert len(PdfReader(str(rendered["executive"][".pdf"])).pages) == 1


def test_audiences_differ_as_configured(rendered):
    investor = rendered["investor"][".html"].read_text()
    newsletter = rendered["newsletter"][".html"].read_text().split("</head>")[1]
    assert "<svg" in investor and "Sentiment" in investor
    assert "<svg" not in newsletter and "sentiment" not in newsletter.lower()
    assert "sentiment" not in rendered["newsletter"][".md"].read_text().lower()


@pytest.mark.parametrize("name", AUDIENCES)
def test_pdf_embeds_only_the_shipped_fonts(rendered, name):
    fonts = pdf_fonts(rendered[name][".pdf"])
    assert fonts and all(f.startswith("Briefs-Sans") for f in fonts), fonts  # our @font-face family, no system font


def test_pdf_has_title_block_running_header_and_page_numbers(rendered):
    pages = pdf_text(rendered["investor"][".pdf"])
    assert len(pages) > 1
    assert "Meta Platforms: investor brief" in pages[0] and "INVESTOR BRIEF" in pages[0]
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert "Meta Platforms: investor brief" in pages[1]  # running header
    assert f"Page 2 of {len(pages)}" in pages[1]


# --- a crafted brief: every field, hostile text -------------------------------------------------

@pytest.fixture(scope="module")
def crafted_files(tmp_path_factory):
    out = tmp_path_factory.mktemp("crafted")
    written = render.render(crafted(), load_audience("investor"), out, "crafted", render.FORMATS)
    return {p.suffix: p for p in written}


def test_every_part_of_the_brief_reaches_the_page(crafted_files):
    html = crafted_files[".html"].read_text()
    text = "\n".join(pdf_text(crafted_files[".pdf"]))
    for shown in ("2026-W47", "2026-11-16", "2026-11-22", "Theme 2", "$4.2 billion", "Globex", "Report 2", "Not a heading",
                  "321 sentences read", "reported before", "negative (-0.31)", "4 more sources"):
        assert shown in text, shown
    assert "Report 4" not in text  # cited only beyond the first three markers: counted, not listed
    assert 'href="#source-1"' in html and 'id="source-1"' in html  # numbered citations link to the list
    assert ",+3</sup>" in html  # six sources: three markers and "+3"
    assert 'href="https://news.example/1"' in html and "javascript:" not in html.split("<ol>")[1].split("href=")[0]
    assert 'href="javascript' not in html


def test_chart_is_inline_svg_coloured_by_sentiment(crafted_files):
    svg = crafted_files[".html"].read_text().split("<svg")[1].split("</svg>")[0]
    assert svg.count("<rect") == 3 + 3  # a bar per theme and the three legend keys
    assert {"#16a34a", "#dc2626", "#9ca3af"} <= set(re.findall(r'fill="(#[0-9a-f]{6})"', svg))
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_scraped_text_is_escaped_in_html(crafted_files):
    html = crafted_files[".html"].read_text()
    assert "&lt;img src=&#34;http://127.0.0.1:9/x.png&#34;&gt;" in html and "<img" not in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; url(file:///etc/passwd)" in html


def test_scraped_text_never_becomes_markdown_structure(crafted_files):
    md = crafted_files[".md"].read_text()
    tokens = MarkdownIt("commonmark").enable("table").parse(md)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not any("heading" in h or "Not a heading" in h for h in headings), headings
    links = [t.attrGet("href") for tok in tokens for t in (tok.children or []) if t.type == "link_open"]
    assert links and all(href.startswith("https://news.example/") for href in links), links
    assert "<img" not in MarkdownIt("commonmark").render(md)


def test_escape_markdown():
    assert render.escape_markdown("# Heading [x](javascript:alert(1))") == "\\# Heading \\[x\\]\\(javascript:alert\\(1\\)\\)"
    assert render.escape_markdown("1. not a list") == "1\\. not a list"
    assert render.escape_markdown("- not a bullet") == "\\- not a bullet"
    assert render.escape_markdown("11.5% growth") == "11.5% growth"
    assert render.escape_markdown("AT&T\n rose") == "AT\\&T rose"


def test_only_web_addresses_become_links():
    assert render.weblink("https://example.com/a_b?c=1") == "https://example.com/a_b?c=1"
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "https://x.com/a b", "", None):
        assert render.weblink(bad) == ""


def test_renders_are_byte_identical(tmp_path):
    audience = load_audience("investor")
    one = render.render(crafted(), audience, tmp_path / "a", "x", render.FORMATS)
    two = render.render(crafted(), audience, tmp_path / "b", "x", render.FORMATS)
    for a, b in zip(one, two):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_json_output_equals_to_dict(tmp_path):
    brief = crafted()
    [path] = render.render(brief, load_audience("investor"), tmp_path, "x", ["json"])
    assert json.loads(path.read_text()) == json.loads(json.dumps(brief.to_dict()))


# --- the page limit -------------------------------------------------------------------------------

def test_page_limit_cuts_lowest_ranked_lines_in_every_format(tmp_path):
    long = crafted(sentences_per_theme=6, themes=5, words=40)
    notes: list[str] = []
    written = render.render(long, load_audience("executive"), tmp_path, "x", ["md", "html", "pdf", "json"], notes=notes)
    files = {p.suffix: p for p in written}
    assert len(PdfReader(str(files[".pdf"])).pages) == 1
    assert notes and "cut" in notes[0] and "1 page" in notes[0]
    shown = json.loads(files[".json"].read_text())
    kept = [s["text"] for t in shown["themes"] for s in t["sentences"]]
    assert 0 < len(kept) < sum(len(t.sentences) for t in long.themes)
    assert all(t["sentences"] for t in shown["themes"])  # every kept theme keeps its best line
    assert all(" line 0 " in s["text"] or "Acme said" in s["text"] for s in (t["sentences"][0] for t in shown["themes"]))
    md = files[".md"].read_text()
    for theme in long.themes:  # Markdown shows exactly what the PDF shows
        for sentence in theme.sentences:
            assert (render.escape_markdown(sentence.text) in md) == (sentence.text in kept)


def test_an_unchanged_brief_reuses_its_pdf_without_a_layout(tmp_path, monkeypatch):
    long = crafted(sentences_per_theme=6, themes=5, words=40)
    audience = load_audience("executive")
    first_notes: list[str] = []
    first = {p.suffix: p.read_bytes() for p in render.render(long, audience, tmp_path, "x", render.FORMATS, notes=first_notes)}

    def no_layout(*_args, **_kwargs):
        raise AssertionError("laid out again")

    monkeypatch.setattr(render.pdf, "layout", no_layout)
    again_notes: list[str] = []
    again = {p.suffix: p.read_bytes() for p in render.render(long, audience, tmp_path, "x", render.FORMATS, notes=again_notes)}
    assert again == first and again_notes == first_notes and first_notes  # same cut, same words about it
    changed = dataclasses.replace(long, title=long.title + " (revised)")
    with pytest.raises(AssertionError, match="laid out again"):  # another brief is laid out anew
        render.render(changed, audience, tmp_path, "x", ["pdf"])


def test_a_pdf_from_other_input_is_replaced(tmp_path):
    audience = load_audience("investor")
    [stale] = render.render(crafted(themes=1), audience, tmp_path, "x", ["pdf"])
    stale_bytes = stale.read_bytes()
    [fresh] = render.render(crafted(), audience, tmp_path, "x", ["pdf"])
    [elsewhere] = render.render(crafted(), audience, tmp_path / "other", "x", ["pdf"])
    assert fresh.read_bytes() != stale_bytes and fresh.read_bytes() == elsewhere.read_bytes()


def test_no_page_limit_keeps_everything(tmp_path):
    long = crafted(sentences_per_theme=6, themes=5, words=40)
    notes: list[str] = []
    [pdf] = render.render(long, load_audience("investor"), tmp_path, "x", ["pdf"], notes=notes)
    assert len(PdfReader(str(pdf)).pages) > 1 and notes == []


# --- what WeasyPrint may fetch (the `loopback` server is in conftest.py) ------------------------


def test_content_and_templates_cannot_make_the_pdf_fetch_anything(tmp_path, loopback):
    url, hits = loopback
    folder = tmp_path / "user" / "leaky"
    folder.mkdir(parents=True)
    (folder / "audience.toml").write_text('extends = "investor"\n')
    (folder / "brief.html.j2").write_text(
        '{% extends "!base/brief.html.j2" %}\n{% block head %}{{ super() }}'
        f'<link rel="stylesheet" href="{url}/link.css"><link rel="stylesheet" href="file:///etc/passwd">'
        f'<link rel="stylesheet" href="../../../../../../etc/passwd">{{% endblock %}}\n'
        f'{{% block footer %}}<img src="{url}/img.png"><img src="file:///etc/passwd"><object data="{url}/obj"></object>'
        f'<svg><image href="{url}/svg.png" width="5" height="5"/></svg>{{% endblock %}}\n')
    (folder / "style.css").write_text(
        f'@import url("!base/style.css");\n@import url("{url}/import.css");\n'
        f'@font-face {{ font-family: "Leak"; src: url("{url}/font.ttf"); }}\n'
        f'body {{ background: url("{url}/bg.png"); font-family: "Leak", "Briefs Sans"; }}\n'
        'h1 { background: url("file:///etc/passwd"); }\n')
    (folder / "passwd.css").symlink_to("/etc/passwd")
    brief = crafted()
    hostile = f'Hostile <img src="{url}/text.png"> <link rel="stylesheet" href="{url}/t.css"> url({url}/u.png)'
    brief = replace(brief, summary=[replace(brief.summary[0], text=hostile)] + brief.summary[1:])
    audience = load_audience("leaky", template_roots(tmp_path / "user"))
    written = render.render(brief, audience, tmp_path / "out", "x", ["html", "pdf"])
    assert hits == []
    html = written[0].read_text()
    assert f"&lt;img src=&#34;{url}/text.png&#34;&gt;" in html
    fonts = pdf_fonts(written[1])
    assert fonts and all(f.startswith("Briefs-Sans") for f in fonts)  # packaged assets still served, via !base/


def test_asset_fetcher_serves_the_chain_and_refuses_the_rest(tmp_path):
    user = tmp_path / "user" / "mine"
    user.mkdir(parents=True)
    (user / "audience.toml").write_text('extends = "executive"\n')
    (user / "secret.css").symlink_to("/etc/passwd")
    fetcher = render.assets.asset_fetcher(load_audience("mine", template_roots(tmp_path / "user")))
    base = (ROOT / "templates" / "base").resolve()
    assert fetcher.fetch((user / "style.css").as_uri()).url.endswith("templates/executive/style.css")  # inherited
    assert fetcher.fetch((user / "!base" / "style.css").as_uri()).url == (base / "style.css").as_uri()
    assert fetcher.fetch((base / "fonts" / "DejaVuSans.ttf").as_uri()).read(4) == b"\x00\x01\x00\x00"
    for refused in ("file:///etc/passwd", (user / "secret.css").as_uri(), (base / ".." / ".." / "pyproject.toml").as_uri(),
                    (user / "!nope" / "style.css").as_uri(), "http://127.0.0.1:9/x.css", "data:text/css,body{}"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(refused)


# --- templates that go wrong ------------------------------------------------------------------------

def _user_audience(tmp_path: Path, files: dict[str, str], extends: str = "investor") -> Path:
    folder = tmp_path / "user" / "broken"
    folder.mkdir(parents=True)
    (folder / "audience.toml").write_text(f'extends = "{extends}"\n')
    for name, text in files.items():
        (folder / name).write_text(text)
    return tmp_path / "user"


@pytest.mark.parametrize(
    "template, words",
    [
        ("{{ brief.title }}\n{{ nonexistent_variable }}\n", ["brief.md.j2:2", "undefined", "nonexistent_variable"]),
        ("{% for x in brief.themes %}\n{{ x.name }\n", ["brief.md.j2:2", "syntax"]),
        ("{{ ''.__class__.__mro__ }}", ["brief.md.j2:1", "unsafe"]),
    ],
    ids=["undefined", "syntax", "sandbox"],
)
def test_template_errors_are_one_line_with_file_and_nonzero_exit(tmp_path, template, words):
    user = _user_audience(tmp_path, {"brief.md.j2": template})
    result = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--audience", "broken", "--templates", str(user),
                                      "--format", "md", "--out", str(tmp_path / "out")])
    assert result.exit_code == 4, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    "files, words",
    [
        ({"brief.md.j2": "line one\n{{ 1 / 0 }}\n"}, ["brief.md.j2:2", "division by zero"]),
        ({"brief.md.j2": '{% extends "brief.md.j2" %}'}, ["brief.md.j2:1", "!base/"]),
        ({"brief.md.j2": '{% extends "!nowhere/brief.md.j2" %}'}, ["brief.md.j2:1", "not found", "!nowhere"]),
        ({"brief.md.j2": '{% import "_bad.j2" as b %}{{ b.go() }}', "_bad.j2": "{% macro go() %}\n{{ nope }}{% endmacro %}"},
         ["_bad.j2:2", "undefined"]),
        ({"brief.md.j2": "{{ brief.title | round }}"}, ["brief.md.j2:1"]),
    ],
    ids=["runtime", "self-extends", "unknown-prefix", "in-a-partial", "bad-filter-argument"],
)
def test_every_template_failure_is_a_render_error_naming_file_and_line(tmp_path, files, words):
    audience = load_audience("broken", template_roots(_user_audience(tmp_path, files)))
    with pytest.raises(render.RenderError) as error:
        render.render_text(crafted(), audience, "brief.md.j2")
    message = str(error.value)
    assert "\n" not in message
    for word in words:
        assert word in message, message


def test_a_template_extends_its_parent_audience_copy(tmp_path):
    """`!executive/` reaches executive's template (or what executive inherits), with this audience's settings."""
    user = _user_audience(tmp_path, {"brief.md.j2": '{% extends "!executive/brief.md.j2" %}\n'
                                                    "{% block theme %}### {{ theme.name | md }} (custom)\n{% endblock %}"},
                          extends="executive")
    md = render.render_text(crafted(), load_audience("broken", template_roots(user)), "brief.md.j2")
    assert "### Theme 0 (custom)" in md and "## What happened" in md  # executive's label, inherited
    assert "Theme 0 line 0" not in md


def test_docs_list_every_brief_field_and_block():
    docs = (ROOT / "docs" / "templates.md").read_text()
    for cls in (Brief, Theme, Sentence, Figure, Sentiment, Entity, Source, Period):
        for f in dataclasses.fields(cls):
            assert f"`{f.name}`" in docs, f"{cls.__name__}.{f.name} is not in docs/templates.md"
    assert "`shown_sources`" in docs and str(model.MAX_CITES) in docs
    for template in ("brief.md.j2", "brief.html.j2"):
        for block in re.findall(r"{%-? block (\w+)", (ROOT / "templates" / "base" / template).read_text()):
            assert f"`{block}`" in docs, f"block {block} of {template} is not in docs/templates.md"
    for key in load_audience("base").settings["labels"]:
        assert f"`{key}`" in docs, f"label {key} is not in docs/templates.md"


def test_html_brief_carries_its_stylesheet_with_imports_inlined(rendered, tmp_path):
    html = rendered["executive"][".html"].read_text()
    assert "<link" not in html
    style = html.split("<style>")[1].split("</style>")[0]
    assert style.index("size: A4") < style.index("html { font-size: 8.6pt")  # base first, then executive overrides
    assert "@import" not in style
    folder = tmp_path / "user" / "peek"
    folder.mkdir(parents=True)
    (folder / "audience.toml").write_text('extends = "investor"\n')
    (folder / "style.css").write_text('@import url("../../../../../../../etc/passwd");\n@import "file:///etc/passwd";\n'
                                      "h1 { color: teal }\n")
    peek = load_audience("peek", template_roots(tmp_path / "user"))
    page = render.render_text(crafted(), peek, "brief.html.j2")
    assert "h1 { color: teal }" in page and "root:" not in page and "size: A4" not in page  # replaced, not imported
    [pdf] = render.render(crafted(), peek, tmp_path, "peek", ["pdf"])
    assert pdf_fonts(pdf) and all(f.startswith("Briefs-Sans") for f in pdf_fonts(pdf))  # fonts.css still loads first


def _label_width(text: str, size: float = 8.0) -> float:
    """Return the width of a chart label in SVG units, measured from the packaged font's metrics."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(ROOT / "templates" / "base" / "fonts" / "DejaVuSans.ttf"))
    cmap, metrics = font.getBestCmap(), font["hmtx"].metrics
    return sum(metrics[cmap[ord(c)]][0] for c in text) / font["head"].unitsPerEm * size


@pytest.mark.parametrize("count", [7, 96, 1674, 123456])
def test_chart_labels_fit_the_chart_for_any_count(count):
    """Bug 7: a four-digit theme count ran its label past the right margin of the coverage chart."""
    brief = crafted()
    brief = dataclasses.replace(brief, themes=[dataclasses.replace(brief.themes[0], sentence_count=count),
                                               *brief.themes[1:]])
    html = render.render_text(brief, load_audience("investor"), "brief.html.j2")
    svg = re.search(r"<svg[^>]*viewBox=\"0 0 (\d+) \d+\"[^>]*aria-label[^>]*>(.*?)</svg>", html, re.S)
    width, labels = float(svg.group(1)), re.findall(r'<text x="([\d.]+)"[^>]*font-size="8"[^>]*>([^<]+)</text>',
                                                    svg.group(2))
    counted = [(float(x), text) for x, text in labels if text[0].isdigit()]
    assert any(text.startswith(str(count)) for _, text in counted)
    for x, text in counted:
        assert x + _label_width(text) <= width, (text, x)


@pytest.mark.parametrize("body", ["", "x", "{{ loop.index | string | length }}"], ids=["silent", "writing", "calling"])
def test_a_runaway_template_loop_fails_with_one_line_not_a_hang(tmp_path, monkeypatch, body):
    """A user template looping 10^10 times stops at the rendering budget: exit 4, one line naming it."""
    from briefs.render import templating as env_module

    monkeypatch.setattr(env_module, "RENDER_SECONDS", 1.0)
    user = _user_audience(tmp_path, {"brief.md.j2": "{% for i in range(100000) %}{% for j in range(100000) %}"
                                                    + body + "{% endfor %}{% endfor %}\n"})
    result = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--audience", "broken", "--templates", str(user),
                                      "--format", "md", "--out", str(tmp_path / "out")])
    assert result.exit_code == 4, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "brief.md.j2" in lines[0] and "loop" in lines[0], result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_the_rendering_budget_leaves_real_briefs_alone(crafted_files):
    assert crafted_files[".md"].stat().st_size > 1000 and crafted_files[".html"].stat().st_size > 1000


def test_a_rerun_of_a_page_limited_build_lays_out_nothing(tmp_path, monkeypatch):
    """The library fits the brief to its page limit, reusing the PDF in out/ made from the same input."""
    args = ["build", str(ROOT / "seeds"), "--audience", "executive", "--format", "pdf,json", "--out", str(tmp_path)]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    before = {Path(p).suffix: Path(p).read_bytes() for p in first.stdout.split()}

    def no_layout(*_args, **_kwargs):
        raise AssertionError("laid out again")

    monkeypatch.setattr(render.pdf, "layout", no_layout)
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    assert {Path(p).suffix: Path(p).read_bytes() for p in again.stdout.split()} == before


def test_one_environment_per_set_of_template_folders_and_an_edited_template_is_read_again(tmp_path):
    from briefs.render import templating

    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "audience.toml").write_text('extends = "investor"\n')
    (folder / "note.md.j2").write_text("first {{ brief.subject }}\n")
    audience = load_audience("desk", template_roots(tmp_path))
    env = templating.environment(audience)
    assert templating.environment(load_audience("desk", template_roots(tmp_path))) is env  # compiled templates kept
    assert templating.environment(load_audience("investor")) is not env
    assert env.get_template("note.md.j2").render(brief={"subject": "Acme"}).strip() == "first Acme"
    import os
    (folder / "note.md.j2").write_text("second {{ brief.subject }}\n")
    os.utime(folder / "note.md.j2", (1, 2_000_000_000))  # a later modification time, whatever the clock
    assert env.get_template("note.md.j2").render(brief={"subject": "Acme"}).strip() == "second Acme"


_ENGINE_IMPORT = """
import ctypes.util, sys
searched = []
search = ctypes.util.find_library
def counted(name):
    searched.append(name)
    return search(name)
ctypes.util.find_library = counted
{setup}
from briefs.render import pdf
module = pdf.engine()
print(module.__name__, len(searched), ctypes.util.find_library is counted)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the library search is skipped on Linux only")
def test_the_pdf_engine_is_imported_without_searching_the_system_for_its_libraries():
    # Each short library name cffi cannot open runs ldconfig, gcc and ld: ~0.25 s of a seeds build.
    out = subprocess.run([sys.executable, "-c", _ENGINE_IMPORT.format(setup="")], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["weasyprint", "0", "True"]  # no search, and the caller's function is back in place


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the library search is skipped on Linux only")
def test_the_pdf_engine_import_falls_back_on_the_library_search_quietly():
    # A machine whose loader opens none of the file names: the import is retried with the search,
    # and WeasyPrint's install help, printed when the first attempt fails, is not shown.
    setup = """
import cffi
dlopen = cffi.FFI.dlopen
def picky(self, name, *args):
    if ctypes.util.find_library is not counted and ".so" in str(name):
        raise OSError("not on this machine")
    return dlopen(self, name, *args)
cffi.FFI.dlopen = picky
"""
    done = subprocess.run([sys.executable, "-c", _ENGINE_IMPORT.format(setup=setup)], capture_output=True, text=True,
                          check=True)
    words = done.stdout.split()
    assert words[0] == "weasyprint" and int(words[1]) > 0 and words[2] == "True"
    assert "WeasyPrint could not import" not in done.stdout
