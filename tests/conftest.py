"""Shared fixtures: the seed corpus and one seed brief built once per test session."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Keep tests away from the real user config and cache folders, and from the checkout's out/.

    The library, like the CLI, finds previous briefs in `out` under the working directory.
    """
    monkeypatch.setenv("BRIEFS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.setenv("BRIEFS_CONFIG_DIR", str(tmp_path_factory.getbasetemp() / "config"))
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.fixture(scope="session")
def seed_result(tmp_path_factory):
    """The investor brief of the embedded seeds (built once; tests must not mutate it)."""
    from briefs.build import Options, build_brief

    return build_brief([SEEDS], Options(out=tmp_path_factory.mktemp("seed_out")))


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    """Each seed file's text by path."""
    return {str(p): p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def loopback():
    """An HTTP server on 127.0.0.1 that records every request it receives: (base URL, hits)."""
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.hits
    server.shutdown()
    server.server_close()
