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


def test_one_prepared_article_serves_two_subjects():
    text = ("Acme Robotics raised its forecast for the year on Tuesday after strong orders.\n\n"
            "Globex Industries (NYSE: GBX) said its own orders fell sharply in the quarter. "
            "The company plans to close two plants in Ohio next spring.\n\n"
            "Acme Robotics will report its full results at the end of the month.")
    prepared = clean.prepare(Article(path="a.md", text=text, title="Acme lifts its outlook"))
    for_acme = attribution.attribute(prepared, ACME)
    for_globex = attribution.attribute(prepared, Subject(name="Globex Industries", tickers=["GBX"]))
    assert [w for p in for_acme.about for w in p] == ["", "Globex Industries", "Globex Industries", ""]
    # Globex's paragraph opens on Globex: its unnamed second sentence ("The company …") is Globex's too.
    assert [w for p in for_globex.about for w in p] == [attribution.OTHERS, "", ""]


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
])
def test_tickers_in_their_usual_forms_mark_another_company(text, ticker):
    assert ticker in {t for _, t in attribution.listed_companies(text)}


@pytest.mark.parametrize("text", [
    "The Federal Deposit Insurance Corporation (FDIC) took control of the lender on Friday.",
    "The chip uses artificial intelligence (AI) to sort parcels in the warehouse.",
    "Prices rose 5% in March, the Labor Department said on Wednesday.",
])
def test_ordinary_acronyms_and_agencies_are_not_companies(text):
    assert attribution.listed_companies(text) == ()


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
