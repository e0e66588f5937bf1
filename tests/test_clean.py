"""The clean stage keeps article prose about the subject and nothing else, each fact once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefs import clean, language, load
from briefs.config import Subject, load_corpus

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "seeds"
OTHER = HERE / "fixtures" / "clean" / "other_wordings"


def _cleaned(folder: Path) -> clean.Cleaned:
    subject = load_corpus(folder).subject
    return clean.clean(load.load([folder]).articles, subject)


def _kept(result: clean.Cleaned) -> list[tuple[str, str]]:
    return [(Path(a.article.path).name, s) for a in result.articles for p in a.paragraphs for s in p]


@pytest.fixture(scope="module")
def seed_labels() -> list[dict]:
    return json.loads((HERE / "fixtures" / "seed_labels.json").read_text(encoding="utf-8"))["sentences"]


def _label_for(name: str, sentence: str, labels: list[dict]) -> bool:
    """Return the hand label of the seed sentence this kept text was cut from."""
    matches = [lab["keep"] for lab in labels if lab["file"] == name and sentence in lab["text"]]
    assert matches, f"kept text not in the labelled fixture: {sentence!r}"
    return any(matches)


def test_seed_precision_and_recall_against_hand_labels(seed_labels):
    kept = _kept(_cleaned(SEEDS))
    good = sum(_label_for(name, text, seed_labels) for name, text in kept)
    precision = good / len(kept)
    wanted = {lab["text"] for lab in seed_labels if lab["keep"]}
    found = {text for text in wanted if any(k in text for _, k in kept)}
    recall = len(found) / len(wanted)
    print(f"seed clean precision {precision:.3f} recall {recall:.3f} ({len(kept)} kept)")
    assert precision >= 0.95
    assert recall >= 0.90


def test_seed_noise_never_survives():
    text = " ".join(s for _, s in _kept(_cleaned(SEEDS)))
    for noise in ["Fehler beim Abrufen", "Click now", "TERMS AND CONDITIONS", "Related Articles", "hours ago",
                  "Ripple", "Bitcoin", "Philips", "Samsung", "Asian currencies", "Sentiment Score",
                  "Jim waits", "subscriber", "placeholder", "Read more here", "Alibaba", "podcast brief",
                  "Buy or sell", "Past performance", "is long META"]:
        assert noise not in text, noise


def test_no_sentence_is_kept_twice():
    keys = [clean.normalize(s) for _, s in _kept(_cleaned(SEEDS))]
    assert len(keys) == len(set(keys))


def test_other_wordings_come_out_equally_clean():
    result = _cleaned(OTHER)
    kept = " ".join(s for _, s in _kept(result))
    assert "raised its annual revenue forecast" in kept
    assert "$420 million on automated cranes" in kept
    assert "conservative given the pace" in kept
    for noise in ["cookies", "Accept all", "newsletter", "SHIP20", "error", "erreur", "Coastal Freight",
                  "Sponsored", "savings accounts", "All rights reserved", "Gold prices", "More from"]:
        assert noise.lower() not in kept.lower(), noise
    assert [Path(a.article.path).name for a in result.articles] == ["01_wire.md", "02_syndicated.txt"]
    reasons = {d.reason for d in result.dropped}
    assert "article not about the subject" in reasons
    assert "other language" in reasons


def test_syndicated_copy_is_kept_once_citing_both_sources():
    result = _cleaned(OTHER)
    sentence = ("Northwind Traders raised its annual revenue forecast on Tuesday after container volumes at its "
                "Baltic terminals rose 18% in the first two months of the year.")
    assert sum(s == sentence for _, s in _kept(result)) == 1
    assert result.echoes[clean.normalize(sentence)] == [2]


def test_near_duplicate_with_changed_wording_is_merged():
    from briefs.model import Article

    subject = Subject(name="Acme")

    first = Article(path="a.txt", text="Acme raised its revenue forecast to $6.3 billion on Tuesday after strong container volumes in the Baltic region.")
    second = Article(path="b.txt", text="Acme raised its revenue forecast to $6.3 billion on Tuesday, after strong container volumes in the Baltic region, Reuters reported.")
    result = clean.clean([first, second], subject)
    assert len(_kept(result)) == 1
    assert list(result.echoes.values()) == [[2]]
    assert [a.id for a in result.articles] == [1, 2]  # the copy stays a source to cite


def test_a_near_copy_stating_a_new_figure_is_news_not_a_duplicate():
    from briefs.model import Article

    subject = Subject(name="Acme")
    noon = Article(path="a.txt", text="The worst performer in the index so far today is Acme Bank, trading down 21.7% at midday.")
    later = Article(path="b.txt", text="The worst performer in the index so far today is Acme Bank, trading down 48.2% at midday.")
    echo = Article(path="c.txt", text="The worst performer in the index so far today is Acme Bank, trading down 21.7% at midday, Reuters said.")
    kept = [s for _, s in _kept(clean.clean([noon, later, echo], subject))]
    assert len(kept) == 2 and any("48.2%" in s for s in kept)  # the later figure stays
    assert not any("Reuters said" in s for s in kept)  # the same figure again is a copy


@pytest.mark.parametrize(
    "sentence, reason",
    [
        ("Sign up for our free newsletter to get the best stories every morning.", "call to action or promotion"),
        ("This site uses cookies to personalise content and analyse our traffic.", "disclaimer or legal notice"),
        ("NO FIDUCIARY OBLIGATION EXISTS BY VIRTUE OF YOUR RECEIPT OF THIS INFORMATION.", "disclaimer or legal notice"),
        ("The author is long AAPL and has no plans to trade in the next 72 hours.", "position disclosure"),
        ("Ocurrió un error al cargar los datos del mercado, inténtelo más tarde.", "other language"),
        ("Will the company manage to turn its losses around next year?", "question"),
        ("Quarterly results at a glance", "fragment or heading"),
        (", a Paris-based startup founded by former researchers, is growing fast.", "fragment or heading"),
        ("Photo: Reuters/John Smith shows the company headquarters in the city.", "photo credit or caption"),
    ],
)
def test_sentence_noise_reasons(sentence, reason):
    assert clean.sentence_noise(sentence) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Acme Corp said revenue rose 21% to $47.52 billion in the quarter.",
        "Analysts at Big Bank said the results showed strong demand for the company's chips.",
        'The chief executive said "you have to invest through the cycle" when asked about spending.',
    ],
)
def test_article_prose_is_not_noise(sentence):
    assert clean.sentence_noise(sentence) is None


@pytest.mark.parametrize(
    "profile",
    [
        "The company offers Roadster, a line of scooters; Trail, a line of e-bikes; and batteries, chargers and spare parts.",
        "It operates in two segments, Mobility and Energy Storage.",
        "The Home and Garden Products segment offers mowers, trimmers, Leaf 360 blowers, hedge cutters, and spare parts; and repair services.",
        "Acme Corp. designs, manufactures, and markets scooters, e-bikes, batteries, chargers, and accessories worldwide.",
        "It provides a range of logistics services, including freight forwarding, warehousing, customs brokerage, and last-mile delivery.",
    ],
)
def test_a_companys_standing_profile_is_no_news(profile):
    assert clean.sentence_noise(profile) == "company profile"


@pytest.mark.parametrize(
    "news",
    [
        # A buyer, a period, a figure or a source makes the same shape news.
        "Acme sells its scooters to Globex, Initech, Hooli and Vandelay, the filing shows.",
        "The company offers buyers a discount of 10% on scooters, e-bikes, batteries, and chargers through June.",
        "It operates in two segments after the reorganisation announced in March, Mobility and Energy Storage.",
        "Acme Corp. designs, manufactures, and markets scooters worldwide, the chief executive said.",
        # "It provides" that names no line of business: an argument, not a profile.
        "It provides more evidence that the slowdown, the layoffs, the price cuts, the recall, and the strike have hurt.",
        "The company operates in a tough market, where rivals, suppliers, lenders, and regulators all want a say.",
    ],
)
def test_a_sentence_shaped_like_a_profile_that_tells_news_is_kept(news):
    assert clean.sentence_noise(news) is None


def test_appended_story_about_another_company_is_dropped_but_related_subject_story_kept():
    text = ("Acme Corp opened a new factory in Ohio that will employ 2,000 people by next year.\n"
            "The plant will build batteries for electric trucks sold across North America.\n\n"
            "Related stories\n\n"
            "Globex Inc reported a quarterly loss of $45 million on weak demand for its printers.\n\n"
            "2 hours ago\n\n"
            "Acme Corp shares rose 5% after the company announced a $1 billion buyback program.\n")
    from briefs.model import Article

    result = clean.clean_article(Article(path="x.txt", text=text), Subject(name="Acme Corp", aliases=["Acme"]))
    kept = [s for p in result.paragraphs for s in p]
    assert any("factory in Ohio" in s for s in kept)
    assert any("buyback" in s for s in kept)
    assert not any("Globex" in s for s in kept)


def test_list_items_without_final_period_are_kept_as_prose():
    from briefs.model import Article

    text = ("Acme Corp reported its quarterly results on Tuesday, beating estimates again.\n"
            "- Quarterly revenue: $47.52 billion, up 21% from a year earlier\n"
            "- Earnings per share: $7.14, well ahead of forecasts\n")
    result = clean.clean_article(Article(path="x.txt", text=text), Subject(name="Acme Corp"))
    kept = [s for p in result.paragraphs for s in p]
    assert "Quarterly revenue: $47.52 billion, up 21% from a year earlier" in kept


def test_article_never_mentioning_subject_is_dropped_and_reported():
    from briefs.model import Article

    article = Article(path="gold.txt", text="Gold prices rose on Wednesday as the dollar slipped against other currencies.")
    result = clean.clean([article], Subject(name="Acme Corp"))
    assert result.articles == []
    assert result.dropped[-1].reason == "article not about the subject"


def test_a_passing_mention_does_not_make_an_article_about_the_subject(tmp_path):
    (tmp_path / "briefs.toml").write_text('[subject]\nname = "Acme Corp"\naliases = ["Acme"]\n')
    (tmp_path / "about.md").write_text(
        "---\ntitle: Acme raises its forecast\n---\n"
        "Acme Corp raised its full-year revenue forecast on Tuesday after a strong quarter.\n\n"
        "The company now expects sales of $4.1 billion, up from $3.8 billion.\n", encoding="utf-8")
    (tmp_path / "passing.md").write_text(
        "---\ntitle: Globex profit jumps on cloud demand\n---\n"
        "Globex reported a 40% jump in quarterly profit to $2.2 billion on Wednesday.\n\n"
        "The results beat analysts' forecasts as cloud revenue grew faster than expected.\n\n"
        "Globex said it would buy back $5 billion of its shares over the next two years.\n\n"
        "The firm also competes with Acme in the market for factory software.\n\n"
        "Its chief executive said demand from European customers remained strong.\n", encoding="utf-8")
    result = _cleaned(tmp_path)
    central = {a.article.title: a.central for a in result.articles}
    assert central == {"Acme raises its forecast": True, "Globex profit jumps on cloud demand": False}


def test_sentences_from_a_passing_mention_rank_below_the_subjects_news(tmp_path):
    from briefs.build import Options, build_brief

    test_a_passing_mention_does_not_make_an_article_about_the_subject(tmp_path)
    brief = build_brief([tmp_path], Options(cache=False)).brief.to_dict()
    summary = " ".join(s["text"] for s in brief["summary"])
    assert "Acme Corp raised its full-year revenue forecast" in summary
    assert "Globex reported a 40% jump" not in summary


def test_an_article_about_others_gives_the_brief_only_its_lines_naming_the_subject(tmp_path):
    from briefs.build import Options, build_brief

    (tmp_path / "briefs.toml").write_text('[subject]\nname = "Acme Corp"\naliases = ["Acme"]\n')
    (tmp_path / "about.md").write_text(
        "---\ntitle: Acme raises its forecast\n---\n"
        "Acme Corp raised its full-year revenue forecast on Tuesday after a strong quarter.\n\n"
        "The company now expects sales of $4.1 billion, up from $3.8 billion.\n", encoding="utf-8")
    (tmp_path / "deal.md").write_text(
        "---\ntitle: Globex agrees to buy Initech for $9 billion\n---\n"
        "Globex agreed on Monday to buy Initech for $9 billion in cash, its largest acquisition.\n\n"
        "Globex said the purchase would add about $1 billion a year to its revenue.\n\n"
        "Globex shares rose 4% after the announcement, while Initech shares jumped 21%.\n\n"
        "Hooli, which also bid for Initech, said it would not raise its offer.\n\n"
        "Initech's chief executive will join Globex's board when the purchase closes.\n\n"
        "Globex expects the combined group to save $300 million a year by 2027.\n\n"
        "Acme, the other large maker of factory software, was not part of the talks. "
        "The deal is expected to close next year once regulators approve the acquisition. "
        "The combined group will have about 12,000 employees and customers in 40 countries.\n",
        encoding="utf-8")
    brief = build_brief([tmp_path], Options(cache=False)).brief.to_dict()
    quoted = [s["text"] for s in brief["summary"]] + [s["text"] for t in brief["themes"] for s in t["sentences"]]
    assert any(t.startswith("Acme Corp raised") for t in quoted)
    # The rest of the passage that names the subject in passing is the deal's, not the subject's,
    # however few lines the week has to fill its themes with.
    assert not any(t.startswith(("The deal is expected", "The combined group")) for t in quoted), quoted


def test_a_byline_and_timestamp_above_the_first_paragraph_are_a_header_not_a_story_boundary(tmp_path):
    (tmp_path / "briefs.toml").write_text('[subject]\nname = "Acme Robotics"\ntickers = ["ACME"]\n')
    (tmp_path / "wire.txt").write_text(
        "Acme Robotics beats estimates as warehouse sales surge\n\nBy Jane Doe, Reuters\nUpdated 3 hours ago\n\n"
        "Acme Robotics reported third-quarter revenue of $21.4 billion on Wednesday, up 57% from a year earlier.\n\n"
        "Share this story with your friends and colleagues today!\n\n"
        "Warehouse revenue rose to $18.2 billion, as parcel carriers kept buying its robot arms.\n\n"
        "We use cookies to improve your experience. By continuing to browse, you agree to our use of cookies.\n\n"
        "The company forecast fourth-quarter revenue of $23.0 billion, above Wall Street expectations.\n",
        encoding="utf-8")
    kept = [text for _, text in _kept(_cleaned(tmp_path))]
    assert any(t.startswith("Warehouse revenue rose") for t in kept)  # prose between promotions, own paragraph
    assert any(t.startswith("The company forecast") for t in kept)
    assert not any("cookies" in t or "Share this story" in t or "Jane Doe" in t for t in kept)


# Each rule in both directions: the noise it exists for is caught, and an ordinary news sentence
# holding the same word is kept. The sentences are written for these tests.
@pytest.mark.parametrize(
    "noise, news",
    [
        # An action word opens the sentence as a command / sits in a running sentence.
        ("Click here to read the full interview with the chief executive.",
         "The keyboard's travel is short, and every press ends in a soft click that testers liked."),
        ("Subscribe now and get three months of market analysis for a single dollar.",
         "Globex launched a subscription service for cloud gaming that costs $9.99 a month in Europe."),
        ("Sign up for our free newsletter to get the week's biggest deals every Friday.",
         "The rollout opens the door to services revenue growth as users sign up over the coming year."),
        ("Unlock the full report and see which three stocks our analysts like best.",
         "The company said its new assistant apps would unlock productivity for office workers in 2027."),
        ("Watch the video to see how the new factory floor works in practice.",
         "Watch sales rose 9% in the quarter, helped by a new model launched in September."),
        ("Get Acme alerts: Acme shares opened at $41.20 on Monday morning in New York.",
         "Get-together venues in the city reported a record holiday season, the trade group said."),
        # The reader told what they can do / the reader merely mentioned.
        ("You can listen to the full episode on any podcast app or on our website.",
         "If you look at the order book, demand for the new chips still exceeds supply by a wide margin."),
        ("If you bought shares in the offering, you are encouraged to visit www.example-law.com today.",
         "You can't build a factory in a year, the chief executive told analysts on the call."),
        # What the reader can see: a prompt when it says where, the writer's analysis otherwise.
        ("You can see the full list of this year's best-performing funds on our rankings page.",
         "As you can see, regional lenders fell the most as depositors moved cash to the largest banks."),
        ("You can find out more about the webinar and reserve a seat at www.example-events.com.",
         "You'll see the benefit of the new plant in the gross margin in the second half, the finance chief said."),
        ("You can see our complete coverage of the bank's collapse on our live blog.",
         "You will see that become meaningful late in the year, when about 30% of our revenue comes from the new unit."),
        # An offer.
        ("Use promo code SAVE10 at checkout for a discount on your first order of the year.",
         "The retailer said a code of conduct for suppliers would take effect in the first half."),
        ("Today you can download our free report on the five best dividend stocks for 2027.",
         "Acme said its new report on supply chains showed delivery times falling for a third month."),
        # A pointer to the publisher's page, as an order to the reader.
        ("Find full specifications and additional details on the Acme RoboArm webpage.",
         "Finding the full cost of the recall will take months, the chief financial officer told analysts."),
        # The publisher pitching itself to the reader.
        ("We read every filing and send you the best ideas in one short email each morning.",
         "We expect margins to improve next year as the new plant ramps up, the finance chief said on the call to analysts and investors."),
        # A polite order, an e-newsletter and the reader's address asked for.
        ("Please visit the investor page for the full list of the fund's holdings and its fees.",
         "Please note that the company cut its forecast for the year on Tuesday, the filing showed."),
        ("The best ideas from fund letters arrive each morning in our free daily e-newsletter.",
         "The company launched a paid e-newsletter for retail investors in March, it said on Tuesday."),
        ("The full list of the fund's picks is yours by entering your email address below.",
         "Users entering their email address on the fake page were asked for a password, the company said."),
        # An affiliate's link the reader is sent through, not a link in the news.
        ("If you decide to join the service through her link, she earns a small commission from it.",
         "The attackers got into the network through a link in an email sent to the company's staff."),
    ],
)
def test_promotions_are_judged_by_what_they_do_not_by_a_word(noise, news):
    assert clean.sentence_noise(noise) == "call to action or promotion", noise
    assert clean.sentence_noise(news) is None, news


def test_a_no_break_space_is_judged_as_a_space():
    assert clean.sentence_noise("Click\xa0here to get the full report on the fund's holdings.") == "call to action or promotion"
    assert clean.sentence_noise("If you join the service through\xa0her link, she earns a small commission.") \
        == "call to action or promotion"
    assert clean.sentence_noise("Acme said on\xa0Tuesday that revenue rose 12% to $4 billion.") is None


@pytest.mark.parametrize(
    "noise, news",
    [
        ("This site uses cookies to remember your settings and measure traffic.",
         "Sales of its chocolate cookies rose 7% in the quarter, the snack maker said on Tuesday."),
        ("Copyright 2026 Example Media Group, reproduction in whole or in part is prohibited.",
         "The authors filed a copyright lawsuit against the AI start-up in a federal court on Monday."),
        ("This material is for informational purposes and is not investment advice.",
         "The bank agreed to a consent decree with regulators over its mortgage lending practices."),
        ("Past performance is not indicative of future results for any of these funds.",
         "The board said it owed a fiduciary duty to all shareholders when it weighed the offer."),
        ("ACME, the ACME logo and RoboArm are trademarks and/or registered trademarks of Acme Corp in the U.S. and other countries.",
         "A court ruled on Tuesday that the RoboArm name and logo are registered trademarks of Acme, not of its former supplier."),
        ("Read our privacy policy to learn how we handle the data you give us.",
         "Acme's privacy policy changes drew a $20 million fine from regulators in Ireland."),
        ("For details of how your data is used, see the privacy notice.",
         "The company updated its privacy notice after the court ruling on Tuesday."),
        # a company's statement, reported, is news, though it says what a notice says
        ("Example Media is not responsible for the content of external sites.",
         "Acme said it is not responsible for the outage, blaming a cloud supplier."),
        ("Past performance is not a guarantee of future returns.",
         "Acme's management said past performance is not a guarantee that the rebound will continue."),
    ],
)
def test_legal_notices_are_caught_but_news_about_law_is_kept(noise, news):
    assert clean.sentence_noise(noise) == "disclaimer or legal notice", noise
    assert clean.sentence_noise(news) is None, news


@pytest.mark.parametrize(
    "noise, news",
    [
        ("Jane Roe has positions in Acme and Globex and no plans to trade in the next week.",
         "Pension funds raised their positions to a record last quarter, a survey of managers showed."),
        ("The Daily Ledger has a disclosure policy that covers every writer on the site.",
         "The regulator proposed a new disclosure policy for climate risks at listed companies."),
        ("John Doe has the following options: long January 2027 $90 calls on Acme and short March 2026 $60 puts on Globex.",
         "Traders bought short-dated $200 calls on Acme ahead of its results, and the options market priced a 9% move."),
        ("Jane Roe is short June 2026 $45 puts on Globex.",
         "Acme has the following priorities for the year: lower costs, a new plant and a smaller debt load."),
        ("John Doe is an affiliate of The Daily Ledger and may be compensated for promoting its services.",
         "Initech is an affiliate of Globex and may be sold next year, the filing said."),
        ("Jane Roe is an affiliate of Market Letters and may be compensated for promoting its services.",
         "Influencers who are compensated for promoting products must say so, the regulator said on Monday."),
        # a holder's statement, reported, is news
        ("Jane Roe holds a position in Acme and may trade it at any time.",
         "Acme shares rose 4% after Globex said it holds a position in the company."),
        # the writer's own holdings in so many words; a company's exposure is news
        ("As of the date this article was written, the author does not own any of the above securities.",
         "Initech said it does not hold deposits or securities at the failed bank."),
        ("I do not own shares of any company mentioned in this piece.",
         "Globex does not own shares of Acme, a spokesman said on Friday."),
        # a contributor's standard terms: holdings, pay, ties (stop 40)
        ("I/we have a beneficial long position in the shares of ACME through stock ownership or options.",
         "Acme has a strong position in the market for welding arms, analysts said."),
        ("I/we have no stock, option or similar derivative position in any of the companies mentioned.",
         "Globex has no plans to take a position in Acme, its chief executive said."),
        ("I wrote this article myself, and it expresses my own opinions.",
         "The chief executive said the letter expresses the board's view, not his own."),
        ("I am not receiving compensation for it (other than from the publisher).",
         "Acme said its directors are not receiving compensation for the year."),
        ("I have no business relationship with any company whose stock is mentioned in this article.",
         "Acme has no business relationship with Globex, the filing shows."),
    ],
)
def test_holdings_disclosures_are_caught_but_news_about_holdings_is_kept(noise, news):
    assert clean.sentence_noise(noise) == "position disclosure", noise
    assert clean.sentence_noise(news) is None, news


def test_a_link_label_in_parentheses_does_not_make_a_sentence_a_promotion():
    sentence = ("Acme Corp (NASDAQ:ACME – Free Report) had its price target cut by analysts at Big Bank from "
                "$220.00 to $200.00 in a note on Thursday.")
    assert clean.sentence_noise(sentence) is None


def test_a_promotional_first_line_is_not_kept_as_the_title():
    from briefs.model import Article

    article = Article(path="x.txt", title="Get your free weekly stock picks",
                      text="Acme Corp raised its revenue forecast on Tuesday after a strong quarter in Asia.")
    result = clean.clean_article(article, Subject(name="Acme Corp"))
    assert result.article.title == ""
    assert result.dropped[0].reason == "promotional title"


def test_what_the_html_extractor_left_out_is_reported_as_a_load_drop():
    from briefs.model import Article

    article = Article(path="page.html", text="Acme Corp opened a new plant in Ohio on Monday, the company said.",
                      left_out=("More from the Daily Ledger newsroom this week",))
    result = clean.clean_article(article, Subject(name="Acme Corp"))
    [drop] = [d for d in result.dropped if d.stage == "load"]
    assert drop.text == "More from the Daily Ledger newsroom this week"
    assert drop.path == "page.html"
    assert result.article.left_out == ()
    assert all(d.stage == "clean" for d in result.dropped if d is not drop)


@pytest.mark.parametrize(
    "sentence",
    [
        # A demand in a letter is not the publisher pitching a service.
        "We ask that you hand over every record of the deal by Friday, the committee wrote to the company.",
        # A question someone asked, quoted, is reported speech.
        'The minister put the trade dispute plainly: "Which side can afford to wait longer?',
        "He asked analysts on the call: “Why would we cut prices when demand is this strong?”",
        # "disclaimer" used as an ordinary word.
        "The offer carries a disclaimer that buyers must keep the bonds until they mature in 2031.",
    ],
)
def test_sentences_that_only_look_like_noise_are_kept(sentence):
    assert clean.sentence_noise(sentence) is None


def test_a_quote_after_the_last_mention_is_news_not_a_sign_off():
    from briefs.model import Article

    text = ("Acme Corp said on Monday it would stop selling its fastest chips in China after a new export rule.\n\n"
            "The rule takes effect next month and covers every chip above a set performance level.\n\n"
            "“Rivals will fill the gap quickly as they gain customers,” an analyst at Big Bank added.\n")
    result = clean.clean_article(Article(path="x.txt", text=text), Subject(name="Acme Corp"))
    kept = [s for p in result.paragraphs for s in p]
    assert any(s.startswith("“Rivals will fill the gap") for s in kept)
    assert any(s.startswith("The rule takes effect") for s in kept)  # a statement, not a sign-off


@pytest.mark.parametrize("line", ["Initech gained nearly 3 percent.", "Globex Holdings slipped 2.4 percent."])
def test_a_short_sentence_stating_a_figure_is_prose(line):
    assert clean.sentence_noise(line) is None


@pytest.mark.parametrize("line", ["5 Picks to Grab Today!", "Cheers for stopping by.", "Heads up!", "That was close."])
def test_other_short_lines_stay_labels(line):
    assert clean.sentence_noise(line) == "fragment or heading"


def test_a_list_marker_scraped_onto_a_sentence_is_cut_not_the_sentence():
    from briefs.model import Article

    text = ("Acme Corp said on Monday its quarterly revenue rose 12% to $3.1 billion. "
            "* Acme Corp also raised its dividend by 8% to 54 cents a share, the company said.\n")
    result = clean.clean_article(Article(path="x.txt", text=text), Subject(name="Acme Corp"))
    kept = [s for p in result.paragraphs for s in p]
    assert "Acme Corp also raised its dividend by 8% to 54 cents a share, the company said." in kept


def test_a_short_statement_naming_the_subject_is_kept_and_a_short_filler_is_not():
    from briefs.model import Article

    text = ("Acme Corp stopped selling its fastest chips in China on Monday after a new export rule.\n\n"
            "Acme declined to comment.\n\n"
            "Good morning, everyone here.\n\n"
            "Acme Corp shares fell 4% in New York on the news, their worst day in a month.\n")
    result = clean.clean_article(Article(path="x.txt", text=text), Subject(name="Acme Corp", aliases=["Acme"]))
    kept = [s for p in result.paragraphs for s in p]
    assert "Acme declined to comment." in kept
    assert "Good morning, everyone here." not in kept


def test_a_closing_line_about_a_listed_company_or_a_figure_is_news_not_a_sign_off():
    from briefs.model import Article

    text = ("Acme Corp shares rose 6% on Monday after the company raised its forecast for the year.\n\n"
            "Other drug makers were rising too, among them Globex (GLBX), which was lifted by trial news.\n\n"
            "That said, readers should wait for more clarity before acting on any of this.\n")
    result = clean.clean_article(Article(path="x.txt", text=text), Subject(name="Acme Corp"))
    kept = [s for p in result.paragraphs for s in p]
    assert any(s.startswith("Other drug makers were rising too") for s in kept)
    assert not any(s.startswith("That said, readers") for s in kept)


def test_a_closing_thought_that_carries_the_argument_on_is_not_a_sign_off():
    from briefs.model import Article

    lead = "Acme Corp shares fell 7% on Wednesday after the company disclosed a new export rule on its chips.\n\n"
    closings = {"If access to that market closes, so does a key growth pillar.": True,
                "And with regulators turning up the heat, the chief executive's balancing act just got harder.": True,
                "And don't forget to follow our coverage on Facebook and Twitter.": False,   # the medium
                "This article first appeared on Market Pages.": False,
                "So readers should wait before buying more of the stock.": False,           # advice
                "It has no debt and plenty of cash.": True,                                 # goes on about it
                "Its shares have doubled this year.": True}
    for closing, kept in closings.items():
        result = clean.clean_article(Article(path="x.txt", text=lead + closing + "\n"), Subject(name="Acme Corp"))
        assert (closing in [s for p in result.paragraphs for s in p]) is kept, closing


def test_a_line_in_capitals_or_a_copyright_notice_run_into_prose_is_cut_off_it():
    cases = {
        "GET ACME NEWS ON THE GO BY CLICKING HERE The Robo initiative gives developers of robots tools, including "
        "models, data pipelines and a computer.":
            "The Robo initiative gives developers of robots tools, including models, data pipelines and a computer.",
        "ACME CEO: 'ROBOTS ARE JUST AROUND THE CORNER' Acme CEO Jane Roe said making chips at home will make supply safer.":
            "Acme CEO Jane Roe said making chips at home will make supply safer.",
        "More cuts, one analyst said.© 2025 Globex Media LP  Key Facts   Acme said late on Tuesday it expects to take "
        "a $3.2 billion charge this quarter.": "Acme said late on Tuesday it expects to take a $3.2 billion charge this quarter.",
    }
    for text, sentence in cases.items():
        assert sentence in clean._sentences(text)
        assert sentence in _kept_sentences("Acme Corp opened a plant on Monday that will employ 2,000 people.\n\n" + text + "\n")
    # A run of names and tickers in capitals opens a sentence; a sign with no sentence before it stays whole.
    for text in ("UBS AG CEO Sergio Ermotti said the bank would cut 3,000 jobs this year.",
                 "NEW YORK, April 16 (Reuters) - Acme shares fell 3% on Wednesday after the report.",
                 "The Acme © logo is shown on a screen in the lobby of its head office in Ohio."):
        assert clean._sentences(text) == [text]


def test_a_date_set_before_a_sentence_as_its_label_is_cut_off_it():
    cases = {"April 18- Analysts are trimming their forecasts for Acme Corp after the export rule.":
             "Analysts are trimming their forecasts for Acme Corp after the export rule.",
             "Mar. 3, 2026 — Acme Corp said it would close its plant in Ohio by the summer.":
             "Acme Corp said it would close its plant in Ohio by the summer."}
    for text, sentence in cases.items():
        assert clean._sentences(text)[-1] == sentence
        assert sentence in _kept_sentences("Acme Corp opened a plant on Monday that will employ 2,000 people.\n\n" + text + "\n")
    # A wire's dateline opens on its place; a date as the sentence's subject is its words.
    for text in ("NEW YORK, April 16 (Reuters) - Acme shares fell 3% on Wednesday after the report.",
                 "April 18 was the day Acme Corp said it would cut 500 jobs."):
        assert clean._sentences(text) == [text]


def test_a_long_statement_after_the_last_mention_is_news_but_a_tagline_or_a_pointer_signs_off():
    from briefs.model import Article

    lead = "Acme Corp said on Monday it would open two robot plants in Ohio next year.\n\n"
    tails = {"The robotics programme gives developers models, data pipelines, simulation tools and a small computer.": True,
             "Robot-powered research, real-time alerts, and analytics for institutional investors.": False,
             "Our reporter explains what the plan means for workers.": False}
    for tail, kept in tails.items():
        result = clean.clean_article(Article(path="x.txt", text=lead + tail + "\n"), Subject(name="Acme Corp"))
        assert (tail in [s for p in result.paragraphs for s in p]) is kept, tail


def test_an_about_box_describes_the_author_not_the_news():
    about = "About Jane Roe: Jane Roe is the founder of Roe Capital. Her research covers trend following and asset allocation."
    assert {noise for _, noise in clean._judged_sentences(about, False)} == {clean.ABOUT_BOX}
    for text in ("About 40% of Acme sales come from China: the company said so on Monday.",
                 "About a third of Acme's staff will move to Ohio, the company said."):
        assert {noise for _, noise in clean._judged_sentences(text, False)} == {None}


def test_a_press_releases_company_box_is_not_the_news():
    news = ("SANTA CLARA, Calif., April 15, 2025 -- Acme today announced the Roadrunner 5 sensor, which doubles "
            "the range of its predecessor at the same price of $349.\n\n"
            "The sensor ships in May through Acme's retail partners in 40 countries, the company said.\n\n")
    box = ("Acme (NASDAQ: ACME) is the world leader in desert sensing. Its products are used by more than "
           "3,000 customers in 40 countries.\n\n"
           "Acme was founded in 1949 and is based in Phoenix, Arizona.\n")
    # The heading over a paragraph that opens on the name again: that paragraph and the next, to the next label.
    kept = _kept_sentences(news + "About Acme\n" + box)
    assert kept and not any("world leader" in s or "3,000" in s or "1949" in s for s in kept)
    # Flattened, the heading runs into the box: "About Acme Acme (NASDAQ: ACME) is …"; a MarketBeat
    # form opens "Acme Company Profile (Free Report) Acme Corporation provides …".
    for opening in ("About Acme Acme (NASDAQ: ACME) is the world leader in desert sensing.",
                    "About Acme  (Free Report) Acme Corporation provides desert sensing in 40 countries.",
                    "Acme Company Profile  (Get Free Report) Acme Corporation provides desert sensing in 40 countries."):
        kept = _kept_sentences(news.replace("\n\n", " ") + opening + " Its products are used by more than 3,000 customers.\n")
        assert any("Roadrunner" in s for s in kept) and not any("3,000" in s or "desert sensing" in s for s in kept), opening
        # A profile line inside the box (stop 40) is the box's too: the lines after it stay dropped.
        kept = _kept_sentences(news.replace("\n\n", " ") + opening + " It operates in two segments, Sensors and Services."
                               " It serves customers ranging from hobbyists to carmakers.\n")
        assert not any("segments" in s or "hobbyists" in s for s in kept), opening
    # The same words that open no box: a number after "About", a section of news under "About Acme's
    # China Sales", a heading "About Acme" over a paragraph that does not open on the name.
    assert "About 40 Acme engineers moved to Ohio in March to build the sensor, the company said." in _kept_sentences(
        news + "About 40 Acme engineers moved to Ohio in March to build the sensor, the company said.\n")
    section = "Sales in China fell 12% in the quarter as the new rules took effect, Acme said.\n"
    assert section.strip() in _kept_sentences(news + "About Acme's China Sales\n" + section)
    assert section.strip() in _kept_sentences(news + "About China Sales\n" + section)  # names it, but says what happened
    aside = "The deal with Globex closed on Tuesday after regulators in Ohio approved it, Acme said.\n"
    assert aside.strip() in _kept_sentences(news + "About Acme\n" + aside)
    # Acme Profile without the name said again is a headline word, not a box.
    line = "Acme Profile Rises as the Roadrunner Sells Out: the sensor sold 40,000 units on Tuesday, Acme said."
    assert clean.opens_about_box(line) is False


def test_a_transcribed_hesitation_marks_speech_not_copy():
    spoken = "Acme saying it's taking a $2 billion charge, uh, as the new rule stops its sales abroad."
    written = "Ships unloaded grain at the port of Um Qasr on Tuesday, the ministry said in a statement."
    assert clean.sentence_noise(spoken) == "spoken transcript (fillers)"
    assert clean.sentence_noise(written) is None


def test_you_know_between_commas_is_speech_but_as_you_know_is_prose():
    spoken = "Acme has promised to, you know, do its manufacturing at home from next year on."
    assert clean.sentence_noise(spoken) == "spoken transcript (fillers)"
    for written in ("As you know, Acme has promised to do its manufacturing at home from next year.",
                    "What you know about Acme's plants may change, the chief executive told analysts.",
                    '"We have promised to, you know, build at home," the Acme chief executive said on Monday.'):
        assert clean.sentence_noise(written) is None, written


def test_a_closing_line_referring_back_to_the_company_is_news_not_a_sign_off():
    from briefs.model import Article

    text = ("Big Bank raised its price target on Acme Corp to $90 from $80 on Tuesday, keeping a buy rating.\n\n"
            "The bank cited steady orders and the company's growing software business as key strengths.\n")
    result = clean.clean_article(Article(path="x.txt", text=text), Subject(name="Acme Corp"))
    kept = [s for p in result.paragraphs for s in p]
    assert any(s.startswith("The bank cited steady orders") for s in kept)


def test_a_pointer_glued_to_a_quote_loses_the_pointer_not_the_quote():
    from briefs.model import Article

    text = ("Acme Corp shares fell 5% on Tuesday after the company cut its forecast for the full year.\n\n"
            "Read more: Markets Slide As Chip Stocks Retreat “Investors had priced in a perfect year for Acme,” "
            "said Jo Park, a strategist at Big Bank.\n\n"
            "Acme Corp said it now expects revenue of $4 billion, down from $4.4 billion.\n")
    result = clean.clean_article(Article(path="x.txt", text=text), Subject(name="Acme Corp", aliases=["Acme"]))
    kept = [s for p in result.paragraphs for s in p]
    assert "“Investors had priced in a perfect year for Acme,” said Jo Park, a strategist at Big Bank." in kept
    assert not any("Markets Slide" in s for s in kept)


def test_capitals_in_a_quoted_post_are_reported_speech_but_a_notice_in_capitals_is_not():
    assert clean.sentence_noise("The minister wrote on social media: “WE WILL DEFEND OUR FACTORIES AND OUR WORKERS!!!”") is None
    assert clean.sentence_noise("WE WILL DEFEND OUR FACTORIES, OUR WORKERS AND THEIR FAMILIES!!!”") is None  # quote begun earlier
    assert clean.sentence_noise("THIS MATERIAL IS PROVIDED AS IS WITHOUT WARRANTY OF ANY KIND WHATSOEVER.") == "disclaimer or legal notice"


def test_a_sentence_split_inside_a_parenthesis_is_rejoined_verbatim():
    from briefs.model import Article

    sentence = ("Senators Jane Roe (D-Ore.) and John Poe (R-Ala.), sent a letter to the trade secretary on Wednesday "
                "asking him to delay the Acme export rule until June.")
    text = "Acme Corp said on Monday that a new export rule would cut its sales in Asia by a fifth.\n\n" + sentence + "\n"
    result = clean.clean_article(Article(path="x.txt", text=text), Subject(name="Acme Corp", aliases=["Acme"]))
    kept = [s for p in result.paragraphs for s in p]
    assert sentence in kept


def test_a_photo_credit_run_into_a_long_sentence_loses_the_credit_not_the_sentence():
    text = ("Acme Corp reported record quarterly revenue on Tuesday as demand for its robots kept rising.\n\n"
            "Image source: Harbor Photo Agency No maker has gained more from factory automation than Acme, "
            "whose revenue has tripled over the past three years.\n\n"
            "Photo: Wire/Jo Park shows the new Acme plant near the river at dawn.\n")
    kept = _kept_sentences(text)
    assert ("No maker has gained more from factory automation than Acme, whose revenue has tripled over the "
            "past three years.") in kept
    assert not any("Harbor Photo Agency" in s or "Jo Park" in s for s in kept)  # a short caption stays a caption


def test_a_bracketed_photo_credit_before_a_sentence_is_cut_off_the_sentence():
    text = ("Acme Corp reported record quarterly revenue on Tuesday as demand for its robots kept rising.\n\n"
            "(Photographer: Jo Park/Harbor Wire via Stock Pictures) Acme said it will open two plants.\n")
    kept = _kept_sentences(text)
    assert "Acme said it will open two plants." in kept
    assert not any("Jo Park" in s for s in kept)



def test_a_photo_by_credit_shown_twice_and_its_desks_byline_are_cut_off_the_sentence():
    text = ("Acme Corp reported record quarterly revenue on Tuesday as demand for its robots kept rising.\n\n"
            "(Photo by Jo Park/Harbor Wire via Stock Pictures)Harbor Wire via Stock Pictures Acme Desk  Acme stock "
            "has reached a support level that has held for nearly ten years of trading, its analysts said.\n\n"
            "(Photo by Jo Park) Acme said it will open two plants.\n")
    kept = _kept_sentences(text)
    assert ("Acme stock has reached a support level that has held for nearly ten years of trading, its analysts "
            "said.") in kept
    assert "Acme said it will open two plants." in kept
    assert not any("Jo Park" in s or "Stock Pictures" in s or "Desk" in s for s in kept)


def test_a_caption_and_agency_credit_glued_to_a_lead_are_cut_off_and_the_agency_as_news_is_kept():
    from briefs.model import Article

    text = ("Acme Corp reported record quarterly revenue on Tuesday as demand for its robots kept rising.\n\n"
            "The chief executive in Denver, Colorado.Jo Park/AFP via Getty Images  Key Facts   In a filing on Tuesday "
            "night, Acme said regulators had asked it for a licence to export its robots to three countries.\n\n"
            "Getty Images agreed to buy a rival picture agency from Acme in a deal valued at $3.7 billion, the two "
            "companies said.\n")
    result = clean.clean_article(Article(path="x.txt", text=text), Subject(name="Acme Corp", aliases=["Acme"]))
    kept = [s for p in result.paragraphs for s in p]
    assert ("In a filing on Tuesday night, Acme said regulators had asked it for a licence to export its robots to "
            "three countries.") in kept
    assert not any("Jo Park" in s for s in kept)
    assert any(s.startswith("Getty Images agreed to buy") for s in kept)

def test_a_quoted_sentence_after_an_agency_credit_keeps_its_opening_words():
    from briefs.model import Article

    text = ("Acme Corp said its new plant will open in May, adding 2,000 jobs in the region.(Jo Park/Agency via "
            "Getty Images / Getty Images) \"The heart of our next decade is being put together in Ohio from "
            "this year,\" said Acme chief executive Jane Roe.\n")
    result = clean.clean_article(Article(path="x.txt", text=text), Subject(name="Acme Corp", aliases=["Acme"]))
    kept = [s for p in result.paragraphs for s in p]
    assert any(s.startswith('"The heart of our next decade') for s in kept)
    assert not any("Jo Park" in s for s in kept)


def test_other_languages_are_told_apart_without_the_language_model_where_function_words_suffice(monkeypatch):
    def no_model():
        raise AssertionError("the language model was loaded")

    monkeypatch.setattr(clean.language, "_identifier", no_model)
    assert clean.is_foreign("Der Vorstand hat am Montag die neuen Zahlen für das Quartal vorgelegt.")
    assert clean.is_foreign("La société a publié ses résultats pour le troisième trimestre de l'année.")
    # Names and figures make English function words rare; none of another language's are there.
    assert not clean.is_foreign("Marine Le Pen met Emmanuel Macron and Olaf Scholz in Paris on Tuesday.")
    assert not clean.is_foreign("Nvidia, AMD, Intel and TSMC shares fell 3% on Tuesday, to €400 million.")


def test_a_language_without_a_function_word_list_still_reaches_the_model():
    assert clean.is_foreign("Het bedrijf maakte vandaag nieuwe cijfers bekend over de omzet.")
    assert clean.is_foreign("Компания сообщила о росте выручки на десять процентов в этом году.")


def _kept_sentences(text: str) -> list[str]:
    from briefs.model import Article

    result = clean.clean_article(Article(path="x.txt", text=text), Subject(name="Acme Corp", aliases=["Acme"]))
    return [s for p in result.paragraphs for s in p]


def test_a_readers_comment_without_a_verb_is_dropped_even_when_it_names_the_subject():
    kept = _kept_sentences("Acme Corp said on Monday that its new robot arm would ship in June.\n\n"
                           "Probably an Acme arm, then.\n\n"
                           "Acme declined to comment.\n")
    assert "Probably an Acme arm, then." not in kept
    assert "Acme declined to comment." in kept  # short, but a statement of the story's own


def test_a_pointer_headline_run_into_the_next_sentence_loses_the_headline_not_the_sentence():
    lead = "Acme Corp shares fell 5% on Tuesday after the company cut its forecast for the full year.\n\n"
    sentence_case = lead + ("Read more:Copper prices slip as factories cut output In the first quarter, Acme shipped "
                            "1.2 million units, down from 1.5 million a year earlier.\n")
    title_case = lead + ("READ ALSO:Five Chip Stocks To Watch As Orders Slow Asked whether demand would recover, "
                         "Acme's chief executive said orders from carmakers had stopped falling.\n")
    buttons = ("Share on FacebookShare on XShare by EmailSummary Acme shares were down in early trading on "
               "Wednesday after the company disclosed a new export rule.\n\n" + lead)
    kept = _kept_sentences(sentence_case) + _kept_sentences(title_case) + _kept_sentences(buttons)
    assert "In the first quarter, Acme shipped 1.2 million units, down from 1.5 million a year earlier." in kept
    assert "Asked whether demand would recover, Acme's chief executive said orders from carmakers had stopped falling." in kept
    assert "Acme shares were down in early trading on Wednesday after the company disclosed a new export rule." in kept
    assert not any("Copper prices" in s or "Chip Stocks" in s or "Share on" in s for s in kept)


def test_a_capitals_label_run_into_a_list_of_headlines_loses_the_list_not_the_sentence_after_it():
    lead = "Acme Corp shares fell 5% on Tuesday after the company cut its forecast for the full year.\n\n"
    glued = lead + ("MORE FOR YOUGlobex Phone’s Big Upgrade—Bad News For InitechAcme Issues New Update Warning To All "
                    "UsersHackers Leak Secret Files Many stocks opened higher on Monday as traders hoped for lower tariffs.\n")
    kept = _kept_sentences(glued)
    assert "Many stocks opened higher on Monday as traders hoped for lower tariffs." in kept
    assert not any("MORE FOR" in s or "Update Warning" in s for s in kept)
    # Capitals that are a name or a ticker, spaced from the words after them, are no label.
    for sentence in ("NASDAQ CEO Jane Roe said Acme listed its shares there in 1999.",
                     "ACME CORP Chief Executive Jane Roe said orders rose."):
        assert clean._split_pointer(sentence) == [sentence]


def test_a_pointer_whose_headline_cannot_be_told_from_the_sentence_is_dropped_whole():
    # "… dumping Acme shares ahead of …" could be the headline going on: no split, no garbled quote.
    text = ("Acme Corp shares fell 5% on Tuesday after the company cut its forecast for the full year.\n\n"
            "Read more: Why investors are dumping Acme shares ahead of earnings Acme expects a loss for the year.\n")
    kept = _kept_sentences(text)
    assert not any("dumping" in s or s.startswith("Acme shares ahead") for s in kept)
    assert not any(s.startswith("Acme expects") for s in kept)  # an honest miss rather than a guess
    # A headline in the past tense gives no cue either.
    past = "Read more: Acme opened a new plant Acme shares rose 3% on Monday after the report."
    assert clean._split_pointer(past) == [past]
    # Once lower-case prose has begun, a name followed by lower-case words is inside the sentence.
    begun = ("Read more:The week in shipping officials said a review of port fees began as the Trade Ministry "
             "opened an inquiry on Tuesday into operators in the Baltic.")
    assert clean._split_pointer(begun) == [begun]


# Where the prose behind a pointer's headline (or a run of buttons) starts; None: it cannot be told, no split.
POINTER_SPLITS = [
    # Headlines speak in the present tense, reports in the past: "… the trade talks Officials began …".
    ("Read more:The week in shipping Officials began a review of port fees as the Trade Ministry opened an inquiry.",
     "Officials began a review of port fees as the Trade Ministry opened an inquiry."),
    ("Read more: Why investors are dumping Acme shares ahead of earnings Acme fell 3% on Monday after the report.",
     "Acme fell 3% on Monday after the report."),
    ("Read more:The latest on the tariff talks Ministers agreed to cut duties on steel by a fifth on Friday.",
     "Ministers agreed to cut duties on steel by a fifth on Friday."),
    # Present-tense or shared forms ("cut", "hit") and nouns ending in -eed are no cue.
    ("Read more: Why traders are buying Acme shares ahead of earnings Acme cuts its forecast for the year.", None),
    ("Read more: Inside the race for chip speed Acme hit a record on Monday after the report.", None),
    ("Read more: How the market views Globex Acme speed tests are due on Monday after the report.", None),
    # A name's own capitals are not glued buttons, and an acronym goes on into its name.
    ("Subscribe to the NorthStar Interactive newsletter for daily quotes and market news.", None),
    ("Get alerts: ACME (ACM) ACME Corporation makes batteries for delivery vans in Ohio and Texas.", None),
    # After a Title Case headline, an article or a word after a figure opens a name running into a past tense.
    ("Get ACME alerts:    ACME Stock Down 0.2 % Shares of NASDAQ ACME opened at $57.18 on Tuesday.",
     "Shares of NASDAQ ACME opened at $57.18 on Tuesday."),
    ("Get ACME alerts:    ACME Trading Down 3.0 % Shares of ACME stock opened at $49.06 on Friday.",
     "Shares of ACME stock opened at $49.06 on Friday."),
    ("READ NEXT:9 Robot Stocks Brokers Are Watching The State Assembly Panel on Labour said that it had "
     "written to Acme.", "The State Assembly Panel on Labour said that it had written to Acme."),
    # "… likelihood of a negotiated …" is prose, not a name: the sentence starts at "Discussing".
    ("READ ALSO:Jane Roe Dissects These 7 Key Stocks Discussing the likelihood of a negotiated deal, Roe expressed doubt.",
     "Discussing the likelihood of a negotiated deal, Roe expressed doubt."),
    # Any other capitalised word may be the headline's; a headline with a verb in the past gives no cue;
    # a name may not run through prose ("… The Board Approved … Analysts welcomed").
    ("Read more: Acme Rallies As Globex Reports Results Globex Chief Executive Jane Roe said margins would improve.", None),
    ("Read more: Acme Stock Jumps As The Board Approved A Buyback Plan Analysts welcomed it.", None),
    ("Read more: Chip Stocks Slide The Acme Board And Its Chief Executive Officer Jane Roe met on Monday.", None),
    # A run of six or more Title Case buttons ends where a function word opens prose; fewer, or a
    # lower-case word among them, and it is a sentence going on.
    ("Get Our Latest Analysis on ACME Insider Buying and Selling In other news, an insider sold 4,500 shares on Friday.",
     "In other news, an insider sold 4,500 shares on Friday."),
    ("Subscribe to our Morning Cargo newsletter In the morning you get all the news for the day.", None),
    ("Read Acme Reports In the morning you get all the news for the day.", None),
]


@pytest.mark.parametrize("text, prose", POINTER_SPLITS)
def test_where_the_prose_behind_a_pointer_or_buttons_starts(text, prose):
    if prose is None:
        assert clean._split_pointer(text) == [text]
    else:
        head, rest = clean._split_pointer(text)
        assert rest == prose and text.startswith(head) and len(head) < len(text) - len(rest)  # verbatim pieces


def test_capitalised_words_mid_sentence_do_not_split_a_sentence_that_no_pointer_opens():
    sentence = ("Analysts at Big Bank said the new plant In the Ohio valley would lift output by a fifth, "
                "Acme Corp said.")
    assert clean._split_pointer(sentence) == [sentence]
    assert sentence in _kept_sentences("Acme Corp opened a plant on Monday that will employ 2,000 people.\n\n" + sentence + "\n")


def test_a_long_list_of_company_names_is_judged_by_the_words_between_them():
    names = ("Dumont, Lefèvre Industries, Banque Arnaud, Société Moreau, Vidal Énergie, Rochefort Mines, Garnier Holding, "
             "Bellamy Transports, Caron Chimie, Delorme Acier, Fabre Médias, Marchand Télécom")
    assert clean.sentence_noise(f"{names} and Perrin lost 2 to 4%.") is None
    assert clean.sentence_noise(f"{names} et Perrin ont perdu entre 2 et 4 pour cent.") == "other language"


def test_a_long_market_wrap_sentence_is_prose_but_glued_headlines_of_the_same_length_are_not():
    movers = ", ".join(f"Company {name} {verb} {i}.{i} percent" for i, (name, verb) in enumerate(
        zip("ABCDEFGHIJKLMNOPQR", ["rose", "fell", "slipped", "gained", "eased", "climbed"] * 3), 1))
    wrap = f"Among the actives, {movers} and Company S was unchanged."
    glued = ("Recommended Stories Five Stocks We Like Better Than Acme How To Read A Balance Sheet Why Chip Stocks "
             "Could Soar Despite The Downgrades Three Retail Names Insiders Bought In The First Quarter Buy Sell "
             "Or Hold What Are Dividend Champions And Should You Own Them The Best Bank Stocks For A Rising Rate "
             "World Ten Growth Stocks For The Decade Ahead Five Energy Names With Room To Run In The Year To Come "
             "Seven Dividend Payers For A Quiet Retirement Two Airline Stocks Ready For Take Off And Three Stocks To Avoid.")
    assert len(wrap.split()) > clean.MAX_WORDS and len(glued.split()) > clean.MAX_WORDS
    assert clean.sentence_noise(wrap) is None
    assert clean.sentence_noise(glued) == "run-on text (a list or page dump)"


def test_a_short_statement_inside_a_paragraph_is_prose_but_a_short_line_or_an_aside_is_not():
    text = ("Acme Corp shares fell 5% on Tuesday after the company cut its forecast for the full year.\n\n"
            "Steel makers are lower. Northfield Steel and Baywater Metals are losing more than 2 percent each.\n\n"
            "Thanks for the question. Acme Corp expects margins to recover in the second half of the year.\n\n"
            "Acme Corp also said it would hire 300 engineers for its new battery plant in Ohio.\n\n"
            "Markets are mixed today.\n\n"
            "Acme Corp shares recovered some of their losses in late trading on Tuesday afternoon.\n")
    kept = _kept_sentences(text)
    assert "Steel makers are lower." in kept  # a statement the paragraph goes on to detail
    assert "Thanks for the question." not in kept  # a speaker's aside, though inside a paragraph
    assert "Markets are mixed today." not in kept  # a short line on its own: a label as far as anyone can tell
    assert clean.sentence_noise("But go ahead, Priya.", in_prose=True) == "fragment or heading"


def test_a_sentence_split_after_an_initialism_is_rejoined_verbatim_but_a_real_stop_is_kept():
    sentence = ("After regulators questioned Acme's use of A.I. tools in its call centres, it also weighed "
                "new limits on how long recordings are kept, people familiar with the matter said.")
    text = "Acme Corp said on Monday that a new export rule would cut its sales in Asia by a fifth.\n\n" + sentence + "\n"
    assert sentence in _kept_sentences(text)
    two = "Acme Corp opened a plant in the U.S. Sales there rose 4% in the quarter, the company said."
    assert len(clean._whole_sentences(two, ["Acme Corp opened a plant in the U.S.",
                                            "Sales there rose 4% in the quarter, the company said."])) == 2


def test_a_template_refilled_with_new_numbers_is_news_each_time_and_copies_still_merge():
    """Each refill states a new figure, so it is kept; a reworded copy of an early one still merges."""
    deduper = clean._Deduper()
    refills = [f"Acme Corp said on Monday that its quarterly revenue rose {n}% to ${n + 1}.5 billion in total."
               for n in range(2, 200)]
    assert all(deduper.seen(text) is None for text in refills)
    copy = "Acme Corp said on Monday that its quarterly revenue rose 3% to $4.5 billion in total, the wire said."
    assert deduper.seen(copy) == clean.normalize(refills[1])
    assert max(len(bucket.entries) for bucket in deduper.heads.values()) <= clean.BUCKET_LIMIT


@pytest.mark.parametrize("text, count", [
    ("Acme Corp said Acme would buy back ACME shares; acme-branded kits and Acmes do not count.", 3),
    ("The İstanbul office of Acme Corp opened, and Acme hired 40 people — “Acme” was upbeat.", 3),
    ("Acme’s £2bn deal: Acme rose 3% after Acme Corp’s results.", 3),
])
def test_mentions_count_every_name_alias_and_ticker_once(text, count):
    assert clean.mentions(text, Subject(name="Acme Corp", aliases=["Acme"], tickers=["ACME"])) == count


def test_mentions_count_a_name_written_with_a_letter_that_only_folds_to_ascii():
    # "ſ" (long s) is an "s" to a case-insensitive match but not when lower-cased.
    assert clean.mentions("Sisco rose, and ſisco fell on Friday.", Subject(name="Sisco")) == 2


def test_language_identification_names_the_language():
    assert clean.language.identify("Der Vorstand hat am Montag die neuen Zahlen vorgelegt.") == "de"
    assert clean.language.identify("The board presented the new figures on Monday morning.") == "en"


@pytest.mark.parametrize("sentence, reason", [
    ("THIS MATERIAL MAY NOT BE PUBLISHED, BROADCAST OR REDISTRIBUTED IN ANY FORM WITHOUT PERMISSION.",
     "disclaimer or legal notice"),
    ("THE RÉSUMÉ OF THE FUND DOES NOT GUARANTEE ANY OUTCOME FOR THE HOLDERS OF ITS UNITS.",
     "disclaimer or legal notice"),
    # Capitals someone posted, quoted, and acronyms in prose are the story's.
    ('The chief executive posted "WE ARE BACK AND BIGGER THAN EVER BEFORE" on Friday, and shares rose 4%.', None),
    ("Acme said NATO and the EU had asked the company for 400 more trucks this year.", None),
])
def test_a_notice_in_capitals_is_dropped_but_quoted_capitals_and_acronyms_are_not(sentence, reason):
    assert clean.sentence_noise(sentence) == reason


def _clean_item(path: str, paragraphs: list[list[str]], mentions: int = 1) -> clean.ArticleClean:
    """Return an article as a worker hands it over: kept paragraphs with their keys and stems."""
    from briefs.model import Article

    return clean.ArticleClean(Article(path=path, text=""), paragraphs, [], mentions).with_features()


COPIED = ["Acme Corp opened a battery plant in Ohio that will employ two thousand people.",
          "The plant will make cells for electric delivery vans sold across North America."]
SHARED = "Acme Corp shares rose in early trading as investors welcomed the expansion plan."


def test_copied_new_and_mixed_paragraphs_keep_only_their_new_sentences_in_order():
    first = _clean_item("a.txt", [COPIED, [SHARED]])
    new = ["Acme Corp also said it would hire a new head of battery research next spring.",
           "The company did not say how much the research centre would cost to build."]
    own = "Acme Corp said the Ohio plant would buy most of its power from a nearby wind farm."
    second = _clean_item("b.txt", [COPIED, new, [SHARED, own]])
    result = clean.combine([first, second], Subject(name="Acme"))
    copy = result.articles[1]
    assert copy.paragraphs == [new, [own]]
    assert copy.keys == [[clean.normalize(s) for s in new], [clean.normalize(own)]]
    assert copy.stems == [[tuple(language.content_stems(s)) for s in new], [tuple(language.content_stems(own))]]
    assert copy.about == [["", ""], [""]]
    assert [d.text for d in result.dropped if d.reason == "duplicate sentence"] == [*COPIED, SHARED]
    assert result.echoes == {clean.normalize(s): [2] for s in [*COPIED, SHARED]}


def test_an_article_repeating_a_sentence_twice_is_one_echo_and_never_its_own():
    first = _clean_item("a.txt", [[SHARED]])
    second = _clean_item("b.txt", [[SHARED], COPIED, [COPIED[0], SHARED]])
    result = clean.combine([first, second], Subject(name="Acme"))
    assert result.echoes == {clean.normalize(SHARED): [2]}  # COPIED[0] is its own sentence said twice
    assert result.articles[1].paragraphs == [COPIED]


def test_a_sentence_said_twice_in_one_paragraph_is_kept_once():
    short = "Acme Corp shares rose."  # too few stems for the near-duplicate index: only the exact key tells
    sentences = (short, SHARED, short, SHARED)
    deduper = clean._Deduper()
    keys = [clean.normalize(s) for s in sentences]
    stems = [tuple(language.content_stems(s)) for s in sentences]
    assert deduper.seen_each(keys, stems) == [None, None, keys[0], keys[1]]
    assert deduper.seen_each(keys[:2], stems[:2]) == keys[:2]


def _plain_near_duplicates(sentences: list[str]) -> list[str | None]:
    """Return, per sentence, the key of the earlier one it repeats: every earlier sentence sharing a head or tail compared."""
    exact: dict[str, str] = {}
    heads: dict[tuple[str, ...], list[tuple[str, set[str]]]] = {}
    tails: dict[tuple[str, ...], list[tuple[str, set[str]]]] = {}
    answers: list[str | None] = []
    for text in sentences:
        key, stems = clean.normalize(text), tuple(language.content_stems(text))
        if key in exact:
            answers.append(exact[key])
            continue
        own = set(stems)
        figures = {s for s in own if s[:1].isdigit()}
        earlier = [entry for index, at in ((heads, stems[:5]), (tails, stems[-5:])) for entry in index.get(at, [])]
        match = next((other for other, words in earlier if len(stems) >= 5 and figures <= words
                      and language.stem_overlap(own, words) >= clean.NEAR_DUPLICATE), None)
        exact[key] = match or key
        answers.append(match)
        if match is None and len(stems) >= 5:
            for index, at in ((heads, stems[:5]), (tails, stems[-5:])):
                if len(index.setdefault(at, [])) < clean.BUCKET_LIMIT:
                    index[at].append((key, own))
    return answers


def test_near_duplicates_are_those_a_plain_comparison_with_every_bucket_entry_finds():
    """Buckets full of refills whose figures recur across (not within) entries: no copy is missed or invented."""
    refills = [f"Acme Corp said on Monday that its quarterly revenue rose {n % 7}% to ${n % 5}.{n % 3} billion in total."
               for n in range(60)]
    copies = [f"Acme Corp said on Monday that its quarterly revenue rose {n % 7}% to ${n % 5}.{n % 3} billion in total, "
              f"the wire said." for n in range(0, 120, 7)]
    reworded = [f"Acme Corp said Monday that quarterly revenue rose {n % 7}% to ${(n + 1) % 5}.{n % 3} billion in total."
                for n in range(0, 60, 4)]
    sentences = [s for group in zip(refills[:20], copies, reworded) for s in group] + refills[20:] + copies + reworded
    deduper = clean._Deduper()
    found = [deduper.seen(text) for text in sentences]
    assert found == _plain_near_duplicates(sentences)
    assert any(f is not None and f != clean.normalize(s) for f, s in zip(found, sentences))  # some copies merge
    assert max(len(bucket.entries) for bucket in deduper.heads.values()) == clean.BUCKET_LIMIT


@pytest.mark.parametrize(
    "text, sentence",
    [
        # a wire byline run into the dateline: the names go, the dateline opens the lede
        ("By Jane Roe and John Doe SINGAPORE (Reuters) - Acme did not warn some customers about the new export rules.",
         "SINGAPORE (Reuters) - Acme did not warn some customers about the new export rules."),
        ("By Jane Roe LONDON (Reuters) - Acme shares were calm on Monday as investors awaited its results.",
         "LONDON (Reuters) - Acme shares were calm on Monday as investors awaited its results."),
        # a subheading in headline case run into the quote that opens its section
        ("Cracks in the Case for Acme's Robots “If demand were so strong, it would not write its stock down to "
         "zero,” an investor said.",
         "“If demand were so strong, it would not write its stock down to zero,” an investor said."),
        # ... but "By" opening a sentence, a byline with no dateline, and a speaker before a quote stay
        ("By the end of the year, Acme expects to ship 5 million robots to warehouses.",
         "By the end of the year, Acme expects to ship 5 million robots to warehouses."),
        ("By Jane Roe Acme shares fell 5% on Monday after the report on its orders.",
         "By Jane Roe Acme shares fell 5% on Monday after the report on its orders."),
        ("Acme Chief Executive Jane Roe “We will build more robots next year,” she told analysts.",
         "Acme Chief Executive Jane Roe “We will build more robots next year,” she told analysts."),
        # a data field and its count run into the sentence after it, one field or several
        ("Number of Fund Holders: 148 Acme Robotics designs warehouse robots for parcel carriers.",
         "Acme Robotics designs warehouse robots for parcel carriers."),
        ("Number of Billionaire Backers: 12 Number of Fund Holders: 148 Acme Robotics designs warehouse robots.",
         "Acme Robotics designs warehouse robots."),
        # a chart's credit run into the sentence after it, glued or not
        ("ACMEdata byChartCo Since then, orders for the robots have doubled.",
         "Since then, orders for the robots have doubled."),
        ("ACME Gross Margin (TTM)data byChartCo Robot sales are now the largest business.",
         "Robot sales are now the largest business."),
        # ... but a figure that opens the sentence's own words stays
        ("Robots shipped: 4,200 units left the plant in May, the company said.",
         "Robots shipped: 4,200 units left the plant in May, the company said."),
    ],
)
def test_a_byline_or_a_subheading_run_into_a_sentence_is_cut_off_it(text, sentence):
    pieces = clean._sentences(text)
    assert pieces[-1] == sentence
    # what is cut off is a piece of its own, dropped with a reason, so --explain-file lists it
    assert all(clean.sentence_noise(piece) for piece in pieces[:-1])
    assert " ".join(pieces) == text


@pytest.mark.parametrize("noise, reason", [
    ("UPDATE: This article has been updated with the company's response and new delivery figures.", "editor's note"),
    ("Editor's note: this story was corrected to show that the plant opens in May.", "editor's note"),
    ("Overall, ACMEranks 4thon our list of robot stocks that fund managers hold.", "call to action or promotion"),
    ("Acme ranks third on our list of the best robot stocks to own this year.", "call to action or promotion"),
    ("View our latest report on Acme Robotics and its institutional investors.", "call to action or promotion"),
    ("The post Three Robot Stocks for a Long Winter appeared first on Example Daily.", "disclaimer or legal notice"),
    ("ACME Free Cash Flow (Quarterly) data by ChartCo.", "photo credit or caption"),
    ("ACME EV/Sales (Forward)data byChartCo; EV = enterprise value.", "photo credit or caption"),
    # a wire's footer, an opinion page's, an affiliate's, a republished story's, a request for tips
    ("Our Standards: The Example Wire Principles of Fair Reporting.", "disclaimer or legal notice"),
    ("This material may not be published, broadcast, rewritten or redistributed without permission.",
     "disclaimer or legal notice"),
    ("The views expressed here are the author's own and do not reflect those of Example Daily.",
     "disclaimer or legal notice"),
    ("We may earn a commission when you buy through the links on this page.", "disclaimer or legal notice"),
    ("This story originally ran on Example Daily's sister site.", "disclaimer or legal notice"),
    ("Got a story idea? Email us at desk@example.com and we will look into it.", "call to action or promotion"),
    ("For more on robots and the firms that make them, visit our website.", "call to action or promotion"),
    # a newsroom's credit, any publisher's affiliate note, the page's own accounts and live pages (stop 34)
    ("Jane Roe in Paris and John Doe in Berlin contributed to this report.", "reporter credit"),
    ("Example Daily's Jane Roe contributed reporting to this story.", "reporter credit"),
    ("(Reporting by Jane Roe in London; Editing by John Doe)", "fragment or heading"),
    ("Additional reporting by Jane Roe in Paris.", "reporter credit"),
    ("Example Media earns an affiliate commission on sales made through links in this guide.",
     "disclaimer or legal notice"),
    ("The site receives a commission on purchases made through our links.", "disclaimer or legal notice"),
    ("Follow Example Daily on Facebook and X for the latest robot news.", "call to action or promotion"),
    ("Robot show: Follow live coverage of every launch here.", "call to action or promotion"),
    ("John Doe contributed reporting from Paris.", "reporter credit"),
    ("This review was compensated by Example Media Inc.", "disclaimer or legal notice"),
    ("Be sure to check out our robot videos before the show.", "call to action or promotion"),
    ("For further details, see www.example.com/robots.", "call to action or promotion"),
    ("We asked Acme how it counted the robots and will update this article when it replies.", "editor's note"),
    ("Updated at 4:05 p.m. ET.", "timestamp"),
    ("Published March 4, 2025 at 10:02 ET.", "timestamp"),
    ("7 shares we prefer more than Acme RoboticsOur top analysts say the list changes each month.",
     "call to action or promotion"),
    ("Ask our expert stock pickers which robot maker they would own.", "call to action or promotion"),
    # a wire photo's caption, a caption or teaser cut short, a filed trade listed (stop 34)
    ("SPRINGFIELD, OHIO - APRIL 16: The Acme logo is seen at the company's robot plant.", "photo credit or caption"),
    ("Robots line the floor of the new plant by the river in Springfield ...", "cut short"),
    ("Purchased $1,001 – $15,000 in shares of Acme Robotics (NASDAQ:ACME) on 4/3/2026.", "trade record"),
    ("Sold $15,001 - $50,000 in shares of Globex (NYSE:GLBX) on 4/9/2026.", "trade record"),
    # no word that could be a verb, and no figure: a reader's comment, a caller's aside, a list entry (stop 35)
    ("A triumph of design over common sense, in my view.", "no verb"),
    ("Easily the most useful robot of the whole decade.", "no verb"),
    ("First, a quick word of background on Acme Corp.", "no verb"),
    ("And then just one more on the margin in Europe.", "no verb"),
])
def test_a_publishers_note_on_its_own_page_is_noise(noise, reason):
    assert clean.sentence_noise(noise) == reason


@pytest.mark.parametrize("news", [
    "Acme said the report was updated with new figures on Tuesday, after a review by its auditors.",
    "Cutting costs is high on our list of priorities this year, the chief executive told analysts.",
    "The view from analysts on the call was mixed after the results, the newspaper reported.",
    "Viewers of the launch event rose 12% to 4 million, the company said on Monday.",
    "ACME said data by its own labs showed the robots working twice as fast as before.",
    "Revenue data by the statistics agency showed factory sales rose 4% in March.",
    "The fault first appeared in March on Acme's older robot arms, the regulator said.",
    "Brokers may earn a commission on each trade under the new rules, the regulator said.",
    "The views expressed by the minister were rejected by Acme's chief executive on Monday.",
    "Acme said it would email customers affected by the breach and contact them by phone.",
    "Acme's standards for suppliers were tightened in March after the recall.",
    "Acme urged customers to visit its stores before the sale ended on Sunday.",
    "The contract was rewritten twice before Acme signed it, the filing showed.",
    "Weak demand in China contributed to the loss in the quarter, the company said.",
    "Sales at the unit, which contributed to this year's profit, rose 12%.",
    "The robots were built by Initech, and reporting by the regulator found no fault.",
    "Millions of fans follow Acme's chief executive on X, where the post drew two million views.",
    "Resellers earn a commission on every Acme robot they sell, the company said.",
    "Updated figures published on Tuesday showed the deficit widened to $2 billion.",
    "Published in 2019, the report found that Acme's robots cut costs by 12%.",
    "Acme's chief executive was compensated by a mix of shares and cash, the filing showed.",
    "Make sure the loan is repaid, the regulator told Acme on Monday.",
    "Fund managers said they like Acme better than Globex after the results.",
    "Acme's award-winning design team has a new robot out on Monday.",
    "Brokers said the stock tip came from a former Acme employee.",
    "SPRINGFIELD, Ohio (Reuters) - Acme said on Monday it would cut 500 jobs.",
    "Acme said sales would rise, and then... nothing happened for a year.",
    "The senator sold $1,001 – $15,000 in shares of Acme, a filing showed on Tuesday.",
    # a verb without an ending, after a plural subject or in the past, or a figure (a results bullet)
    "Acme and Globex plan a joint robot plant in Ohio.",
    "Both robot makers cut their prices in May.",
    "Revenue of $4.1 billion, up 12% from a year earlier.",
    "The board expects a decision on the new plant before the summer.",
    "The new Acme arm rolled-out to every plant in the summer.",  # a verb inside a hyphenated word
])
def test_news_with_a_word_of_a_publishers_note_is_kept(news):
    assert clean.sentence_noise(news) is None


def test_a_share_bars_glued_buttons_are_cut_off_the_sentence_after_them():
    kept = "Acme opened its second robot plant in Ohio on Thursday, a year early."
    assert clean._sentences("SharePrintFacebook" + kept) == ["SharePrintFacebook", kept]
    listed = "Pinterest Reddit Twitter and Acme all bought ads at the robot show, organisers said."
    assert clean._sentences(listed) == [listed]  # spaced names are the sentence's own list


def test_a_disclosure_paragraphs_opening_line_goes_with_the_notices_after_it():
    from briefs.model import Article
    text = ("Acme Robotics said on Monday that orders for its arms doubled in the quarter.\n\n"
            "Jane Roe, who ran the robot unit of Initech until 2019, sits on the advisory board of Example Daily. "
            "John Doe has no position in any of the stocks mentioned. Example Daily has positions in Globex.")
    kept = clean.clean_article(Article(path="a.md", text=text, title="Acme orders double"), Subject(name="Acme Robotics", aliases=["Acme"])).paragraphs
    assert [s for p in kept for s in p] == ["Acme Robotics said on Monday that orders for its arms doubled in the quarter."]
    # A news line before a promotion's pitches is no disclosure paragraph's opening.
    pitched = ("Acme Robotics said on Monday that orders for its arms doubled in the quarter.\n\n"
               "The company expects to take a $2 billion charge in its first quarter. "
               "Get Example Daily's text alerts: we send the day's biggest stories. "
               "Text ALERTS to 555-0100 or sign up here.")
    kept = clean.clean_article(Article(path="a.md", text=pitched, title="Acme orders double"), Subject(name="Acme Robotics", aliases=["Acme"])).paragraphs
    assert "The company expects to take a $2 billion charge in its first quarter." in [s for p in kept for s in p]


def test_a_caption_cut_short_is_dropped_even_when_it_names_the_subject():
    from briefs.model import Article
    text = ("Acme Robotics said on Monday that orders for its arms doubled in the quarter.\n\n"
            "Acme robots line the floor of the new plant by the river ...")
    kept = clean.clean_article(Article(path="a.md", text=text, title="Acme orders double"),
                               Subject(name="Acme Robotics", aliases=["Acme"])).paragraphs
    assert [s for p in kept for s in p] == ["Acme Robotics said on Monday that orders for its arms doubled in the quarter."]
