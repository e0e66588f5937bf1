"""The Brief and its JSON form: stable field names, a faithful round trip, the sources a reader sees."""

from __future__ import annotations

import json

from briefs.model import MAX_CITES, Brief, Period, Sentence, Source, Theme, brief_from_dict

# The JSON brief's field names (README, docs/content.md): later versions only ever add fields.
TOP_FIELDS = {"title", "subject", "audience", "date", "period", "week", "previous", "method", "summary", "themes",
              "figures", "sentiment", "entities", "sources", "stats"}
THEME_FIELDS = {"name", "description", "discovered", "sentence_count", "article_count", "sentiment", "sentences"}


def _said(text: str, *sources: int) -> Sentence:
    return Sentence(text=text, source=sources[0], position=0, paragraph=0, sources=list(sources))


def _brief() -> Brief:
    many = _said("Crane operators joined the port on Friday.", *range(1, 8))
    return Brief(title="Port brief", subject="Port", audience="investor", date="2026-11-22",
                 period=Period("2026-11-16", "2026-11-22"), summary=[_said("The port grew 4% in volume.", 1)],
                 themes=[Theme(name="Operations", sentences=[many], sentence_count=12, article_count=5)],
                 sources=[Source(id=i, title=f"T{i}", publisher="Wire", date=None, url="", path=f"/{i}.md")
                          for i in range(1, 9)],
                 week="2026-W47")


def test_json_field_names_are_stable():
    data = _brief().to_dict()
    assert TOP_FIELDS <= set(data)
    assert THEME_FIELDS <= set(data["themes"][0])
    assert (data["themes"][0]["sentence_count"], data["themes"][0]["article_count"]) == (12, 5)
    assert {"text", "sources", "new"} <= set(data["summary"][0])  # fields are only ever added


def test_a_brief_survives_the_json_round_trip():
    data = json.loads(json.dumps(_brief().to_dict()))
    assert brief_from_dict(data).to_dict() == data


def test_the_json_keeps_every_source_while_the_page_lists_the_ones_cited_in_markers():
    brief = _brief()
    assert brief.to_dict()["themes"][0]["sentences"][0]["sources"] == list(range(1, 8))
    shown = [s.id for s in brief.shown_sources]
    assert shown == list(range(1, MAX_CITES + 1))  # source 1 (summary) and the first MAX_CITES markers; never 8
