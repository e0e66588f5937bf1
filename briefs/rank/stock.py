"""sumy's own summarizers run on our offline tokenizer: the reference every fast ranker is checked against."""

from __future__ import annotations

from collections.abc import Sequence

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from .. import language

SUMMARIZERS = {
    "lexrank": LexRankSummarizer,
    "textrank": TextRankSummarizer,
    "lsa": LsaSummarizer,
    "luhn": LuhnSummarizer,
    "kl": KLSummarizer,
    "sumbasic": SumBasicSummarizer,
    "edmundson": EdmundsonSummarizer,
}


def document(sentences: Sequence[str]) -> ObjectDocumentModel:
    """Return a sumy document of one paragraph holding exactly these sentences."""
    tokenizer = language.SumyTokenizer()
    return ObjectDocumentModel([Paragraph([Sentence(s, tokenizer) for s in sentences])])


def _frequent_words(sentences: Sequence[str], share: float = 0.05) -> tuple[str, ...]:
    """Return the most frequent content words of a text (Edmundson's "key" words when none are given)."""
    counts: dict[str, int] = {}
    stops = language.stop_words()
    for sentence in sentences:
        for word in language.words(sentence):
            word = word.lower()
            if word not in stops and word.isalpha():
                counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return tuple(ranked[: max(1, int(len(ranked) * share))])


def summarizer(name: str, sentences: Sequence[str] = ()):
    """Return a configured stock sumy summarizer for a method name."""
    if name == "edmundson":
        # Edmundson needs bonus words; with none given, the text's most frequent content words
        # serve (key method), with the location method as sumy's docs pair them.
        summ = EdmundsonSummarizer(Stemmer(language.LANGUAGE), cue_weight=0.0, key_weight=1.0,
                                   title_weight=0.0, location_weight=1.0)
        summ.bonus_words = _frequent_words(sentences)
        summ.stigma_words = ()
        summ.null_words = tuple(language.stop_words())
        return summ
    summ = SUMMARIZERS[name](Stemmer(language.LANGUAGE))
    if hasattr(summ, "stop_words"):
        summ.stop_words = language.stop_words()
    return summ


def scores(sentences: Sequence[str], name: str) -> list[float]:
    """Return sumy's own rating of each sentence (higher is better), captured from the summarizer."""
    if not sentences:
        return []
    doc = document(sentences)
    summ = summarizer(name, sentences)
    captured: dict = {}

    def capture(sents, count, rating, *args, **kwargs):
        rate = rating.__getitem__ if isinstance(rating, dict) else (lambda s: rating(s, *args, **kwargs))
        captured["ratings"] = [float(rate(s)) for s in sents]
        return ()

    # sumy has no public API for per-sentence ratings (only TextRank has rate_sentences): every
    # summarizer hands its ratings to `_get_best_sentences`, so that one private hook is replaced
    # on this instance. tests/test_fast_rankers.py would fail if a sumy release changed it.
    summ._get_best_sentences = capture
    summ(doc, len(sentences))
    return captured.get("ratings", [0.0] * len(sentences))
