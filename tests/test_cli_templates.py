"""`briefs templates`: a user makes an audience without touching Python."""

from pathlib import Path

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
    assert rows["executive"][1] == "investor"
    assert rows["executive"][2]


def test_new_audience_edited_in_toml_and_one_block_builds(tmp_path):
    mine = tmp_path / "mine"
    created = invoke("templates", "new", "board", "--from", "executive", "--dir", mine)
    assert created.exit_code == 0, created.output
    folder = Path(created.stdout.strip())
    assert (folder / "audience.toml").is_file()
    toml = (folder / "audience.toml").read_text()
    toml = toml.replace('title = "{subject}: board brief"', 'title = "{subject} for the board"')
    toml = toml.replace("[labels]\n", '[labels]\nsummary = "Board summary"\n')
    (folder / "audience.toml").write_text(toml)
    (folder / "brief.html.j2").write_text(
        '{% extends "!base/brief.html.j2" %}\n'
        '{% block title %}<header class="title-block"><h1>{{ brief.title }}</h1>'
        '<p class="meta">Prepared for the board · {{ brief.sources | length }} sources</p></header>{% endblock %}\n'
    )
    out = tmp_path / "out"
    built = invoke("build", ROOT / "seeds", "--audience", "board", "--templates", mine, "--out", out,
                   "--format", "md,html,pdf")
    assert built.exit_code == 0, built.output
    html = next(out.glob("*-board.html")).read_text()
    assert "Prepared for the board" in html
    assert "Meta Platforms for the board" in html
    assert "Board summary" in html and "Board summary" in next(out.glob("*-board.md")).read_text()
    assert next(out.glob("*-board.pdf")).stat().st_size > 1000
    checked = invoke("templates", "check", "board", "--templates", mine)
    assert checked.exit_code == 0 and "ok" in checked.stdout


def test_new_refuses_unknown_parent_and_existing_folder(tmp_path):
    assert invoke("templates", "new", "x", "--from", "nope", "--dir", tmp_path).exit_code == 2
    assert invoke("templates", "new", "x", "--from", "investor", "--dir", tmp_path).exit_code == 0
    again = invoke("templates", "new", "x", "--from", "investor", "--dir", tmp_path)
    assert again.exit_code == 2 and "exists" in again.stderr


def test_check_reports_a_broken_template_in_one_line(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "audience.toml").write_text('extends = "investor"\n')
    (folder / "brief.md.j2").write_text("{{ brief.nope.deeper }}\n")
    result = invoke("templates", "check", "bad", "--templates", tmp_path)
    assert result.exit_code == 4
    assert len(result.stderr.strip().splitlines()) == 1 and "brief.md.j2" in result.stderr


def test_unknown_audience_is_a_usage_error_listing_known_ones(tmp_path):
    result = invoke("build", ROOT / "seeds", "--audience", "martians", "--out", tmp_path)
    assert result.exit_code == 2
    assert "martians" in result.stderr and "investor" in result.stderr
