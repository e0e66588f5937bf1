"""Entities: whole names, one entry per person or company, no subject, no publishers, told apart by kind."""

from briefs import entities
from briefs.model import Sentence


def s(text: str, source: int = 1) -> Sentence:
    return Sentence(text=text, source=source, position=0, paragraph=0, sources=[source])


def names(sentences, **options) -> dict:
    return {e.name: e for e in entities.entities(sentences, **options)}


def test_names_with_a_lower_case_prefix_stay_whole():
    found = names([s("Buyers chose the iPhone over rivals, and the iPad Pro sold out."),
                   s("Sellers on eBay listed older iPhone models at a discount.")])
    assert {"iPhone", "iPad Pro", "eBay"} <= set(found)
    assert not {"Phone", "Pad Pro", "Bay"} & set(found)
    assert found["iPhone"].count == 2 and found["iPhone"].kind == "product"


def test_a_person_is_one_entry_whatever_the_form():
    found = names([s("Chief executive Jane Roe said the plan would work."),
                   s("Roe's deputy disagreed with the plan."),
                   s("Investors asked Roe about margins, and Roe said they would rise.")])
    assert found["Jane Roe"].count == 4 and found["Jane Roe"].kind == "person"
    assert "Roe" not in found


def test_a_company_is_one_entry_with_its_ticker_and_legal_form():
    found = names([s("Globex Corp. (NYSE: GLX) agreed to buy a supplier."),
                   s("Shares of Globex rose after the deal, and Globex's chief called it a bargain.")])
    assert found["Globex"].kind == "company" and found["Globex"].count == 4
    assert not {"GLX", "Globex Corp", "Shares of Globex"} & set(found)


def test_the_subject_and_its_aliases_are_not_listed_but_what_follows_them_is():
    found = names([s("Acme Robotics said the Acme Model X would ship in May, and Acme's rival Initech shrugged."),
                   s("ACME shares rose.")], exclude=["Acme Robotics", "Acme", "ACME"])
    assert "Model X" in found and found["Model X"].kind == "product"
    assert not any("Acme" in n or n == "ACME" for n in found)


def test_publishers_and_wire_services_are_sources_not_entities():
    found = names([s("Initech cut prices, according to Reuters."),
                   s("(Bloomberg) -- Initech also hired a new chief."),
                   s("The Motley Fool has positions in Initech."),
                   s("Initech's plan was first reported by The Information on Monday.")],
                  publishers=["Nasdaq.com (The Motley Fool)"])
    assert "Initech" in found
    assert not {"Reuters", "Bloomberg", "Motley Fool", "The Motley Fool", "Nasdaq", "The Information"} & set(found)


def test_places_come_from_the_gazetteer_and_ordinary_words_are_not_names():
    found = names([s("Initech opened offices in Germany and Texas."),
                   s("Stocks fell as Chinese regulators met, and stocks of chip makers led the fall."),
                   s("Demand for GPUs kept Initech busy in Germany.")])
    assert found["Germany"].kind == "place" and found["Germany"].count == 2 and found["Texas"].kind == "place"
    assert not {"Stocks", "Chinese", "GPUs"} & set(found)


def test_an_ordinary_sentence_holding_a_place_word_is_not_a_person():
    found = names([s("Jane Roe said Initech China would grow."), s("China was quiet, analysts said.")],
                  exclude=["Initech"])
    assert found["China"].kind == "place" and "Jane Roe" in found
    assert found["Jane Roe"].count == 1


def test_an_acronym_is_the_name_it_abbreviates():
    found = names([s("The Federal Deposit Insurance Corporation took over the lender."),
                   s("The FDIC said depositors would be paid, and the FDIC sold the branches.")])
    assert found["Federal Deposit Insurance Corporation"].count == 3 and "FDIC" not in found


def test_a_first_name_that_speaks_is_a_person():
    found = names([s("As Priya mentioned, margins improved in the quarter."),
                   s("Thanks, Priya, and good morning to everyone on the call.")])
    assert found["Priya"].kind == "person"


def test_a_capitalised_word_opening_a_sentence_or_quote_is_not_a_name_alone():
    # "Harbor" after a stop, a colon, an opening quote or a line break is the sentence's first word;
    # after a comma it is read as a name.
    text = ('Rates held. Harbor crews idled: Harbor cranes stood. He said: "Harbor fees rose." '
            'Crews, Harbor said, waited.\nHarbor traffic resumed.')
    found = [name for name, _, _ in entities._spans(text)]
    assert found.count("Harbor") == 1  # only the one after the comma
    assert entities._opens_sentence('He said: "', len('He said: "'))
    assert entities._opens_sentence("It closed.\n", len("It closed.\n"))
    assert not entities._opens_sentence("It closed, ", len("It closed, "))


def test_names_found_ahead_in_other_processes_are_counted_alike():
    import pickle

    texts = ["Globex Corp. (GLBX) agreed to supply Acme with motors.", "Jane Roe, Globex's chief executive, said demand was strong.",
             "Roe said Globex would hire 200 engineers in Ohio.", "Initech shares rose after the deal, Reuters reported."]
    sentences = [Sentence(text=t, source=i + 1, position=i, paragraph=0, sources=[i + 1]) for i, t in enumerate(texts)]
    here = entities.entities(sentences, exclude=["Acme"])
    assert ("Globex", "company", 3) in [(e.name, e.kind, e.count) for e in here]
    work, items = entities.name_search(sentences)
    # Each item and its result pickled, as worker processes get and give them, one piece per sentence.
    found = [r for item in items for r in pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(work))([item])))]
    assert entities.entities(sentences, exclude=["Acme"], found=found) == here


def test_a_sentence_shared_by_two_weeks_is_read_with_each_weeks_vocabulary():
    # The same sentence in two subjects' weeks: where the week writes "harbor" in lower case, a
    # capitalised "Harbor" opening a sentence is an ordinary word; where it does not, a name. The
    # reading kept from one week must not leak into the other's, in either order.
    text = "Harbor rose after the vote. Shares of Kestrel Freight fell."
    ordinary = frozenset({"harbor", "rose", "after", "the", "vote"})
    unknown = frozenset({"rose", "after", "the", "vote"})
    for order in ((ordinary, unknown, ordinary), (unknown, ordinary, unknown)):
        for vocabulary in order:
            read = [name for name, *_ in entities._names_in([text], vocabulary)[0][3]]
            assert read == ["Kestrel Freight"] if "harbor" in vocabulary else read == ["Harbor", "Kestrel Freight"]


def test_the_shared_readings_stay_bounded():
    calls = []
    cache = entities._ByVocabulary(lambda key, words: calls.append(key) or ("word" in words, key), keys=3, leaves=2)
    for key in range(5):
        assert cache.get(key, {"word"}) == (True, key)
    assert len(cache.trees) == 3 and calls == [0, 1, 2, 3, 4]
    assert cache.get(4, {"word"}) == (True, 4) and calls[-1] == 4 and len(calls) == 5  # kept: not computed again
    assert cache.get(4, set()) == (False, 4) and len(calls) == 6  # answered otherwise: computed, kept beside
    assert cache.get(4, set()) == (False, 4) and cache.get(4, {"word"}) == (True, 4) and len(calls) == 6


def test_countries_are_read_from_their_names_and_their_states():
    assert entities.countries("The chief executive flew to Beijing on Thursday.") == {"CN"}
    assert entities.countries("Acme opened plants in Texas and New Mexico.") == {"US"}  # a state, not Mexico
    assert entities.countries("Acme said South Korea and Brazil are its next markets.") == {"KR", "BR"}
    assert entities.countries("Acme Corp reported record revenue.") == frozenset()


def test_grouped_word_alternatives_match_what_the_plain_list_matches():
    import re

    words = ["ceo", "cfo", "chief", "chairman", "chairwoman", "co-founder", "mr", "mrs", "ms", "said", "says",
             "according to"]
    grouped = re.compile(r"\b(?:" + entities._alternatives(words) + r")\b", re.I)
    plain = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I)
    texts = ["the CEO", "chie", "Chairmen met", "a co-founder", "cofounder", "Mrs Roe", "Mr. Roe", "mrsx", "ms",
             "he saids", "According to filings", "according", "says:", "chairwoman's", ""]
    for text in texts:
        assert bool(grouped.search(text)) == bool(plain.search(text)), text
        assert bool(grouped.fullmatch(text)) == bool(plain.fullmatch(text)), text


def test_a_role_or_speech_verb_beside_a_full_name_makes_it_a_person():
    for cue in entities._PERSON_WORDS:
        found = names([s(f"Jane Roe, the {cue}, spoke about Kestrel Freight.")], exclude=["Kestrel Freight"])
        assert found["Jane Roe"].kind == "person", cue


def test_only_counted_sentences_count_but_every_sentence_tells_what_a_name_is():
    week = [s("Globex Corp (NASDAQ: GLBX) fell 3% after Mary Major, its chief financial officer, spoke.", 2),
            s("Mary Major said cloud revenue grew in every region.", 2),
            s("Mary Major said margins would widen next year.", 2),
            s("GLBX rose 2% on Tuesday after Acme signed the supply deal.", 1),
            s("Jane Roe, Acme's chief executive, said GLBX would buy its arms.", 1)]
    counted = [False, False, False, True, True]
    found = names(week, exclude=["Acme"], counted=counted)
    assert "Mary Major" not in found            # only the uncounted call names her
    assert found["Globex"].count == 2           # the lone ticker, named beside its company elsewhere
    assert "GLBX" not in found
    assert found["Jane Roe"].count == 1
    assert names(week, exclude=["Acme"])["Mary Major"].count == 3  # all count by default
