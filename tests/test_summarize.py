"""`summarize()`: verbatim sentences in document order, for every method, on any length of text."""

import pytest

from briefs import summarize
from briefs.rank import METHODS, STOCK_METHODS, UnknownMethod

TEXT = ("Acme Corp said on Tuesday that third-quarter revenue rose 12% to $3.1 billion. "
        "The company raised its full-year outlook on strong demand for cloud software. "
        "Shares rose 6% in early trading. Analysts at Big Bank called the results a clean beat. "
        "Acme also said it would buy back $500 million of stock over the next year. "
        "The chief executive said hiring would slow in the fourth quarter.")


@pytest.mark.parametrize("method", list(METHODS) + list(STOCK_METHODS))
def test_every_method_returns_verbatim_sentences_in_document_order(method):
    chosen = summarize(TEXT, 3, method)
    assert len(chosen) == 3
    positions = [TEXT.index(s) for s in chosen]
    assert positions == sorted(positions)


def test_one_sentence_empty_text_and_k_larger_than_text():
    assert summarize("Acme rose.", 3) == ["Acme rose."]
    assert summarize("", 3) == []
    assert summarize("   \n ", 3) == []
    assert len(summarize(TEXT, 50)) == 6


def test_unknown_method_lists_the_valid_ones():
    with pytest.raises(UnknownMethod) as error:
        summarize(TEXT, 2, "magic")
    assert "textrank" in str(error.value) and "sumy:lexrank" in str(error.value)


def test_default_prefers_results_sentences_in_an_earnings_call():
    lines = [f"We continued to execute on our strategy in region {i} and we thank our teams for the work."
             for i in range(40)]
    lines[17] = "GAAP earnings per share were $1.10 and adjusted earnings per share were $1.01 in the quarter."
    lines[31] = "For fiscal 2021 we expect adjusted earnings of $3.00 to $3.25 per diluted share."
    chosen = summarize("\n".join(lines), 2, "default")
    assert chosen == [lines[17], lines[31]]


OTHER = ("Acme Corp lifted its outlook after third-quarter revenue rose 12% to $3.1 billion. "
         "The software maker said demand from banks was strongest in Europe. "
         "Its shares closed 6% higher on the day.")
THIRD = ("Globex, a rival of Acme Corp, said on Wednesday its own sales fell in the quarter. "
         "Globex blamed weaker orders from retailers in North America for the decline. "
         "Acme Corp's third-quarter revenue rose 12% to $3.1 billion, the rival noted.")


def test_a_list_is_summarised_as_articles_on_one_topic():
    chosen = summarize([TEXT, OTHER, THIRD], 4)
    texts = [TEXT, OTHER, THIRD]
    assert all(any(s in t for t in texts) for s in chosen)
    # the revenue figure all three report is one story: quoted once
    assert sum("$3.1 billion" in s for s in chosen) == 1
    # more than one article contributes
    assert len({next(i for i, t in enumerate(texts) if s in t) for s in chosen}) >= 2


def test_a_list_of_one_and_the_string_form_agree_on_shape_and_empty_input():
    assert summarize([], 3) == []
    assert summarize(["", "  "], 3) == []
    assert summarize([TEXT, TEXT], 2) == summarize([TEXT], 2)  # a syndicated copy adds nothing


def test_cli_summarizes_several_files_with_the_list_form(tmp_path):
    from typer.testing import CliRunner

    from briefs.cli import app

    paths = []
    for name, text in (("a.txt", TEXT), ("b.txt", OTHER), ("c.txt", THIRD)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = CliRunner().invoke(app, ["summarize", *paths, "-n", "4"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == summarize([TEXT, OTHER, THIRD], 4)
    single = CliRunner().invoke(app, ["summarize", paths[0], "-n", "2"])
    assert single.output.splitlines() == summarize(TEXT, 2)
