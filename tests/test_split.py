"""The split stage: one Sentence per kept sentence, in corpus order, with its sources, stems and attribution."""

from __future__ import annotations

from dataclasses import replace

from briefs import clean, split
from briefs.config import Subject
from briefs.model import Article

ACME = Subject(name="Acme Robotics", aliases=["Acme"])


def _sentences(*texts: str, titles: tuple[str, ...] = ()):
    articles = [Article(path=f"{i}.md", text=t, title=titles[i] if i < len(titles) else "Acme news")
                for i, t in enumerate(texts)]
    return split.split(clean.clean(articles, ACME))


def test_sentences_keep_corpus_order_positions_and_sources():
    one = ("Acme Robotics opened a plant in Ohio on Monday morning.\n\n"
           "Acme said the plant would employ four hundred people.")
    two = "Acme Robotics opened a plant in Ohio on Monday morning.\n\nAcme shares rose three percent on the news."
    found = _sentences(one, two)
    assert [x.text for x in found] == ["Acme Robotics opened a plant in Ohio on Monday morning.",
                                       "Acme said the plant would employ four hundred people.",
                                       "Acme shares rose three percent on the news."]
    assert [x.position for x in found] == [0, 1, 0]
    assert found[0].sources == [1, 2]  # the second article said it too
    assert all(x.stems for x in found)


def test_each_sentence_says_whom_it_is_about():
    text = ("Acme Robotics raised its forecast for the year on Tuesday after strong orders. "
            "Globex Industries (NYSE: GBX) said its own orders fell sharply in the quarter.\n\n"
            "Acme will report its full results at the end of the month.")
    found = _sentences(text)
    assert [x.about for x in found] == ["", "Globex Industries", ""]


def test_articles_without_stored_keys_or_stems_split_as_those_with_them():
    # A CleanArticle built by hand (no keys, stems or attribution) is split with its stems worked
    # out here, and its echoes found by its sentences' comparison keys.
    text = "Acme Robotics opened a plant in Ohio on Monday.\n\nAcme said the plant would employ 400 people."
    cleaned = clean.clean([Article(path="0.md", text=text, title="Acme news"),
                           Article(path="1.md", text=text.split("\n\n")[0], title="Acme news")], ACME)
    bare = replace(cleaned, articles=[replace(a, keys=[], stems=[], about=[]) for a in cleaned.articles])
    assert [(s.text, s.sources, s.stems, s.position, s.paragraph) for s in split.split(bare)] == \
        [(s.text, s.sources, s.stems, s.position, s.paragraph) for s in split.split(cleaned)]
    assert split.split(bare)[0].sources == [1, 2] and all(s.about == "" for s in split.split(bare))
