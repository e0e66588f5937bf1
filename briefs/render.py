"""Render a Brief through an audience's Jinja templates into Markdown, HTML, PDF and JSON files.

Templates run in Jinja's sandbox with StrictUndefined and see `brief`, the `audience` settings
and `labels`. WeasyPrint may fetch only files inside the audience's template folders. An
audience with `pages = N` is cut, lowest-ranked lines first, until its PDF fits N pages; every
format then shows the same cut brief.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from .audience import Audience
from .config import data_dir
from .model import MAX_CITES, Brief

FORMATS = ("md", "html", "pdf", "json")
# Fixed PDF metadata dates keep two builds of one brief byte-identical.
_PDF_DATE = b"D:20000101000000Z"
# The same instant for fontTools' font subsetting (the reproducible-builds convention).
_SOURCE_DATE_EPOCH = "946684800"
# Figure rows kept while whole themes are still there to cut: a table of two says little.
_MIN_FIGURES = 3


class RenderError(RuntimeError):
    """A template or output problem; the message names the template file and line, or the path."""


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def escape_markdown(text: object) -> str:
    """Return text on one line with Markdown syntax backslash-escaped, so scraped text stays text."""
    value = re.sub(r"\s+", " ", str(text)).strip()
    value = _MD_SPECIAL.sub(r"\\\1", value)
    value = re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", value)  # "1." would start a numbered list
    return re.sub(r"^([-=])", r"\\\1", value)  # "-" a bullet, "=" a heading underline


def cites(ids: list[int]) -> str:
    """Return citation markers "[1][4][7]", at most MAX_CITES of them and "[+N]" for the rest."""
    shown = "".join(f"[{i}]" for i in list(ids)[:MAX_CITES])
    extra = len(ids) - MAX_CITES
    return shown + (f"[+{extra}]" if extra > 0 else "")


def weblink(url: object) -> str:
    """Return the URL when it is a plain http(s) address safe to link, else ""."""
    value = str(url or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"[\s<>\"'`\\]", value):
        return ""
    return value


def css_string(text: object) -> Markup:
    """Return text as a quoted CSS string with every unusual character escaped, for `content:`."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-+()" else f"\\{ord(c):06x}" for c in str(text))
    return Markup(f'"{escaped}"')


def environment(audience: Audience) -> ImmutableSandboxedEnvironment:
    """Return the sandboxed Jinja environment: the audience chain's folders, `!base/` and `!<name>/`."""
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader([str(f) for f in _chain(audience)]),
            jinja2.PrefixLoader({f"!{name}": jinja2.FileSystemLoader([str(f) for f in folders])
                                 for name, folders in _prefixes(audience).items()}, delimiter="/"),
        ]),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "htm"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update({
        "md": escape_markdown,
        "cites": cites,
        "shown": lambda ids: list(ids)[:MAX_CITES],
        "more": lambda ids: max(0, len(ids) - MAX_CITES),
        "basename": lambda path: Path(str(path)).name,
        "weblink": weblink,
        "css_string": css_string,
    })
    env.globals["stylesheet"] = lambda name="style.css": stylesheet(audience, str(name))
    return env


def _chain(audience: Audience) -> list[Path]:
    """Return the audience's folders, child first, ending with the packaged base."""
    base = data_dir("templates") / "base"
    folders = list(audience.folders)
    return folders if base in folders else folders + [base]


def _prefixes(audience: Audience) -> dict[str, list[Path]]:
    base = data_dir("templates") / "base"
    return {**audience.template_prefixes(), "base": [base]}


def _template_error(error: BaseException) -> RenderError:
    """Return a one-line RenderError naming the template file and line where the error arose."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return RenderError(f"{error.filename or error.name}:{error.lineno}: template syntax error: {error.message}")
    # Jinja rewrites tracebacks so template frames carry the template's file and line.
    where = ""
    tb = error.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}: "
        tb = tb.tb_next
    if isinstance(error, jinja2.TemplateNotFound):
        return RenderError(f"{where}template not found: {error.name} (names: brief.md.j2, !base/brief.md.j2, …)")
    if isinstance(error, SecurityError):
        return RenderError(f"{where}unsafe template operation refused: {error}")
    if isinstance(error, jinja2.UndefinedError):
        return RenderError(f"{where}undefined variable: {error.message} (docs/templates.md lists every variable)")
    if isinstance(error, RecursionError):
        return RenderError(f"{where}templates include or extend each other endlessly; "
                           "extend the parent's copy with !base/ or !<audience>/")
    message = " ".join(str(error).split()) or type(error).__name__
    return RenderError(f"{where}template error: {message}")


def render_text(brief: Brief, audience: Audience, template: str,
                env: ImmutableSandboxedEnvironment | None = None) -> str:
    """Return one template rendered against the brief, or raise RenderError naming the template."""
    env = env or environment(audience)
    try:
        return env.get_template(template).render(brief=brief, audience=audience.settings,
                                                 labels=audience.get("labels", {}))
    except Exception as error:  # noqa: BLE001 (anything a user's template raises is a template error)
        raise _template_error(error) from None


def locate_asset(audience: Audience, path: Path) -> Path | None:
    """Return the file inside the audience's template folders that a path stands for, or None.

    A path inside a chain folder is looked up along the extends chain, so an audience folder
    holds only what it changes; a `!name/` part (`!base/style.css`) means that audience's copy.
    Any other path, or a link leading out of the folders, gives None.
    """
    chain = [f.resolve() for f in _chain(audience)]
    path = path.resolve()
    for root in chain:
        if not path.is_relative_to(root):
            continue
        parts = path.relative_to(root).parts
        folders = chain
        if parts and parts[0].startswith("!"):
            folders = [f.resolve() for f in _prefixes(audience).get(parts[0][1:], [])]
            parts = parts[1:]
        elif path.is_file():
            return path
        for folder in folders:
            candidate = folder.joinpath(*parts).resolve()
            if candidate.is_file() and candidate.is_relative_to(folder):
                return candidate
    return None


_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(["']?)([^"')\s;]+)\1\s*\)?[^;]*;""")


def stylesheet(audience: Audience, name: str = "style.css") -> Markup:
    """Return the audience's stylesheet with its @imports from the template folders inlined.

    Inlined, an HTML brief keeps its look when opened on its own; an import of anything
    outside the folders is dropped, as the PDF renderer would refuse it.
    """
    seen: set[Path] = set()

    def expand(path: Path | None) -> str:
        if path is None or path in seen:
            return ""
        seen.add(path)
        text = path.read_text(encoding="utf-8", errors="replace")
        return _CSS_IMPORT.sub(lambda m: expand(_local(m.group(2), path.parent)), text)

    def _local(ref: str, folder: Path) -> Path | None:
        if urlsplit(ref).scheme:
            return None
        return locate_asset(audience, folder / ref)

    css = expand(locate_asset(audience, _chain(audience)[0] / name))
    return Markup(css.replace("</", "<\\/"))  # "</style>" in a stylesheet must not end the element


def _asset_fetcher(audience: Audience):
    """Return a WeasyPrint URL fetcher that serves only files inside the audience's template folders.

    Anything else (http, data, any other file) is refused without being opened.
    """
    import mimetypes
    from urllib.parse import unquote

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class AssetFetcher(URLFetcher):
        def fetch(self, url, headers=None):  # noqa: ARG002 (WeasyPrint's signature)
            parts = urlsplit(url)
            if parts.scheme == "file" and not parts.netloc:
                found = locate_asset(audience, Path(unquote(parts.path)))
                if found is not None:
                    kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(found.as_uri(), found.read_bytes(), {"Content-Type": kind})
            raise ValueError(f"refused to fetch {url[:80]!r}: briefs renders from packaged assets only")

    return AssetFetcher()


def prepare() -> None:
    """Import the PDF engine and its font subsetter ahead of time (a build does this while workers read files).

    Never raises: a missing library is reported by the render that needs it.
    """
    try:
        import fontTools.subset  # noqa: F401
        import weasyprint  # noqa: F401
    except Exception:  # noqa: BLE001
        pass


def _layout(html: str, audience: Audience):
    """Return the laid-out WeasyPrint document for rendered HTML."""
    import logging

    import weasyprint

    # Refused fetches and unsupported CSS are logged by WeasyPrint; the brief renders without them.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    base_url = _chain(audience)[0].resolve().as_uri() + "/"
    try:
        return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_asset_fetcher(audience)).render()
    except Exception as error:  # noqa: BLE001 (a layout failure is one line, not a traceback)
        raise RenderError(f"PDF layout failed for audience {audience.name!r}: {error}") from None


def _pdf(document, html: str, identifier: bytes | None = None) -> bytes:
    """Return the PDF bytes of a laid-out document, identical for identical HTML."""
    # Font subsetting stamps each embedded font with "now" unless SOURCE_DATE_EPOCH is set.
    os.environ.setdefault("SOURCE_DATE_EPOCH", _SOURCE_DATE_EPOCH)
    identifier = identifier or hashlib.sha256(html.encode()).hexdigest()[:32].encode()
    data = document.write_pdf(pdf_identifier=identifier, custom_metadata=False) or b""
    return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", rb"/\1 (" + _PDF_DATE + rb")", data)


def pdf_bytes(html: str, audience: Audience) -> bytes:
    """Return the PDF for rendered HTML, fetching nothing but packaged assets."""
    return _pdf(_layout(html, audience), html)


def _cut_plan(brief: Brief) -> list[tuple[str, int]]:
    """Return the cuts that shorten a brief, in order: what goes first matters least.

    Theme sentences go first, the fullest theme's lowest-ranked one each time, down to one per
    theme; then figure rows down to a few; then whole themes from the end (discovered ones come
    last in a brief); then the other figures; then summary sentences down to one.
    """
    plan: list[tuple[str, int]] = []
    counts = [len(t.sentences) for t in brief.themes]
    while counts and max(counts) > 1:
        fullest = max(range(len(counts)), key=lambda i: (counts[i], i))
        counts[fullest] -= 1
        plan.append(("sentence", fullest))
    figures = len(brief.figures)
    plan += [("figure", 0)] * max(0, figures - _MIN_FIGURES)
    plan += [("theme", 0)] * max(0, len(brief.themes) - 1)
    plan += [("figure", 0)] * min(figures, _MIN_FIGURES)
    plan += [("summary", 0)] * max(0, len(brief.summary) - 1)
    return plan


def _cut(brief: Brief, plan: list[tuple[str, int]]) -> Brief:
    """Return a copy of the brief with the cuts applied (each takes the last item of its list)."""
    themes = [dataclasses.replace(t, sentences=list(t.sentences)) for t in brief.themes]
    short = dataclasses.replace(brief, summary=list(brief.summary), themes=themes, figures=list(brief.figures))
    for kind, index in plan:
        if kind == "sentence":
            short.themes[index].sentences.pop()
        elif kind == "theme":
            short.themes.pop()
        elif kind == "figure":
            short.figures.pop()
        else:
            short.summary.pop()
    return short


def _describe(plan: list[tuple[str, int]]) -> str:
    counts = {kind: sum(1 for k, _ in plan if k == kind) for kind in ("sentence", "theme", "figure", "summary")}
    words = {"sentence": "theme sentence", "theme": "theme", "figure": "figure", "summary": "summary sentence"}
    return ", ".join(f"{n} {words[k]}{'s' if n != 1 else ''}" for k, n in counts.items() if n)


def fit_pages(brief: Brief, audience: Audience, env: ImmutableSandboxedEnvironment | None = None,
              notes: list[str] | None = None) -> tuple[Brief, str, object]:
    """Return the brief cut to the audience's `pages`, its HTML and its laid-out PDF document.

    The fewest cuts that fit are found by bisection, so a long brief costs a handful of layouts.
    """
    short, html, document, cuts, overflow = _fit(brief, audience, env or environment(audience))
    _note_cuts(brief, audience, cuts, overflow, notes)
    return short, html, document


def _fit(brief: Brief, audience: Audience, env: ImmutableSandboxedEnvironment) -> tuple[Brief, str, object, int, int]:
    """`fit_pages`, also returning how many cuts of `_cut_plan` it made and, if even all of them
    leave the PDF too long, how many pages it still needs (else 0)."""
    limit = int(audience.get("pages") or 0)

    def attempt(plan: list[tuple[str, int]]):
        short = _cut(brief, plan)
        html = render_text(short, audience, "brief.html.j2", env)
        return short, html, _layout(html, audience)

    best = attempt([])
    if not limit or len(best[2].pages) <= limit:
        return (*best, 0, 0)
    plan = _cut_plan(brief)
    shortest = attempt(plan)
    if len(shortest[2].pages) > limit:
        return (*shortest, len(plan), len(shortest[2].pages))
    low, high, best = 0, len(plan), shortest  # attempt(plan[:low]) overflows; attempt(plan[:high]) fits
    while high - low > 1:
        middle = (low + high) // 2
        tried = attempt(plan[:middle])
        if len(tried[2].pages) <= limit:
            high, best = middle, tried
        else:
            low = middle
    return (*best, high, 0)


def _note_cuts(brief: Brief, audience: Audience, cuts: int, overflow: int, notes: list[str] | None) -> None:
    limit = int(audience.get("pages") or 0)
    if notes is None or not cuts:
        return
    plan = _cut_plan(brief)[:cuts]
    if overflow:
        notes.append(f"the {audience.name} PDF needs {overflow} pages even with "
                     f"{_describe(plan)} cut; its audience asks for {limit}")
    else:
        notes.append(f"cut {_describe(plan)} so the {audience.name} PDF fits "
                     f"{limit} page{'s' if limit != 1 else ''}")


def _fingerprint(audience: Audience) -> str:
    """Return what a PDF depends on besides its HTML: versions, the page limit, the audience's files."""
    from importlib.metadata import version

    from . import __version__

    digest = hashlib.sha256()
    digest.update(json.dumps([__version__, version("weasyprint"), version("fonttools"),
                              audience.get("pages") or 0]).encode())
    for folder in _chain(audience):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _previous_pdf(path: Path | None, key: str) -> tuple[bytes, int, int] | None:
    """Return (bytes, cuts, overflow) of the PDF at `path` if it was laid out from the same input.

    A PDF's identifier (in its trailer, uncompressed) records the key of the uncut brief's HTML
    and everything else its bytes depend on, plus the cuts made: same key, same bytes, so a
    weekly re-run over unchanged articles needs no layout at all.
    """
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    found = re.search(rb"\(briefs:" + key.encode() + rb":(\d+):(\d+)\)", data[-4096:])
    return (data, int(found.group(1)), int(found.group(2))) if found else None


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file via a temporary sibling and rename, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _laid_out(brief: Brief, audience: Audience, env: ImmutableSandboxedEnvironment, notes: list[str] | None,
              target: Path | None) -> tuple[Brief, str, bytes | None]:
    """Return the brief cut to its page limit, its HTML and its PDF: the PDF already at `target`
    when that was made from the same input (`_previous_pdf`), else a new layout."""
    key = hashlib.sha256((render_text(brief, audience, "brief.html.j2", env) + _fingerprint(audience)).encode()
                         ).hexdigest()[:32]
    previous = _previous_pdf(target, key)
    if previous is not None:
        data, cuts, overflow = previous
        short = _cut(brief, _cut_plan(brief)[:cuts])
        _note_cuts(brief, audience, cuts, overflow, notes)
        return short, render_text(short, audience, "brief.html.j2", env), data
    short, html, document, cuts, overflow = _fit(brief, audience, env)
    _note_cuts(brief, audience, cuts, overflow, notes)
    identifier = f"briefs:{key}:{cuts}:{overflow}".encode()
    return short, html, _pdf(document, html, identifier) if target is not None else None


def render(brief: Brief, audience: Audience, out_dir: Path, stem: str,
           formats: Iterable[str] = FORMATS, notes: list[str] | None = None) -> list[Path]:
    """Render every requested format in memory, then write them all; return the paths written.

    `notes` (when given) receives a line about any cut made to fit the audience's page limit.
    """
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise RenderError(f"unknown format {unknown[0]!r}; valid formats: {', '.join(FORMATS)}")
    env = environment(audience)
    outputs: dict[str, bytes] = {}
    html = pdf = None
    if "pdf" in formats or audience.get("pages"):
        # Laid out first: a page limit may cut the brief, and every format shows the cut brief.
        brief, html, pdf = _laid_out(brief, audience, env, notes, out_dir / f"{stem}.pdf" if "pdf" in formats else None)
    if "json" in formats:
        outputs["json"] = (json.dumps(brief.to_dict(), indent=2, ensure_ascii=False) + "\n").encode()
    if "md" in formats:
        outputs["md"] = render_text(brief, audience, "brief.md.j2", env).encode()
    if "html" in formats:
        outputs["html"] = (html or render_text(brief, audience, "brief.html.j2", env)).encode()
    if "pdf" in formats:
        outputs["pdf"] = pdf
    written = []
    for fmt in formats:
        path = out_dir / f"{stem}.{fmt}"
        try:
            write_atomic(path, outputs[fmt])
        except OSError as error:
            raise RenderError(f"{path}: cannot write ({error.strerror})") from None
        written.append(path)
    return written
