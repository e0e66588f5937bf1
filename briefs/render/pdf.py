"""PDF output: WeasyPrint layout from packaged assets only, reproducible bytes, reuse of an unchanged PDF."""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path

from ..audience import Audience
from .assets import asset_fetcher
from .templating import RenderError, chain

# Fixed PDF metadata dates keep two builds of one brief byte-identical.
_PDF_DATE = b"D:20000101000000Z"
# The same instant for fontTools' font subsetting (the reproducible-builds convention).
_SOURCE_DATE_EPOCH = "946684800"


def engine():
    """Return the `weasyprint` module, imported without a search of the system for each library name.

    WeasyPrint tries each of its C libraries under several names, short ones first ("pango-1.0",
    then "libpango-1.0.so.0"). For every short name cffi asks `ctypes.util.find_library`, which on
    Linux runs `ldconfig -p`, then gcc and ld in subprocesses: about 0.25 s of CPU, a quarter of
    the seeds' build. On Linux the search answers "not found" during the import, so the dynamic
    loader opens the library by its file name (the names WeasyPrint lists next), as it opens
    every other; if that fails, the import is retried with the search.
    """
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    import ctypes.util
    import io
    from contextlib import redirect_stdout

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with redirect_stdout(io.StringIO()):  # WeasyPrint prints its install help before it raises
            import weasyprint
    except Exception:  # noqa: BLE001 (retried below with the system's own search, which reports any failure)
        weasyprint = None
    finally:
        ctypes.util.find_library = search
    if weasyprint is None:
        import weasyprint
    return weasyprint


def prepare() -> None:
    """Import the PDF engine and its font subsetter ahead of time (a build does this while workers read files).

    Never raises: a missing library is reported by the render that needs it.
    """
    try:
        import fontTools.subset  # noqa: F401

        engine()
    except Exception:  # noqa: BLE001
        pass


def layout(html: str, audience: Audience):
    """Return the laid-out WeasyPrint document for rendered HTML."""
    import logging

    weasyprint = engine()
    # Refused fetches and unsupported CSS are logged by WeasyPrint; the brief renders without them.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    base_url = chain(audience)[0].resolve().as_uri() + "/"
    try:
        return weasyprint.HTML(string=html, base_url=base_url, url_fetcher=asset_fetcher(audience)).render()
    except Exception as error:  # noqa: BLE001 (a layout failure is one line, not a traceback)
        raise RenderError(f"PDF layout failed for audience {audience.name!r}: {error}") from None


def pdf_bytes(document, identifier: bytes) -> bytes:
    """Return the PDF bytes of a laid-out document, identical for an identical document and identifier."""
    # Font subsetting stamps each embedded font with "now" unless SOURCE_DATE_EPOCH is set.
    os.environ.setdefault("SOURCE_DATE_EPOCH", _SOURCE_DATE_EPOCH)
    data = document.write_pdf(pdf_identifier=identifier, custom_metadata=False) or b""
    return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", rb"/\1 (" + _PDF_DATE + rb")", data)


def _fingerprint(audience: Audience) -> str:
    """Return what a PDF depends on besides its HTML: the code, the engine, the page limit, the audience's files."""
    from importlib.metadata import version

    from ..cache import code_digest

    digest = hashlib.sha256()
    digest.update(json.dumps([code_digest(), version("weasyprint"), version("fonttools"),
                              audience.get("pages") or 0]).encode())
    for folder in chain(audience):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def input_key(html: str, audience: Audience) -> str:
    """Return the key of everything a PDF is laid out from: the uncut brief's HTML and `_fingerprint`."""
    return hashlib.sha256((html + _fingerprint(audience)).encode()).hexdigest()[:32]


def identifier(key: str, cuts: int, overflow: int) -> bytes:
    """Return the PDF identifier recording the input key and the cuts made (read back by `reusable`)."""
    return f"briefs:{key}:{cuts}:{overflow}".encode()


def reusable(path: Path | None, key: str) -> tuple[bytes, int, int] | None:
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
