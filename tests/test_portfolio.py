"""`briefs portfolio`: one command for a coverage list, the same briefs as `briefs build` on every engine."""

from __future__ import annotations

import gc
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from briefs import boilerplate, build, portfolio
from briefs._pool import process_file
from briefs.config import Subject
from briefs.load import load_file
from briefs.model import Article

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "portfolio"
# One stage of a small portfolio on a 2-core machine shared with others: generous, but bounded.
TIMEOUT = 300


def briefs(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the briefs command as a user does."""
    return subprocess.run([sys.executable, "-m", "briefs", *args], capture_output=True, text=True,
                          timeout=TIMEOUT, env={**os.environ, **(env or {})}, cwd=cwd)


@pytest.fixture(scope="module")
def coverage(tmp_path_factory) -> Path:
    """The fixture portfolio copied beside its news, with a link to the seeds as its third folder."""
    root = tmp_path_factory.mktemp("coverage")
    shutil.copytree(FIXTURE, root / "list")
    text = (root / "list" / "PORTFOLIO.toml").read_text().replace("../../../seeds/", str(ROOT / "seeds") + "/")
    (root / "list" / "PORTFOLIO.toml").write_text(text)
    return root / "list" / "PORTFOLIO.toml"


def subject_config(entry: portfolio.Entry) -> str:
    """Return the briefs.toml a user would write for one subject of the portfolio."""
    lines = [f'audience = "{entry.audience}"'] if entry.audience else []
    lines.append("[subject]")
    lines.append(f"name = {json.dumps(entry.subject.name)}")
    for key in ("aliases", "tickers", "related"):
        lines.append(f"{key} = {json.dumps(getattr(entry.subject, key))}")
    return "\n".join(lines) + "\n"


def briefs_files(folder: Path) -> dict[str, bytes]:
    """Return every md and json brief under a folder by relative path (the overview excluded)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.suffix in (".md", ".json") and not p.name.startswith("index.")}


@pytest.fixture(scope="module")
def pool_run(coverage, tmp_path_factory):
    out = tmp_path_factory.mktemp("pool")
    done = briefs("portfolio", str(coverage), "--out", str(out), "--format", "md,json,html", "--workers", "2",
                  env={"BRIEFS_CONFIG_DIR": str(out / "no-config")})
    return out, done


def test_every_subject_and_the_overview_are_written_and_printed(pool_run):
    out, done = pool_run
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    assert printed[-3:] == [str(out / "index.md"), str(out / "index.html"), str(out / "index.json")]
    for slug in ("halvorsen-marine", "quillon-robotics", "meta-platforms"):
        assert any(line.startswith(str(out / slug) + "/") and line.endswith(".json") for line in printed)
    assert all(Path(line).is_file() for line in printed)
    overview = json.loads((out / "index.json").read_text())
    rows = {row["name"]: row for row in overview["subjects"]}
    assert list(rows) == ["Halvorsen Marine", "Quillon Robotics", "Meta Platforms"]
    quillon = rows["Quillon Robotics"]
    assert quillon["audience"] == "executive" and quillon["articles"] == 4
    assert "Quillon" in quillon["top_story"]["text"] and quillon["top_story"]["source"]["url"].startswith("https://")
    assert all((out / path).is_file() for path in quillon["files"].values())
    assert overview["failed"] == []
    html = (out / "index.html").read_text()
    assert 'href="quillon-robotics/quillon-robotics-' in html and "Halvorsen Marine" in html


def test_each_brief_is_byte_identical_to_briefs_build_and_to_a_dask_local_cluster(coverage, pool_run, tmp_path):
    pytest.importorskip("distributed")
    out, done = pool_run
    assert done.returncode == 0, done.stderr
    dask_out = tmp_path / "dask"
    on_dask = briefs("portfolio", str(coverage), "--out", str(dask_out), "--format", "md,json",
                     "--scheduler", "local", "--workers", "2", "--quiet")
    assert on_dask.returncode == 0, on_dask.stderr
    pooled = briefs_files(out)
    assert pooled and briefs_files(dask_out) == pooled
    chosen = portfolio.read_portfolio(coverage)
    built: dict[str, bytes] = {}
    for entry in chosen.entries:
        config = tmp_path / "config" / entry.slug
        config.mkdir(parents=True)
        (config / "briefs.toml").write_text(subject_config(entry))
        alone = briefs("build", *[str(p) for p in chosen.news], "--out", str(tmp_path / "build" / entry.slug),
                       "--format", "md,json", "--no-cache", "--quiet", env={"BRIEFS_CONFIG_DIR": str(config)})
        assert alone.returncode == 0, alone.stderr
    built = briefs_files(tmp_path / "build")
    assert built == pooled
    assert len(built) == 2 * len(chosen.entries)


def test_a_worker_killed_mid_run_is_replaced_and_every_brief_is_complete(coverage, pool_run, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    out, _ = pool_run
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        # Workers in another folder than ours, as on a cluster: relative paths must reach them whole.
        monkeypatch.chdir(coverage.parent)
        chosen = portfolio.read_portfolio(Path(coverage.name))
        job = portfolio.Job(news=chosen.news, out=Path(tmp_path.name), formats=("md", "json"))
        assert not chosen.news[0].is_absolute() and os.getcwd() not in client.run(os.getcwd).values()
        pids = client.run(os.getpid)
        killed: list[str] = []

        def kill_a_busy_worker() -> None:
            deadline = time.monotonic() + TIMEOUT
            while time.monotonic() < deadline and not killed:
                for worker, keys in client.processing().items():
                    if any("build_subject" in str(k) for k in keys):
                        os.kill(pids[worker], signal.SIGKILL)  # a worker lost mid-task
                        killed.append(worker)
                        return
                time.sleep(0.005)

        killer = threading.Thread(target=kill_a_busy_worker, daemon=True)
        killer.start()
        outcomes, _ = portfolio.run(chosen, job, scheduler=cluster.scheduler_address)
        killer.join(timeout=10)
    assert killed, "no subject task was seen running"
    assert [o.error for o in outcomes] == ["", "", ""]
    assert all(Path(p).is_absolute() for o in outcomes for p in o.written)
    assert briefs_files(coverage.parent / tmp_path.name) == briefs_files(out)


def test_a_failing_subject_is_named_once_and_the_others_are_written(coverage, tmp_path):
    text = coverage.read_text() + '\n[[subject]]\nname = "Zephyr Aerostructures"\ntickers = ["ZPHR"]\n'
    broken = coverage.parent / "WITH-UNKNOWN.toml"
    broken.write_text(text)
    done = briefs("portfolio", str(broken), "--out", str(tmp_path), "--format", "md,json", "--workers", "1", "--quiet")
    assert done.returncode == 5
    errors = [line for line in done.stderr.splitlines() if "Zephyr Aerostructures" in line]
    assert len(errors) == 2 and "no article is about the subject" in errors[0]  # its line, then the tally
    assert "1 of 4 subject(s) failed" in errors[1]
    assert {p.parent.name for p in map(Path, done.stdout.splitlines()) if p.suffix == ".json"} == \
        {"halvorsen-marine", "quillon-robotics", "meta-platforms", tmp_path.name}
    overview = json.loads((tmp_path / "index.json").read_text())
    assert [f["name"] for f in overview["failed"]] == ["Zephyr Aerostructures"]
    assert "Zephyr Aerostructures" in (tmp_path / "index.md").read_text()


def test_last_weeks_brief_gives_the_change_in_sentiment(coverage, tmp_path):
    first = briefs("portfolio", str(coverage), "--out", str(tmp_path), "--format", "json", "--workers", "1",
                   "--until", "2026-11-18", "--quiet")
    assert first.returncode == 0, first.stderr
    second = briefs("portfolio", str(coverage), "--out", str(tmp_path), "--format", "json", "--workers", "1",
                    "--since", "2026-11-19", "--until", "2026-11-22", "--quiet")
    assert second.returncode == 0, second.stderr
    rows = {r["name"]: r for r in json.loads((tmp_path / "index.json").read_text())["subjects"]}
    halvorsen = rows["Halvorsen Marine"]
    assert halvorsen["previous"] and halvorsen["sentiment_change"] is not None
    before = json.loads((tmp_path / "halvorsen-marine" / halvorsen["previous"]).read_text())["sentiment"]["score"]
    assert halvorsen["sentiment_change"] == pytest.approx(halvorsen["sentiment"]["score"] - before, abs=1e-3)


# --- routing: an article is cleaned once for everyone, again only for subjects it may name ---

def test_routed_articles_clean_exactly_as_build_cleans_them_and_the_others_are_counted():
    subjects = [e.subject for e in portfolio.read_portfolio(FIXTURE / "PORTFOLIO.toml").entries]
    subjects.append(Subject(name="Zephyr Aerostructures", tickers=["ZPHR"]))  # named nowhere
    files = sorted((FIXTURE / "news").glob("*.md")) + sorted((ROOT / "seeds").glob("*.txt"))
    routed = 0
    for path in files:
        result = portfolio.read_file(path, subjects)
        articles, _ = load_file(path)
        for index, subject in enumerate(subjects):
            expected, problems = process_file(path, subject)
            assert list(result.problems) == problems
            news = portfolio.news_for([result], index, portfolio.Job(news=(), out=Path("out"), formats=("md",)))
            named = [theirs for article, theirs in zip(articles, expected, strict=True)
                     if portfolio.may_name(article, subject)]
            routed += len(named)
            assert list(news.items) == named, (path.name, subject.name)
            # An article the subject is never named in: dropped whole, its date and drops counted.
            others = [theirs for article, theirs in zip(articles, expected) if not portfolio.may_name(article, subject)]
            assert all(theirs.mentions == 0 for theirs in others)
            assert news.others == build.Tally.of(others)
            assert boilerplate.find(news.items, news.elsewhere) == boilerplate.find(expected)
    assert routed >= 12


@pytest.mark.parametrize("title, text, named", [
    ("Ferry orders", "Halvorsen Marine won nine orders.", True),
    ("Ferry orders", "The yard of HALVORSEN won nine orders.", True),          # names match in any case
    ("Ferry orders", "Shares of HLVM rose.", True),                           # a ticker, as written
    ("Ferry orders", "The word hlvm in lower case is no ticker.", False),
    ("Ferry orders", "Ingrid\nSolberg spoke to analysts.", True),            # a related name across a line break
    ("Halvorsen wins", "Nine ferries were ordered.", True),                   # the title counts
    ("Ferry orders", "A rival Norwegian shipbuilder won nine orders.", False),
    ("Ferry orders", "The shipyard of HALVORſEN won nine orders.", True),     # a long s matches s in a name
    ("Ferry orders", "Nine orders were won.\x00", True),                      # never shared: see _NOBODY
])
def test_may_name_is_never_false_for_an_article_naming_the_subject(title, text, named):
    subject = Subject(name="Halvorsen Marine", aliases=["Halvorsen"], tickers=["HLVM"], related=["Ingrid Solberg"])
    assert portfolio.may_name(Article(path="a.txt", text=text, title=title), subject) is named


@pytest.mark.parametrize("text, named", [
    ("ØRSTED won the tender for the wind farm.", True),   # a name beyond ASCII, in another case
    ("Orsted won the tender for the wind farm.", False),  # another spelling is another name
])
def test_may_name_matches_a_name_beyond_ascii_in_any_case(text, named):
    subject = Subject(name="Ørsted Wind")
    assert portfolio.may_name(Article(path="a.txt", text=text, title="Tender"), subject) is named


def test_a_batch_routes_each_article_to_exactly_the_subjects_it_may_name():
    subjects = [e.subject for e in portfolio.read_portfolio(FIXTURE / "PORTFOLIO.toml").entries]
    subjects.append(Subject(name="Zephyr Aerostructures", tickers=["ZPHR"]))  # named nowhere
    files = sorted((FIXTURE / "news").glob("*.md")) + sorted((ROOT / "seeds").glob("*.txt"))
    batch = portfolio.read_files([str(f) for f in files], subjects)  # the subjects' needles worked out once
    articles = [article for path in files for article in load_file(path)[0]]
    routed = []
    for index, subject in enumerate(subjects):
        expected = tuple(n for n, article in enumerate(articles) if portfolio.may_name(article, subject))
        routed.append(batch.shares[index].numbers if index in batch.shares else ())
        assert routed[-1] == expected, subject.name
    assert all(routed[:-1]) and not routed[-1]


def test_the_sieve_finds_for_all_subjects_at_once_what_may_name_finds_for_each():
    subjects = [Subject(name="Halvorsen Marine", aliases=["Halvorsen"], tickers=["HLVM"]),
                Subject(name="Halvorsen Yards"),                  # shares its first word with the first
                Subject(name="Ørsted Wind"),                      # beyond ASCII: searched by its pattern
                Subject(name="", tickers=["ZPHR"]),               # a ticker and no name
                Subject(name="Bexley Ropes", tickers=["BXR.B"]),  # a ticker beyond capital letters
                Subject(name="")]                                 # nothing to look for: every article
    texts = ["Halvorsen Marine won nine orders.", "Shares of ZPHR and HLVM rose.", "ØRSTED won the tender.",
             "The shipyard of HALVORſEN won nine orders.", "Nine orders were won.\x00", "Nothing here.",
             "XZPHRX and BXR.B closed higher.", "The BXRB class and the Zphr brand."]
    needles = [portfolio.Needles.of(subject) for subject in subjects]
    sieve = portfolio.Sieve(needles)
    for text in texts:
        haystack = portfolio.Haystack.of(Article(path="a.txt", text=text, title="Orders"))
        assert sieve.named(haystack) == [i for i, wanted in enumerate(needles) if wanted.found_in(haystack)], text


def test_a_subject_whose_name_is_an_ordinary_word_is_cleaned_for_itself():
    # "Apple" the fruit: routed (a superset is safe), and cleaning still decides what is about the company.
    subject = Subject(name="Apple", tickers=["AAPL"])
    article = Article(path="a.txt", title="Orchard season", text="The apple harvest in Kent was the best in years, growers said today.")
    assert portfolio.may_name(article, subject)


# --- PORTFOLIO.toml ------------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ('news = ["news/"]\n', "no subjects"),
    ('[[subject]]\nname = "Acme"\n', "no news folders"),
    ('news = ["news/"]\nfolders = 1\n[[subject]]\nname = "Acme"\n', "unknown setting 'folders'"),
    ('news = ["news/"]\n[[subject]]\nticker = "ACME"\nname = "Acme"\n', "unknown key 'ticker'"),
    ('news = ["news/"]\n[[subject]]\naliases = ["Acme"]\n', 'needs name = "…"'),
    ('news = ["news/"]\n[[subject]]\nname = "Acme Corp"\n[[subject]]\nname = "ACME corp"\n', "same folder name"),
    ('news = ["news/"]\n[[subject]]\nname = "Acme"\ntickers = "ACME"\naliases = [1]\n', "'subject.aliases' must be a list"),
    ('news = ["news/"\n', "invalid TOML"),
])
def test_portfolio_file_mistakes_are_one_line_and_exit_2(tmp_path, text, words):
    (tmp_path / "news").mkdir()
    (tmp_path / "PORTFOLIO.toml").write_text(text)
    done = briefs("portfolio", str(tmp_path / "PORTFOLIO.toml"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and words in done.stderr and "PORTFOLIO.toml" in done.stderr


@pytest.mark.parametrize("args, code, words", [
    (["--scheduler", "cluster-7"], 2, "tcp://host:8786"),
    (["--format", "docx"], 2, "unknown format 'docx'"),
    (["--audience", "nobody-reads-this"], 2, "nobody-reads-this"),
    (["--week", "2026-W99"], 2, "2026-W99"),
])
def test_bad_options_are_one_line(coverage, tmp_path, args, code, words):
    done = briefs("portfolio", str(coverage), "--out", str(tmp_path), *args)
    assert done.returncode == code and words in done.stderr, done.stderr
    assert not any(tmp_path.iterdir())


def test_unreadable_files_are_one_warning_each_and_empty_news_is_no_input(coverage, tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "broken.json").write_text("{ not json")
    (tmp_path / "news" / "story.txt").write_text(
        "Halvorsen Marine opened a repair dock in Tromsø on Monday, the shipbuilder said in a statement.\n\n"
        "Halvorsen Marine expects the dock to service up to twelve coastal ferries a year.\n\n"
        "The new site will employ about forty people, and Halvorsen Marine plans a second dock by 2028.\n\n"
        "Local officials said the project would bring steady work to the harbour for many years.\n")
    (tmp_path / "PORTFOLIO.toml").write_text('news = ["news/"]\n[[subject]]\nname = "Halvorsen Marine"\n'
                                             '[[subject]]\nname = "Quillon Robotics"\n')
    done = briefs("portfolio", str(tmp_path / "PORTFOLIO.toml"), "--out", str(tmp_path / "out"), "--format", "md",
                  "--workers", "1", "--quiet")
    assert done.returncode == 5  # Quillon is named nowhere
    assert [line for line in done.stderr.splitlines() if "broken.json" in line][0].startswith("briefs: warning:")
    assert sum("broken.json" in line for line in done.stderr.splitlines()) == 1
    (tmp_path / "empty").mkdir()
    (tmp_path / "EMPTY.toml").write_text('news = ["empty/"]\n[[subject]]\nname = "Halvorsen Marine"\n')
    done = briefs("portfolio", str(tmp_path / "EMPTY.toml"), "--out", str(tmp_path / "out2"))
    assert done.returncode == 3 and "no readable articles" in done.stderr


def test_news_paths_are_relative_to_the_portfolio_file(tmp_path):
    (tmp_path / "PORTFOLIO.toml").write_text('news = ["missing/"]\n[[subject]]\nname = "Acme"\n')
    done = briefs("portfolio", "PORTFOLIO.toml", "--out", "out", cwd=tmp_path)
    assert done.returncode == 3 and "missing" in done.stderr
    assert portfolio.read_portfolio(FIXTURE / "PORTFOLIO.toml").news[0] == FIXTURE / "news"


# --- long-lived workers --------------------------------------------------------------------

def test_a_task_leaves_process_wide_settings_as_it_found_them(coverage, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    chosen = portfolio.read_portfolio(coverage)
    files = [portfolio.read_file(p, [chosen.entries[0].subject]) for p in sorted((coverage.parent / "news").glob("*.md"))]
    job = portfolio.Job(news=(coverage.parent / "news",), out=tmp_path, formats=("pdf", "json"))
    before_gc = gc.get_threshold()
    weasy = logging.getLogger("weasyprint")
    level = weasy.level
    weasy.setLevel(logging.WARNING)  # rendering a PDF quiets it; a worker's next task must not inherit that
    try:
        outcome = portfolio.build_subject(job, chosen.entries[0], portfolio.news_for(files, 0, job))
        assert weasy.level == logging.WARNING
    finally:
        weasy.setLevel(level)
    assert outcome.error == "" and any(p.endswith(".pdf") for p in outcome.written)
    assert "SOURCE_DATE_EPOCH" not in os.environ
    assert gc.get_threshold() == before_gc


REALWORLD = ROOT.parent / "shared" / "realworld"


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="needs ../shared/realworld (internal corpora)")
def test_real_weeks_in_one_folder_give_each_subject_its_briefs_build(tmp_path):
    import tomllib

    weeks = sorted(p.parent.parent for p in REALWORLD.glob("*/articles/briefs.toml"))
    lines = ['news = ["news/"]']
    for week in weeks:
        (tmp_path / "news" / week.name).mkdir(parents=True)
        for article in (week / "articles").glob("*.md"):
            shutil.copy(article, tmp_path / "news" / week.name)
        (tmp_path / "config" / week.name).mkdir(parents=True)
        shutil.copy(week / "articles" / "briefs.toml", tmp_path / "config" / week.name)
        subject = tomllib.loads((week / "articles" / "briefs.toml").read_text())["subject"]
        lines += ["[[subject]]"] + [f"{key} = {json.dumps(value)}" for key, value in subject.items()]
    (tmp_path / "PORTFOLIO.toml").write_text("\n".join(lines) + "\n")
    done = briefs("portfolio", "PORTFOLIO.toml", "--out", "portfolio", "--format", "md,json", "--workers", "2",
                  "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for week in weeks:
        alone = briefs("build", "news", "--out", f"build/{week.name}", "--format", "md,json", "--no-cache", "--quiet",
                       cwd=tmp_path, env={"BRIEFS_CONFIG_DIR": str(tmp_path / "config" / week.name)})
        assert alone.returncode == 0, alone.stderr
    built = {Path(k).name: v for k, v in briefs_files(tmp_path / "build").items()}
    assert len(built) == 2 * len(weeks)
    assert {Path(k).name: v for k, v in briefs_files(tmp_path / "portfolio").items()} == built
