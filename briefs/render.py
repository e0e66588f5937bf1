"""Render a Brief through an audience's Jinja templates into Markdown, HTML, PDF and JSON files.

Templates run in Jinja's sandbox with StrictUndefined and see one variable, `brief` (plus
`audience` settings and `labels`). WeasyPrint may fetch only files inside the template folders.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .audience import Audience
from .config import data_dir
from .model import MAX_CITES, Brief

FORMATS = ("md", "html", "pdf", "json")
# Fixed PDF metadata dates keep two builds of one brief byte-identical.
_EPOCH = "2000-01-01T00:00:00"


class RenderError(RuntimeError):
    """A template or output problem; the message names the template file and line, or the path."""


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape_markdown(text: object) -> str:
    """Return text with Markdown syntax characters backslash-escaped, so scraped text stays text."""
    value = re.sub(r"\s+", " ", str(text)).strip()
    value = _MD_SPECIAL.sub(r"\\\1", value)
    return re.sub(r"^(\d+)\.", r"\1\\.", value)


def cites(ids: list[int]) -> str:
    """Return citation markers "[1][4][7]", at most MAX_CITES of them and "+N" for the rest."""
    shown = "".join(f"[{i}]" for i in list(ids)[:MAX_CITES])
    extra = len(ids) - MAX_CITES
    return shown + (f"[+{extra}]" if extra > 0 else "")


def environment(audience: Audience) -> ImmutableSandboxedEnvironment:
    """Return the sandboxed Jinja environment: the audience chain's folders, then `!base/`."""
    folders = [str(f) for f in audience.folders]
    base = str(data_dir("templates") / "base")
    if base not in folders:
        folders.append(base)
    loader = jinja2.ChoiceLoader([
        jinja2.FileSystemLoader(folders),
        jinja2.PrefixLoader({"!base": jinja2.FileSystemLoader(base)}, delimiter="/"),
    ])
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "htm"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = escape_markdown
    env.filters["cites"] = cites
    env.filters["shown"] = lambda ids: list(ids)[:MAX_CITES]
    env.filters["more"] = lambda ids: max(0, len(ids) - MAX_CITES)
    env.filters["basename"] = lambda path: Path(str(path)).name
    return env


def _template_error(error: Exception) -> RenderError:
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = f"{error.filename or error.name}:{error.lineno}"
        return RenderError(f"{where}: template syntax error: {error.message}")
    if isinstance(error, jinja2.TemplateNotFound):
        return RenderError(f"template not found: {error.name}")
    # Runtime errors: find the template frame in the traceback for file and line.
    tb = error.__traceback__
    where = ""
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") or "/templates/" in filename:
            where = f"{filename}:{tb.tb_lineno}: "
        tb = tb.tb_next
    kind = "undefined variable" if isinstance(error, jinja2.UndefinedError) else "template error"
    if isinstance(error, jinja2.sandbox.SecurityError):
        kind = "unsafe template operation refused"
    return RenderError(f"{where}{kind}: {error}")


def render_text(brief: Brief, audience: Audience, template: str) -> str:
    """Return one template rendered against the brief, or raise RenderError naming the template."""
    env = environment(audience)
    try:
        return env.get_template(template).render(brief=brief, audience=audience.settings,
                                                 labels=audience.get("labels", {}))
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as error:
        raise _template_error(error) from None


def _asset_fetcher(audience: Audience):
    """Return a WeasyPrint URL fetcher that serves only files inside the template folders."""
    import mimetypes
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import URLFetcher, URLFetcherResponse

    chain = [f.resolve() for f in audience.folders]
    base = (data_dir("templates") / "base").resolve()
    if base not in chain:
        chain.append(base)

    def locate(path: Path) -> Path | None:
        """Return the asset for a path inside any audience folder, found along the extends chain."""
        if path.is_file() and any(path.is_relative_to(root) for root in chain):
            return path
        for root in chain:
            if path.is_relative_to(root):
                relative = path.relative_to(root)
                for folder in chain:
                    candidate = (folder / relative).resolve()
                    if candidate.is_file() and candidate.is_relative_to(folder):
                        return candidate
        return None

    class AssetFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file" and not parts.netloc:
                found = locate(Path(unquote(parts.path)).resolve())
                if found is not None:
                    kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(found.as_uri(), found.read_bytes(), {"Content-Type": kind})
            raise ValueError(f"refused to fetch {url[:80]!r}: briefs renders from packaged assets only")

    return AssetFetcher()


def pdf_bytes(html: str, audience: Audience) -> bytes:
    """Return the PDF for rendered HTML, fetching nothing but packaged assets."""
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    # Font subsetting stamps each embedded font with "now" unless SOURCE_DATE_EPOCH is set (the
    # reproducible-builds convention fontTools honours); a fixed stamp keeps PDFs byte-identical.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "946684800")
    base_url = (audience.folders[0].resolve()).as_uri() + "/"
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=_asset_fetcher(audience))
    return document.write_pdf(pdf_identifier=b"briefs", uncompressed_pdf=False,
                              custom_metadata=False) or b""


def _fix_pdf_dates(data: bytes) -> bytes:
    return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", rb"/\1 (D:20000101000000Z)", data)


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


def render(brief: Brief, audience: Audience, out_dir: Path, stem: str,
           formats: Iterable[str] = FORMATS) -> list[Path]:
    """Render every requested format in memory, then write them all; return the paths written."""
    formats = list(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise RenderError(f"unknown format {unknown[0]!r}; valid formats: {', '.join(FORMATS)}")
    outputs: dict[str, bytes] = {}
    html = None
    if "json" in formats:
        outputs["json"] = (json.dumps(brief.to_dict(), indent=2, ensure_ascii=False) + "\n").encode()
    if "md" in formats:
        outputs["md"] = render_text(brief, audience, "brief.md.j2").encode()
    if "html" in formats or "pdf" in formats:
        html = render_text(brief, audience, "brief.html.j2")
        if "html" in formats:
            outputs["html"] = html.encode()
    if "pdf" in formats:
        outputs["pdf"] = _fix_pdf_dates(pdf_bytes(html or "", audience))
    written = []
    for fmt in formats:
        path = out_dir / f"{stem}.{fmt}"
        try:
            write_atomic(path, outputs[fmt])
        except OSError as error:
            raise RenderError(f"{path}: cannot write ({error.strerror})") from None
        written.append(path)
    return written

