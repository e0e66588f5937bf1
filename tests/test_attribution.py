"""Attribution: whom each kept sentence is about, followed through an article, for one subject."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefs import attribution, clean, load
from briefs.config import Subject, load_corpus
from briefs.model import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ACME = Subject(name="Acme Robotics", aliases=["Acme"], tickers=["ACME"], related=["Widget X"])


def _about(text: str, title: str = "", subject: Subject = ACME) -> dict[str, str]:
    item = attribution.attribute(clean.prepare(Article(path="a.md", text=text, title=title)), subject)
    return {s: who for p, whom in zip(item.paragraphs, item.about) for s, who in zip(p, whom)}


def test_prepare_then_attribute_is_the_same_as_cleaning_for_the_subject():
    subject = load_corpus(SEEDS).subject
    for article in load.load([SEEDS]).articles:
        prepared = clean.prepare(article)
        once = attribution.attribute(prepared, subject)
        direct = clean.clean_article(article, subject)
        assert (once.paragraphs, once.dropped, once.mentions, once.about) == (
            direct.paragraphs, direct.dropped, direct.mentions, direct.about)


def test_without_whom_the_same_sentences_are_kept_and_dropped():
    # `whom=False` (a portfolio's pass for nobody) skips only the focus that decides `about`.
    subjects = [load_corpus(SEEDS).subject, ACME, Subject(name="\x00"), Subject()]
    texts = [("Acme lifts its outlook", "Acme Robotics raised its forecast on Tuesday after strong orders.\n\n"
              "Globex Industries (NYSE: GBX) said its own orders fell sharply. The company will close two plants.\n\n"
              "Click here to get our free report on Acme today.")]
    articles = load.load([SEEDS]).articles + [Article(path="a.md", text=t, title=h) for h, t in texts]
    for subject in subjects:
        for article in articles:
            prepared = clean.prepare(article)
            full, lean = attribution.attribute(prepared, subject), attribution.attribute(prepared, subject, whom=False)
            assert (lean.paragraphs, lean.dropped, lean.mentions, lean.keys, lean.stems) == (
                full.paragraphs, full.dropped, full.mentions, full.keys, full.stems)
            assert lean.about == [] and len(full.about) == len(full.paragraphs)


def test_a_group_of_another_industrys_companies_turns_the_passage_to_them():
    # A newsletter runs its items together: after Acme's item comes the carmakers' one, whose second
    # sentence names no company and is not Acme's.
    text = ("Acme Robotics will build two plants in Ohio, the company said on Monday. "
            "U.S. automakers saw stock pops on Monday after a hint of tariff relief. "
            "Imported cars have had a 25% tariff since early April. "
            "Acme Robotics shares rose 2% on the plant news.")
    about = _about(text, title="Daily: Acme picks Ohio")
    assert about["Imported cars have had a 25% tariff since early April."] == attribution.OTHERS
    assert about["U.S. automakers saw stock pops on Monday after a hint of tariff relief."] == attribution.OTHERS
    assert about["Acme Robotics shares rose 2% on the plant news."] == ""
    # the subject's own industry ("chipmaker Acme") keeps the passage; "Other …" leaves the subject out
    rallied = ("Chipmakers rallied across the board on Monday as buyers placed large orders. "
               "Orders for the X90 arm doubled in the quarter to 4,000 units.")
    last = "Orders for the X90 arm doubled in the quarter to 4,000 units."
    assert _about("Chipmaker Acme Robotics said orders rose on Monday. " + rallied, title="Acme orders rise")[last] == ""
    assert _about("Acme Robotics said orders rose on Monday. " + rallied, title="Acme orders rise")[last] == attribution.OTHERS
    other = ("Chipmaker Acme Robotics said orders rose on Monday. "
             "Other chip stocks dropped after the rule. Their orders fell in the quarter.")
    assert _about(other, title="Acme orders rise")["Their orders fell in the quarter."] == attribution.OTHERS


def test_a_newsletters_economy_item_is_no_companys():
    # After Acme's item, the economy's: retail sales and the economists' forecast beside them are
    # not Acme's sales; a company's own wages or inflation named at Acme still are.
    text = ("Acme Robotics will build two plants in Ohio, the company said on Monday. "
            "U.S. retail sales rose 1.4% in March, the Commerce Department said on Wednesday. "
            "Economists had expected a gain of 1.3% for the month. "
            "Mortgage rates climbed to 6.8% this week, the highest level since February. "
            "Acme Robotics shares rose 2% on the plant news. Wages at its Ohio plant rose 4% last year.")
    about = _about(text, title="Daily: Acme picks Ohio")
    assert about["U.S. retail sales rose 1.4% in March, the Commerce Department said on Wednesday."] == attribution.OTHERS
    assert about["Economists had expected a gain of 1.3% for the month."] == attribution.OTHERS
    assert about["Mortgage rates climbed to 6.8% this week, the highest level since February."] == attribution.OTHERS
    assert about["Acme Robotics shares rose 2% on the plant news."] == ""
    assert about["Wages at its Ohio plant rose 4% last year."] == ""


def test_one_prepared_article_serves_two_subjects():
    text = ("Acme Robotics raised its forecast for the year on Tuesday after strong orders.\n\n"
            "Globex Industries (NYSE: GBX) said its own orders fell sharply in the quarter. "
            "The company plans to close two plants in Ohio next spring.\n\n"
            "Acme Robotics will report its full results at the end of the month.")
    prepared = clean.prepare(Article(path="a.md", text=text, title="Acme lifts its outlook"))
    for_acme = attribution.attribute(prepared, ACME)
    for_globex = attribution.attribute(prepared, Subject(name="Globex Industries", tickers=["GBX"]))
    assert [w for p in for_acme.about for w in p] == ["", "Globex Industries", "Globex Industries", ""]
    # Globex's paragraph opens on Globex: its unnamed second sentence ("The company …") is Globex's too;
    # the closing statement on Acme is kept (a statement, not a sign-off) and stays Acme's.
    assert [w for p in for_globex.about for w in p] == [attribution.OTHERS, "", "", attribution.OTHERS]


def test_one_reading_of_an_article_serves_every_subject_as_a_fresh_one_would():
    # A portfolio reads an article once (`Reading`) and attributes it to each subject it may
    # name: whatever the order, each subject gets what the article attributed to it alone gives.
    text = ("Globex Industries Corp. (NYSE: GBX) said its orders fell sharply in the quarter. "
            "Globex will close two plants in Ohio next spring.\n\n"
            "Stocks fell across the board on Tuesday as bond yields rose.\n\n"
            "Acme Robotics raised its forecast after strong orders. Acme expects more demand for Widget X.")
    prepared = clean.prepare(Article(path="a.md", text=text, title="Factory orders slow"))
    subjects = [Subject(name="\x00"), ACME, Subject(name="Globex Industries", tickers=["GBX"]), Subject()]
    alone = {s.name: attribution.attribute(prepared, s) for s in subjects}
    for order in (subjects, subjects[::-1]):
        reading = attribution.Reading(prepared)
        for subject in order:
            assert attribution.attribute(prepared, subject, reading=reading) == alone[subject.name]
    assert [w for p in alone[ACME.name].about for w in p] == ["Globex Industries Corp."] * 2 + ["others", "", ""]
    assert alone[ACME.name].keys[-1] == [clean.normalize(s) for s in alone[ACME.name].paragraphs[-1]]


def test_a_list_of_listed_companies_that_includes_the_subject_is_the_lists():
    text = ("Acme Robotics raised its forecast for the year on Tuesday after strong orders.\n\n"
            "The fund's top holdings include Acme Robotics (NASDAQ: ACME), Globex (NYSE: GBX), Initech (NYSE: INTC) "
            "and Hooli (NASDAQ: HOOL), to name a few.\n\n"
            "Acme Robotics (NASDAQ: ACME) and Globex (NYSE: GBX) both gained on the news.\n")
    result = clean.clean_article(Article(path="a.md", text=text, title="Acme lifts its outlook"), ACME)
    about = dict(zip([s for p in result.paragraphs for s in p], [w for p in result.about for w in p]))
    assert about["The fund's top holdings include Acme Robotics (NASDAQ: ACME), Globex (NYSE: GBX), Initech (NYSE: INTC) "
                 "and Hooli (NASDAQ: HOOL), to name a few."] != ""
    assert about["Acme Robotics (NASDAQ: ACME) and Globex (NYSE: GBX) both gained on the news."] == ""  # two, not a list


def test_a_new_paragraph_returns_to_the_articles_focus():
    about = _about("Acme Robotics lifted its sales forecast for the year on Tuesday.\n\n"
                   "Initech Inc. said on Monday it would cut costs by a fifth across its offices.\n\n"
                   "The new forecast assumes steady demand from parcel carriers in Europe.\n\n"
                   "Acme Robotics will report its quarterly results in the last week of April.",
                   title="Acme lifts its forecast")
    assert about["The new forecast assumes steady demand from parcel carriers in Europe."] == ""


def test_unnamed_sentence_inherits_the_focus_of_its_passage():
    about = _about("Acme Robotics reported higher sales of its warehouse arms this quarter.\n\n"
                   "Initech Inc. said on Monday it would cut costs by a fifth across its offices. "
                   "The savings will come mostly from closing regional sales offices.\n\n"
                   "Acme Robotics did not comment on its own cost plans this week.")
    assert about["Acme Robotics reported higher sales of its warehouse arms this quarter."] == ""
    assert about["The savings will come mostly from closing regional sales offices."] == "Initech"


def test_a_heading_naming_another_company_moves_the_focus():
    about = _about("Acme shares rose four percent in early trading on Friday morning.\n\n"
                   "Globex (NASDAQ: GBX)\n\n"
                   "Its chief executive said margins would recover by the end of the year.\n\n"
                   "Acme\n\n"
                   "Its chief executive said the backlog had doubled since the spring.\n\n"
                   "Acme will hold its investor day in June at its Boston headquarters.",
                   title="Two robot makers, two directions")
    assert about["Its chief executive said margins would recover by the end of the year."] == "Globex"
    assert about["Its chief executive said the backlog had doubled since the spring."] == ""


def test_a_name_learned_from_a_ticker_is_recognised_alone_later():
    about = _about("Acme Robotics and Hooli Corp (NASDAQ: HOOL) both reported on Thursday evening.\n\n"
                   "Acme beat estimates for revenue by a wide margin this time around.\n\n"
                   "Hooli Corp missed on revenue and cut its guidance for the full year.\n\n"
                   "Acme Robotics shares closed higher on the day than they opened.")
    assert about["Hooli Corp missed on revenue and cut its guidance for the full year."].startswith("Hooli")


@pytest.mark.parametrize("text, ticker", [
    ("Shares of Hooli (NASDAQ: HOOL) fell in late trading on Friday.", "HOOL"),
    ("Traders sold NASDAQ:HOOL ahead of the results on Friday.", "HOOL"),
    ("Traders sold $HOOL ahead of the results on Friday afternoon.", "HOOL"),
    ("Hooli (HOOL -2.5%) slid after the report came out on Friday.", "HOOL"),
    ("Hooli HOOL.O slid after the report came out on Friday afternoon.", "HOOL"),
    ("Hooli (HOOL) dropped 1.7% in late trading.", "HOOL"),
    ("Pied Coin (CRYPTO: PIED) fell 8% over the day.", "PIED"),
    ("The Hooli Composite (NASDAQINDEX: ^HOOC) rose half a percent.", "HOOC"),
    ("Hooli Systems (HOOL.TO) tanked nearly a quarter.", "HOOL"),
])
def test_tickers_in_their_usual_forms_mark_another_company(text, ticker):
    assert ticker in {t for _, t in attribution.listed_companies(text)}


@pytest.mark.parametrize("text", [
    "The Federal Deposit Insurance Corporation (FDIC) took control of the lender on Friday.",
    "The chip uses artificial intelligence (AI) to sort parcels in the warehouse.",
    "Prices rose 5% in March, the Labor Department said on Wednesday.",
    "The central bank created a new Term Lending Facility (TLF) on Sunday.",
    "The Securities and Exchange Commission (SEC) opened an inquiry.",
    "Hooli is also the largest online seller in the U.K. and Germany.",
    # A public body that a corporate suffix or an officer's title follows, as they follow a company's name.
    "The Federal Savings Guaranty Corp. took control of the lender on Friday.",
    "Rural Power Authority CEO Jane Roe said prices would rise in the spring.",
    "The Harbour Commission Inc. fined the port operator on Monday.",
])
def test_ordinary_acronyms_and_agencies_are_not_companies(text):
    assert attribution.listed_companies(text) == ()


@pytest.mark.parametrize("text, name", [
    ("Shares of Keystone Street Corp. fell 3% on Friday.", "Keystone Street"),
    ("Federal Farm Lending Corp. (NYSE: FFL) rose 2% on the news.", "Federal Farm Lending Corp."),
])
def test_a_company_whose_name_reads_like_an_agency_is_still_a_company(text, name):
    assert name in [n for n, _ in attribution.listed_companies(text)]


def test_an_agency_acting_on_the_subject_leaves_the_line_the_subjects():
    about = _about("The Federal Savings Guaranty Corp. took control of Acme Robotics on Friday, after a run on its "
                   "deposits. The agency said it would sell the branches within a month.")
    assert set(about.values()) == {""}


def test_sentence_naming_the_subject_is_about_it_even_beside_a_rival():
    about = _about("Acme Robotics (NASDAQ: ACME) won the order that Globex (NYSE: GBX) had bid for.")
    assert list(about.values()) == [""]


def test_a_market_wrap_naming_the_subject_once_lends_it_that_sentence_only():
    lines = ["Asian stock markets closed lower on Tuesday as bond yields rose again.",
             "Acme Robotics slid after it withdrew its guidance for the year.",
             "Its chief financial officer said orders had slowed in Europe.",
             "Japanese exporters fell as the yen strengthened against the dollar.",
             "Gold rose one percent to a record as investors sought safety.",
             "Oil prices eased after a report showed higher stocks of crude.",
             "Hong Kong shares ended the session near their lows of the day."]
    about = _about("\n".join(lines), title="Asian markets end lower")
    assert about[lines[1]] == ""
    assert {about[line] for line in lines if line != lines[1]} == {attribution.OTHERS}


def test_an_article_often_naming_the_subject_is_its_own_even_without_it_in_the_headline():
    about = _about("Asian stock markets closed lower on Tuesday as bond yields rose again.\n\n"
                   "Acme Robotics slid after it withdrew its guidance for the year. "
                   "Its chief financial officer said orders had slowed in Europe.\n\n"
                   "Acme Robotics will update investors again at its meeting in May.",
                   title="A tough Tuesday for robot makers")
    assert about["Its chief financial officer said orders had slowed in Europe."] == ""


def test_related_terms_count_as_the_subject():
    about = _about("Globex Inc. cut prices on its home robots this week.\n\n"
                   "The Widget X launch drew long queues at stores in three cities.")
    assert about["The Widget X launch drew long queues at stores in three cities."] == ""


def test_a_market_wrap_blaming_the_subject_in_its_headline_lends_it_only_its_named_sentences():
    lines = ["Wall Street ended sharply lower on Friday after a turbulent session.",
             "Acme Robotics fell twenty percent after it withdrew its guidance.",
             "The jobs report showed employers added more workers than expected.",
             "Acme Robotics said it would cut a tenth of its staff by summer.",
             "Gold rose one percent to a record as investors sought safety.",
             "Shares of Acme Robotics have halved since the start of the year."]
    about = _about("\n".join(lines), title="Stocks Tumble as Acme Robotics Fears Spread")
    assert [about[line] for line in lines] == [attribution.OTHERS, "", attribution.OTHERS, "", attribution.OTHERS, ""]


def test_an_ordinary_headline_with_a_market_word_is_not_a_wrap():
    about = _about("Acme Robotics said its shares would list in London next year.\n\n"
                   "The listing would be its second after New York.\n\n"
                   "Acme Robotics will pick its banks for the listing in the spring.",
                   title="Acme Robotics Plans London Share Listing")
    assert about["The listing would be its second after New York."] == ""


# --- The subject named in passing does not claim a sentence (issue 15's remaining gaps) ---

def test_in_a_market_wrap_the_subject_named_as_a_cause_does_not_claim_the_sentence():
    lines = ["European shares closed lower on Friday as banks led the losses.",
             "Globex Bank shares lost six percent after Acme Robotics warned on its orders.",
             "Acme Robotics said its orders fell by a third in the quarter."]
    about = _about("\n".join(lines), title="European Shares End Lower")
    assert about[lines[1]] != ""  # Globex's fall, caused by Acme: not Acme's news
    assert about[lines[2]] == ""


def test_in_another_companys_article_the_subject_as_an_example_or_in_a_describing_clause_is_theirs():
    lines = ["Globex Systems (GLBX) raised its forecast for the year on Tuesday.",
             "Globex Systems, which also supplies Acme Robotics, expects sales to rise by a fifth.",
             "Its software will reach makers such as Initech and Acme Robotics by June.",
             "Acme Robotics said it would test the software in two plants."]
    about = _about("\n".join(lines), title="Globex Systems raises its forecast")
    assert about[lines[1]] != "" and about[lines[2]] != ""  # Globex's news, Acme only described or an example
    assert about[lines[3]] == ""


def test_in_the_subjects_own_article_a_cause_clause_stays_the_subjects():
    about = _about("Acme Robotics cut its forecast for the year on Tuesday.\n\n"
                   "Shares fell nine percent after Acme Robotics said orders had slowed.",
                   title="Acme cuts its forecast")
    assert about["Shares fell nine percent after Acme Robotics said orders had slowed."] == ""


@pytest.mark.parametrize("line", ["The Japanese yen and the Swiss franc rallied about half a percent.",
                                  "The benchmark index was down 1.2 percent at the close.",
                                  "Gold rose to a record as investors sought safety."])
def test_a_market_line_in_the_subjects_article_is_the_markets(line):
    text = (f"Acme Robotics shares fell four percent on Tuesday after it cut its forecast. {line} "
            "Acme Robotics will report its full results in May.")
    about = _about(text, title="Acme cuts its forecast")
    assert about[line] == attribution.OTHERS


@pytest.mark.parametrize("line", ["Shares fell four percent in early trading on Tuesday.",
                                  "Its dollar revenue rose five percent in the quarter.",
                                  "Wall Street analysts cut their price targets after the results."])
def test_an_ordinary_line_with_a_market_word_stays_the_subjects(line):
    text = f"Acme Robotics cut its forecast for the year on Tuesday. {line} Acme Robotics reports in May."
    assert _about(text, title="Acme cuts its forecast")[line] == ""


def test_the_subject_qualifying_a_rivals_name_gives_the_sentence_to_the_rival():
    line = "Acme rival Globex Industries (NYSE: GBX) fell three percent on the news."
    about = _about(f"Acme Robotics cut its forecast on Tuesday. {line}", title="Acme cuts its forecast")
    assert about[line].startswith("Globex")


def test_an_article_headed_by_another_company_lends_the_subject_only_its_named_passages():
    about = _about("Globex Industries (NYSE: GBX) fell eight percent after it missed on revenue.\n\n"
                   "Acme Robotics, a customer, said it would keep buying its parts.\n\n"
                   "The company also cut its dividend by half to save cash.\n\n"
                   "Acme Robotics shares were flat on the day.",
                   title="Why Globex Stock Fell Today")
    assert about["The company also cut its dividend by half to save cash."] != ""
    assert about["Acme Robotics shares were flat on the day."] == ""


def test_an_article_mostly_about_another_company_is_not_the_subjects_by_its_headline():
    lines = ["Acme Robotics has doubled in five years on strong warehouse demand.",
             "Hooli (NASDAQ: HOOL) is the stock this writer prefers instead.",
             "Hooli sells cloud storage to a third of the largest retailers.",
             "Hooli grew its revenue by a fifth last year.",
             "Its margins have widened every quarter since its listing.",
             "Hooli trades at a lower multiple than most of its peers."]
    about = _about(" ".join(lines), title="1 Stock to Own Instead of Acme")
    assert about["Its margins have widened every quarter since its listing."] != ""
    assert about[lines[0]] == ""


def test_a_company_learned_by_its_full_name_is_recognised_by_its_short_one():
    about = _about("Acme Robotics said on Monday that its deposits were stable.\n\n"
                   "Signature Bank (NASDAQ: SBNY) was closed by regulators on Sunday. "
                   "Signature had lent heavily to property developers in the city.\n\n"
                   "Acme Robotics will publish its results at the end of the month.",
                   title="Acme says its deposits are stable")
    assert about["Signature had lent heavily to property developers in the city."].startswith("Signature")


def test_a_short_name_that_the_article_uses_as_a_word_is_not_a_name():
    assert attribution.short_name("Trade Desk Holdings", frozenset({"trade"})) == "Trade Desk"  # not "Trade"
    assert attribution.short_name("Telus Communications", frozenset({"trade"})) == "Telus"
    assert attribution.short_name("Amazon.com") == "Amazon"


def test_a_built_brief_quotes_no_market_wrap_line_and_no_rivals_article(tmp_path):
    """As a user runs it: `briefs build` on a small week with a market wrap and a rival's story."""
    import json
    import subprocess
    import sys

    corpus = tmp_path / "week"
    corpus.mkdir()
    (corpus / "briefs.toml").write_text('[subject]\nname = "Acme Robotics"\naliases = ["Acme"]\ntickers = ["ACME"]\n')
    own = ("Acme Robotics cut its revenue forecast for the year to $2.1 billion on Tuesday, citing slower orders. "
           "Acme Robotics said warehouse customers had delayed purchases until the autumn. "
           "The company will report its quarterly results on May 28. "
           "Acme Robotics shares fell nine percent in late trading after the announcement.")
    wrap = ("European shares closed lower on Tuesday as banks and industrial stocks led the losses. "
            "Globex Industries shares lost six percent after Acme Robotics warned on its orders. "
            "The benchmark index was down 1.4 percent at the close. "
            "The euro slipped 0.3 percent against the dollar as traders awaited inflation data.")
    rival = ("Initech Inc. (NYSE: INTK) raised its dividend by a tenth on Tuesday. "
             "Initech said its robot orders doubled in the first quarter. "
             "The company also named a new chief financial officer from a rival. "
             "Analysts said Initech was gaining ground on Acme Robotics in Europe.")
    for name, title, body in (("own", "Acme Robotics Cuts Its Forecast", own),
                              ("wrap", "European Shares End Lower", wrap),
                              ("rival", "Why Initech Stock Jumped Today", rival)):
        (corpus / f"{name}.md").write_text(f"---\ntitle: {title}\ndate: 2026-04-14\n---\n{body}\n")
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "briefs", "build", str(corpus), "--format", "json", "--out", str(out),
                           "--no-cache", "--quiet"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    brief = json.loads(next(out.glob("*.json")).read_text())
    quoted = [s["text"] for s in brief["summary"]] + [s["text"] for t in brief["themes"] for s in t["sentences"]]
    assert any("forecast" in text for text in quoted)
    for other in ("Globex", "benchmark index", "euro", "dividend", "chief financial officer", "robot orders"):
        assert not any(other in text for text in quoted), (other, quoted)


@pytest.mark.parametrize("text, name", [("Apple CEO Tim Cook met the president.", "Apple"),
                                        ("Former Intel CEO Pat Gelsinger spoke at the fair.", "Intel"),
                                        ("Former CEO John Smith said the plan had failed.", None),
                                        ("Its chief executive said margins would recover.", None)])
def test_a_company_is_named_before_its_officers_title(text, name):
    assert [n for n, _ in attribution.listed_companies(text)] == ([name] if name else [])


def test_whoever_has_a_chief_executive_is_a_company():
    about = _about("Acme Robotics said its new arm would ship in June.\n\n"
                   "Initech CEO Jane Doe has said the market needs common rules. "
                   "Doe believes the rules should come before the products do.\n\n"
                   "Acme Robotics will show the arm at a trade fair in Hanover.",
                   title="Acme to ship its new arm in June")
    assert about["Doe believes the rules should come before the products do."] == "Initech"


@pytest.mark.parametrize("text, cause", [
    ("Rival chip makers must prove an advantage over Acme Robotics.", True),
    ("Crypto markets show the reaction to Acme Robotics's collapse.", True),
    ("Banks Plunge On Acme Robotics Fears", True),
    ("Globex took over the deposits of Acme Robotics last year.", False),
    ("Globex said Acme Robotics had cut its orders.", False),
    # An example in a list, or a name inside a clause describing another name (stop 35).
    ("Traders such as Acme Robotics's pension fund sold.", True),
    ("Chip makers such as Globex and Acme Robotics cut their prices.", True),
    ("Several lenders, including Acme Robotics, cut their rates.", True),
    ("Globex, which also supplies Acme Robotics, raised its forecast.", True),
    ("Acme Robotics, which makes arms, raised its forecast.", False),
    ("Globex said it would supply Acme Robotics, which makes arms.", False),
    ("Globex said it was including Acme Robotics in its index.", False),
    ("Globex shares initially dropped in sympathy with Acme Robotics on Thursday.", True),
])
def test_the_subject_named_as_a_cause_or_a_yardstick(text, cause):
    assert attribution.named_as_cause(text, text.index("Acme")) is cause


@pytest.mark.parametrize("text, name", [
    ("Hooli Holdings said on Friday that it would close two plants.", "Hooli"),
    ("Traders bought shares of Hooli Robotics ahead of the results.", "Hooli Robotics"),
])
def test_companies_are_found_from_word_cues_without_brackets_or_colons(text, name):
    assert name in [n for n, _ in attribution.listed_companies(text)]


# The week: what one article marks as listed is known in every other (`attribute_week`).

def _sentence(text: str, source: int, paragraph: int = 0, about: str = ""):
    from briefs.model import Sentence
    from briefs import language
    return Sentence(text=text, source=source, position=0, paragraph=paragraph, sources=[source],
                    stems=language.content_stems(text), about=about)


_MARKED = _sentence("Orders at Globex Industries (NYSE: GBX) fell sharply in the quarter.", 1, about="Globex Industries")
_MARKED_SHORT = _sentence("Shares of Initech (NASDAQ: INTK) fell after Initech cut its forecast.", 2, about="Initech")


def _week(sentences, titles=None, lowercase=frozenset({"said", "orders", "fell"})):
    return [s.about for s in attribution.attribute_week([_MARKED, _MARKED_SHORT, *sentences], titles or {}, ACME,
                                                         lowercase)][2:]


def test_a_company_marked_in_one_article_is_known_in_another():
    # Article 3 never marks Initech as listed: before, its line was quoted as Acme's.
    about = _week([_sentence("Acme Robotics shipped its new arm on Monday.", 3),
                   _sentence("Initech, meanwhile, opened a plant in Ohio.", 3, paragraph=1),
                   _sentence("Acme expects the arm to sell well, unlike Initech's older model.", 3, paragraph=2)])
    assert about == ["", "Initech", ""]


def test_a_digest_line_of_two_companies_news_is_shared_but_a_deal_with_another_is_not():
    # "…, and Initech cuts its forecast": Initech, which another article marks as listed, is the
    # subject of a clause of its own (it leads a summary only when no other story can). A deal's
    # other party is its object: the line is Acme's.
    week = [_MARKED, _MARKED_SHORT, _sentence("Acme Robotics shipped its new arm on Monday.", 3)]
    companies = attribution.week_companies(week, ACME, frozenset({"said", "orders", "fell"}))
    shared = attribution.names_another_of(ACME, companies)
    assert shared("Acme disclosed a license rule for its arms, and Initech cuts its sales forecast.")
    assert shared("Acme rose on Monday; Initech fell 3% after its results.")
    assert not shared("Acme agreed to buy Initech for $2 billion in cash, the companies said.")
    assert not shared("Acme disclosed a license rule for its arms on Tuesday.")


def test_a_name_of_several_words_is_known_only_whole():
    # "Globex" alone may be a place or a product; only "Globex Industries" is the company.
    about = _week([_sentence("Globex Industries opened a plant near the Acme site.", 3),
                   _sentence("The Globex region had a quiet week for factories.", 3, paragraph=1)])
    assert about == ["Globex Industries", ""]


def test_another_company_named_as_a_yardstick_does_not_take_the_subjects_line():
    about = _week([_sentence("Acme Robotics grew fast this year.", 3),
                   _sentence("A weak model would leave it behind Hooli, Initech and others for good.", 3, paragraph=1)])
    assert about == ["", ""]


def test_an_article_headed_by_another_company_keeps_only_the_subjects_passages():
    titles = {3: "Initech unveils a cheaper robot arm"}
    about = _week([_sentence("The new arm costs less than half of the old one.", 3),
                   _sentence("It competes with machines from the other end of the market, including Acme's.", 3),
                   _sentence("Acme Robotics declined to comment on the launch.", 3, paragraph=1),
                   _sentence("A spokesperson said prices would not change this year.", 3, paragraph=1),
                   _sentence("Initech will ship the arm in May.", 3, paragraph=2)], titles)
    assert about == ["Initech", "Initech", "", "", "Initech"]


def test_a_headline_naming_the_subject_keeps_the_article_the_subjects():
    titles = {3: "Acme and Initech sign a supply deal"}
    about = _week([_sentence("The deal runs for five years.", 3)], titles)
    assert about == [""]


def test_ordinary_words_and_sentence_openings_are_not_company_names():
    # "Purchases" opened the sentence that marked the company; "Shares" is an ordinary word.
    opening = _sentence("Purchases Shares of Hooli Co. (NASDAQ: HOOL) rose.", 4, about="Purchases")
    sentences = [opening, _sentence("Purchases of new arms rose at Acme Robotics dealers.", 5),
                 _sentence("Purchases rose again in March.", 5, paragraph=1)]
    out = attribution.attribute_week(sentences, {}, ACME, frozenset({"rose"}))
    assert [s.about for s in out] == ["Purchases", "", ""]


def test_the_week_changes_nothing_without_another_marked_company():
    sentences = [_sentence("Acme Robotics shipped its new arm.", 1), _sentence("Initech opened a plant.", 1, paragraph=1)]
    assert attribution.attribute_week(sentences, {1: "Initech news"}, ACME, frozenset()) == sentences


_ACME_FORECAST = ("Acme Robotics lifts its forecast", "2026-11-16",
                  "Acme Robotics raised its revenue forecast for the year to $4.2 billion on Monday.\n\n"
                  "Acme said orders for its warehouse arms doubled in the quarter.\n\n")


def _quoted(tmp_path, *articles: tuple[str, str, str]) -> list[str]:
    """Return every sentence the brief of these articles (headline, date, body) about Acme Robotics quotes."""
    from briefs.build import Options, build_brief
    (tmp_path / "briefs.toml").write_text('[subject]\nname = "Acme Robotics"\naliases = ["Acme"]\n')
    for n, (title, date, body) in enumerate(articles):
        (tmp_path / f"a{n}.md").write_text(f"---\ntitle: {title}\ndate: {date}\n---\n{body}", encoding="utf-8")
    brief = build_brief([tmp_path], Options(out=tmp_path / "out", cache=False, workers=1)).brief
    return [s.text for s in brief.summary] + [s.text for t in brief.themes for s in t.sentences]


def test_build_does_not_quote_another_companys_line_its_article_left_unmarked(tmp_path):
    title, date, body = _ACME_FORECAST
    quoted = _quoted(tmp_path, (title, date, body + "Initech cut the price of its rival arm by 30% to win back buyers.\n\n"
                                "Acme will report its full results on November 30.\n"),
                     ("Robot makers report", "2026-11-17", "Acme Robotics shares rose 6% on Tuesday after the forecast.\n\n"
                      "Shares of Initech (NASDAQ: INTK) fell 4% after the price cut.\n"))
    assert any("orders for its warehouse arms" in text for text in quoted)
    assert not any(text.startswith("Initech cut the price") for text in quoted)


def test_the_subject_once_among_three_week_companies_is_a_list():
    hooli = _sentence("Orders at Hooli Cloud (NASDAQ: HOOL) rose.", 5, about="Hooli Cloud")
    sentences = [_MARKED, _MARKED_SHORT, hooli,
                 _sentence("The fund's top holdings are Acme, Initech, Globex Industries and Hooli Cloud.", 6),
                 _sentence("Acme beat Initech to the contract for the second time.", 6, paragraph=1)]
    about = [s.about for s in attribution.attribute_week(sentences, {}, ACME, frozenset({"rose", "orders"}))][3:]
    assert about == [attribution.OTHERS, ""]


def test_another_companys_sentence_ends_the_subjects_passage_in_its_article():
    titles = {3: "Initech unveils a cheaper robot arm"}
    marked = _sentence("Initech (NASDAQ: INTK) will ship it in May.", 3, about="Initech")
    about = _week([_sentence("Acme Robotics sells a rival arm.", 3), marked,
                   _sentence("It comes at the market from the other end of the range.", 3)], titles)
    assert about == ["", "Initech", "Initech"]


def test_the_subject_as_a_yardstick_before_another_company_makes_the_sentence_theirs():
    about = _week([_sentence("Like Acme, Initech has a lot of exposure to the business cycle.", 3),
                   _sentence("Acme, like Initech, sells arms to carmakers.", 3, paragraph=1)])
    assert about == ["Initech", ""]


@pytest.mark.parametrize("title", ["Acme vs. Globex: Which Robot Stock Is the Better Buy?",
                                   "Better Buy: Globex Versus Acme"])
def test_a_peer_a_headline_sets_against_the_subject_is_another_company_without_its_ticker(title):
    text = ("Acme Robotics and Globex both make warehouse robots, but their businesses differ a great deal.\n\n"
            "Globex grew revenue 30% last year, to $2 billion. Its margins are thinner, though, at 8%.\n\n"
            "Acme's revenue grew 12% to $5 billion last year. Its operating margin was 21%.")
    about = _about(text, title)
    assert about["Globex grew revenue 30% last year, to $2 billion."] == "Globex"
    assert about["Its margins are thinner, though, at 8%."] == "Globex"  # the paragraph's focus
    assert about["Acme's revenue grew 12% to $5 billion last year."] == ""
    # A headline that does not set the subject against it names no peer: the unmarked name stays unknown.
    assert _about(text, "Two robot makers report")["Globex grew revenue 30% last year, to $2 billion."] == ""


def test_a_name_that_posts_a_result_is_another_company_and_its_paragraph_is_its_own():
    text = ("Acme Robotics said on Tuesday that its quarterly revenue rose 12% to $1.2 billion on warehouse demand.\n\n"
            "Globex, meanwhile, posted a loss. Revenue fell 8% to $900 million and the company cut 500 jobs.\n\n"
            "Acme's chief executive said the company would open a new plant in Texas next year.")
    about = _about(text, "Acme and Globex report results")
    assert about["Globex, meanwhile, posted a loss."] == "Globex"
    assert about["Revenue fell 8% to $900 million and the company cut 500 jobs."] == "Globex"
    assert about["Acme's chief executive said the company would open a new plant in Texas next year."] == ""
    # A reporter reporting, or a person posting, is no company.
    assert attribution.listed_companies("Reuters reported that sales fell 8% in the quarter.") == ()
    assert attribution.listed_companies("Jane Roe posted a photo of the robot on social media.") == ()


# Companies written plainly, as general news writes them: no ticker, no suffix, no officer.

@pytest.mark.parametrize("text, names", [
    ("Software giant Globex will sell robot arms from May.", ["Globex"]),
    ("Its margin trailed the one posted by rival Globex last year.", ["Globex"]),
    ("Start-up companies Globex and Initech Labs offer similar arms.", ["Globex", "Initech Labs"]),
    ("The deal was signed with carmaker Globex's parent on Monday.", ["Globex"]),
    ("Globex, a chipmaker based in Ohio, cut its prices.", ["Globex"]),
    ("Hooli is now the second biggest parcel carrier in Ohio.", ["Hooli"]),
])
def test_a_name_a_company_noun_describes_is_a_company(text, names):
    assert [name for name, _ in attribution.listed_companies(text)] == names


@pytest.mark.parametrize("text", [
    "The arm is sold by the company Jane Doe founded in 2010.",   # the noun describes no one
    "This model rivals Globex's performance at half the price.",  # "rivals" is a verb
    "A cheaper arm could rival Globex within a year.",
    "Analyst firm Globex expects orders to rise.",                # a firm that comments on others
    "He lost to political rival Senator Jane Doe.",               # a person
    "John Doe, a former company director, said orders rose.",     # "company" does not head the phrase
])
def test_a_company_noun_alone_marks_no_company(text):
    assert attribution.listed_companies(text) == ()


def test_build_quotes_no_line_of_a_rival_written_plainly(tmp_path):
    # Nothing marks Globex as listed (no ticker, suffix or officer): "software giant Globex" does.
    title, date, body = _ACME_FORECAST
    quoted = _quoted(tmp_path, (title, date, body + "Acme will report its full results on November 30.\n"),
                     ("Robot arms get cheaper", "2026-11-17",
                      "Software giant Globex will sell robot arms of its own from May, starting with a small welding model.\n\n"
                      "Globex cut the price of its arm by 30% to $12,000 on Tuesday, undercutting Acme and its carmaker "
                      "customers.\n\nThe welding model will be built at a plant in Leeds, the firm said.\n"))
    assert any("orders for its warehouse arms" in text for text in quoted)
    assert not any("Globex" in text or "welding model" in text for text in quoted), quoted


def test_a_name_written_once_as_a_word_is_still_a_name_when_the_week_writes_it_as_one():
    # "a hooli" (a word) once, "Hooli" alone in many sentences: a company's name.
    named = [_sentence(f"On day {n} the search firm Hooli said its traffic rose.", n, about="Hooli") for n in range(1, 7)]
    word = _sentence("In the town's dialect a hooli is a noisy crowd at a fair.", 7)
    line = _sentence("Hooli said it would buy an arm from Acme.", 8)
    out = attribution.attribute_week([*named, word, line], {}, ACME, frozenset({"hooli", "said", "rose"}))
    assert out[-1].about == "Hooli"


def test_a_word_written_with_a_capital_only_inside_longer_names_stays_a_word():
    # "Wealth" is capitalised in fund names only; alone it is the ordinary word.
    funds = [_sentence(f"Fund {n} Wealth Advisors LLC bought shares of Acme.", n) for n in range(1, 7)]
    marked = _sentence("Wealth Group Ltd. raised its stake in Acme.", 7, about="Wealth Group")
    line = _sentence("Acme's arms help wealth managers automate back offices.", 8)
    out = attribution.attribute_week([*funds, marked, line], {}, ACME, frozenset({"wealth", "bought", "raised"}))
    assert [s.about for s in out[:6]] + [out[-1].about] == [""] * 7


def test_in_another_companys_article_the_subject_named_before_it_keeps_the_line():
    # A round-up headed by another company: a line naming the subject first, then that company, is the subject's.
    titles = {3: "Policy digest: curbs on Globex and a tax change"}
    marked = _sentence("Software giant Globex plans a launch.", 1, about="Globex")
    sentences = [marked, _sentence("Regulators began a review of Acme's export sales to see whether the firm had "
                                   "supplied Globex.", 3),
                 _sentence("Officials are also weighing penalties that would block Globex from buying arms.", 3, paragraph=1)]
    about = [s.about for s in attribution.attribute_week(sentences, titles, ACME, frozenset({"said"}))][1:]
    assert about == ["", "Globex"]


def test_a_company_in_an_opening_clause_does_not_take_the_main_clause():
    marked = _sentence("Software giant Globex plans a launch.", 1, about="Globex")
    sentences = [marked, _sentence("While Globex's new arm ships only in May, Acme's clients have "
                                   "already delayed orders.", 2),
                 _sentence("Globex's arm is cheaper, and Acme's clients know it.", 3)]
    about = [s.about for s in attribution.attribute_week(sentences, {}, ACME, frozenset({"said"}))][1:]
    assert about == ["", "Globex"]


@pytest.mark.parametrize("text, names", [
    ("Orders shifted to market leader Globex after the recall.", [("Globex", "")]),
    ("Industry group Globex Council said orders rose.", []),   # a body that comments, not a company
    ("The party leader Jane Doe said the plan would cost jobs.", []),
])
def test_a_market_leader_is_a_company_and_an_industry_group_is_not(text, names):
    assert list(attribution.listed_companies(text)) == names


def test_a_company_described_in_one_of_the_subjects_lines_is_known_across_the_week():
    # Article 1 describes Globex only in Acme's own line; article 2, headed by Globex, never marks it.
    sentences = [_sentence("Acme will ship its arm in May, while start-up companies Globex and Initech Labs sell "
                           "cheaper ones.", 1),
                 _sentence("The Globex arm goes on sale on Saturday for half the price.", 2),
                 _sentence("It faces stiff competition from arms made by Acme.", 2, paragraph=1)]
    out = attribution.attribute_week(sentences, {2: "Globex arm hits the shelves"}, ACME, frozenset({"said"}))
    assert [s.about for s in out] == ["", "Globex", "Globex"]


def test_the_subject_as_the_topic_of_a_sentence_naming_its_partners_is_not_a_list():
    partners = [_sentence(f"Orders at {name} (NYSE: {code}) rose.", n, about=name)
                for n, (name, code) in enumerate([("Globex", "GBX"), ("Initech", "INTK"), ("Hooli", "HOOL")], 1)]
    sentences = [*partners,
                 _sentence("Acme said it will build its arms in Texas with partners Globex, Initech and Hooli.", 4),
                 _sentence("The fund holds Acme, Globex, Initech and Hooli.", 5)]
    out = attribution.attribute_week(sentences, {}, ACME, frozenset({"said", "orders", "rose"}))
    assert [s.about for s in out[3:]] == ["", attribution.OTHERS]


@pytest.mark.parametrize("text", ["Meanwhile, the company is teaming up with Globex in Houston to build the sites.",
                                  "The Ohio-based arm maker is also building plants with Globex and Initech.",
                                  "It is working with Globex on the new plants."])
def test_a_line_whose_subject_refers_back_to_the_subject_keeps_its_partner_mentions(text):
    marked = _sentence("Shares of Globex (NYSE: GBX) rose.", 1, about="Globex")
    sentences = [marked, _sentence("Acme Robotics plans two new plants.", 2), _sentence(text, 2)]
    out = attribution.attribute_week(sentences, {2: "Acme plans plants"}, ACME, frozenset({"rose"}))
    assert out[2].about == ""


def test_a_line_opening_on_another_company_is_still_theirs():
    marked = _sentence("Shares of Globex (NYSE: GBX) rose.", 1, about="Globex")
    sentences = [marked, _sentence("Acme Robotics plans two new plants.", 2),
                 _sentence("Globex is working with Initech on plants of its own.", 2)]
    out = attribution.attribute_week(sentences, {2: "Acme plans plants"}, ACME, frozenset({"rose"}))
    assert out[2].about == "Globex"


def test_an_article_whose_headline_opens_on_another_name_lends_the_subject_only_its_named_lines():
    # Nothing marks Globex as a company; the headline's topic is still Globex, not Acme.
    text = ("Globex is adding a welding head to its arm controller.\n\n"
            "The welding head is priced at $400 and ships to carmakers from May.\n\n"
            "Acme sells a rival controller that already welds.\n\n"
            "The head clips onto the controller's tool mount.\n\n"
            "Acme Robotics said it had no plans to cut its own price.\n\n"
            "The company sells seven in ten controllers in Europe.\n")
    about = _about(text, title="Globex adds welding to its arm controller")
    assert about["The welding head is priced at $400 and ships to carmakers from May."] == attribution.OTHERS
    assert about["The company sells seven in ten controllers in Europe."] == attribution.OTHERS
    assert about["Acme Robotics said it had no plans to cut its own price."] == ""


def test_a_headline_listing_other_names_before_its_verb_is_theirs():
    # Nothing in the prose marks Globex as a company: only the headline's order says whose article it is.
    text = ("Globex and Initech have been forced to cut output as orders fall.\n\n"
            "Orders at Globex sank 12% in February while Initech orders dropped 3%.\n\n"
            "The slump prompted the group to cut production in Ohio by 3%.\n\n"
            "Both makers blamed high steel prices for weak demand.\n\n"
            "Acme orders jumped 11% in the month, its best start to a year.\n\n"
            "Acme said it would add a night shift at its plant in Texas from April.\n\n"
            "Buyers are moving to smaller arms that cost less to run, analysts said.\n")
    about = _about(text, title="Globex, Initech cut output as orders fall")
    assert about["The slump prompted the group to cut production in Ohio by 3%."] != ""
    assert about["Both makers blamed high steel prices for weak demand."] != ""
    assert about["Acme orders jumped 11% in the month, its best start to a year."] == ""


def test_a_clause_set_against_the_main_one_leaves_the_sentence_to_the_main_clauses_company():
    text = ("Acme said on Monday that its robot orders rose 11% in February.\n\n"
            "Acme expects its new welding arm to lift sales again in March.\n\n"
            "While Acme and rival Hooli saw orders grow, even the smaller Globex Inc snapped up business "
            "with orders up 17%. In 2003, the firm launched a plan to triple its sales in Europe.\n\n"
            "Acme shares rose 2% on the news.\n")
    about = _about(text, title="Acme orders jump")
    line = ("While Acme and rival Hooli saw orders grow, even the smaller Globex Inc snapped up business "
            "with orders up 17%.")
    assert about[line] == "Globex"
    assert about["In 2003, the firm launched a plan to triple its sales in Europe."] == "Globex"
    # The subject in the main clause keeps the sentence.
    about = _about(text.replace(line, "While Globex Inc saw orders slip, Acme snapped up business with orders up 17%."),
                   title="Acme orders jump")
    assert about["While Globex Inc saw orders slip, Acme snapped up business with orders up 17%."] == ""
    # A company named late in the main clause is not its subject: "the company" there is the subject.
    late = "While Acme did not get him, the company hired a dozen engineers away from Globex Inc and Hooli."
    about = _about(text.replace(line, late), title="Acme orders jump")
    assert about[late] == ""


def test_a_paragraph_pointing_back_continues_the_company_the_last_one_opened_on():
    text = ("Acme took out full-page adverts in national papers to answer its critics.\n\n"
            "Acme said the adverts set out its plans to hire 10,000 people this year.\n\n"
            "Meanwhile, drugs group Globex is launching adverts of its own about its sleeping pill.\n\n"
            "The move is a response to a journal article that linked the pill to falls in older patients.\n\n"
            "Acme's chief executive said the company had been misread for years.\n\n"
            "The company said its adverts would run until the end of March.\n")
    about = _about(text, title="Acme fights back at its critics")
    assert about["The move is a response to a journal article that linked the pill to falls in older patients."] == "Globex"
    # After a paragraph that opened on the subject, "The company" is the subject again.
    assert about["The company said its adverts would run until the end of March."] == ""
    # A paragraph that only ends on another company lends it nothing across the break.
    text = text.replace("Meanwhile, drugs group Globex is launching adverts of its own about its sleeping pill.",
                        "Acme is also answering a campaign by drugs group Globex about its sleeping pill.")
    about = _about(text, title="Acme fights back at its critics")
    assert about["The move is a response to a journal article that linked the pill to falls in older patients."] == ""


def test_a_companys_initials_given_beside_its_name_are_that_company():
    # "Globex Industries (GI)": the initials of a company known by a cue ("robot firms …") are its
    # short name, so a paragraph opening on "GI" is Globex's, not the subject's.
    text = ("Robot firms Globex Industries (GI) and Acme have cut output as orders fall.\n\n"
            "Acme orders dropped 3% in February, its first fall in a year.\n\n"
            "GI added that arm orders fell 9% in the month. The slump prompted the group to cut production in Ohio by 3%.\n\n"
            "Acme said it would keep its plant in Texas running at full speed.\n")
    about = _about(text, title="Acme and Globex cut output")
    assert about["The slump prompted the group to cut production in Ohio by 3%."] == "Globex Industries"
    assert about["Acme said it would keep its plant in Texas running at full speed."] == ""
    # An agency's initials stay an agency's: nothing marks the agency as a company.
    text = text.replace("Robot firms Globex Industries (GI) and Acme have", "The Robot Safety Board (RSB) said Acme and Globex have")
    about = _about(text.replace("GI added", "RSB added"), title="Acme and Globex cut output")
    assert about["The slump prompted the group to cut production in Ohio by 3%."] == ""


@pytest.mark.parametrize("title", ["Why the robot boom is only starting", "Inside the race to automate warehouses",
                                   "How to read a robot maker's results"])
def test_a_headline_opening_on_a_common_word_lends_its_article_to_the_subject_it_is_about(title):
    text = ("Acme Robotics raised its forecast on Monday.\n\n"
            "The company expects orders to double next year.\n\n"
            "Acme also named a new chief financial officer.\n")
    assert set(_about(text, title=title).values()) == {""}


def test_a_headline_opening_on_the_subjects_own_officer_keeps_the_article_the_subjects():
    text = ("Acme Robotics chief executive Jane Doe showed a cheaper arm to investors on Monday.\n\n"
            "The new arm will cost half as much as the current model, she told the audience.\n\n"
            "Deliveries start in May, with a plant in Ohio doubling output by the autumn.\n\n"
            "Investors had hoped for a firm date for the new welding line as well.\n\n"
            "Acme shares closed 2% lower after the event in Austin.\n\n"
            "The plant will hire about 400 workers over the next two years.\n")
    about = _about(text, title="Doe unveils a cheaper arm")
    assert set(about.values()) == {""}, about


def test_a_headline_name_that_an_officer_of_the_subject_is_to_head_is_no_officer_of_the_subject():
    # The subject's chairman is to head Globex: Globex is what he heads, not his name, so the
    # article headed by Globex stays Globex's and lends Acme only its lines naming Acme.
    text = ("Strong sales abroad helped Globex lift its profits by more than 40% last year.\n\n"
            "The country's second largest robot maker enjoyed a 43% rise in net profits to 2.4bn euros.\n\n"
            "Globex sold more than 2.4 million arms in the year, 4% more than the year before.\n\n"
            "Robot maker Acme - in which Globex owns a 44% stake - contributed 1.7bn euros in net income.\n\n"
            "Acme chairman Jane Roe is to succeed Mr Doe at the head of Globex later this year.\n\n"
            "Globex said the outlook for the industry in Europe this year was stable.\n\n"
            "The firm will benefit from the launch of a new welding arm in the coming year.\n")
    about = _about(text, title="Globex boss hails 'great year'")
    assert about["The country's second largest robot maker enjoyed a 43% rise in net profits to 2.4bn euros."] != ""
    assert about["The firm will benefit from the launch of a new welding arm in the coming year."] != ""
    assert about["Acme chairman Jane Roe is to succeed Mr Doe at the head of Globex later this year."] == ""
    # Named beside the title as the officer, the headline's name is the subject's person.
    own = _about(text.replace("Acme chairman Jane Roe is to succeed Mr Doe at the head of Globex",
                              "Acme chairman Globex Roe is to succeed Mr Doe at its head"),
                 title="Globex Roe hails 'great year'")
    assert own["The firm will benefit from the launch of a new welding arm in the coming year."] == ""


def test_a_company_an_article_shows_by_its_ticker_is_known_by_its_name_in_another():
    # Article 1 marks Globex by its cashtag first, so its lines are "GLBX"'s; a later line of it gives
    # the name. Article 2 writes "Globex" plainly in a comparison about Globex.
    sentences = [_sentence("Traders piled into $GLBX after the chip show.", 1, about="GLBX"),
                 _sentence("Later, Globex (GLBX) fell 2% as the rally faded.", 1, paragraph=1, about="GLBX"),
                 _sentence("With falling profits, Globex trades at just 1.8 times sales, versus 6.5 for Acme.", 2)]
    assert "Globex" in attribution.week_companies(sentences, ACME, frozenset({"traders", "fell"}))
    out = attribution.attribute_week(sentences, {}, ACME, frozenset({"traders", "fell"}))
    assert out[2].about == "Globex"


def test_a_pitchs_headline_though_dropped_says_whose_article_it_is():
    text = ("Globex (GLBX) has sold robot arms for a decade.\n\n"
            "Buyers weigh its arms against those of makers like Initech, Hooli, and Acme.\n\n"
            "Globex shipped more arms than ever last quarter.")
    about = _about(text, title="Is Globex (GLBX) a Buy After Its Arm Launch?")
    line = "Buyers weigh its arms against those of makers like Initech, Hooli, and Acme."
    assert about[line] == "Globex"  # Acme only closes a list of examples in Globex's article
    # The same list in Acme's own article is Acme's line.
    own = _about(text.replace("Globex (GLBX) has sold", "Acme (ACME) has sold"), title="Is Acme (ACME) a Buy After Its Arm Launch?")
    assert own[line] == ""


def test_a_headlines_question_word_is_no_part_of_a_name():
    assert attribution.listed_companies("Is Globex (GLBX) a Buy After Its Arm Launch?") == (("Globex", "GLBX"),)
    assert ("Globex Inc", "GLBX") in attribution.listed_companies("Should You Buy Globex Inc (GLBX) Before May?")


def test_a_line_naming_the_subject_as_the_focus_companys_partner_leaves_the_focus_where_it_was():
    # "…, the robot giant is moving its plants home, partnering with Acme, …": the line tells the
    # subject's part in the other company's plan, and the next line's "The company" is still that company.
    text = ("Globex (NASDAQ:GLBX) is going big and going home. In a move that could reshape the robot trade, the "
            "robot giant is moving its plants to Ohio, partnering with Acme (NYSE:ACME), Initech (INTC) and Hooli "
            "to build its arms. The company has already leased a million square feet of space in Ohio and Texas.\n")
    about = _about(text, title="Globex plants a $500 billion robot empire at home")
    assert about["The company has already leased a million square feet of space in Ohio and Texas."] == "Globex"
    # A line whose own subject is the subject still moves the focus to it.
    text = text.replace("In a move that could reshape the robot trade, the robot giant is moving its plants to Ohio, "
                        "partnering with Acme (NYSE:ACME), Initech (INTC) and Hooli to build its arms.",
                        "Acme (NYSE:ACME) will build the arms in Ohio with Initech (INTC) and Hooli.")
    about = _about(text, title="Globex plants a $500 billion robot empire at home")
    assert about["The company has already leased a million square feet of space in Ohio and Texas."] == ""


def test_in_a_flattened_round_up_a_line_opening_on_the_subject_takes_the_focus_as_another_companys_does():
    # One paragraph (the scrape lost the breaks) for four companies: each line opening on a company
    # moves the focus to it, the subject's as much as the others'.
    text = ("Shares in Globex (GLBX) dropped 5% on Wednesday after the export rule. Globex said the rule would "
            "cost it $5 billion. The company will cut its forecast for the year. Its chief executive flew to Beijing "
            "on Thursday. Shares of robot maker Acme (ACME) slumped 4% on Wednesday after its orders fell "
            "short. Net orders for the first quarter came in at €3.9bn, below analyst estimates of €4.8bn. Shares "
            "in Initech (INTC) rose 2% on Tuesday. The company said orders for its new arm doubled in March.\n")
    about = _about(text, title="Trending tickers: Globex, Acme and Initech")
    assert about["Net orders for the first quarter came in at €3.9bn, below analyst estimates of €4.8bn."] == ""
    assert about["The company said orders for its new arm doubled in March."] == "Initech"
    # With its paragraph breaks kept, the round-up's paragraphs decide.
    paragraphs = text.replace(" Shares of robot maker", "\n\nShares of robot maker").replace(" Shares in Initech", "\n\nShares in Initech")
    about = _about(paragraphs, title="Trending tickers: Globex, Acme and Initech")
    assert about["Net orders for the first quarter came in at €3.9bn, below analyst estimates of €4.8bn."] == ""
    # Named late, in passing, the subject takes nothing after it.
    text = text.replace("Shares of robot maker Acme (ACME) slumped 4% on Wednesday after its orders fell short.",
                        "The rule also hit chip equipment makers, and analysts said Globex's loss would echo at Acme (ACME).")
    about = _about(text, title="Trending tickers: Globex, Acme and Initech")
    assert about["Net orders for the first quarter came in at €3.9bn, below analyst estimates of €4.8bn."] == "Globex"


def test_a_line_on_what_the_subjects_news_made_another_company_do_is_that_companys():
    text = ("Acme Bank (ACMB) said on Wednesday it would wind down its operations.\n\n"
            "Acme's news prompted Globex Bank (GLBX) to issue an update on Thursday, asserting a stable business "
            "with more than $100 billion in assets.\n\n"
            "Acme's news led analysts to cut their targets on the bank's shares.\n")
    about = _about(text, title="Acme Bank to wind down")
    assert about["Acme's news prompted Globex Bank (GLBX) to issue an update on Thursday, asserting a stable business "
                 "with more than $100 billion in assets."] == "Globex Bank"
    # made to act, analysts are no company: the line stays the subject's
    assert about["Acme's news led analysts to cut their targets on the bank's shares."] == ""
