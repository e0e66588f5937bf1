"""The asset sandbox: the only files a brief's stylesheet and PDF may read are the audience's own."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup

from ..audience import Audience
from .templating import chain, prefixes


def locate_asset(audience: Audience, path: Path) -> Path | None:
    """Return the file inside the audience's template folders that a path stands for, or None.

    A path inside a chain folder is looked up along the extends chain, so an audience folder
    holds only what it changes; a `!name/` part (`!base/style.css`) means that audience's copy.
    Any other path, or a link leading out of the folders, gives None.
    """
    folders_in_chain = [f.resolve() for f in chain(audience)]
    path = path.resolve()
    for root in folders_in_chain:
        if not path.is_relative_to(root):
            continue
        parts = path.relative_to(root).parts
        folders = folders_in_chain
        if parts and parts[0].startswith("!"):
            folders = [f.resolve() for f in prefixes(audience).get(parts[0][1:], [])]
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

    css = expand(locate_asset(audience, chain(audience)[0] / name))
    return Markup(css.replace("</", "<\\/"))  # "</style>" in a stylesheet must not end the element


def asset_fetcher(audience: Audience):
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
