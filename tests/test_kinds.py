"""Article kinds from general cues: headline form, voice and body length."""

from __future__ import annotations

import pytest

from briefs import kinds

NEWS_BODY = ["Acme Robotics said on Tuesday that it would open a second plant in Ohio next year.",
             "The plant will build warehouse robots for parcel carriers in North America.",
             "The company did not say how much the plant would cost to build."]


@pytest.mark.parametrize("title, expected", [
    ("Should You Buy Acme Robotics Before Its Next Report?", kinds.PROMOTIONAL),
    ("3 Robot Stocks to Buy Right Now", kinds.PROMOTIONAL),
    ("Is Acme Robotics a Buy After Its Selloff?", kinds.PROMOTIONAL),
    ("Acme Robotics Q3 Earnings: Revenue Rises 12%", kinds.RESULTS),
    ("Analyst Cuts Acme Robotics Price Target to $40", kinds.ANALYST),
    ("Acme Robotics Sued by Shareholders Over Disclosures", kinds.LEGAL),
    ("Acme Robotics Unveils a Smaller Warehouse Robot", kinds.PRODUCT),
    ("Acme Robotics to Buy Parts Maker Initech", kinds.DEAL),
    ("Stocks Close Lower as Bond Yields Climb", kinds.MARKET_WRAP),
    ("Save $200 on the Acme Home Robot in This Weekend Deal", kinds.SHOPPING),
    ("Acme Robotics Opens a Second Plant in Ohio", kinds.NEWS),
    # a result measured against the forecasts reports the quarter; a forecast of beating them previews it
    ("Acme Robotics Q3 Earnings: Revenue Rises 12%, Beats Estimates", kinds.RESULTS),
    ("Acme Robotics Revenue Misses Expectations as Orders Slow", kinds.RESULTS),
    ("Acme Robotics Expected to Beat Estimates When It Reports Thursday", kinds.PREVIEW),
    ("What to Expect From Acme Robotics Earnings This Week", kinds.PREVIEW),
    # a pitch anywhere in the headline, not only at its start
    ("Down 40%, Should You Buy Acme Robotics Now?", kinds.PROMOTIONAL),
    ("1 Robotics Fund to Buy With $500 This Spring", kinds.PROMOTIONAL),
    ("It's a Good Time to Buy Acme and Globex, a Fund Manager Says", kinds.PROMOTIONAL),
    ("2 Robot Stocks Down 30% You'll Wish You'd Bought", kinds.PROMOTIONAL),
    ("Is It Time to Buy the Dip in Acme Robotics?", kinds.PROMOTIONAL),
    # a list of names to look at, however the verb puts it
    ("Robotics Stocks To Consider – May 3rd", kinds.PROMOTIONAL),
    ("Warehouse Automation Stocks to Follow Now", kinds.PROMOTIONAL),
    # a writer's forecast is opinion
    ("Prediction: Acme Robotics Will Beat the Market This Year", kinds.OPINION),
])
def test_headlines_give_the_kind(title, expected):
    assert kinds.kind(title, NEWS_BODY) == expected


@pytest.mark.parametrize("title", [
    "Why Acme Robotics Stock Jumped Today",              # an explainer of a move is news, not a pitch
    "What Happened to Acme Robotics This Week?",
    "2 Robot Makers Report Falling Orders",              # a number in the headline is not a listicle
    "Acme Robotics Agrees to Buy Parts Maker Initech",   # a company's purchase is a deal
    "Traders Buy the Shares Back After a Week of Selling",
    "Robot Stocks to Follow Bond Yields Lower",          # a market call, not a list of picks
])
def test_ordinary_headlines_with_pitch_like_words_are_not_promotional(title):
    assert kinds.kind(title, NEWS_BODY) != kinds.PROMOTIONAL


@pytest.mark.parametrize("body", [["Article body not found"], ["Error: connection broken while reading the page."], []])
def test_a_scraper_failure_stub_is_no_article(body):
    assert kinds.kind("Acme Robotics Opens a Second Plant", body) == kinds.FAILURE
    assert not kinds.leads(kinds.FAILURE)


def test_a_review_in_the_first_person():
    body = ["I spent a week with the Acme home robot in my small flat.",
            "I found the setup slow but the cleaning itself was quiet and thorough.",
            "My cat ignored it after the first day, which I count as a success."]
    assert kinds.kind("Acme Home Robot Review: Quiet but Slow", body) == kinds.REVIEW


def test_a_short_news_item_is_not_a_failure():
    assert kinds.kind("Acme Robotics Names Jane Roe Finance Chief",
                      ["Acme Robotics named Jane Roe chief financial officer, effective in May."]) != kinds.FAILURE


def test_promotional_and_shopping_kinds_never_lead_and_weigh_less():
    for kind in (kinds.PROMOTIONAL, kinds.SHOPPING, kinds.REVIEW, kinds.OPINION):
        assert not kinds.leads(kind) and kinds.weight(kind) < 1.0
    for kind in (kinds.RESULTS, kinds.NEWS, kinds.LEGAL, kinds.ANALYST):
        assert kinds.leads(kind) and kinds.weight(kind) == 1.0


@pytest.mark.parametrize("title, wrap", [
    ("Stocks Tumble as Acme Fears Spread", True),
    ("CAC 40 Tumbles Ahead Of US Jobs Data", True),
    ("Shares skid as chip curbs bite, gold hits record", True),
    ("Acme Stock Falls Again After Export Curbs", False),
    ("Acme (NYSE: ACME) Shares Gap Down After Downgrade", False),
    ("Acme's Stock Slumps on Weak Orders", False),
])
def test_a_headline_about_the_subjects_own_stock_is_not_a_market_wrap(title, wrap):
    assert kinds.is_market_wrap(title, ["Acme", "ACME"]) is wrap


@pytest.mark.parametrize("text, market", [
    ("(Wire) - French stocks fell sharply on Friday ahead of the jobs data.", True),
    ("The benchmark index was down 133 points, or 1.8 percent.", True),
    ("Oil prices eased after a report showed larger stocks of crude.", True),
    ("U.S. stock futures rose on Monday morning.", True),
    ("Shares fell 7% on Wednesday.", False),
    ("The company's market value fell by $200 billion.", False),
    ("Its dollar revenue rose 5% in the quarter.", False),
    ("Treasury Secretary Janet Yellen said rates would not rise again.", False),
    ("Analysts expect revenue to rise next year.", False),
    # The market word as the subject of an expectation about a company's results: a consensus estimate.
    ("While Wall Street expects earnings to climb about 8% to $3 billion, the pace is the slowest in years.", False),
    ("Markets forecast sales rising 4% next quarter, and the stock fell.", False),
    ("Wall Street rose 1% on Friday as investors expect profits to grow.", True),
    ("Markets expect the central bank to cut rates, and stocks rose 1%.", True),
])
def test_a_market_line_has_a_market_index_currency_or_commodity_as_its_subject(text, market):
    assert kinds.market_line(text) is market


@pytest.mark.parametrize("text", [
    "Blue-chip stocks slid as the session wore on.",
    "(Wire) - S&P 500 futures climbed before the open.",
    "BOND YIELDS ROSE ON MONDAY.",
    "Wall Street ended the week lower.",
    "The Hang Seng closed up 2 percent in Asia.",
])
def test_a_market_line_is_found_whichever_market_word_and_case_it_opens_with(text):
    # market_line skips its search for text holding no market word: each kind of word must still get through
    assert kinds.market_line(text)


def test_a_sentence_naming_no_market_is_not_a_market_line_even_with_a_move_verb():
    assert not kinds.market_line("Northwind's cloud sales rose 12% and its margins climbed.")


OPTIONS_BODY = ["There is noteworthy options activity today in Acme Robotics, where 52,000 contracts have traded so far.",
                "Especially high volume was seen for the $40 strike call option expiring June 20, with 9,100 contracts trading."]


@pytest.mark.parametrize("title", ["Notable Tuesday Option Activity: ACME, GLBX, INTC",
                                   "June 20th Options Now Available For Acme Robotics (ACME)",
                                   "Unusual Options Activity in Acme Robotics"])
def test_a_note_on_trading_in_a_stocks_options_never_leads_and_weighs_little(title):
    assert kinds.kind(title, OPTIONS_BODY) == kinds.OPTIONS
    assert not kinds.leads(kinds.OPTIONS) and kinds.weight(kinds.OPTIONS) < 1.0


def test_a_company_granting_or_holding_options_is_news():
    grant = ["Acme Robotics granted its chief executive options on 2 million shares, vesting over four years.",
             "The company also holds an option to buy the rest of Initech by 2027."]
    assert kinds.kind("Acme Robotics Grants Its Chief Executive Stock Options", grant) != kinds.OPTIONS
    # an options headline over a body with no strikes or contracts is not a trading note either
    assert kinds.kind("Acme Robotics Options Trading Halted After Exchange Glitch", NEWS_BODY) != kinds.OPTIONS


def test_kinds_of_many_articles_are_each_articles_kind_in_order():
    # The build lends this to its workers: one kind per article, in the order given.
    body = ["I drove the new hatchback for a week and I liked its quiet cabin on long motorway trips."] * 5
    articles = [("Acme hatchback review: quiet and quick", body), ("Acme quarterly revenue rises 12%", ["x"] * 0),
                ("Should you buy Acme stock now?", ["Acme makes cars in three countries and sells them in forty."] * 6)]
    assert kinds.kinds(articles) == [kinds.kind(title, sentences) for title, sentences in articles]
    assert kinds.kinds(articles) == [kinds.REVIEW, kinds.FAILURE, kinds.PROMOTIONAL]
    assert kinds.kinds([]) == []
