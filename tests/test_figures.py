"""Key figures: the subject's own numbers, each with metric, value, change, period and kind."""

import dataclasses
import json

import pytest

from briefs import figures
from briefs.audience import load_audience
from briefs.config import Subject
from briefs.model import Sentence

ACME = Subject(name="Acme Robotics", aliases=["Acme"], tickers=["ACME"], related=["Jane Roe"])


def s(text: str, source: int = 1, position: int = 0) -> Sentence:
    return Sentence(text=text, source=source, position=position, paragraph=0, sources=[source])


def rows(*texts: str, subject: Subject = ACME, **options):
    return figures.figures([s(t, i + 1, i) for i, t in enumerate(texts)], subject=subject, **options)


def one(text: str, subject: Subject = ACME):
    found = rows(text, subject=subject)
    assert len(found) == 1, [(f.value, f.metric) for f in found]
    return found[0]


def test_a_change_and_the_level_it_reached_are_one_row():
    row = one("Acme said revenue rose 21% to $47.5 billion in the second quarter.")
    assert (row.value, row.change, row.metric, row.period, row.kind) == ("$47.5 billion", "+21%", "revenue", "Q2", "actual")
    assert row.label == "Revenue, Q2 (change +21%)"
    assert row.subject == "Acme Robotics" and row.sources == [1]


def test_a_movement_alone_is_a_signed_change():
    assert one("Acme shares fell 6.9% on Wednesday.").change == "-6.9%"
    assert one("Acme shares fell 6.9% on Wednesday.").metric == "share price"
    assert one("Acme (ACME) declined 4% after the event.").metric == "share price"
    assert one("Ad impressions across Acme's apps saw a rise of 11%.").change == "+11%"


@pytest.mark.parametrize(
    "text, metric",
    [
        # a margin named after the profit it divides is that margin, not the profit ("profit" alone is net income)
        ("Acme's gross profit margin widened to 61% last year.", "gross margin"),
        ("Acme's operating profit margin fell to 12% in the quarter.", "operating margin"),
        ("Acme's net profit margin was 9% in the quarter.", "net margin"),
        ("Acme's operating income margin was 10% this year.", "operating margin"),
        ("Acme's adjusted EBITDA margin was 21% in the quarter.", "EBITDA margin"),
        ("Acme's free cash flow margin was 18% in the quarter.", "free cash flow margin"),
        # ... and the profits themselves keep their own names
        ("Acme's gross profit rose 12% to $4 billion.", "gross profit"),
        ("Acme's operating profit rose 12% to $4 billion.", "operating income"),
        ("Acme's adjusted EBITDA rose to $1.2 billion.", "EBITDA"),
        ("Acme reported a profit of $2 billion.", "net income"),
        # a word of a longer name is not the metric: provisions against loan losses are no loss
        ("Acme's loan loss provisions rose to $400 million.", "credit provisions"),
        ("Acme's net interest income fell 5% to $1.1 billion.", "net interest income"),
        ("Acme's net interest margin narrowed to 1.9% in the quarter.", "net interest margin"),
        ("Acme's comparable sales fell 2% in the quarter.", "comparable sales"),
        ("Acme's same-store sales rose 4.1% in the quarter.", "comparable sales"),
        ("Acme's average revenue per user rose 8% to $12.50.", "ARPU"),
        ("Acme's bookings rose 20% to $6 billion.", "bookings"),
        # a place right after revenue makes it that region's revenue, not the company's
        ("Acme's revenue in China fell 11% to $16.4 billion.", "China revenue"),
        ("Acme's sales in Europe rose 5% to $3 billion.", "Europe revenue"),
        ("Acme's revenue from Greater China fell 8% to $15 billion.", "Greater China revenue"),
        ("Acme's revenue in the U.S. rose 5% to $3 billion.", "U.S. revenue"),
        ("Acme's revenue in the first quarter rose 5% to $3 billion.", "revenue"),
        ("Acme's revenue from China Mobile rose 5% to $3 billion.", "revenue"),
        ("Acme's capital spending in the U.S. will reach $10 billion.", "capex"),
        # a raise as news writes it: the capital named after the amount, an offering of stock
        ("Acme now wants to raise $2.1 billion of fresh capital from investors.", "capital raise"),
        ("Acme announced a $1.6 billion offering of common stock on Wednesday.", "capital raise"),
    ],
)
def test_a_metric_is_named_by_its_whole_name(text, metric):
    assert one(text).metric == metric


@pytest.mark.parametrize(
    "text, value, metric, kind",
    [
        ("Acme reported quarterly revenue of $12.4 billion.", "$12.4 billion", "revenue", "actual"),
        ("Analysts expect Acme to report revenue of $13 billion next quarter.", "$13 billion", "revenue", "estimate"),
        ("Acme guided third-quarter revenue to $13.5 billion.", "$13.5 billion", "revenue", "guidance"),
        ("Acme forecast a gross margin of 61% for the fiscal year 2026.", "61%", "gross margin", "guidance"),
        ("Globex Securities raised its price target on Acme to $250 from $220.", "$250", "price target (Globex Securities)",
         "target"),
    ],
)
def test_actual_estimate_guidance_and_target_are_told_apart(text, value, metric, kind):
    row = one(text)
    assert (row.value, row.metric, row.kind) == (value, metric, kind)


def test_a_target_keeps_where_it_came_from():
    row = one("Globex Securities cut its price target on Acme from $220 to $200.")
    assert (row.value, row.change) == ("$200", "from $220")


def test_an_estimate_sits_beside_the_result_it_was_for():
    found = rows("Acme earned $2.18 a share, above the $2.10 analysts had expected.",
                 "Analysts polled by a data firm expected earnings per share of $2.10 for Acme.")
    assert [(f.value, f.metric, f.kind, f.estimate) for f in found] == [("$2.18", "EPS", "actual", "$2.10")]
    assert "vs $2.10 expected" in found[0].label


def test_a_growth_estimate_is_not_set_beside_a_level():
    # a growth rate expected for the year is no estimate of a margin-like level, nor the other way
    found = rows("Acme's net income margin was 10% this year, the company said in its annual report.",
                 "Acme's expected earnings growth rate for the year is 47.5%.")
    level = next(f for f in found if f.value == "10%")
    assert level.estimate == "" and "expected" not in level.label
    # the same growth estimate does sit beside a result that states its growth
    found = rows("Acme's net income rose 52% to $3 billion this year.",
                 "Acme's expected earnings growth rate for the year is 47.5%.")
    assert [(f.value, f.estimate) for f in found if f.kind == "actual"] == [("$3 billion", "47.5%")]


def test_a_figure_a_sentence_attributes_to_an_analyst_is_an_estimate():
    said = one("Acme will book $5.2 billion of revenue this year, according to Big Bank analyst Jane Doe.")
    assert said.kind == "estimate"
    reported = one("Acme's revenue rose 10% to $5 billion this year, according to its annual report.")
    assert reported.kind == "actual"


def test_a_share_named_by_the_metric_it_weighs_on_is_no_level_of_that_metric():
    # "a 10% earnings headwind" is what happens to earnings, not earnings of 10%
    assert not rows("The new rules pose a 10% earnings headwind for Acme this year, according to Big Bank analyst Jane Doe.",
                    "Analysts see a 5% revenue hit for Acme from the tariffs.")
    # a margin of 10% is a level
    assert [(f.value, f.metric) for f in rows("Acme's gross margin was 10% in the quarter.")] == [("10%", "gross margin")]


def test_a_loss_in_a_sentence_about_market_value_is_lost_value_not_a_loss_on_the_books():
    found = rows("Thursday's drop pushed Acme's market cap below $250 billion, bringing its total loss "
                 "to more than $30 billion since the rules were disclosed.")
    lost = next(f for f in found if f.value == "$30 billion")
    assert (lost.metric, lost.change) == ("market value", "-$30 billion")
    # a loss the company reports keeps its name, even beside its market value
    found = rows("Acme posted a $2 billion loss in the quarter as its market cap fell below $10 billion.")
    assert ("$2 billion", "loss") in [(f.value, f.metric) for f in found]


def test_one_fact_from_many_sources_is_one_row_citing_them_all():
    found = rows("Acme's revenue rose to $8 billion in the first quarter.",
                 "In the first quarter, Acme lifted revenue to $8 billion.",
                 "Acme's first-quarter revenue was $8.0 billion.")
    assert [(f.value, sorted(f.sources)) for f in found] == [("$8 billion", [1, 2, 3])]


@pytest.mark.parametrize(
    "text",
    [
        "Acme rose 3% while Initech fell 5%.",
        "Initech's revenue rose 10% to $5 billion in the quarter.",
        "Apple, Initech, and Acme have each lost more than 20% this year.",
        "Initech Corp. (NYSE: INTC) reported revenue of $3 billion, as Acme looked on.",
    ],
)
def test_another_companys_figure_is_never_the_subjects(text):
    assert all(f.change != "-5%" and f.value not in {"$5 billion", "20%", "$3 billion"} for f in rows(text))


def test_the_subjects_clause_keeps_its_figure_beside_a_peer():
    found = rows("Acme shares rose 3%, while Initech shares fell 5%.")
    assert [(f.value, f.change) for f in found] == [("3%", "+3%")]


def test_a_sentence_outside_the_selection_must_name_the_subject():
    pool = [s("The company's revenue rose 30% to $9 billion.", 2, 1)]
    assert figures.figures([], subject=ACME, pool=pool) == []
    pool = [s("Acme's revenue rose 30% to $9 billion.", 2, 1)]
    assert [f.value for f in figures.figures([], subject=ACME, pool=pool)] == ["$9 billion"]


@pytest.mark.parametrize(
    "text",
    [
        "Shares of Acme (ACME.O) added combined $280 billion in value.",
        "Acme (NASDAQ:ACME) posted $40 billion, its filing showed.",
        "The figure came to $3 billion, the filing showed.",
    ],
)
def test_a_figure_whose_metric_cannot_be_named_is_not_shown(text):
    for row in rows(text):
        assert row.metric and "O" not in row.label.split() and "NASDAQ" not in row.label


def test_a_ticker_suffix_never_becomes_a_label():
    row = one("Shares of Acme (ACME.O) rose 4% on Tuesday.")
    assert row.label == "Share price, Tuesday (change +4%)"


def test_shopping_deals_and_speculation_are_not_figures():
    assert rows("The Acme vacuum goes on sale for $29, its lowest price yet.") == []
    assert rows("If growth held, Acme's revenue would reach $500 billion by 2030.") == []
    assert rows("Acme's stock could fall to $60 a share, one blogger warned.") == []


def test_an_ordinary_word_with_a_number_is_not_a_metric():
    # "sales" as a plain noun in a sentence about a shop window, "settle" about an index.
    assert rows("Acme shoppers paid $30 at the door.") == []
    assert rows("The Nasdaq dropped 1.8% to settle at 11,138, and Acme was flat.") == []


def test_rows_follow_an_analysts_reading_order():
    found = rows("Globex Securities raised its price target on Acme to $250 from $220.",
                 "Acme shares jumped 9% on Thursday.",
                 "Acme delivered 120,000 vehicles in the quarter.",
                 "Acme expects revenue of $14 billion next quarter.",
                 "Acme reported revenue of $12.4 billion for the first quarter.")
    assert [f.kind for f in found] == ["actual", "guidance", "actual", "actual", "target"]
    assert [f.metric for f in found][:3] == ["revenue", "revenue", "deliveries"]


def test_an_audience_adds_metrics_in_its_audience_toml(tmp_path):
    folder = tmp_path / "research"
    folder.mkdir()
    (folder / "audience.toml").write_text('extends = "investor"\n[metrics.operations]\n"R&D" = ["R&D spending"]\n')
    text = "Acme's R&D spending rose 12% to $4 billion."
    assert rows(text) == []
    audience = load_audience("research", [tmp_path, *figures.data_dir("templates").parent.glob("templates")])
    found = rows(text, metrics=audience.get("metrics"))
    assert [(f.metric, f.value, f.change) for f in found] == [("R&D", "$4 billion", "+12%")]
    assert rows("Acme reported revenue of $12.4 billion.", metrics=audience.get("metrics"))  # the base vocabulary stays


def test_cli_json_carries_metric_period_kind_and_subject(tmp_path, monkeypatch, capsys):
    import sys

    import briefs.cli as cli

    corpus = tmp_path / "acme"
    corpus.mkdir()
    (corpus / "briefs.toml").write_text('[subject]\nname = "Acme Robotics"\naliases = ["Acme"]\n')
    body = ("Acme Robotics reported its results on Tuesday. Acme said revenue rose 21% to $4.5 billion in the "
            "second quarter. The robot maker's chief executive said demand from warehouses stayed strong. "
            "Acme shares jumped 8% on Wednesday after the report.")
    for i in range(3):
        (corpus / f"a{i}.md").write_text(f"---\ntitle: Acme results {i}\nsource: Paper {i}\n---\n{body}\n")
    monkeypatch.setattr(sys, "argv", ["briefs", "build", str(corpus), "--format", "json", "--out", str(tmp_path / "out"),
                                      "--no-cache", "--quiet"])
    with pytest.raises(SystemExit) as done:
        cli.main()
    assert done.value.code == 0, capsys.readouterr().err
    brief = json.loads(next((tmp_path / "out").glob("*.json")).read_text())
    revenue = next(f for f in brief["figures"] if f["metric"] == "revenue")
    assert {k: revenue[k] for k in ("value", "change", "period", "kind", "subject")} == {
        "value": "$4.5 billion", "change": "+21%", "period": "Q2", "kind": "actual", "subject": "Acme Robotics"}
    assert len(revenue["sources"]) == 3 and revenue["label"] and revenue["text"] and "new" in revenue


def test_a_bad_metrics_table_names_the_file(tmp_path):
    from briefs.config import ConfigError

    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "audience.toml").write_text('extends = "investor"\n[metrics.operations]\nbookings = "bookings"\n')
    with pytest.raises(ConfigError, match=r"broken/audience.toml.*metrics\.operations"):
        load_audience("broken", [tmp_path, *figures.data_dir("templates").parent.glob("templates")])


def test_last_weeks_figures_are_marked_not_new():
    from briefs import history

    this_week = rows("Acme reported revenue of $12.4 billion for the first quarter.",
                     "Acme shares jumped 9% on Thursday.")
    previous = {"figures": [{"value": "$12.4 billion", "label": "Revenue, Q1", "metric": "revenue"}]}
    marked = history.mark_figures(this_week, previous)
    assert [(f.value, f.new) for f in marked] == [("$12.4 billion", False), ("9%", True)]
    assert all(f.new for f in this_week)  # the figures given are left as they were


def test_an_unnamed_sentence_from_a_passing_mention_is_not_the_subjects():
    wrap = Sentence(text="Retail sales rose 0.5% in March.", source=1, position=0, paragraph=0, sources=[1],
                    central=False)
    assert figures.figures([wrap], subject=ACME) == []
    own = dataclasses.replace(wrap, central=True, text="Quarterly revenue rose 5% to $2 billion.")
    assert [f.value for f in figures.figures([own], subject=ACME)] == ["$2 billion"]


def test_a_result_beating_the_consensus_carries_the_consensus_and_the_surprise_is_a_result():
    found = rows("Acme posted quarterly earnings of $0.89 per share, beating the consensus estimate of $0.84 per share.",
                 "For Acme, that quarterly report is an earnings surprise of 5.95%.")
    assert [(f.value, f.metric, f.kind, f.estimate) for f in found] == [
        ("$0.89", "EPS", "actual", "$0.84"), ("5.95%", "earnings surprise", "actual", "")]


def test_an_amount_lost_or_withdrawn_is_a_change_not_a_level():
    found = rows("Acme shares sank 7% on Wednesday, wiping out $90 billion in market value.")
    assert [(f.value, f.metric, f.change) for f in found] == [("7%", "share price", "-7%"),
                                                              ("$90 billion", "market value", "-$90 billion")]
    assert one("Acme's revenue rose to $5 billion.").change == ""  # a level reached is not a change


def test_a_deal_belongs_to_the_buyer_named_before_it():
    assert [(f.value, f.metric) for f in rows("Acme agreed to acquire Globex for $20 billion.")] == [
        ("$20 billion", "deal value")]
    assert rows("Globex agreed to acquire Acme for $20 billion.") == []
    assert rows("Acme stock slid after Globex's $44 billion acquisition of Initech.") == []


def test_a_level_reached_and_where_it_came_from():
    row = one("Acme's market share fell to 15% from 20%.")
    assert (row.value, row.metric, row.change) == ("15%", "market share", "from 20%")
    row = one("Acme expects second-quarter revenue between $11 billion and $11.5 billion.")
    assert (row.value, row.period, row.kind) == ("$11 billion to $11.5 billion", "Q2", "guidance")


@pytest.mark.parametrize(
    "text, value, metric, change, period",
    [
        ("Acme's shares closed at $120.50, up 2.3%.", "$120.50", "share price", "+2.3%", ""),
        ("Acme expects to cut costs by $500 million by 2026.", "$500 million", "operating costs", "-$500 million", ""),
        ("For the full year, Acme forecast earnings of $5.10 to $5.30 a share.", "$5.10 to $5.30", "EPS", "", "full year"),
        ("Acme raised its annual dividend by 10%.", "10%", "dividend", "+10%", ""),
        # a month's move is told as that month's, not taken for the week's
        ("Shares of Acme rose 12.5% in March, according to a data firm.", "12.5%", "share price", "+12.5%",
         "March"),
        ("Acme shares fell 12% in March 2023.", "12%", "share price", "-12%", "March 2023"),
        ("Acme shares fell 12% in March 9 trading.", "12%", "share price", "-12%", "March 9"),
    ],
)
def test_moves_ranges_and_periods_written_around_the_figure(text, value, metric, change, period):
    row = one(text)
    assert (row.value, row.metric, row.change, row.period) == (value, metric, change, period)


def test_a_quarter_word_with_a_letter_only_ignore_case_folds_is_still_its_quarter():
    assert one("Acme's revenue rose 12% to $3.1 billion in the thİrd quarter.").period == "Q3"
    assert one("Acme's revenue rose 12% to $3.1 billion in the ſecond quarter.").period == "Q2"


def test_a_months_old_price_target_repeated_this_week_is_left_out():
    texts = ("Globex Securities raised its price target on Acme to $250 from $220 in a note on Friday, January 17th.",
             "Initech Capital cut its price target on Acme to $180 from $200 in a note on Tuesday, April 15th.")
    found = rows(*texts, since="2025-04-14")
    assert [(f.value, f.period) for f in found] == [("$180", "April 15")]
    assert len(rows(*texts)) == 2  # no period known: both stay


@pytest.mark.parametrize(
    "text",
    [
        "Globex, which makes parts for Acme and Initech, registered earnings per share of $1.12.",
        "Globex, a longtime supplier to Acme, reported quarterly revenue of $8 billion.",
        "Acme sold $20 billion of robots, far ahead of Globex, which generated $2.5 billion in comparable revenue.",
        "Acme booked $20 billion of robot sales, more than Globex Corp. (market cap: $90 billion).",
    ],
)
def test_a_figure_belongs_to_the_grammatical_subject_of_its_clause(text):
    assert all(f.value not in {"$1.12", "$8 billion", "$2.5 billion", "$90 billion"} for f in rows(text))


def test_a_clause_naming_no_one_after_a_peer_made_to_act_is_the_peers():
    assert rows("Acme's warning prompted Globex to issue an update on Thursday, asserting a stable business "
                "with more than $100 billion in assets.") == []
    # the subject acting on a peer keeps its figure
    assert one("Acme beat Globex in the quarter, reporting revenue of $5 billion.").value == "$5 billion"
    assert one("Acme, hit by Globex's price cuts, reported revenue of $5 billion.").value == "$5 billion"


def test_the_subjects_own_clause_keeps_its_figure_beside_an_aside_about_a_peer():
    row = one("Acme, which buys motors from Globex and Initech, registered earnings per share of $1.12.")
    assert (row.value, row.metric) == ("$1.12", "EPS")
    assert one("Acme, a longtime customer of Globex, reported quarterly revenue of $8 billion.").value == "$8 billion"


def test_a_figure_before_on_names_its_own_metric_not_the_next_one():
    found = rows("Acme registered earnings per share (EPS) of 40 pesos ($2.10) on revenue that rose 9%.")
    assert {(f.value, f.metric) for f in found} == {("$2.10", "EPS"), ("9%", "revenue")}


def test_a_target_without_its_firm_merges_into_the_firms_row():
    found = rows("Acme had its price target cut to $90 from $100 in a note on Monday.",
                 "Globex Securities cut its price target on Acme to $90 from $100 on Monday.")
    assert [(f.value, f.metric, f.change, f.sources) for f in found] == [
        ("$90", "price target (Globex Securities)", "from $100", [1, 2])]
    assert one("Acme had its target price lowered by Globex Securities to $90 from $100.").metric == \
        "price target (Globex Securities)"


def test_targets_of_two_firms_or_another_move_stay_apart():
    found = rows("Acme had its price target cut to $90 from $120 in a note on Monday.",
                 "Globex Securities cut its price target on Acme to $90 from $100 on Monday.")
    assert sorted(f.change for f in found) == ["from $100", "from $120"]


def test_a_period_or_a_noun_after_the_next_figure_is_that_figures():
    found = rows("For the second quarter, Acme expected total net sales of between €7.2bn and €7.7bn and "
                 "reiterated guidance of €30bn to €35bn net sales for the year.")
    assert [(f.value, f.metric, f.period, f.kind) for f in found] == [
        ("€7.2bn to €7.7bn", "revenue", "Q2", "guidance"), ("€30bn to €35bn", "revenue", "full year", "guidance")]
    found = rows("Acme expects revenue of $5 billion and earnings of $1.20 a share in the fourth quarter.")
    assert [(f.value, f.metric, f.period) for f in found] == [("$5 billion", "revenue", "Q4"), ("$1.20", "EPS", "Q4")]
    assert one("Acme reiterated its forecast of $30 billion in sales for the year.").period == "full year"
    assert one("Acme's total revenue for the year came in at $81 billion, up 51%.").period == "full year"
    # the quarter reported and the two forecasts are three rows of one metric: reported and forecast count apart
    found = rows("In the first quarter, Acme posted sales of €7.7bn, down from €9.2bn in the fourth quarter.",
                 "For the second quarter, Acme expected total net sales of between €7.2bn and €7.7bn and "
                 "reiterated guidance of €30bn to €35bn net sales for the year.")
    assert sorted((f.value, f.period, f.kind) for f in found) == [
        ("€30bn to €35bn", "full year", "guidance"), ("€7.2bn to €7.7bn", "Q2", "guidance"), ("€7.7bn", "Q1", "actual")]
    # "the year ended …" is no whole year read from these words
    assert one("For the year ended January 26, Acme's revenue rose 114% to $130.5 billion.").period != "full year"


def test_a_currency_written_with_its_countrys_letters_is_one_amount():
    row = one("Acme's revenue rose 42% year-over-year to NT$839.25 billion ($25.85 billion).")
    assert (row.value, row.metric, row.change) == ("NT$839.25 billion", "revenue", "+42%")
    # the country's letters only where a word starts: a scrape's glued word keeps its own amount
    assert one("Acme's quarterly revenue was about NZ$4 billion.").value == "NZ$4 billion"
    assert one("Acme's quarterly revenue came in at an independent$4 billion.").value == "$4 billion"


def test_an_amount_given_again_in_another_currency_is_one_row():
    row = one("Net bookings at Acme for the first quarter came in at €3.9bn (£3.3bn), which was down from €7.09bn "
              "in the fourth quarter, and was below analyst estimates of €4.8bn.")
    assert (row.value, row.change, row.estimate) == ("€3.9bn", "from €7.09bn", "€4.8bn")


def test_a_base_and_a_forecast_belong_to_the_figures_of_their_kind():
    found = rows("Acme's net income of $2.89 billion, or $6.61 per share, rose from $2.33 billion, or $5.28 per share, "
                 "a year earlier.")
    assert sorted((f.value, f.change) for f in found) == [("$2.89 billion", "from $2.33 billion"), ("$6.61", "from $5.28")]
    found = rows("Acme is due to report its first quarter results on Thursday, having guided to revenue of $10.4bn and "
                 "net profit of $2.4bn, with diluted earnings per share of $5.58.")
    assert {f.value: f.kind for f in found} == {"$10.4bn": "guidance", "$2.4bn": "guidance", "$5.58": "guidance"}
    found = rows("Acme expects revenue of $12 billion this year and posted earnings per share of $2.10 in the quarter.")
    assert {f.value: f.kind for f in found} == {"$12 billion": "guidance", "$2.10": "actual"}
    # a share move before a report is no move of the report's quarter
    row = one("Acme shares are up roughly 1.5% in premarket trading ahead of its first-quarter earnings report.")
    assert (row.metric, row.period) == ("share price", "")
    assert one("Acme shares fell 20% in the first quarter.").period == "Q1"
    # a business line named after the metric's noun
    assert one("Acme also generated $7 billion in revenue in its client segment, a 52% jump.").metric == "client revenue"
    assert one("Acme generated $25.8 billion in revenue in the year, up 14%.").metric == "revenue"
    # the company named in a possessive owns the revenue; it is no business line
    assert one("The robot giant's revenue grew 12% year-over-year to $10.54 billion.").metric == "revenue"


def test_a_count_of_things_is_no_amount_of_money():
    found = rows("Acme has placed an order for 70 robot arms, in a deal valued at $4bn which should lead to "
                 "2,500 new Acme jobs.")
    assert [(f.value, f.metric) for f in found] == [("$4bn", "deal value")]
    assert one("Acme delivered 1.3 million vehicles in 2022.").metric == "deliveries"


def test_a_period_is_not_read_across_a_parenthesis():
    found = {f.metric: f for f in rows("Acme (market value: $900 billion) posted fourth-quarter sales of $40 billion.")}
    assert (found["market value"].value, found["market value"].period) == ("$900 billion", "")
    assert (found["revenue"].value, found["revenue"].period) == ("$40 billion", "Q4")
    found = rows("Acme posted sales of $40 billion (the company's market value is $900 billion).")
    # the parenthesis's words name its own figure, not the one before it
    assert {(f.value, f.metric) for f in found} == {("$40 billion", "revenue"), ("$900 billion", "market value")}


@pytest.mark.parametrize(
    "text",
    [
        "Acme shareholders shouldn't expect robot revenue to keep growing at 80% a year.",
        "Robot revenue won't climb 80% again, Acme warned.",
        "Sales at Acme are unlikely to top $50 billion next year.",
        "If orders hold up, Acme will report revenue of $50 billion next year.",
    ],
)
def test_a_negated_or_hedged_statement_is_not_a_figure(text):
    assert rows(text) == []


def test_a_plain_statement_beside_the_hedged_one_keeps_its_figure():
    assert one("Acme's robot revenue grew 80% in the quarter.").change == "+80%"
    assert one("Acme will report revenue of $50 billion next year, its chief financial officer said.").kind == "guidance"


def test_a_firms_cut_is_not_the_consensus_named_later_in_the_sentence():
    found = rows("Acme took a hit after Globex Securities cut its price target to $90 from $100, although the "
                 "median price target of 30 analysts stands at $120.")
    assert {(f.value, f.metric, f.change) for f in found} == {
        ("$90", "price target (Globex Securities)", "from $100"), ("$120", "price target (consensus)", "")}
    assert one("Acme's consensus price target stands at $120.").metric == "price target (consensus)"


@pytest.mark.parametrize("text, leads", [
    ("Acme reported revenue of $12.4 billion for the third quarter, up 18% from a year earlier.", True),
    ("For the first quarter, Acme guided for revenue of $13 billion, about 9% above the consensus.", True),
    ("Shares of Acme sank more than 30% today after the bank said it took a $2.6 billion loss.", False),
    ("Acme shares were up 0.3% at $111.06 in premarket trading on Tuesday.", False),
    ("Analysts at Globex expect Acme's revenue to reach $14 billion next quarter.", False),
])
def test_reports_results_only_when_the_subject_leads_with_its_own_result(text, leads):
    sentence = Sentence(text=text, source=1, position=0, paragraph=0, sources=[1])
    assert figures.reports_results(sentence, Subject(name="Acme")) is leads


def test_a_region_that_generated_revenue_qualifies_it():
    china = Sentence(text="China generated $17 billion in revenue, or 13% of Acme's total sales, last year.",
                     source=1, position=0, paragraph=0, sources=[1])
    whole = Sentence(text="Acme generated $39.3 billion in revenue in the fourth quarter.",
                     source=1, position=0, paragraph=0, sources=[1])
    assert [f.metric for f in figures.read(china, Subject(name="Acme"))] == ["China revenue"]
    assert [f.metric for f in figures.read(whole, Subject(name="Acme"))] == ["revenue"]


def test_figures_read_ahead_in_other_processes_are_the_same_rows_and_the_quotes_keep_their_weight():
    import pickle

    quoted = s("Acme said revenue rose 21% to $47.5 billion in the second quarter.", 1, 0)
    week = [Sentence(text="Acme shares fell 6.9% on Wednesday.", source=2, position=1, paragraph=0, sources=[2, 3, 4, 5]),
            s("Globex said its revenue rose 3% to $2 billion.", 6, 2), s("Acme opened a plant in Ohio.", 7, 3)]
    here = figures.figures([quoted], limit=1, subject=ACME, pool=week)
    # The quoted revenue line outweighs the week's most repeated share-price move only as a quote.
    assert [(f.metric, f.sources) for f in here] == [("revenue", [1])]
    work, items = figures.reading([quoted], ACME, pool=week)
    assert [sentence.text for sentence, _ in items] == [quoted.text, week[0].text]  # no figure of Acme's in the rest
    # Each item and its result pickled, as worker processes get and give them, one piece per sentence.
    done = [r for item in items for r in pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(work))([item])))]
    assert figures.figures([quoted], limit=1, subject=ACME, pool=week, found=(items, done)) == here
    assert figures.figures([], limit=1, subject=ACME, pool=[quoted] + week)[0].metric == "share price"


def test_figures_read_before_the_selection_are_those_read_after_it(monkeypatch):
    from briefs import entities

    # The week's vocabulary is read from its first sentences, the brief's own first: with a window
    # of two, quoting a sentence pushes "Bulls cheered apexes." out of it.
    monkeypatch.setattr(entities, "VOCABULARY_SENTENCES", 2)
    texts = ["Shares of Acme rose to a million as revenue grew.", "Bulls cheered apexes.",
             "Apexes Corp said Acme revenue rose 5% to $10 million.", "Acme revenue rose 3% to $9 million on Friday."]
    pool = [Sentence(text=t, source=i, position=i, paragraph=0, sources=[i]) for i, t in enumerate(texts, 1)]
    quoted = [Sentence(text="Acme revenue rose 12% to $47 million.", source=5, position=0, paragraph=0, sources=[5])]
    subject = Subject(name="Acme")
    ahead_work, ahead_items = figures.reading([], subject, None, (), pool=pool)
    work, items = figures.reading(quoted, subject, None, (), pool=pool, ahead=ahead_items)
    assert items == figures.reading(quoted, subject, None, (), pool=pool)[1]
    read_now = []

    def run(work, items):
        read_now.append([s.text for s, _ in items])
        return work(items)

    found = figures.readings(work, items, (ahead_work, ahead_items, lambda: ahead_work(ahead_items)), run)
    assert found == work(items)
    # Read again: the brief's own sentence, and the one holding a word the two vocabularies differ by.
    assert read_now == [[quoted[0].text, texts[2]]]


# Reading is made cheaper by exact pre-checks (`figures._Gated`, `_Names`): these tests hold them
# to the patterns' own answers, including where a shortcut would be tempting and wrong.

def test_a_name_written_with_a_letter_that_folds_to_ascii_is_still_the_subjects():
    # Ignoring case, "ſ" is "s" and "İ" is "i": text that is not ASCII gets no substring shortcut.
    for text, subject in [("ſears said revenue rose 21% to $47.5 billion.", Subject(name="Sears")),
                          ("istanbul air said revenue rose 21% to $47.5 billion.", Subject(name="İstanbul Air"))]:
        found = figures.read(s(text), subject, selected=False)
        assert [(f.value, f.metric, f.change) for f in found] == [("$47.5 billion", "revenue", "+21%")]
    assert figures.read(s("Sears-like retailers said revenue rose 21% to $47.5 billion."), Subject(name="Sear"),
                        selected=False) == []  # "Sear" inside "Sears" is not the name


@pytest.mark.parametrize("pattern", ["_ESTIMATE", "_ANALYSTS", "_GUIDANCE", "_COMPARE", "_HEDGED", "_MOVE_BEFORE", "cues"])
def test_a_pattern_run_only_where_its_words_are_finds_what_it_finds_everywhere(pattern):
    gated = figures._compile_cues(figures._vocabulary_key(None)).pattern if pattern == "cues" else getattr(figures, pattern)
    texts = [
        "Unexpectedly, Acme's revenue, which analysts expected to beat forecasts, rose 5% vs. a year ago.",
        "ACME GUIDES FOR GROSS MARGIN ABOVE 60%, WELL AHEAD OF THE CONSENSUS; SHARES JUMPED 4%",
        "The price target was cut; it will not see more than $5 of EPS, and the outlook fell by about 3%",
        "ſales and gross marKin (Kelvin K) were expected to climb; revenue_growth rose",
        "Unexpected, unbeaten sales; unguided outgrowth at unitholders, thanless net-loss and operating  profit",
    ]
    for text in texts:
        low = figures._lowered(text)
        whole = figures._words(low)
        for pos in range(len(text)):  # stretches that cut words at either end, as clauses and stretches do
            for endpos in (pos + 9, pos + 30, len(text)):
                want = [m.span() for m in gated.pattern.finditer(text, pos, endpos)]
                words = figures._words(low, pos, endpos, whole)
                assert [m.span() for m in gated.finditer(text, words, pos, endpos)] == want, (text[pos:endpos])
                first = gated.search(text, words, pos, endpos)
                assert (first and first.span()) == (want[0] if want else None)


def test_a_cut_word_is_a_word_of_the_stretch():
    low = figures._lowered("Unexpected gains")
    assert "expected" in figures._words(low, 2, len(low), figures._words(low))
    assert figures._words(figures._lowered("ſales"), 0, 5) is None  # no words read: every pattern runs


def test_a_share_move_does_not_take_the_quarter_a_sentence_reports():
    found = {f.metric: f for f in rows("Acme reported first-quarter revenue of $3 billion, and Acme shares rose 3%.")}
    assert (found["revenue"].period, found["share price"].period) == ("Q1", "")
    assert one("Acme shares fell 5% in the first quarter.").period == "Q1"  # its own clause's period stays


def test_shares_bought_back_are_a_buyback():
    assert one("Acme bought back $150 million of its shares in the quarter.").metric == "buyback"


def test_a_purchase_agreed_is_a_deal():
    row = one("Acme agreed to buy Globex for $2.1 billion in cash.")
    assert (row.metric, row.value) == ("deal value", "$2.1 billion")


@pytest.mark.parametrize(
    "text, kind",
    [
        # a forecast in the passive, or credited to analysts or a consensus provider, is theirs, not the company's
        ("Acme's revenue is seen rising 12% to $3.2 billion, according to a survey of analysts.", "estimate"),
        ("Acme's revenue is seen rising 12% to $3.2 billion in the quarter.", "estimate"),
        ("Acme will likely report revenue of about $3.2 billion, analysts said.", "estimate"),
        # ... while the company's own outlook, and a result analysts comment on, keep their kind
        ("Acme expects revenue of $3.3 billion next quarter, the company said.", "guidance"),
        ("Acme sees revenue of $3.3 billion next quarter, according to its filing.", "guidance"),
        ("Acme reported revenue of $3.4 billion, analysts said.", "actual"),
        # the company speaking for itself on its call, and an analyst's note speaking for the analyst
        ("For the full year, we now expect revenue of $8.4 billion to $8.6 billion, Acme said.", "guidance"),
        ("We expect Acme revenue of $8.5 billion next year, analysts at Big Bank wrote.", "estimate"),
    ],
)
def test_a_forecast_is_told_by_whose_it_is(text, kind):
    assert one(text).kind == kind


def test_offering_as_a_verb_is_no_capital_raise():
    assert [f.metric for f in rows("Acme is offering a $500 rebate on its robot arms this month.")] != ["capital raise"]


def test_a_templated_notes_standing_number_is_no_row_but_its_moved_target_is():
    # Three fund notes fill one template; each repeats the same standing ratio and a target move
    # (cleaning keeps one copy of a repeated sentence, citing every article that said it).
    notes = [dataclasses.replace(s(text, 4, 0), sources=[4, 5, 6]) for text in (
        "Acme's dividend payout ratio is presently 2.40%.",
        "Initech Securities cut its price target on Acme from $90.00 to $84.00 on Tuesday.")]
    report = s("Acme's quarterly revenue rose 12% to $3.1 billion.", 1)
    def values(templated):
        return [f.value for f in figures.figures([report], subject=ACME, pool=notes, templated=templated)]
    assert "2.40%" in values(set())               # read as any week's number when nothing is templated
    assert "2.40%" not in values({4, 5, 6})       # a template's standing ratio, the same every week
    assert "$84.00" in values({4, 5, 6})          # the note's move is the week's news
    assert "2.40%" in values({4, 5})              # one article not a template also gave it


def test_one_days_price_move_is_one_row_however_each_outlet_gives_it():
    week = [s("Acme shares fell 6% in after-hours trading.", 1),
            s("Acme shares closed down 6.9% on Wednesday.", 2),
            s("Acme shares sank 7% on Wednesday after the warning.", 3),
            s("Acme shares fell 6.9% on Wednesday, their worst day in a year.", 4),
            s("Acme shares rose 2% on Friday.", 5)]
    rows = [f for f in figures.figures(week, subject=ACME) if f.metric == "share price"]
    assert [(f.value, f.period) for f in rows] == [("6.9%", "Wednesday"), ("2%", "Friday")]
    assert rows[0].sources == [1, 2, 3, 4]  # the move without its day is Wednesday's too
    # A move a day apart in size is another move: it keeps its own row.
    rows = [f for f in figures.figures(week[1:3] + [s("Acme shares fell 2% in late trading.", 6)], subject=ACME)
            if f.metric == "share price"]
    assert sorted(f.value for f in rows) == ["2%", "6.9%"]


def test_a_days_move_row_gives_the_days_move_not_a_moment_of_it():
    week = [s("Acme shares fell as much as 9% on Thursday.", 1),
            s("Acme shares were down 9% in early trading on Thursday.", 2),
            s("Acme shares closed down 6% on Thursday.", 3)]
    [row] = [f for f in figures.figures(week, subject=ACME) if f.metric == "share price"]
    assert (row.value, row.period, row.sources) == ("6%", "Thursday", [1, 2, 3])
    # Given only without its day, the close still speaks for the day.
    week[2] = s("Acme shares closed down 8% after the warning.", 3)
    [row] = [f for f in figures.figures(week, subject=ACME) if f.metric == "share price"]
    assert (row.value, row.period) == ("8%", "Thursday")
    # A move over a span is no day's: the year's fall and a day's fall of about its size are two rows.
    rows = [f for f in figures.figures([s("Acme shares are down 25% year to date.", 4),
                                        s("Acme shares tumbled 24% after the warning.", 5)], subject=ACME)
            if f.metric == "share price"]
    assert sorted((f.value, f.period) for f in rows) == [("24%", ""), ("25%", "year to date")]


def test_a_days_move_row_quotes_a_line_that_names_the_day():
    # The same figure without its day (another day's article) and with it: the row is Thursday's,
    # so it quotes the line that says Thursday, not the one that only says "in recent trading".
    week = [s("Acme shares were about 2% lower in recent trading, and are down 15% this year.", 1),
            s("Acme shares fell 2% in early trading Thursday.", 2),
            s("Acme shares fell as much as 5% on Thursday.", 3)]
    [row] = [f for f in figures.figures(week, subject=ACME) if f.metric == "share price"]
    assert (row.value, row.period, row.sources) == ("2%", "Thursday", [1, 2, 3])
    assert row.text == "Acme shares fell 2% in early trading Thursday."
    # Of the day's readings, its close speaks first: not a line read during the day.
    week = [s("Acme shares closed down 6.9% on Wednesday, behind Globex shares down 7.4%.", 4),
            s("Acme shares fell 6.9% to close Wednesday's session.", 5),
            s("Acme shares lost 6.9% in recent trading Wednesday.", 6)]
    [row] = [f for f in figures.figures(week[2:] + week[:2], subject=ACME) if f.metric == "share price"]
    assert (row.value, row.period) == ("6.9%", "Wednesday") and "recent trading" not in row.text
