"""The brief in a terminal: every section, scraped text printed literally, plain text for pipes."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

from briefs import terminal
from briefs.model import Brief, Entity, Figure, Period, Sentence, Sentiment, Source, Theme

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
# Settings as the investor audience has them: every section on, the shipped labels.
SETTINGS = {"labels": {"summary": "Executive summary", "figures": "Key figures", "sources": "Sources",
                       "method_note": "Mean VADER score of the sentences."},
            "sections": {}}


def sentence(text: str, *sources: int, new: bool = True) -> Sentence:
    return Sentence(text=text, source=sources[0], position=0, paragraph=0, sources=list(sources), new=new)


def make_brief(**changes) -> Brief:
    """A small brief with every section filled, as build would give it."""
    fields = dict(
        title="Acme Corp: investor brief",
        subject="Acme Corp",
        audience="investor",
        date="2026-11-22",
        period=Period("2026-11-16", "2026-11-22"),
        week="2026-W47",
        summary=[sentence("Acme Corp said third-quarter revenue rose 12% to $3.1 billion, ahead of analysts' "
                          "forecasts, as demand for its industrial robots recovered in Europe.", 1, 2),
                 sentence("The company kept its full-year outlook.", 2, new=False)],
        themes=[Theme(name="Results & guidance", sentence_count=9, article_count=2,
                      sentiment=Sentiment(0.31, "positive"),
                      sentences=[sentence("Operating margin widened to 18% from 15% a year earlier.", 1),
                                 sentence("Five outlets reported the buyback.", 1, 2, 3, 4, 5)]),
                Theme(name="Costs", sentence_count=3, article_count=1, sentiment=Sentiment(-0.25, "negative"),
                      sentences=[sentence("Acme Corp will close two older plants in Ohio.", 3)])],
        sources=[Source(1, "Acme beats forecasts", "Wire", "2026-11-20", "https://example.com/a", "a.txt"),
                 Source(2, "", "", None, "", "corpus/b.txt"),
                 Source(3, "Acme trims plants", "Daily", "2026-11-21", "", "c.txt"),
                 Source(4, "Buyback", "", None, "", "d.txt"),
                 Source(5, "Buyback again", "", None, "", "e.txt")],
        figures=[Figure("$3.1 billion", "third-quarter revenue", "", [1, 2]), Figure("18%", "operating margin", "", [1])],
        sentiment=Sentiment(0.12, "neutral"),
        entities=[Entity("Europe", "place", 3), Entity("Ohio", "place", 1)],
        stats={"articles": 4, "articles_used": 3},
    )
    fields.update(changes)
    return Brief(**fields)


def rich_output(brief: Brief, settings=SETTINGS) -> str:
    """Return what a colour terminal 80 columns wide receives, escape codes and all."""
    buffer = io.StringIO()
    terminal.show(brief, Console(file=buffer, force_terminal=True, color_system="truecolor", width=80), settings)
    return buffer.getvalue()


def test_plain_output_matches_snapshot():
    """Exact plain rendering of a fixed brief; BRIEFS_UPDATE_SNAPSHOTS=1 rewrites the snapshot after a wanted change."""
    text = terminal.plain(make_brief(), SETTINGS, width=80)
    snapshot = SNAPSHOTS / "terminal_plain.txt"
    if os.environ.get("BRIEFS_UPDATE_SNAPSHOTS"):
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8"), "plain output changed; BRIEFS_UPDATE_SNAPSHOTS=1 to accept"


def test_plain_output_has_every_part_and_no_escapes():
    text = terminal.plain(make_brief(), SETTINGS, width=120)
    lines = text.splitlines()
    assert lines[0] == "Acme Corp: investor brief"
    assert lines[1] == "Acme Corp · 2026-W47 (2026-11-16 to 2026-11-22) · 3 of 4 articles used · 5 sources cited"
    for part in ("Executive summary", "Results & guidance · positive +0.31 · 9 sentences from 2 articles",
                 "Costs · negative -0.25", "Key figures", "$3.1 billion", "Sentiment: neutral (+0.12)",
                 "Europe (3) · Ohio (1)", "[1] Acme beats forecasts — Wire, 2026-11-20, https://example.com/a",
                 "[2] b.txt — undated"):
        assert part in text, part
    assert "\x1b" not in text and all(line == line.rstrip() for line in lines)
    lines = terminal.plain(make_brief(), SETTINGS, width=60).splitlines()
    assert all(len(line) <= 60 for line in lines)
    # Wrapped sentences hang under their text, not under the bullet.
    first = next(i for i, line in enumerate(lines) if line.startswith(" • Acme Corp said third-quarter"))
    assert lines[first + 1].startswith("   ") and not lines[first + 1].startswith("    ")


def test_citations_are_capped_and_repeats_marked():
    text = terminal.plain(make_brief(), SETTINGS)
    assert "Five outlets reported the buyback. [1][2][3][+2]" in text
    assert "The company kept its full-year outlook. [2] (reported before)" in text
    assert "[4] Buyback" not in text and "2 more sources reported the same facts" in text


def test_audience_sections_turned_off_are_not_shown():
    settings = {"labels": {"summary": "The week in three sentences"},
                "sections": {"sentiment": False, "entities": False, "counts": False, "figures": False}}
    text = terminal.plain(make_brief(), settings)
    assert "The week in three sentences" in text and "Results & guidance\n" in text
    for hidden in ("positive +0.31", "Sentiment:", "Europe (3)", "Key figures", "9 sentences"):
        assert hidden not in text, hidden


MARKUP = "Acme said [red]x[/red] and [bold]costs[/bold] rose; :smile: [link=http://evil]here[/link]"
ESCAPE = "Acme said \x1b[31mcosts\x1b[0m fell \x1b]8;;http://evil\x07link\x1b]8;;\x07 \x9b31m and \u202eevil"


def hostile_brief() -> Brief:
    return make_brief(
        title=f"{MARKUP} brief",
        summary=[sentence(MARKUP, 1), sentence(ESCAPE, 2)],
        themes=[Theme(name="[blink]Theme[/blink]", sentences=[sentence(ESCAPE, 1)], sentiment=Sentiment(0.0, "neutral"))],
        figures=[Figure("[bold]$5[/bold]", "\x1b[2Jcleared", "", [1])],
        sources=[Source(1, "[red]Title[/red]", "\x1b[31mWire", None, "http://x/[y]", "a.txt"),
                 Source(2, "", "", None, "", "b\x1b[5m.txt")],
        entities=[Entity("[i]Ohio[/i]", "place", 1)],
    )


@pytest.mark.parametrize("render", ["plain", "rich"])
def test_scraped_markup_and_escapes_print_literally(render):
    brief = hostile_brief()
    text = terminal.plain(brief, SETTINGS, width=200) if render == "plain" else rich_output(brief)
    for literal in ("[red]x[/red]", "[bold]costs[/bold]", ":smile:", "[link=http://evil]here[/link]",
                    "[blink]Theme[/blink]", "[bold]$5[/bold]", "[red]Title[/red]", "[i]Ohio[/i]"):
        assert literal in text, literal
    # The article's own escapes reach the screen as visible text, never as escapes.
    assert "\\x1b[31mcosts" in text and "\\x1b]8;;http://evil\\x07" in text and "\\x9b31m" in text
    assert "\\u202eevil" in text and "\\x1b[2Jcleared" in text
    for raw in ("\x1b[31mcosts", "\x1b]8;;http://evil", "\x9b", "\u202e", "\x1b[2J", "\x1b[5m", "\x07"):
        assert raw not in text, repr(raw)


def test_rich_output_is_styled_but_plain_is_not():
    assert "\x1b[" in rich_output(make_brief())
    assert "\x1b[" not in terminal.plain(make_brief(), SETTINGS)


def test_literal_keeps_text_and_whitespace():
    assert terminal.literal("Revenue rose 12% — to €3bn\tin Q3\n") == "Revenue rose 12% — to €3bn\tin Q3\n"
    assert terminal.literal("a\x1b[0mb\x00c") == "a\\x1b[0mb\\x00c"


class Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_plain_is_chosen_for_pipes_no_color_and_dumb_terminals(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert not terminal.wants_plain(Stream(tty=True))
    assert terminal.wants_plain(Stream(tty=True), plain=True)
    assert terminal.wants_plain(Stream(tty=False))
    monkeypatch.setenv("NO_COLOR", "1")
    assert terminal.wants_plain(Stream(tty=True))
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert terminal.wants_plain(Stream(tty=True))
