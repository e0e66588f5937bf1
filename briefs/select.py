"""Select each theme's key sentences with the chosen ranking method, never repeating a fact.

The ranking method orders a theme's candidates; quality rules then demote sentences a reader
could not use on their own (questions, dangling references, long quotes, fragments), and a
redundancy check (MMR-style, against everything already picked in any theme) keeps each fact
once while crediting every source that said it.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import chain
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from . import language, period, rank
from .entities import countries, places
from .figures import FIGURE
from .model import Sentence, Theme

if TYPE_CHECKING:
    from .stories import Story

# Two sentences sharing this much of their content stems (Jaccard) say the same thing, as does
# one whose stems are this much contained in the other's: on real weeks, wire ledes retold by
# several outlets keep about two thirds of their words, so 0.6 rather than a near-copy bar.
REDUNDANT = 0.5
CONTAINED = 0.6
# Two sentences giving the same amount of money ("$3.2 billion") and sharing this much of the
# shorter one's words report the same figure: a brief states it once. Below that, the amount is
# context for another fact ("after its $14.3 billion deal, it launched a lab ...").
SAME_AMOUNT_CONTAINED = 0.4
# A brief sentence is read on its own: past this many words it is a paragraph, not a fact.
LONG_WORDS = 55
# Above this, a candidate set is cut to its best-scoring sentences before graph ranking, so a
# theme with tens of thousands of sentences costs no more than one with a few hundred.
MAX_CANDIDATES = 400

# A sentence opening on a pronoun, a connective (one of cause: "Consequently, shares fell 2%" says
# why only with the sentence before), "other …" ("Several other brokerages …") or a
# phrase pointing back ("Within that group, …") leans on what came before it, and "Below is …",
# "Here's …" on what follows (a table, a list); "There were
# concerns …" (there as a dummy subject) does not, "There, …" (a place named before) does.
_UNRESOLVED = re.compile(
    r"^(?:that(?:'s|’s| is| was)?|this|these|those|it(?:'s|’s)?|its|he|she|they|them|his|her|their|there(?=,)|"
    r"such|so|but|and|or|also|however|then|meanwhile|still|yet|instead|indeed|others|both|the (?:move|deal|company|firm)|"
    r"simultaneously|at the same time|in the meantime|"
    # "The news, the latest salvo in …, sent shares down": news told before ("The news that …" tells it)
    r"the (?:news|announcement)(?! that\b)|"
    r"consequently|therefore|thus(?! far)|hence|as a result(?! of)|accordingly|for (?:example|instance)|"
    r"on the other hand|by contrast|in contrast(?! to)|nevertheless|nonetheless|even so|that said|having said that|"
    r"add to (?:that|this)|on top of (?:that|this|all (?:that|this))|"
    r"below|here(?:'s|’s| is| are)|the (?:chart|table|graph|figure|image|video) (?:above|below)|"
    r"(?:several |many |some |the )?other|(?:in|within|at|among|for|from|of|on|by|under|with|after|before|during|"
    r"despite|besides|beyond|(?:apart|aside) from|in addition to) "
    r"(?:that|this|these|those|such)(?! (?:is|was|are|were)\b))\b",
    re.I,
)
_QUOTE_CHARS = re.compile(r"[\"“”]")


# An amount of money ("$3.2 billion", "$349", "€40m"), the figure investors read for.
_AMOUNT = re.compile(r"[$€£¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:billion|million|trillion|bn|mn|m|b)\b)?", re.I)


@lru_cache(maxsize=50_000)
def amounts(text: str) -> frozenset[str]:
    """Return the amounts of money a text gives, written alike ("$3.2 billion" and "$3.2bn" match)."""
    found = set()
    for match in _AMOUNT.finditer(text):
        value = re.sub(r"\s", "", match.group(0).lower().replace(",", ""))
        value = value.replace("billion", "b").replace("bn", "b").replace("million", "m").replace("mn", "m")
        found.add(value.replace("trillion", "t"))
    return frozenset(found)


def same_amount(a: Sentence, b: Sentence) -> bool:
    """Return True when two sentences give one amount of money and so tell one fact.

    A week rarely has two facts of the same company worth the same millions or billions: one such
    amount is enough, however differently worded (a charge in the news and in a results preview).
    A bare price ("$250") recurs across products, so it counts with one content word shared
    besides ("the scooter is priced at $250" / "stores will stock the scooter at $250"), not alone.
    """
    shared = amounts(a.text) & amounts(b.text)
    if not shared:
        return False
    if any(x[-1:] in ("b", "m", "t") for x in shared):
        return True
    return any(not stem[:1].isdigit() for stem in set(a.stems) & set(b.stems))


_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\w])|(?<![\w.])\d+(?:\.\d+)?(?![\w])")


_CURRENCY_BEFORE = re.compile(r"[$€£¥]\s?$")
_UNIT_AFTER = re.compile(r"\s?(%|percent\b|per cent\b|trillion\b|billion\b|million\b|bn\b|mn\b|[mbt]\b)", re.I)
_UNIT_MARK = {"percent": "%", "per cent": "%", "trillion": "t", "billion": "b", "bn": "b", "million": "m", "mn": "m"}


@lru_cache(maxsize=50_000)
def telling_numbers(text: str) -> frozenset[str]:
    """Return the numbers that identify a fact with their unit ("20%", "$10t", "35.1"): decimals,
    and whole numbers from 10 up that are not years.

    The unit is part of the number: "10%" and "$10 trillion" are different figures, and two round
    numbers shared without their units would tie unrelated sentences into one fact.
    """
    found = set()
    for match in _NUMBER.finditer(text):
        value = match.group(0).replace(",", "")
        if "." in value or (int(value) >= 10 and not (1900 <= int(value) <= 2100)):
            unit = _UNIT_AFTER.match(text, match.end())
            mark = _UNIT_MARK.get(unit.group(1).lower(), unit.group(1).lower()) if unit else ""
            currency = "$" if _CURRENCY_BEFORE.search(text, 0, match.start()) else ""
            found.add(currency + value + mark)
    return frozenset(found)


def _percents(text: str) -> frozenset[str]:
    """Return the percentages a text gives ("60%" for "60 percent"): a move or a share, like an amount, names a fact."""
    return frozenset(n for n in telling_numbers(text) if n.endswith("%"))


def similarity(a: Sentence, b: Sentence) -> float:
    """Return how much two sentences say the same: the larger of Jaccard and scaled containment.

    Two sentences that share two telling numbers ("$35.1 billion, up 94%"), or one amount of
    money or percentage and SAME_AMOUNT_CONTAINED of their words, report the same fact however
    they are worded, and count as the same.
    """
    if len(telling_numbers(a.text) & telling_numbers(b.text)) >= 2:
        return 1.0
    sa, sb = set(a.stems), set(b.stems)
    if not sa or not sb:
        return 0.0
    common = len(sa & sb)
    jaccard = language.stem_overlap(sa, sb)
    containment = common / min(len(sa), len(sb))
    if containment >= SAME_AMOUNT_CONTAINED and (amounts(a.text) & amounts(b.text) or _percents(a.text) & _percents(b.text)):
        return 1.0
    return max(jaccard, containment * REDUNDANT / CONTAINED)


_DEMONSTRATIVE = re.compile(r"^(?:this|that|these|those)\s+(?!(?:is|was|are|were|has|had|have|will|would|could|can|"
                            r"may|might|means|meant|comes|came|led|leads|shows|suggests|reflects|allows|follows)\b)"
                            r"[a-z]", re.I)


# "… also saw similarly aggressive trading", "Globex, likewise, …": compared with what came before;
# "… some of these awards", "two of them": a part of something named before.
_COMPARED_BACK = re.compile(r"\b(?:similarly|likewise)\b(?! to\b)|\b(?:some|many|all|none|one|each|most|any|few|"
                            r"several|both|either|neither|two|three) of (?:these|those|them)\b", re.I)
# "… sees a similar growth path": similar to what came before, unless it says to what ("… to
# Globex's"), a clause before it in the sentence gives it ("Acme rose 6%, and Globex by a similar
# amount"), or a quote says it.
_SIMILAR = re.compile(r"\b(?:a|the)\s+similar\b(?!\s+(?:[\w-]+\s+){0,3}?(?:to|as)\b)", re.I)
_CLAUSE_BEFORE = re.compile(r"[,;—–]\s*(?:and|but|while|whereas|with)\b|;|\bwhile\b", re.I)


def _similar_back(text: str) -> bool:
    if "imilar" not in text:
        return False
    own = language.own_words(text)
    match = _SIMILAR.search(own)
    return match is not None and not _CLAUSE_BEFORE.search(own, 0, match.start())


# A pronoun as the subject after an opening phrase that names no one ("When the bubble burst, it
# lost a third of its revenue", "In a statement, they said …"; not "After Acme's warning, it fell"),
# and a period given as the one before ("During the same quarter, …"), lean back the same way.
_DATE_WORDS = ("Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
               "August|September|October|November|December")
_PRONOUN_AFTER_OPENING = re.compile(rf"^[A-Z][\w'’-]*(?:\s+(?!(?!{_DATE_WORDS})[A-Z])[\w'’$%.-]+){{0,12}},\s+"
                                    r"(?:it|they|he|she|its|their|his|her)\s")
_SAME_PERIOD = re.compile(r"^(?:in|during|over|for)\s+the\s+same\s+(?:quarter|period|month|year|week|day)\b", re.I)
# A clause that opens on a pronoun for someone named before ("If they aren't, power users will
# avoid them", "When he took over, …"); "it" is left out: "If it rains", "As it turns out".
_PRONOUN_CLAUSE = re.compile(r"^(?:if|when|whenever|while|because|although|though|as|unless|once|since|whereas|until|"
                             r"after|before)\s+(?:they|he|she|these|those|they['’](?:re|ve|ll|d))\b", re.I)


# A quotation's tail ("… that is what we expect," he said.; "… what our buyers asked for.”) whose
# opening quote mark, and with it the speaker, is in an earlier sentence; and a sentence that is a
# quotation whole, with no one named as saying it ("“We will double output.”").
_CLOSING_FIRST = re.compile(r"^[^\"“”]*[\w.,!?;:’')\]]\s*[\"”](?=\s|$|[,.;:)])")
_QUOTED_WHOLE = re.compile(r"^[\"“][^\"“”]+[\"”]\W*$")
# ... and the first sentence of a quotation that goes on past it ("“We will double output. …” she
# said"): it opens a quote mark it never closes, and its speaker is named after it.
_QUOTE_GOES_ON = re.compile(r"^[\"“][^\"“”]+$")


# "… expected $1.10 and $9.2 billion, respectively": the list it pairs with is in the sentence before,
# unless one is here too ("revenue and profit rose 8% and 12%, respectively": two lists, two joints).
_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def _pairs_back(text: str) -> bool:
    match = _RESPECTIVELY.search(text)
    return match is not None and len(re.findall(r"\band\b", text[:match.start()])) < 2


def _speakerless_quote(text: str) -> bool:
    return bool(_CLOSING_FIRST.match(text) or _QUOTED_WHOLE.match(text) or _QUOTE_GOES_ON.match(text))


def self_contained(sentence: Sentence) -> bool:
    """Return False for sentences that lean on what came before (a pronoun or connective first, "similarly")."""
    return not _leans_back(sentence.text)


@lru_cache(maxsize=50_000)  # asked of each candidate by `quality` and again by the summary
def _leans_back(text: str) -> bool:
    opening = text.lstrip("\"“‘'( ")
    return bool(_UNRESOLVED.match(opening) or _COMPARED_BACK.search(text) or _similar_back(text)
                or _PRONOUN_AFTER_OPENING.match(opening)
                or _SAME_PERIOD.match(opening) or _PRONOUN_CLAUSE.match(opening) or _pairs_back(text)
                or (('"' in text or "”" in text or "“" in text) and _speakerless_quote(text)))


def _names_its_referent(sentence: Sentence) -> bool:
    """Return True for "This strategic shift …": a demonstrative with its noun reads on its own."""
    return bool(_DEMONSTRATIVE.match(sentence.text.lstrip("\"“‘'( ")))


# A "sentence" this long whose words are mostly Capitalised is a run of headlines a scraper glued
# together (a "Most read" list), not prose: prose capitalises names, not most of its words.
HEADLINE_RUN_WORDS = 12
HEADLINE_RUN_SHARE = 0.6


@lru_cache(maxsize=50_000)  # asked of each candidate by `quality` and again by `top_stories`
def headline_run(text: str) -> bool:
    """Return True for text that reads as a list of headlines (mostly capitalised words)."""
    words = [w for w in text.split()[1:] if w[:1].isalpha()]
    if len(words) < HEADLINE_RUN_WORDS:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= HEADLINE_RUN_SHARE


# A figure lifts a sentence's quality by this much, the only factor above 1.
FIGURE_QUALITY = 1.2
MAX_QUALITY = FIGURE_QUALITY


def quality(sentence: Sentence) -> float:
    """Return a multiplier in (0, MAX_QUALITY] for how well a sentence reads on its own in a brief."""
    return _quality(sentence.text)


@lru_cache(maxsize=50_000)
def _quality(text: str) -> float:
    """Return `quality` of a sentence with this text (it reads nothing else; asked per theme and per portfolio subject)."""
    sentence = Sentence(text=text, source=0, position=0, paragraph=0, sources=[])  # the rules below read only its text
    words = len(sentence.text.split())
    factor = 1.0
    if not self_contained(sentence):
        factor *= 0.7 if _names_its_referent(sentence) else 0.3
    if words > LONG_WORDS:
        factor *= 0.5
    elif words < 7:
        factor *= 0.7
    quotes = len(_QUOTE_CHARS.findall(sentence.text))
    if quotes >= 2 and sentence.text.lstrip()[:1] in "\"“":
        factor *= 0.6  # a bare quotation needs its speaker to be understood
    if FIGURE.search(sentence.text):
        factor *= FIGURE_QUALITY  # investors read briefs for the figures
    if headline_run(sentence.text):
        factor *= 0.1
    own = language.own_words(sentence.text)
    if _TO_THE_READER.search(own):
        factor *= 0.5  # the writer speaking to the reader ("Whether you agree or not, …", "Let's look at why …"): a column's voice
    if own.rstrip("\"'”’) ").endswith("!"):
        factor *= 0.3  # news states; a writer's own exclamation sells ("… and it wasn't one of them!")
    elif sentence.text.rstrip("\"'”’) ").endswith("?") or _ASKED.match(sentence.text):
        factor *= 0.3  # a question, even one quoted or put indirectly, reports nothing ("… why did it write them down?")
    return factor


# A line whose news is that someone would not talk ("Acme and Globex declined to comment.", "Acme
# officials were unavailable for comment on the report."): not when more follows the refusal.
_NO_COMMENT = re.compile(r"\b(?:declined|refused|did not (?:immediately )?respond|didn['’]t (?:immediately )?respond|"
                         r"(?:had|has|have) not (?:yet )?responded|(?:hadn|hasn|haven)['’]t (?:yet )?responded|"
                         r"could not be reached|couldn['’]t be reached|(?:was|were) (?:not )?(?:immediately )?(?:un)?available)"
                         r"(?:\s+to\s+(?:[\w'’.-]+\s+){0,4}?requests?)?\s+(?:to|for)\s+(?:comment|requests? for comment)"
                         r"(?:\s+on\s+[^.,;:]{0,30})?(?:\s+(?:at the time of (?:writing|publication)|by (?:press|publication) time))?"
                         r"[\W]*$", re.I)


# The writer's own words turned to the reader: "you", "your", "let's". A quoted speaker's "you" is
# reported speech, and `own_words` leaves quotes out.
# ... and a column's own chat: "Fortunately for all of us, …", "Acme remains, well, a …".
_TO_THE_READER = re.compile(r"\b(?:you|your|yours|let['’]s|let us)\b|(?-i:\b(?:for|to|of) (?:all of )?us\b)|,\s*well,", re.I)


# A question put as a statement: "Another question is whether …", "The big question now is how …",
# "It remains to be seen whether …" — what is not known, not what happened.
_ASKED = re.compile(r"(?:(?:The|Another|One|A|Our) (?:big |key |main |real |open |next |other )?"
                    r"questions? (?:now |then |here )?(?:is|are|remains?) (?:whether|if|what|how|when|why|who)\b|"
                    r"It (?:remains|is) (?:to be seen|unclear|not (?:yet )?clear) (?:whether|if|what|how|when|why)\b)")


# Words a scrape ran together, where an inline link or a styled word lost the space beside it
# ("fell afterthe company said", "met andDeepSeek's founder"): the sentence is verbatim but reads as
# a typo in a brief, so another outlet's wording of the same story is quoted before it.
RUN_TOGETHER = 0.5
# A function word glued to a capitalised word ("andNasdaq", "itsH20", "theFinancial Times"), unless
# the whole is one of the subject's names ("theScore") ...
_GLUED_BEFORE = re.compile(r"(?<![\w'’-])(?:the|and|its|with|of|to|in|on|at|by|for|from|as|is|was|that|this|said|their|"
                           r"his|her|an|a)[A-Z][\w&]+", re.A)
# ... or a word the week writes on its own to a capitalised word ("kingpinAcme"), again unless
# the whole is one of the subject's names ("easyJet"); not to a capital run ("watchOS", "phpBB") ...
_GLUED_NAME = re.compile(r"(?<![\w'’])([a-z]{3,})[A-Z][a-z]\w*")
# ... or a lower-case word to the function word after it ("afterthe", "saidit's", "resultsand",
# "earlieras", "partnerwith"), when the week writes the first word, of four letters or more
# ("photo", "seethe"), on its own. Not "it" ("visit", "digit"), "in" ("plugin", "within"), "on"
# ("season", "lesson"), "at" ("format"), "by" ("nearby"), "an" ("suburban") or "its" ("profits"):
# ordinary words end so.
_GLUED_AFTER = re.compile(r"(?<![\w'’-])([a-z]{4,})(?:the|and|to|it['’]s|not|as|is|was|were|has|have|of|with|for|from|"
                          r"that|which)(?![\w'’-])")
# ... or one of the function words no English word starts with a word of four letters or more
# after ("itsrobotic", "thatworried", "andpension"), glued to a word the week writes on its own. Not
# "the" ("therapist", "therein"), "for" ("forward", "fortune") or "with" ("withdraw", "withstand").
_GLUED_LOWER = re.compile(r"(?<![\w'’-])(?:its|and|that|this|their|was)([a-z]{4,})(?![\w'’-])")
# ... but "cannot", "hereto", "thereof", "whereas" and "forthwith" are words.
_JOINS_AS_A_WORD = frozenset({"can", "here", "there", "where", "forth"})
# ... or a capital run glued to a word the week writes on its own ("told CNBCyesterday", "XYZencoders"):
# not "JPMorgan" ("organ" is no word of a week's news), not "GPUs" (one letter) ...
_GLUED_CAPITALS = re.compile(r"(?<![\w'’-])[A-Z]{2,}([a-z]{3,})(?![\w'’-])")
# ... or a finance site's inline quote glued to the prose around it ("Acme(ACME-2.4%)shares",
# "(NASDAQ:ACME)announced"): a closing parenthesis right before a word, or a word right before a
# quote's parenthesis.
_GLUED_QUOTE = re.compile(r"\)[a-z]{2,}|[A-Za-z]\((?=[A-Z]{1,6}(?:\s?[-+−]\s?\d|:))")


def run_together(text: str, words: frozenset[str], names: frozenset[str] = frozenset()) -> bool:
    """Return whether the text has words run together by its scrape.

    `words` are the week's lower-case words; `names` the subject's names in lower case, which may
    be written in one piece ("easyJet", "theScore").
    """
    if any(match.group(0).lower() not in names for match in _GLUED_BEFORE.finditer(text)):
        return True
    for match in _GLUED_NAME.finditer(text):
        if match.group(1) in words and match.group(0).lower() not in names:
            return True
    if any(m.group(1) in words for m in _GLUED_LOWER.finditer(text)):
        return True
    if _GLUED_QUOTE.search(text) or any(m.group(1) in words for m in _GLUED_CAPITALS.finditer(text)):
        return True
    return any(m.group(1) in words and m.group(1) not in _JOINS_AS_A_WORD for m in _GLUED_AFTER.finditer(text))


# Seams `respaced` puts a space back into, besides `run_together`'s (whose "a" before a capital it
# leaves: "aTyr" is a name). A capital run before a function word ("andNVIDIAis", "ACMEto"): no word
# of the news ends a capital run so ("CEOs", "GPUs" end on one letter) ...
_CAPITALS_THEN_WORD = re.compile(r"(?<![\w'’-])([A-Z]{2,})(is|was|and|the|to|for|with|from|that|has|have|in|on|at|of)(?![\w'’-])")
# ... a name before a function word ("Foxconnin", "Acmeis", "Houstonfor"), when the same article
# writes the name on its own: not "on", "as", "an", "at", "it" or "of", which end names
# ("Harrison", "Nicholas", "Morgan") whose head is a name too ...
_NAME_THEN_WORD = re.compile(r"(?<![\w'’-])([A-Z][a-z]{3,})(is|was|were|in|and|the|to|for|with|from|that|which|has|have|had|said)"
                             r"(?![\w'’-])")
# ... a comma between two words ("like Acme,Globex, andInitech") ...
_COMMA_THEN_WORD = re.compile(r"(?<=[A-Za-z]{2}),(?=[A-Za-z]{2})")
# ... and a closing parenthesis before a word ("(NASDAQ:ACME)announced", "(ACME)CEO").
_PAREN_THEN_WORD = re.compile(r"(?<=[\w%.:]{2}\))(?=[A-Za-z]{2})")
# ... a possessive glued to the word after it ("the company'sformer chief"), that word one the week writes ...
_POSSESSIVE_THEN_WORD = re.compile(r"(?<=[A-Za-z]['’]s)([a-z]{3,})(?![\w'’-])")
_WORD_THEN_QUOTE = re.compile(r"(?<=[A-Za-z])\((?=[A-Z]{1,6}(?:\s?[-+−]\s?\d|:|\d+(?:\.\d+)?%\)))")
# ... and lower-case words run together at a function word ("asthe", "isbackin", "licensein"): a
# word no English dictionary holds that splits into two dictionary words (or three, when no two
# are), each a function word or a word the week writes on its own, each seam joining a function
# word to a word and attested (`_attested`). A word the dictionary lacks is left whole: "rumor" (no
# one writes "rum or"), "writedown" or "onboarding" (a particle closing or opening a compound), and
# two words glued without a function word ("roadmap", "policymakers", "manufacturingplants"): a
# closed compound cannot be told from two words run together.
_LOWER_RUN = re.compile(r"(?<![\w'’.@/-])[a-z]{5,30}(?![\w'’@/-])")
# The closed classes a link's edge most often glues to a word: articles, prepositions,
# conjunctions, pronouns and determiners, auxiliaries and modals, small numbers.
_FUNCTION_WORDS = frozenset(
    "the an and or but nor of to in on at by for from with as into onto than about after before between "
    "against amid among during through across despite since until without within via per while whereas "
    "because although though if whether it its this that these those their his her our your my they them "
    "we he she who which what all some any each both is are was were be been has have had do does "
    "did will would could should can may might must not also said says two three four five six seven eight "
    "nine ten over under out up down off".split())
# Particles that open compound words ("onboarding", "overbuilding", "bygone", "aftersales") or close them
# ("writedown", "buildout", "walkthrough"): such a seam is left as written.
_OPENS_COMPOUNDS = frozenset("over under out up down off on in by with after".split())
_CLOSES_COMPOUNDS = frozenset("over under out up down off through".split())
# The two-letter words that may be a part: others are as often two letters inside a word ("he",
# "we", "my" in "hemostat", "weblog", "myriad").
_SHORT_PARTS = frozenset("of to in on at by as is an it".split())


def _attested(pair: tuple[str, str], first: bool, last: bool, together: Callable[[str], int]) -> bool:
    """Return whether a function word and a word glued in a word were two: no particle opens or
    closes the word, and the week writes them side by side or English does (the bigram dictionary)."""
    if not (pair[0] in _FUNCTION_WORDS or pair[1] in _FUNCTION_WORDS):
        return False
    if (first and pair[0] in _OPENS_COMPOUNDS) or (last and pair[1] in _CLOSES_COMPOUNDS):
        return False  # "onboard", "writedown": however often the week writes "on board" or "write down"
    phrase = " ".join(pair)
    return together(phrase) > 0 or phrase in language.dictionary_pairs()


def _lower_seams(word: str, words: frozenset[str], together: Callable[[str], int]) -> str | None:
    """Return the word with the spaces its scrape lost put back, or None when it is a word (see `_LOWER_RUN`)."""
    known = language.dictionary_words()
    if word in known:
        return None

    def part(w: str) -> bool:
        return (len(w) > 2 or w in _SHORT_PARTS) and (w in _FUNCTION_WORDS or w in words) and w in known

    splits = [(word[:i], word[i:]) for i in range(2, len(word) - 1) if part(word[:i]) and part(word[i:])]
    if not splits:  # three words only when no two are: "isbackin", not "in to capital" for "intocapital"
        splits = [(word[:i], word[i:j], word[j:]) for i in range(2, len(word) - 3) if part(word[:i])
                  for j in range(i + 2, len(word) - 1) if part(word[i:j]) and part(word[j:])]
    if not splits:
        return None
    found = [parts for parts in splits
             if all(_attested(pair, k == 0, k == len(parts) - 2, together)
                    for k, pair in enumerate(zip(parts, parts[1:])))]
    if not found:
        return None
    # Of two readings ("it stop", "its top"), the one the week writes more often.
    return " ".join(max(found, key=lambda parts: min(together(" ".join(p)) for p in zip(parts, parts[1:]))))


def respaced(text: str, words: frozenset[str], names: frozenset[str] = frozenset(), context: str = "",
             named: Callable[[], Mapping[str, int]] | None = None,
             together: Callable[[str], int] | None = None) -> str:
    """Return the text with the spaces its scrape lost put back, at the seams `run_together` reads.

    Only spaces are added: every letter, digit and mark is the source's, in its order. Each seam
    needs the evidence its reader asks for: `words` (the week's lower-case words), `names` (the
    subject's, in lower case, which may be one piece: "theScore"), `context` (the article's text),
    `named` (gives how often the week writes each word of its names; called only when a name
    before a function word is met): a glued name is written on its own in one or the other; and
    `together` (gives how often the week writes a phrase; called only for a lower-case word no
    dictionary holds, see `_LOWER_RUN`).
    """
    if not text:
        return text

    def before(match: re.Match) -> str:
        glued = match.group(0)
        if glued.lower() in names:
            return glued
        cut = next(i for i, c in enumerate(glued) if c.isupper())
        return glued if glued[:cut] == "a" else glued[:cut] + " " + glued[cut:]

    def name(match: re.Match) -> str:
        glued = match.group(0)
        if match.group(1) not in words or glued.lower() in names:
            return glued
        return match.group(1) + " " + glued[len(match.group(1)):]

    def head(match: re.Match) -> str:  # a function word glued to the word after it
        glued = match.group(0)
        return glued[:-len(match.group(1))] + " " + match.group(1) if match.group(1) in words else glued

    def tail(match: re.Match) -> str:  # a word glued to the function word after it
        first = match.group(1)
        if first not in words or first in _JOINS_AS_A_WORD:
            return match.group(0)
        return first + " " + match.group(0)[len(first):]

    def capitals(match: re.Match) -> str:
        return match.group(0)[:-len(match.group(1))] + " " + match.group(1) if match.group(1) in words else match.group(0)

    def split_after(match: re.Match) -> str:
        return match.group(1) + " " + match.group(2)

    def name_then_word(match: re.Match) -> str:
        glued = match.group(0)
        # A name: a word the week never writes in lower case ("with" heads "Within"), and that the
        # week or the article writes on its own more often than glued.
        if glued.lower() in names or match.group(1).lower() in words:
            return glued
        counts = named() if named is not None else {}
        alone = max(counts.get(match.group(1), 0),
                    len(re.findall(rf"(?<![\w'’-]){re.escape(match.group(1))}(?![\w'’-])", context)))
        if alone <= counts.get(glued, 0):  # "Francis" as often as "Franc": a name of its own
            return glued
        return split_after(match)

    text = _GLUED_BEFORE.sub(before, text)
    text = _GLUED_NAME.sub(name, text)
    text = _GLUED_LOWER.sub(head, text)
    text = _GLUED_AFTER.sub(tail, text)
    text = _GLUED_CAPITALS.sub(capitals, text)
    text = _CAPITALS_THEN_WORD.sub(lambda m: m.group(0) if m.group(0).lower() in names else split_after(m), text)
    text = _NAME_THEN_WORD.sub(name_then_word, text)
    text = _COMMA_THEN_WORD.sub(", ", text)
    text = _PAREN_THEN_WORD.sub(" ", text)
    text = _WORD_THEN_QUOTE.sub(" (", text)
    text = _POSSESSIVE_THEN_WORD.sub(lambda m: " " + m.group(1) if m.group(1) in words else m.group(1), text)
    if together is not None:
        text = _LOWER_RUN.sub(lambda m: m.group(0) if m.group(0) in names else
                              _lower_seams(m.group(0), words, together) or m.group(0), text)
    return text


def _normalized(scores: list[float]) -> list[float]:
    if not scores:
        return []
    low, high = min(scores), max(scores)
    if high - low < 1e-12:
        return [1.0] * len(scores)
    return [(s - low) / (high - low) for s in scores]


def _prefilter(candidates: list[Sentence], limit: int) -> list[Sentence]:
    """Return at most `limit` candidates: the most central by stem frequency, then quality.

    Quality (a few regular expressions per sentence) is read best-first, until no candidate left
    could enter the top `limit` even at the best quality: on a results week's theme of 30,000
    sentences a few thousand are read, and the result is the one reading them all gives.
    """
    if len(candidates) <= limit:
        return candidates
    stem_sets = [set(s.stems) for s in candidates]
    frequency = Counter(chain.from_iterable(stem_sets))  # counted in C
    count = frequency.__getitem__
    sums = [sum(map(count, stems)) for stems in stem_sets]
    # Rounding is monotone, so (MAX_QUALITY * s) / n bounds (quality * s) / n as computed.
    bounds = [MAX_QUALITY * total / (len(stems) + 5) for total, stems in zip(sums, stem_sets)]
    centrality: dict[int, float] = {}
    kept: list[float] = []  # the `limit` best centralities read so far (a min-heap)
    for i in sorted(range(len(candidates)), key=bounds.__getitem__, reverse=True):
        if len(kept) == limit and bounds[i] < kept[0]:
            break
        value = centrality[i] = quality(candidates[i]) * sums[i] / (len(stem_sets[i]) + 5)
        if len(kept) < limit:
            heapq.heappush(kept, value)
        elif value > kept[0]:
            heapq.heapreplace(kept, value)
    ranked = sorted(centrality, key=lambda i: (-centrality[i], candidates[i].source, candidates[i].position))
    return sorted((candidates[i] for i in ranked[:limit]), key=lambda s: (s.source, s.position))


# How the default method blends its graph rank with what makes a fact brief-worthy across
# articles: figures, the subject named, and an article's lead (news puts the news first).
WEIGHTS = {"rank": 0.3, "figure": 0.3, "subject": 0.15, "lead": 0.1, "fit": 0.15}
LEAD_SENTENCES = 3
# Weight of a sentence the previous brief already carried ("continuing story").
OLD_NEWS = 0.5
# Weight, in the executive summary only, of a sentence that does not name the subject.
UNNAMED_IN_SUMMARY = 0.7
# Two figures make a sentence a results line ("$47.5 billion, up 21%"); more adds nothing.
FIGURES_FOR_FULL_CREDIT = 2


# A sentence saying what usually holds ("typically indicates", "tend to reflect", "occurs when")
# without naming the subject explains; it reports nothing that happened this week.
_GENERAL_CLAIM = re.compile(r"\b(?:typically|usually|generally|tends? to|in general|as a rule|occurs when|"
                            r"is defined as|refers to)\b", re.I)
GENERAL_CLAIM = 0.3
# Weight of a sentence that names the subject and leads with its own reported or guided result
# (`figures.reports_results`, applied by the build's weight): on results week the headline
# numbers must not lose to commentary on them.
OWN_RESULTS = 1.25
# The writer in the first person, in its own words ("I'd wait to see …", "I've generally been
# bullish on Acme", "We estimate Acme's fair value at $25"): a column's or a research note's view,
# never a summary bullet; a quoted speaker's "I" or "we" is reported speech, and "Model I" a name.
_WRITER_SPEAKS = re.compile(r"(?:^|[^\w\s]\s*|\b[a-z][\w'’-]*\s+)(?:I|[Ww]e)(?:['’](?:m|ve|d|ll|re)\b|\s+[a-z])|"
                            r"\b(?:[Mm]y|[Oo]ur)\s+[a-z]")


@lru_cache(maxsize=50_000)
def writer_speaks(text: str) -> bool:
    """Return True for a line in which the writer speaks as "I" or "we" outside quotes (`_WRITER_SPEAKS`)."""
    return _WRITER_SPEAKS.search(language.own_words(text)) is not None


# "Revenue for the quarter hit $10.2 billion": which quarter, the sentence before said. In a theme,
# beside its article's other lines, it is the report's; leading the summary alone, it is not told.
_UNNAMED_PERIOD = re.compile(r"\b(?:for|in|during|over|of)\s+the\s+(?:quarter|period|three months|half)\b", re.I)
_NAMED_PERIOD = re.compile(rf"\b(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ](?:fiscal[- ])?(?:quarter|half)\b|"
                           rf"\b(?:Q[1-4]|H[12]|(?:19|20)\d\d|(?-i:{_DATE_WORDS}))\b", re.I)


def unnamed_period(text: str) -> bool:
    """Return True for a line giving "the quarter" (or period) without saying which (`_UNNAMED_PERIOD`)."""
    return _UNNAMED_PERIOD.search(text) is not None and _NAMED_PERIOD.search(text) is None


# A line looking ahead to the company's report ("Acme is due to report its first-quarter results on
# Thursday", "shares rose ahead of its earnings report"): once the week holds the report itself,
# the report replaces it, and it weighs this much and leads nothing (`build`).
_PREVIEW_LINE = re.compile(r"\b(?:is|are|was|were)\s+(?:due|expected|scheduled|set|slated)\s+to\s+(?:report|post|release|"
                           r"announce|publish)\b|\bahead\s+of\s+(?:its|their|the\s+company['’]s)\s+(?:[\w-]+\s+){0,3}?"
                           r"(?:earnings|results|report)\b|\bwill\s+report\s+(?:its|their)\s+(?:[\w-]+\s+){0,3}?"
                           r"(?:earnings|results)\b", re.I)
PREVIEW_AFTER_RESULTS = 0.5


@lru_cache(maxsize=50_000)
def previews(text: str) -> bool:
    """Return True for a line that looks ahead to a company's report (`_PREVIEW_LINE`)."""
    return _PREVIEW_LINE.search(text) is not None


# The writer explaining its own list ("To come up with the list, we only considered stocks with
# …", "Our ranking uses …") in its own words, not a quote: how the article was made, not news.
_OWN_LIST = re.compile(r"\b(?:we|our)\b(?=.*\b(?:lists?|rank(?:ed|ing)|screen(?:ed|ing)?|methodology|criteria)\b)"
                       r"|\b(?:lists?|rank(?:ed|ing)|screen(?:ed|ing)?|methodology|criteria)\b(?=.*\b(?:we|our)\b)"
                       # ... or boasting of its model portfolio against the market ("The Acme Picks portfolio has
                       # outperformed the S&P 500 since inception", "… stocks deliver higher returns with lower risk
                       # than the benchmark"): a pitch for the publisher's product.
                       r"|\bportfolios?\b(?=[^.!?]{0,120}?\b(?:outperform(?:ed|s|ing)?|(?:higher|better|greater) returns?|"
                       r"returns? (?:greater|higher|better) than)\b[^.!?]{0,120}?\b(?:s&p 500|benchmark|index|since inception|"
                       r"(?:lower|less) risk)\b)"
                       # ... or of its calm ("The Acme Picks portfolio, of 30 stocks, has shown lower volatility")
                       r"|\bportfolios?\b(?=[^.!?]{0,120}?\b(?:lower|less|reduced|smaller) (?:volatility|risk|drawdowns?)\b)",
                       re.I)


# "Acme Corp (ACME) is a mid-cap value stock in the …", "Acme is, first and foremost, a maker of …",
# "Acme is one of the leading …": what a company or a product is, as a profile, a screen's report or
# an author's bio opens, not what happened this week. A figure or a day of the week makes it news.
_DESCRIPTION = re.compile(r"^(?:The\s)?((?:[A-Z][\w.&'’-]*\s?){1,5})(?:\([^)]{1,30}\)\s?)?,?\s?(?:is|remains)"
                          r"(?:,?\s(?:still|also|first and foremost|arguably),?)?\s(?:a|an|one of|the)\s")


@lru_cache(maxsize=50_000)
def describes(text: str) -> bool:
    """Return True for a sentence that says what a named company or product is (`_DESCRIPTION`)."""
    match = _DESCRIPTION.match(text)
    if match is None or FIGURE.search(text) or _THIS_WEEK.search(text):
        return False
    return match.group(1).split()[0].lower() not in language.stop_words()  # "This is …", "There is …": not a name


# The stock's standing statistics given as levels, as a data vendor's template gives them: its year's
# range ("a 52-week low of $80 and a 52-week high of $140"), its moving averages, its valuation
# ratios, its beta, its market value ("has a market capitalization of …"). True any day, not what
# happened this week: "shares hit a 52-week high on Tuesday" and "cut its debt-to-equity ratio to
# 0.5" are news.
_STOCK_STATISTIC = re.compile(
    r"\b(?:(?:(?:1|one|52|fifty[- ]two|twelve|12)[- ](?:year|week|month) (?:low|high)|"
    r"(?:\d+|fifty|two hundred)[- ]day (?:simple |exponential )?moving average(?: price)?|"
    r"(?:price[- ]to[- ](?:earnings|book|sales)|p/e|peg|debt[- ]to[- ]equity|quick|current) ratio|beta) of|"
    r"(?:has|had) a market (?:capitalization|capitalisation|cap|value) of|"
    # ... and its day's volume set against its average ("… shares were exchanged, compared to its average volume of …")
    r"average (?:daily )?(?:trading )?volume of)\b", re.I)


# ... unless the stock moved to it: "fell to a 52-week low of $80 after the warning".
_REACHED = re.compile(r"\b(?:hit|hits|touched|touches|reached|reaches|set|sets|fell|falls|dropped|drops|sank|sinks|rose|"
                      r"rises|climbed|climbs|jumped|jumps|plunged|slid|tumbled|new|fresh|record)\b(?:\s+[\w-]+){0,3}\s*$",
                      re.I)


@lru_cache(maxsize=50_000)
def stock_statistics(text: str) -> bool:
    """Return True for a sentence giving the stock's standing statistics (`_STOCK_STATISTIC`), not dated in the week."""
    low = text.lower()
    if not any(cue in low for cue in _STATISTIC_CUES):
        return False  # most lines: the pattern's alternatives are tried at every offset otherwise
    match = _STOCK_STATISTIC.search(text)
    return match is not None and not _REACHED.search(text, 0, match.start()) and not _THIS_WEEK.search(text)


_STATISTIC_CUES = ("low of", "high of", "moving average", "ratio of", "beta of", "market cap", "market value of",
                   "volume of")


# A sentence dated before the week by its own words ("last year", "a year ago", "previously"; not a
# comparison, "up 12% from last year") tells background; one dated in the week ("this week",
# "today", "on Monday") is the week's news: the first weighs BACKGROUND unless it also says the second.
# So does one whose dates ("the quarter ended January 2025") all fall in months before the week's.
BACKGROUND = 0.8
# A share-price move smaller than this (in percent) is the market's daily drift: it weighs as little
# as an explainer (GENERAL_CLAIM) unless nothing else is left.
SMALL_MOVE = 1.0
_BEFORE_THE_WEEK = re.compile(r"(?<!from )(?<!than )(?<!over )(?<!versus )(?<!vs\. )(?<!to )"
                              r"\b(?:last (?:year|quarter|month|fall|spring|summer|winter)|a year ago|years ago|"
                              r"previously|in the past)\b", re.I)
_THIS_WEEK = re.compile(r"\b(?:this week|today|tonight|this morning|on (?:monday|tuesday|wednesday|thursday|friday|"
                        r"saturday|sunday)|(?:late|early) (?:monday|tuesday|wednesday|thursday|friday))\b", re.I)


@lru_cache(maxsize=50_000)
def background(text: str, since: dt.date | None = None) -> bool:
    """Return True when a text dates what it tells before the week (see BACKGROUND)."""
    return bool((_BEFORE_THE_WEEK.search(text) or period.dated_before(text, since) or period.bare_month_before(text, since))
                and not _THIS_WEEK.search(text))


def background_stories(sentences: Sequence[Sentence], since: dt.date | None = None) -> set[int]:
    """Return the ids of the stories some of whose sentences date them before the week and none in
    it: one event, background however its other tellings leave the date out ("data center revenue
    grew 93% to $35.6 billion" beside "… in its fourth quarter ended January 2025"). Only for a
    week whose first day is known: without it, one outlet's "previously" is too little to date a story."""
    if since is None:
        return set()
    before, this_week = set(), set()
    for sentence in sentences:
        if sentence.story:
            if _THIS_WEEK.search(sentence.text):
                this_week.add(sentence.story)
            elif background(sentence.text, since):
                before.add(sentence.story)
    return before - this_week


@lru_cache(maxsize=50_000)
def _figure_count(text: str) -> int:
    """Return how many figures a text gives (FIGURE's matches)."""
    return len(FIGURE.findall(text))


def score(candidates: list[Sentence], method: str, about: Callable[[str], bool] | None = None,
          weight: Callable[[Sentence], float] | None = None, since: dt.date | None = None) -> list[Sentence]:
    """Return the candidates with their score: the method's rank (0..1), for `default` blended with
    figures, subject mentions and lead position, weighed by the sentence's quality and its story's `weight`.

    A sentence from an article that names the subject only in passing is left out unless it
    names the subject itself: such an article gives the brief only its lines about the subject
    (a rival's results, a game's awards, a market's day are not the subject's news).
    """
    names = [bool(about and about(s.text)) for s in candidates]
    if about is not None:
        kept = [i for i, s in enumerate(candidates) if s.central or names[i]]
        candidates, names = [candidates[i] for i in kept], [names[i] for i in kept]
    ranked = _normalized(list(rank.scores([s.text for s in candidates], method)))
    best_fit = max((s.fit for s in candidates), default=0.0) or 1.0
    scored = []
    for sentence, value, named in zip(candidates, ranked, names):
        if method == "default":
            figures = min(_figure_count(sentence.text), FIGURES_FOR_FULL_CREDIT) / FIGURES_FOR_FULL_CREDIT
            value = (WEIGHTS["rank"] * value
                     + WEIGHTS["figure"] * figures
                     + WEIGHTS["subject"] * named
                     + WEIGHTS["lead"] * (sentence.position < LEAD_SENTENCES)
                     + WEIGHTS["fit"] * sentence.fit / best_fit)
        if about is not None and not named and (_GENERAL_CLAIM.search(sentence.text)
                                                or _OWN_LIST.search(language.own_words(sentence.text))):
            value *= GENERAL_CLAIM  # "A score above 80% typically indicates …": an explainer, not the week's news
        elif language.gives_advice(sentence.text) or describes(sentence.text):
            value *= GENERAL_CLAIM  # advice ("investors should monitor …") or a profile's line, whoever it names
        if background(sentence.text, since):
            value *= BACKGROUND  # "… wrapped up last year with …": what happened before, told again
        move = price_move(sentence.text)
        if move is not None and move[2] < SMALL_MOVE:
            value *= GENERAL_CLAIM  # "shares were up 0.3% in the premarket": a day's drift, not the week's news
        # What the previous brief already reported still counts, but what is new leads.
        scored.append(replace(sentence, score=float(value) * quality(sentence) * (1.0 if sentence.new else OLD_NEWS)
                              * (weight(sentence) if weight else 1.0)))
    return scored


# "Shares fell 7% on Wednesday", "declined by 6.87 percent on Wednesday", "slumped 7% to close at
# $104.49 Wednesday" (a price's point is no sentence's end): a move by a percentage on a weekday,
# the line a week's news repeats most, each outlet with its own figure and hour.
_UP = r"rose|rises|rise|gained|gains|jumped|jumps|climbed|climbs|surged|surges|soared|soars|rallied|rallies|advanced|was up|were up"
_DOWN = (r"fell|falls|fall|dropped|drops|declined|declines|slid|slides|sank|sinks|tumbled|tumbles|plunged|plunges|"
         r"slumped|slumps|lost|loses|tanked|tanks|sinking|falling|was down|were down")
_PRICE_MOVE = re.compile(rf"\b(?:({_UP})|({_DOWN}))\b(?: by| as much as| nearly| almost| more than| over| about|\s)*"
                         r"(\d+(?:\.\d+)?)\s?(?:%|percent\b)(?:[^.;,]|(?<=\d)[.,](?=\d)){0,30}?"
                         r"\b(monday|tuesday|wednesday|thursday|friday)\b", re.I)


# ... or without a day, when shares or a stock make it ("Shares of Acme tanked 39% today").
_SHARES_MOVE = re.compile(rf"\b(?:shares?|stock)\b[^.;]{{0,90}}?\b(?:({_UP})|({_DOWN}))\b(?: by| as much as| nearly| almost|"
                          r" more than| over| about|\s)*(\d+(?:\.\d+)?)\s?(?:%|percent\b)", re.I)
# Outlets give one move at different hours: sizes within this ratio of each other are one move.
SAME_MOVE_RATIO = 0.8


@lru_cache(maxsize=50_000)
def price_move(text: str) -> tuple[str, str, float] | None:
    """Return the direction ("up" or "down"), weekday ("" if none) and size (%) of a price move the text reports, else None."""
    match = _PRICE_MOVE.search(text)
    if match:
        return ("up" if match.group(1) else "down"), match.group(4).lower(), float(match.group(3))
    match = _SHARES_MOVE.search(text)
    if match:
        return ("up" if match.group(1) else "down"), "", float(match.group(3))
    if _TRADING.search(text):
        match = _MOVE_NEAR.search(text)
        if match:
            day = _WEEKDAY.search(text)
            return ("up" if match.group(1) else "down"), day.group(1).lower() if day else "", float(match.group(3))
        match = _SIGNED_MOVE.search(text)
        if match:
            day = _WEEKDAY.search(text)
            return ("down" if match.group(1) in "-−" else "up"), day.group(1).lower() if day else "", float(match.group(2))
    return None


# ... or told in another order, in a sentence about trading: "In early trading Wednesday, ACME was
# down 6.7%", "the share price fell to $104.32, down more than 7% … on Wednesday". "Up to 10%" is
# a ceiling, not a move.
_TRADING = re.compile(r"\b(?:shares?|stock|share price|trading|traded|trades|premarket|pre-market|session)\b", re.I)
_MOVE_NEAR = re.compile(rf"\b(?:({_UP}|up(?! to\b))|({_DOWN}|down))\b[^.;%]{{0,25}}?\b(\d+(?:\.\d+)?)\s?(?:%|percent\b)", re.I)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday)\b", re.I)
# ... or as a signed change ("closed the most recent trading day at $52.10, moving -0.2% from the
# previous trading session", "a change of +1.4%").
_SIGNED_MOVE = re.compile(r"\b(?:moving|moved|changing|changed|a (?:move|change) of)\s+([-−+])(\d+(?:\.\d+)?)\s?(?:%|percent\b)", re.I)


def same_move(a: str, b: str) -> bool:
    """Return True when two texts report one price move: the same direction on the same weekday, or
    where one gives no day ("tanked 39% today"), a size within SAME_MOVE_RATIO of the other's."""
    move_a, move_b = price_move(a), price_move(b)
    if move_a is None or move_b is None or move_a[0] != move_b[0]:
        return False
    if move_a[1] and move_b[1]:
        return move_a[1] == move_b[1]
    low, high = sorted((move_a[2], move_b[2]))
    return high > 0 and low >= SAME_MOVE_RATIO * high


def same_direction(a: str, b: str) -> bool:
    """Return True when two texts report price moves the same way: in a summary of the week's top
    stories the stock's fall is one story, however many days and sizes outlets give it."""
    move_a, move_b = price_move(a), price_move(b)
    return move_a is not None and move_b is not None and move_a[0] == move_b[0]


def _codes(text: str) -> frozenset[str]:
    """Return the whole numbers from 100 up that are not years and carry no unit: a product's or a
    filing's number ("Series 7000", "Rule 144"), which names one thing wherever it is given."""
    return frozenset(n for n in telling_numbers(text) if n.isdigit() and int(n) >= 100)


def same_fact(a: Sentence, b: Sentence) -> bool:
    """Return True when two sentences would repeat one fact in a brief: one story, one amount of
    money (`same_amount`), one product's or filing's number, one share-price move on one day (each
    outlet gives its own percentage and hour), worded alike (REDUNDANT), or one quotation
    (`_quoted_runs`)."""
    if (a.story and a.story == b.story) or same_amount(a, b) or _codes(a.text) & _codes(b.text):
        return True
    return (same_move(a.text, b.text) or similarity(a, b) >= REDUNDANT or retold(a, b) or same_trip(a.text, b.text)
            or same_site(a.text, b.text) or bool(_quoted_runs(a.text) & _quoted_runs(b.text)))


# One statement quoted by two outlets, each around it in its own words ('… expects "hundreds of
# thousands of jobs"', '… will create "hundreds of thousands of jobs and drive …"'): this many
# words in a row inside quotation marks, the same in both, are one fact, when QUOTED_CONTENT of
# them are no stop words ("in the United States and" is any speaker's).
QUOTED_RUN = 5
QUOTED_CONTENT = 3
_QUOTED = re.compile(r"[\"“]([^\"“”]{20,})[\"”]")


@lru_cache(maxsize=50_000)
def _quoted_runs(text: str) -> frozenset[tuple[str, ...]]:
    """Return every run of QUOTED_RUN words (lower case) inside the text's quotation marks that
    holds QUOTED_CONTENT words or more that are no stop words."""
    if '"' not in text and "“" not in text:
        return frozenset()
    stop = language.stop_words()
    runs = set()
    for match in _QUOTED.finditer(text):
        words = [w.lower() for w in language.words(match.group(1))]
        for i in range(len(words) - QUOTED_RUN + 1):
            run = tuple(words[i:i + QUOTED_RUN])
            if sum(w not in stop for w in run) >= QUOTED_CONTENT:
                runs.add(run)
    return frozenset(runs)


# Two outlets retelling one event in their own words ("made a trip to Lagos" / "visited Lagos,
# meeting …") share about a third of their content stems (Jaccard) and half of the shorter one's;
# two different facts of one week share its vocabulary ("X90", "export", "tariff") but less of both.
RETOLD_JACCARD = 0.28
RETOLD_CONTAINED = 0.45


def retold(a: Sentence, b: Sentence) -> bool:
    """Return True when two sentences tell one event in other words: their stems overlap both ways
    and neither gives a telling number the other lacks (a new figure is a new fact)."""
    if telling_numbers(a.text) ^ telling_numbers(b.text):
        return False
    sa, sb = set(a.stems), set(b.stems)
    if not sa or not sb:
        return False
    common = len(sa & sb)
    return common / min(len(sa), len(sb)) >= RETOLD_CONTAINED and language.stem_overlap(sa, sb) >= RETOLD_JACCARD


# One person's trip, told by several outlets in their own words ("made a high-profile trip to
# Lagos", "visited Nigeria Thursday, meeting …"): a traveller named in full in one and by surname in
# the other, going to the same country, is one event in a week; two outlets share too few words for
# `retold`.
_TRAVEL = re.compile(r"\b(?:visit(?:s|ed|ing)?|trips?|travel(?:s|led|ed|ling|ing)?|arriv(?:e|es|ed|ing)|"
                     r"(?:went|heads?|headed|flew) to|landed in)\b", re.I)
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+ ([A-Z][a-z]{2,})\b")


@lru_cache(maxsize=50_000)
def _travellers(text: str) -> frozenset[str]:
    """Return the surnames of the people named in full in a text that tells of travel (none without a travel word)."""
    if not _TRAVEL.search(text):
        return frozenset()
    return frozenset(m.group(1) for m in _FULL_NAME.finditer(text))


def same_trip(a: str, b: str) -> bool:
    """Return True when two texts tell one person's travel to one country (see `_TRAVEL`)."""
    if not (_TRAVEL.search(a) and _TRAVEL.search(b)):
        return False
    shared = {n for n in _travellers(a) if re.search(rf"\b{n}\b", b)} | {n for n in _travellers(b) if re.search(rf"\b{n}\b", a)}
    if not shared:
        return False
    places = countries(a) & countries(b)
    # The traveller is a person, not the place itself ("Lagos" after "Greater"): a shared name must not be a place's.
    return bool(places) and any(not countries(n) for n in shared)


# One site, told by several outlets in their own words ("plans to open a factory in Wroclaw,
# Poland", "picked an industrial park in Poland … to build its new factory", "a new plant in
# Southern Poland"): a facility and a place named beside it are one fact in a week, however
# little else the tellings share. Places must be the same by name ("Ohio" and "Arizona" are two fabs).
_FACILITY = re.compile(r"\b(?:plants?|factor(?:y|ies)|gigafactor(?:y|ies)|facilit(?:y|ies)|fabs?|refiner(?:y|ies)|"
                       r"smelters?|mines?|campus(?:es)?|data cent(?:er|re)s?|warehouses?)\b", re.I)
_PLACE_WORDS = re.compile(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?")
SITE_WINDOW = 60  # characters either side of the facility word


@lru_cache(maxsize=50_000)
def _sites(text: str) -> frozenset[str]:
    """Return the places (lower case) named beside a facility word in the text."""
    found: set[str] = set()
    for match in _FACILITY.finditer(text):
        window = text[max(0, match.start() - SITE_WINDOW):match.end() + SITE_WINDOW]
        for run in _PLACE_WORDS.finditer(window):
            for name in (run.group(0), *run.group(0).split()):
                if name.lower() in places():
                    found.add(name.lower())
    return frozenset(found)


def same_site(a: str, b: str) -> bool:
    """Return True when two texts tell of a facility in the same named place (see `_FACILITY`)."""
    return bool(_sites(a) & _sites(b))


def restates(a: Sentence, b: Sentence) -> bool:
    """Return True when one sentence says what the other says (its words or two of its figures),
    so the other's sources may be cited for it; one shared amount or story is not enough."""
    if len(telling_numbers(a.text) & telling_numbers(b.text)) >= 2:
        return True
    return language.stem_overlap(a.stems, b.stems) >= REDUNDANT


# Sources owed to a picked sentence by the candidates that restate it, by the picked sentence's id().
Credits = dict[int, list[int]]


def credited(sentences: list[Sentence], credits: Credits) -> list[Sentence]:
    """Return the sentences, each citing also every source that said the same fact (see `pick`)."""
    out = []
    for sentence in sentences:
        extra = [x for x in dict.fromkeys(credits.get(id(sentence), ())) if x not in sentence.sources]
        out.append(replace(sentence, sources=list(sentence.sources) + extra) if extra else sentence)
    return out


# A candidate scoring below this share of its theme's best (among those not already quoted) is filler (a promotion's aside, a
# template's stock line): a theme with few good sentences shows few rather than pad its quota.
FILLER_SHARE = 0.25


# A sentence whose subject is a demonstrative standing for what the sentence before said ("That
# means Acme can outlast its rivals.", "This is why buyers keep coming back …") says nothing without it:
# a theme shows fewer lines rather than such a one. A demonstrative with its noun ("This strategic
# shift …"), a person's pronoun ("He said the plant would open in May"), a conjunction or a discourse
# marker ("But …", "However, sales rose 31%") or "the company" leave the content whole, and
# are only weighed down (`quality`).
_PRONOUN_SUBJECT = re.compile(r"^(?:that|this|these|those|such)(?:'s|’s)?\b", re.I)


def hangs(sentence: Sentence) -> bool:
    """Return True for a sentence that cannot be quoted alone (`_PRONOUN_SUBJECT`; "This strategic shift …" can)
    or that tells nothing of the week (`says_nothing`)."""
    return (bool(_PRONOUN_SUBJECT.match(sentence.text.lstrip("\"“‘'( "))) and not _names_its_referent(sentence)) \
        or says_nothing(sentence.text)


def says_nothing(text: str) -> bool:
    """Return True for a line whose only news is that someone would not comment (`_NO_COMMENT`), and
    for the stock's standing statistics (`stock_statistics`): neither is quoted, however thin a theme."""
    return ("omment" in text and _NO_COMMENT.search(text) is not None) or stock_statistics(text)


def pick(candidates: list[Sentence], count: int, taken: list[Sentence], max_words: int | None = None,
         credits: Credits | None = None) -> list[Sentence]:
    """Return up to `count` best candidates, none repeating a fact already picked or taken, none that `hangs`.

    A candidate that restates a picked one adds its sources to `credits` for that one.
    """
    ordered = sorted((s for s in candidates if not hangs(s)), key=lambda s: (-s.score, s.source, s.position))
    best = next((s.score for s in ordered if not any(same_fact(t, s) for t in taken)), 0.0)
    floor = FILLER_SHARE * best
    picked: list[Sentence] = []
    words = 0
    for sentence in ordered:
        if len(picked) >= count or sentence.score < floor:
            break
        twin = next((p for p in picked + taken if same_fact(p, sentence)), None)
        if twin is not None:
            if restates(twin, sentence) and credits is not None:
                credits.setdefault(id(twin), []).extend(sentence.sources)  # the other source said it too
            continue
        length = len(sentence.text.split())
        if max_words is not None and picked and words + length > max_words:
            continue
        picked.append(sentence)
        words += length
    return picked


def select(themes: list[Theme], method: str = "default", *, per_theme: int = 4, summary_size: int = 4,
           max_words: int | None = None, about: Callable[[str], bool] | None = None,
           stories: Sequence[Story] | None = None, leads: Callable[[Sentence], bool] | None = None,
           discount: Callable[[Sentence], float] | None = None, since: dt.date | None = None,
           shared: Callable[[str], bool] | None = None,
           words: frozenset[str] = frozenset(), names: frozenset[str] = frozenset(),
           fallback: Callable[[Sentence], bool] | None = None) -> tuple[list[Sentence], list[Theme]]:
    """Return (executive summary, themes with their selected sentences), without repeated facts.

    With `stories`, each candidate weighs as its story does, the summary is the week's top
    stories (one sentence each, citing every source of its story; `leads` says which sentences
    may lead; `discount` weighs a sentence by its article's kind), and no story is quoted twice.
    `since` (the week's first day) dates background; `shared` says whether a text names another
    listed company (such a line leads only when no other story can); `fallback` says which may lead
    when none of `leads` can (a week told only in columns). `words` are the week's
    lower-case words and `names` the subject's, lower-cased: they tell a scrape's run-together
    words (`run_together`), which weigh a sentence down.
    """
    if stories is None:
        return _select_by_theme(themes, method, per_theme, summary_size, max_words, about)
    by_id = {story.id: story for story in stories}
    dated = background_stories([s for theme in themes for s in theme.candidates], since)
    def weight(sentence: Sentence) -> float:
        story = by_id.get(sentence.story)
        # A member that does not date itself still tells its story's earlier event (`score` weighs the others).
        told_before = BACKGROUND if sentence.story in dated and not background(sentence.text, since) else 1.0
        glued = RUN_TOGETHER if words and run_together(sentence.text, words, names) else 1.0
        return (story.weight if story else 1.0) * (discount(sentence) if discount else 1.0) * told_before * glued
    scored = [(index, score(_prefilter(theme.candidates, MAX_CANDIDATES), method, about, weight, since))
              for index, theme in enumerate(themes)]
    summary = top_stories(scored, themes, by_id, summary_size, about, leads, shared, dated)
    if not summary and fallback is not None:
        summary = top_stories(scored, themes, by_id, summary_size, about, fallback, shared, dated)
    taken = list(summary)
    budget = max_words // max(1, len(themes)) if max_words else None
    quotas = quota(themes, per_theme)
    credits: Credits = {}
    picks = []
    for (index, candidates), theme in zip(scored, themes):
        picks.append(pick(candidates, quotas[id(theme)], taken, budget, credits))
        taken.extend(picks[-1])
    shown = [replace(theme, sentences=sorted(credited(chosen, credits), key=lambda s: not s.new))  # new first
             for theme, chosen in zip(themes, picks)]
    return credited(summary, credits), [t for t in shown if t.sentences]


# In the summary a story ranks by its weight times its best sentence's score: this much of the
# score is a floor, so a story twenty outlets told outranks a blog's well-worded aside.
STORY_SCORE_FLOOR = 0.5


def top_stories(scored: list[tuple[int, list[Sentence]]], themes: list[Theme], stories: dict[int, Story], size: int,
                about: Callable[[str], bool] | None = None, leads: Callable[[Sentence], bool] | None = None,
                shared: Callable[[str], bool] | None = None, dated: set[int] = frozenset()) -> list[Sentence]:
    """Return the executive summary: the week's top stories, each as its best self-contained sentence, in theme order.

    Stories told before the week (`dated`, see `background_stories`) lead only when no story of the week is left.

    A sentence cites the sources that said it word for word; every source of its story is
    listed with the story (`Brief.stories`), so a citation always leads to the quoted words.
    """
    best: dict[int, tuple[float, int, Sentence, bool]] = {}
    # Every theme, discovered ones too: a week's top story is one whatever words it is told in
    # ("the regulator set up a bridge bank" matches no configured theme's terms).
    for index, candidates in scored:
        for sentence in candidates:
            if not self_contained(sentence) or headline_run(sentence.text) or says_nothing(sentence.text) or (
                    leads is not None and not leads(sentence)) or unnamed_period(sentence.text) \
                    or writer_speaks(sentence.text):
                continue
            if not (sentence.central or about is None or about(sentence.text)):
                continue
            key = sentence.story or -id(sentence)
            # A summary line is about the subject alone: one it shares with another listed company
            # ("Acme and Globex (GLBX) are the day's laggards") leads only when no other story can.
            alone = shared is None or not shared(sentence.text)
            if key not in best or (alone, sentence.score) > (best[key][3], best[key][0]):
                best[key] = (sentence.score, index, sentence, alone)

    def rank(key: int) -> float:
        story = stories.get(key)
        return (story.weight if story else 1.0) * (STORY_SCORE_FLOOR + best[key][0])

    order = sorted(best, key=lambda k: (not best[k][3], k in dated, -rank(k), best[k][2].source, best[k][2].position))
    chosen: list[tuple[int, Sentence]] = []
    for key in order:
        if len(chosen) >= size:
            break
        _, index, sentence, _ = best[key]
        if any(same_fact(sentence, other) or same_direction(sentence.text, other.text) for _, other in chosen):
            continue
        chosen.append((index, sentence))
    chosen.sort(key=lambda item: item[0])
    return [s for _, s in chosen]


def _select_by_theme(themes: list[Theme], method: str, per_theme: int, summary_size: int,
                     max_words: int | None, about: Callable[[str], bool] | None) -> tuple[list[Sentence], list[Theme]]:
    """Return (summary, themes) when no stories are known: each theme picks, the summary takes theme leaders."""
    taken: list[Sentence] = []
    budget = max_words // max(1, len(themes)) if max_words else None
    quotas = quota(themes, per_theme)
    credits: Credits = {}
    picked = []
    for theme in themes:
        candidates = score(_prefilter(theme.candidates, MAX_CANDIDATES), method, about)
        # One spare pick per theme: a sentence promoted to the summary leaves its theme.
        chosen = pick(candidates, quotas[id(theme)] + 1, taken, budget, credits)
        taken.extend(chosen)
        if chosen:
            picked.append((theme, replace(theme, sentences=chosen)))
    summary = summarize([shown for _, shown in picked], summary_size, about)
    in_summary = {id(s) for s in summary}
    result = []
    for theme, shown in picked:
        rest = [s for s in shown.sentences if id(s) not in in_summary][:quotas[id(theme)]]
        if rest:
            result.append(replace(shown, sentences=sorted(credited(rest, credits), key=lambda s: not s.new)))  # new first
    return credited(summary, credits), result


def quota(themes: list[Theme], per_theme: int) -> dict[int, int]:
    """Return how many sentences each theme gets: the audience's number, more where more was said.

    A theme with k times the average support gets sqrt(k) times the base, within one fewer and
    two more than the base, so the busiest story of the week is not cut to the same length as
    a footnote.
    """
    sizes = [len(t.candidates) for t in themes]
    mean = sum(sizes) / len(sizes) if sizes else 1.0
    return {id(t): max(max(1, per_theme - 1), min(per_theme + 2, round(per_theme * math.sqrt(n / mean))))
            for t, n in zip(themes, sizes)}


def summarize(themes: list[Theme], size: int, about: Callable[[str], bool] | None = None) -> list[Sentence]:
    """Return the executive summary: the strongest, most self-contained facts across themes.

    The summary is about the subject: a sentence that names it (or its people and products)
    outranks one that does not by a factor of 1 / UNNAMED_IN_SUMMARY, and a sentence from an
    article that names the subject only in passing is taken only when no other sentence is
    about the subject: a short summary is better than a rival's news.
    """
    configured = [t for t in themes if not t.discovered] or themes
    # The best two of each theme compete; a theme's first pick wins ties with another's second.
    pool = [(s.score * (1.0 if i == 0 else 0.8) * (1.0 if about is None or about(s.text) else UNNAMED_IN_SUMMARY),
             t_index, s)
            for t_index, t in enumerate(configured) for i, s in enumerate(t.sentences[:2])]
    pool.sort(key=lambda item: (-item[0], item[1]))
    pool = [(t_index, s) for _, t_index, s in pool if self_contained(s)]

    def relevant(sentence: Sentence) -> bool:
        return sentence.central or about is None or about(sentence.text)

    chosen: list[tuple[int, Sentence]] = []
    used_themes: set[int] = set()
    turns = len({t for t, s in pool if relevant(s)})
    for t_index, sentence in pool:
        if len(chosen) >= size:
            break
        if not relevant(sentence):
            continue
        if t_index in used_themes and len(used_themes) < min(size, turns):
            continue  # one per theme until every theme has had its turn
        chosen.append((t_index, sentence))
        used_themes.add(t_index)
    # Then the rest of the relevant ones; passing mentions only when nothing else is about the subject.
    for wanted, admit in ((size, relevant), (size if not chosen else 0, lambda _s: True)):
        for t_index, sentence in pool:
            if len(chosen) >= wanted:
                break
            if admit(sentence) and all(s is not sentence for _, s in chosen):
                chosen.append((t_index, sentence))
    chosen.sort(key=lambda item: item[0])
    return [s for _, s in chosen]
