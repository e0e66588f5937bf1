"""Audiences as data: `templates/<name>/audience.toml`, each extending a parent up to `base`.

A child sets only the keys it changes; tables merge key by key, lists are replaced whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import ConfigError, check_themes, config_dir, data_dir, read_toml

AUDIENCE_FILE = "audience.toml"
DEFAULT_AUDIENCE = "investor"
# Settings base/audience.toml leaves unset: a value there would override every briefs.toml.
OPTIONAL_SETTINGS = ("extends", "method", "formats")


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
    def description(self) -> str:
        return str(self.settings.get("description", ""))

    @property
    def themes(self) -> list[ThemeSpec]:
        specs = [ThemeSpec(name=t["name"], description=t.get("description", ""), terms=list(t.get("terms", [])))
                 for t in self.settings.get("themes", [])]
        order = self.settings.get("theme_order")
        if order:
            by_name = {t.name: t for t in specs}
            specs = [by_name[n] for n in order if n in by_name]
        return specs

    def get(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)

    def section(self, name: str) -> bool:
        return bool(self.settings.get("sections", {}).get(name, True))

    def template_prefixes(self) -> dict[str, list[Path]]:
        """Return `!name` template prefixes: each audience in the chain with the folders it searches.

        `{% extends "!executive/brief.html.j2" %}` reaches executive's copy (or what executive
        inherits), never the file doing the extending. When a user's folder shadows a shipped
        audience of the same name, the name means the shipped (parent) one.
        """
        prefixes: dict[str, list[Path]] = {}
        for index, name in enumerate([self.name] + self.parents):
            prefixes[name] = self.folders[index:]
        return prefixes


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    merged = dict(parent)
    for key, value in child.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def user_templates_dir() -> Path:
    """Return the user's own audiences folder: $BRIEFS_CONFIG_DIR/templates or the platform config dir."""
    return config_dir() / "templates"


def template_roots(user_dir: Path | None = None) -> list[Path]:
    """Return the folders searched for audiences, first match wins: --templates, the user's, the shipped."""
    roots = []
    if user_dir is not None:
        roots.append(Path(user_dir))
    roots.append(user_templates_dir())
    roots.append(data_dir("templates"))
    return roots


def _find_audience_folder(name: str, roots: list[Path], skip: frozenset[Path] = frozenset()) -> Path | None:
    """Return the first folder named `name` holding an audience in the roots, other than `skip`."""
    if not re.fullmatch(r"[A-Za-z0-9][\w.-]*", name):
        return None
    for root in roots:
        candidate = root / name
        if candidate.resolve() in skip:
            continue
        if (candidate / AUDIENCE_FILE).is_file() or (name == "base" and candidate.is_dir()):
            return candidate
    return None


def load_audience(name: str, roots: list[Path] | None = None) -> Audience:
    """Return the audience `name` with its `extends` chain resolved, or raise ConfigError.

    A user's folder may extend the shipped audience of the same name (`extends = "investor"` in
    a user's investor/): the search for a parent skips folders already in the chain.
    """
    roots = roots or template_roots()
    chain: list[tuple[str, Path, dict[str, Any]]] = []
    current = name
    while True:
        seen = frozenset(f.resolve() for _, f, _ in chain)
        folder = _find_audience_folder(current, roots, seen)
        if folder is None:
            if any(current == n for n, _, _ in chain):
                raise ConfigError(f"audience {name!r}: 'extends' loops back to {current!r}")
            known = ", ".join(list_audiences(roots)) or "none"
            raise ConfigError(f"unknown audience {current!r}; known audiences: {known}")
        path = folder / AUDIENCE_FILE
        data = read_toml(path) if path.is_file() else {}
        chain.append((current, folder, data))
        parent = data.get("extends", "base" if current != "base" else None)
        if current == "base" or not parent:
            break
        if not isinstance(parent, str):
            raise ConfigError(f"{path}: 'extends' must be an audience name")
        current = parent
    settings: dict[str, Any] = {}
    for _, _, data in reversed(chain):
        settings = _merge(settings, {k: v for k, v in data.items() if k != "extends"})
    _check(settings, chain[0][1] / AUDIENCE_FILE)
    return Audience(
        name=name,
        parents=[n for n, _, _ in chain[1:]],
        folders=[f for _, f, _ in chain],
        settings=settings,
    )


_NUMBERS = ("summary_sentences", "sentences_per_theme", "discovered_themes", "figures", "max_themes", "max_words",
            "pages")


def _check(settings: dict[str, Any], path: Path) -> None:
    """Raise ConfigError naming the file for a setting of the wrong kind."""
    for key in _NUMBERS:
        value = settings.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise ConfigError(f"{path}: '{key}' must be a whole number ≥ 0, not {value!r}")
    for key in ("sections", "labels", "metrics"):
        if not isinstance(settings.get(key, {}), dict):
            raise ConfigError(f"{path}: [{key}] must be a table")
    if "themes" in settings:
        check_themes(settings["themes"], path)  # one definition of a valid theme, shared with briefs.toml
    if not isinstance(settings.get("title", ""), str):
        raise ConfigError(f"{path}: 'title' must be a string")
    order = settings.get("theme_order", [])
    if not isinstance(order, list) or not all(isinstance(n, str) for n in order):
        raise ConfigError(f"{path}: 'theme_order' must be a list of theme names")
    for key, value in settings.get("labels", {}).items():
        if not isinstance(value, str):
            raise ConfigError(f"{path}: label '{key}' must be a string, not {value!r}")
    for section, names in settings.get("metrics", {}).items():
        if not isinstance(names, dict) or not all(isinstance(c, list) and all(isinstance(w, str) for w in c)
                                                  for c in names.values()):
            raise ConfigError(f"{path}: [metrics.{section}] must map metric names to lists of words")


def unknown_keys(audience: Audience) -> list[str]:
    """Return one message per key in the audience's files that the base audience does not define.

    base/audience.toml lists every setting, so a key it lacks is a typo or belongs elsewhere;
    [labels] may hold new keys for an audience's own templates.
    """
    base_file = data_dir("templates") / "base" / AUDIENCE_FILE
    known = read_toml(base_file)
    messages = []
    for folder in audience.folders:
        path = folder / AUDIENCE_FILE
        if not path.is_file() or path.resolve() == base_file.resolve():
            continue
        data = read_toml(path)
        for key in data:
            if key not in known and key not in OPTIONAL_SETTINGS:
                messages.append(f"{path}: unknown setting '{key}' (base/audience.toml lists every setting)")
        for key in data.get("sections", {}) if isinstance(data.get("sections"), dict) else ():
            if key not in known.get("sections", {}):
                messages.append(f"{path}: unknown section '{key}'; sections: {', '.join(known['sections'])}")
    return messages


def list_audiences(roots: list[Path] | None = None) -> list[str]:
    """Return the names of every audience found in the template roots, sorted."""
    names: set[str] = set()
    for root in roots or template_roots():
        if root.is_dir():
            names.update(p.parent.name for p in root.glob(f"*/{AUDIENCE_FILE}") if p.parent.name != "base")
    return sorted(names)
