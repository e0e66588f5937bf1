"""`briefs templates`: a user makes an audience without touching Python."""

from pathlib import Path

from pypdf import PdfReader
from typer.testing import CliRunner

from briefs.cli import app

ROOT = Path(__file__).resolve().parent.parent


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_list_shows_name_parent_description():
    result = invoke("templates", "list")
    assert result.exit_code == 0
    rows = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()}
    assert {"investor", "executive", "newsletter"} <= set(rows)
    assert rows["executive"][1] == "investor" and rows["investor"][1] == "base"
    assert all(len(row) == 3 and row[2] for row in rows.values())


def test_list_includes_user_audiences_and_marks_broken_ones(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "audience.toml").write_text('extends = "newsletter"\ndescription = "Mine"\n')
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "audience.toml").write_text("extends = [\n")
    result = invoke("templates", "list", "--templates", tmp_path)
    assert result.exit_code == 0
    assert "mine\tnewsletter\tMine" in result.stdout
    assert "odd\t?\tbroken:" in result.stdout and "invalid TOML" in result.stdout


def test_new_audience_edited_in_toml_and_one_block_builds(tmp_path):
    mine = tmp_path / "mine"
    created = invoke("templates", "new", "board", "--from", "executive", "--dir", mine)
    assert created.exit_code == 0, created.output
    folder = Path(created.stdout.strip())
    assert folder == mine / "board"
    # The user edits the TOML (uncommenting and changing keys) and one block of the stub template.
    toml = (folder / "audience.toml").read_text()
    assert 'extends = "executive"' in toml and '# summary = "What happened"' in toml
    toml = toml.replace('title = "{subject}: board brief"', 'title = "{subject} for the board"')
    toml = toml.replace('# summary = "What happened"', 'summary = "Board summary"')
    toml = toml.replace("# entities = false", "entities = true")
    (folder / "audience.toml").write_text(toml)
    stub = (folder / "brief.html.j2").read_text()
    assert '{% extends "!executive/brief.html.j2" %}' in stub
    (folder / "brief.html.j2").write_text(stub.replace(
        "{{ super() }}", '{{ super() }}\n<p class="meta">Prepared for the board · {{ brief.sources | length }} sources</p>'))
    out = tmp_path / "out"
    built = invoke("build", ROOT / "seeds", "--audience", "board", "--templates", mine, "--out", out,
                   "--format", "md,html,pdf")
    assert built.exit_code == 0, built.output
    html = next(out.glob("*-board.html")).read_text()
    md = next(out.glob("*-board.md")).read_text()
    assert "Prepared for the board" in html and "Meta Platforms for the board" in html
    assert "Board summary" in html and "Board summary" in md
    assert "Who and what is mentioned" in md  # the section turned back on
    assert "Key figures" in md  # the rest inherited from executive
    assert len(PdfReader(str(next(out.glob("*-board.pdf")))).pages) == 1  # executive's page limit, inherited
    checked = invoke("templates", "check", "board", "--templates", mine)
    assert checked.exit_code == 0, checked.output
    assert "board: ok" in checked.stdout and "1 page" in checked.stdout and "executive" in checked.stdout


def test_new_defaults_to_the_user_folder_that_build_searches(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFS_CONFIG_DIR", str(tmp_path / "config"))
    created = invoke("templates", "new", "weekly", "--from", "newsletter")
    assert created.exit_code == 0, created.output
    assert Path(created.stdout.strip()) == tmp_path / "config" / "templates" / "weekly"
    assert "weekly\tnewsletter" in invoke("templates", "list").stdout
    monkeypatch.chdir(tmp_path)  # nothing lands in the work tree
    built = invoke("build", ROOT / "seeds", "--audience", "weekly", "--format", "md", "--out", tmp_path / "out")
    assert built.exit_code == 0, built.output
    assert "The short version" in next((tmp_path / "out").glob("*-weekly.md")).read_text()


def test_new_refuses_bad_name_unknown_parent_and_existing_folder(tmp_path):
    assert invoke("templates", "new", "Bad Name", "--dir", tmp_path).exit_code == 2
    assert invoke("templates", "new", "x", "--from", "nope", "--dir", tmp_path).exit_code == 2
    assert invoke("templates", "new", "x", "--from", "investor", "--dir", tmp_path).exit_code == 0
    again = invoke("templates", "new", "x", "--from", "investor", "--dir", tmp_path)
    assert again.exit_code == 2 and "exists" in again.stderr


def _audience(root, name: str, toml: str, **files: str) -> None:
    """Write a user audience folder: its audience.toml and any template files (name_ext=text)."""
    folder = root / name
    folder.mkdir()
    (folder / "audience.toml").write_text(toml)
    for filename, text in files.items():
        (folder / filename.replace("_", ".")).write_text(text)


def test_check_reports_a_broken_template_in_one_line(tmp_path):
    _audience(tmp_path, "bad", 'extends = "investor"\n', brief_md_j2="{{ brief.nope.deeper }}\n")
    result = invoke("templates", "check", "bad", "--templates", tmp_path)
    assert result.exit_code == 4
    assert len(result.stderr.strip().splitlines()) == 1 and "brief.md.j2:1" in result.stderr


def test_check_warns_about_typos_and_unused_files(tmp_path):
    _audience(tmp_path, "typo", 'extends = "newsletter"\nsumary_sentences = 2\n', brief_html_jinja_j2="{{ brief.title }}")
    result = invoke("templates", "check", "typo", "--templates", tmp_path)
    assert result.exit_code == 0, result.output
    assert "typo: ok" in result.stdout
    assert "sumary_sentences" in result.stderr and "brief.html.jinja.j2" in result.stderr


def test_unknown_audience_is_a_usage_error_listing_known_ones(tmp_path):
    for args in (("build", ROOT / "seeds", "--audience", "martians", "--out", tmp_path),
                 ("templates", "check", "martians")):
        result = invoke(*args)
        assert result.exit_code == 2
        assert "martians" in result.stderr and "investor" in result.stderr
