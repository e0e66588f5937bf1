"""Enrichment: figures with what they measure, sentiment, entities."""

import pytest

from briefs import enrich
from briefs.model import Sentence


def s(text: str, source: int = 1) -> Sentence:
    return Sentence(text=text, source=source, position=0, paragraph=0, sources=[source])


@pytest.mark.parametrize(
    "text, value, label_word",
    [
        ("Quarterly Revenue: $47.52 billion, representing a year-over-year increase of more than 21%", "$47.52 billion", "Revenue"),
        ("Earnings Per Share: $7.14, substantially surpassing analyst forecasts", "$7.14", "Earnings"),
        ("Revenue rose 21% to $10 billion in the quarter.", "21%", "Revenue"),
        ("Instagram recently hit a new milestone, surpassing 3 billion monthly active users.", "3 billion monthly active users", "Instagram"),
        ("The unit posted a $4.2 billion loss in the first quarter.", "$4.2 billion", "loss"),
        ("Acme agreed to pay €300 million for the German software maker.", "€300 million", "Acme"),
        ("The company employs 67,000 people worldwide.", "67,000 people", "company"),
    ],
)
def test_figures_are_found_with_what_they_measure(text, value, label_word):
    found = {f.value: f for f in enrich.figures([s(text, 3)])}
    assert value in found, found
    assert label_word.lower() in found[value].label.lower()
    assert found[value].sources == [3] and found[value].text == text


def test_years_are_not_figures_and_values_are_not_repeated():
    found = enrich.figures([s("In 2023 revenue rose 5% to $2 billion."), s("Revenue rose to $2 billion again in 2024.")])
    assert [f.value for f in found] == ["5%", "$2 billion"]


def test_sentiment_reads_good_and_bad_news():
    good = enrich.sentiment([s("Profit soared and the company beat every estimate, delighting investors.")])
    bad = enrich.sentiment([s("The release flopped, losses widened and regulators opened a fraud probe.")])
    flat = enrich.sentiment([s("The company will hold its annual meeting in May.")])
    assert good.label == "positive" and good.score > 0.2
    assert bad.label == "negative" and bad.score < -0.2
    assert flat.label == "neutral"
    assert enrich.sentiment([]) is None


def test_entities_find_people_companies_and_tickers_not_sentence_starts():
    sentences = [s("Salesforce (NYSE:CRM) backs Mistral AI, the startup founded by Guillaume Lample."),
                 s("After the deal, CEO Jane Roe said Globex Inc. would keep its brand."),
                 s("Founded in 2023, Mistral AI builds open models.")]
    found = {e.name: e for e in enrich.entities(sentences, exclude=["Acme"])}
    assert found["CRM"].kind == "ticker"
    assert found["Mistral AI"].count == 2
    assert found["Jane Roe"].kind == "person"
    assert found["Globex Inc"].kind == "company" or found.get("Globex Inc.", found.get("Globex Inc")).kind == "company"
    assert "Founded" not in found and "After" not in found and "CEO" not in found
