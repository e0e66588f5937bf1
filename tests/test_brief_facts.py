"""On the seeds, the brief carries the week's headline events and numbers (an analyst's checklist)."""

from briefs.clean import normalize

# Each essential fact, as alternative phrases any one of which shows the brief reports it.
FACTS = {
    "Anduril defence partnership": ["Anduril"],
    "Llama offered for national security": ["national security", "government agencies", "US allies"],
    "quarterly revenue $47.52 billion": ["$47.52 billion"],
    "earnings per share $7.14": ["$7.14"],
    "second-quarter expectations": ["$44.8 billion", "$15 billion", "11.5%"],
    "$14.3 billion Scale AI investment": ["$14.3 billion"],
    "Superintelligence Labs reorganisation": ["Superintelligence Lab"],
    "shift from open source to closed models": ["closed-source", "closed model", "more closed", "proprietary"],
    "Llama 4 reception": ["dull thud", "colossal failure", "flopped", "missed the mark"],
    "talent moves": ["Alexandr Wang", "Shengjia Zhao", "Mistral", "Robert Fergus"],
    "cost pressure": ["operating costs", "$4.2 billion", "$60 billion", "cost center"],
    "Instagram 3 billion users": ["3 billion monthly active users"],
    "Behemoth delayed": ["Behemoth"],
}


def _brief_text(brief: dict) -> str:
    sentences = brief["summary"] + [s for t in brief["themes"] for s in t["sentences"]]
    figures = [f["value"] + " " + f["text"] for f in brief["figures"]]
    return " ".join([s["text"] for s in sentences] + figures)


def test_brief_carries_the_weeks_essential_facts(seed_result):
    text = _brief_text(seed_result.brief.to_dict())
    carried = [fact for fact, phrases in FACTS.items() if any(p in text for p in phrases)]
    missing = sorted(set(FACTS) - set(carried))
    print(f"facts carried: {len(carried)}/{len(FACTS)}; missing: {missing}")
    assert len(carried) >= 12, missing  # the floor: 12 of 13


def test_seed_brief_shape(seed_result):
    brief = seed_result.brief.to_dict()
    configured = [t for t in brief["themes"] if not t["discovered"] and t["sentences"]]
    assert len(configured) >= 4
    assert all(t["sentence_count"] >= len(t["sentences"]) and t["article_count"] >= 1 for t in brief["themes"])
    cited_figures = [f for f in brief["figures"] if f["sources"] and f["label"]]
    assert len(cited_figures) >= 5
    assert all(t["sentiment"] and t["sentiment"]["label"] in {"positive", "neutral", "negative"} for t in brief["themes"])
    assert brief["sentiment"]["label"] in {"positive", "neutral", "negative"}
    assert 3 <= len(brief["summary"]) <= 5
    assert brief["entities"] and all(e["count"] >= 1 for e in brief["entities"])


def test_no_fact_appears_twice(seed_result):
    brief = seed_result.brief.to_dict()
    texts = [normalize(s["text"]) for s in brief["summary"] + [s for t in brief["themes"] for s in t["sentences"]]]
    assert len(texts) == len(set(texts))
