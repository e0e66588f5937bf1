"""The split stage: one Sentence per kept sentence, in corpus order, with its sources, stems and attribution."""

from __future__ import annotations

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
