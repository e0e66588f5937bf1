"""Load articles from files and folders: one loader per file type, problems reported, never raised."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from html import unescape
from pathlib import Path

from .model import Article

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
CONFIG_FILES = {"briefs.toml"}
# A scraped article is tens of kilobytes; past this a file is a dump, not an article.
# $BRIEFS_MAX_FILE_MB overrides it (a corpus of long filings, or a tighter service).
MAX_BYTES = 20 * 1024 * 1024
MAX_BYTES_VARIABLE = "BRIEFS_MAX_FILE_MB"
# Article records nest a few levels (record, metadata, a list of tags). Past this a file is an
# attack or a dump, and Python's parsers would exhaust the stack before saying so.
MAX_DEPTH = 64
# No article field needs a longer whole number (a timestamp in nanoseconds has 19 digits); a
# number of thousands of digits costs quadratic time to convert and is refused by Python anyway.
MAX_INT_DIGITS = 100
# An article is tens of kilobytes; two million characters (some 300,000 words) is a book. Past
# it a text is a dump: only its start is read, so one file cannot keep a build busy for minutes.
MAX_ARTICLE_CHARS = 2_000_000
# Publication dates outside this range are errors in the file (year 0, a typo'd 20255), not news.
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


@dataclass
class Problem:
    """A file (or a line of one) that could not be loaded, and why."""

    path: str
    reason: str

    def __str__(self) -> str:
        from .printable import printable

        # A file name may hold a newline or an escape sequence: one problem stays one plain line.
        return f"{printable(self.path, one_line=True)}: {self.reason}"


@dataclass
class Loaded:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class LoadError(ValueError):
    """A file that yields no article; the message says why."""


def _latin_share(text: str) -> float:
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if not letters:
        return 1.0
    return sum("LATIN" in unicodedata.name(c, "") for c in letters) / len(letters)


def _decode_legacy(raw: bytes) -> str:
    """Return text in a legacy encoding: charset-normalizer's guess, or cp1252 for Western text.

    On short Western-European texts charset-normalizer often guesses a rarer Latin code page
    (mac_latin2, cp1250); when its guess is Latin script anyway and the bytes are valid cp1252
    (a superset of printable latin-1), cp1252 is the encoding such files are written in.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    guess = str(best) if best is not None else None
    try:
        western = raw.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and (guess is None or _latin_share(guess) >= 0.8):
        return western
    if guess is None:
        raise LoadError("binary or undecodable file")
    return guess


# Byte-order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"), (b"\xef\xbb\xbf", "utf-8"))


def _bom(raw: bytes) -> tuple[str, int] | None:
    """Return (encoding, mark length) when the bytes start with a byte-order mark, else None."""
    for mark, encoding in _BOMS:
        if raw.startswith(mark):
            return encoding, len(mark)
    return None


def decode(raw: bytes) -> str:
    """Return a file's bytes as text: BOM, UTF-8, then detected encoding; raise LoadError for binary/empty."""
    if not raw.strip():
        raise LoadError("empty file")
    marked = _bom(raw)
    if marked is not None:
        encoding, length = marked
        try:
            text = raw[length:].decode(encoding)
        except UnicodeDecodeError as error:
            # Truncated (odd byte count) or a lone surrogate: the file says it is this encoding but is not.
            where = f"{error.reason} at byte {error.start + length}"
            raise LoadError(f"not valid {encoding.upper()} text ({where})") from None
    elif b"\x00" in raw[:8192]:
        raise LoadError("binary file")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy(raw)
    if "\x00" in text:
        raise LoadError("binary file")
    text = text.lstrip("\ufeff")  # a second byte-order mark, left by a tool that added its own
    if not text.strip():
        raise LoadError("empty file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def max_bytes() -> int:
    """Return the largest file briefs reads, in bytes: $BRIEFS_MAX_FILE_MB when set, else MAX_BYTES."""
    value = os.environ.get(MAX_BYTES_VARIABLE, "").strip()
    try:
        megabytes = float(value) if value else 0
    except ValueError:
        megabytes = 0
    return int(megabytes * 1024 * 1024) if megabytes > 0 else MAX_BYTES


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g} MB"


def _too_large(size: int, limit: int) -> LoadError:
    return LoadError(f"file too large ({_megabytes(size)}; the limit is {_megabytes(limit)}, "
                     f"set {MAX_BYTES_VARIABLE} to change it)")


# What a path that is not a regular file is, as the refusal names it.
_SPECIAL_KINDS = ((stat.S_ISDIR, "folder"), (stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"),
                  (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"))


def special_kind(mode: int) -> str | None:
    """Return what a non-regular file is ("FIFO", "device"...), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _SPECIAL_KINDS if test(mode)), "special file")


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """Return a regular file's bytes, at most `limit` (default max_bytes()); raise LoadError otherwise.

    FIFOs, sockets and devices (or symlinks to them) are refused before they are opened: reading
    one waits forever or never ends (/dev/zero). The check is repeated on the open file, and the
    read is bounded, so a file swapped or grown in between still cannot take more than the limit.
    """
    limit = max_bytes() if limit is None else limit
    kind = special_kind(os.stat(path).st_mode)
    if kind is not None:
        raise LoadError(f"not a regular file ({kind})")
    # O_NONBLOCK: should a FIFO be swapped in after the check, opening it does not wait for a writer.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        kind = special_kind(info.st_mode)
        if kind is not None:
            raise LoadError(f"not a regular file ({kind})")
        if info.st_size > limit:
            raise _too_large(info.st_size, limit)
        # The size it has now, then whatever it grew by: one read of `limit` bytes would first
        # allocate that much (20 MB) for every file.
        raw = handle.read(info.st_size + 1)
        if len(raw) > info.st_size:
            raw += handle.read(limit + 1 - len(raw))
    if len(raw) > limit:
        raise _too_large(len(raw), limit)
    return raw


def read_stream(stream, limit: int | None = None) -> str:
    """Return the text of a byte stream (standard input), at most `limit` bytes (default max_bytes())."""
    limit = max_bytes() if limit is None else limit
    raw = stream.read(limit + 1)
    if isinstance(raw, str):  # a text stream (a test's StringIO): count and decode its UTF-8 bytes
        raw = raw.encode("utf-8", "surrogatepass")
    if len(raw) > limit:
        raise LoadError(f"input too large (more than {_megabytes(limit)}, set {MAX_BYTES_VARIABLE} to change it)")
    return decode(raw)


def read_text(path: Path) -> str:
    """Return a file's text: BOM, UTF-8, then detected encoding; raise LoadError for binary/empty/special."""
    return decode(read_bytes(path))


_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


def nesting_depth(text: str) -> int:
    """Return how deeply brackets nest in JSON (or flow YAML) text, brackets inside strings not counted."""
    depth = deepest = 0
    for token in _JSON_TOKENS.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif mark in "]}":
            depth -= 1
    return deepest


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise LoadError(f"JSON number of {len(digits)} digits (more than {MAX_INT_DIGITS})")
    return int(digits)


def json_value(text: str) -> object:
    """Return parsed JSON; raise LoadError for bad JSON, nesting past MAX_DEPTH or huge integers."""
    if nesting_depth(text) > MAX_DEPTH:
        raise LoadError(f"JSON nested more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(text, parse_int=_bounded_int)
    except LoadError:
        raise
    except json.JSONDecodeError as error:
        raise LoadError(f"malformed JSON ({error.msg} at line {error.lineno})") from None
    except (RecursionError, ValueError) as error:  # belt and braces past the depth check
        raise LoadError(f"unreadable JSON ({error})") from None


def _plausible(day: dt.date | None) -> dt.date | None:
    """Return the date when it lies in FIRST_DAY..LAST_DAY, else None (the article counts as undated)."""
    return day if day is not None and FIRST_DAY <= day <= LAST_DAY else None


def parse_date(value: object) -> dt.date | None:
    """Return a plausible date from a date/datetime/ISO-ish/RFC 2822 string, or None."""
    if isinstance(value, dt.datetime):
        return _plausible(value.date())
    if isinstance(value, dt.date):
        return _plausible(value)
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()[:100]  # a date is short; a long "date" is not worth parsing
    try:
        return _plausible(dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date())
    except ValueError:
        pass
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return _plausible(dt.date(*map(int, match.groups())))
        except ValueError:
            return None
    from email.utils import parsedate_to_datetime

    if re.search(r"[a-z]\.?\s+0\d{3}(?!\d)", text, re.I):
        return None  # "Jan 0000": RFC 2822 parsing would read a four-digit year 0 as the two-digit 2000
    try:
        return _plausible(parsedate_to_datetime(text).date())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


_MONTHS = ("january february march april may june july august september october november december").split()
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TEXT_DATES = [
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.I),
]
# A publication date stands in the first lines (dateline, byline); later dates are the story's.
_DATE_LINES = 5


def date_in_text(text: str) -> dt.date | None:
    """Return a full date (day, month, year) written in the first lines of an article, or None."""
    head = "\n".join([line for line in text.split("\n") if line.strip()][:_DATE_LINES])
    for pattern in _TEXT_DATES:
        match = pattern.search(head)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else next(
            i for i, m in enumerate(_MONTHS, 1) if m.startswith(parts["month"].lower()[:3]))
        try:
            return dt.date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            continue
    return None


def _article(path: Path, text: str, meta: dict, *, key: str = "") -> Article:
    publisher = meta.get("publisher") or meta.get("source") or meta.get("site_name") or ""
    extra = {k: v for k, v in meta.items() if k not in {"title", "publisher", "source", "date", "url", "text"}}
    return Article(
        path=f"{path}{key}",
        text=text,
        title=str(meta.get("title") or "").strip(),
        publisher=str(publisher).strip(),
        date=parse_date(meta.get("date")) or parse_date(meta.get("published")) or date_in_text(text),
        url=str(meta.get("url") or meta.get("link") or "").strip(),
        meta={k: v if isinstance(v, (str, int, float, bool)) or v is None else str(v) for k, v in extra.items()},
    )


def _is_headline(line: str) -> bool:
    """Return True for a line that reads as a headline: 3-25 words, capitalised, no final stop, not a byline or date."""
    words = line.split()
    return (3 <= len(words) <= 25 and line[:1].isupper() and not line.endswith((".", ":", ",", ";"))
            and not _BYLINE_START.match(line) and date_in_text(line) is None and "://" not in line)


def _guess_title(text: str) -> tuple[str, str]:
    """Return (title, body): the first line is the title when it reads as a headline."""
    lines = text.strip().split("\n", 1)
    first = lines[0].strip()
    if len(lines) == 2 and _is_headline(first):
        return first, lines[1]
    return "", text


_SOURCE_LINE = re.compile(r"^(?:source|publisher|via)\s*:?\s+(\S[^.!?]{0,40})$", re.I)
_BYLINE_START = re.compile(r"^(?:by|written by|posted by|updated|published)\b", re.I)
_BY_LINE = re.compile(r"^by\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})$")


def _header_meta(text: str) -> dict:
    """Return publisher and author named on their own lines near the top ("Source X", "By Y")."""
    meta = {}
    for line in [l.strip() for l in text.split("\n") if l.strip()][:6]:
        if (m := _SOURCE_LINE.match(line)) and "publisher" not in meta:
            meta["publisher"] = m.group(1).strip()
        elif (m := _BY_LINE.match(line)) and "author" not in meta:
            meta["author"] = m.group(1).strip()
    return meta


def load_txt(path: Path) -> list[Article]:
    text = read_text(path)
    title, body = _guess_title(text)
    return [_article(path, body if title else text, {"title": title, **_header_meta(text)})]


_FRONT_MATTER = re.compile(r"\A(?:---|\+\+\+)[ \t]*\n(.*?)\n(?:---|\+\+\+)[ \t]*(?:\n|\Z)", re.S)


@functools.cache
def _yaml_loaders() -> tuple[type, type]:
    """Return (fast, alias-refusing) PyYAML safe loaders that keep dates and long numbers as text.

    A date the loader cannot build (year 0) or a number of thousands of digits would otherwise make
    the whole front matter, and so the article, unreadable; as text, parse_date judges the date.
    """
    import yaml

    def keep_text(loader, node):  # noqa: ANN001 (PyYAML's constructor signature)
        return loader.construct_scalar(node)

    def bounded_int(loader, node):  # noqa: ANN001
        text = loader.construct_scalar(node)
        return text if len(text) > MAX_INT_DIGITS else yaml.SafeLoader.construct_yaml_int(loader, node)

    class Fast(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        pass

    class NoAliases(yaml.SafeLoader):
        def compose_node(self, parent, index):  # noqa: ANN001 (PyYAML's signature)
            if self.check_event(yaml.AliasEvent):
                raise yaml.YAMLError("aliases (*name) are not allowed")
            return super().compose_node(parent, index)

    for loader in (Fast, NoAliases):
        loader.add_constructor("tag:yaml.org,2002:timestamp", keep_text)
        loader.add_constructor("tag:yaml.org,2002:int", bounded_int)
    return Fast, NoAliases


# A front-matter line the common way: a plain key, then a double-quoted value without escapes or a
# plain value holding no character YAML gives a meaning to (":" and "#" anywhere, an indicator first).
_SIMPLE_ENTRY = re.compile(r"""([A-Za-z_][\w-]{0,63}): +(?:"([^"\\\t]*)"|([^\s\-?:,\[\]{}#&*!|>'"%@`][^:#\t]*?)) *""")
# Line breaks YAML knows besides "\n", which would cut such a line in two.
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029")


def _simple_table(block: str) -> dict | None:
    """Return front matter made only of simple "key: value" lines as PyYAML reads it, else None.

    Most front matter is a few such lines (title, source, date); parsing them with a regex is
    exact because each scalar is then typed by PyYAML's own resolver, and anything else (an
    int, a bool, a list, a comment, an escape) returns None and goes to PyYAML.
    """
    import yaml

    if yaml.reader.Reader.NON_PRINTABLE.search(block) or any(mark in block for mark in _OTHER_BREAKS):
        return None  # PyYAML refuses such characters: its own error message
    resolver = _yaml_resolver()
    table = {}
    for line in block.split("\n"):
        entry = _SIMPLE_ENTRY.fullmatch(line)
        if entry is None:
            return None
        key, quoted, plain = entry.groups()
        if resolver.resolve(yaml.ScalarNode, key, (True, False)) != "tag:yaml.org,2002:str":
            return None  # "on:", "null:": a key YAML reads as a bool or nothing
        if plain is not None and resolver.resolve(yaml.ScalarNode, plain, (True, False)) not in _TEXT_TAGS:
            return None  # a number, a bool or a null: PyYAML builds it
        table[key] = quoted if plain is None else plain
    return table


# Plain scalars the loaders keep as the text written: strings, and dates (`_yaml_loaders`).
_TEXT_TAGS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")


@functools.cache
def _yaml_resolver():
    import yaml

    return yaml.resolver.Resolver()


def _yaml_table(block: str) -> object:
    """Return YAML front matter parsed safely, aliases refused (a bomb of nested aliases is under 1 KB)."""
    import yaml

    simple = _simple_table(block)
    if simple is not None:
        return simple
    fast, no_aliases = _yaml_loaders()
    # No anchor, so no alias can expand: the C loader, same safe subset, several times faster.
    return yaml.load(block, Loader=fast if "&" not in block else no_aliases) or {}


_HEADING_MARK = re.compile(r"^#{1,6}\s+", re.M)


def load_markdown(path: Path) -> list[Article]:
    text = read_text(path)
    meta: dict = {}
    match = _FRONT_MATTER.match(text)
    if match:
        block = match.group(1)
        if nesting_depth(block) > MAX_DEPTH:
            raise LoadError(f"malformed front matter: nested more than {MAX_DEPTH} levels deep")
        try:
            if text.startswith("+++"):
                import tomllib

                meta = tomllib.loads(block)
            else:
                meta = _yaml_table(block)
        except Exception as error:  # YAML and TOML raise many types; all mean "bad front matter"
            first = (str(error).splitlines() or [type(error).__name__])[0]
            raise LoadError(f"malformed front matter: {first}") from None
        if not isinstance(meta, dict):
            raise LoadError("malformed front matter: not a key/value table")
        text = text[match.end():]
    if not meta.get("title"):
        title, body = _guess_title(text.lstrip("# "))
        if title:
            meta["title"], text = title, body
    if "#" in text:
        text = _HEADING_MARK.sub("", text)
    if not text.strip():
        raise LoadError("no text after front matter")
    return [_article(path, text, meta)]


# HTML extraction, chosen by loader F1 on 150 real pages with ground truth (docs/cleaning.md):
# trafilatura's precision mode leaves out the least page furniture but sometimes a lead or a
# middle paragraph, so the default mode's sentence-like lines (at least MIN_WORDS words and a
# final stop) between the first and the last precision line are put back.
MIN_LINE_WORDS = 6
# The page's declared article (JSON-LD articleBody, else its <article> element) replaces an
# extraction of under this share of its words: the extractor stopped early (a split layout, a
# teaser block), while the page itself marks more as the article.
SHORT_EXTRACTION = 0.4
# A fact box or info box (so named in its class) is a panel set apart from the story: other
# measures in a list, a full transcript, a profile. On the 150 pages with ground truth, the 3
# pages that have one leave it out of the article (one's transcript was longer than the story),
# and trafilatura drops one site's (mol-factbox) for the same reason. Its lines are reported as
# left out, never quoted; a line the page also prints outside a box stays.
_BOX_CLASS = re.compile(r"(?:^|[\s_-])(?:fact|info)-?box(?:$|[\s_-])", re.I)
_TEXT_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "dd", "dt")
# ...unless the story outside the boxes has fewer words than this: then the box is the article.
BOXED_ARTICLE_WORDS = 80


def _extract(html: str, **mode) -> str:
    """Return trafilatura's main text of a page in one mode ("" when it finds none)."""
    import trafilatura

    document = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, **mode)
    return (document.text or "") if document is not None else ""


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _sentence_like(line: str) -> bool:
    return len(line.split()) >= MIN_LINE_WORDS and line.rstrip("\"'”’)").endswith((".", "!", "?"))


def _main_text(html: str, body: str, boxed: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    """Return a page's article text and the extracted lines left out of it (`boxed`: lines of its fact boxes)."""
    precise = _lines(_extract(html, favor_precision=True))
    fuller = _lines(_extract(html))
    extracted = fuller + precise
    unboxed = [line for line in precise if _flat(line) not in boxed]
    if boxed and sum(len(line.split()) for line in unboxed) >= BOXED_ARTICLE_WORDS:
        precise, fuller = unboxed, [line for line in fuller if _flat(line) not in boxed]
    kept = set(precise)
    inside = [i for i, line in enumerate(fuller) if line in kept]
    if not precise:
        # Precision mode found nothing: a fuller mode's text, if it holds any prose at all.
        lines = fuller or _lines(_extract(html, favor_recall=True))
    elif inside:
        first, last = inside[0], inside[-1]
        lines = [line for line in fuller[first:last + 1] if line in kept or _sentence_like(line)]
    else:
        lines = precise
    if sum(len(line.split()) for line in lines) < MIN_LINE_WORDS:
        lines = []  # a menu word or two: no article on this page
    text = "\n".join(lines)
    if body and len(text.split()) < SHORT_EXTRACTION * _declared_words(body, boxed):
        return body, []
    chosen = set(lines)
    return text, [line for line in dict.fromkeys(extracted) if line not in chosen]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _declared_words(body: str, boxed: frozenset[str]) -> int:
    """Return the number of words of the page's declared article, its fact boxes' lines not counted."""
    flat = _flat(body)
    return len(flat.split()) - sum(len(line.split()) for line in boxed if line in flat)


def _boxed_lines(tree) -> frozenset[str]:
    """Return the text of each block inside a fact or info box that the page does not also print outside one."""
    boxes = [node for node in tree.iter() if isinstance(node.tag, str) and _BOX_CLASS.search(node.get("class") or "")]
    if not boxes:
        return frozenset()
    in_boxes = {node for box in boxes for node in box.iter()}
    inside, outside = set(), set()
    for node in tree.iter(*_TEXT_BLOCKS):
        if text := _flat(node.text_content()):
            (inside if node in in_boxes else outside).add(text)
    return frozenset(inside - outside)


def _json_ld(tree) -> dict:
    """Return headline, publisher, date, URL and body from the page's JSON-LD article object."""
    found: dict = {}

    def visit(node) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
            return
        if not isinstance(node, dict):
            return
        kinds = node.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and (k.endswith("Article") or k in ("BlogPosting", "Report")) for k in kinds):
            publisher = node.get("publisher")
            publisher = publisher.get("name") if isinstance(publisher, dict) else publisher
            for key, value in (("title", node.get("headline")), ("publisher", publisher),
                               ("date", node.get("datePublished")), ("url", node.get("url")),
                               ("body", node.get("articleBody"))):
                if isinstance(value, str) and value.strip() and key not in found:
                    found[key] = unescape(value).strip()  # some CMSs leave entities (&#8217;) in JSON-LD
        visit(node.get("@graph"))

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            visit(json.loads(script.text or ""))
        except ValueError:
            continue
    return found


def _html_tree(html: str):
    """Return the page parsed by lxml, or None when it cannot be parsed."""
    import lxml.html

    try:
        return lxml.html.fromstring(html.encode("utf-8"))
    except (ValueError, lxml.etree.ParserError):
        return None


def _page_meta(tree) -> dict:
    """Return title, publisher, date, URL and JSON-LD body from a page's own metadata.

    Order of trust: the publisher's structured data (og:, JSON-LD, canonical link), then the
    <title> and the first <h1>.
    """
    meta = {}
    for node in tree.xpath("//meta[@property or @name]"):
        key = (node.get("property") or node.get("name") or "").lower()
        if key and node.get("content", "").strip():
            meta.setdefault(key, node.get("content").strip())
    ld = _json_ld(tree)
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    heading = tree.xpath("//h1")
    body = ld.get("body", "")
    if not body:  # the page's <article> element, scripts and styles removed
        body = max((_text_without_scripts(node) for node in tree.xpath("//article")), key=len, default="")
    title_tag = tree.xpath("//title")
    return {
        "title": meta.get("og:title") or ld.get("title") or meta.get("twitter:title")
        or (heading[0].text_content().strip() if heading else "")
        or (title_tag[0].text_content().strip() if title_tag else ""),
        "publisher": meta.get("og:site_name") or ld.get("publisher") or meta.get("application-name") or "",
        "date": meta.get("article:published_time") or ld.get("date") or meta.get("date") or "",
        "url": (canonical[0].strip() if canonical else "") or meta.get("og:url") or ld.get("url") or "",
        "body": body,
    }


def _text_without_scripts(node) -> str:
    """Return an element's text, whitespace collapsed, its scripts and styles left out."""
    from copy import deepcopy

    node = deepcopy(node)  # the page's tree stays whole for the next reader
    for child in node.xpath(".//script | .//style | .//noscript"):
        child.drop_tree()
    return _flat(node.text_content())


def load_html(path: Path) -> list[Article]:
    html = read_text(path)
    tree = _html_tree(html)
    meta = _page_meta(tree) if tree is not None else {}
    boxed = _boxed_lines(tree) if tree is not None else frozenset()
    text, left_out = _main_text(html, meta.pop("body", ""), boxed)
    if not text.strip():
        raise LoadError("no article text found in HTML")
    if not all(meta.get(k) for k in ("title", "publisher", "date")):
        import trafilatura

        found = trafilatura.extract_metadata(html)
        if found is not None:
            fallback = {"title": found.title, "publisher": found.sitename or found.hostname,
                        "date": found.date, "url": found.url}
            meta = {k: meta.get(k) or fallback.get(k) or "" for k in fallback}
    article = _article(path, text, meta)
    return [replace(article, left_out=tuple(left_out))]


def _brief_written_by_us(record: object) -> bool:
    """Return True for a JSON brief briefs wrote (an --out folder read back as input)."""
    return isinstance(record, dict) and "text" not in record and all(
        isinstance(record.get(key), list) for key in ("themes", "sources", "summary"))


def load_json(path: Path) -> tuple[list[Article], list[Problem]]:
    text = read_text(path)
    articles, problems = [], []
    lines: list[tuple[int, object]] = []
    as_lines = path.suffix.lower() != ".json"  # .jsonl and .ndjson: one record a line
    if not as_lines:
        try:
            whole = json_value(text)
        except LoadError as error:
            # Not one JSON value. When its first line is one, it is a .json file holding JSON
            # lines (read line by line below); else it is one malformed document, one problem.
            first = next(line for line in text.split("\n") if line.strip())
            try:
                json_value(first)
            except LoadError:
                raise error from None
            as_lines = True
        else:
            if _brief_written_by_us(whole):
                raise LoadError("a brief written by briefs, not an article")
            # A list of records, or one record pretty-printed over many lines (or not).
            lines = [(i + 1, r) for i, r in enumerate(whole)] if isinstance(whole, list) else [(1, whole)]
    if as_lines:
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                lines.append((number, json_value(line)))
            except LoadError as error:
                problems.append(Problem(f"{path}:{number}", f"{error}; line skipped"))
    for number, record in lines:
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
            problems.append(Problem(f"{path}:{number}", "record has no 'text' field; skipped"))
            continue
        articles.append(_article(path, record["text"], record, key=f":{number}"))
    return articles, problems


def _feed_date(entry: dict) -> dt.date | None:
    """Return an entry's publication (else update) date when the feed gives a plausible one."""
    for key in ("published_parsed", "updated_parsed"):
        parts = entry.get(key)
        if parts:
            try:
                return _plausible(dt.date(*parts[:3]))
            except (TypeError, ValueError, OverflowError):
                continue  # year 0, month 13: the feed's date is wrong, not the article
    return None


def load_feed(path: Path) -> list[Article]:
    import io

    import feedparser

    raw = read_bytes(path)
    # Entity declarations are how "billion laughs" expansion bombs work; real feeds never need them.
    # They can only stand in the prolog, before the root element, however long comments make it.
    root = re.search(rb"<[A-Za-z]", raw)
    if re.search(rb"<!ENTITY", raw[:root.start() if root else len(raw)], re.I):
        raise LoadError("feed declares XML entities (possible entity-expansion attack)")
    # A stream, never bytes or str: feedparser opens a str or bytes that names a path or URL
    # (a file whose whole body is "/etc/passwd" would be read), but only reads a stream.
    feed = feedparser.parse(io.BytesIO(raw), resolve_relative_uris=False, sanitize_html=True)
    if not feed.entries:
        if path.suffix == ".xml":
            raise LoadError("XML file is not an RSS/Atom feed with entries")
        raise LoadError("feed has no entries")
    articles = []
    publisher = feed.feed.get("title", "")
    for number, entry in enumerate(feed.entries, 1):
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "")
        if "<" in body:
            import trafilatura

            body = trafilatura.extract(f"<html><body>{body}</body></html>") or ""
        if not body.strip():
            continue
        meta = {"title": entry.get("title", ""), "publisher": publisher, "date": _feed_date(entry),
                "url": entry.get("link", "")}
        articles.append(_article(path, body, meta, key=f"#{number}"))
    if not articles:
        raise LoadError("feed entries have no text")
    return articles


LOADERS: dict[str, Callable[[Path], list[Article]]] = {
    **{s: load_txt for s in TEXT_SUFFIXES},
    **{s: load_markdown for s in MARKDOWN_SUFFIXES},
    **{s: load_html for s in HTML_SUFFIXES},
    **{s: load_feed for s in FEED_SUFFIXES},
}


def _readable_kind(path: Path, problems: list[Problem]) -> bool:
    """Return True for a regular file (or a symlink to one); else record why it is skipped."""
    try:
        kind = special_kind(path.stat().st_mode)
    except FileNotFoundError:
        kind = "broken symlink" if path.is_symlink() else "vanished"
    except OSError as error:
        kind = f"cannot inspect: {error.strerror}"
    if kind is None:
        return True
    problems.append(Problem(str(path), f"not a regular file ({kind}); skipped"))
    return False


def _inside(path: Path, folders: list[str]) -> bool:
    real = os.path.realpath(path)
    return any(real == folder or real.startswith(folder + os.sep) for folder in folders)


def iter_files(paths: Iterable[Path], problems: list[Problem], skip: Iterable[Path] = ()) -> Iterator[Path]:
    """Yield regular input files: folders walked recursively in sorted order, loops and `skip` folders left out.

    `skip` holds folders never read (the --out folder a build writes: its briefs are not articles).
    Unreadable sub-folders and special files (FIFOs, sockets, devices, broken symlinks) are
    reported in `problems`, never opened.
    """
    seen: set[str] = set()
    skipped = [os.path.realpath(folder) for folder in skip]
    for path in paths:
        if str(path).startswith(("http:/", "https:/")):
            problems.append(Problem(str(path).replace(":/", "://", 1), "URLs are not fetched (briefs works offline); "
                                    "save the page and pass the file"))
            continue
        if not path.exists() and not path.is_symlink():
            problems.append(Problem(str(path), "no such file or folder"))
            continue
        if not path.is_dir():
            if _inside(path, skipped):
                problems.append(Problem(str(path), "in the --out folder briefs writes to; skipped"))
            elif _readable_kind(path, problems):
                yield path
            continue
        found: list[Path] = []

        def unreadable(error: OSError) -> None:
            problems.append(Problem(error.filename or str(path), f"cannot read folder ({error.strerror}); skipped"))

        for root, dirs, files in os.walk(path, followlinks=True, onerror=unreadable):
            real = os.path.realpath(root)
            if real in seen:
                problems.append(Problem(root, "symlink loop skipped"))
                dirs[:] = []
                continue
            seen.add(real)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _inside(Path(root) / d, skipped))
            found.extend(candidate for name in files
                         if not name.startswith(".") and name not in CONFIG_FILES
                         and _readable_kind(candidate := Path(root) / name, problems))
        # Sorted by path, so "a/1.txt" comes before "c.txt" whatever the walk order.
        yield from sorted(found, key=lambda p: p.relative_to(path).parts)


# The mark briefs' own HTML output carries in its head (templates/base/brief.html.j2).
_OUR_HTML = re.compile(rb"<meta\s+name=[\"']?generator[\"']?\s+content=[\"']?briefs\b", re.I)


def _written_by_briefs(path: Path) -> bool:
    """Return True for an HTML brief briefs wrote (its generator mark in the first kilobytes)."""
    return path.suffix.lower() in HTML_SUFFIXES and bool(_OUR_HTML.search(read_bytes(path)[:4096]))


def _article_start(article: Article) -> Article:
    """Return the article cut to MAX_ARTICLE_CHARS at a line or sentence end, so no quote is cut short."""
    text = article.text[:MAX_ARTICLE_CHARS]
    end = max(text.rfind("\n"), text.rfind(". "))
    return replace(article, text=text[:end + 1] if end > 0 else text)


def _bounded(articles: list[Article], problems: list[Problem]) -> tuple[list[Article], list[Problem]]:
    """Return the articles, each over MAX_ARTICLE_CHARS cut to its start, with a problem saying so."""
    long = [a for a in articles if len(a.text) > MAX_ARTICLE_CHARS]
    if not long:
        return articles, problems
    notes = [Problem(a.path, f"longer than {MAX_ARTICLE_CHARS:,} characters, a dump rather than an article; "
                             "only its start is read") for a in long]
    return [_article_start(a) if len(a.text) > MAX_ARTICLE_CHARS else a for a in articles], problems + notes


def load_file(path: Path) -> tuple[list[Article], list[Problem]]:
    """Return the articles in one file and the problems met; never raises for bad content."""
    suffix = path.suffix.lower()
    try:
        if _written_by_briefs(path):
            raise LoadError("a brief written by briefs, not an article")
        if suffix in JSON_SUFFIXES:
            return _bounded(*load_json(path))
        loader = LOADERS.get(suffix)
        if loader is None:
            return [], [Problem(str(path), f"unsupported file type {suffix!r}; skipped")]
        return _bounded(loader(path), [])
    except LoadError as error:
        return [], [Problem(str(path), f"{error}; skipped")]
    except PermissionError:
        return [], [Problem(str(path), "permission denied; skipped")]
    except TimeoutError as error:  # a parser's own time limit (NLTK's regex guard), not the disk
        return [], [failed(str(path), error)]
    except OSError as error:
        return [], [Problem(str(path), f"cannot read ({error.strerror or error}); skipped")]
    except Exception as error:  # noqa: BLE001 (a parser's own failure on odd input costs this file, not the brief)
        return [], [failed(str(path), error)]


def failed(path: str, error: Exception) -> Problem:
    """Return the problem for a file or article a library failed on unexpectedly (lxml, feedparser, NLTK)."""
    first = (str(error).splitlines() or [""])[0][:200]
    return Problem(path, f"could not be processed ({type(error).__name__}: {first}); skipped")


def load(paths: Iterable[Path]) -> Loaded:
    """Return every article found under `paths` and a problem for each file that gave none."""
    result = Loaded()
    for path in iter_files(paths, result.problems):
        articles, problems = load_file(path)
        result.articles.extend(articles)
        result.problems.extend(problems)
    return result
