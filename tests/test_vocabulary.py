"""The word index of a phrase vocabulary: derived from the regex, never changing its verdict."""

import re
from pathlib import Path

import pytest

from briefs import clean, language
from briefs.config import Subject
from briefs.vocabulary import Vocabulary, first_words, required_words, word_runs

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.parametrize("pattern, words", [
    (r"\b(click|sign[ -]?up|read (?:more|next))\b", {"click", "sign", "signup", "read"}),
    (r"\b(?:photo(?:graph)?|image)s?(?: credit)?\s*:\s", {"photo", "photos", "photograph", "photographs", "image", "images"}),
    (r"^(?:related|see also)\s*[:|-]\s+", {"related", "see"}),
    (r"\bdon'?t miss\b", {"don", "dont"}),
    (r"\b(?:Is|Are) long [A-Z]{1,5}\b", {"is", "are"}),
])
def test_first_words_are_derived_from_the_pattern(pattern, words):
    assert first_words(re.compile(pattern)) == words


@pytest.mark.parametrize("pattern", [
    r"click",              # no \b before it: also matches inside "doubleclick"
    r"\bcookies?",         # no \b after it: also matches the start of "cookiesless"
    r"\b(?:legal)\b|©",    # a match may start with no word at all
    r"\b[a-z]+ing\b",      # an open class: any word
    r"\b\w+ advice\b",
])
def test_patterns_whose_first_words_cannot_be_told(pattern):
    assert first_words(re.compile(pattern)) is None


@pytest.mark.parametrize("pattern, words", [
    (r"\b(?:Is|Are) long [A-Z]{1,5}\b", {"long"}),                       # the verb is common, its object is not
    # An optional word ("financial"): a match holds the word after it either way.
    (r"\b(all rights reserved|(?:not|no) (?:financial )?advice)\b", {"reserved", "advice"}),
    (r"\b(?:owns|holds) (?:shares|a position) in\b|\bdisclosure: ", {"shares", "position", "disclosure"}),
    (r"\b(?:use|accept) cookies\b", {"cookies"}),
    (r"\b(click|sign[ -]?up|read (?:more|next))\b", {"click", "sign", "signup", "read"}),
    # An optional label before the phrase ends where a word starts, present or not.
    (r"^(?:[\w ]{2,24}:\s*)?(?:read|watch) (?:more|now)\b", {"read", "watch"}),
    (r"\b(?:has|have) (?:no )?positions? in\b", {"position", "positions"}),
    # An optional prefix glued to the word: "order" alone is no whole word of "preorder".
    (r"\b(?:pre)?order\b", {"order", "preorder"}),
    (r"(?:\w+\s*)?click here\b", {"here"}),
])
def test_required_words_may_come_from_further_into_a_phrase(pattern, words):
    assert required_words(re.compile(pattern)) == words


@pytest.mark.parametrize("pattern", [r"\b\w+ advice", r"\b(?:legal)\b|©", r"click", r"\b[a-z]+ing\b", r"\bcookies?"])
def test_patterns_whose_matches_may_hold_no_whole_word_are_always_run(pattern):
    assert required_words(re.compile(pattern)) is None
    assert Vocabulary(pattern).may_match(frozenset()) is True


def _texts() -> list[str]:
    texts = [s for path in sorted(SEEDS.iterdir()) for s in language.sentences(path.read_text(encoding="utf-8"))]
    return texts + [
        "Click here to sign-up for our FREE newsletter!", "Don't miss: the Fed decision.", "dont miss this",
        "Photographs: Reuters.", "IMAGE CREDIT: AP", "Related: Meta shares fall.", "See also - Apple results.",
        "The author is long META and holds shares in AAPL.", "© 2026 Example Media. All Rights Reserved.",
        "You can unlock your free trial now.", "He read more of the report.", "Signup is free.",
        "This is not financial advice.", "The site uses cookies.", "Disclosure: the author owns shares in Acme.",
        "Shares of Acme are long overdue a rally.", "Advice from analysts was mixed.", "Visit our site for more.",
        "Editor's pick: read more about the deal.", "Watch now: the chief executive explains.", "Get the full story here.",
        "Get ready for a volatile week.", "Share prices fell.", "The author has no position in Acme.",
    ]


@pytest.mark.parametrize("name", ["_CALL_TO_ACTION", "_LEGAL", "_DISCLOSURE", "_LEAD_POINTER", "_CREDIT", "_SECOND_PERSON",
                                  "_READER_ACTION", "_IMPERATIVE"])
def test_the_index_never_changes_a_verdict(name):
    vocabulary = getattr(clean, name)
    assert vocabulary.words, f"{name}: its first words should be derivable, or every sentence pays for the regex"
    texts = _texts()
    hits = 0
    for text in texts:
        plain = vocabulary.pattern.search(text.lower() if vocabulary.lower else text)
        hits += plain is not None
        assert (vocabulary.search(text, word_runs(text)) is None) == (plain is None), text
    assert hits, f"{name}: the texts should exercise the pattern"


def test_text_without_any_first_word_skips_the_regex(monkeypatch):
    vocabulary = Vocabulary(r"\b(?:subscribe|sign up)\b", lower=True)

    class Exploding:
        def search(self, _text):
            raise AssertionError("the regex ran")

    monkeypatch.setattr(vocabulary, "pattern", Exploding())
    assert vocabulary.search("Revenue rose 21% to $47.5 billion.", word_runs("Revenue rose 21% to $47.5 billion.")) is None


def test_lookarounds_that_exclude_word_characters_anchor_a_word():
    pattern = re.compile(r"(?<![\w-])(?:(?i:acme corp)|(?i:acme)|ACME)(?![\w-])")
    assert first_words(pattern) == {"acme"}
    assert first_words(re.compile(r"(?<!x)acme\b")) is None  # only "not after x": a word may not start there


@pytest.mark.parametrize("subject", [
    Subject(name="Acme Corp", aliases=["Acme"], tickers=["ACME"]),
    Subject(name="AT&T", tickers=["T"]),
    Subject(name="3M", aliases=["3M Co"]),
    Subject(name="Zürich Insurance", aliases=["Zurich"]),
])
def test_mentions_with_word_runs_agree_with_mentions_without(subject):
    texts = _texts() + [
        "Acme Corp's results beat estimates.", "ACME fell 3%.", "acme-style products", "AT&T and T-Mobile rose.",
        "The 3M Co. board met.", "Zürich Insurance and ZURICH RE reported.", "Nothing to see here.",
    ]
    for text in texts:
        assert clean.mentions(text, subject, word_runs(text)) == clean.mentions(text, subject), text
