"""Selection: each theme's best sentences by the chosen method, no fact twice, readable on their own."""

import datetime as dt
import re
from dataclasses import replace

import pytest

from briefs import language, select
from briefs.model import Sentence, Theme


def s(text: str, source: int = 1, position: int = 5) -> Sentence:
    return Sentence(text=text, source=source, position=position, paragraph=0, sources=[source],
                    stems=language.content_stems(text), fit=1.0)


def test_the_same_fact_from_two_sources_appears_once_citing_both():
    a = s("Acme raised its revenue forecast to $6.3 billion after strong Baltic volumes.", 1)
    b = s("Acme raised its revenue forecast to $6.3 billion after strong volumes in the Baltic.", 2)
    c = s("Acme will spend $420 million on automated cranes at its Gdansk terminal.", 1)
    theme = Theme(name="Results", candidates=[a, b, c])
    summary, shown = select.select([theme], per_theme=3, summary_size=0)
    texts = [x.text for x in shown[0].sentences]
    assert len(texts) == 2
    kept = next(x for x in shown[0].sentences if "forecast" in x.text)
    assert sorted(kept.sources) == [1, 2]


def test_the_same_figures_worded_differently_are_one_fact():
    a = s("Acme's third-quarter revenue jumped 57% to $21.4 billion, beating estimates.", 1)
    b = s("Sales at the robot maker reached $21.4 billion in the quarter, a 57% increase from a year ago.", 2)
    c = s("Acme expects fourth-quarter revenue of $23.0 billion, plus or minus 2%.", 1)
    d = s("Revenue in 2024 reached 21.4 billion dollars as the firm sold 3 million units.", 2)  # one shared number
    assert select.similarity(a, b) >= select.REDUNDANT
    assert select.similarity(a, c) < select.REDUNDANT and select.similarity(a, d) < select.REDUNDANT
    summary, shown = select.select([Theme(name="Results", candidates=[a, b, c])], per_theme=3, summary_size=0)
    kept = [x for x in shown[0].sentences if "21.4" in x.text]
    assert len(kept) == 1 and sorted(kept[0].sources) == [1, 2]


def test_redundancy_is_checked_across_themes():
    fact = "Acme hired Jane Roe as chief financial officer from rival Globex on Monday."
    one = Theme(name="People", candidates=[s(fact, 1), s("Acme named three new board members this week.", 1)])
    two = Theme(name="Competition", candidates=[s(fact.replace("Monday", "Monday, sources said"), 2),
                                                 s("Globex said it would fight Acme for the key contract.", 2)])
    summary, shown = select.select([one, two], per_theme=2, summary_size=0)
    all_texts = [x.text for t in shown for x in t.sentences]
    assert sum("Jane Roe" in t for t in all_texts) == 1


@pytest.mark.parametrize("opening", ["That's where", "This", "He said", "They", "It"])
def test_dangling_openers_lose_to_self_contained_alternatives(opening):
    dangling = s(f"{opening} the plan to expand production in Ohio comes into play for investors.", 1, 0)
    standalone = s("Acme plans to expand production in Ohio, adding 2,000 jobs by next year.", 1, 9)
    theme = Theme(name="Plans", candidates=[dangling, standalone])
    _, shown = select.select([theme], per_theme=1, summary_size=0, method="lexrank")
    assert shown[0].sentences[0].text == standalone.text


def test_audience_word_budget_is_honoured():
    candidates = [s(f"Acme opened plant number {i} in a new state this quarter with hundreds of new workers on site.", 1, i)
                  for i in range(10)]
    _, shown = select.select([Theme(name="Plants", candidates=candidates)], per_theme=8, summary_size=0, max_words=40)
    assert sum(len(x.text.split()) for x in shown[0].sentences) <= 40


def test_summary_draws_from_several_themes_and_is_not_repeated_in_them():
    facts = [("Acme's cloud revenue jumped 30% to $2.5 billion on demand from banks.",
              "Acme's cloud team will open a data hall in Dublin next spring."),
             ("Acme hired Jane Roe, formerly of Globex, as chief financial officer.",
              "Acme's board added two independent directors with audit experience."),
             ("Regulators fined Acme $40 million over late disclosures in Europe.",
              "Acme said it would appeal the decision in a Brussels court."),
             ("Acme agreed to buy chip designer Initech for $1.2 billion in cash.",
              "Initech's founders will stay on to run the combined design unit.")]
    themes = [Theme(name=f"T{i}", candidates=[s(a, i, 0), s(b, i, 3)]) for i, (a, b) in enumerate(facts, 1)]
    summary, shown = select.select(themes, per_theme=2, summary_size=3)
    assert len(summary) == 3
    assert len({x.source for x in summary}) == 3
    in_themes = {x.text for t in shown for x in t.sentences}
    assert not in_themes & {x.text for x in summary}


@pytest.mark.parametrize("method", ["default", "lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "edmundson"])
def test_every_method_selects_verbatim_candidates(method):
    candidates = [s(t, 1, i) for i, t in enumerate([
        "Acme said revenue rose 21% to $4.2 billion in the quarter.",
        "Acme raised its full-year forecast on strong cloud demand.",
        "The company also announced a $1 billion share buyback program.",
        "Analysts said the results beat expectations by a wide margin.",
    ])]
    _, shown = select.select([Theme(name="Results", candidates=candidates)], method=method, per_theme=2, summary_size=0)
    assert {x.text for x in shown[0].sentences} <= {c.text for c in candidates}


def _story(story_id: int, members, publishers):
    from briefs.stories import Story

    return Story(story_id, tuple(members), tuple(sorted({x for m in members for x in m.sources})), tuple(publishers))


def test_the_summary_leads_with_the_story_most_publishers_told():
    big = [s(f"Acme will take a $2.4 billion charge on unsold robots, outlet {i} reported.", i) for i in range(1, 5)]
    aside = s("Acme's chief executive said the new lobby art cost $900,000 and was worth every cent.", 9)
    big = [replace(sentence, story=1) for sentence in big]
    aside = replace(aside, story=2)
    week = [_story(1, big, ["Wire", "Daily", "Weekly", "Post"]), _story(2, [aside], ["Blog"])]
    summary, _ = select.select([Theme(name="Results", candidates=big + [aside])], per_theme=2, summary_size=1,
                               stories=week)
    assert len(summary) == 1 and summary[0].story == 1


def test_the_summary_leads_with_the_subject_alone_and_tells_the_stocks_fall_once():
    fall = replace(s("Acme shares sank 45 percent after the lender said it would sell new stock.", 1), story=1)
    again = replace(s("Shares of Acme were down more than 30% by mid-morning today after the lender sold its bond book.", 2),
                    story=2)
    shared = replace(s("Acme (ACME) and Globex (GLBX) will each shut a dozen branches in Ohio by June.", 3), story=3)
    plan = replace(s("Officials said on Sunday that every customer of Acme will get all of their money back.", 4), story=4)
    week = [_story(i + 1, [x], [f"P{i}", f"Q{i}"]) for i, x in enumerate([fall, again, shared, plan])]
    names_globex = lambda text: "GLBX" in text
    summary, _ = select.select([Theme(name="News", candidates=[fall, again, shared, plan])], per_theme=4,
                               summary_size=2, stories=week, shared=names_globex)
    assert {x.story for x in summary} == {1, 4}  # the other fall is the same story; the shared line waits
    summary, _ = select.select([Theme(name="News", candidates=[fall, again, shared, plan])], per_theme=4,
                               summary_size=3, stories=week, shared=names_globex)
    assert {x.story for x in summary} == {1, 3, 4}  # ... until no story about the subject alone is left
    summary, _ = select.select([Theme(name="News", candidates=[fall, again, shared, plan])], per_theme=4,
                               summary_size=3, stories=week)
    assert 2 not in {x.story for x in summary}


def test_a_theme_never_quotes_two_sentences_of_one_story():
    one = [s("Acme will take a $2.4 billion charge on unsold robots, it said on Tuesday.", 1),
           s("The robot maker expects to book the charge in its current quarter, people said.", 2)]
    other = s("Acme opened a plant in Ohio that will employ four hundred people.", 3)
    one = [replace(sentence, story=1) for sentence in one]
    other = replace(other, story=2)
    week = [_story(1, one, ["Wire", "Daily"]), _story(2, [other], ["Post"])]
    _, shown = select.select([Theme(name="Results", candidates=one + [other])], per_theme=3, summary_size=0,
                             stories=week)
    assert [x.story for x in shown[0].sentences].count(1) == 1


def test_sentences_that_may_not_lead_stay_out_of_the_summary():
    pitch = s("Acme is a screaming buy at $40 a share, with revenue up 12% to $3.1 billion.", 1)
    news = s("Acme opened a plant in Ohio that will employ four hundred people.", 2)
    pitch, news = replace(pitch, story=1), replace(news, story=2)
    week = [_story(1, [pitch], ["Pitch"]), _story(2, [news], ["Wire"])]
    summary, _ = select.select([Theme(name="Results", candidates=[pitch, news])], per_theme=2, summary_size=2,
                               stories=week, leads=lambda x: x.text != pitch.text)
    assert [x.text for x in summary] == [news.text]


@pytest.mark.parametrize("text, expected", [
    ("Trump Signs Orders on Office Space County Floats Leaner Budget Fund Bets on Leadership Training Rally", True),
    ("Acme, Globex, Initech and Hooli all reported higher sales in the quarter, led by Acme in Europe.", False),
    ("The company said revenue rose 12% to $3.1 billion in the third quarter of the year.", False),
])
def test_a_run_of_glued_headlines_is_not_a_sentence_to_quote(text, expected):
    assert select.headline_run(text) is expected
    if expected:
        assert select.quality(s(text)) < 0.2


def test_one_amount_with_its_scale_is_one_fact_across_themes_however_worded():
    news = s("Acme shares slid 4% after it said it would book a $2.7 billion writedown on its ferry fleet.", 1)
    preview = s("Analysts expect the May results to carry the $2.7 billion charge the carrier flagged.", 2)
    price = s("Acme's new scooter sells for $349 in Europe.", 3)
    other_price = s("The rival model from Globex also costs $349 at launch.", 4)
    assert select.same_fact(news, preview)
    assert not select.same_fact(price, other_price)  # a bare price recurs across products
    summary, shown = select.select([Theme(name="Results", candidates=[news]), Theme(name="Costs", candidates=[preview])],
                                   per_theme=2, summary_size=0)
    assert sum("$2.7 billion" in x.text for t in shown for x in t.sentences) == 1


def test_a_number_keeps_its_unit_so_round_numbers_do_not_tie_unrelated_figures():
    assert select.telling_numbers("Sales rose 20% to $10 trillion.") == frozenset({"20%", "$10t"})
    market = s("The index fell 20% last month, wiping out about $10 trillion of value.", 1)
    share = s("Acme's home market shrank to about 10% of its revenue from 20%.", 2)
    assert select.similarity(market, share) < select.REDUNDANT  # "20%" alone; "10%" is not "$10 trillion"


@pytest.mark.parametrize("text, contained", [
    ("Several other brokerages also recently commented on the stock.", False),
    ("Within that group, Acme and Globex are the two laggards.", False),
    ("Below is the full report on Acme's fundamentals.", False),
    ("There were concerns that the losses could spread to other lenders.", True),
    ("Within the sector, Acme and Globex are the two laggards.", True),
    ("Some Acme options, like its $200 calls, also saw similarly heavy trading.", False),
    ("Globex, likewise, cut its forecast for the year.", False),
    ("Consequently, shares of Acme and Globex fell 2.6% and 2.4%, respectively.", False),
    ("The chart above shows that Acme's revenue could reach $159 billion in 2025.", False),
    ("The chart maker Acme said its revenue rose 5%.", True),
    ("As a result, Acme cut its forecast for the year.", False),
    ("As a result of the strike, Acme cut its forecast for the year.", True),
    ("Thus far, Acme has sold 2 million cars this year.", True),
    ("Acme reported margins similar to last year's, at 21%.", True),
    ("Acme's new chip performs similarly to Globex's flagship at half the power.", True),
    ("Acme won't easily give some of these awards back, either.", False),
    ("Two of them left Acme in March.", False),
    ("Some of the awards went to Globex.", True),
    ("Two of the three plants are in Texas.", True),
    # A pronoun subject after an opening that names no one, and "the same" period, lean back too.
    ("When the housing boom ended, it lost half of its orders in a year.", False),
    ("In a statement on Monday, they said the plan was on track.", False),
    ("During the same quarter, Globex's sales fell 3%.", False),
    ("After Acme's warning on Tuesday, it fell 3%.", True),
    ("In 2024, Acme earned $5 million.", True),
    # an example of, or a contrast with, what came before
    ("For example, when the plant flooded in 2019, Acme paid $1 billion to keep its suppliers.", False),
    ("On the other hand, lower costs could win Acme a larger share of the market.", False),
    ("In contrast to Globex, Acme raised its forecast for the year.", True),
    # a concession or an addition to what came before (stop 34)
    ("Nevertheless, Acme has missed such targets before.", False),
    ("Even so, Acme expects sales to grow this year.", False),
    ("That said, Acme cut its forecast for the year.", False),
    ("Add to that a weaker yen, and Acme's margins look thin.", False),
    ("On top of all that, Acme lost its biggest customer.", False),
    ("Despite this, Acme shares rose 4% on Monday.", False),
    ("Despite the tariffs, Acme shares rose 4% on Monday.", True),
    ("Acme nevertheless raised its forecast for the year.", True),
    # a quotation's tail, or a quotation whole, with no one named as saying it
    ('The plan is late and we will not wait for it," he said.', False),
    ("Our buyers asked for exactly this kind of arm.”", False),
    ('"From today we will recover what we lost, plant by plant."', False),
    ('"We will double output," said Jane Doe, Acme\'s chief executive.', True),
    ("Acme's chief executive said: “We will double output.”", True),
    ('Acme said it expects "strong demand" for its arms.', True),
    ('Jane Doe called the arm "a stunning piece of work".', True),
    # the first sentence of a quotation that goes on, its speaker named after it
    ('"I believe Acme is the best arm maker in the world.', False),
    ("“We will double output this year.", False),
    ('"Acme" is now the name on every arm sold in the city.', True),
    # news told before, named by a noun (stop 38)
    ("The news, the latest blow in a long dispute, sent Acme shares down 6% on Wednesday.", False),
    ("The announcement lifted Acme shares 4% on Monday.", False),
    ("The news that Acme will close its Ohio plant surprised analysts on Monday.", True),
    # a clause opening on a pronoun for someone named before (stop 40); "it" may be no one
    ("If they aren't, the buyers Acme wants most will pick Globex's arms instead.", False),
    ("When he took over in 2020, Acme was losing money on every arm it sold.", False),
    ("Because they cost less to run, smaller arms now outsell Acme's big ones.", False),
    ("If it rains on Monday, Acme will move the launch indoors.", True),
    ("As it turns out, Acme had sold the plant a year earlier.", True),
    ("When Acme took over the plant in 2020, it was losing money.", True),
    ("Acme's management sees a similar growth path for the arm business.", False),
    ("Acme sees a similar growth path to Globex's for the arm business.", True),
    ("Acme shares are 6% higher, and those of Globex are up by a similar percentage.", True),
    ("Regulators closed Acme Bank on Sunday, citing \"a similar systemic risk exception.\"", True),
    ("Simultaneously, robots have emerged as the cornerstone of the Ohio economy.", False),
    ("At the same time, Acme raised its forecast for the year.", False),
    # "respectively" pairs two lists: with one of them in the sentence before, it leans back
    ("Analysts polled by a data firm expected $1.10 and $9.2 billion, respectively.", False),
    ("Acme's revenue and profit rose 8% and 12%, respectively.", True),
    ("Sales in Europe, Asia and Ohio grew 2%, 5% and 9% respectively, Acme said.", True),
])
def test_a_sentence_pointing_back_or_ahead_does_not_read_on_its_own(text, contained):
    assert select.self_contained(s(text)) is contained


def test_one_days_share_move_is_one_fact_however_each_outlet_words_it():
    a = s("Acme shares tumbled nearly 7% Wednesday after the export rule.", 1)
    b = s("Acme Corporation declined by 6.87 percent on Wednesday to close at $104.49.", 2)
    c = s("Acme stock fell as much as 4% Thursday, extending its losses.", 3)
    assert select.same_fact(a, b)
    assert not select.same_fact(a, c)


def test_a_share_move_told_in_another_order_is_still_that_days_move():
    summary = s("Acme shares tumbled nearly 7% Wednesday after the export rule.", 1)
    day_first = s("In early trading Wednesday, ACME was down 6.7%, trading at $104.71.", 2)
    price_first = s("Acme's share price fell to $104.32, down more than 7% in premarket trading on Wednesday.", 3)
    assert select.same_fact(summary, day_first) and select.same_fact(summary, price_first)
    thursday = s("In early trading Thursday, ACME was down 4%, trading at $100.10.", 4)
    assert not select.same_fact(summary, thursday)
    # Without trading words, or with a ceiling ("up to"), there is no move to compare.
    assert select.price_move("Acme expects sales in Europe to be down 7% this year, it said on Wednesday.") is None
    assert select.price_move("Acme plans to spend up to 10% of its stock buyback budget on Monday's offer.") is None


def test_a_moves_day_after_a_closing_price_is_still_that_days_move():
    early = s("Acme shares fell as much as 5% in early trading on Wednesday after the export rule.", 1)
    close = s("Shares of Acme slumped nearly 7% to close at $104.49 Wednesday, leading chip stocks lower.", 2)
    assert select.price_move(close.text) == ("down", "wednesday", 7.0)
    assert select.same_fact(early, close)
    # A sentence's end still ends the window: the day there belongs to another clause.
    assert select.price_move("Acme shares fell 7%. On Wednesday the Nasdaq rose.")[1] == ""


def test_a_signed_change_in_a_trading_line_is_a_move_and_a_small_one_is_a_days_drift():
    tick = "Acme (ACME) closed the most recent trading day at $52.10, moving -0.2% from the previous trading session."
    assert select.price_move(tick) == ("down", "", 0.2)
    assert select.price_move("Acme stock closed Tuesday's session at $9.80, a change of +1.4%.") == ("up", "tuesday", 1.4)
    # a signed figure outside trading, or a plan's change, is no move
    assert select.price_move("Acme expects margins moving -0.5% next year as costs rise.") is None
    big = tick.replace("-0.2%", "-6.2%")
    drift, move = select.score([s(tick, 1), s(big, 2)], "default")
    assert drift.score < 0.5 * move.score  # a day's drift weighs like general talk, a real move does not


WEEK_WORDS = frozenset("after said results chips share revenue the and company shares fell kingpin yesterday familiar "
                       "robotic worried sea with draw ward rapist rein prof less form near bullet stand earlier partner".split())


@pytest.mark.parametrize("text, glued", [
    ("Shares tumbled nearly 7% Wednesday afterthe company said it would take a charge.", True),
    ("Acme said its results and guidance beat estimates, andNasdaq futures rose.", True),
    ("The rules cover itsX90 robots sold abroad.", True),
    ("Semiconductor kingpinAcme is a juggernaut, analysts wrote.", True),
    ("Acme's resultsand guidance beat estimates.", True),
    ("The stock fell 7% earlieras the company said it would take a charge.", True),
    ("Acme signed on as a partnerwith the carmaker last year.", True),
    ("Acme makes itsrobotic arms in Ohio.", True),
    ("A rule thatworried investors came on Tuesday.", True),
    ("The chief executive told CNBCyesterday that prices would rise.", True),
    ("Acme(ACME-2.4%)shares fell after the results.", True),
    ("Acme (NASDAQ:ACME)said its revenue rose.", True),
    # The same words written apart, and ordinary words that end or begin like glue, are not.
    ("Shares fell after the company said it would take a charge.", False),
    ("Acme's results and guidance beat estimates; its X90 robots sold well.", False),
    ("The chief executive said the format of the summit will let visitors see the digit count.", False),
    ("Acme will visit Thailand and Ireland, Blythe and Paris said, after its iPhone and macOS launch.", False),
    ("easyJet said bookings rose 8% as its app drew more visitors.", False),
    ("theScore said bets placed on its app rose 8%.", False),
    ("The company's photo of the prototype showed a finish its makers cannot match.", False),
    ("Within the season, profits rose whereas losses fell; the lesson, thereof, came forthwith.", False),
    ("Acme will withdraw its forward guidance; a therapist and a bulletin were nearby in the format.", False),
    ("The prof said the areas, on a basis of themselves, stand therein.", False),
    ("JPMorgan said Acme sells GPUs and CPUs to PC makers; Acme (ACME) said its user(s) fell.", False),
    ("Acme (NASDAQ: ACME) shares fell 3.01% (ACME -3.01%) after the results.", False),
])
def test_words_a_scrape_ran_together_are_told_from_ordinary_words(text, glued):
    assert select.run_together(text, WEEK_WORDS | {"easy", "pho", "can"}, frozenset({"easyjet", "thescore"})) is glued


@pytest.mark.parametrize("text, fixed", [
    ("Shares tumbled nearly 7% Wednesday afterthe company said it would take a charge.",
     "Shares tumbled nearly 7% Wednesday after the company said it would take a charge."),
    ("The rules cover itsX90 robots, andNasdaq futures fell.", "The rules cover its X90 robots, and Nasdaq futures fell."),
    ("Semiconductor kingpinAcme makes itsrobotic arms in Ohio.", "Semiconductor kingpin Acme makes its robotic arms in Ohio."),
    ("Acme(ACME-2.4%)shares fell, the chief executive told CNBCyesterday.",
     "Acme (ACME-2.4%) shares fell, the chief executive told CNBC yesterday."),
    ("Rivals such as Globex(GLX1.19%) gained.", "Rivals such as Globex (GLX1.19%) gained."),
    ("Acme (NASDAQ:ACME)CEO Jane Roe flew to Lagosfor talks.", "Acme (NASDAQ:ACME) CEO Jane Roe flew to Lagos for talks."),
    ("The likes ofGlobex andACMEis rose, as Globexsaid.", "The likes of Globex and ACME is rose, as Globex said."),
    ("Buyers like Acme,Globex, and Initech,Inc. paid 1,250 each.", "Buyers like Acme, Globex, and Initech, Inc. paid 1,250 each."),
    ("Jane Roe, the company'sformer chief, left.", "Jane Roe, the company's former chief, left."),
    ("Macy'sinc and Acme’sxyzzy stay as written.", None),
    # Names and words that begin or end like glue keep their letters together.
    ("theScore and easyJet said aTyr, watchOS and iPhone sales rose.", None),
    ("Within the season, Harrison, Nicholas and Morgan said profits rose therein.", None),
    ("Putin met Francis in Boston; Genesis said CEOs bought GPUs; user(s) fell.", None),
    ("Acme (NASDAQ: ACME) shares fell 3.01% (ACME -3.01%) after the results.", None),
])
def test_a_quote_gets_back_the_spaces_its_scrape_lost_and_nothing_else(text, fixed):
    words = WEEK_WORDS | {"with", "put", "there", "genes", "former"}
    got = select.respaced(text, words, frozenset({"thescore", "easyjet"}), context="Globex and Lagos and Acme and Harris and Nichol.",
                          named=lambda: {"Genes": 1, "Franc": 1, "Francis": 1, "Globex": 3})
    assert got == (fixed or text)
    assert got.replace(" ", "") == text.replace(" ", "")  # spaces only: every letter is the source's


# The week these quotes come from: what it writes, and how often it writes each phrase.
_GLUE_WEEK = ("Acme is back in the black. The plant will produce 40 tonnes as the order grew. Its license in Ohio "
              "and a license in Texas. Acme rumor mill. Chipmakers rose; other chipmakers fell and chip makers "
              "slid. The writedown came after a write down of stock. Onboarding of new staff, on board the ship. "
              "Stock in Acme. Globex wellbeing, well being. Its restrictor or its valve. Two manufacturing plants.")


@pytest.mark.parametrize("text, fixed", [
    ("Acme isbackin the spotlight as the order book grew.", "Acme is back in the spotlight as the order book grew."),
    ("The plant willproduce 40 tonnes asthe order grew.", "The plant will produce 40 tonnes as the order grew."),
    ("It holds a licensein Ohio.", "It holds a license in Ohio."),
    # words the dictionary lacks stay whole
    ("Acme denied the rumor on Monday.", None),  # no one writes "rum or"
    ("Chipmakers and other chipmakers fell.", None),  # no function word: a compound, though the week writes "chip makers"
    ("The writedown hit Acme.", None),  # a particle closes it, however often "write down" is written
    ("Onboarding took a week.", None),
    ("Staff wellbeing improved.", None),  # "being" is no function word to glue
    ("A restrictor failed.", None),  # "-or" ends words
    ("Acme wrote of manufacturingplants.", None),  # two words without a function word: a compound or glue, untold
])
def test_a_quote_gets_back_the_spaces_between_lower_case_words_and_only_there(text, fixed):
    lowered = _GLUE_WEEK.lower()

    def together(phrase: str) -> int:
        return len(re.findall(r"(?<![\w'’-])" + r"\s+".join(map(re.escape, phrase.split())) + r"(?![\w'’-])",
                              lowered + " " + text.lower()))

    words = frozenset(re.findall(r"[a-z]+", (_GLUE_WEEK + " " + text).lower()))
    got = select.respaced(text, words, frozenset({"acme"}), together=together)
    assert got == (fixed or text)
    assert select.respaced(text, words, frozenset({"acme"})) == text  # without the week's phrases, no guess


def test_without_its_dictionary_the_brief_parts_no_lower_case_words_and_does_not_fail(monkeypatch):
    monkeypatch.setattr(language, "DICTIONARY", ("symspellpy", "no_such_dictionary.txt"))
    language.dictionary_words.cache_clear()
    try:
        assert language.dictionary_words() == frozenset()
        text = "The plant willproduce 40 tonnes asthe order grew."
        assert select.respaced(text, frozenset({"plant", "produce", "order"}), together=lambda phrase: 5) == text
    finally:
        monkeypatch.undo()
        language.dictionary_words.cache_clear()
    assert "the" in language.dictionary_words()


def test_a_wording_with_run_together_words_gives_way_to_a_clean_one_of_its_story():
    glued = replace(s("Acme shares tumbled 7% Wednesday afterthe company said it's taking a $3.2 billion charge in Q2.", 1,
                      position=0), story=1)
    clean = replace(s("Acme shares fell on Wednesday as the company said it would take a charge.", 2), story=1)
    week = [_story(1, [glued, clean], ["Wire", "Daily"])]
    theme = Theme(name="Results", candidates=[glued, clean])
    summary, _ = select.select([theme], per_theme=1, summary_size=1, stories=week)
    assert summary[0].text == glued.text  # the lead with the figures, when nothing tells glue
    summary, _ = select.select([theme], per_theme=1, summary_size=1, stories=week, words=WEEK_WORDS)
    assert summary[0].text == clean.text


def test_one_statement_quoted_by_two_outlets_is_one_fact_but_a_common_phrase_is_not():
    a = s("Acme expects its Ohio investment to bring \u201cthousands of skilled factory jobs to the valley,\u201d it said.", 1)
    b = s("Union leaders doubted the promise of \u201cthousands of skilled factory jobs\u201d would be kept by 2030.", 2)
    assert select.same_fact(a, b)
    c = s("\u201cWe are going to be in the United States and in Europe,\u201d Acme's chief said of the arms.", 3)
    d = s("Globex said \u201cwe are going to be in the United States and in Asia\u201d with its new drones.", 4)
    assert not select.same_fact(c, d)  # a run of common words is any speaker's


def test_a_products_number_or_the_same_percentage_names_one_fact():
    a = s("The Z-400 scanner will sell for $149 from June.", 1)
    b = s("Clinics with the Z-400 scanner open their doors next month.", 2)
    assert select.same_fact(a, b)
    c = s("Acme shares sank 45 percent after the lender announced a share sale.", 1)
    d = s("First, Acme sank 45%, after it announced it was selling new shares.", 2)
    assert select.same_fact(c, d)


def test_a_theme_shows_no_filler_far_below_its_best_sentence():
    good = [replace(s("Acme revenue rose 12% to $2.1 billion in the quarter, beating forecasts.", 1), score=1.0),
            replace(s("Acme will build a second warehouse in Ohio for $400 million.", 2), score=0.8)]
    filler = replace(s("They think these ten stocks are even better buys right now.", 9), score=0.05)
    picked = select.pick(good + [filler], 5, [])
    assert filler not in picked and len(picked) == 2


def test_a_writers_own_exclamation_reads_as_a_pitch():
    plain = s("Acme raised its forecast for the year on strong orders.")
    pitch = s("Acme raised its forecast for the year, and it was not on the list!")
    assert select.quality(pitch) < select.quality(plain)


@pytest.mark.parametrize("text, spoken_to", [
    ("Whether you like its chief or not, Acme keeps winning orders from carmakers.", True),
    ("Let's look at why Acme's robot arm keeps winning orders from carmakers.", True),
    ("Your next car may well be built by one of Acme’s robot arms.", True),
    ("\"You will see the new arm in every plant,\" Acme's chief executive told analysts.", False),  # reported speech
    ("Acme said young buyers made up a third of its orders in the quarter.", False),
    # a column's own chat
    ("Fortunately for all of us, Acme's chief was too busy to post about the loss.", True),
    ("Acme remains, well, a money pit of quite historic size.", True),
    ("Acme's sales in the US rose 4% as well, the company said.", False),
])
def test_the_writer_speaking_to_the_reader_weighs_less(text, spoken_to):
    plain = s("Acme raised its forecast for the year on strong orders from carmakers.")
    assert (select.quality(s(text)) < 0.6 * select.quality(plain)) is spoken_to


def test_a_question_reports_nothing_even_in_quotes():
    plain = s("\"Demand for the robots is well ahead of supply,\" an investor said of Acme on Tuesday.")
    asked = s("\"If demand for Acme's robots is so far ahead of supply, why did it write its stock down?")
    assert select.quality(asked) < select.quality(plain)


def _summary_of(*lines: Sentence) -> list[Sentence]:
    """The executive summary of one theme holding these scored lines, each its own story."""
    return select.top_stories([(0, list(lines))], [Theme(name="Results", description="", candidates=list(lines))], {}, 2)


@pytest.mark.parametrize("text, silent", [
    ("Acme and the state lender declined to comment.", True),
    ("Acme officials were unavailable for comment on the report.", True),
    ("Globex did not immediately respond to a request for comment.", True),
    ("Spokespeople for Acme and the ministry had not responded to the Daily Wire's request for comment at the time "
     "of writing.", True),
    ("Acme declined to comment on the report, but said it will cut 1,000 jobs in Ohio this year.", False),
    ("Acme declined to comment on why it closed the Ohio plant that employed 1,000 people.", False),
])
def test_a_line_saying_no_one_would_comment_tells_nothing(text, silent):
    assert select.says_nothing(text) is silent
    # The story's own line, but never quoted: not to fill a thin theme, not to lead the summary.
    plain = replace(s("Acme raised its forecast for the year on strong orders from carmakers.", 2), score=0.5)
    line = replace(s(text, 1), score=1.0)
    assert (select.pick([line, plain], 2, []) == [plain]) is silent
    assert (line not in _summary_of(line, plain)) is silent


@pytest.mark.parametrize("text, asked", [
    ("Another question is whether or not a buyer will emerge for Acme's robot unit.", True),
    ("The big question now is how fast Acme can ship the new arm to carmakers.", True),
    ("The question of whether Acme can ship the arm was settled on Monday by the regulator.", False),
    ("Acme questioned whether the new export rule applied to its robot arms at all.", False),
])
def test_a_question_put_as_a_statement_reports_nothing(text, asked):
    plain = s("Acme raised its forecast for the year on strong orders from carmakers.")
    assert (select.quality(s(text)) < 0.5 * select.quality(plain)) is asked


@pytest.mark.parametrize("text, demoted", [
    ("To come up with the list of decliners, we only considered stocks with $2 billion of market value.", True),
    ("Our ranking uses the average of the analysts' ratings over the past month.", True),
    ("\"We put the chip on our export list in March,\" the ministry said on Friday.", False),
    ("We expect margins to improve next year as the new plant ramps up to full speed.", False),
    ("The list price of the new model rose 8% this year, the dealers said.", False),
    # ... or boasting of its model portfolio
    ("The Harbor Picks portfolio has outperformed the S&P 500 by a wide margin since inception.", True),
    ("Stocks in the Harbor portfolio deliver higher returns with lower risk than the benchmark index.", True),
    ("The pension fund sold its portfolio of bonds after they outperformed in March.", False),
    ("The Harbor Picks portfolio, made of 30 stocks, has shown markedly lower volatility.", True),
    ("The fund cut the risk in its portfolio after the bank's collapse in March.", False),
])
def test_the_writer_explaining_its_own_list_weighs_like_an_explainer(text, demoted):
    plain = s("Shares of rival makers rose on Tuesday after the tariff pause was announced.", 1)
    [scored, base] = select.score([s(text, 2), plain], "default", about=lambda text: "Acme" in text)
    [alone] = select.score([s(text, 2)], "default", about=lambda text: True)  # naming the subject: never demoted
    assert (scored.score < alone.score * 0.5) is demoted


@pytest.mark.parametrize("text, advice", [
    ("While most banks differ from Acme, investors should probably watch any bank stock they own closely.", True),
    ("Investors who own Acme should hold it, but better times to buy will come, the fund manager said.", True),
    ("If you hold Acme, you may want to wait for the results before adding more.", True),
    ("\"Investors should expect a lower dividend next year,\" Acme's finance chief said on Monday.", False),
    ("Acme shareholders will vote on the merger on May 4, the company said.", False),
])
def test_the_writer_advising_investors_weighs_like_an_explainer_even_naming_the_subject(text, advice):
    [scored] = select.score([s(text, 2)], "default", about=lambda text: True)
    [plain] = select.score([s(text.replace("should", "will").replace("may want to", "will"), 2)], "default",
                           about=lambda text: True)
    assert (scored.score < plain.score * 0.5) is advice


@pytest.mark.parametrize("text, plain, background", [
    ("Acme said in its fourth-quarter update that it ended last year making 3,000 cars a week.",
     "Acme said in its fourth-quarter update that it ended the year making 3,000 cars a week.", True),
    ("A year ago, Acme paid $1 billion to secure its chip supply.",
     "In March, Acme paid $1 billion to secure its chip supply.", True),
    ("Acme said this week that it now makes 4,000 cars a week, up from 3,000 last year.",
     "Acme said this week that it now makes 4,000 cars a week, up from 3,000 in the spring.", False),
    ("Acme's revenue rose 12% from last year to $2.1 billion.",
     "Acme's revenue rose 12% from the spring to $2.1 billion.", False),
])
def test_what_the_sentence_dates_before_the_week_weighs_as_background(text, plain, background):
    [dated] = select.score([s(text, 2)], "default", about=lambda text: True)
    [undated] = select.score([s(plain, 2)], "default", about=lambda text: True)
    assert dated.score == pytest.approx(undated.score * (select.BACKGROUND if background else 1.0))


@pytest.mark.parametrize("text, plain, background", [
    # a month of the year named alone, before the week's (the week starts in April)
    ("Investors cheered Acme's fourth-quarter results in January, when it added 2 million customers.",
     "Investors cheered Acme's fourth-quarter results, when it added 2 million customers.", True),
    ("Acme will open its Ohio plant in January, adding 2,000 jobs.",
     "Acme will open its Ohio plant, adding 2,000 jobs.", False),
    ("Acme shares jumped 4% in April as orders picked up.", "Acme shares jumped 4% as orders picked up.", False),
    ("Acme trimmed 300 jobs in March, the company confirmed.", "Acme trimmed 300 jobs, the company confirmed.", True),
    ("Acme shares have slumped 20% since January as buyers stayed away.",
     "Acme shares have slumped 20% as buyers stayed away.", False),
])
def test_a_month_named_without_its_year_before_the_weeks_is_background(text, plain, background):
    since = dt.date(2026, 4, 13)
    [dated] = select.score([s(text, 2)], "default", about=lambda text: True, since=since)
    [undated] = select.score([s(plain, 2)], "default", about=lambda text: True, since=since)
    assert dated.score == pytest.approx(undated.score * (select.BACKGROUND if background else 1.0))


def test_one_event_retold_in_other_words_is_one_fact_and_the_weeks_other_facts_are_not():
    trip = s("Acme CEO Jane Roe made a high-profile trip to Lisbon this week following a sudden government move "
             "to block exports of the company's chips.", 1)
    visit = s("Acme CEO Jane Roe reportedly visited Lisbon, meeting the economy minister and a rival's founder, "
              "after a government move to block its exports.", 2)
    assert select.similarity(trip, visit) < select.REDUNDANT  # not worded alike: retold
    filing = s("In a filing on Tuesday, Acme said the government told it a licence would be needed to export its chips.", 3)
    warned = s("Acme did not warn some customers about the export rule it learned of a week ago, two people said.", 4)
    assert select.retold(trip, visit) and select.same_fact(trip, visit)
    assert not select.retold(filing, warned)  # one week's vocabulary, two facts
    assert not select.retold(trip, filing)
    # A figure one of them adds is news of its own.
    costed = s("Acme CEO Jane Roe reportedly visited Lisbon, meeting the economy minister and a rival's founder, "
               "after a government move to block its exports cut sales by 12%.", 5)
    assert not select.retold(visit, costed)


def test_a_story_told_before_the_week_leads_the_summary_only_when_the_weeks_stories_are_used():
    import datetime as dt
    since = dt.date(2026, 11, 16)
    # One event, a quarter that ended in September: one telling dates it, the other leaves the date out.
    dated = replace(s("Acme reported $9.1 billion in revenue for its quarter ended September 2026.", 1), story=1)
    undated = replace(s("Acme's revenue grew 40% to $9.1 billion, driven by its robot arms.", 2), story=1)
    news = replace(s("Acme said on Tuesday that it will build a $2 billion factory in Ohio.", 3), story=2)
    week = [_story(1, [dated, undated], ["Wire", "Daily", "Weekly", "Post"]), _story(2, [news], ["Blog"])]
    assert select.background_stories([dated, undated, news], since) == {1}
    summary, _ = select.select([Theme(name="News", candidates=[dated, undated, news])], per_theme=2,
                               summary_size=1, stories=week, since=since)
    assert [x.story for x in summary] == [2]  # the bigger story, but last quarter's, waits
    summary, _ = select.select([Theme(name="News", candidates=[dated, undated, news])], per_theme=2,
                               summary_size=2, stories=week, since=since)
    assert {x.story for x in summary} == {1, 2}
    # A story one of whose tellings dates it in the week is the week's, and without a known week nothing is dated.
    this_week = replace(s("Acme said this week that its revenue grew 40% to $9.1 billion.", 4), story=1)
    assert select.background_stories([dated, undated, this_week], since) == set()
    assert select.background_stories([dated, undated], None) == set()


@pytest.mark.parametrize("small, large", [
    ("Acme shares were up 0.3% at $41.06 in the Tuesday premarket.",
     "Acme shares were up 6.3% at $41.06 in the Tuesday premarket."),
    ("Shares of Acme fell 0.8% on Friday.", "Shares of Acme fell 8% on Friday."),
])
def test_a_days_drift_in_the_share_price_weighs_like_an_explainer(small, large):
    [drift] = select.score([s(small, 2)], "default", about=lambda text: True)
    [move] = select.score([s(large, 2)], "default", about=lambda text: True)
    assert drift.score < move.score * 0.5
    assert move.score > 0.0


def test_one_persons_trip_told_in_other_words_is_one_fact():
    trip = s("Acme CEO Jane Roe made a high-profile trip to Shanghai this week after the export ruling.")
    retold = s("According to a local daily, Acme chief executive Jane Roe visited China on Thursday to meet officials.")
    assert select.same_fact(trip, retold)
    # Another traveller, another country, or no travel at all: other facts.
    assert not select.same_fact(trip, s("Globex CEO John Doe visited China on Thursday to meet officials."))
    assert not select.same_fact(trip, s("Acme chief executive Jane Roe visited India on Thursday to meet officials."))
    assert not select.same_fact(trip, s("Acme chief executive Jane Roe said China remains a key market for its robots."))


def test_one_site_told_in_other_words_is_one_fact():
    plan = s("Acme announced plans to open a factory in Wroclaw, Poland as part of its expansion.")
    for retold in ("Acme is reportedly planning to build a new plant in Southern Poland to grow outside Germany.",
                   "The company has picked an industrial park in Poland, near Katowice, to build its new factory.",
                   "At its investor day, the chief executive revealed the project, now called Factory Poland."):
        assert select.same_fact(plan, s(retold)), retold
    # A plant in another place, or the same country named without a site: other facts.
    assert not select.same_fact(s("Acme will build a chip fab in Ohio that opens in 2027, it said on Monday."),
                                s("Acme's new chip fab in Arizona began production on Tuesday, the company said."))
    assert not select.same_fact(plan, s("Acme's sales in Poland rose 12% in the quarter, helped by new dealers."))


def _prefilter_reading_every_quality(candidates, limit):
    """The prefilter's definition, reading every candidate's quality."""
    frequency = {}
    for sentence in candidates:
        for stem in set(sentence.stems):
            frequency[stem] = frequency.get(stem, 0) + 1

    def centrality(sentence):
        stems = set(sentence.stems)
        return select.quality(sentence) * sum(frequency[t] for t in stems) / (len(stems) + 5)

    ranked = sorted(candidates, key=lambda x: (-centrality(x), x.source, x.position))
    return sorted(ranked[:limit], key=lambda x: (x.source, x.position))


def test_the_prefilter_keeps_what_reading_every_quality_keeps():
    import random

    rng = random.Random(5)
    words = ["acme", "revenue", "port", "cranes", "gdansk", "volumes", "guidance", "margin", "tariff", "shares"]
    openings = ["", "It ", "Acme said ", "This ", "Analysts said "]
    candidates = []
    for i in range(900):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(3, 12)))
        figure = f" to ${rng.randint(1, 9)}.{rng.randint(0, 9)} billion" if rng.random() < 0.4 else ""
        text = f"{rng.choice(openings)}{body}{figure}."
        candidates.append(s(text[0].upper() + text[1:], source=i % 37 + 1, position=i // 37))
    candidates += [replace(c, source=c.source + 100) for c in candidates[:60]]  # equal centralities: ties
    by_frequency = _prefilter_reading_every_quality([replace(c, text="Plain words.") for c in candidates], 400)
    for limit in (1, 40, 400):
        kept = select._prefilter(candidates, limit)
        assert kept == _prefilter_reading_every_quality(candidates, limit)
    # Quality decided part of it: by stem frequency alone other candidates would be kept.
    assert {(c.source, c.position) for c in by_frequency} != {(c.source, c.position) for c in kept}


@pytest.mark.parametrize("text", [
    "GLOBEX CORP (GLBX) is a mid-cap value stock in the Money Center Banks industry.",
    "Globex (NASDAQ:GLBX) is, first and foremost, a manufacturer of electric vehicles.",
    "Globex is one of the most important companies powering the development of AI.",
    "The Z20 is a cut-down version of the company's more advanced chips.",
])
def test_a_profile_line_weighs_as_little_as_an_explainer(text, monkeypatch):
    # What a company or product is, not what happened this week: a profile's, a screen's or a bio's opening line.
    news = "Globex said it will close two plants in Ohio and cut its workforce, the company told staff."
    about = lambda t: "Globex" in t  # noqa: E731
    assert select.describes(text) and not select.describes(news)
    scored = select.score([s(text), s(news)], "default", about=about)
    monkeypatch.setattr(select, "describes", lambda _text: False)
    unweighed = select.score([s(text), s(news)], "default", about=about)
    assert scored[0].score == pytest.approx(select.GENERAL_CLAIM * unweighed[0].score) and unweighed[0].score > 0
    assert scored[1].score == unweighed[1].score


@pytest.mark.parametrize("text, statistics", [
    ("Globex has a 1 year low of $80.10 and a 1 year high of $140.25.", True),
    ("Globex has a fifty-two week low of $61.50 and a fifty-two week high of $98.", True),
    ("The firm's 50-day moving average is $90 and its 200-day moving average of $85 trails it.", True),
    ("Globex has a market capitalization of $12 billion, a P/E ratio of 31.2 and a beta of 1.4.", True),
    # the stock moving to a level, a ratio changed, a value reached on a day: news
    ("Globex shares fell to a 52-week low of $61.50 after the recall.", False),
    ("Globex cut its debt-to-equity ratio to 0.5 by selling its Ohio plants.", False),
    ("Globex became the first bank with a market value of $1 trillion on Thursday.", False),
    ("12,500,000 shares of Globex were exchanged, compared to its average volume of 9,800,000.", True),
])
def test_the_stocks_standing_statistics_are_never_quoted(text, statistics):
    assert select.stock_statistics(text) is statistics
    # True any day: not to fill a thin theme, not to lead the summary.
    news = replace(s("Globex said it will close two plants in Ohio and cut its workforce, the company told staff.", 2),
                   score=0.5)
    line = replace(s(text, 1), score=1.0)
    assert (select.pick([line, news], 2, []) == [news]) is statistics
    assert (line not in _summary_of(line, news)) is statistics


@pytest.mark.parametrize("text", [
    "Globex is now the largest lender in Ohio after the deal closed.",         # a change: news
    "Globex is a target of an SEC probe opened on Monday.",                     # dated in the week
    "Globex is the first bank to fail since 2008, with $88 billion in assets.",  # a figure
    "This is a summary of current ratings and target prices for Globex.",       # no name opens it
    "Globex announced it is a party to the merger agreement.",
])
def test_news_worded_with_is_a_is_no_profile_line(text):
    assert not select.describes(text)


def test_a_top_story_leads_the_summary_from_a_discovered_theme_too():
    # No configured theme's words: the week's biggest story was gathered into a discovered theme.
    big = [replace(s(f"Regulators created a deposit insurance bank to hold Acme's insured deposits, outlet {i} said.", i),
                   story=1) for i in range(1, 5)]
    aside = replace(s("Acme's chief executive said the new lobby art cost $900,000 and was worth every cent.", 9), story=2)
    week = [_story(1, big, ["Wire", "Daily", "Weekly", "Post"]), _story(2, [aside], ["Blog"])]
    themes = [Theme(name="Results", candidates=[aside]),
              Theme(name="Also: deposits, insurance, bank", candidates=big, discovered=True)]
    summary, _ = select.select(themes, per_theme=2, summary_size=1, stories=week)
    assert [x.story for x in summary] == [1]


def test_a_bare_price_is_one_fact_when_the_two_lines_share_a_word_besides():
    launch = s("Acme's new scooter is priced at $250 in its home market.", 1)
    bundle = s("Stores will stock the scooter at $250 from March, the company said.", 2)
    rival = s("The rival model from Globex also costs $250 at launch.", 3)
    assert select.same_fact(launch, bundle)  # "scooter" besides the price
    assert not select.same_fact(launch, rival)  # the price alone: two products may cost the same
    summary, shown = select.select([Theme(name="Products", candidates=[launch, bundle])], per_theme=3, summary_size=0)
    assert sum("$250" in x.text for t in shown for x in t.sentences) == 1


def test_a_theme_shows_fewer_lines_rather_than_one_that_hangs_on_the_sentence_before():
    good = replace(s("Acme's gross margin rose to 53% in the quarter, its highest in a decade.", 1), score=1.0)
    hanging = [replace(s("That means Acme can outlast its rivals in a downturn.", 2), score=0.9),
               replace(s("This is why buyers keep coming back to Acme every year.", 3), score=0.9),
               replace(s("That's why Acme's lower price is a better entry point for buyers.", 4), score=0.9)]
    whole = [replace(s("However, Acme's robot sales rose 31% to $2.4 billion.", 5), score=0.5),
             replace(s("This strategic shift will cost Acme $2 billion over three years.", 6), score=0.5),
             replace(s("He said Acme's new plant would open in May.", 7), score=0.5)]
    picked = select.pick([good, *hanging, *whole], 6, [])
    assert [p.source for p in picked] == [1, 5, 6, 7]
    assert select.hangs(hanging[0]) and not select.hangs(whole[0]) and not select.hangs(whole[1])


@pytest.mark.parametrize("text, ahead", [
    ("Acme is due to report its first-quarter results on Thursday.", True),
    ("Acme shares rose 1.5% in premarket trading ahead of its first-quarter earnings report.", True),
    ("Acme will report its fourth-quarter earnings after the bell on Tuesday.", True),
    ("Acme reported first-quarter revenue of $10.5 billion, up 12% from a year earlier.", False),
    ("Acme is expected to close the Ohio plant ahead of the holidays.", False),
])
def test_a_line_looking_ahead_to_the_report_is_told_apart(text, ahead):
    assert select.previews(text) is ahead


@pytest.mark.parametrize("text, unnamed", [
    ("Revenue for the quarter hit $10.2 billion, while earnings per share came in at $4.27.", True),
    ("Acme said net profit rose to $2.9 billion in the quarter.", True),
    ("Acme reported first-quarter revenue of $10.5 billion, up 12% from a year earlier.", False),
    ("Revenue for the quarter ended in March rose 12% to $10.5 billion.", False),
    ("Acme shares rose 3% on Thursday.", False),
])
def test_a_line_giving_the_quarter_without_saying_which_leads_no_summary(text, unnamed):
    assert select.unnamed_period(text) is unnamed
    assert (_summary_of(replace(s(text, 1), score=1.0)) == []) is unnamed


@pytest.mark.parametrize("text, speaks", [
    ("Considering the bank's margins, I'd wait to see how this quarter shakes out before investing in Acme.", True),
    ("I've generally been bullish on Acme, which has been a great performer over the years.", True),
    ("\"I expect orders to double,\" Acme's chief executive said on Monday.", False),  # reported speech
    ("We estimate Acme's fair value at $25 per share, roughly 25% above its current price.", True),
    ("Consider this: we're in the midst of a trade war, and Acme makes its arms in Ohio.", True),
    ("\"We will double output this year,\" Acme's chief executive told analysts.", False),
    ("Acme's Model I sold 3,000 units in Ohio in March.", False),
])
def test_the_writer_speaking_as_i_leads_no_summary(text, speaks):
    assert select.writer_speaks(text) is speaks
    assert (_summary_of(replace(s(text, 1), score=1.0)) == []) is speaks
