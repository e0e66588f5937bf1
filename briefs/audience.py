"""Audiences as data: `templates/<name>/audience.toml`, each extending a parent up to `base`.

A child sets only the keys it changes; tables merge key by key, lists are replaced whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import ConfigError, data_dir, read_toml

AUDIENCE_FILE = "audience.toml"
DEFAULT_AUDIENCE = "investor"


@dataclass
class ThemeSpec:
    """A configured theme: name, one-line description, and the terms that signal it."""

    name: str
    description: str = ""
    terms: list[str] = field(default_factory=list)


@dataclass
class Audience:
    """An audience's resolved settings, its parent chain merged in (child keys win)."""

    name: str
    parents: list[str]
    folders: list[Path]
    settings: dict[str, Any]

    @property
    def themes(self) -> list[ThemeSpec]:
        specs = [ThemeSpec(**t) for t in self.settings.get("themes", [])]
        order = self.settings.get("theme_order")
        if order:
            by_name = {t.name: t for t in specs}
            specs = [by_name[n] for n in order if n in by_name]
        return specs

    def get(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)

    def section(self, name: str) -> bool:
        return bool(self.settings.get("sections", {}).get(name, True))


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def template_roots(user_dir: Path | None = None) -> list[Path]:
    """Return the folders searched for audiences, first match wins."""
    roots = []
    if user_dir is not None:
        roots.append(user_dir)
    roots.append(data_dir("templates"))
    return roots


def find_audience_folder(name: str, roots: list[Path]) -> Path | None:
    for root in roots:
        candidate = root / name
        if (candidate / AUDIENCE_FILE).is_file() or (name == "base" and candidate.is_dir()):
            return candidate
    return None


def load_audience(name: str, roots: list[Path] | None = None) -> Audience:
    """Return the audience `name` with its `extends` chain resolved, or raise ConfigError."""
    roots = roots or template_roots()
    chain: list[tuple[str, Path, dict[str, Any]]] = []
    current = name
    while True:
        if any(current == seen for seen, _, _ in chain):
            raise ConfigError(f"audience {name!r}: 'extends' loops back to {current!r}")
        folder = find_audience_folder(current, roots)
        if folder is None:
            known = ", ".join(list_audiences(roots)) or "none"
            raise ConfigError(f"unknown audience {current!r}; known audiences: {known}")
        path = folder / AUDIENCE_FILE
        data = read_toml(path) if path.is_file() else {}
        chain.append((current, folder, data))
        parent = data.get("extends")
        if current == "base" or not parent:
            break
        if not isinstance(parent, str):
            raise ConfigError(f"{path}: 'extends' must be an audience name")
        current = parent
    settings: dict[str, Any] = {}
    for _, _, data in reversed(chain):
        settings = _merge(settings, {k: v for k, v in data.items() if k != "extends"})
    return Audience(
        name=name,
        parents=[n for n, _, _ in chain[1:]],
        folders=[f for _, f, _ in chain],
        settings=settings,
    )


def list_audiences(roots: list[Path] | None = None) -> list[str]:
    """Return the names of every audience found in the template roots, sorted."""
    names: set[str] = set()
    for root in roots or template_roots():
        if root.is_dir():
            names.update(p.parent.name for p in root.glob(f"*/{AUDIENCE_FILE}") if p.parent.name != "base")
    return sorted(names)
