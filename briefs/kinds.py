"""Article kinds: what sort of piece an article is, from general cues of headline, voice and body.

Investors weigh a results report, an analyst's rating change and a "3 stocks to buy" listicle
very differently. The cues are general: the headline's form (a question to the reader, a
numbered list of stocks, a deal on a product), the body's voice (the first person of a review
or an essay, the second person of a pitch), its length (a scraper's error stub is no article),
and finance vocabulary. Promotional, shopping, review and opinion pieces never lead a brief.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .vocabulary import Vocabulary, word_runs

RESULTS = "results"
PREVIEW = "preview"
ANALYST = "analyst action"
LEGAL = "regulatory or legal"
PRODUCT = "product or launch"
DEAL = "deal"
MARKET_WRAP = "market wrap"
OPINION = "opinion"
PROMOTIONAL = "promotional"
SHOPPING = "shopping deal"
REVIEW = "review"
FAILURE = "scraper failure"
TEMPLATE = "templated note"  # set from the corpus (stories.templated_articles), not from one article
OPTIONS = "options activity"
NEWS = "news"

# Kinds whose sentences never lead the executive summary, and the weight their sentences carry
# elsewhere: they mention the company to sell something or to argue, not to report.
NEVER_LEAD = frozenset({PROMOTIONAL, SHOPPING, REVIEW, OPINION, FAILURE, TEMPLATE, OPTIONS})
WEIGHT = {PROMOTIONAL: 0.5, SHOPPING: 0.3, REVIEW: 0.5, OPINION: 0.7, FAILURE: 0.0, TEMPLATE: 0.3, OPTIONS: 0.3}

# A body shorter than this many words that reads as an error or a placeholder is a failed scrape.
FAILURE_WORDS = 40
_FAILURE = re.compile(r"\b(?:error|exception|not (?:found|available)|unavailable|connection (?:broken|reset|refused)|"
                      r"timed? ?out|access denied|forbidden|enable javascript|traceback)\b", re.I)
# "Should You Buy…?", "Is X a Buy?", "3 Stocks to Buy Now", "…Millionaire…", "Buy and Hold Forever";
# anywhere in the headline: "Down 40%, Should You Buy …?", "1 Fund to Buy With $500", "Time to Buy
# Acme?", "Buy the Dip in Acme", "2 Stocks You'll Wish You'd Owned", "Robot Stocks To Consider".
_PITCH = re.compile(r"^(?:should you|got \$[\d,]+|\d+\s+(?:[\w-]+\s+){0,3}(?:stocks?|shares|picks)\b"
                    r"(?=.*\b(?:buy|own|hold|watch|avoid|picks?|regret|surge|soar|double|potential)))|"
                    r"\bis (?:it|now|[\w.-]+(?: [\w.-]+){0,2}) (?:a )?(?:buy|sell|a bargain|a steal)\b|"
                    r"\bshould you (?:buy|sell|own|hold)\b|\btime to (?:buy|sell)\b|\bbuy(?:ing)? the dip\b|"
                    r"\byou(?:'ll|’ll|'d|’d| will| would| might| may)? (?:wish|regret)\b|"
                    r"\b(?:(?:stocks?|etfs?|funds?) to (?:buy|own|watch|hold|avoid|keep an eye on|"
                    # "… Stocks To Consider – May 3rd", not "Stocks to follow yields lower"
                    r"(?:consider|follow|research)(?=\s*(?:$|[–—:|-]|now\b|today\b|this\b|in\s+20\d\d|for\b)))|"
                    r"(?:buy|sell) (?:now|today|right now)|buy or sell|"
                    r"millionaire|forever|no-brainer|(?:top|best) (?:[\w-]+ )?(?:stocks?|picks) to|to buy (?:now|in|before|right)|"
                    r"your money|passive income|screaming buys?|regret not buying)\b", re.I)
# Headline words that mark a kind (regular-expression alternatives, matched as whole words), kept
# as data: "markets" and "moves" together make a market wrap ("Stocks close lower as yields climb").
_HEADLINE_WORDS = {
    SHOPPING: r"\d+% off|deals?|discount(?:ed)?|lowest price|price drop|on sale|coupon|black friday|"
              r"prime day|cyber monday|save \$\d+",
    REVIEW: r"review|hands[- ]on|i tried|i tested|tested:?",
    RESULTS: r"results|earnings|revenue|profit|loss|quarter(?:ly)?|q[1-4]|fiscal|beats?|miss(?:es)?|"
             r"reports?|posts?",
    PREVIEW: r"preview|ahead of|what to expect|expected to|estimates?|to report|earnings (?:date|"
             r"call) (?:set|scheduled)|before (?:it|its) reports?",
    ANALYST: r"price target|upgrades?|downgrades?|upgraded|downgraded|initiates?|reiterates?|rating|"
             r"outperform|underperform|overweight|underweight|analysts? (?:say|see|cut|raise)",
    LEGAL: r"lawsuit|sues?|sued|court|class action|investigation|probe|regulators?|antitrust|"
           r"settle(?:s|ment)?|fine[sd]?|charges?|export (?:curbs?|rules?|controls?|ban)|"
           r"sanctions?",
    PRODUCT: r"launch(?:es|ed)?|unveil(?:s|ed)?|introduc(?:es|ed)|releases?|debuts?|rolls? out|"
             r"new (?:model|chip|phone|car|product)",
    DEAL: r"acquires?|acquisition|to buy|buys|merger|merge|takeover|deal|stake|partnership",
    "markets": r"stocks?|shares|markets?|indices|index|futures|dow|s&p|nasdaq|ftse|dax|nikkei|sensex|"
               r"nifty|hang seng|wall street|equities|treasur(?:y|ies)|bonds?|cac|stoxx|tsx|asx|kospi|topix",
    "moves": r"rise|rises|rose|fall|falls|fell|gain|gains|gained|drop|drops|dropped|slip|slips|slid|"
             r"close|closes|closed|end|ends|ended|open|opens|opened|mixed|higher|lower|rally|rallies|"
             r"tumble|tumbles|sink|sinks|sank|surge|surges|edge|edges|skid|skids|slump|slumps|plunge|plunges|"
             r"jump|jumps|climb|climbs|sheds?|dips?|retreats?|rebounds?|soars?|slides?|tanks?",
}
_HEADLINE = {name: re.compile(rf"\b(?:{words})\b", re.I) for name, words in _HEADLINE_WORDS.items()}
# A result measured against the forecasts ("Q3 earnings beat estimates", "revenue misses
# expectations") reports the quarter; "expected to beat estimates", "to top forecasts" still preview it.
_MEASURED_AGAINST = re.compile(r"(?<!\bto )\b(?:beats?|tops?|topped|misses|missed|exceeds?|exceeded|surpass(?:es|ed)|"
                               r"trails?|trailed|lags?|lagged|in line with)\s+(?:\w+\s+)?(?:estimates?|expectations|"
                               r"forecasts?|views?|consensus)\b", re.I)
# A labelled column, and a writer's forecast ("Prediction: Acme Will Beat the Market").
_OPINION = re.compile(r"^(?:opinion|column|commentary|analysis|editorial|letter)\b|^prediction\s*:|\b(?:opinion|op-ed)\s*[:|]",
                      re.I)
# A note on trading in a stock's options ("Notable Monday Option Activity: …", "October 20th Options
# Now Available For …"): its headline is about the options market, and its body quotes strikes and
# contracts ("the $210 strike call option", "60,786 contracts"). Volumes and premiums, not company
# news. Both are asked, so a company granting "stock options" or holding "an option to buy" a
# stake is not one.
_OPTIONS_HEADLINE = re.compile(r"\boptions? (?:activity|volume|trading|traders?|now available|chain)\b|"
                               r"\bunusual options\b|\b(?:call|put) options\b|\bcovered calls?\b|\byieldboost\b", re.I)
_OPTIONS_BODY = re.compile(r"\$\d[\d.,]*\s+strike\b|\b(?:call|put) contracts?\b|\b[\d,.]+ (?:million )?contracts\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|my|me)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you'll)\b", re.I)
# A body in which this share of sentences speaks as "I" is a review or an essay; as "you", a pitch.
FIRST_PERSON_SHARE = 0.15
SECOND_PERSON_SHARE = 0.2


def kind(title: str, sentences: Sequence[str], body_words: int | None = None) -> str:
    """Return the article's kind (one of the module's constants) from its headline and kept sentences."""
    if (body_words if body_words is not None else _words_up_to(sentences, FAILURE_WORDS)) < FAILURE_WORDS and (
            not sentences or _FAILURE.search(" ".join(sentences))):
        return FAILURE
    # The voice shares read every sentence: each is taken only where a rule asks (most headlines decide first).
    if _HEADLINE[SHOPPING].search(title):
        return SHOPPING
    if _HEADLINE[REVIEW].search(title) and _share(_FIRST_PERSON, sentences) >= FIRST_PERSON_SHARE / 2:
        return REVIEW
    if _OPINION.search(title):
        return OPINION
    if _OPTIONS_HEADLINE.search(title) and any(_OPTIONS_BODY.search(s) for s in sentences):
        return OPTIONS
    if _PITCH.search(title) or (title.rstrip().endswith("?") and _share(_SECOND_PERSON, sentences) >= SECOND_PERSON_SHARE):
        return PROMOTIONAL
    if _HEADLINE[ANALYST].search(title):
        return ANALYST
    measured = _MEASURED_AGAINST.search(title)
    if _HEADLINE[PREVIEW].search(title) and not measured:
        return PREVIEW
    if measured:
        return RESULTS
    if _HEADLINE[RESULTS].search(title) and re.search(r"\d|results|earnings", title, re.I):
        return RESULTS
    if _HEADLINE[LEGAL].search(title):
        return LEGAL
    if _HEADLINE[DEAL].search(title):
        return DEAL
    if _HEADLINE[PRODUCT].search(title):
        return PRODUCT
    if _HEADLINE["markets"].search(title) and _HEADLINE["moves"].search(title):
        return MARKET_WRAP
    if _share(_FIRST_PERSON, sentences) >= FIRST_PERSON_SHARE:
        return OPINION
    return NEWS


def kinds(articles: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    """Return `kind` of each (headline, kept sentences): work a build lends to its workers."""
    return [kind(title, sentences) for title, sentences in articles]


def _words_up_to(sentences: Sequence[str], limit: int) -> int:
    """Return the sentences' word count, or any count >= `limit` once it is reached (only "fewer than" is asked)."""
    words = 0
    for sentence in sentences:
        words += len(sentence.split())
        if words >= limit:
            break
    return words


def _share(voice: re.Pattern, sentences: Sequence[str]) -> float:
    """Return the share of the sentences in which the voice's pattern occurs."""
    return sum(bool(voice.search(s)) for s in sentences) / max(1, len(sentences))


def is_market_wrap(title: str, names: Sequence[str] = ()) -> bool:
    """Return True for a headline about the market's moves ("Stocks close lower as yields climb").

    A headline whose first market word is one of `names`' stock ("Acme Stock Falls", "Acme (NYSE:
    ACME) Shares Gap Down") is about that company's shares, not the market.
    """
    market = _HEADLINE["markets"].search(title)
    if not market or not _HEADLINE["moves"].search(title):
        return False
    before = _OWNER_TAIL.sub("", title[:market.start()]).lower()
    return not any(before.endswith(name.lower()) for name in names if name)


# What may stand between a company's name and its "stock" in a headline: a ticker, a possessive.
_OWNER_TAIL = re.compile(r"(?:\s*\([^()]*\))?(?:['’]s)?\s*$")

# A sentence whose grammatical subject is a market, an index, a currency or a commodity ("French
# stocks fell", "The benchmark index was down 1%", "The yen and the franc rallied"): the market
# word within the sentence's first words, a move verb soon after. "stock" and "shares" alone are
# left out: in a company's article they are its own ("Shares fell 7% on Wednesday"), and so is a
# market word behind a possessive ("Its dollar revenue rose").
_MARKET_WORDS = (
    r"(?:stocks|equities|indices|indexes|index|futures|markets|bourses?|benchmark|blue[- ]chips|"
    r"yen|dollar|greenback|euro|franc|pound|sterling|yuan|renminbi|rupee|won|gold|silver|oil|crude|brent|copper|"
    r"bond yields|treasury yields|yields|s&p(?: 500)?|dow(?: jones)?|nasdaq(?: composite)?|ftse(?: 100)?|dax|cac(?: 40)?|"
    r"nikkei|topix|hang seng|sensex|nifty|kospi|asx(?: 200)?|tsx|stoxx(?: 600)?|wall street)\b")
_MARKET_SUBJECT = re.compile(
    r"^(?:\([^()]{1,30}\)\s*[-–—]\s*)?(?:(?!(?:its|their|our|his|her|your)\b|\S+['’]s\b)[\w.,'’&-]+\s+){0,4}?"
    + _MARKET_WORDS +
    r"[^.;]{0,80}?\b(?:rise|rises|rose|risen|fall|falls|fell|fallen|gain|gains|gained|lose|loses|lost|drop|drops|"
    r"dropped|slip|slips|slipped|slid|slide|slides|close|closes|closed|end|ends|ended|finish|finished|edged?|edges|"
    r"rall(?:y|ies|ied)|tumbled?|tumbles|sink|sinks|sank|surged?|surges|jump|jumps|jumped|climb|climbs|climbed|"
    r"plunged?|plunges|soared?|soars|dip|dips|dipped|shed|sheds|retreat(?:s|ed)?|rebound(?:s|ed)?|advanced?|advances|"
    r"declined?|declines|strengthen(?:s|ed)?|weaken(?:s|ed)?|firmed|eased|(?:was|were|is|are) (?:up|down|higher|lower|flat))\b",
    re.I)


# The market word starts a word of the text: a sentence holding none of their first words
# (most of a company's news) skips the case-insensitive search.
_MARKET_GATE = Vocabulary(r"\b" + _MARKET_WORDS, re.I)


# "Wall Street expects profit to rise 11% …", "markets forecast revenue growing …": the market word
# is the subject of an expectation about a company's results, not of a move; the figure is a
# consensus estimate for the company the passage is about.
_CONSENSUS = re.compile(
    r"^(?:\([^()]{1,30}\)\s*[-–—]\s*)?(?:[\w.,'’&-]+\s+){0,4}?" + _MARKET_WORDS +
    r"\s+(?:is\s+|are\s+)?(?:expects?|expected|expecting|forecasts?|estimates?|sees|predicts?|anticipates?|projects?)\b"
    r"[^.;]{0,40}?\b(?:profits?|revenues?|sales|earnings|eps|income|margins?|growth)\b", re.I)


def market_line(text: str) -> bool:
    """Return True for a sentence reporting a market's, an index's, a currency's or a commodity's move."""
    if not _MARKET_GATE.may_match(word_runs(text)):
        return False
    return bool(_MARKET_SUBJECT.match(text)) and not _CONSENSUS.search(text)


def leads(kind_name: str) -> bool:
    """Return True when sentences of this kind of article may lead the executive summary."""
    return kind_name not in NEVER_LEAD


def leads_alone(kind_name: str) -> bool:
    """Return True when sentences of this kind may lead a summary no other kind can: a column's
    lines, when the week holds nothing but columns about the subject (an empty summary tells less)."""
    return leads(kind_name) or kind_name == OPINION


# Kinds whose words come back file after file whatever the week's news (a template's fixed lines, a
# promotion's pitch, a review's verdicts): they found no discovered theme. Opinion does: an analysis
# piece tells the week's facts in its own words.
NO_THEME = NEVER_LEAD - {OPINION}


# Kinds whose names are not the week's cast ("Who and what is mentioned"): a market wrap's or a
# screen's tickers, a template's fund names, a pitch's other picks, a deal page's products.
NOT_CAST = frozenset({MARKET_WRAP, TEMPLATE, PROMOTIONAL, SHOPPING, OPTIONS, FAILURE})


def founds_theme(kind_name: str) -> bool:
    """Return True when sentences of this kind of article may found a discovered theme."""
    return kind_name not in NO_THEME


def weight(kind_name: str) -> float:
    """Return the weight of a sentence from this kind of article (1.0 for reporting)."""
    return WEIGHT.get(kind_name, 1.0)
