"""Clean scraped articles: keep article prose about the subject, drop noise and duplicates.

Per article (`clean_article`, independent of the others, so it can run in parallel or come from
the cache), in two steps. `prepare` needs no subject: lines become units; labels (lines without
final punctuation: headlines, bylines, timestamps, widgets) mark where the article ends and
appended content — related stories, ads, other companies' news — begins; every sentence gets
its noise verdict. `attribution.attribute` then applies one subject: appended stories survive
only if they concern it, the rules that depend on it run (`story_noise`), and each kept sentence
learns whom it is about. Across the corpus (`clean`): articles that never concern
the subject are dropped whole, and exact or near-duplicate sentences are kept once with every
source that said them. Every removal is a Drop with its reason, for `briefs build --explain`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain, islice, repeat

from . import language
from .config import Subject
from .model import Article, CleanArticle, Drop
from .vocabulary import Vocabulary, first_words, word_runs

# Fewer words than this and a "sentence" is a label, a button or a fragment.
MIN_WORDS = 6
# A figure statement can be shorter: "Globex slipped 2.4 percent." (`is_short_fact`).
SHORT_FACT_WORDS = 4
# A scraped list glued into one run-on "sentence" is not quotable prose.
MAX_WORDS = 90
# ...unless it is written as one: a market wrap's "Among the actives, A rose 1%, while B fell 2%,
# …" has a comma every five or six words; glued headlines, legal lists and digests one in 10 to 50.
RUN_ON_WORDS_PER_COMMA = 8
# Trailing sentences after the article's last mention of the subject are sign-offs and promos
# when there are only a few of them; a longer tail is real prose that uses pronouns.
MAX_TAIL = 3
# An article is about the subject when its headline or its first LEAD kept sentences (the lede)
# name it, or when at least CENTRAL_SHARE of its sentences do; otherwise the subject is a
# passing mention in a story about something else.
LEAD = 1
CENTRAL_SHARE = 0.15
# Near-duplicates: share this much of their content stems (Jaccard) — syndicated copies with a
# word changed, a dateline added or punctuation altered.
NEAR_DUPLICATE = 0.8
# Sentences one head or tail indexes at most: a template filled with new numbers each time (a
# price line, a wire's fixed lead) would otherwise make every new copy compare with every old one.
BUCKET_LIMIT = 40

# Phrase vocabularies: each runs its regex only on sentences holding one of the words its
# phrases start with (`Vocabulary`), which most article prose does not.
#
# A promotion is judged by what it does — it tells the reader to act, or offers something — not
# by a word: "a soft click", "a subscription service", "as users sign up", "apps that unlock
# productivity" are news. So bare action words count only as an imperative opening the sentence,
# or after "you can"; the offers below are phrases no news sentence uses for anything else.
_ACTIONS = (r"click|tap|subscribe|sign (?:up|in)|signup|register|download|read|visit|join|follow|share|"
            r"learn|find out|find|check out|get|try|watch|listen|contact|call|enter|receive|discover|claim|see|"
            r"buy|order|start|upgrade|unlock|explore|grab|access|catch|stream|tune in|view")
# An imperative: an action verb opening the sentence (after an optional "Label:"), followed by
# what a command takes — a determiner, a pronoun, a particle — not by a noun ("Watch sales rose",
# "Share prices fell", "Call options traded" are news); or an action label ending in a colon
# ("Get Acme alerts:", "Read more:").
_IMPERATIVE = Vocabulary(
    rf"^(?:[\w'’ ]{{2,24}}:\s*)?(?:please\s+)?(?:don'?t miss|act now|(?:{_ACTIONS})\s+(?:here|now|today|up|in|on|out|our|the|your|us|"
    rf"to|for|this|these|more|a|an|free|it|them|all|what|how|why|which|below|latest|full|exclusive|instant|live)\b)"
    rf"|^(?:{_ACTIONS}|don'?t miss|more for you)\b[^.:!?]{{0,40}}:"
    # "Follow Acme News on Facebook …": the page's own account ("Millions follow her on X" is news: not an opening)
    rf"|^(?:[\w'’ ]{{2,24}}:\s*)?(?:please\s+)?follow (?:[\w.@'’&-]+ ){{1,4}}on (?:twitter|facebook|instagram|linkedin|x|"
    rf"threads|bluesky|tiktok|youtube|whatsapp|telegram)\b"
    # "Be sure to check out …", "For further details, see …": the page sending the reader on
    rf"|^(?:be sure to|make sure (?:to|you)|remember to|don'?t forget to) (?:{_ACTIONS})\b"
    rf"|^for (?:more|further|additional) (?:information|details|info)\b[^.!?]{{0,40}}\b(?:visit|see|go to|contact|call|click|"
    rf"read|e-?mail)\b",
    lower=True,
)
# The reader told what they can do: "you can download…", "you are encouraged to visit…".
_READER_ACTION = Vocabulary(
    rf"\byou(?: can| could| may| will|'ll| are encouraged to| are invited to)(?: also| now| still)? (?:{_ACTIONS})\b"
    rf"|\b(?:{_ACTIONS}) (?:our|here)\b",
    lower=True,
)
# "You can see / find / learn …" sends the reader somewhere only when it says where (here, below,
# our page or newsletter, a link) or is a short line of its own; "as you can see, deposits fell" and "you'll see
# margins recover" are the writer's analysis.
_PERCEIVE = re.compile(r"\byou(?: can| could| may| will|'ll|’ll)(?: also| now| still)? (?:see|find|learn|discover|notice)\b",
                       re.I)
_POINTS_SOMEWHERE = re.compile(r"\b(?:here|below|link|website|web page)\b|https?://|www\."
                               r"|\bour (?:[\w-]+ ){0,2}(?:site|page|newsletter|podcast|app|channel|list|coverage|report|blog)\b",
                               re.I)
# Up to this many words, a line that tells the reader what they can see is a prompt, not analysis.
PROMPT_WORDS = 12
# Offers: phrases whose only use is to sell the reader something or collect their address.
_CALL_TO_ACTION = Vocabulary(
    r"\b(click here|tap here|free (?:trial|report|newsletter|stock analysis|e-?book|guide|video)|promo code|"
    r"special offer|limited[- ]time offer|use (?:the )?(?:promo |discount )?code|off your (?:first|next|order)|buy now|order now|subscribe (?:now|today)|"
    r"sign up (?:for (?:our|a free|free)|now|today|here)|enter(?:ing)? your e-?mail|(?:in|to) your inbox|"
    r"our (?:free |daily |weekly |quarterly |premium )*(?:e-?newsletter|newsletter|stock picks?|research service)|"
    # an affiliate's link the reader is sent through ("join through her link"), not "a link in an e-mail"
    r"(?:through|via|using) (?:his|her|their|our|my) (?:affiliate |referral )?link|"
    r"read (?:the original|the full story|the full article)|trending:|sponsored content|"
    # the publisher asking for tips or visits: "Email us at …", "Have a news tip?", "visit our website"
    r"e-?mail us|contact us at|have a (?:news )?tip|visit our (?:web)?site|"
    # a publisher's stock pitch: "7 shares we prefer more than Acme", "ask our expert stock pickers"
    r"(?:stocks|shares|companies) we (?:like|love|prefer) (?:better|more) than|"
    r"our (?:award-winning |expert |top )+(?:analysts?|analyst team|investing team|research team|stock pickers?))\b",
    lower=True,
)
# Legal boilerplate, in phrases news never uses for anything else ("a copyright lawsuit", "a
# consent decree", "Oreo cookies" and "a fiduciary duty" are news; a notice says "© 2024" or
# "uses cookies"). Shouting capitals are caught by `_is_shouting`.
_LEGAL = Vocabulary(
    r"\b(all rights reserved|(?:not|nor|no) (?:constitute |intended as |be construed as )?(?:investment|financial) advice|"
    r"terms (?:and|&) conditions|(?:our|the site's) terms of (?:use|service)|"
    # the publisher's privacy policy, not a company's in the news ("its privacy policy changes drew a fine")
    r"(?:our|the site's|view|see|read|review|terms ?(?:and|&) ?)\s?(?:the |this )?privacy (?:policy|notice)|"
    r"(?:use of|uses?|accept|store) cookies|you agree to|you are agreeing to|cookie (?:policy|settings|preferences)|consent (?:preferences|settings)|"
    r"past performance (?:is|does) not|past performance is no|for information(?:al)? purposes|"
    r"not indicative of future|originally (?:appeared|published)|appeared first on|copyright \d{4}|reproduction (?:in whole|is prohibited)|"
    r"no (?:specific )?outcome|is not responsible for|subject to change without notice|forward-looking statements|"
    r"trademarks? (?:and/or|or) registered trademarks?|"
    # a wire's footer, an opinion page's, an affiliate's, a republished story's
    r"our standards(?=:)|rewritten or redistributed|views (?:and opinions )?expressed (?:here|herein|above|in this \w+) (?:are|do)|"
    r"(?:we|i) (?:may )?(?:earn|receive) (?:a |an )?(?:small )?(?:affiliate )?commission|"
    # any publisher's: "Acme Media may earn an affiliate commission from purchases made through links"
    r"(?:earn|receive)s? (?:a |an )?(?:small )?affiliate commission|"
    r"commission (?:from|on) (?:purchases|sales|anything you buy) (?:made )?(?:through|via|from|using) (?:the |our )?links|"
    # a sponsored post's note: "This review was compensated by Example Media"
    r"(?:this (?:shop|post|article|review|content|page|story)|i|we) (?:ha(?:s|ve) been|was|were|am|are|is) compensated by|"
    r"this (?:article|story|post|piece|content) (?:first|originally) (?:appeared|ran|was published))\b",
    lower=True,
)
# Holdings or relationship disclosures of the writer or publisher, by their fixed forms.
_DISCLOSURE = Vocabulary(
    r"\b(?:is|are|am|was) (?:long|short)(?: shares of)? [A-Z]{1,5}\b|\b(?:owns|holds) (?:shares|a position|positions) in\b|"
    r"\bha(?:s|ve) (?:no |a |an )?(?:(?:beneficial|long|short) )*positions? in\b|\bhas a disclosure policy\b|"
    r"\bposition(?:s)? in the (?:stocks?|securities) mentioned\b|"
    # "I/we have no stock, option or similar derivative position in any of the companies mentioned".
    r"\bha(?:s|ve) no (?:stock|option|similar|derivative|or|and|,| )+positions? in\b|"
    # The writer's own terms: "it expresses my own opinions", "I am not receiving compensation for it",
    # "no business relationship with any company whose stock is mentioned in this article".
    r"\bexpresses my own (?:opinions?|views?)\b|\b(?:I am|I'm|we are) not receiving compensation\b|"
    r"\bno business relationship with any company whose stock\b|"
    r"\b(?:[Dd]isclosure|[Dd]isclaimer): |"
    # A writer's option positions, listed: "has the following options: long June 2027 $150 calls on Acme".
    r"\bha(?:s|ve) the following (?:options|positions)\b|\b(?:long|short) (?:[A-Z][a-z]+ )?(?:\d{4} )?\$[\d.,]+ (?:calls|puts) on\b|"
    # The writer's tie to the publisher and its pay: "X is an affiliate of <publisher> and may be compensated
    # for promoting its services" (a company "is an affiliate of" another in news, and is not paid for promoting).
    r"\ban affiliate of\b[^.;]{0,60}\bcompensated for promoting\b|"
    # The writer's own holdings, in so many words: "the author does not own any of the above securities",
    # "I do not hold shares of Acme" (a company that "does not hold deposits at" a bank is news).
    r"\b(?:[Tt]he (?:author|writer|columnist)|[Tt]his (?:author|writer)|I)(?: \w+){0,2}? (?:do|does|did) not (?:own|hold)\b"
    r"[^.;]{0,40}?\b(?:shares|stocks?|positions?|securities)\b",
)
_SECOND_PERSON = Vocabulary(r"\b(?:you|your|yours)\b", re.I)
# The publisher serving the reader: "we send you …", "we'll show you …" ("we urge you" is a demand).
_PITCH = re.compile(r"\bwe\b[^.;!?]{0,40}?\b(?:send|bring|give|deliver|e-?mail|show|help|tell|alert|offer)s? you\b", re.I)
# Past this many words a "we … you" sentence is speech or analysis (an earnings call), not a pitch.
PITCH_WORDS = 25
# A reader prompt carries where to go: a web address, an e-mail address or a phone number.
_CONTACT = re.compile(r"https?://|www\.|\b[\w.+-]+@[\w-]+\.\w|\b\w[\w-]*\.(?:com|net|org|co\.uk)\b|\(\d{3}\) ?\d{3}-\d{4}|\b\d{3}-\d{3}-\d{4}\b")
_BOUNDARY = re.compile(
    r"^(?:related|recommended|more (?:from|on|stories|news|to read|like this)|read (?:more|next|also)|also read|"
    r"see also|trending|popular|most (?:read|popular|viewed)|you (?:may|might) (?:also )?like|top stories|"
    r"latest (?:news|stories)|further reading|up next|what to read next|editor'?s picks|"
    r"(?:related|more) (?:articles|stories|insights|coverage|news|content|posts))\b",
    re.I,
)
_AD_LABEL = re.compile(r"^(?:ad|ads|advert|advertisement|sponsored(?: content)?|promoted|partner content|"
                       r"anzeige|werbung|publicité|publicidad|pubblicità|placeholder)$", re.I)
_TIMESTAMP = re.compile(
    r"^(?:\d+\s+(?:second|minute|min|hour|hr|day|week|month|year)s?\s+ago|yesterday|today|just now|"
    r"\d{1,2}:\d{2}|\d+\s+month\s+\d+\s+day|updated|published|posted)\b|\b\d+\s+(?:minutes?|hours?|days?)\s+ago$",
    re.I,
)
_BYLINE = re.compile(r"^(?:by|author|source|posted by|written by|reporting by|edited by|photo|image)\b[:\s]", re.I)
_SHORT_NAME_LINE = re.compile(r"^-?\s*[A-Z][\w.&' -]{0,30}$")
# A list item ("- Revenue: $47.5 billion, up 21%") is prose even without a final period.
_BULLET = re.compile(r"^\s*(?:[-–•*▪]|\d{1,2}[.)])\s+")
# Section labels glued to the front of a sentence by scraping ("Trending: Meta's ...").
_LEAD_LABEL = re.compile(
    r"^(?:trending|update[d]?|breaking(?: news)?|exclusive|analysis|opinion|editor'?s note|"
    r"key (?:takeaways?|points))\s*[:|–—-]\s+",
    re.I,
)
# A date set before a sentence as its label ("April 18- Analysts are …", "Mar. 3, 2026 — Acme …"):
# a page's date stamp, not the sentence's words. A wire's dateline ("SPRINGFIELD (Reuters) - …")
# opens on its place, and stays.
_LEAD_DATE = re.compile(r"^(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
                        r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2}(?:,\s*\d{4})?\s*[:|–—-]\s+(?=[A-Z])")
# Pointers to other pages glued to the front of a sentence: the rest is that page's headline.
_LEAD_POINTER = Vocabulary(r"^(?:related|read (?:more|next|also)|see also|more|watch|listen|recommended)\s*[:|–—-]\s+", re.I)
_CREDIT = Vocabulary(r"\b(?:image|photo(?:graph)?|picture|illustration|video|graphic)s?(?: credit| source)?\s*:\s", re.I)
# A chart's credit line: a ticker, the chart's measure and its data source ("ACME Free Cash Flow data
# by ChartCo.", scraped glued or not: "ACME Gross Margin (TTM)data byChartCo"), alone or run into the
# sentence after it. "Revenue data by the agency showed …" names no ticker first, and is news.
_CHART_CREDIT = re.compile(r"^[A-Z]{2,5}(?:\b|(?=data))(?:\s?(?:[A-Z][\w&/-]*|\([A-Za-z ]{1,20}\))){0,5}\s?data\s?by\s?"
                           r"[A-Z][\w.]*[A-Za-z]")
_LEAD_CHART_CREDIT = re.compile(_CHART_CREDIT.pattern + r"\s+(?=[A-Z])")
_PROMO_LABEL = re.compile(r"^[\w'’ ]{2,24}:\s")
_LABEL_REASONS = {
    "ad": "advertisement label",
    "boundary": "navigation (related content)",
    "timestamp": "timestamp",
    "byline": "byline or source label",
    "source": "byline or source label",
    "heading": "fragment or heading",
}


def normalize(text: str) -> str:
    """Return text folded for comparison: NFKC, lower case, words only."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return " ".join(word_runs(text))
    return " ".join(word_runs(unicodedata.normalize("NFKC", text)))


@dataclass(frozen=True)
class ArticleClean:
    """One article after per-article cleaning: kept paragraphs of sentences and what was dropped."""

    article: Article
    paragraphs: list[list[str]]
    dropped: list[Drop]
    mentions: int
    # Per kept sentence, computed where the article is cleaned (in a worker process, or cached):
    # its comparison key (`normalize`) and content stems, so the corpus-wide steps reuse them.
    keys: list[list[str]] = field(default_factory=list)
    stems: list[list[tuple[str, ...]]] = field(default_factory=list)
    # Per kept sentence: whom it is about ("" the subject, else another company's name; see attribution).
    about: list[list[str]] = field(default_factory=list)

    def with_features(self) -> ArticleClean:
        """Return the article with each kept sentence's comparison key and content stems stored."""
        if len(self.keys) == len(self.paragraphs) and len(self.stems) == len(self.paragraphs):
            return self
        return replace(self, keys=[[normalize(s) for s in p] for p in self.paragraphs],
                       stems=[[tuple(language.content_stems(s)) for s in p] for p in self.paragraphs])

    def features(self) -> list[list[tuple[str, tuple[str, ...]]]]:
        """Return (key, stems) per kept sentence."""
        item = self.with_features()
        return [list(zip(k, st)) for k, st in zip(item.keys, item.stems)]


@dataclass(frozen=True)
class Cleaned:
    articles: list[CleanArticle] = field(default_factory=list)
    dropped: list[Drop] = field(default_factory=list)
    # normalized kept sentence -> ids of the other sources that said it (or a near-duplicate)
    echoes: dict[str, list[int]] = field(default_factory=dict)


_UPPER = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = b"abcdefghijklmnopqrstuvwxyz"


def _is_shouting(text: str) -> bool:
    """Return True for text mostly in capitals (legal boilerplate), letters counted in C."""
    # In UTF-8 only an ASCII letter is one of these bytes; deleting bytes is the quickest count.
    raw = text.encode("utf-8", "surrogatepass")
    lower = len(raw) - len(raw.translate(None, _LOWER))
    if lower >= 0.3 * len(text):
        return False  # capitals can be at most 70% of the letters: most prose stops here
    upper = len(raw) - len(raw.translate(None, _UPPER))
    return upper + lower > 20 and upper / (upper + lower) > 0.7


# Latin-script languages whose function words sumy ships. A sentence that is mostly such words is
# foreign, and a Latin-script sentence with more English function words than theirs is English
# (names and figures lower its share of English words): neither needs the language model, whose
# loading costs a third of a second in every process. The rest — few function words of any
# list, or another script — is asked of py3langid.
_FOREIGN_LISTS = ("german", "french", "spanish", "italian", "portuguese", "swedish", "polish", "czech", "slovak")
FOREIGN_WORDS = 0.25
SOME_ENGLISH = 0.1


def _latin_script(text: str) -> bool:
    """Return True when every letter of the text is Latin (accents included), none Cyrillic, Greek, CJK…"""
    return all(ord(c) <= 0x24F or not c.isalpha() for c in text)


@lru_cache(maxsize=1)
def _foreign_function_words() -> frozenset[str]:
    from sumy.utils import get_stop_words

    words = set().union(*(get_stop_words(name) for name in _FOREIGN_LISTS))
    return frozenset(words - language.stop_words())


def _english_between_names(words: list[str]) -> bool:
    """Return True for a list of names whose lower-case words are English ("Dumont, Lefèvre … and Perrin lost 2 to 4%.")."""
    # Names are capitalised and belong to no language; the words between them tell it.
    lower = [w for w in words if w[:1].islower()]
    if len(lower) * 2 > len(words) or not lower:
        return False  # mostly lower-case: the shares over all words already judge it
    if any(w in _foreign_function_words() for w in lower):
        return False
    return sum(w in language.stop_words() for w in lower) >= 0.3 * len(lower)


def is_foreign(sentence: str) -> bool:
    """Return True when a sentence is in another language than English.

    py3langid alone misreads name-heavy English sentences, so a sentence also needs few English
    function words to count as foreign.
    """
    words = language.words(sentence)
    english = language.stop_word_share(sentence) if words else 1.0
    if english >= 0.3 or _english_between_names(words):
        return False
    foreign = sum(w.lower() in _foreign_function_words() for w in words) / len(words)
    if foreign >= FOREIGN_WORDS and foreign > english:
        return True
    if english >= SOME_ENGLISH and foreign < english and _latin_script(sentence):
        return False
    return language.identify(sentence) != "en"


def _is_legal(text: str, runs: tuple[str, ...]) -> bool:
    if "©" in text:
        return True
    found = _LEGAL.search(text, runs)
    return found is not None and not _reported(text, found)


# Someone's statement, reported ("Acme said it is not responsible for the outage", "Globex said it
# holds a position in the company"), is news; a notice or a disclosure is the page's own voice.
_REPORTING_VERB = re.compile(r"\b(?:said|says|told|disclosed|revealed|stated|announced|according to)\b", re.I)


def _reported(text: str, found: re.Match) -> bool:
    """Return True when a reporting verb stands before what a notice's or disclosure's words matched."""
    return _REPORTING_VERB.search(text, 0, found.start()) is not None


# A listicle placing a stock on its own list ("Acme ranks 4th on our list of robot stocks"), scraped
# glued or not ("ACMEranks 4thon our list"): the writer's list, not the company's news.
_OUR_LIST_RANK = re.compile(r"ranks?\s*(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                            r"tenth)\s*on our list\b", re.I)
# The newsroom's credit at a story's end: "Jane Roe in Paris contributed to this report", "Reporting by
# Jane Roe; Editing by John Doe", "Additional reporting by …", "John Doe contributed reporting from Paris".
# A cause "contributed to the loss".
_STAFF_CREDIT = re.compile(r"\bcontributed (?:additional )?reporting\b|\bcontributed (?:research )?to this (?:report|story|article|guide|"
                           r"review|piece|post|column)\b|^[(\[]?(?:[Aa]dditional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting) by [A-Z]")
# A wire photo's caption: its place and date in capitals, then a colon ("WASHINGTON, DC - APRIL 16: A
# logo sits …"). A caption or teaser cut short ends on an ellipsis ("… during a trade show ..."):
# the rest of the sentence is missing.
_WIRE_CAPTION = re.compile(r"^[A-Z][A-Z.'’ -]+(?:, [A-Z][A-Z.'’ -]+)* [-–—] [A-Z]+ \d{1,2}(?:, \d{4})?:")
_CUT_SHORT = re.compile(r"\s(?:\.\.\.|…)$")
# A filed trade, listed: "Purchased $1,001 – $15,000 in shares of Acme (NASDAQ:ACME) on 4/3/2025." —
# an amount band, as disclosure rules give them, not a sentence that reports news.
_TRADE_RECORD = re.compile(r"^(?:Purchased|Sold|Bought|Acquired|Exchanged)\s+\$[\d,]+\s*[–—-]\s*\$[\d,]+\b")
# A page's time stamp standing as a sentence: "Updated at 4:05 p.m. ET.", "Published March 4, 2025".
_TIMESTAMP_LINE = re.compile(r"^(?:[Ll]ast )?(?:[Uu]pdated|[Pp]ublished|[Pp]osted|[Ff]irst published)(?: on| at)?\s[^.!?]{0,40}?"
                             r"(?:(?:\d{4}|\d(?::\d\d)?\s?(?:a\.m\.|p\.m\.|[AaPp][Mm]))(?:\s(?:ET|EST|EDT|GMT|UTC|BST|CET))?"
                             r"|\b(?:ET|EST|EDT|GMT|UTC|BST|CET))\.?$")
# A company's standing profile, as data vendors append it to every note on the company ("About
# Acme"): the company, a segment or "It" offering, making or operating in a list of lines of
# business or segments, in the present and without a date, a figure or a source. It says what the
# company is, not what happened this week. A line that names a buyer or a period, or says who
# says so, is news: "Acme sells its chips to Globex, Initech, Hooli and Vandelay, the filing shows."
_PROFILE = re.compile(
    r"(?:The company|It|The (?:(?:[A-Z][\w&'’./-]*|and|of|&)\s+){1,8}segments?|(?:[A-Z][\w&'’.-]*,?\s+){1,5}"
    r"(?:Inc\.?|Corp\.?|Corporation|Co\.|Ltd\.?|Limited|plc|PLC|N\.V\.|S\.A\.|AG|SE|Holdings|Group|Incorporated),?)"
    r"(?:,? (?:together with its subsidiaries|through its subsidiaries),?)?"
    r"\s+(?:offers|provides|operates (?:in|through|as|under)|designs|develops|manufactures|markets|sells|distributes|"
    r"engages in|is engaged in|focuses on|speciali[sz]es in)\b")
_PROFILE_LIST = re.compile(r";|\bsegments?\b|\b(?:worldwide|globally|internationally)\.$")
_PROFILE_ITEMS = re.compile(r"\b(?:including|such as|comprising|a line of|as well as)\b")
_PROFILE_NEWS = re.compile(r"[$€£%]|\b(?:19|20)\d\d\b|\d (?:million|billion|percent)\b|\b(?:said|says|announced|"
                           r"reported|according|shows|showed|today|yesterday|this (?:week|month|year)|last (?:week|month|year)|"
                           r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|"
                           r"July|August|September|October|November|December)\b")


PROFILE = "company profile"


def is_profile(sentence: str) -> bool:
    """Return True for a company's standing profile (`_PROFILE`): its segments, or a list of what it
    offers (split by semicolons, ending "worldwide", or three commas with "including", "such as" …)."""
    if _PROFILE.match(sentence) is None or _PROFILE_NEWS.search(sentence):  # anchored: most sentences stop at once
        return False
    return _PROFILE_LIST.search(sentence) is not None or (sentence.count(",") >= 3 and _PROFILE_ITEMS.search(sentence) is not None)


# The publisher's note on its own page ("This article has been updated to include …").
_EDITORS_NOTE = Vocabulary(r"\bthis (?:article|story|post|report|piece) (?:has been|was|had been) (?:updated|corrected|"
                           r"amended|revised)\b|\bwill update this (?:article|story|post|report|piece)\b", lower=True)


def _chart_credit(sentence: str) -> bool:
    """Return True for a chart's credit line standing alone (`_CHART_CREDIT`, then at most a note on its measure)."""
    match = _CHART_CREDIT.match(sentence)
    return match is not None and len(language.words(sentence[match.end():])) <= 6


def _is_promotion(text: str, runs: tuple[str, ...], own: str | None = None) -> bool:
    """Return True when the sentence tells the reader to act, or offers them something (`own`: its `own_words`)."""
    own = language.own_words(text) if own is None else own
    if _IMPERATIVE.match(own.lstrip(" \"'“‘([-–—•*"), runs) or _CALL_TO_ACTION.search(own, runs):
        return True
    if "on our list" in own and _OUR_LIST_RANK.search(own):
        return True
    if not addresses_reader(own, runs):
        return False
    # The publisher speaking to the reader ("we … you") in a short line is a service pitch.
    pitch = _PITCH.search(own) is not None and len(runs) <= PITCH_WORDS
    told = own
    if len(runs) > PROMPT_WORDS and not _POINTS_SOMEWHERE.search(own):
        told = _PERCEIVE.sub(" ", own)  # what the reader is shown is analysis; any other prompt still counts
    return pitch or bool(_READER_ACTION.search(told, runs) or _CONTACT.search(own))


def addresses_reader(text: str, runs: tuple[str, ...]) -> bool:
    """Return True when the text speaks to the reader ("you", "your") outside quotes and asides."""
    # The word test first: without "you" or "your" in the text, its own words hold none either.
    return _SECOND_PERSON.may_match(runs) and _SECOND_PERSON.search(language.own_words(text)) is not None


def _starts_like_a_fragment(sentence: str) -> bool:
    first = sentence.lstrip("\"'“‘([ \u200b\ufeff")[:2]  # zero-width marks scraped from page markup are not text
    return not first or not (first[0].isalnum() or first[0] in "$€£¥#") or (first[0].islower() and first[1:2].islower())


_DIGIT = re.compile(r"\d")  # any number: a short line that states one is news, not a fragment
# A video or call transcript's hesitations set off by commas ("…, uh, as …", "promised to, you know,
# build"): speech as heard, not written copy to quote. Lower case only, so a name such as "Um Qasr"
# is not one; "you know" only between commas, so "as you know," or "what you know" are not.
_FILLER = re.compile(r"(?:^|[,;]\s*)(?:uh|um|uhm|erm|(?<=, )you know)(?:[,.]|\s*$)")
_REPORTED = re.compile(r"[\"“]|\d|\((?:[A-Z]{2,6}:\s?)?[A-Z]{1,5}\)"
                       # a definite reference back to a company ("the firm's", "the chipmaker") continues the story
                       r"|\b[Tt]he (?:company|firm|group|business|bank|lender|insurer|carmaker|automaker|chipmaker|"
                       r"retailer|maker|manufacturer|startup|conglomerate)(?:'s|’s)?\b")
# Leading list markers and elisions scraped onto a sentence ("* China's growth …", "[…] He said …").
_LEAD_MARK = re.compile(r"^(?:[*•▪]|\[(?:…|\.\.\.)\])\s+")
# A share bar's buttons glued to the sentence after it ("SharePrintFacebookAcme opened …"):
# two or more with no space between them, then a capitalised word. Spaced names are a sentence's list.
_LEAD_BUTTONS = re.compile(r"^(?:(?:Images?|Photos?|Share|Facebook|Twitter|Email|E-mail|Pinterest|LinkedIn|WhatsApp|Reddit|"
                           r"Print|Comments?|Flipboard|Copy link)(?=[A-Z])){2,}")
# A data field and its count run into the sentence after it ("Number of Fund Holders: 148 Acme
# designs …"): the field goes, the sentence stays.
_LEAD_FIELD = re.compile(r"^(?:[A-Z][\w’'-]*(?:\s+[A-Za-z][\w’'-]*){1,6}:\s*\d[\d,.]*\s+)+(?=[A-Z])")
# A subheading in headline case run into the quote that opens its section ("Cracks in the Case
# for Acme's Robots “If demand is …”): four words or more, capitalised but for small words, one of
# which it holds (a speaker's name and title before a quote hold none, and stay).
_SMALL_WORD = r"(?:of|for|the|a|an|and|in|on|to|with|at|by|from|as)"
_LEAD_HEADING = re.compile(rf"^(?:[A-Z][\w’'&-]*|{_SMALL_WORD})(?:\s+(?:[A-Z][\w’'&-]*|{_SMALL_WORD})){{3,11}}\s+(?=[“\"][A-Z])")
_SMALL = re.compile(rf"\s{_SMALL_WORD}\s")


def _glued_heading(sentence: str) -> re.Match | None:
    """Return the match of a headline-case subheading glued to the quote after it, else None."""
    found = _LEAD_HEADING.match(sentence) if sentence[:1].isupper() else None
    return found if found is not None and _SMALL.search(found.group(0)) else None


# A wire story's byline run into its dateline ("By Jane Roe and John Doe LONDON (Reuters) - Acme …"):
# the names are cut off; the dateline opens the lede. Without a dateline the names' end is unknown.
_LEAD_BYLINE = re.compile(r"^By\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:and\s+(?:[A-Z][\w.'’-]*\s+){1,3})?"
                          r"(?=[A-Z]{3,}(?:[\s,]+[A-Z][\w.]*){0,3}\s*(?:\([\w\s]+\)\s*)?[-–—]\s)")


def is_short_statement(sentence: str) -> bool:
    """Return True for a short line shaped as a statement: capitalised, at least SHORT_FACT_WORDS words, a full stop.

    Headline teasers end in "!" or "?", labels in nothing: they stay labels.
    """
    text = sentence.strip()
    return len(language.words(text)) >= SHORT_FACT_WORDS and text.endswith(".") and text[:1].isupper()


def is_short_fact(sentence: str) -> bool:
    """Return True for a short statement holding a figure ("Initech gained 3 percent."): prose, not a label.

    Below MIN_WORDS words a line is usually a label, a button, a transcript's greeting or thanks;
    a short statement with a number is a market-wrap or results line instead,
    and one naming the subject ("Acme declined to comment.") is the story's own (`clean_article`).
    """
    return is_short_statement(sentence) and _DIGIT.search(sentence) is not None


# A speaker's aside, not a statement: the first or second person, thanks, an address or a name
# spoken to ("Thanks for the question.", "Talk to you soon.", "But go ahead, Priya.").
_ASIDE_TO_LISTENER = re.compile(r"\b(?:i|i'm|i’m|me|my|we|we're|we’re|we've|we’ve|us|our|you|you're|you’re|your|"
                                r"let's|let’s|thanks?|appreciate|hello|hi|hey|good (?:morning|afternoon|evening))\b|@",
                                re.I)
_NAME_ADDRESSED = re.compile(r",\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)?[.!]$")


def _states(sentence: str) -> bool:
    """Return True for a short statement in the third person ("Steel makers are lower."), not an aside to a listener."""
    return (is_short_statement(sentence) and not _ASIDE_TO_LISTENER.search(sentence)
            and not _NAME_ADDRESSED.search(sentence))


@lru_cache(maxsize=50_000)
def sentence_noise(sentence: str, *, listed: bool = False, in_prose: bool = False) -> str | None:
    """Return why a sentence is noise, or None if it reads as article prose.

    `in_prose`: the sentence shares its line with a full-length sentence, so a short statement
    there ("Steel makers are lower. Northfield Steel and …") is the paragraph's, not a label or a button
    (`_states`).
    Cached: a syndicated story brings the same sentences in many files, judged once per process.
    A no-break space is judged as the space it shows as ("join through\xa0her link").
    """
    if "\xa0" in sentence:
        return sentence_noise(sentence.replace("\xa0", " "), listed=listed, in_prose=in_prose)
    n_words = len(language.words(sentence))
    short = n_words < MIN_WORDS and not is_short_fact(sentence) and not (in_prose and _states(sentence))
    if (not listed and not language.has_final_punctuation(sentence)) or short:
        return "fragment or heading"
    if _starts_like_a_fragment(sentence):
        return "fragment or heading"
    if n_words > MAX_WORDS and sentence.count(",") * RUN_ON_WORDS_PER_COMMA < n_words:
        return "run-on text (a list or page dump)"
    runs = word_runs(sentence)
    own = language.own_words(sentence)
    # Capitals inside quotes are someone's post or slogan, reported; a notice in capitals is the page's own.
    if _is_shouting(own) or _is_legal(sentence, runs):
        return "disclaimer or legal notice"
    disclosed = _DISCLOSURE.search(sentence, runs)
    if disclosed is not None and not _reported(sentence, disclosed):
        return "position disclosure"
    if _is_promotion(sentence, runs, own) or _LEAD_POINTER.match(sentence, runs):
        return "call to action or promotion"
    if _CREDIT.search(sentence, runs) or ("data" in sentence and _chart_credit(sentence)) or _WIRE_CAPTION.match(sentence):
        return "photo credit or caption"
    if sentence.endswith(("...", "…")) and _CUT_SHORT.search(sentence):
        return "cut short"  # not "fragment or heading", which a short line naming the subject escapes
    if _TRADE_RECORD.match(sentence):
        return "trade record"
    if _EDITORS_NOTE.search(own, runs):
        return "editor's note"
    if _TIMESTAMP_LINE.match(sentence):
        return "timestamp"
    if is_profile(sentence):
        return PROFILE
    if " by " in sentence or "contributed" in sentence:
        if _STAFF_CREDIT.search(sentence):
            return "reporter credit"
    if ("uh" in own or "um" in own or "erm" in own or "you know" in own) and _FILLER.search(own):  # exact: every filler holds one
        return "spoken transcript (fillers)"
    if is_foreign(sentence):
        return "other language"
    if own.rstrip("\"'”’) ").endswith("?"):
        return "question"  # the writer's own question: a teaser; a question someone asked is reported
    if _DIGIT.search(sentence) is None and not language.has_verb(sentence):
        return "no verb"  # a reader's comment, a caption, a list entry, whatever it names; a figure line may be a results bullet
    return None


@lru_cache(maxsize=1024)  # as _subject_names: a coverage list of hundreds of subjects
def _subject_pattern(names: tuple[str, ...], tickers: tuple[str, ...]) -> re.Pattern | None:
    parts = [re.escape(n) for n in sorted(names, key=len, reverse=True) if n]
    parts = [f"(?i:{p})" for p in parts] + [re.escape(t) for t in tickers if t]
    if not parts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


class SubjectNames:
    """One subject's names, aliases, related terms and tickers, compiled once: `count` is `mentions` for it."""

    def __init__(self, names: tuple[str, ...], tickers: tuple[str, ...]) -> None:
        self.pattern = _subject_pattern(names, tickers)
        self.words = first_words(self.pattern) if self.pattern is not None else None
        # Lower-cased names and tickers to pre-test with `in`; None where case folding is not plain ASCII.
        self.needles = ((tuple(n.lower() for n in names if n), tuple(t for t in tickers if t))
                        if all(n.isascii() for n in names) else None)

    def count(self, text: str, runs: tuple[str, ...] | None = None) -> int:
        """Return how many times the text names the subject; `runs` as for `mentions`."""
        if self.pattern is None:
            return 0
        if runs is not None and self.words is not None and self.words.isdisjoint(runs):
            return 0
        # Most sentences name nothing: a substring test in C rules them out before the regex.
        if self.needles is not None:
            lower = text.lower()
            if not any(n in lower for n in self.needles[0]) and not any(t in text for t in self.needles[1]):
                return 0
            if _folds_as_lower(text, lower):
                return self._count_where_named(text, lower)
        return len(self.pattern.findall(text))

    def _count_where_named(self, text: str, lower: str) -> int:
        """Return len(self.pattern.findall(text)), the pattern tried only where a name or ticker starts.

        Exact for text that `_folds_as_lower`: a name (ASCII) matches, whatever its case, only where
        the lower-cased text holds it, and a ticker only where the text does; matches are taken left
        to right without overlapping, as `findall` takes them. A whole story is scanned in a few `find`s.
        """
        starts = set()
        for needle, haystack in [(n, lower) for n in self.needles[0]] + [(t, text) for t in self.needles[1]]:
            at = haystack.find(needle)
            while at >= 0:
                starts.add(at)
                at = haystack.find(needle, at + 1)
        found = end = 0
        for at in sorted(starts):
            if at >= end and (match := self.pattern.match(text, at)) is not None:
                found, end = found + 1, match.end()
        return found


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@lru_cache(maxsize=4096)
def _folds_to_ascii(char: str) -> bool:
    """Return True for a non-ASCII character that a case-insensitive regex matches to an ASCII letter ("ſ" to "s")."""
    return re.match(r"(?i)[a-z]", char) is not None


def _folds_as_lower(text: str, lower: str) -> bool:
    """Return True when an ASCII word matches the text, ignoring case, exactly where `lower` holds it in lower case.

    True for ASCII text; other text must keep its length when lower-cased (so offsets agree) and
    hold no character that case-insensitive matching reads as an ASCII letter.
    """
    if text.isascii():
        return True
    return len(lower) == len(text) and not any(map(_folds_to_ascii, set(_NON_ASCII.findall(text))))


@lru_cache(maxsize=1024)  # a portfolio's whole coverage list (hundreds of subjects), still bounded
def _subject_names(names: tuple[str, ...], tickers: tuple[str, ...]) -> SubjectNames:
    return SubjectNames(names, tickers)


def subject_names(subject: Subject) -> SubjectNames:
    """Return the subject's names compiled, for a caller that counts mentions in many texts."""
    return _subject_names(tuple(subject.terms), tuple(subject.tickers))


def mentions(text: str, subject: Subject, runs: tuple[str, ...] | None = None) -> int:
    """Return how many times the text names the subject (a name, an alias, or a ticker).

    `runs`, the text's lower-case word runs (`word_runs`), lets a text holding none of the words the
    names start with skip the search.
    """
    return subject_names(subject).count(text, runs)


def first_mention(text: str, subject: Subject) -> int | None:
    """Return the offset where the text first names the subject (a term or a ticker), or None."""
    pattern = _subject_pattern(tuple(subject.terms), tuple(subject.tickers))
    match = pattern.search(text) if pattern is not None else None
    return match.start() if match else None


@dataclass
class _Unit:
    text: str
    paragraph: int
    label: bool
    kind: str = ""  # for labels: boundary, ad, timestamp, byline, source, heading


def _label_kind(line: str) -> str:
    bare = line.strip(" -–—•*|:").strip()
    if _AD_LABEL.match(bare):
        return "ad"
    if _BOUNDARY.match(bare):
        return "boundary"
    if _TIMESTAMP.search(bare):
        return "timestamp"
    if _BYLINE.match(bare + " "):
        return "byline"
    if _SHORT_NAME_LINE.match(bare) and len(bare.split()) <= 3:
        return "source"
    return "heading"


def _units(text: str) -> list[_Unit]:
    units = []
    for index, paragraph in enumerate(language.paragraphs(text)):
        for line in language.lines(paragraph):
            enough_words = language.has_words(line, MIN_WORDS) or is_short_statement(line)
            bullet = _BULLET.match(line)
            if bullet and enough_words:
                units.append(_Unit(line[bullet.end():], index, False, "list item"))
                continue
            # A long scraped line may hold several sentences and end in a trailing label; it is
            # prose, and its last fragment is dropped at sentence level.
            label = not enough_words or (
                not language.has_final_punctuation(line) and len(language.unit_sentences(line)) == 1
            )
            units.append(_Unit(line, index, label, _label_kind(line) if label else ""))
    return units


# "About Jane Roe: Jane Roe is the founder of …", "About Acme Research: …": a paragraph opened by
# "About" and a name in capitals with a colon describes the author or the publisher, not the news.
_ABOUT_BOX = re.compile(r"^About (?:[A-Z][\w.&'’-]*\s?){1,5}:\s")
ABOUT_BOX = "about the author or publisher"
# A press release ends on its company's box: a heading "About Acme" over a paragraph that opens on
# the name again ("Acme (NASDAQ: ACME) is the world leader in …", "Acme Corporation provides …").
# Flattened by a scraper, the heading runs into the paragraph: "About Acme Acme (NASDAQ: ACME) is …",
# "About Acme  (Free Report) Acme Corporation provides …". Either way the name is said twice
# before the first word in lower case: a section of news headed "About Acme's China Sales" is not
# followed by the name again, and "About 40 Acme employees …" opens on no name.
_ABOUT_HEADING = re.compile(r"^About\s+((?:[A-Z][\w.&-]*\s*){1,6})$")  # a name: no possessive
_NAME_RUN = re.compile(r"^(?:(?:[A-Z][\w.&'’-]*|\([^()]{0,40}\))\s*){1,12}")
_NAME_TOKEN = re.compile(r"[A-Z][\w&'’-]{2,}")


# What a company's box says first: what the company is or does ("is the world leader in", "provides").
_PROFILE_VERB = re.compile(r",?\s*(?:is (?:a|an|the|one of)\b|(?:provides|develops|designs|makes|manufactures|operates|"
                           r"offers|engages|specializes|specialises|serves|was founded|was established|"
                           r"is headquartered|is based)\b)")


def _opens_on(text: str, names: set[str]) -> bool:
    """Return True when `text` opens as a company's box on one of `names` (the run may glue it to
    another word: "BermanHagens"): "Acme (NASDAQ: ACME) is the world leader …", "Acme Corporation provides …"."""
    run = _NAME_RUN.match(text)
    return (run is not None and any(name in run.group(0) for name in names)
            and _PROFILE_VERB.match(text, run.end()) is not None)


def about_heading(line: str) -> set[str]:
    """Return the name tokens of an "About Acme" heading line, else an empty set."""
    match = _ABOUT_HEADING.match(line.strip(" -–—•*|:").strip())
    return set(_NAME_TOKEN.findall(match.group(1))) if match else set()


def opens_about_box(sentence: str) -> bool:
    """Return True for a sentence that opens a flattened company box: "About Acme Acme (ACME) is …",
    "Acme Company Profile (Free Report) Acme Corporation provides …"."""
    about = sentence.startswith("About ")
    if not about and "Profile" not in sentence[:200]:
        return False
    run = _NAME_RUN.match(sentence[6:] if about else sentence)
    if run is None:
        return False
    tokens = _NAME_TOKEN.findall(run.group(0))
    if not about and "Profile" not in tokens:
        return False
    return any(tokens[i] in later for i in range(len(tokens)) for later in tokens[i + 1:] if tokens[i] != "Profile")


@lru_cache(maxsize=20_000)
def _judged_sentences(text: str, listed: bool) -> tuple[tuple[str, str | None], ...]:
    """Return a prose unit's sentences, each with its noise verdict (`sentence_noise`).

    A sentence sharing its line with another full sentence is judged as prose (`in_prose`).
    Cached: syndicated copies of a story repeat whole paragraphs (a quarter of a 10,000-article
    week's prose), each split and judged once per process.
    """
    pieces = _sentences(text, listed)
    if _ABOUT_BOX.match(text):
        return tuple((piece, ABOUT_BOX) for piece in pieces)
    # The full word count, not `has_words`: `sentence_noise` needs each piece's words anyway (cached).
    long = [len(language.words(piece)) >= MIN_WORDS for piece in pieces] if len(pieces) > 1 else [False]
    count = sum(long)  # a piece is in prose when another piece is long: counted once, not per piece
    judged = []
    box = False  # in a company's box: from its opening sentence up to the next one another rule drops
    for piece, is_long in zip(pieces, long):
        noise = sentence_noise(piece, listed=listed, in_prose=count - is_long > 0)
        opens = opens_about_box(piece)
        # A profile line belongs to the box it stands in ("It operates in two segments, …").
        box = opens or (box and (noise is None or noise == PROFILE))
        judged.append((piece, ABOUT_BOX if box else noise))
    return tuple(judged)


def _lead_chart_credit(sentence: str) -> re.Match | None:
    """Return the match of a chart's credit run into the sentence after it ("ACME Gross Margin data byChartCo Sales grew …")."""
    if "data" not in sentence or _chart_credit(sentence):
        return None
    return _LEAD_CHART_CREDIT.match(sentence)


def _sentences(text: str, listed: bool = False) -> list[str]:
    """Return a prose unit's sentences (`listed`: a list item's), with section labels glued to their front cut off."""
    if listed and not language.has_final_punctuation(text):
        return [text]
    result = []
    for sentence in _whole_sentences(text.strip(), language.unit_sentences(text.strip())):
        mark = _LEAD_MARK.match(sentence)
        sentence = sentence[mark.end():] if mark else sentence
        # A byline, a subheading or a section label cut off the sentence is a piece of its own, judged
        # (and dropped, with its reason) like any other: every loss is accounted for (--explain-file).
        cut = (_LEAD_BYLINE.match(sentence) or _LEAD_BUTTONS.match(sentence) or _glued_heading(sentence) or _LEAD_LABEL.match(sentence) or _LEAD_DATE.match(sentence)
               or (":" in sentence[:80] and _LEAD_FIELD.match(sentence)) or _lead_chart_credit(sentence))
        if cut:
            result.append(sentence[:cut.end()].rstrip())
            sentence = sentence[cut.end():]
        for piece in _split_pointer(sentence):
            for part in _split_copyright(piece):
                for line in _split_shouting(part):
                    result.extend(_split_credit(line))
    return result


_COPYRIGHT = re.compile(r"©\s?(?:\d{4}\s)?")


def _split_copyright(sentence: str) -> list[str]:
    """Return a copyright notice run together with prose as pieces: the sentence before it (when it
    ends as one), the notice, and the sentence after it ("… speculated.© 2025 Acme Media LP Key Facts
    Acme reported …"). A notice is legal text; what the page glued to it is not."""
    mark = _COPYRIGHT.search(sentence) if "©" in sentence else None
    if mark is None:
        return [sentence]
    before, notice = sentence[:mark.start()].rstrip(), sentence[mark.start():]
    if before and not language.has_final_punctuation(before):
        return [sentence]  # "… the Acme © logo": no sentence ends before it
    start = _SENTENCE_START.search(notice, mark.end() - mark.start())
    pieces = [before] if before else []
    if start is not None and len(notice[start.end():].split()) >= CREDIT_GLUED_WORDS:
        return pieces + [notice[:start.start()], notice[start.end():]]
    return pieces + [notice]


# A line in capitals ("GET ACME NEWS ON THE GO BY CLICKING HERE", a shouted headline) is a label, a
# button or a heading: at least SHOUTED_WORDS words in capitals, some of them function words (so not
# a run of names and tickers, "UBS AG CEO …"), then prose in sentence case.
SHOUTED_WORDS = 4
_SHOUTED = re.compile(r"^(?:[\"'“‘(]*[A-Z][A-Z0-9&’'.,:!?()-]*[\"'”’)]*\s+)+")


def _split_shouting(sentence: str) -> list[str]:
    """Return a line in capitals run into the next sentence as two pieces: the line, then the sentence."""
    shout = _SHOUTED.match(sentence)
    if shout is None:
        return [sentence]
    words = language.words(shout.group())
    if len(words) < SHOUTED_WORDS or not any(w.lower() in language.stop_words() for w in words):
        return [sentence]
    rest = sentence[shout.end():]
    opening = rest.split()[:PROSE_AFTER_HEADLINE + 5]
    if (not rest[:1].isupper() or sum(w[:1].islower() for w in opening) < PROSE_AFTER_HEADLINE
            or not language.has_words(rest, MIN_WORDS) or not language.has_final_punctuation(rest)):
        return [sentence]
    return [shout.group().rstrip(), rest]


# A capital, a stop and a capital ("U.S", "A.I", "GLBX.O"): every initialism has one. A quick scan
# (the pattern starts with a character class) that guards longer patterns needing one.
CAPITAL_STOP = re.compile(r"[A-Z]\.[A-Z]")
# An initialism's last stop before a lower-case word ("its A.I. tools", "Fjord A.S.A. raised").
_INITIALISM_GAP = re.compile(r"\b(?:[A-Z]\.){2,}\s+[a-z]{2}")
_INITIALISM_END = re.compile(r"\b(?:[A-Z]\.){2,}$")


def _whole_sentences(text: str, pieces: list[str]) -> list[str]:
    """Return the sentences with a split at an abbreviation undone ("Sen. Roe (R-Ala." + "), said …", "A.I." + "chips …").

    An abbreviation's full stop inside a parenthesis, or an initialism's before a lower-case
    word, is not a sentence end; the rejoined sentence is cut from the text itself, so it stays
    verbatim.
    """
    if "(" not in text and not (CAPITAL_STOP.search(text) and _INITIALISM_GAP.search(text)):
        return pieces
    result: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    for piece in pieces:
        start = text.find(piece, position)
        if start < 0:
            return pieces  # the splitter changed the text: keep its pieces as they are
        end = start + len(piece)
        position = end
        open_parenthesis = result and result[-1].count("(") > result[-1].count(")")
        # "(D-Ore.) and …": the abbreviation's stop closed the parenthesis, and the sentence goes on.
        closed_abbreviation = result and result[-1].endswith(".)") and piece[:1].islower()
        initialism = result and piece[:2].islower() and _INITIALISM_END.search(result[-1]) is not None
        if open_parenthesis or closed_abbreviation or initialism:
            spans[-1] = (spans[-1][0], end)
            result[-1] = text[spans[-1][0]:end]
        else:
            spans.append((start, end))
            result.append(piece)
    return result


_CREDIT_HEAD = re.compile(r"^(?:image|photo(?:graph)?|picture)s?(?: credit| source)?\s*:\s")
# A sentence's start: a capitalised word and a lower-case one, after an opening quote if it
# opens on one ('… Getty Images) "The engines of …": the quote and its first words are the sentence's).
_SENTENCE_START = re.compile(r"\s(?=[\"“‘']?[A-Z][\w’']*\s[a-z])")
# A credit runs into a sentence only when a long one follows; a shorter remainder is the caption.
CREDIT_GLUED_WORDS = 12


# A credit in brackets before a sentence ("(Photographer: Jo Roe/Agency) Acme said …", "(Photo by
# Jo Roe/Agency)"): the bracket shows where the credit ends, so any length of sentence may follow.
_BRACKETED_CREDIT = re.compile(r"^\((?:photo(?:graph(?:er)?)?|image|picture|illustration|credit)s?"
                               r"(?: credit| source)?(?:\s*:| by\b)([^()]*)\)\s*(?=\S)", re.I)
# A page that shows the credit twice runs the bracket into the agency's name again, and may add
# its desk's byline ("(Photo by Jo Roe/Agency)Agency Acme Desk  Acme shares rose …"): the
# sentence then starts at its first capitalised word followed by a lower-case one.


# An agency's credit in the forms only a credit takes ("Jane Roe/AFP via Getty Images",
# "Photo/Getty Images", "(Getty Images)"): a caption and its credit glued to the next sentence
# end there, and the sentence starts at the next capitalised word followed by a lower-case one.
_AGENCY_CREDIT = re.compile(r"(?:\bvia|/|\()\s?Getty Images\)?(?=\s)")


def _split_credit(sentence: str) -> list[str]:
    """Return a photo credit glued to the next sentence as two pieces ("Image source: Getty Images No company …").

    The credit names its source in capitalised words; the sentence starts at the first capitalised
    word followed by a lower-case one ("No company", "Acme said").
    """
    bracketed = _BRACKETED_CREDIT.match(sentence)
    if bracketed:
        rest = sentence[bracketed.end():]
        inside = bracketed.group(1).split("/")  # "Jo Roe/Harbor Wire via Stock Pictures": the agency follows a slash
        tails = ("/".join(inside[i:]).strip() for i in range(1, len(inside)))
        agency = next((tail for tail in tails if tail and rest.startswith(tail)), "")
        if agency:
            start = _SENTENCE_START.search(rest, len(agency) - 1)
            if start is None or len(rest[start.end():].split()) < CREDIT_GLUED_WORDS:
                return [sentence]  # the bracket, its agency and a caption: a credit line, judged whole
            return [(sentence[:bracketed.end()] + rest[:start.start()]).rstrip(), rest[start.end():]]
        return [sentence[:bracketed.end()].rstrip(), *_split_credit(rest)]  # a second credit may follow
    # The agency's name is in every match of _AGENCY_CREDIT: tested with `in` (in C) first.
    head = _CREDIT_HEAD.match(sentence.lower()) or (
        _AGENCY_CREDIT.search(sentence) if "Getty Images" in sentence else None)
    if not head:
        return [sentence]
    start = _SENTENCE_START.search(sentence, head.end())
    if start is None or len(sentence[start.end():].split()) < CREDIT_GLUED_WORDS:
        return [sentence]
    return [sentence[:start.start()], sentence[start.end():]]


_QUOTE_START = re.compile(r"\s[“\"](?=[A-Z])")
_WORD_SPAN = re.compile(r"\S+")
# Two page elements run together without a space ("…Share on FacebookShare by EmailSummary"):
# a seam in the markup, where a button or a label ends, not a word.
_SEAM = re.compile(r"[a-z][A-Z]")
# A pointer's label ("Read more:", "READ ALSO:", "Related –"): what follows it is a headline.
_POINTER_LABEL = re.compile(r"^[^.:!?]{2,24}(?::|\s[|–—-]\s)")
# After a pointer's headline, prose starts at a capitalised word followed by this many lower-case
# words ("… Stocks To Watch Asked whether …"); a Title Case headline goes on in capitals
# ("… Slides as the Chip Rally Fades …"). After a seam one lower-case word is evidence enough.
PROSE_AFTER_HEADLINE = 3


# Headlines are written in the present tense ("Acme cuts jobs"), reports in the past ("Acme cut
# 300 jobs on Monday"): after a lower-case word, a name followed by a verb in the past tense opens
# the sentence ("… updates on the trade talks Officials began …"). Forms the present shares ("cut",
# "hit", "set") say nothing and are left out; short "-eed" words are nouns ("speed", "greed").
_IRREGULAR_PAST = frozenset(
    "awoke became began bought brought built came chose dealt drew drove fell felt fled flew forbade forgave "
    "fought found froze gave got grew had heard held hid kept knew laid led left lent lost made meant met "
    "paid ran rang rose said sang sank sat saw sold sent shook shot showed slid sought spent spoke stood stole "
    "struck swore swept swung taught thought threw told took tore understood was were withdrew woke won wore "
    "wrote".split())
# A pointer's headline has at least this many words before the name that opens the sentence.
MIN_HEADLINE_WORDS = 3


def _past_tense(word: str) -> bool:
    """Return True for a verb in the simple past ("began", "opened"), by form alone."""
    lower = word.lower()
    return lower in _IRREGULAR_PAST or (len(lower) > 4 and lower.isalpha() and lower.endswith("ed")
                                        and not (lower.endswith("eed") and len(lower) <= 5))


# Buttons and section headings run together ("Read Our Latest Stock Analysis on ACME Insider
# Transactions at ACME"): this many words in Title Case, with no label before them.
BUTTON_RUN_WORDS = 6


def _button_run(text: str) -> bool:
    """Return True when a sentence's opening is a run of Title Case buttons and headings, not prose."""
    return language.has_words(text, BUTTON_RUN_WORDS) and _title_case(text) and text[:1].isupper()


def _title_case(headline: str) -> bool:
    """Return True when every lower-case word of a headline is a function word ("… Slides as the Chip Rally …")."""
    return all(w.lower() in language.stop_words() for w in language.words(headline) if w[:1].islower())


def _prose_start(text: str) -> int | None:
    """Return where the sentence run into a pointer's headline begins ("Read more:<headline> In the …"), or None.

    The first capitalised word that follows a word able to end a headline (not "on", "the", a
    comma) and opens lower-case prose; without a label ("Read more:") only a seam ends one. After
    a lower-case word only a function word ("In", "Over", "The") can open the sentence: "…
    dumping Acme shares ahead of …" is still the headline. After a capitalised one the headline
    must be in Title Case (no lower-case word but function words), else the sentence has begun
    and "… the Trade Ministry opened …" is inside it. A tail too short or without a final
    stop is no sentence.
    """
    label = _POINTER_LABEL.match(text)
    spans = list(_WORD_SPAN.finditer(text))
    for i in range(2, len(spans)):
        word, before = spans[i].group(), spans[i - 1].group()
        if not word[:1].isupper() or word.isupper() or before[-1] in ",;:([–—-":
            continue  # an acronym or a ticker ("ACM opened …") is mid-sentence more often than not
        # A run of glued buttons has several seams; one alone is a name's own capital ("NorthStar").
        seam = _SEAM.search(before) is not None and len(_SEAM.findall(text, 0, spans[i].start())) >= 2
        function = word.strip("\"'“‘").lower() in language.stop_words()
        if label is None and not seam and not (function and _button_run(text[:spans[i].start()])):
            continue  # "Subscribe to our Morning Cargo newsletter …": no label, so no headline to end
        ending = before.strip("\"'“”‘’")
        if ending.lower() in language.stop_words() or (len(ending) > 1 and ending.isupper() and not function):
            continue  # "… on", "… the": the phrase goes on; "ACME Corporation": one name ("ACME In other news": not)
        if ending[:1].islower() and word.strip("\"'“‘").lower() not in language.stop_words() and not (
                i + 1 < len(spans) and _past_tense(spans[i + 1].group())
                and language.has_words(text[label.end() if label else 0:spans[i].start()], MIN_HEADLINE_WORDS)
                and _present_tense(text[label.end() if label else 0:spans[i].start()])):
            continue
        headline = text[label.end() if label else 0:spans[i].start()]
        if not seam and not ending[:1].islower() and not _title_case(headline):
            continue
        need = 1 if seam else PROSE_AFTER_HEADLINE
        after = [span.group() for span in spans[i + 1:i + 1 + need]]
        if (len(after) == need and all(w[:1].islower() or w[:1].isdigit() or w[:1] in "$€£" for w in after)) or (
                not ending[:1].islower() and _opens_name(word, ending) and _name_then_past(spans, i)
                and _present_tense(text[label.end() if label else 0:spans[i].start()])):
            rest = text[spans[i].start():]
            if language.has_words(rest, MIN_WORDS) and language.has_final_punctuation(rest):
                return spans[i].start()
            return None
    return None


def _opens_name(word: str, ending: str) -> bool:
    """Return True when a capitalised word can open a sentence after a Title Case headline: an article
    ("The U.S. House …") or any word after a figure ("… Down 0.2 % Shares of …"); any other
    capitalised word may still be the headline's."""
    return word.strip("\"'“‘").lower() in _DETERMINERS or not ending[-1:].isalpha()


_DETERMINERS = frozenset({"the", "a", "an"})


def _present_tense(headline: str) -> bool:
    """Return True when no word of a headline is in the past tense: only then does a verb in the past mark prose."""
    return not any(_past_tense(word) for word in language.words(headline))


# A name that opens a sentence runs this many words at most before its verb.
NAME_WORDS = 8


def _name_then_past(spans: list[re.Match], i: int) -> bool:
    """Return True when the words from spans[i] read as a name running into a verb in the past tense
    ("The U.S. House Select Committee on China said …", "Shares of ACME stock opened at …"): capitalised
    words and function words, a common noun at most just before the verb, then the verb. A headline's own verbs are in the present tense."""
    run = [span.group().strip("\"'“”‘’,") for span in spans[i + 1:i + 1 + NAME_WORDS]]
    for k, word in enumerate(run):
        if not word[:1].isalpha():
            return False  # a figure ("0.2 %") belongs to a headline or to prose already begun
        if word[:1].islower():
            if _past_tense(word):
                return True
            # A common noun may end the name right before its verb ("… ACME stock opened"), no more.
            if word.lower() not in language.stop_words() and not (k + 1 < len(run) and _past_tense(run[k + 1])):
                return False
    return False


# A label in capitals run into the headline after it with no space ("MORE FOR YOUAcme Unveils …",
# "RELATED STORIESGlobex …"): a module of links to other pages, whatever its words.
_GLUED_CAPS_LABEL = re.compile(r"^(?:[A-Z]{2,}\s+){1,4}[A-Z]{2,}(?=[A-Z][a-z])")


def _split_pointer(sentence: str) -> list[str]:
    """Return a pointer glued to the next sentence as two pieces: "Read more: <headline> “Quote …”" → pointer, quote.

    Flattened pages run a related-story pointer (or share buttons) and its headline into the next
    sentence. Where that sentence opens with a quotation mark, the mark shows where the headline
    ends; else the first capitalised word that opens lower-case prose does (`_prose_start`).
    """
    runs = word_runs(sentence)
    if not (_LEAD_POINTER.match(sentence, runs) or _IMPERATIVE.match(sentence, runs) or _GLUED_CAPS_LABEL.match(sentence)):
        return [sentence]
    quote = _QUOTE_START.search(sentence)
    if quote:
        return [sentence[:quote.start()], sentence[quote.start() + 1:]]
    start = _prose_start(sentence)
    return [sentence[:start].rstrip(), sentence[start:]] if start else [sentence]


@dataclass
class _Story:
    units: list[_Unit] = field(default_factory=list)
    appended: bool = False
    ad: bool = False


def _stories(units: list[_Unit]) -> list[_Story]:
    """Split an article's units into the main story and the stories appended after it."""
    stories = [_Story()]
    pending: list[_Unit] = []  # labels since the last prose unit
    appended = False
    last_paragraph = -1
    for unit in units:
        if unit.label:
            pending.append(unit)
            continue
        kinds = {u.kind for u in pending}
        # A byline and a timestamp between two stories start the next one; above the first
        # paragraph they are the article's own header.
        has_prose = any(not u.label for u in stories[-1].units)
        boundary = bool(kinds & {"boundary", "ad"}) or (
            bool(kinds & {"timestamp", "byline"}) and has_prose and (len(pending) >= 2 or appended)
        )
        new_story = boundary or (appended and (pending or unit.paragraph != last_paragraph))
        if new_story and stories[-1].units:
            stories.append(_Story(appended=True, ad="ad" in kinds))
            appended = True
        elif new_story:
            stories[-1].appended = appended = True
            stories[-1].ad = "ad" in kinds
        stories[-1].units.extend(pending + [unit])
        pending = []
        last_paragraph = unit.paragraph
    if pending:
        stories[-1].units.extend(pending)
    return stories


_NOTICES = frozenset({"disclaimer or legal notice", "position disclosure"})


def _promo_block(reasons: list[str | None], texts: list[str], named: list[int], paragraphs: list[int]) -> None:
    """Drop unnamed sentences sandwiched between promotions or notices in the same paragraph (a promo block's
    middle), or opening a paragraph whose next two sentences are such."""
    promo = {"call to action or promotion", "disclaimer or legal notice", "position disclosure", "promotion block"}
    if promo.isdisjoint(reasons):
        return  # exact: only a sentence next to a promotion or notice joins a block, and none is here
    for i, text in enumerate(texts):
        if reasons[i] is not None or named[i]:
            continue
        here = paragraphs[i]
        before = i > 0 and reasons[i - 1] in promo and paragraphs[i - 1] == here
        next_two = list(zip(reasons[i + 1:i + 3], paragraphs[i + 1:i + 3]))
        after = any(r in promo and p == here for r, p in next_two)
        # A disclosure paragraph's opening line ("Jane Roe, who ran Initech's robot unit, sits on the
        # publisher's advisory board. John Doe has no position … The publisher has positions in …"): the two after it are notices.
        # A promotion's pitches after a news line are not that ("… a $3.2 billion hit. Get our text alerts: …").
        opens = len(next_two) == 2 and all(r in _NOTICES and p == here for r, p in next_two)
        # "Don't Miss: <ad>. <ad> — ..." : a labelled promotion lists its items right after the label.
        listed = before and reasons[i - 1] == "call to action or promotion" and _PROMO_LABEL.match(texts[i - 1])
        if (before and after) or opens or listed:
            reasons[i] = "promotion block"


@dataclass(frozen=True)
class PreparedSentence:
    """A sentence of an article with its subject-independent verdict (None: it reads as prose)."""

    paragraph: int
    text: str
    listed: bool
    noise: str | None
    heading: str = ""  # the label line right above this sentence's line, if any (a section heading)


@dataclass(frozen=True)
class PreparedStory:
    """One story of an article (the main one, or one appended after it) before attribution."""

    index: int
    appended: bool
    ad: bool
    labels: tuple[str, ...]            # label lines (kind, text) are dropped whatever the subject
    label_reasons: tuple[str, ...]
    sentences: tuple[PreparedSentence, ...]
    prose: tuple[str, ...]             # the story's prose units, for "advertisement"/"appended" drops


@dataclass(frozen=True)
class Prepared:
    """An article cleaned without a subject: noise judged per sentence, stories split.

    `attribution.attribute(prepared, subject)` turns it into one subject's `ArticleClean`; a
    portfolio cleans each article once and attributes it to many subjects.
    """

    article: Article
    title_dropped: bool
    stories: tuple[PreparedStory, ...]


def prepare(article: Article) -> Prepared:
    """Return the subject-independent part of cleaning: labels, stories, and each sentence's noise verdict."""
    title_runs = word_runs(article.title)
    title_dropped = bool(article.title) and bool(
        _is_promotion(article.title, title_runs) or _is_legal(article.title, title_runs))
    stories = []
    for story_index, story in enumerate(_stories(_units(article.text))):
        prose = [u for u in story.units if not u.label]
        labels = [u for u in story.units if u.label]
        sentences = []
        heading = ""
        box: set[str] = set()  # the name of an "About Acme" heading, while its box runs
        in_box = False
        for unit in story.units:
            if unit.label:
                heading = unit.text if unit.kind in ("heading", "source") else heading
                box, in_box = about_heading(unit.text), False
                continue
            listed = unit.kind == "list item"
            # The box runs from a paragraph that opens on the heading's name to the next label.
            in_box = in_box or bool(box) and _opens_on(unit.text, box)
            box = box if in_box else set()
            for index, (text, noise) in enumerate(_judged_sentences(unit.text, listed)):
                sentences.append(PreparedSentence(unit.paragraph, text, listed, noise or (ABOUT_BOX if in_box else None),
                                                  heading if index == 0 else ""))
            heading = ""
        stories.append(PreparedStory(story_index, story.appended, story.ad, tuple(u.text for u in labels),
                                     tuple(_LABEL_REASONS[u.kind] for u in labels), tuple(sentences),
                                     tuple(u.text for u in prose)))
    return Prepared(article, title_dropped, tuple(stories))


def story_noise(story: PreparedStory, named: list[int], main: bool) -> list[str | None]:
    """Return each sentence's noise verdict once it is known which sentences name the subject.

    Unnamed lines inside a promotion block belong to it, and in the main story a short tail
    after the last mention is a sign-off.
    """
    texts = [s.text for s in story.sentences]
    reasons = [s.noise for s in story.sentences]
    for i, text in enumerate(texts):
        if reasons[i] == "fragment or heading" and named[i] and is_short_statement(text) and (
                language.has_verb(text) or _DIGIT.search(text) is not None):
            reasons[i] = None  # "Acme declined to comment.": short, but the story's own
    _promo_block(reasons, texts, named, [s.paragraph for s in story.sentences])
    if main:
        last = max((i for i, n in enumerate(named) if n), default=None)
        if last is not None and 0 < len(texts) - 1 - last <= MAX_TAIL:
            for i in range(last + 1, len(texts)):
                # List items carry the article's figures, and quoted speech, a figure, a listed
                # company ("(GLBX)") or "the company" referring back is news: none of them signs off.
                if (not story.sentences[i].listed and not _REPORTED.search(texts[i]) and not _REFERS_BACK.match(texts[i])
                        and not _closing_thought(texts[i])):
                    reasons[i] = reasons[i] or "sign-off after the article"
    return reasons


# A tail sentence opening on a pronoun ("It has no debt.", "Its shares doubled this year.") goes on
# about whom the story is about: a sign-off speaks of the medium, not of "it".
_REFERS_BACK = re.compile(r"^[\"“‘']?(?:it|its|they|their)\b", re.I)
# A tail sentence that carries the argument on ("If access to that market closes, so does a growth
# pillar.", "And with rates rising, …", "That said, …") is the article's closing thought; a sign-off
# speaks of the medium (the article, where it appeared, the feed, the show) or advises the reader.
_CARRIES_ON = re.compile(r"^[\"“‘']?(?:and|but|so|yet|still|if|unless|while|whether|although|though|even|that said|"
                         r"as a result|considering|given|with|without|in short|in the end|ultimately|overall)\b", re.I)
_MEDIUM = re.compile(r"\b(?:article|story|column|post|newsletter|podcasts?|episodes?|videos?|listen|watch|"
                     r"subscribe|website|site|app|facebook|twitter|instagram|linkedin|youtube|tiktok|"
                     r"appeared|published|updated|reported by|reporting by|editing by|trademarks?)\b", re.I)


# A tail sentence this long that speaks of neither the medium nor the reader states something
# ("The robotics initiative gives developers models, data pipelines and a computer."); sign-offs
# and taglines are shorter ("Bloomberg's reporter explains what the trip means.").
CLOSING_WORDS = 12


def _closing_thought(text: str) -> bool:
    """Return True for a tail sentence that carries the article's argument on or states a fact, rather than signing off."""
    runs = word_runs(text)
    if _MEDIUM.search(text) is not None or language.gives_advice(text) or addresses_reader(text, runs):
        return False
    return (language.has_words(text, CLOSING_WORDS)
            or (_CARRIES_ON.match(text) is not None and len(runs) > SHORT_FACT_WORDS))


def clean_article(article: Article, subject: Subject) -> ArticleClean:
    """Return one article's kept prose (paragraphs of sentences) and what was dropped, and why."""
    from .attribution import attribute

    return attribute(prepare(article), subject)


def is_central(item: ArticleClean, subject: Subject) -> bool:
    """Return True if the article is about the subject rather than naming it in passing."""
    if not subject.names:
        return True
    names = subject_names(subject)  # what `mentions` compiles, looked up once for the title and the lede
    if names.count(item.article.title):
        return True
    # The lede and the sentence count, read without flattening the article into one list.
    if any(names.count(s) for s in islice(chain.from_iterable(item.paragraphs), LEAD)):
        return True
    return item.mentions >= max(2, CENTRAL_SHARE * sum(map(len, item.paragraphs)))


class _Bucket:
    """Sentences sharing their first (or last) five stems, up to BUCKET_LIMIT: each (key, stem set, size), and every stem they hold."""

    __slots__ = ("entries", "stems")

    def __init__(self, entry: tuple[str, frozenset[str], int]) -> None:
        self.entries = [entry]
        self.stems: frozenset[str] | set[str] = entry[1]  # the one sentence's own set until a second joins

    def add(self, entry: tuple[str, frozenset[str], int]) -> None:
        if len(self.entries) < BUCKET_LIMIT:
            if len(self.entries) == 1:
                self.stems = set(self.stems)
            self.stems |= entry[1]
            self.entries.append(entry)


class _Deduper:
    """Finds exact and near-duplicate sentences in one pass: hashing, no pairwise comparison."""

    def __init__(self) -> None:
        self.exact: dict[str, str] = {}
        # Syndicated copies keep either their opening or their closing words: the first and the
        # last five stems of a sentence index it, and only sentences sharing one are compared.
        self.heads: dict[tuple[str, ...], _Bucket] = {}
        self.tails: dict[tuple[str, ...], _Bucket] = {}

    def seen(self, sentence: str, key: str | None = None, stems: tuple[str, ...] | None = None) -> str | None:
        """Return the normalized key of an earlier sentence saying the same, else record this one."""
        key = normalize(sentence) if key is None else key
        earlier = self.exact.get(key)
        if earlier is not None:
            return earlier
        return self._unseen(key, tuple(language.content_stems(sentence)) if stems is None else stems)

    def seen_each(self, keys: list[str], stems: list[tuple[str, ...]]) -> list[str | None]:
        """Return `seen` of each sentence of a paragraph, in order, given their keys and stems."""
        exact = self.exact
        found = list(map(exact.get, keys))  # two thirds of a week's sentences are verbatim repeats
        if None in found:
            # In order, as `seen` one at a time: a key met here is recorded once and its value never changes,
            # so only the misses are looked up again (one may repeat a sentence earlier in the paragraph).
            for index, earlier in enumerate(found):
                if earlier is None:
                    key = keys[index]
                    earlier = exact.get(key)
                    found[index] = earlier if earlier is not None else self._unseen(key, stems[index])
        return found

    def _unseen(self, key: str, stems: tuple[str, ...]) -> str | None:
        """Return the key of an earlier near-duplicate of a sentence not seen verbatim, else record it."""
        stems = tuple(stems)
        if len(stems) < 5:
            self.exact[key] = key
            return None
        stem_set = frozenset(stems)
        size = len(stem_set)
        head, tail = stems[:5], stems[-5:]
        heads, tails = self.heads.get(head), self.tails.get(tail)
        if heads is not None or tails is not None:
            earlier = _near_duplicate(stem_set, size, heads, tails)
            if earlier is not None:
                self.exact[key] = earlier
                return earlier
        self.exact[key] = key
        entry = (key, stem_set, size)
        if heads is None:
            self.heads[head] = _Bucket(entry)
        else:
            heads.add(entry)
        if tails is None:
            self.tails[tail] = _Bucket(entry)
        else:
            tails.add(entry)
        return None


def _near_duplicate(stem_set: frozenset[str], size: int, *buckets: _Bucket | None) -> str | None:
    """Return the key of the first sentence in the buckets that the stems nearly repeat (`NEAR_DUPLICATE`), else None."""
    # A figure the earlier sentence does not state is news, not a copy: "… trading down 48.2%"
    # late in the day after "… trading down 21.7%" at noon (numbers are their own stems).
    figures = frozenset([s for s in stem_set if s[:1].isdigit()])
    smallest = NEAR_DUPLICATE * size
    for bucket in buckets:
        if bucket is None or not figures <= bucket.stems:
            continue  # exact: a figure no sentence of the bucket states is missing from each of them
        for other_key, other_set, other_size in bucket.entries:
            # Jaccard is at most the smaller set's size over the larger's: most pairs stop here.
            if other_size < smallest or size < NEAR_DUPLICATE * other_size:
                continue
            if figures <= other_set and language.stem_overlap(stem_set, other_set) >= NEAR_DUPLICATE:
                return other_key
    return None


def clean(articles: list[Article], subject: Subject) -> Cleaned:
    """Return the articles with noise, off-subject content and duplicate sentences removed."""
    return combine([clean_article(a, subject) for a in articles], subject)


def combine(cleaned_articles: Iterable[ArticleClean], subject: Subject) -> Cleaned:
    """Return the corpus-level result: off-subject articles out, duplicates merged, ids numbered."""
    combiner = Combiner(subject)
    for item in cleaned_articles:
        combiner.add(item)
    return combiner.result


def _parallel(item: ArticleClean) -> Iterable[tuple[list[str], list[str], list[tuple[str, ...]], list[str]]]:
    """Return each kept paragraph's sentences, keys, stems and whom they are about, cut to one length as `zip` would."""
    featured = item.with_features()  # read in place: `features()` would build a pair per sentence
    about = item.about if len(item.about) == len(item.paragraphs) else [[""] * len(p) for p in item.paragraphs]
    for sentences, keys, stems, whom in zip(item.paragraphs, featured.keys, featured.stems, about):
        if len(sentences) == len(keys) == len(stems) == len(whom):
            yield sentences, keys, stems, whom
        else:
            size = min(len(sentences), len(keys), len(stems), len(whom))
            yield sentences[:size], keys[:size], stems[:size], whom[:size]


class Combiner:
    """`combine`, one article at a time: a build feeds it each file's articles as workers finish them.

    Articles must arrive in corpus order: the first to say a sentence keeps it, later ones echo it.
    """

    def __init__(self, subject: Subject) -> None:
        self.subject = subject
        self._articles: list[CleanArticle] = []
        self._dropped: list[Drop] = []
        self._echoes: dict[str, list[int]] = {}
        self._deduper = _Deduper()
        self._owner: dict[str, int] = {}

    def add(self, item: ArticleClean) -> None:
        """Take in one cleaned article: drop it if off-subject, else keep its new sentences as a source."""
        subject = self.subject
        article = item.article
        self._dropped.extend(item.dropped)
        if subject.names and item.mentions == 0:
            self._dropped.append(Drop("article not about the subject", article.title or article.path, article.path))
            return
        source_id = len(self._articles) + 1
        seen_each, owner, dropped = self._deduper.seen_each, self._owner, self._dropped
        paragraphs, keys, stems, about = [], [], [], []
        echoed: list[str] = []  # keys of the earlier sentences this article repeats, in order
        for paragraph, paragraph_keys, paragraph_stems, whom in _parallel(item):
            earlier = seen_each(paragraph_keys, paragraph_stems)
            new = earlier.count(None)
            if not new:  # every sentence a repeat (whole copies are most of a week's repeats)
                dropped.extend(Drop("duplicate sentence", sentence, article.path) for sentence in paragraph)
                echoed.extend(earlier)
                continue
            if new == len(earlier):  # every sentence new: the paragraph is kept as it is
                kept, kept_keys, kept_stems, kept_about = (list(paragraph), list(paragraph_keys),
                                                           list(paragraph_stems), list(whom))
                owner.update(zip(paragraph_keys, repeat(source_id)))
            else:
                kept, kept_keys, kept_stems, kept_about = [], [], [], []
                for sentence, key, sentence_stems, who, other in zip(paragraph, paragraph_keys, paragraph_stems,
                                                                     whom, earlier):
                    if other is None:
                        kept.append(sentence)
                        kept_keys.append(key)
                        kept_stems.append(sentence_stems)
                        kept_about.append(who)
                        owner[key] = source_id
                    else:
                        dropped.append(Drop("duplicate sentence", sentence, article.path))
                        echoed.append(other)
            paragraphs.append(kept)
            keys.append(kept_keys)
            stems.append(kept_stems)
            about.append(kept_about)
        if not paragraphs and not echoed:
            dropped.append(Drop("no article prose left", article.title or article.path, article.path))
            return
        # An article that only repeats others stays a source: its facts are cited to it too.
        for key in echoed:
            if owner.get(key) != source_id:
                sources = self._echoes.setdefault(key, [])
                if not sources or sources[-1] != source_id:  # exact for `not in`: ids only grow, so this one can only be last
                    sources.append(source_id)
        self._articles.append(CleanArticle(id=source_id, article=article, paragraphs=paragraphs,
                                            central=is_central(item, subject), keys=keys, stems=stems,
                                            about=about))

    @property
    def result(self) -> Cleaned:
        """Return what was combined so far (a new value; later `add`s do not change it)."""
        return Cleaned(articles=list(self._articles), dropped=list(self._dropped),
                       echoes={key: list(sources) for key, sources in self._echoes.items()})
