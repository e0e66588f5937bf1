"""Phrase vocabularies (regexes of phrases) with a word index, so most text skips the regex.

A vocabulary such as "click | sign[ -]?up | read (?:more|next)" can only match where one of a few
words starts: click, sign, signup, read. `Vocabulary` works those words out from the pattern
itself (`first_words`) and runs the regex only on text holding one of them. A set lookup per
sentence replaces a regex scan of every character, and the verdict is the regex's own: the words
are derived, not listed by hand, and a pattern whose first words cannot be derived is always run.
Where a phrase starts with a common word ("is long", "not … advice"), a rarer whole word further
into it gates it instead (`required_words`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# No public API parses a regular expression: `re._parser` is the parser `re` itself compiles with
# (its public alias `sre_parse` is deprecated since 3.11). It is read only in `first_words`, where any
# surprise in its output means "cannot tell" and the regex simply always runs: a Python that changes
# it costs speed, never a different result.
from re import _parser as _sre

_WORD_CHAR = re.compile(r"\w")
_WORD_RUN = re.compile(r"\w+")
_NON_WORD_CATEGORIES = {"CATEGORY_SPACE", "CATEGORY_NOT_WORD", "CATEGORY_LINEBREAK"}


class _Unknown(Exception):
    """The pattern's first words cannot be told (an open character class, an unanchored start)."""


def _is_word(char: str) -> bool:
    return _WORD_CHAR.match(char) is not None


def _expand(items: list, prefix: str, anchored: bool, depth: int = 0) -> set[str]:
    """Return the first words that matches of `items` (after `prefix`) can start with."""
    if depth > 50:
        raise _Unknown
    for index, (op, arg) in enumerate(items):
        rest = items[index + 1:]
        kind = str(op)
        if kind == "AT":
            where = str(arg)
            if where == "AT_BOUNDARY" and prefix:
                return {prefix}  # \b right after word characters: the word ends here
            if where in ("AT_BOUNDARY", "AT_BEGINNING", "AT_BEGINNING_STRING") and not prefix:
                anchored = True  # the match starts where a word starts
                continue
            raise _Unknown
        if kind == "ASSERT_NOT" and _excludes_word_chars(arg[1]):
            if arg[0] < 0 and not prefix:
                anchored = True  # (?<![\w-]): not preceded by a word character, so a word starts here
                continue
            if arg[0] > 0 and prefix:
                return {prefix}  # (?![\w-]): no word character follows, so the word ends here
            raise _Unknown
        if kind == "LITERAL":
            char = chr(arg)
            if not _is_word(char):
                if not prefix:
                    raise _Unknown  # the match can start without a word ("©")
                return {prefix}
            if not anchored:
                raise _Unknown  # "click" with no \b before it also matches inside "doubleclick"
            prefix += char.lower()
            continue
        if kind == "SUBPATTERN":
            return _expand(list(arg[-1]) + rest, prefix, anchored, depth + 1)
        if kind == "BRANCH":
            return set().union(*(_expand(list(branch) + rest, prefix, anchored, depth + 1) for branch in arg[1]))
        if kind in ("MAX_REPEAT", "MIN_REPEAT"):
            low, high, body = arg
            body = list(body)
            if high <= 2:
                return set().union(*(_expand(body * n + rest, prefix, anchored, depth + 1) for n in range(low, high + 1)))
            if any(_can_be_word(item) for item in body):
                raise _Unknown
            if not prefix:
                raise _Unknown
            return {prefix} if low else {prefix} | _expand(rest, prefix, anchored, depth + 1)
        if kind == "IN":
            if any(str(o) != "LITERAL" for o, _ in arg):
                if _can_be_word((op, arg)) or not prefix:
                    raise _Unknown
                return {prefix}
            return set().union(*(_expand([(_sre.LITERAL, code)] + rest, prefix, anchored, depth + 1) for _, code in arg))
        raise _Unknown
    raise _Unknown  # the pattern ends mid-word (the text's word may go on), or matches no word at all


def _excludes_word_chars(items: list) -> bool:
    """Return True if a lookaround's body is one character class holding every word character."""
    items = list(items)
    return len(items) == 1 and str(items[0][0]) == "IN" and any(
        str(o) == "CATEGORY" and str(a) == "CATEGORY_WORD" for o, a in items[0][1])


def _can_be_word(item: tuple) -> bool:
    """Return True if a parsed item could match a word character (conservatively)."""
    op, arg = item
    kind = str(op)
    if kind == "LITERAL":
        return _is_word(chr(arg))
    if kind == "CATEGORY":
        return str(arg) not in _NON_WORD_CATEGORIES
    if kind == "IN":
        return any(_can_be_word(member) for member in arg)
    return True


def first_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Return the lower-case words every match of `pattern` starts with, or None if that cannot be told.

    A match starts at a word boundary and its first word ends at a boundary, so the text's word at
    that place is one of these words: text whose words include none of them cannot match.
    """
    try:
        return frozenset(_expand(list(_sre.parse(pattern.pattern, pattern.flags)), "", False))
    except Exception:  # _Unknown, or a parser that changed between Python versions: always run the regex
        return None


def _ends_a_word(item: tuple) -> bool:
    """Return True if what follows a parsed item starts a word when it is a word character.

    The item is one non-word character (" ", ":", "[- ]") or a word boundary or start (as `_expand` reads them).
    """
    op, arg = item
    if str(op) == "LITERAL":
        return not _is_word(chr(arg))
    if str(op) == "AT":
        return str(arg) in ("AT_BOUNDARY", "AT_BEGINNING", "AT_BEGINNING_STRING")
    return str(op) == "IN" and not any(_can_be_word(member) for member in arg)


def _ends_at_word_start(items: list, anchored: bool) -> bool:
    """Return True if, after a match of `items`, what follows starts a word when it is a word character.

    `anchored`: the match of `items` itself starts where a word starts. An optional or repeated
    group ("(?:Label:\\s*)?", "\\s*") ends a word when both its absence and its last repetition do.
    """
    if not items:
        return anchored
    op, arg = items[-1]
    if _ends_a_word(items[-1]):
        return True
    kind = str(op)
    before = items[:-1]
    if kind == "SUBPATTERN":
        return _ends_at_word_start(list(arg[-1]), _ends_at_word_start(before, anchored))
    if kind == "BRANCH":
        start = _ends_at_word_start(before, anchored)
        return all(_ends_at_word_start(list(branch), start) for branch in arg[1])
    if kind in ("MAX_REPEAT", "MIN_REPEAT"):
        low, high, body = arg
        repeated = high > 0 and _ends_at_word_start(list(body), False)  # its last repetition, wherever it began
        return repeated and (low > 0 or _ends_at_word_start(before, anchored))
    return False


def _rarity(words: frozenset[str]) -> tuple[int, int]:
    # Short words ("is", "in", "our") are the common ones: a set whose shortest word is longest
    # lets the most text skip the regex. Speed only: any candidate is a sound gate.
    return min(map(len, words)), -len(words)


def _required(items: list, anchored: bool, depth: int = 0, memo: dict | None = None) -> frozenset[str] | None:
    """Return words one of which every match of `items` holds as a whole word, or None if none can be told.

    A match holds the words a match of any tail of `items` starts with (`_expand`), where that tail
    starts a word: after a non-word character, or at a word boundary the pattern asks for. The
    alternatives of a group at the head of a tail each hold words of their own.
    `memo`: results by the items' identities (the parse tree's, alive during the call), since every
    alternative of a group is followed by the same rest of the pattern.
    """
    if depth > 20:
        return None
    memo = {} if memo is None else memo
    key = (tuple(map(id, items)), anchored)
    if key in memo:
        return memo[key]
    best: frozenset[str] | None = None
    for index, (op, arg) in enumerate(items):
        starts = _ends_at_word_start(items[:index], anchored)
        tail = (tuple(map(id, items[index:])), starts, "first")
        if tail not in memo:
            try:
                memo[tail] = frozenset(_expand(items[index:], "", starts))
            except _Unknown:
                memo[tail] = None
        candidates: list[frozenset[str] | None] = [memo[tail]]
        rest = items[index + 1:]
        if str(op) == "SUBPATTERN":
            candidates.append(_required(list(arg[-1]) + rest, starts, depth + 1, memo))
        elif str(op) == "BRANCH":
            branches = [_required(list(branch) + rest, starts, depth + 1, memo) for branch in arg[1]]
            candidates.append(None if None in branches else frozenset().union(*branches))
        for found in candidates:
            if found and (best is None or _rarity(found) > _rarity(best)):
                best = found
    memo[key] = best
    return best


def required_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Return lower-case words one of which every match of `pattern` holds as a whole word, or None if that cannot be told.

    `first_words` when nothing better is found; else rarer words from further into the phrases
    ("long" and "short" for "is long", "advice" for "not financial advice").
    """
    try:
        return _required(list(_sre.parse(pattern.pattern, pattern.flags)), False)
    except Exception:  # a parser that changed between Python versions: always run the regex
        return None


@lru_cache(maxsize=20_000)
def word_runs(text: str) -> tuple[str, ...]:
    """Return the lower-case word runs (\\w+) of a text as written: what `Vocabulary.search` looks up.

    Cached: the cleaning stage asks for a sentence's runs for several vocabularies and its key.
    """
    return tuple(_WORD_RUN.findall(text.lower()))


class Vocabulary:
    """A compiled phrase pattern with its first words; `search` skips text that holds none of them."""

    def __init__(self, pattern: str, flags: int = 0, *, lower: bool = False) -> None:
        self.pattern = re.compile(pattern, flags)
        # lower: the pattern is written in lower case and matched against lower-cased text; a
        # case-sensitive alternation runs several times faster than a case-insensitive one.
        self.lower = lower
        self.words = required_words(self.pattern)

    def may_match(self, words: Iterable[str]) -> bool:
        """Return False when no match can occur in text with these word runs (`word_runs`)."""
        return self.words is None or not self.words.isdisjoint(words)

    def search(self, text: str, words: Iterable[str] | None = None) -> re.Match | None:
        """Return the pattern's first match in `text` (lower-cased first if `lower`), or None."""
        if words is not None and not self.may_match(words):
            return None
        return self.pattern.search(text.lower() if self.lower else text)

    def match(self, text: str, words: Iterable[str] | None = None) -> re.Match | None:
        """Return a match at the start of `text`, or None."""
        if words is not None and not self.may_match(words):
            return None
        return self.pattern.match(text.lower() if self.lower else text)
