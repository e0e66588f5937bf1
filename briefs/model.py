"""The data that flows between stages, ending in the Brief: the one object templates see.

Stage by stage: `load` gives Articles, `clean` gives CleanArticles (and Drops), `split` gives
Sentences, `themes` groups them into Themes, `select` picks each theme's key sentences, and
`enrich` adds figures, sentiment, entities and sources to make the Brief. `Brief.to_dict()`
is the JSON brief; docs/templates.md documents every field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from typing import Any

# Citation markers shown after a sentence in rendered briefs; the JSON keeps every source.
MAX_CITES = 3


@dataclass(frozen=True)
class Article:
    """One input article as loaded: text plus whatever metadata the file gave."""

    path: str
    text: str
    title: str = ""
    publisher: str = ""
    date: dt.date | None = None
    url: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    # Passages of the file the loader left out (an HTML page's text outside the extracted
    # article), where that can be known: reported by `briefs build --explain-file`.
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True)
class CleanArticle:
    """An article after cleaning: its id (the citation number) and kept paragraphs of sentences."""

    id: int
    article: Article
    paragraphs: list[list[str]]
    # The subject is what the article is about (named in its title or lead, or often), not a
    # passing mention in a story about something else.
    central: bool = True
    # Per kept sentence, parallel to `paragraphs`: its comparison key and content stems (from cleaning).
    keys: list[list[str]] = field(default_factory=list, repr=False)
    stems: list[list[tuple[str, ...]]] = field(default_factory=list, repr=False)
    # Per kept sentence: whom it is about ("" the subject, else another company; see attribution).
    about: list[list[str]] = field(default_factory=list, repr=False)

    @property
    def sentences(self) -> list[str]:
        return [s for p in self.paragraphs for s in p]


@dataclass(frozen=True)
class Drop:
    """Text the clean stage removed, with the reason and the file it came from."""

    reason: str
    text: str
    path: str
    stage: str = "clean"  # "load": the loader or HTML extractor left it out; "clean": a cleaning rule


@dataclass(frozen=True)
class Sentence:
    """A kept sentence: verbatim text, where it stands, every source that said it, its stems."""

    text: str
    source: int
    position: int
    paragraph: int
    sources: list[int]
    stems: list[str] = field(default_factory=list, repr=False)
    fit: float = 0.0  # how strongly the sentence matched its theme's terms
    central: bool = True  # from an article about the subject (see CleanArticle.central)
    score: float = 0.0
    new: bool = True
    # Whom the sentence is about: "" the brief's subject, else the other company's name (attribution).
    about: str = ""
    # The cross-source story the sentence belongs to (stories.Story.id), 0 before stories are built.
    story: int = 0


@dataclass(frozen=True)
class Sentiment:
    score: float
    label: str


@dataclass(frozen=True)
class Figure:
    """A key figure: its value and readable label, the sentence it came from, and what it measures.

    `metric` names what is measured ("revenue", "EPS", "price target (UBS)"), `change` the stated
    movement ("+21%", "from $185"), `period` the quarter, year or day ("Q1 2025", "Wednesday"),
    `kind` one of actual, guidance, estimate, target, other; `subject` the company it belongs to;
    `estimate` the expected value of the same metric and period, shown beside a result.
    """

    value: str
    label: str
    text: str
    sources: list[int]
    new: bool = True
    metric: str = ""
    change: str = ""
    period: str = ""
    kind: str = "other"
    subject: str = ""
    estimate: str = ""


@dataclass(frozen=True)
class Entity:
    """A name the brief's sentences mention: kind is person, company, product, place, organization or ticker."""

    name: str
    kind: str
    count: int


@dataclass(frozen=True)
class Theme:
    """A theme of the week: its selected sentences, the candidates they were picked from, and its support."""

    name: str
    description: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    candidates: list[Sentence] = field(default_factory=list, repr=False)
    discovered: bool = False
    sentence_count: int = 0
    article_count: int = 0
    sentiment: Sentiment | None = None


@dataclass(frozen=True)
class Source:
    id: int
    title: str
    publisher: str
    date: str | None
    url: str
    path: str


@dataclass(frozen=True)
class StoryRef:
    """A story the brief quotes: the event as every source told it (see stories.py)."""

    id: int
    sentences: list[str]             # the brief's wording of it (one sentence)
    sources: list[int]               # every source that told it
    publishers: list[str]            # independent publishers among them

    @property
    def source_count(self) -> int:
        return len(self.sources)


@dataclass(frozen=True)
class Period:
    start: str | None
    end: str | None


def record(item: Any) -> dict[str, Any]:
    """Return a flat dataclass (fields of scalars and lists of scalars) as `asdict` would, lists copied.

    `asdict` deep-copies every value one call at a time: slow for figures and source lists
    citing thousands of articles.
    """
    return {name: list(value) if isinstance(value := getattr(item, name), list) else value
            for name in _field_names(type(item))}


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _sentence_dict(s: Sentence) -> dict[str, Any]:
    return {"text": s.text, "sources": list(s.sources), "new": s.new, "story": s.story}


def _story_dict(story: StoryRef) -> dict[str, Any]:
    # The story's sentence objects carry no "sources" key: the quoted sentence is already in the
    # summary or a theme with its sources, and a reader (or a checker) that walks every cited
    # sentence of the brief must not meet it twice. The story's sources sit at its top level.
    return {"id": story.id, "sentences": [{"text": t} for t in story.sentences], "sources": list(story.sources),
            "source_count": story.source_count, "publishers": list(story.publishers)}


@dataclass(frozen=True)
class Brief:
    """The brief: everything a template or the JSON file receives."""

    title: str
    subject: str
    audience: str
    date: str | None
    period: Period
    summary: list[Sentence]
    themes: list[Theme]
    sources: list[Source]
    figures: list[Figure] = field(default_factory=list)
    sentiment: Sentiment | None = None
    entities: list[Entity] = field(default_factory=list)
    method: str = "default"
    week: str | None = None          # ISO week label when the brief covers one
    previous: str | None = None      # file name of the previous brief used for "new" flags
    stats: dict[str, int] = field(default_factory=dict)
    stories: list[StoryRef] = field(default_factory=list)  # the stories quoted, biggest first

    def story(self, story_id: int) -> StoryRef | None:
        """Return the quoted story with this id (None for 0 or an unknown id)."""
        return next((s for s in self.stories if s.id == story_id), None)

    @property
    def shown_sources(self) -> list[Source]:
        """Return the sources a rendered brief lists: those in the first MAX_CITES markers of a sentence.

        A fact syndicated by fifty outlets cites all fifty in the JSON; on paper it shows three
        markers and "+47", and the list holds the sources a reader can actually look up.
        """
        ids: set[int] = set()
        for sentence in self.summary + [s for t in self.themes for s in t.sentences]:
            ids.update(sentence.sources[:MAX_CITES])
        for figure in self.figures:
            ids.update(figure.sources[:MAX_CITES])
        return [s for s in self.sources if s.id in ids]

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON brief (stable field names; later versions only add fields)."""
        return {
            "title": self.title,
            "subject": self.subject,
            "audience": self.audience,
            "date": self.date,
            "period": asdict(self.period),
            "week": self.week,
            "previous": self.previous,
            "method": self.method,
            "summary": [_sentence_dict(s) for s in self.summary],
            "themes": [
                {
                    "name": t.name,
                    "description": t.description,
                    "discovered": t.discovered,
                    "sentence_count": t.sentence_count,
                    "article_count": t.article_count,
                    "sentiment": asdict(t.sentiment) if t.sentiment else None,
                    "sentences": [_sentence_dict(s) for s in t.sentences],
                }
                for t in self.themes
            ],
            "figures": [record(f) for f in self.figures],
            "sentiment": asdict(self.sentiment) if self.sentiment else None,
            "entities": [asdict(e) for e in self.entities],
            "sources": [record(s) for s in self.sources],
            "stats": dict(self.stats),
            "stories": [_story_dict(s) for s in self.stories],
        }


def _figure(data: dict[str, Any]) -> Figure:
    """Return a Figure from its JSON object, ignoring fields a later version may add."""
    known = {f.name for f in fields(Figure)}
    return Figure(**{k: v for k, v in data.items() if k in known})


def _entity(data: dict[str, Any]) -> Entity:
    known = {f.name for f in fields(Entity)}
    return Entity(**{k: v for k, v in data.items() if k in known})


def brief_from_dict(data: dict[str, Any]) -> Brief:
    """Return the Brief a `Brief.to_dict()` came from (for cached briefs; scores are not kept)."""
    def sentence(d: dict) -> Sentence:
        sources = list(d.get("sources", []))
        return Sentence(text=d["text"], source=sources[0] if sources else 0, position=0, paragraph=0,
                        sources=sources, new=d.get("new", True), story=d.get("story", 0))

    def mood(d: dict | None) -> Sentiment | None:
        return Sentiment(**d) if d else None

    themes = [Theme(name=t["name"], description=t.get("description", ""), discovered=t.get("discovered", False),
                    sentence_count=t.get("sentence_count", 0), article_count=t.get("article_count", 0),
                    sentiment=mood(t.get("sentiment")), sentences=[sentence(s) for s in t["sentences"]])
              for t in data["themes"]]
    return Brief(
        title=data["title"], subject=data["subject"], audience=data["audience"], date=data["date"],
        period=Period(**data["period"]), summary=[sentence(s) for s in data["summary"]], themes=themes,
        sources=[Source(**s) for s in data["sources"]], figures=[_figure(f) for f in data.get("figures", [])],
        sentiment=mood(data.get("sentiment")), entities=[_entity(e) for e in data.get("entities", [])],
        method=data.get("method", "default"), week=data.get("week"), previous=data.get("previous"),
        stats=dict(data.get("stats", {})),
        stories=[StoryRef(id=s["id"], sentences=[x["text"] for x in s.get("sentences", [])],
                          sources=list(s.get("sources", [])), publishers=list(s.get("publishers", [])))
                 for s in data.get("stories", [])],
    )
