"""Each loader reads real-looking files, and each bad file is skipped with a reason, never a crash."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from briefs import load


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_txt_takes_headline_as_title_and_source_line_as_publisher(tmp_path):
    path = write(tmp_path, "a.txt", "Acme beats estimates in third quarter\n\nSource Harbor Wire\n\n"
                                    "Acme Corp said revenue rose 12% to $3.1 billion.\n")
    [article] = load.load([path]).articles
    assert article.title == "Acme beats estimates in third quarter"
    assert article.publisher == "Harbor Wire"
    assert "revenue rose 12%" in article.text and "beats estimates" not in article.text
    assert article.date is None  # never invented


def test_txt_whose_first_line_is_a_sentence_has_no_title(tmp_path):
    path = write(tmp_path, "a.txt", "Acme Corp said revenue rose 12% to $3.1 billion on Monday.\nShares rose.\n")
    [article] = load.load([path]).articles
    assert article.title == ""


def test_markdown_yaml_front_matter(tmp_path):
    path = write(tmp_path, "a.md", "---\ntitle: Acme hires a new CFO\nsource: Daily Ledger\ndate: 2026-11-18\n"
                                   "url: https://example.com/acme\nauthor: Jo Park\n---\n# Acme hires\n\n"
                                   "Acme Corp named Jane Roe as chief financial officer on Tuesday.\n")
    [article] = load.load([path]).articles
    assert (article.title, article.publisher, article.date, article.url) == (
        "Acme hires a new CFO", "Daily Ledger", dt.date(2026, 11, 18), "https://example.com/acme")
    assert article.meta["author"] == "Jo Park"
    assert "#" not in article.text


def test_markdown_toml_front_matter(tmp_path):
    path = write(tmp_path, "a.md", '+++\ntitle = "Acme opens plant"\npublisher = "Wire"\ndate = 2026-11-19\n+++\n'
                                   "Acme Corp opened a battery plant in Ohio that will employ 2,000 people.\n")
    [article] = load.load([path]).articles
    assert article.title == "Acme opens plant" and article.date == dt.date(2026, 11, 19)


def test_malformed_front_matter_is_skipped_with_reason(tmp_path):
    bad = write(tmp_path, "bad.md", "---\ntitle: [unclosed\n---\nAcme Corp opened a plant.\n")
    good = write(tmp_path, "good.txt", "Acme Corp opened a plant in Ohio on Monday, the company said.\n")
    result = load.load([bad, good])
    assert len(result.articles) == 1
    assert "front matter" in str(result.problems[0]) and "bad.md" in str(result.problems[0])


HTML = """<!DOCTYPE html><html><head><title>Acme beats estimates | Daily Ledger</title>
<meta property="og:site_name" content="Daily Ledger">
<meta property="article:published_time" content="2026-11-17T08:00:00Z">
<style>body { color: red; } .ad { display: block; }</style>
<script>var tracking = "Acme Corp tracking pixel should never appear";</script>
</head><body><nav>Home | Markets | Subscribe</nav>
<article><h1>Acme beats estimates</h1>
<p>Acme Corp said on Monday that third-quarter revenue rose 12% to $3.1 billion, ahead of analyst forecasts.</p>
<p>The company also raised its full-year outlook, citing strong demand for its industrial software products.</p>
<p>Chief executive Jane Roe said Acme would keep investing in automation across its plants next year.</p>
</article><footer>© 2026 Daily Ledger. All rights reserved.</footer></body></html>"""


def test_html_main_text_and_metadata_without_scripts_or_styles(tmp_path):
    [article] = load.load([write(tmp_path, "a.html", HTML)]).articles
    assert "third-quarter revenue rose 12%" in article.text
    assert "tracking" not in article.text and "color: red" not in article.text
    assert article.date == dt.date(2026, 11, 17)
    assert "Acme beats estimates" in article.title


def test_jsonl_malformed_line_reported_with_number_rest_loaded(tmp_path):
    lines = [json.dumps({"title": "One", "text": "Acme Corp grew sales 8% in the quarter.", "date": "2026-11-16"}),
             "{not json",
             json.dumps({"title": "No text"}),
             json.dumps({"title": "Three", "text": "Acme Corp hired 500 engineers in Dublin.", "source": "Wire"})]
    path = write(tmp_path, "feed.jsonl", "\n".join(lines))
    result = load.load([path])
    assert [a.title for a in result.articles] == ["One", "Three"]
    assert result.articles[1].publisher == "Wire"
    assert result.articles[0].date == dt.date(2026, 11, 16)
    problems = [str(p) for p in result.problems]
    assert any("feed.jsonl:2" in p and "malformed" in p for p in problems)
    assert any("feed.jsonl:3" in p and "text" in p for p in problems)


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Daily Ledger</title>
<item><title>Acme beats estimates</title><link>https://example.com/1</link>
<pubDate>Tue, 17 Nov 2026 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Acme Corp said revenue rose 12% to $3.1 billion.&lt;/p&gt;</description></item>
<item><title>Acme opens plant</title><link>https://example.com/2</link>
<pubDate>Wed, 18 Nov 2026 08:00:00 GMT</pubDate>
<description>Acme Corp opened a battery plant in Ohio.</description></item>
</channel></rss>"""


def test_rss_entries_become_articles_with_dates_and_links(tmp_path):
    result = load.load([write(tmp_path, "feed.rss", RSS)])
    assert [a.title for a in result.articles] == ["Acme beats estimates", "Acme opens plant"]
    first = result.articles[0]
    assert first.date == dt.date(2026, 11, 17) and first.url == "https://example.com/1"
    assert first.publisher == "Daily Ledger"
    assert "<p>" not in first.text and "revenue rose 12%" in first.text


def test_atom_feed(tmp_path):
    atom = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger</title>
<entry><title>Acme news</title><link href="https://example.com/a"/><updated>2026-11-19T10:00:00Z</updated>
<content type="html">Acme Corp signed a partnership with a chip maker.</content></entry></feed>"""
    [article] = load.load([write(tmp_path, "feed.atom", atom)]).articles
    assert article.date == dt.date(2026, 11, 19) and "partnership" in article.text


def test_latin1_file_is_decoded(tmp_path):
    path = write(tmp_path, "l.txt", "Acme opened a café in Zürich, its chief executive said on Monday.\n".encode("latin-1"))
    [article] = load.load([path]).articles
    assert "café in Zürich" in article.text


def test_binary_and_empty_files_are_skipped_with_one_warning_each(tmp_path):
    write(tmp_path, "img.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" * 20)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "ok.txt", "Acme Corp opened a plant in Ohio on Monday, the company said.\n")
    result = load.load([tmp_path])
    assert len(result.articles) == 1
    reasons = {Path(p.path).name: p.reason for p in result.problems}
    assert "binary" in reasons["img.txt"] and "empty" in reasons["empty.txt"]
    assert len(result.problems) == 2


def test_folders_are_walked_recursively_in_sorted_order(tmp_path):
    write(tmp_path, "b/2.txt", "Acme Corp story two is about a new plant in Texas.\n")
    write(tmp_path, "a/1.txt", "Acme Corp story one is about a new plant in Ohio.\n")
    write(tmp_path, "c.txt", "Acme Corp story three is about a new plant in Utah.\n")
    names = [Path(a.path).name for a in load.load([tmp_path]).articles]
    assert names == ["1.txt", "2.txt", "c.txt"]


def test_urls_are_reported_not_fetched(tmp_path):
    result = load.load([Path("https://example.com/story")])
    assert result.articles == []
    assert "not fetched" in str(result.problems[0])


def test_missing_path_is_a_problem_not_a_crash(tmp_path):
    result = load.load([tmp_path / "nope"])
    assert "no such file" in str(result.problems[0])


# --- reading defensively (issue 18) -----------------------------------------------------------

STORY = "Acme Corp opened a plant in Ohio on Monday, the company said.\nIt will employ 400 people.\n"


def problems_of(path: Path) -> list[str]:
    articles, problems = load.load_file(path)
    assert not articles
    return [str(p) for p in problems]


def test_size_limit_is_configurable_and_named_in_the_message(tmp_path, monkeypatch):
    path = write(tmp_path, "long.txt", STORY * 40_000)  # about 2.5 MB
    assert load.load_file(path)[0]
    monkeypatch.setenv("BRIEFS_MAX_FILE_MB", "1")
    [problem] = problems_of(path)
    assert "too large" in problem and "1 MB" in problem and "BRIEFS_MAX_FILE_MB" in problem


def test_special_files_are_refused_without_reading(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    device = tmp_path / "zero.txt"
    device.symlink_to("/dev/zero")
    with pytest.raises(load.LoadError, match="FIFO"):
        load.read_text(fifo)
    with pytest.raises(load.LoadError, match="device"):
        load.read_text(device)
    problems: list[load.Problem] = []
    assert list(load.iter_files([tmp_path], problems)) == []
    assert sorted(p.reason for p in problems) == ["not a regular file (FIFO); skipped",
                                                  "not a regular file (device); skipped"]


def test_broken_symlink_in_a_folder_is_reported(tmp_path):
    write(tmp_path, "good.txt", STORY)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    problems: list[load.Problem] = []
    assert [p.name for p in load.iter_files([tmp_path], problems)] == ["good.txt"]
    assert [(Path(p.path).name, p.reason) for p in problems] == [("gone.txt", "not a regular file (broken symlink); skipped")]


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-be", "utf-16", "utf-16-be", "utf-8-sig"])
def test_byte_order_marks_choose_the_encoding(tmp_path, encoding):
    raw = STORY.encode(encoding)
    if encoding == "utf-32-be":
        raw = b"\x00\x00\xfe\xff" + raw
    elif encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    assert load.read_text(write(tmp_path, "a.txt", raw)) == STORY


def test_broken_utf16_is_a_problem_naming_the_encoding(tmp_path):
    [problem] = problems_of(write(tmp_path, "odd.txt", b"\xff\xfe" + STORY.encode("utf-16-le") + b"\x00\xd8"))
    assert "odd.txt" in problem and "UTF-16" in problem


def test_json_depth_and_number_size_are_capped():
    assert load.json_value('{"a": [[1, 2], {"b": "]]]]"}]}') == {"a": [[1, 2], {"b": "]]]]"}]}
    assert load.nesting_depth('{"text": "[[[[[[ brackets in a string do not nest"}') == 1
    with pytest.raises(load.LoadError, match="nested"):
        load.json_value("[" * (load.MAX_DEPTH + 1) + "]" * (load.MAX_DEPTH + 1))
    with pytest.raises(load.LoadError, match="digits"):
        load.json_value('{"n": ' + "1" * 5000 + "}")
    assert load.json_value('{"n": 1700000000000000000}') == {"n": 1700000000000000000}


def test_pretty_printed_json_object_is_one_article(tmp_path):
    record = {"title": "Acme opens a plant", "text": STORY, "date": "2026-11-16"}
    articles, problems = load.load_file(write(tmp_path, "one.json", json.dumps(record, indent=2)))
    assert problems == [] and len(articles) == 1
    assert articles[0].title == "Acme opens a plant" and articles[0].date == dt.date(2026, 11, 16)


def test_json_lines_in_a_json_file_still_load_line_by_line(tmp_path):
    lines = "\n".join(json.dumps({"text": STORY, "title": f"Story {i}"}) for i in range(3)) + "\n{broken\n"
    articles, problems = load.load_file(write(tmp_path, "many.json", lines))
    assert [a.title for a in articles] == ["Story 0", "Story 1", "Story 2"]
    assert [p.path.rsplit(":", 1)[1] for p in problems] == ["4"]


def test_malformed_pretty_json_is_one_problem_not_one_per_line(tmp_path):
    text = json.dumps({"title": "x", "text": STORY}, indent=2)[:-1]  # closing brace lost
    [problem] = problems_of(write(tmp_path, "cut.json", text))
    assert "malformed JSON" in problem


def test_yaml_aliases_are_refused_but_plain_front_matter_loads(tmp_path):
    bomb = "---\na: &a [x, x, x]\nb: [*a, *a, *a]\n---\n" + STORY
    [problem] = problems_of(write(tmp_path, "bomb.md", bomb))
    assert "aliases" in problem
    ampersand = "---\ntitle: Smith & Sons buys a plant\n---\n" + STORY
    [article] = load.load_file(write(tmp_path, "and.md", ampersand))[0]
    assert article.title == "Smith & Sons buys a plant"


def test_feed_body_that_names_a_file_is_not_opened(tmp_path):
    secret = write(tmp_path, "secret.txt", "Acme Corp vault code QX-5521 is private.\n")
    for name, body in (("a.rss", str(secret)), ("b.xml", secret.as_uri())):
        [problem] = problems_of(write(tmp_path, name, body))
        assert "QX-5521" not in problem and "entries" in problem


@pytest.mark.parametrize("value", ["0000-01-01", "Sat, 01 Jan 0000 00:00:00 GMT", "20255-01-01", "1850-06-01",
                                   "Mon, 01 Jan 99999999999 00:00:00 GMT", "9" * 500])
def test_implausible_dates_are_no_date(value):
    assert load.parse_date(value) is None


def test_plausible_dates_still_parse():
    assert load.parse_date("2026-11-16T08:00:00Z") == dt.date(2026, 11, 16)
    assert load.parse_date("Mon, 16 Nov 2026 08:00:00 GMT") == dt.date(2026, 11, 16)
    assert load.parse_date("Mon, 16 Nov 2026 08:00:00 +0000") == dt.date(2026, 11, 16)


def test_skipped_folders_are_not_walked(tmp_path):
    write(tmp_path, "a.txt", STORY)
    write(tmp_path, "out/brief.md", STORY)
    problems: list[load.Problem] = []
    assert [p.name for p in load.iter_files([tmp_path], problems, skip=[tmp_path / "out"])] == ["a.txt"]
    assert problems == []


def test_problem_with_control_characters_in_its_name_prints_as_one_line():
    line = str(load.Problem("dir/new\nline\x1b[2J.txt", "empty file; skipped"))
    assert "\n" not in line and "\x1b" not in line
    assert line == "dir/new\\x0aline\\x1b[2J.txt: empty file; skipped"


def test_front_matter_with_an_impossible_date_or_huge_number_keeps_its_article(tmp_path):
    text = "---\ntitle: Acme opens a plant\ndate: 0000-01-01\nviews: " + "9" * 5000 + "\n---\n" + STORY
    [article] = load.load_file(write(tmp_path, "odd.md", text))[0]
    assert article.title == "Acme opens a plant" and article.date is None
    [dated] = load.load_file(write(tmp_path, "ok.md", "---\ndate: 2026-11-16\ncount: 12\n---\n" + STORY))[0]
    assert dated.date == dt.date(2026, 11, 16) and dated.meta["count"] == 12


def test_front_matter_nested_past_the_limit_is_refused_before_parsing(tmp_path):
    for name, fence in (("deep.md", "---"), ("deep-toml.md", "+++")):
        value = "[" * 50_000 + "]" * 50_000
        head = f"title: {value}" if fence == "---" else f"title = {value}"
        [problem] = problems_of(write(tmp_path, name, f"{fence}\n{head}\n{fence}\n" + STORY))
        assert "nested more than" in problem


PAGE_WITH_METADATA = """<!DOCTYPE html><html><head><title>Acme opens plant | Harbor Ledger</title>
<meta property="og:site_name" content="Harbor Ledger">
<meta property="og:url" content="https://ledger.example/acme-plant?ref=social">
<link rel="canonical" href="https://ledger.example/news/acme-plant">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Ledger"},
 {"@type": "NewsArticle", "headline": "Acme opens its Ohio battery plant", "datePublished": "2026-11-17T08:00:00Z",
  "publisher": {"@type": "Organization", "name": "Harbor Ledger Media"}}]}</script>
</head><body><nav><a href="/">Home</a> <a href="/m">Markets</a></nav>
<article><h1>Acme opens plant</h1>
<p>Acme Corp opened a battery plant in Ohio on Monday that will employ 2,000 people by next year.</p>
<p>The plant will make cells for electric delivery vans sold across North America, the company said.</p>
<p>Acme Corp shares rose 4% in New York after the announcement on Monday afternoon.</p>
</article><footer><p>© 2026 Harbor Ledger. All rights reserved.</p></footer></body></html>"""


def test_html_metadata_comes_from_the_pages_own_tags(tmp_path):
    [article] = load.load([write(tmp_path, "page.html", PAGE_WITH_METADATA)]).articles
    assert article.publisher == "Harbor Ledger"  # og:site_name before JSON-LD's organisation name
    assert article.url == "https://ledger.example/news/acme-plant"  # the canonical link, not a shared link
    assert article.title == "Acme opens its Ohio battery plant"  # JSON-LD headline when there is no og:title
    assert article.date == dt.date(2026, 11, 17)
    assert "Acme Corp shares rose 4%" in article.text and "All rights reserved" not in article.text


def test_html_without_structured_metadata_takes_its_title_tag_or_heading(tmp_path):
    page = ("<html><head><title>Acme opens plant - Harbor Ledger</title></head><body><article><h1>Acme opens plant</h1>"
            "<p>Acme Corp opened a battery plant in Ohio on Monday that will employ 2,000 people by next year.</p>"
            "<p>The plant will make cells for electric delivery vans sold across North America, the company said.</p>"
            "</article></body></html>")
    [article] = load.load([write(tmp_path, "page.html", page)]).articles
    assert article.title.startswith("Acme opens plant")


def _page_declaring_a_long_body(company: str) -> str:
    """Return a page whose visible article is one sentence while its JSON-LD declares 39 of them."""
    body = " ".join(f"{company} plant number {i} in Ohio would add {i * 10} jobs this year." for i in range(1, 40))
    return ("<html><head><script type=\"application/ld+json\">"
            + json.dumps({"@type": "NewsArticle", "headline": "Acme hires", "articleBody": body})
            + f"</script></head><body><article><p>{company} plant number 1 in Ohio would add 10 jobs this year.</p>"
            "</article></body></html>")


def test_html_extraction_far_shorter_than_the_declared_article_body_uses_the_body(tmp_path):
    [article] = load.load([write(tmp_path, "page.html", _page_declaring_a_long_body("Acme Corp said its"))]).articles
    assert "plant number 39" in article.text


def _page_with_panel(panel_class: str, story_paragraphs: int = 6) -> str:
    story = "".join(f"<p>Acme Corp said its plant number {i} in Ohio would add {i * 10} jobs by the end of next year, "
                    f"according to a filing with state regulators on Monday.</p>" for i in range(1, story_paragraphs + 1))
    return ("<html><head><title>Acme hires in Ohio</title></head><body><article><h1>Acme hires in Ohio</h1>" + story
            + f'<div class="{panel_class}"><h3>What else the filing says</h3>'
            "<p>The filing also lists a warehouse lease in Kentucky that runs until the spring of 2031.</p>"
            "<p>A second schedule names the lenders behind a revolving credit line of $400 million.</p>"
            "<p>Acme Corp said its plant number 1 in Ohio would add 10 jobs by the end of next year, "
            "according to a filing with state regulators on Monday.</p></div>"
            "<p>Acme Corp shares rose 2% in New York after the filing was published on Monday afternoon.</p>"
            "</article></body></html>")


@pytest.mark.parametrize("panel", ["factbox", "story-fact-box green", "c-infoBox c-infoBox--inTabs", "Infobox"])
def test_html_fact_box_inside_the_story_is_left_out_and_reported(tmp_path, panel):
    [article] = load.load([write(tmp_path, "page.html", _page_with_panel(panel))]).articles
    assert "warehouse lease in Kentucky" not in article.text
    assert "revolving credit line" not in article.text
    assert "Acme Corp shares rose 2%" in article.text  # the story after the box goes on
    assert "plant number 1 in Ohio" in article.text  # printed in the story too: kept
    assert any("warehouse lease in Kentucky" in line for line in article.left_out)  # accounted for


@pytest.mark.parametrize("panel", ["article-boxout", "inbox-signup", "facts", "infoboxes", "mailbox"])
def test_html_panel_not_named_a_fact_or_info_box_stays_in_the_story(tmp_path, panel):
    [article] = load.load([write(tmp_path, "page.html", _page_with_panel(panel))]).articles
    assert "warehouse lease in Kentucky" in article.text


def test_html_fact_box_that_holds_most_of_a_short_page_is_its_article(tmp_path):
    [article] = load.load([write(tmp_path, "page.html", _page_with_panel("factbox", story_paragraphs=1))]).articles
    assert "warehouse lease in Kentucky" in article.text


def test_html_declared_article_body_has_its_entities_decoded(tmp_path):
    [article] = load.load([write(tmp_path, "page.html", _page_declaring_a_long_body("Acme&#8217;s"))]).articles
    assert "Acme’s plant number 39" in article.text and "&#8217;" not in article.text


def test_html_main_text_uses_the_trafilatura_2_api(tmp_path, monkeypatch):
    import trafilatura

    calls = []
    real = trafilatura.bare_extraction

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    [article] = load.load([write(tmp_path, "page.html", PAGE_WITH_METADATA)]).articles
    assert calls and not any("as_dict" in c for c in calls)  # deprecated in 2.x
    assert "battery plant in Ohio" in article.text


def test_html_page_with_no_article_is_skipped_with_a_reason(tmp_path):
    result = load.load([write(tmp_path, "empty.html", "<html><body><nav>Home</nav></body></html>")])
    assert result.articles == [] and "no article text" in str(result.problems[0])


def test_text_file_headline_is_the_title_but_a_byline_or_sentence_is_not(tmp_path):
    headline = write(tmp_path, "a.txt", "\nAcme opens a plant in Ohio. Here is what it means for investors\n"
                                        "Acme Corp opened a battery plant in Ohio on Monday, the company said.\n")
    byline = write(tmp_path, "b.txt", "By Jane Roe and John Poe\nAcme Corp opened a battery plant in Ohio on Monday.\n")
    [first] = load.load([headline]).articles
    [second] = load.load([byline]).articles
    assert first.title == "Acme opens a plant in Ohio. Here is what it means for investors"
    assert second.title == ""


def test_entity_declarations_behind_a_long_prolog_are_still_refused(tmp_path):
    prolog = '<?xml version="1.0"?>' + "<!-- padding -->" * 10_000
    bomb = prolog + '<!DOCTYPE rss [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">]><rss version="2.0"><channel>' \
        "<item><title>&b;</title><description>Acme Corp opened a plant.</description></item></channel></rss>"
    [problem] = problems_of(write(tmp_path, "late.rss", bomb))
    assert "entities" in problem
    about_xml = ('<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>XML</title>'
                 "<description><![CDATA[Acme Corp's guide explains why <!ENTITY> lines are refused by parsers.]]>"
                 "</description></item></channel></rss>")
    assert load.load_file(write(tmp_path, "guide.rss", about_xml))[0]


def test_an_article_past_two_million_characters_is_read_from_its_start(tmp_path):
    line = "Acme Corp said unit sales rose in the quarter as demand for its vans grew in Europe.\n"
    path = write(tmp_path, "dump.txt", line * (load.MAX_ARTICLE_CHARS // len(line) + 1000))
    [article], [problem] = load.load_file(path)
    assert len(article.text) <= load.MAX_ARTICLE_CHARS
    assert article.text.endswith("Europe.\n")  # cut at a line end: no sentence is quoted cut short
    assert "dump.txt" in str(problem) and "only its start" in str(problem)


@pytest.mark.parametrize("block", [
    "title: Acme hires a new CFO\nsource: Daily Ledger\ndate: 2026-11-18",
    'title: "Acme: a 12% jump, and why"\nsource: "Wire (Markets)"',
    "title: 3 Stocks to Buy Now\nauthor: Jo O'Park",
    "title: Acme   beats   forecasts   ",
    "pages: 12\nfeatured: yes\nrating: 4.5\nnote: null",    # numbers, bools and nulls keep their types
    "on: Monday\ntitle: Acme opens plant",                   # a key YAML reads as a bool
    "title: Acme # opens plant\nurl: https://example.com/a",  # a comment, a colon
    'title: "Acme \\"wins\\" again"',                         # an escape inside quotes
    "title: 'Acme''s plant'\nsource: -Wire",
    "tags: [acme, plants]\ntitle: Acme",
])
def test_simple_front_matter_reads_exactly_as_pyyaml_reads_it(block):
    import yaml

    _, pyyaml = load._yaml_loaders()
    assert load._yaml_table(block) == (yaml.load(block, Loader=pyyaml) or {})


def test_front_matter_values_keep_their_types_and_quoted_colons(tmp_path):
    path = write(tmp_path, "a.md", '---\ntitle: "Acme: a 12% jump"\nsource: Daily Ledger\ndate: 2026-11-18\n'
                                   "pages: 12\nfeatured: yes\n---\n"
                                   "Acme Corp beat forecasts on Tuesday, its chief said.\n")
    [article] = load.load([path]).articles
    assert (article.title, article.publisher, article.date) == (
        "Acme: a 12% jump", "Daily Ledger", dt.date(2026, 11, 18))
    assert article.meta["pages"] == 12 and article.meta["featured"] is True


def test_a_file_is_read_whole_up_to_the_limit_and_refused_one_byte_past_it(tmp_path):
    path = write(tmp_path, "a.txt", "x" * 1000)
    assert load.read_bytes(path, limit=1000) == b"x" * 1000
    with pytest.raises(load.LoadError, match="too large"):
        load.read_bytes(path, limit=999)
