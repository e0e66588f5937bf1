"""Theme assignment: configured themes by stemmed terms and phrases; discovered themes by clustering."""

from dataclasses import replace

from briefs import language, themes
from briefs.audience import ThemeSpec, load_audience
from briefs.model import Sentence


def s(text: str, source: int = 1, position: int = 0) -> Sentence:
    return Sentence(text=text, source=source, position=position, paragraph=0, sources=[source],
                    stems=language.content_stems(text))


SPECS = [
    ThemeSpec("Results", "Results and guidance", ["revenue", "earnings per share", "quarter"]),
    ThemeSpec("People", "Hires and departures", ["hired", "chief executive", "stepped down"]),
]


def test_sentences_join_the_theme_whose_stemmed_terms_they_match():
    sentences = [s("Quarterly revenues climbed 12% as earnings per share beat estimates."),
                 s("Acme hired a new chief executive from a rival."),
                 s("The chief executive stepped down after ten years.", 2),
                 s("Revenue guidance for the next quarter was raised.", 2)]
    result = {t.name: [x.text for x in t.candidates] for t in themes.assign(sentences, SPECS, discover=0)}
    assert result["Results"] == [sentences[0].text, sentences[3].text]
    assert result["People"] == [sentences[1].text, sentences[2].text]


def test_phrases_outweigh_single_words():
    sentence = s("The earnings per share figure came in below the chief's hopes this quarter.")
    index, score = themes.Matcher(SPECS).best(sentence)
    assert index == 0 and score >= 4  # "earnings per share" (3) + "quarter" (1)


def test_a_term_written_inside_a_name_is_not_the_common_word():
    specs = [ThemeSpec("AI", "", ["model", "frontier"]), ThemeSpec("Production", "", ["production", "factory"])]
    matcher = themes.Matcher(specs)
    # "Model K" and "Frontier Fund" are names: the carmaker's line is about production, not AI.
    assert matcher.best(s("Acme raised Model K output at its Leeds factory to 2,500 a week."))[0] == 1
    assert matcher.best(s("The Frontier Fund sold half its Acme stake."))[0] is None
    # The same word in lower case, or opening the sentence, is the common word.
    assert matcher.best(s("Acme trained a new model on its own chips."))[0] == 0
    assert matcher.best(s("Models trained on public data cost Acme less to build."))[0] == 0
    assert matcher.best(s("Acme's Model K team built a model of the frontier market."))[0] == 0


def test_subject_names_never_decide_a_theme():
    specs = [ThemeSpec("Acme news", "", ["acme"]), ThemeSpec("Results", "", ["revenue"])]
    themes_found = themes.assign([s("Acme said revenue rose."), s("Acme revenue beat forecasts.")], specs,
                                 discover=0, ignore=["Acme"])
    assert [t.name for t in themes_found] == ["Results"]


def test_empty_themes_are_omitted():
    found = themes.assign([s("Revenue rose 5% in the quarter.")], SPECS, discover=0)
    assert [t.name for t in found] == ["Results"]  # People has no sentence: not shown


def test_theme_counts_sentences_and_articles():
    sentences = [s("Revenue rose 5% in the quarter.", 1), s("Revenue fell in the prior quarter.", 2),
                 s("Quarter results beat estimates on revenue.", 2)]
    [theme] = themes.assign(sentences, SPECS, discover=0)
    assert (theme.sentence_count, theme.article_count) == (3, 2)


def test_leftovers_are_clustered_into_labelled_discovered_themes():
    weather = [s(f"Heavy rain flooded the {place} warehouse and delayed shipments by {n} days.", i, i)
               for i, (place, n) in enumerate([("Ohio", 3), ("Texas", 4), ("Utah", 2), ("Iowa", 5)], 1)]
    court = [s(f"A {place} court ruled the patent lawsuit against the company could proceed to trial.", i, i)
             for i, place in enumerate(["Delaware", "Texas", "California", "Virginia"], 5)]
    found = themes.assign(weather + court, SPECS, discover=2)
    assert len(found) == 2 and all(t.discovered for t in found)
    for theme in found:
        members = {x.text for x in theme.candidates}
        assert members in ({x.text for x in weather}, {x.text for x in court})
        words = theme.name.removeprefix("Also: ").split(", ")
        member_text = " ".join(members).lower()
        assert len(words) == 3 and all(w in member_text for w in words), theme.name


def test_default_investor_themes_are_company_neutral():
    audience = load_audience("investor")
    names = [t.name for t in audience.themes]
    assert len(names) >= 7
    terms = " ".join(term for t in audience.themes for term in t.terms).lower()
    for company_specific in ["meta", "llama", "zuckerberg", "anduril"]:
        assert company_specific not in terms.split()


def test_skipping_words_that_cannot_match_a_term_changes_no_assignment():
    """The matcher stems only words whose first letters begin some term's stem; the result is the same."""
    from pathlib import Path

    specs = load_audience("investor").themes
    matcher = themes.Matcher(specs)
    texts = [s for p in sorted(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt"))
             for s in language.sentences(p.read_text(encoding="utf-8"))]
    texts += ["Dying demand and tying arrangements: the skies darkened for lying executives.",
              "The CEO's capex guidance rose 5%."]
    for text in texts:
        sentence = Sentence(text=text, source=1, position=0, paragraph=0, sources=[1])
        full = [language.stem(w) for w in language.words(text.lower())]
        filtered = themes._sentence_stems(sentence, matcher.prefixes)
        assert [f for f in filtered if f] == [f for f in full if f in set(filtered)]
        for stem in full:  # every stem that could matter is kept
            if stem[:2] in matcher.prefixes:
                assert stem in filtered
    assert matcher.prefixes


def test_a_word_half_the_week_uses_does_not_pull_the_week_into_one_theme():
    specs = [ThemeSpec("Results", "Results", ["shares", "revenue"]), ThemeSpec("People", "People", ["hired"])]
    week = [s(f"Acme shares moved after the company hired {name} as head of sales.", i)
            for i, name in enumerate(["Jane Roe", "John Poe", "Ann Lee", "Bob Kay"], 1)]
    week += [s(f"Acme shares slipped {n}% in a quiet session on the exchange.", i) for i, n in enumerate([1, 2, 3], 5)]
    found = {t.name: t.sentence_count for t in themes.assign(week, specs, discover=0)}
    assert found == {"People": 4, "Results": 3}


def test_a_story_goes_to_one_theme_as_a_whole():
    told = [s("Acme hired Jane Roe as chief financial officer on Monday.", 1),
            s("Jane Roe, the new finance chief, starts next month at Acme.", 2),
            s("Jane Roe joins Acme from a rival where she ran revenue planning.", 3)]
    told = [replace(sentence, story=7) for sentence in told]
    [theme] = themes.assign(told, SPECS + [ThemeSpec("Hires", "Hires", ["hired", "joins"])], discover=0)
    assert theme.sentence_count == 3


def test_discovered_themes_come_from_stories_named_by_their_key_terms():
    told = [s(f"Flooding closed the {place} depot and delayed robot deliveries for days.", i)
            for i, place in enumerate(["Ohio", "Utah", "Iowa", "Texas"], 1)]
    told = [replace(sentence, story=3) for sentence in told]
    [theme] = themes.assign(told, SPECS, discover=2)
    words = theme.name.removeprefix("Also: ").split(", ")
    assert theme.discovered and len(words) == 3
    assert all(w in x.text.lower() for w in words for x in told)


def test_a_discovered_theme_is_named_as_its_sentences_write_its_names_and_codes():
    told = [s("Jane Roe said the X90 would reach shops before the summer.", 1),
            s("The X90, Jane Roe told reporters, is twice as fast as the old arm.", 2),
            s("In Denver, Jane Roe showed the X90 lifting a car.", 3),
            s("Jane Roe expects the X90 to sell well in Europe.", 4)]
    told = [replace(sentence, story=5) for sentence in told]
    [theme] = themes.assign(told, SPECS, discover=2)
    words = theme.name.removeprefix("Also: ").split(", ")
    # A code names a theme; a name keeps its capitals, and its two words read as one name.
    assert "X90" in words and "Jane Roe" in words, theme.name
    assert not any(w in ("roe", "jane", "Roe", "Jane") for w in words), theme.name


def test_theme_discovery_needs_no_scikit_learn():
    import subprocess
    import sys

    code = ("import sys; sys.modules['sklearn'] = None\n"  # any import of scikit-learn now fails
            "from briefs import language, themes\nfrom briefs.model import Sentence\n"
            "texts = [f'Flooding closed the {p} depot and delayed robot deliveries.' for p in 'abcd']\n"
            "found = themes.assign([Sentence(t, i, 0, 0, [i], stems=language.content_stems(t)) "
            "for i, t in enumerate(texts, 1)], [], discover=2)\nprint(len(found))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "1", result.stderr


def test_a_discovered_theme_must_mostly_name_the_subject():
    market = [s(f"The yen rallied against the dollar on day {i} of the week.", i) for i in range(1, 6)]
    own = [s(f"Acme opened warehouse number {i} in the north of the country.", 10 + i) for i in range(1, 6)]
    found = themes.assign(market + own, SPECS, discover=3, about=lambda text: "Acme" in text)
    names = [t.name for t in found if t.discovered]
    assert names and all("yen" not in name for name in names)
    assert any(any("Acme" in x.text for x in t.candidates) for t in found if t.discovered)


def test_a_subject_sentence_with_no_themes_words_joins_its_articles_theme():
    article = [s("Acme revenue rose 12% in the quarter.", 1), s("Quarterly revenue beat forecasts.", 1),
               s("Acme marks the largest deal since its founding.", 1)]
    found = themes.assign(article, SPECS, discover=0, about=lambda text: "Acme" in text)
    results = next(t for t in found if t.name == "Results")
    assert "Acme marks the largest deal since its founding." in [x.text for x in results.candidates]
    # Without knowing the subject, a sentence no theme takes stays out.
    found = themes.assign(article, SPECS, discover=0)
    assert "Acme marks the largest deal since its founding." not in [x.text for t in found for x in t.candidates]


def test_a_subject_sentence_with_no_themes_words_joins_the_passage_it_stands_in():
    # Most of the article is results, but the sentence follows the passage about the new chief executive.
    article = [s("Acme revenue rose 12% in the quarter.", 1, 0), s("Quarterly revenue beat forecasts.", 1, 1),
               s("Revenue per store rose too.", 1, 2), s("Acme hired a new chief executive from Globex.", 1, 3),
               s("Acme picked her after a two-year search.", 1, 4)]
    found = themes.assign(article, SPECS, discover=0, about=lambda text: "Acme" in text)
    people = next(t for t in found if t.name == "People")
    assert "Acme picked her after a two-year search." in [x.text for x in people.candidates]


def test_the_investor_risks_theme_takes_runs_and_contagion_not_ordinary_systems():
    specs = load_audience("investor").themes
    names = [spec.name for spec in specs]
    found = themes.assign([s("Regulators cited a systemic risk exception and feared contagion to other lenders.", 1),
                           s("Customers pulled deposits in a bank run that left the lender short of liquidity.", 2),
                           s("The new AI systems will run in data centers in three states.", 3)], specs, discover=0)
    risks = next(t for t in found if t.name == "Risks & contagion")
    assert "Risks & contagion" in names
    assert {x.source for x in risks.candidates} == {1, 2}  # "systems" is no systemic risk


def test_investor_terms_with_an_everyday_sense_count_only_in_their_themes_phrases():
    specs = load_audience("investor").themes
    matcher = themes.Matcher(specs)
    name = {index: spec.name for index, spec in enumerate(specs)}

    def theme_of(text: str) -> str | None:
        index, _ = matcher.best(s(text))
        return name.get(index)

    # everyday senses: no AI, leadership, regulation or deal theme for these
    assert theme_of("Part of the reason is that traders were nervous about the weekend.") is None
    assert theme_of("The main office and all branches will reopen on Monday morning.") is None
    assert theme_of("Everything looked fine for the lender until the weekend.") is None
    assert theme_of("Some traders were still buying the dips on Friday afternoon.") is None
    assert theme_of("There was little left to sell after the weekend.") is None
    assert theme_of("The lender closed its doors on Friday as its peers watched closely.") is None
    assert theme_of("Its proprietary trading desk was wound down.") is None
    assert theme_of("Weekly jobless claims are slated to be released at 8:30 a.m.") is None
    assert theme_of("The real challenge lies in execution.") is None
    assert theme_of("A strategist joined a morning show for an interview.") is None
    assert theme_of("The lender is departing from its usual pricing.") is None
    assert theme_of("The state appointed a trustee to run the lender on Friday.") is None
    # the same words inside the themes' phrases still count
    assert theme_of("Acme released a reasoning model that beats rivals on benchmarks.") == "AI strategy & models"
    assert theme_of("The chief financial officer left the company in March.") == "Talent & leadership"
    assert theme_of("Acme was fined by the state for the outage.") == "Government, defence & regulation"
    assert theme_of("Globex agreed to buy Initech for cash.") == "Competition & partnerships"
    assert theme_of("Acme argues that closed models are safer to sell to banks.") == "AI strategy & models"
    assert theme_of("Two senior executives quit in March.") == "Talent & leadership"
    assert theme_of("Its finance chief departed the company in May.") == "Talent & leadership"
    assert theme_of("Jane Roe was appointed to run the lender's new unit.") == "Talent & leadership"
    assert theme_of("The product release slipped to May.") == "Products & customers"


def test_sentences_sharing_one_word_and_nothing_else_are_no_theme():
    # Four unrelated lines that each say "billions": no story in common, and "Also: billions" names none.
    unrelated = [s("Acme secured $18 billions of chip orders since January, sources said.", 1),
                 s("The president praised the billions pledged for domestic factories.", 2),
                 s("Overnight, billions in inventory and contracts went up in smoke.", 3),
                 s("A magazine will host a talk about billions and the people who hold them.", 4)]
    assert not [t for t in themes.assign(unrelated, SPECS, discover=2) if t.discovered]
    # The same four lines sharing more words are a group, named by them.
    shared = [replace(x, text=x.text + " The warehouse stood empty.",
                      stems=language.content_stems(x.text + " The warehouse stood empty.")) for x in unrelated]
    [theme] = [t for t in themes.assign(shared, SPECS, discover=2) if t.discovered]
    words = theme.name.removeprefix("Also: ").split(", ")
    assert "billions" in words and len(words) == themes.KEY_TERMS


def test_only_discoverable_sentences_found_a_discovered_theme():
    # Template lines ("holdings in Acme were worth …") share their words file after file: without a
    # say on who may found a theme, they would be "Also: holdings, worth, filing".
    template = [s(f"{fund} holdings in Acme were worth ${n} million as of its most recent filing.", i, 0)
                for i, (fund, n) in enumerate([("Ridge LLC's", 12), ("Vale LLC's", 7), ("Oak LLC's", 3), ("Elm LLC's", 9)], 1)]
    court = [s(f"A {place} court ruled the patent lawsuit against Acme could proceed to trial.", i, 1)
             for i, place in enumerate(["Delaware", "Texas", "California", "Virginia"], 5)]
    every = [t for t in themes.assign(template + court, SPECS, discover=2, ignore=["Acme"]) if t.discovered]
    assert len(every) == 2
    found = [t for t in themes.assign(template + court, SPECS, discover=2, ignore=["Acme"],
                                      discoverable=lambda x: x.source >= 5) if t.discovered]
    assert [{x.text for x in t.candidates} for t in found] == [{x.text for x in court}]


def test_a_reporting_verb_names_no_theme():
    # "Reuters reported", "in a report on Thursday", "due to report": the same word, no common story.
    lines = [s("The startup was valued at $32 billion in a funding round, Reuters reported.", 1),
             s("Globex lifted its target on Acme in a report on Thursday, citing demand.", 2),
             s("Acme is due to report in late May, after the holiday.", 3),
             s("The regulator reported that inspections found no fault at the plant.", 4)]
    assert not [t for t in themes.assign(lines, SPECS, discover=2) if t.discovered]
