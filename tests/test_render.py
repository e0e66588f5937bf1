"""Rendering: three audiences in every format, one-page executive PDF, shipped fonts, safe templates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from briefs import render
from briefs.audience import load_audience
from briefs.cli import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from briefs.build import Options, build_brief

    out = tmp_path_factory.mktemp("audiences")
    files = {}
    for name in ("investor", "executive", "newsletter"):
        result = build_brief([ROOT / "seeds"], Options(audience=name))
        written = render.render(result.brief, result.audience, out, f"seed-{name}", ["md", "html", "pdf", "json"])
        files[name] = {p.suffix: p for p in written}
    return files


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
    newsletter = rendered["newsletter"][".html"].read_text()
    assert "<svg" in investor and "Sentiment" in investor
    assert "<svg" not in newsletter and "sentiment" not in newsletter.lower().split("</head>")[1]


def test_pdf_embeds_the_shipped_fonts(rendered):
    reader = PdfReader(str(rendered["investor"][".pdf"]))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object() or "/FontFile3" in descriptor.get_object()
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts and all(f.startswith("Briefs-Sans") for f in fonts), fonts  # our @font-face family, no system font
    assert (ROOT / "templates" / "base" / "fonts" / "DejaVuSans.ttf").is_file()


def test_pdf_has_page_numbers_and_title_block(rendered):
    reader = PdfReader(str(rendered["investor"][".pdf"]))
    first = reader.pages[0].extract_text()
    assert "Meta Platforms" in first and "Investor" in first.upper().title() or "INVESTOR" in first
    assert f"Page 1 of {len(reader.pages)}" in first


def test_markdown_escapes_structure_from_scraped_text():
    assert render.escape_markdown("# Heading [x](javascript:alert(1))") == "\\# Heading \\[x\\]\\(javascript:alert\\(1\\)\\)"
    assert render.escape_markdown("1. not a list") == "1\\. not a list"


def test_renders_are_byte_identical(seed_result, tmp_path):
    audience = load_audience("investor")
    one = render.render(seed_result.brief, audience, tmp_path / "a", "x", ["md", "html", "pdf", "json"])
    two = render.render(seed_result.brief, audience, tmp_path / "b", "x", ["md", "html", "pdf", "json"])
    for a, b in zip(one, two):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_json_output_equals_to_dict(seed_result, tmp_path):
    [path] = render.render(seed_result.brief, load_audience("investor"), tmp_path, "x", ["json"])
    assert json.loads(path.read_text()) == json.loads(json.dumps(seed_result.brief.to_dict()))


def _user_audience(tmp_path: Path, template: str) -> Path:
    folder = tmp_path / "user" / "broken"
    folder.mkdir(parents=True)
    (folder / "audience.toml").write_text('extends = "investor"\n')
    (folder / "brief.md.j2").write_text(template)
    return tmp_path / "user"


@pytest.mark.parametrize(
    "template, words",
    [
        ("{{ brief.title }}\n{{ nonexistent_variable }}\n", ["brief.md.j2", "undefined"]),
        ("{% for x in brief.themes %}\n{{ x.name }\n", ["brief.md.j2:2", "syntax"]),
        ("{{ ''.__class__.__mro__ }}", ["unsafe"]),
    ],
    ids=["undefined", "syntax", "sandbox"],
)
def test_template_errors_are_one_line_with_file_and_nonzero_exit(tmp_path, template, words):
    user = _user_audience(tmp_path, template)
    result = CliRunner().invoke(app, ["build", str(ROOT / "seeds"), "--audience", "broken", "--templates", str(user),
                                      "--format", "md", "--out", str(tmp_path / "out")])
    assert result.exit_code == 4, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    assert "Traceback" not in result.output
