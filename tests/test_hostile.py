"""Hostile and broken input: nothing crashes, nothing leaks, nothing is lost (docs/reliability.md).

Every case checks three things a user would notice: a clear message naming the file, the other
inputs still in the brief, and no Python traceback on stderr.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from briefs.cli import app

ROOT = Path(__file__).resolve().parent.parent

GOOD = """Acme Corp reports record quarter

Acme Corp said on Tuesday that quarterly revenue rose 21% to $4.2 billion, beating analyst estimates.
The company raised its full-year guidance after strong demand for its cloud software.
Acme Corp will spend $900 million on new data centers next year, its chief financial officer said.
Analysts at Big Bank said the results show Acme Corp gaining share from larger rivals.
Acme Corp hired a new head of artificial intelligence research from a competitor in June.
The company also signed a partnership with a chip maker to build custom processors.
"""

SECOND = """Acme Corp faces regulator questions

Regulators in Europe opened an inquiry into Acme Corp's pricing of its cloud contracts.
Acme Corp said it would cooperate fully with the regulators and expects no material impact.
Shares of Acme Corp fell 3% after the news, erasing part of the week's gains.
The inquiry follows complaints from two smaller competitors about bundled discounts.
"""


def corpus(tmp_path: Path, extra: dict[str, bytes | str] | None = None) -> Path:
    """Return a corpus folder with two good Acme articles, a briefs.toml and `extra` files."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "briefs.toml").write_text('[subject]\nname = "Acme Corp"\naliases = ["Acme"]\ntickers = ["ACME"]\n')
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b_second.txt").write_text(SECOND, encoding="utf-8")
    for name, content in (extra or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def run(*args: str):
    """Run the CLI in-process; return the click Result."""
    return CliRunner().invoke(app, [str(a) for a in args])


def build(folder: Path, out: Path, *extra: str, formats: str = "md,json,html"):
    return run("build", folder, "--out", out, "--format", formats, "--date", "2026-11-20", *extra)


def brief_json(result) -> dict:
    path = next(line for line in result.stdout.splitlines() if line.endswith(".json"))
    return json.loads(Path(path).read_text(encoding="utf-8"))


def assert_clean_stderr(result) -> None:
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception


def assert_good_articles_used(result) -> None:
    data = brief_json(result)
    paths = {Path(s["path"]).name for s in data["sources"]}
    assert "a_good.txt" in paths, paths


def warned_about(result, name: str) -> str:
    lines = [line for line in result.stderr.splitlines() if name in line]
    assert lines, result.stderr
    return lines[0]


# --- broken input -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\t\n  \n", "empty"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00", "unsupported"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" * 50, "binary"),
    ],
    ids=["empty-file", "whitespace-only", "image-by-extension", "binary-named-txt"],
)
def test_unreadable_kinds_are_skipped_with_one_line(tmp_path, name, content, reason):
    result = build(corpus(tmp_path, {name: content}), tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert reason in warned_about(result, name)
    assert_good_articles_used(result)
    assert_clean_stderr(result)


def test_fifty_megabyte_file_is_refused_not_loaded(tmp_path):
    folder = corpus(tmp_path)
    with (folder / "huge.txt").open("w") as handle:
        line = "Acme Corp is mentioned in this filler sentence that repeats many times. " * 100 + "\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    result = build(folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "too large" in warned_about(result, "huge.txt")
    assert_good_articles_used(result)
    assert_clean_stderr(result)


def test_one_megabyte_line_without_punctuation_does_not_hang_or_leak(tmp_path):
    words = ("acme " + "lorem ipsum dolor sit amet " * 4) * (1024 * 1024 // 120)
    result = build(corpus(tmp_path, {"longline.txt": words}), tmp_path / "out")
    assert result.exit_code == 0, result.output
    data = brief_json(result)
    texts = [s["text"] for t in data["themes"] for s in t["sentences"]]
    assert all(len(t) < 5000 for t in texts)
    assert_clean_stderr(result)


@pytest.mark.parametrize(
    "encoding, bom",
    [("latin-1", b""), ("cp1252", b""), ("utf-16-le", b"\xff\xfe")],
    ids=["latin-1", "cp1252", "utf-16-bom"],
)
def test_legacy_encodings_are_decoded(tmp_path, encoding, bom):
    text = ("Acme Corp’s café division in Zürich grew revenue 12% to €300 million, the company said on Monday.\n"
            "Acme Corp’s café business now employs 1,200 people across Europe, up from 900 a year ago.\n")
    if encoding == "latin-1":
        text = text.replace("’", "'").replace("€", "EUR ")
    raw = bom + text.encode(encoding)
    result = build(corpus(tmp_path, {"legacy.txt": raw}), tmp_path / "out")
    assert result.exit_code == 0, result.output
    data = brief_json(result)
    assert "legacy.txt" in {Path(s["path"]).name for s in data["sources"]}
    all_text = json.dumps(data, ensure_ascii=False)
    assert "café" in all_text and "Ã" not in all_text and "\ufffd" not in all_text
    assert_clean_stderr(result)


def test_mixed_language_article_keeps_english_prose_only(tmp_path):
    text = ("Acme Corp opened a new research center in Berlin to develop industrial software.\n"
            "Die Acme Corp hat in Berlin ein neues Forschungszentrum für Industriesoftware eröffnet.\n"
            "Acme Corp a ouvert un nouveau centre de recherche à Berlin pour développer des logiciels.\n"
            "Acme Corp expects the Berlin center to employ 300 engineers by the end of next year.\n")
    result = build(corpus(tmp_path, {"mixed.txt": text}), tmp_path / "out")
    assert result.exit_code == 0, result.output
    data = json.dumps(brief_json(result), ensure_ascii=False)
    assert "Forschungszentrum" not in data and "nouveau centre" not in data
    assert_clean_stderr(result)


def test_symlink_loop_is_reported_not_followed_forever(tmp_path):
    folder = corpus(tmp_path)
    (folder / "sub").mkdir()
    os.symlink(folder, folder / "sub" / "loop")
    result = build(folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "loop" in result.stderr
    data = brief_json(result)
    names = [Path(s["path"]).name for s in data["sources"]]
    assert names.count("a_good.txt") == 1
    assert_clean_stderr(result)


def test_unreadable_file_is_reported(tmp_path, monkeypatch):
    folder = corpus(tmp_path, {"locked.txt": GOOD})
    real = os.open

    def refuse(path, *args, **kwargs):  # chmod 000 does not stop root, who runs CI containers
        if os.fspath(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = build(folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "permission denied" in warned_about(result, "locked.txt").lower()
    assert_good_articles_used(result)
    assert_clean_stderr(result)


def test_malformed_front_matter_names_the_file(tmp_path):
    bad = "---\ntitle: [unclosed\ndate: : :\n---\nAcme Corp shipped a product that customers like a lot this year.\n"
    result = build(corpus(tmp_path, {"bad.md": bad}), tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "front matter" in warned_about(result, "bad.md")
    assert_good_articles_used(result)
    assert_clean_stderr(result)


def test_malformed_jsonl_line_is_skipped_with_its_line_number(tmp_path):
    lines = [
        json.dumps({"title": "Acme grows", "text": "Acme Corp grew its customer base by 40% in the last quarter, it said on Friday."}),
        "{this is not json",
        json.dumps({"title": "Acme hires", "text": "Acme Corp hired 500 engineers for its new cloud platform team in Dublin."}),
    ]
    result = build(corpus(tmp_path, {"feed.jsonl": "\n".join(lines)}), tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "feed.jsonl:2" in result.stderr
    data = brief_json(result)
    assert any("feed.jsonl" in s["path"] for s in data["sources"])
    assert_clean_stderr(result)


BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>&lol9;</title><description>Acme Corp &lol9;</description></item>
</channel></rss>
"""


def test_rss_entity_expansion_bomb_is_refused(tmp_path):
    started = time.monotonic()
    result = build(corpus(tmp_path, {"bomb.rss": BOMB}), tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "bomb.rss" in result.stderr
    assert "lollollol" not in json.dumps(brief_json(result))
    assert_good_articles_used(result)
    assert_clean_stderr(result)
    assert time.monotonic() - started < 120  # a guard against a hang, not a speed test


def test_thousand_identical_articles_give_one_fact_once(tmp_path):
    folder = corpus(tmp_path)
    copies = folder / "copies"
    copies.mkdir()
    for i in range(1000):
        (copies / f"copy{i:04d}.txt").write_text(SECOND, encoding="utf-8")
    result = build(folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    data = brief_json(result)
    texts = [s["text"] for t in data["themes"] for s in t["sentences"]]
    assert len(texts) == len(set(texts))
    assert sum("inquiry into Acme Corp" in t for t in texts) <= 1
    assert_clean_stderr(result)


def test_corpus_not_about_the_subject_is_exit_3(tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "briefs.toml").write_text('[subject]\nname = "Acme Corp"\n')
    (folder / "x.txt").write_text("Globex Inc said its revenue rose 5% in the quarter to $1 billion.\n" * 3)
    result = build(folder, tmp_path / "out")
    assert result.exit_code == 3
    assert len(result.stderr.strip().splitlines()) >= 1
    assert "subject" in result.stderr.splitlines()[-1]
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert_clean_stderr(result)


def test_corpus_of_only_non_english_text_is_exit_3(tmp_path):
    folder = tmp_path / "foreign"
    folder.mkdir()
    (folder / "briefs.toml").write_text('[subject]\nname = "Acme Corp"\n')
    (folder / "de.txt").write_text("Die Acme Corp hat im dritten Quartal einen Umsatz von vier Milliarden Euro erzielt.\n"
                                   "Der Vorstand der Acme Corp rechnet mit weiterem Wachstum im nächsten Jahr.\n")
    (folder / "fr.txt").write_text("Acme Corp a annoncé un chiffre d'affaires en hausse de douze pour cent ce trimestre.\n"
                                   "La direction d'Acme Corp prévoit une croissance continue l'année prochaine.\n")
    result = build(folder, tmp_path / "out")
    assert result.exit_code == 3, result.output
    assert_clean_stderr(result)


# --- hostile content --------------------------------------------------------------------------

def hostile_article(url: str) -> str:
    return f"""---
title: "Acme <img src='{url}/title.png'> <script>alert(1)</script> @import url({url}/t.css);"
source: "<link rel=stylesheet href='{url}/pub.css'>Wire"
url: "javascript:alert(1)"
date: 2026-11-19
---
Acme Corp said <script>alert('x')</script> its revenue rose 9% after a strong quarter for cloud sales.
Acme Corp shared a chart <img src="{url}/pixel.png"> showing the growth in new enterprise customers.
Acme Corp's filing <img src="file:///etc/passwd"> listed 12 new data center projects for next year.
Acme Corp's page used <link rel="stylesheet" href="{url}/evil.css"> and style="background: url({url}/bg.png)" markup.
Acme Corp's note said @import url("{url}/import.css"); was in the scraped page, next to its pricing table.
# Acme Corp heading injection should stay a plain sentence in the brief, not a Markdown heading.
Acme Corp's report linked [click here](javascript:alert(1)) for investors who want the details.
Acme Corp's template test says {{{{ 7*7 }}}} and {{% if true %}}yes{{% endif %}} must print literally.
Acme Corp's rich test says [red]x[/red] and \x1b[31mred\x1b[0m should print as they are written.
"""


def test_hostile_text_and_metadata_fetch_nothing_and_render_escaped(tmp_path, loopback):
    url, hits = loopback
    folder = corpus(tmp_path, {"hostile.md": hostile_article(url)})
    result = build(folder, tmp_path / "out", formats="md,html,pdf,json")
    assert result.exit_code == 0, result.output
    assert hits == []
    assert_clean_stderr(result)


@pytest.fixture
def hostile_outputs(tmp_path_factory, loopback):
    """Return the rendered MD, HTML and JSON of a brief quoting every hostile line, and the URL planted.

    Built from the hostile article, then with every hostile line put in its summary: cleaning and
    selection keep only some of them, and an escaping test passes trivially on text never rendered.
    """
    from dataclasses import replace

    from briefs import render
    from briefs.build import Options, build_brief
    from briefs.model import Sentence

    url, hits = loopback
    tmp = tmp_path_factory.mktemp("hostile")
    folder = corpus(tmp, {"hostile.md": hostile_article(url)})
    result = build_brief([folder], Options(out=tmp / "out", cache=False))
    source = next(s.id for s in result.brief.sources if s.path.endswith("hostile.md"))
    lines = [line for line in hostile_article(url).split("\n") if line.startswith(("Acme Corp", "# Acme"))]
    summary = [Sentence(text=line, source=source, position=i, paragraph=0, sources=[source])
               for i, line in enumerate(lines)]
    brief = replace(result.brief, summary=summary)
    written = render.render(brief, result.audience, tmp / "out", "hostile", ["md", "html", "json", "pdf"])
    assert hits == []
    files = {p.suffix: p.read_text(encoding="utf-8") for p in written if p.suffix != ".pdf"}
    for suffix, text in files.items():
        for marker in ("alert(", "pixel.png", "etc/passwd", "evil.css", "import.css", "heading injection",
                       "click here", "template test", "rich test"):
            assert marker in text.replace("\\", ""), (suffix, marker)
    return files, url


def test_script_and_img_tags_are_escaped_in_html(hostile_outputs):
    files, url = hostile_outputs
    html = files[".html"]
    assert "<script" not in html
    assert "<img" not in html
    assert "<link rel=\"stylesheet\" href=\"" + url not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_css_url_and_import_in_text_do_not_become_css(hostile_outputs):
    files, url = hostile_outputs
    html = files[".html"]
    style_blocks = html.split("<style")[1:] if "<style" in html else []
    assert all(url not in block.split("</style>")[0] for block in style_blocks)
    assert f'href="{url}' not in html and f"href='{url}" not in html


def test_markdown_structure_in_text_stays_text(hostile_outputs):
    files, _ = hostile_outputs
    md = files[".md"]
    assert "](javascript:" not in md
    assert not any(line.startswith("# Acme Corp heading") for line in md.splitlines())


def test_jinja_syntax_in_text_prints_literally(hostile_outputs):
    files, _ = hostile_outputs
    for suffix in (".md", ".html", ".json"):
        line = next(line for line in files[suffix].splitlines() if "template test says" in line)
        assert "49" not in line and "yes must" not in line, (suffix, line)
        assert "7*7" in line.replace("\\*", "*"), (suffix, line)
        assert "endif" in line, (suffix, line)


def test_metadata_fields_are_escaped(hostile_outputs):
    files, url = hostile_outputs
    html = files[".html"]
    assert "<script>alert(1)</script>" not in html
    assert "href=\"javascript:" not in html


def test_rich_markup_and_ansi_in_text_print_literally(tmp_path):
    text = ("Acme Corp said [red]revenue[/red] grew 10% while \x1b[31mcosts\x1b[0m fell 2% in the quarter.\n"
            "Acme Corp expects [bold]strong[/bold] demand for its cloud products next year, it said.\n")
    folder = corpus(tmp_path, {"markup.txt": text})
    result = run("summary", folder, "--plain", "--date", "2026-11-20")
    if result.exit_code == 2 and "No such command" in result.output:
        pytest.skip("briefs summary not available")
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    assert_clean_stderr(result)


# --- hostile templates ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ brief.__class__.__init__.__globals__ }}",
        "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
        "{% for c in ''.__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
        "{{ brief.to_dict.__func__.__globals__ }}",
    ],
    ids=["mro", "globals-via-brief", "cycler-globals", "subclasses", "func-globals"],
)
def test_sandbox_escapes_fail_cleanly(tmp_path, payload):
    user = tmp_path / "user"
    (user / "evil").mkdir(parents=True)
    (user / "evil" / "audience.toml").write_text('extends = "investor"\ndescription = "evil"\n')
    (user / "evil" / "brief.md.j2").write_text(payload + "\n")
    result = run("build", ROOT / "seeds", "--out", tmp_path / "out", "--format", "md",
                 "--audience", "evil", "--templates", user)
    assert result.exit_code != 0
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "uid=" not in result.output
    assert not list((tmp_path / "out").glob("*.md")) if (tmp_path / "out").exists() else True
    assert_clean_stderr(result)


# --- output safety ----------------------------------------------------------------------------

def test_unwritable_out_folder_is_one_clear_error(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the out folder should be")
    result = build(corpus(tmp_path), blocker)
    assert result.exit_code == 4
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(blocker) in lines[0]
    assert_clean_stderr(result)


def test_interrupted_build_keeps_previous_brief_and_leaves_no_partial_file(tmp_path):
    folder = corpus(tmp_path)
    out = tmp_path / "out"
    first = build(folder, out, formats="md,json,pdf")
    assert first.exit_code == 0, first.output
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (folder / "a_good.txt").write_text(GOOD.replace("21%", "23%"), encoding="utf-8")
    # Slow the PDF step down so the signal surely lands mid-render.
    script = (
        "import sys, time, weasyprint\n"
        "from briefs.cli import main\n"
        "original = weasyprint.HTML.render\n"
        "def slow(self, *a, **k):\n"
        "    print('rendering', file=sys.stderr, flush=True)\n"
        "    time.sleep(30)\n"
        "    return original(self, *a, **k)\n"
        "weasyprint.HTML.render = slow\n"
        "sys.argv = ['briefs'] + sys.argv[1:]\n"
        "main()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, "build", str(folder), "--out", str(out),
                             "--format", "md,json,pdf", "--date", "2026-11-20"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stderr.readline().startswith(b"rendering")
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert b"Traceback" not in stderr
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert after == before


def test_existing_brief_is_replaced_only_by_a_complete_one(tmp_path):
    folder = corpus(tmp_path)
    out = tmp_path / "out"
    assert build(folder, out).exit_code == 0
    (folder / "a_good.txt").write_text(GOOD.replace("21%", "23%"), encoding="utf-8")
    second = build(folder, out)
    assert second.exit_code == 0
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []
    assert "23%" in (out / next(p for p in os.listdir(out) if p.endswith(".md"))).read_text()


# --- determinism ------------------------------------------------------------------------------

def test_two_builds_are_byte_identical(tmp_path):
    folder = corpus(tmp_path)
    one, two = tmp_path / "one", tmp_path / "two"
    r1 = build(folder, one, formats="md,html,json,pdf")
    r2 = build(folder, two, formats="md,html,json,pdf")
    assert r1.exit_code == 0 and r2.exit_code == 0
    for path in sorted(one.iterdir()):
        assert path.read_bytes() == (two / path.name).read_bytes(), path.name
