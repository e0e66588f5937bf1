"""The offline language layer splits financial news correctly with no NLTK data."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefs import language

ROOT = Path(__file__).resolve().parent.parent
EVAL = Path(os.environ.get("BRIEFS_EVAL_DIR", ROOT.parent / "shared" / "eval"))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. Army signed. Meta agreed.", ["The U.S. Army signed.", "Meta agreed."]),
        ("Meta Platforms Inc. rose. Alphabet Corp. fell.", ["Meta Platforms Inc. rose.", "Alphabet Corp. fell."]),
        ("It is the No. 1 app in the store. Rivals lag.", ["It is the No. 1 app in the store.", "Rivals lag."]),
        ("Reality Labs lost $4.2 billion. Sales rose 3.5% in Q1.", ["Reality Labs lost $4.2 billion.", "Sales rose 3.5% in Q1."]),
        ("J. P. Morgan upgraded the stock. Shares rose.", ["J. P. Morgan upgraded the stock.", "Shares rose."]),
        ("Meta (NASDAQ:META) rose 2%. Apple fell.", ["Meta (NASDAQ:META) rose 2%.", "Apple fell."]),
        ('He said "we will win." Then he left.', ['He said "we will win."', "Then he left."]),
        ("The plan stalled... Investors waited.", ["The plan stalled...", "Investors waited."]),
        ("Results at a glance\nRevenue rose 21% to $47.52 billion.", ["Results at a glance", "Revenue rose 21% to $47.52 billion."]),
        ("Mr. Zuckerberg spoke on Jan. 5 in Menlo Park. Analysts listened.",
         ["Mr. Zuckerberg spoke on Jan. 5 in Menlo Park.", "Analysts listened."]),
        # An initialism Punkt was not given continues its sentence before a name or a lower-case word ...
        ("After leading K.L. Ranking's poll twice, Acme placed third. Rivals lag.",
         ["After leading K.L. Ranking's poll twice, Acme placed third.", "Rivals lag."]),
        ("Analysts at R.T. Fielding cut the target. Shares fell.", ["Analysts at R.T. Fielding cut the target.", "Shares fell."]),
        ("Acme sold its stake to Q.R.S. last week.", ["Acme sold its stake to Q.R.S. last week."]),
        ("Shares of Acme N.V. (ACM) rose.", ["Shares of Acme N.V. (ACM) rose."]),
        # ... and may end it before a word sentences start with.
        ("The loan came from Acme Bank N.A. He declined to comment.",
         ["The loan came from Acme Bank N.A.", "He declined to comment."]),
    ],
)
def test_sentences_handle_financial_news(text, expected):
    assert language.sentences(text) == expected


def test_hard_wrapped_lines_are_joined():
    text = ("Meta said on Thursday that revenue for the quarter rose by more than\n"
            "twenty percent, beating what analysts had expected.\n")
    assert language.sentences(text) == [
        "Meta said on Thursday that revenue for the quarter rose by more than twenty percent, beating what analysts had expected."
    ]


def test_words_keep_figures_and_tickers():
    tokens = language.words("Meta (NASDAQ:META) paid $4.2 billion, up 3.5%.")
    assert "4.2" in tokens and "3.5" in tokens and "META" in tokens
    assert "(" not in tokens and "," not in tokens


def test_stems_and_stop_words_come_offline():
    assert language.stem("Investments") == language.stem("investment")
    assert "the" in language.stop_words()
    assert language.content_stems("The investments were growing") == ["invest", "grow"]


def test_numbers_are_their_own_stems_and_stop_words_are_counted():
    sentence = "The investments rose 2.5% to 1,000 units in 2026."
    assert language.content_stems(sentence) == ["invest", "rose", "2.5", "1,000", "unit", "2026"]
    assert [language.stem(n) for n in ("2.5", "1,000", "2026")] == ["2.5", "1,000", "2026"]  # what Snowball gives
    assert language.stop_word_share(sentence) == pytest.approx(3 / 9)  # the, to, in
    assert language.stop_word_share("") == 0.0


def test_has_words_counts_word_tokens_only_up_to_the_limit():
    assert language.has_words("Revenue rose 21% to $47.5 billion.", 6)
    assert not language.has_words("Read more -- here !!", 6)
    assert language.has_words("a b", 2) and not language.has_words("a b", 3)


def test_sumy_summarizers_run_on_our_tokenizer():
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    text = "Meta rose. Revenue grew 21% in the quarter. Costs climbed too. Investors cheered the results."
    parser = PlaintextParser.from_string(text, language.SumyTokenizer())
    summary = LexRankSummarizer(Stemmer("english"))(parser.document, 2)
    assert len(summary) == 2
    assert all(str(s) in text for s in summary)


def test_build_runs_with_no_nltk_data_and_no_network(tmp_path):
    """A clean machine behind a firewall: no nltk_data anywhere, sockets refused, downloads fatal."""
    import os
    import subprocess
    import sys

    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(
        "import socket\n"
        "def _refuse(*a, **k):\n"
        "    raise OSError('network used')\n"
        "socket.socket.connect = _refuse\n"
        "socket.create_connection = _refuse\n"
        "import nltk\n"
        "def _no_download(*a, **k):\n"
        "    raise SystemExit('nltk.download called')\n"
        "nltk.download = _no_download\n"
        "nltk.data.path[:] = []\n")
    env = {**os.environ, "PYTHONPATH": str(guard), "NLTK_DATA": str(tmp_path / "none"), "HOME": str(tmp_path),
           "BRIEFS_CACHE_DIR": str(tmp_path / "cache")}
    script = ("import sys\nfrom briefs.cli import main\n"
              f"sys.argv = ['briefs', 'build', '--out', {str(tmp_path / 'out')!r}, '--format', 'md,json,pdf']\nmain()\n")
    guarded = subprocess.run([sys.executable, "-c", "import nltk; nltk.download('punkt')"],
                             capture_output=True, text=True, env=env, timeout=60)
    assert "nltk.download called" in guarded.stderr  # the guard is in force
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".json", ".md", ".pdf"]


def test_a_full_stop_glued_to_the_next_sentence_still_ends_a_sentence():
    text = "The ferry operator said costs rose, it said.According to the union, crews will strike in May."
    assert language.unit_sentences(text) == ["The ferry operator said costs rose, it said.",
                                             "According to the union, crews will strike in May."]
    assert language.unit_sentences("Mr.Smith opened the Acme.com shop on Monday.") == [
        "Mr.Smith opened the Acme.com shop on Monday."]
    # ... and after a closing bracket, before any capital
    assert language.unit_sentences("Rivals such as Globex(GLX1.19%).GLX continues to build chips.") == [
        "Rivals such as Globex(GLX1.19%).", "GLX continues to build chips."]


def test_nltk_is_imported_without_scipy_stats_which_stays_importable():
    """Splitting and stemming do not pay for scipy.stats (half a second), yet anyone may import it after."""
    code = ("import sys\nfrom briefs import language\n"
            "assert language.sentences('Revenue rose. Costs fell.') == ['Revenue rose.', 'Costs fell.']\n"
            "assert language.stem('rising') == 'rise'\n"
            "print('scipy.stats' in sys.modules, 'nltk' in sys.modules)\n"
            "import scipy.stats\nprint(scipy.stats.fisher_exact([[1, 2], [3, 4]]).pvalue > 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True"]


# Words on both sides of every rule where Snowball 3.1 (PyStemmer) and NLTK's Snowball part ways:
# new R1 prefixes, "past", "-ogist", step 1b, suffixes that shrink in steps 2 and 3, apostrophes.
_STEM_EDGES = """universal university organic organization internal interval lateral emergency pasted paste
    geologist geologists added adding ebbing rated r-rated dying vying evening innings proceeds exceeded
    succeeding generationally relationally nationality resizer resizers realization sensationally
    companies worried ability abilities quickly gently news skies atlas bias 'tis o'brien meta's dogs'
    investors' revenue revenues growth margins shares guidance quarterly rose dividend buyback"""


def _nltk_stem(word: str) -> str:
    return language._stemmer().stem(word)


def test_compiled_stems_are_nltks():
    if language._compiled_stemmer() is None:
        pytest.skip("PyStemmer 3.1 not installed: NLTK stems every word")
    words = set(_STEM_EDGES.split())
    for path in (ROOT / "seeds").rglob("*.md"):
        words.update(w.lower() for w in language.words(path.read_text(encoding="utf-8")))
    words |= {w + suffix for w in list(words) for suffix in ("s", "ed", "ing", "ly", "ness", "ation", "ality", "'s")}
    assert [w for w in words if language.snowball(w) != _nltk_stem(w)] == []


@pytest.mark.skipif(not (EVAL / "bbc_dev.jsonl").is_file(), reason=f"BBC dev data not found in {EVAL}")
def test_compiled_stems_are_nltks_on_every_dev_word():
    if language._compiled_stemmer() is None:
        pytest.skip("PyStemmer 3.1 not installed: NLTK stems every word")
    words = set()
    for name in ("bbc_dev.jsonl", "ectsum_val.jsonl"):
        for line in (EVAL / name).read_text(encoding="utf-8").splitlines():
            text = " ".join(str(value) for value in json.loads(line).values())
            words.update(w.lower().replace("’", "'") for w in language.words(text))
    assert len(words) > 20_000
    assert [w for w in words if language.snowball(w) != _nltk_stem(w)] == []


@pytest.mark.parametrize("text, ends", [
    ("Acme rose 4%.", True), ('He said "we will grow."', True), ("Why now?)", True), ("It fell…", True),
    ("Read more »", False), ("Acme (ACME)", False), ('The "quote" ends', False), ("", False), ("  .  ", True),
    ("Acme rose.\n", True), ("Acme rose. ]", False), ("Shares fell!’”)] ", True), ('"', False),
])
def test_final_punctuation_is_a_terminal_mark_before_closing_marks(text, ends):
    assert language.has_final_punctuation(text) is ends
    # The reading from the end says what the pattern over the whole text says.
    assert bool(language._TERMINAL.search(text.strip())) is ends


def test_numbers_are_their_own_stems_and_do_not_fill_the_stem_table():
    # A week's figures are mostly new ones: kept out of the token table, which then holds words.
    stems = language.content_stems("Quarterly revenue rose 12.5% to 1,024,337 units and 987654 orders.")
    assert {"12.5", "1,024,337", "987654"} <= set(stems) and "revenu" in stems
    assert "987654" not in language._CONTENT_STEM and "revenue" in language._CONTENT_STEM
