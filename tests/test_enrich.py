"""Enrichment, the stage's public face: figures and entities delegate to their modules; sentiment."""

from briefs import enrich
from briefs.config import Subject
from briefs.model import Sentence


def s(text: str, source: int = 1) -> Sentence:
    return Sentence(text=text, source=source, position=0, paragraph=0, sources=[source])


def test_figures_are_the_subjects_with_what_they_measure():
    subject = Subject(name="Acme", tickers=["ACME"])
    found = enrich.figures([s("Acme's quarterly revenue rose 21% to $10 billion.", 3),
                            s("Earnings Per Share: $7.14, well ahead of forecasts", 4),
                            s("In 2023 the weather was fine.", 5)], subject=subject)
    assert [(f.value, f.metric, f.change, f.sources) for f in found] == [
        ("$10 billion", "revenue", "+21%", [3]), ("$7.14", "EPS", "", [4])]
    assert all(f.subject == "Acme" and f.kind == "actual" and f.text for f in found)


def test_years_are_not_figures():
    assert enrich.figures([s("In 2023 revenue was flat.")]) == []


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
    assert found["Salesforce"].kind == "company" and found["Salesforce"].count == 2  # the ticker is Salesforce
    assert found["Mistral AI"].count == 2
    assert found["Jane Roe"].kind == "person"
    assert found["Globex"].kind == "company"
    assert "Founded" not in found and "After" not in found and "CEO" not in found and "CRM" not in found
