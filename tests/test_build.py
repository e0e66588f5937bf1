"""End to end: the seeds become a cited brief in Markdown, PDF and JSON, every sentence verbatim."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefs.cli import app

from .conftest import SEEDS


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_brief_sentence_is_verbatim_in_a_source_it_cites(seed_result, seed_texts):
    brief = seed_result.brief.to_dict()
    by_id = {s["id"]: _squash(seed_texts[s["path"]]) for s in brief["sources"]}
    sentences = brief["summary"] + [s for t in brief["themes"] for s in t["sentences"]]
    assert len(sentences) >= 10
    for sentence in sentences:
        assert sentence["sources"], sentence
        for source_id in sentence["sources"]:
            assert _squash(sentence["text"]) in by_id[source_id], (source_id, sentence["text"])


def test_json_brief_has_the_stable_fields(seed_result):
    brief = seed_result.brief.to_dict()
    for key in ("title", "subject", "audience", "date", "period", "summary", "themes", "sources"):
        assert key in brief
    assert brief["subject"] == "Meta Platforms"
    assert set(brief["period"]) == {"start", "end"}
    assert all({"name", "sentences"} <= set(t) for t in brief["themes"])
    assert all({"id", "title", "publisher", "date", "url", "path"} <= set(s) for s in brief["sources"])
    cited = {i for t in brief["themes"] for s in t["sentences"] for i in s["sources"]}
    assert cited <= {s["id"] for s in brief["sources"]}


def test_cli_build_writes_md_pdf_json(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = [line for line in result.stdout.splitlines() if line.strip()]
    suffixes = sorted(p.rsplit(".", 1)[1] for p in written)
    assert suffixes == ["json", "md", "pdf"]
    pdf = next(p for p in written if p.endswith(".pdf"))
    from pypdf import PdfReader

    assert len(PdfReader(pdf).pages) >= 1
    data = json.loads(open(next(p for p in written if p.endswith(".json")), encoding="utf-8").read())
    assert data["themes"]


def test_build_with_no_paths_uses_embedded_seeds(tmp_path):
    result = CliRunner().invoke(app, ["build", "--out", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / result.stdout.strip().split("/")[-1]).read_text())
    assert data["subject"] == "Meta Platforms"


def test_date_option_sets_brief_date_and_file_name(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--format", "json",
                                      "--date", "2025-07-31"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("2025-07-31-investor.json")
    assert json.loads(open(result.stdout.strip()).read())["date"] == "2025-07-31"


def test_unknown_method_is_one_line_listing_valid_ones(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--method", "magic"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "textrank" in lines[0] and "lexrank" in lines[0]


@pytest.mark.parametrize("method", ["default", "lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "edmundson"])
def test_cli_summarize_each_method(method):
    path = SEEDS / "004_b50b124db6550fa0.txt"
    result = CliRunner().invoke(app, ["summarize", str(path), "--sentences", "3", "--method", method])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    text = _squash(path.read_text(encoding="utf-8"))
    assert all(_squash(line) in text for line in lines)


def test_console_script_runs_as_installed():
    result = subprocess.run([sys.executable, "-m", "briefs", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("briefs ")


def test_python_build_brief_returns_the_brief_whose_dict_is_the_json_file(tmp_path):
    import datetime as dt

    import briefs

    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--format", "json",
                                      "--date", "2025-07-31", "--no-cache"])
    assert result.exit_code == 0, result.output
    written = json.loads(open(result.stdout.strip(), encoding="utf-8").read())
    brief = briefs.build_brief([SEEDS], date=dt.date(2025, 7, 31), cache=False)
    assert json.loads(json.dumps(brief.to_dict())) == written
    assert brief.to_dict()["themes"] and brief.to_dict()["date"] == "2025-07-31"


# Every corpus in the repo that carries its own briefs.toml.
_CORPORA = [SEEDS, SEEDS.parent / "tests" / "fixtures" / "weekly",
            SEEDS.parent / "tests" / "fixtures" / "clean" / "other_wordings"]


@pytest.mark.parametrize("audience", ["investor", "executive", "newsletter"])
@pytest.mark.parametrize("corpus", _CORPORA, ids=lambda p: p.name)
def test_cli_json_and_library_brief_are_equal(corpus, audience, tmp_path):
    """Bug 2: the CLI and the library resolve settings (and cut to the page limit) in one place."""
    import briefs

    brief = briefs.build_brief([corpus], audience=audience, out=tmp_path / "out").to_dict()
    result = CliRunner().invoke(app, ["build", str(corpus), "--audience", audience, "--format", "json",
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert json.loads(open(result.stdout.strip(), encoding="utf-8").read()) == json.loads(json.dumps(brief))


def test_library_reads_method_formats_and_out_from_the_corpus_briefs_toml(tmp_path, monkeypatch):
    """A corpus briefs.toml's method applies to build_brief as to `briefs build`; formats and out too."""
    import shutil

    import briefs
    from briefs.build import Options, resolve_options

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    toml = (corpus / "briefs.toml").read_text(encoding="utf-8")
    (corpus / "briefs.toml").write_text('method = "lexrank"\n' + toml + '\n[output]\nformats = ["json"]\nout = "elsewhere"\n',
                                        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    resolved = resolve_options([corpus], Options())
    assert (resolved.options.method, resolved.options.formats, resolved.options.out) == ("lexrank", ("json",),
                                                                                         Path("elsewhere"))
    assert briefs.build_brief([corpus], cache=False).to_dict()["method"] == "lexrank"
    result = CliRunner().invoke(app, ["build", str(corpus), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert [Path(p).parent.name + Path(p).suffix for p in result.stdout.split()] == ["elsewhere.json"]


def test_summary_and_library_show_the_brief_cut_to_the_page_limit(tmp_path):
    """An audience whose PDF must fit one page: summary, library and the JSON file hold the same cut brief."""
    import briefs

    user = tmp_path / "user"
    (user / "big").mkdir(parents=True)
    (user / "big" / "audience.toml").write_text('extends = "executive"\npages = 1\n', encoding="utf-8")
    (user / "big" / "style.css").write_text("body { font-size: 30pt; }\n", encoding="utf-8")  # the seeds overflow
    (user / "free").mkdir()
    (user / "free" / "audience.toml").write_text('extends = "big"\npages = 0\n', encoding="utf-8")
    out = tmp_path / "out"
    library = json.loads(json.dumps(briefs.build_brief([SEEDS], audience="big", templates=user, out=out).to_dict()))
    uncut = briefs.build_brief([SEEDS], audience="free", templates=user, out=out).to_dict()
    shown = CliRunner().invoke(app, ["summary", str(SEEDS), "-a", "big", "--templates", str(user), "--json",
                                     "--out", str(out)])
    written = CliRunner().invoke(app, ["build", str(SEEDS), "-a", "big", "--templates", str(user), "-f", "json",
                                       "--out", str(out)])
    assert shown.exit_code == 0 and written.exit_code == 0, shown.output + written.output
    assert json.loads(shown.stdout) == library == json.loads(open(written.stdout.strip(), encoding="utf-8").read())
    kept = sum(len(t["sentences"]) for t in library["themes"])
    assert kept < sum(len(t["sentences"]) for t in uncut["themes"])  # something was cut to fit
    assert "fits 1 page" in shown.stderr or "needs" in shown.stderr


def test_a_theme_with_more_candidates_than_the_ranking_limit_is_prefiltered(seed_result, seed_texts, monkeypatch,
                                                                           tmp_path):
    """The selection path for big themes (over select.MAX_CANDIDATES, 400 on real weeks), shrunk to seed size."""
    from briefs import rank, select
    from briefs.build import Options, build_brief

    limit = 12
    assert max(t.sentence_count for t in seed_result.brief.themes) > limit  # the seeds exercise the path
    monkeypatch.setattr(select, "MAX_CANDIDATES", limit)
    sizes: list[int] = []
    real_scores = rank.scores
    monkeypatch.setattr(rank, "scores", lambda sentences, method="default": sizes.append(len(sentences))
                        or real_scores(sentences, method))
    first = build_brief([SEEDS], Options(out=tmp_path / "out", cache=False)).brief.to_dict()
    assert sizes and max(sizes) <= limit  # no theme's ranking saw more than the limit
    big = [t for t in first["themes"] if t["sentence_count"] > limit]
    assert big and all(t["sentences"] for t in big)
    texts = {_squash(t) for t in seed_texts.values()}
    for sentence in [s for t in first["themes"] for s in t["sentences"]] + first["summary"]:
        assert any(_squash(sentence["text"]) in t for t in texts)
    again = build_brief([SEEDS], Options(out=tmp_path / "out", cache=False)).brief.to_dict()
    assert again == first  # deterministic


def _two_companies(tmp_path) -> Path:
    import shutil

    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS.parent / "tests" / "fixtures" / "weekly", folder)  # about Northwind Traders
    (folder / "globex-a.md").write_text(
        "---\ntitle: Globex results\ndate: 2026-11-18\n---\n"
        "Globex reported quarterly revenue of $3.1 billion on Wednesday, up 9% from a year earlier.\n\n"
        "Globex said its profit margin widened to 14% as freight rates recovered.\n", encoding="utf-8")
    (folder / "globex-b.md").write_text(
        "---\ntitle: Globex hires\ndate: 2026-11-19\n---\n"
        "Globex hired a new chief financial officer from a rival logistics group on Thursday.\n\n"
        "Globex shares rose 4% after the company raised its full-year revenue forecast.\n", encoding="utf-8")
    return folder


def test_subject_flag_makes_a_brief_about_another_company_in_the_corpus(tmp_path):
    folder = _two_companies(tmp_path)
    result = CliRunner().invoke(app, ["summary", str(folder), "--subject", "Globex", "--json", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    brief = json.loads(result.stdout)
    assert brief["subject"] == "Globex" and brief["title"].startswith("Globex")
    assert {Path(s["path"]).name for s in brief["sources"]} <= {"globex-a.md", "globex-b.md"}
    default = json.loads(CliRunner().invoke(app, ["summary", str(folder), "--json", "--out", str(tmp_path)]).stdout)
    assert default["subject"] == "Northwind Traders"  # without the flag: the corpus briefs.toml


def test_a_subject_no_article_names_is_one_line_and_exit_3(tmp_path):
    result = CliRunner().invoke(app, ["summary", str(_two_companies(tmp_path)), "--subject", "Initech",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 3, result.output
    assert len(result.stderr.strip().splitlines()) == 1 and "Initech" in result.stderr


def _plain_article(folder: Path, name: str, lines: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("\n\n".join(lines) + "\n", encoding="utf-8")


_BODY = ["Northwind Traders said on Tuesday that revenue at its Gdansk terminal rose 12% in the third quarter.",
         "The company expects container volumes to keep growing as two new cranes enter service next year.",
         "Northwind shares gained 3% in Warsaw trading after the announcement."]


def _source_dates(folder: Path, out: Path) -> dict[str, str | None]:
    result = CliRunner().invoke(app, ["summary", str(folder), "--subject", "Northwind Traders", "--json",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    return {Path(s["path"]).name: s["date"] for s in json.loads(result.stdout)["sources"]}


def test_a_date_written_in_the_dateline_dates_the_article(tmp_path):
    _plain_article(tmp_path / "a", "dated.txt", ["Northwind terminal revenue climbs",
                                                 "GDANSK, November 18, 2026 (Harbor Wire)", *_BODY])
    assert _source_dates(tmp_path / "a", tmp_path / "out") == {"dated.txt": "2026-11-18"}
    # A date deep in the story is the story's (here, a terminal's opening), not the article's.
    _plain_article(tmp_path / "b", "late.txt", ["Northwind terminal revenue climbs", *_BODY, "Analysts were upbeat.",
                                                "Rivals said little.", "The terminal opened on 4 March 2019."])
    assert _source_dates(tmp_path / "b", tmp_path / "out") == {"late.txt": None}


def test_explain_lists_what_cleaning_dropped_by_reason(tmp_path):
    folder = tmp_path / "corpus"
    _plain_article(folder, "a.txt", [*_BODY, "Sign up for our newsletter to get the latest news.",
                                     "Click here to subscribe."])
    _plain_article(folder, "b.txt", _BODY)  # the same article again: its sentences are duplicates
    args = ["build", str(folder), "--subject", "Northwind Traders", "-f", "json", "--out", str(tmp_path / "out")]
    explained = CliRunner().invoke(app, [*args, "--explain"])
    assert explained.exit_code == 0, explained.output
    lines = [line for line in explained.stderr.splitlines() if line.startswith("dropped")]
    assert lines, explained.stderr
    assert all(re.match(r"dropped +\d+ × \S", line) for line in lines)
    assert "e.g." in explained.stderr and "a.txt" in explained.stderr
    quiet = CliRunner().invoke(app, args)
    assert quiet.exit_code == 0 and "dropped" not in quiet.stderr


def test_promotions_found_no_discovered_theme(tmp_path):
    # Four "stocks to buy" pitches share their sales words ("moat", "compounder", "retirement"):
    # such lines may sit in a theme the week's news made, never found one of their own.
    news = ["Acme Corp opened a plant in Ohio on Monday that will employ 400 workers, the company said.",
            "Acme Corp said on Tuesday that its quarterly revenue rose 12% to $2.1 billion.",
            "Acme Corp named Jane Roe chief financial officer on Wednesday, effective in May.",
            "Acme Corp agreed on Thursday to buy Initech for $300 million in cash."]
    for i, line in enumerate(news, 1):
        (tmp_path / f"news{i}.md").write_text(f"---\ntitle: Acme Corp news {i}\ndate: 2025-04-1{i}\n---\n{line}\n")
    funds = ["Ridge", "Vale", "Oak", "Elm"]
    for i, fund in enumerate(funds, 1):
        (tmp_path / f"pitch{i}.md").write_text(
            f"---\ntitle: {i + 2} Stocks to Buy Now and Hold\ndate: 2025-04-1{i}\n---\n"
            f"The {fund} newsletter calls Acme Corp a wide-moat compounder for a retirement portfolio of {i + 10} names. "
            f"Its moat and compounder traits made Acme Corp the {fund} pick for retirement savers in {2010 + i}. "
            f"{fund} editors list {i + 3} other names with a moat, each a compounder held in retirement accounts.\n")
    result = CliRunner().invoke(app, ["build", str(tmp_path), "--subject", "Acme Corp", "--out", str(tmp_path / "out"),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(next((tmp_path / "out").glob("*.json")).read_text())
    assert not [t["name"] for t in data["themes"] if t["name"].startswith("Also:")]
    assert any("revenue rose 12%" in s["text"] for s in data["summary"])
    # A pitch never leads, though its "Stocks to Buy Now" headline is left out of the brief.
    assert not any("moat" in s["text"] for s in data["summary"])


def test_a_story_is_quoted_in_the_wording_whose_words_the_scrape_kept_apart(tmp_path):
    # One event told by three outlets; the fullest wording lost its spaces around links ("afterthe").
    tellings = [
        "Acme Corp shares tumbled 8% to $61 on Wednesday afterthe company saidit's taking a $3.2 billion charge, "
        "a fifth of its $27 billion in quarterly revenue.",
        "Acme Corp shares fell 6% on Wednesday after the company said it would take a $3.2 billion charge.",
        "Acme Corp stock slid 7.5% on Wednesday after a $3.2 billion charge, the company said.",
    ]
    others = ["Acme Corp opened a plant in Ohio on Monday that will employ 400 workers, the company said after a vote.",
              "Acme Corp named Jane Roe chief financial officer on Thursday, the company said after the close."]
    for i, line in enumerate(tellings + others, 1):
        (tmp_path / f"a{i}.md").write_text(f"---\ntitle: Acme Corp story {i}\nsource: Outlet {i}\n"
                                           f"date: 2025-04-1{i}\n---\n{line}\n")
    result = CliRunner().invoke(app, ["build", str(tmp_path), "--subject", "Acme Corp", "--out", str(tmp_path / "out"),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(next((tmp_path / "out").glob("*.json")).read_text())
    quoted = [s["text"] for s in data["summary"]] + [s["text"] for t in data["themes"] for s in t["sentences"]]
    assert any("$3.2 billion charge" in text for text in quoted)
    assert not any("afterthe" in text for text in quoted)


def test_who_is_mentioned_is_the_weeks_cast_not_another_companys_call(tmp_path):
    # Globex's call transcript names Acme once and its own officers over and over: they are not
    # Acme's week. Acme's own article names its chief executive.
    from briefs.build import Options, build_brief

    (tmp_path / "briefs.toml").write_text('[subject]\nname = "Acme Robotics"\naliases = ["Acme"]\n')
    acme = ("Acme Robotics said on Monday that orders for its warehouse arms rose 20% in the quarter.\n\n"
            "Chief executive Jane Roe said Acme would open a plant in Ohio next year.\n\n"
            "Jane Roe added that Acme expects margins to widen as the plant ramps up.\n")
    call = "\n\n".join(["Globex Corp (NASDAQ: GLBX) held its fourth-quarter call on Tuesday."]
                       + [f"Mary Major, Globex's chief financial officer, said cloud revenue grew {n}% in region {n}."
                          for n in range(11, 19)]
                       + ["Globex also said it had moved a small deposit from a bank that serves Acme Robotics."]) + "\n"
    (tmp_path / "a.md").write_text(f"---\ntitle: Acme orders rise\ndate: 2026-11-16\n---\n{acme}", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"---\ntitle: Globex Q4 earnings call transcript\ndate: 2026-11-17\n---\n{call}",
                                   encoding="utf-8")
    brief = build_brief([tmp_path], Options(out=tmp_path / "out", cache=False, workers=1)).brief
    names = [e.name for e in brief.entities]
    assert "Jane Roe" in names
    assert "Mary Major" not in names


def test_a_quote_gets_back_the_spaces_its_scrape_lost(tmp_path):
    # A flattened scrape drops the space beside each link: the brief quotes the sentence with the
    # spaces back (and only them), in its text and in its story.
    from briefs.build import Options, build_brief

    (tmp_path / "briefs.toml").write_text('[subject]\nname = "Acme Robotics"\naliases = ["Acme"]\n')
    glued = ("Acme Robotics (NASDAQ:ACME)CEO Jane Roe flew to Lagosfor talks on Monday, and Acme said "
             "itsX90 robots would be built there from June asthe plant opens.")
    (tmp_path / "a.md").write_text(
        "---\ntitle: Acme chief in Lagos\ndate: 2026-11-16\n---\n" + glued + "\n\n"
        "Lagos is the largest market Acme serves in Africa, the company said.\n\n"
        "Acme opened its first office in Lagos in 2019.\n\n"
        "Acme Robotics said orders for its warehouse arms rose 20% in the quarter.\n", encoding="utf-8")
    brief = build_brief([tmp_path], Options(out=tmp_path / "out", cache=False, workers=1)).brief.to_dict()
    quoted = [s["text"] for s in brief["summary"] + [s for t in brief["themes"] for s in t["sentences"]]]
    quoted += [s["text"] for story in brief["stories"] for s in story["sentences"]]
    fixed = ("Acme Robotics (NASDAQ:ACME) CEO Jane Roe flew to Lagos for talks on Monday, and Acme said "
             "its X90 robots would be built there from June as the plant opens.")
    assert fixed in quoted
    assert not any("Lagosfor" in text or "itsX90" in text or "asthe" in text for text in quoted)
    assert fixed.replace(" ", "") == glued.replace(" ", "")


def test_once_the_week_holds_the_report_what_looked_ahead_to_it_leads_nothing(tmp_path):
    from briefs.build import Options, build_brief

    (tmp_path / "briefs.toml").write_text('[subject]\nname = "Acme Robotics"\naliases = ["Acme"]\n')
    preview = ("Acme is due to report its first-quarter results on Thursday, having guided to revenue of $10.4 "
               "billion and net profit of $2.4 billion.")
    for i, outlet in enumerate(["Daily Wire", "Market Post", "Street Desk"]):
        (tmp_path / f"p{i}.md").write_text(
            f"---\ntitle: Acme in focus\nsource: {outlet}\ndate: 2026-11-17\n---\n{preview}\n\n"
            "Traders expect a large move in Acme shares after the report, options prices show.\n", encoding="utf-8")
    report = ("---\ntitle: Acme Q1 Earnings Beat Estimates\nsource: Wire\ndate: 2026-11-19\n---\n"
              "Acme reported first-quarter revenue of $10.5 billion, up 12% from a year earlier.\n\n"
              "Acme said net profit rose to $2.9 billion in the quarter.\n\n"
              "Acme kept its forecast of $44 billion in revenue for the year.\n")
    (tmp_path / "r.md").write_text(report, encoding="utf-8")
    brief = build_brief([tmp_path], Options(out=tmp_path / "out", cache=False, workers=1)).brief.to_dict()
    assert preview not in [s["text"] for s in brief["summary"]]
    assert any("$10.5 billion" in s["text"] for s in brief["summary"])
    # Without the report, the preview is the week's news and may lead.
    (tmp_path / "r.md").unlink()
    brief = build_brief([tmp_path], Options(out=tmp_path / "out2", cache=False, workers=1)).brief.to_dict()
    assert preview in [s["text"] for s in brief["summary"]]


def test_a_week_told_only_in_a_column_still_has_a_summary_and_a_news_week_is_not_led_by_columns(tmp_path):
    from briefs.build import Options, build_brief

    (tmp_path / "briefs.toml").write_text('[subject]\nname = "Acme Robotics"\naliases = ["Acme"]\n')
    column = ("---\ntitle: Why Shares of Acme Robotics Are Falling Today\nsource: Column Desk\ndate: 2026-11-17\n---\n"
              "Shares of Acme Robotics have fallen more than 13% today, and I think the selloff at its rival explains it.\n\n"
              "I believe Acme's order book is sound, though I would watch its deposits closely.\n\n"
              "My view is that Acme reported deposit outflows on its last call, which worries investors.\n\n"
              "Acme had unrealized losses of $471 million in its bond book at the end of 2025.\n")
    (tmp_path / "c.md").write_text(column, encoding="utf-8")
    brief = build_brief([tmp_path], Options(out=tmp_path / "out", cache=False, workers=1)).brief.to_dict()
    assert brief["summary"], "a week told only in a column still gets its summary"
    # With a news article about the subject, the column leads nothing.
    (tmp_path / "n.md").write_text("---\ntitle: Acme Robotics cuts forecast\nsource: Wire\ndate: 2026-11-18\n---\n"
                                   "Acme Robotics cut its forecast for the year on Wednesday as orders slowed.\n\n"
                                   "Acme said it would close a plant in Ohio and cut 300 jobs.\n", encoding="utf-8")
    brief = build_brief([tmp_path], Options(out=tmp_path / "out2", cache=False, workers=1)).brief.to_dict()
    assert brief["summary"] and all("Column Desk" not in src["publisher"]
                                    for s in brief["summary"] for src in brief["sources"] if src["id"] in s["sources"])
