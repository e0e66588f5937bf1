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
    files, url = hostile_outputs
    for suffix in (".md", ".html", ".json"):
        line = next(line for line in files[suffix].splitlines() if "template test says" in line)
        # The line also quotes the test server's address, whose random port may hold "49" ("…:46493").
        line = line.replace(url.split("//", 1)[1], "<server>")
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


# --- issue 18: one bad file never costs the brief, no content makes briefs read a local file ---

def all_output(result) -> str:
    """Return stdout, stderr and the text of every file the run wrote."""
    written = [Path(line) for line in result.stdout.splitlines() if Path(line).is_file()]
    return result.stdout + result.stderr + "".join(p.read_text(encoding="utf-8", errors="replace") for p in written)


def one_line_naming(result, name: str) -> str:
    lines = [line for line in result.stderr.splitlines() if name in line]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_group1_feed_whose_body_is_a_path_or_url_is_never_opened(tmp_path):
    secret = tmp_path / "private-notes.txt"
    secret.write_text("Acme Corp's private ledger shows the vault code ZEBRA-7731 and a 40% rise in bonuses.\n")
    folder = corpus(tmp_path, {"plain.rss": str(secret), "bytes.xml": f"  {secret}\n".encode(),
                               "uri.atom": secret.as_uri(), "endless.rss": "/dev/zero"})
    result = build(folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "ZEBRA-7731" not in all_output(result)
    for name in ("plain.rss", "bytes.xml", "uri.atom", "endless.rss"):
        assert "skipped" in one_line_naming(result, name)
    assert_good_articles_used(result)
    assert_clean_stderr(result)


def _symlink_to_device(path: Path) -> bytes:
    path.symlink_to("/dev/zero")
    return b""


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("odd.txt", b"\xff\xfe" + "Acme Corp shares rose.".encode("utf-16-le") + b"\x41", "UTF-16"),
        ("surrogate.txt", b"\xfe\xff" + "Acme Corp rose ".encode("utf-16-be") + b"\xdc\x00" + "today.".encode("utf-16-be"),
         "UTF-16"),
        ("digits.json", '{"text": "Acme Corp counted its customers.", "count": ' + "7" * 6000 + "}", "digits"),
        ("nested.json", '{"text": "Acme Corp said so.", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested"),
        ("zero.txt", _symlink_to_device, "not a regular file"),
    ],
    ids=["utf16-odd-length", "utf16-lone-surrogate", "json-huge-number", "json-deep-nesting", "symlink-to-device"],
)
def test_group2_one_bad_file_is_one_line_not_a_failed_build(tmp_path, name, content, reason):
    folder = corpus(tmp_path)
    target = folder / name
    if callable(content):
        content(target)
    else:
        target.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = build(folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert reason in one_line_naming(result, name)
    assert_good_articles_used(result)
    assert_clean_stderr(result)


def test_group2_feed_dated_year_zero_keeps_its_article_undated(tmp_path):
    feed = ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entry>'
            "<title>Acme Corp opens a plant</title><published>0000-03-01T00:00:00Z</published>"
            "<content>Acme Corp opened a battery plant in Nevada that will employ 3,000 people. "
            "The plant will supply cells for Acme Corp's delivery vans from next spring.</content>"
            "</entry></feed>")
    result = build(corpus(tmp_path, {"wire.atom": feed}), tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert_good_articles_used(result)
    assert brief_json(result)["stats"]["articles"] == 3
    assert_clean_stderr(result)


def test_group2_utf32_with_bom_is_decoded_not_dropped(tmp_path):
    text = ("Acme Corp opened a battery plant in Nevada that will employ 3,000 people, it said on Monday.\n"
            "The plant will supply cells for Acme Corp's delivery vans from next spring, the company added.\n")
    result = build(corpus(tmp_path, {"wide.txt": text.encode("utf-32")}), tmp_path / "out")
    assert result.exit_code == 0, result.output
    data = brief_json(result)
    assert data["stats"]["articles_used"] == 3
    assert "wide.txt" not in result.stderr
    assert_clean_stderr(result)


def test_group3_fifo_and_alias_bomb_end_quickly_with_a_line_each(tmp_path):
    bomb = "---\n" + "\n".join(
        f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}" if i else "ha"] * 9) + "]" for i in range(9)) + "\n---\n"
    folder = corpus(tmp_path, {"bomb.md": bomb + "Acme Corp said its quarterly revenue rose 5%.\n"})
    os.mkfifo(folder / "pipe.txt")
    proc = subprocess.run([sys.executable, "-m", "briefs", "build", str(folder), "--out", str(tmp_path / "out"),
                           "--format", "json", "--no-cache"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    for name, reason in (("pipe.txt", "FIFO"), ("bomb.md", "aliases")):
        lines = [line for line in proc.stderr.splitlines() if name in line]
        assert len(lines) == 1 and reason in lines[0], proc.stderr
    data = json.loads(Path(proc.stdout.strip()).read_text(encoding="utf-8"))
    assert "a_good.txt" in {Path(s["path"]).name for s in data["sources"]}


# Window title (OSC 0), clipboard write (OSC 52), BEL, backspace, a C1 CSI and a bidi override.
TERMINAL_TRICKS = ("Acme Corp \x1b]0;you have been owned\x07 said revenue rose 5% on strong demand for its vans. "
                   "The firm \x1b]52;c;cm0gLXJmIH4=\x07 grew\x08\x08\x08 fast, with \x9b31m red ink in Europe. "
                   "Acme Corp's \u202emaerts\u202c chief spoke about the plan for two new plants in Spain.\n")
RAW_CONTROLS = ("\x1b", "\x07", "\x08", "\x9b", "\u202e")


def test_group4_summarize_prints_no_terminal_control_from_a_file(tmp_path):
    article = tmp_path / "tricks.txt"
    article.write_text(TERMINAL_TRICKS, encoding="utf-8")
    result = run("summarize", article, "--sentences", "3")
    assert result.exit_code == 0, result.output
    assert not any(c in result.stdout for c in RAW_CONTROLS), repr(result.stdout)
    assert "\\x1b]0;you have been owned\\x07" in result.stdout  # shown, not obeyed
    assert len(result.stdout.splitlines()) == 3


def test_group4_summarize_prints_no_terminal_control_from_stdin():
    result = CliRunner().invoke(app, ["summarize", "-", "--sentences", "3"], input=TERMINAL_TRICKS)
    assert result.exit_code == 0, result.output
    assert not any(c in result.stdout for c in RAW_CONTROLS), repr(result.stdout)
    assert "maerts" in result.stdout


def _cache_file(tmp_path: Path, out: Path) -> Path:
    from briefs.cache import location

    return location(out)


@pytest.mark.parametrize("place", ["read-only", "path-is-a-file", "file-is-a-folder", "wrong-shaped-brief"])
def test_group5_an_unusable_cache_warns_once_and_the_build_goes_on(tmp_path, monkeypatch, place):
    import sqlite3

    import briefs.cache

    folder, out = corpus(tmp_path), tmp_path / "out"
    monkeypatch.setenv("BRIEFS_CACHE_DIR", str(tmp_path / "cache"))
    assert build(folder, out).exit_code == 0  # a cache exists, as on any second run
    cache = _cache_file(tmp_path, out)
    if place == "read-only":
        # chmod does not bind root (CI containers): SQLite is made to answer as in a read-only folder.
        def refuse(*args, **kwargs):
            raise sqlite3.OperationalError("attempt to write a readonly database")

        monkeypatch.setattr(briefs.cache.sqlite3, "connect", refuse)
        (folder / "c_new.txt").write_text(SECOND.replace("3%", "4%"), encoding="utf-8")  # something to store
    elif place == "path-is-a-file":
        monkeypatch.setenv("BRIEFS_CACHE_DIR", str(folder / "a_good.txt"))
        cache = _cache_file(tmp_path, out)
    elif place == "file-is-a-folder":
        for leftover in cache.parent.glob(cache.name + "*"):
            leftover.unlink()
        (cache / "inside").mkdir(parents=True)
    else:
        db = sqlite3.connect(cache)
        db.execute("UPDATE briefs SET data = ?", (json.dumps({"brief": {"themes": "none"}, "notes": 3}),))
        db.commit()
        db.close()
    before = cache.read_bytes() if cache.is_file() else None
    result = build(folder, out)
    assert result.exit_code == 0, result.output
    assert "cache" in one_line_naming(result, cache.name)
    if place == "read-only":
        assert cache.read_bytes() == before  # a cache briefs may not write is left as it was, not deleted
    assert_good_articles_used(result)
    assert_clean_stderr(result)


def test_group6_deeply_nested_json_in_the_out_folder_is_ignored(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "deep.json").write_text("{\"a\": " * 50_000 + "1" + "}" * 50_000)
    result = build(corpus(tmp_path), out)
    assert result.exit_code == 0, result.output
    assert_good_articles_used(result)
    assert_clean_stderr(result)


WRONG_SHAPE = {"subject": "Acme Corp", "audience": "investor", "period": {"start": "2026-11-02", "end": "2026-11-08"},
               "summary": 12, "themes": [{"name": "x", "sentences": "all of them"}], "figures": {"a": 1}}


@pytest.mark.parametrize("given", [False, True], ids=["found-in-out", "given-with-previous"])
def test_group6_wrong_shaped_previous_brief_is_treated_as_absent(tmp_path, given):
    out = tmp_path / "out"
    out.mkdir()
    previous = out / "acme-corp-2026-W45-investor.json"
    previous.write_text(json.dumps(WRONG_SHAPE))
    extra = ("--previous", str(previous)) if given else ()
    result = build(corpus(tmp_path), out, *extra)
    assert result.exit_code == 0, result.output
    assert "absent" in one_line_naming(result, previous.name) or "without" in one_line_naming(result, previous.name)
    assert brief_json(result)["previous"] is None
    assert_good_articles_used(result)
    assert_clean_stderr(result)


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16"])
def test_group7_briefs_toml_not_in_utf8_is_one_line_and_exit_2(tmp_path, encoding):
    folder = corpus(tmp_path)
    (folder / "briefs.toml").write_bytes('[subject]\nname = "Acmé Corp"\n'.encode(encoding))
    result = build(folder, tmp_path / "out")
    assert result.exit_code == 2
    assert "UTF-8" in one_line_naming(result, "briefs.toml")
    assert len(result.stderr.strip().splitlines()) == 1
    assert_clean_stderr(result)


def test_group7_week_past_the_last_date_is_a_usage_error(tmp_path):
    result = build(corpus(tmp_path), tmp_path / "out", "--week", "9999-W52")
    assert result.exit_code == 2
    assert "9999-W52" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert_clean_stderr(result)


def test_group7_pretty_printed_json_object_is_one_record(tmp_path):
    record = {"title": "Acme Corp opens a plant", "date": "2026-11-18", "publisher": "Wire",
              "text": "Acme Corp opened a battery plant in Nevada that will employ 3,000 people, it said on Monday."}
    result = build(corpus(tmp_path, {"record.json": json.dumps(record, indent=4)}), tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "record.json" not in result.stderr
    assert brief_json(result)["stats"]["articles"] == 3


def test_group7_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    folder = corpus(tmp_path, {"locked/c.txt": SECOND.replace("3%", "6%")})
    real = os.scandir

    def refuse(path="."):  # chmod 000 does not stop root, who runs CI containers
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = build(folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "cannot read folder" in one_line_naming(result, "locked")
    assert_good_articles_used(result)


def test_group7_file_name_with_a_newline_stays_one_warning_line(tmp_path):
    result = build(corpus(tmp_path, {"two\nlines.txt": b""}), tmp_path / "out")
    assert result.exit_code == 0, result.output
    line = one_line_naming(result, "two\\x0alines.txt")
    assert "empty" in line
    assert not any(l.startswith("lines.txt") for l in result.stderr.splitlines())


def test_group7_sigterm_during_start_up_is_an_interrupt(tmp_path):
    # The signal arrives while the command line's own imports run: deterministic, unlike a timer.
    script = (
        "import builtins, os, signal, sys\n"
        "real = builtins.__import__\n"
        "def hook(name, *args, **kwargs):\n"
        "    if name == 'typer':\n"
        "        builtins.__import__ = real\n"
        "        os.kill(os.getpid(), signal.SIGTERM)\n"
        "    return real(name, *args, **kwargs)\n"
        "from briefs._entry import main\n"
        "builtins.__import__ = hook\n"
        "sys.argv = ['briefs', '--version']\n"
        "main()\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 130, (proc.returncode, proc.stderr)
    assert "interrupted" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_group7_interrupt_mid_build_prints_the_interrupted_line(tmp_path, signum):
    folder = corpus(tmp_path)
    script = (
        "import signal, sys, time\n"
        "signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a terminal, even if CI ignores it\n"
        "import briefs.build\n"
        "import briefs._pool\nreal = briefs._pool.per_file\n"
        "def slow(*args, **kwargs):\n"
        "    print('reading', file=sys.stderr, flush=True)\n"
        "    time.sleep(30)\n"
        "    return real(*args, **kwargs)\n"
        "briefs._pool.per_file = slow\n"
        "from briefs._entry import main\n"
        "sys.argv = ['briefs'] + sys.argv[1:]\n"
        "main()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script, "build", str(folder), "--out", str(tmp_path / "out"),
                             "--format", "md", "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert proc.stderr.readline().startswith(b"reading")
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"interrupted" in stderr and b"Traceback" not in stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


# --- issue 20, bugs 1 and 4 ------------------------------------------------------------------

def test_out_folder_inside_the_corpus_is_never_read_back(tmp_path):
    folder = corpus(tmp_path)
    first = build(folder, folder / "out")
    assert first.exit_code == 0, first.output
    second = build(folder, folder / "out")
    assert second.exit_code == 0, second.output
    assert "out" not in second.stderr
    assert {Path(s["path"]).name for s in brief_json(second)["sources"]} <= {"a_good.txt", "b_second.txt"}
    assert brief_json(second)["stats"]["articles"] == 2


def test_a_brief_json_or_html_given_as_input_is_not_an_article(tmp_path):
    folder = corpus(tmp_path)
    first = build(folder, tmp_path / "out")
    for suffix in (".json", ".html"):
        written = Path(next(line for line in first.stdout.splitlines() if line.endswith(suffix)))
        (folder / f"last-week{suffix}").write_text(written.read_text())
    second = build(folder, tmp_path / "out2")
    assert "written by briefs" in one_line_naming(second, "last-week.json")
    assert "written by briefs" in one_line_naming(second, "last-week.html")
    assert brief_json(second)["stats"]["articles"] == 2


def test_when_every_file_fails_each_reason_comes_before_the_error(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "noise.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    result = build(folder, tmp_path / "out")
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3, result.stderr
    assert "empty.txt" in lines[0] and "noise.txt" in lines[1] and "no readable articles" in lines[2]


def test_other_parsers_resolve_no_external_entity_dtd_or_include(tmp_path):
    secret = tmp_path / "private-notes.txt"
    secret.write_text("Acme Corp's private ledger shows the vault code ZEBRA-7731 and a 40% rise in bonuses.\n")
    uri = secret.as_uri()
    body = "Acme Corp said {} revenue rose 5% in the quarter on strong demand from buyers in {}."
    laughs = ('<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">'
              '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;">')
    files = {
        "entity.html": f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY leak SYSTEM "{uri}">]><html><body>'
                       f'<article><p>{body.format("&leak;", "Ohio")}</p></article></body></html>',
        "include.xhtml": f'<html xmlns:xi="http://www.w3.org/2001/XInclude"><body><article><p>{body.format("", "Iowa")}'
                         f'</p><xi:include href="{secret}" parse="text"/></article></body></html>',
        "dtd.html": f'<!DOCTYPE html SYSTEM "{uri}"><html><body><p>{body.format("", "Utah")}</p></body></html>',
        "laughs.html": f'<!DOCTYPE html [{laughs}]><html><body><p>{body.format("&e;", "Maine")}</p></body></html>',
        "dtd.rss": f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{uri}"><rss version="2.0"><channel><title>W</title>'
                   f'<item><title>A</title><description>{body.format("", "Idaho")}</description></item></channel></rss>',
        "tag.md": "---\ntitle: !!python/object/apply:os.system ['echo ZEBRA-7731']\n---\n" + body.format("", "Kent"),
    }
    result = build(corpus(tmp_path, files), tmp_path / "out")
    assert result.exit_code == 0, result.output
    output = all_output(result)
    assert "ZEBRA-7731" not in output
    assert "haha" * 64 not in output
    assert "malformed front matter" in one_line_naming(result, "tag.md")
    assert_good_articles_used(result)
    assert_clean_stderr(result)


def test_group4_summary_json_carries_no_raw_c1_or_bidi_control(tmp_path):
    text = ("Acme Corp said revenue rose 5% on strong demand \x9b31m for its vans in Europe, it said on Monday.\n"
            "Acme Corp's \u202emaerts\u202c chief said the company will open two new plants in Spain next year.\n")
    folder = corpus(tmp_path, {"c1.txt": text})
    result = run("summary", folder, "--json", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "\x9b" not in result.stdout and "\u202e" not in result.stdout
    quoted = json.dumps(json.loads(result.stdout), ensure_ascii=False)
    assert "\x9b31m" in quoted or "\u202emaerts" in quoted  # the same text once parsed


def test_a_library_failing_on_one_article_costs_only_that_article(tmp_path, monkeypatch):
    import briefs.build

    real = briefs.build.clean_stage.clean_article

    def fragile(article, subject):  # as NLTK does on a many-megabyte line: its regex time limit trips
        if article.path.endswith("poison.txt"):
            raise TimeoutError("regular-expression match exceeded its 5.0s time limit")
        return real(article, subject)

    monkeypatch.setattr(briefs.build.clean_stage, "clean_article", fragile)
    result = build(corpus(tmp_path, {"poison.txt": SECOND.replace("3%", "8%")}), tmp_path / "out", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "TimeoutError" in one_line_naming(result, "poison.txt")
    assert_good_articles_used(result)
    assert_clean_stderr(result)


def test_group7_letters_that_fold_only_under_ignore_case_do_not_fail_the_build(tmp_path):
    # "thİrd" (dotted capital I), "thırd" (dotless i) and "ſeptember" (long s) match the period
    # patterns ignoring case but do not lower() to the words the patterns name.
    folder = tmp_path / "folded"
    folder.mkdir()
    (folder / "briefs.toml").write_text('[subject]\nname = "Acme Corp"\n')
    (folder / "folded.txt").write_text("Acme Corp earnings\n\nAcme Corp said revenue rose 12% to $3.1 billion in the "
                                       "thİrd quarter, after a thırd-quarter plan set in ſeptember 2025.\n", encoding="utf-8")
    result = build(folder, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert any(row["period"] == "Q3" for row in brief_json(result)["figures"])
    assert_clean_stderr(result)
