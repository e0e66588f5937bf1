"""Corpus configuration as data: the `briefs.toml` beside the articles (subject, default audience)."""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS_FILE = "briefs.toml"
# A settings file is a few kilobytes; a larger one is a mistake (a corpus file renamed).
MAX_CONFIG_BYTES = 1024 * 1024


class ConfigError(ValueError):
    """A configuration file that cannot be read or holds a bad value; the message names the file."""


def config_dir() -> Path:
    """Return the user's briefs config folder: $BRIEFS_CONFIG_DIR, else the platform's (platformdirs)."""
    override = os.environ.get("BRIEFS_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir("briefs"))


def _package_root() -> Path:
    return Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the shipped `templates` or `seeds` folder: the source tree's, else the wheel's copy."""
    source_tree = _package_root().parent / name
    if source_tree.is_dir():
        return source_tree
    return _package_root() / "_data" / name


def read_toml(path: Path) -> dict[str, Any]:
    """Return a TOML file's table, or raise ConfigError naming the file and the problem."""
    from .load import LoadError, read_bytes

    try:
        # The loader's reader: a FIFO or device named briefs.toml is refused, not waited on.
        raw = read_bytes(path, MAX_CONFIG_BYTES)
        return tomllib.loads(raw.decode("utf-8-sig"))  # a BOM some editors write is not a TOML error
    except UnicodeDecodeError:
        encoding = "UTF-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "not UTF-8"
        raise ConfigError(f"{path}: cannot read: the file is {encoding}; TOML files must be saved as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    except LoadError as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror}") from None


@dataclass
class Subject:
    """What the brief is about: a name, other names it goes by, and its tickers."""

    name: str = ""
    aliases: list[str] = field(default_factory=list)
    tickers: list[str] = field(default_factory=list)
    # People, products and units whose mention means a passage concerns the subject.
    related: list[str] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        """Return every name the subject goes by, the main one first."""
        return [n for n in [self.name, *self.aliases] if n]

    @property
    def terms(self) -> list[str]:
        """Return the names plus related people and products: what makes a passage about the subject."""
        return self.names + [r for r in self.related if r]


@dataclass
class Corpus:
    """A corpus folder's settings from its `briefs.toml`."""

    subject: Subject = field(default_factory=Subject)
    audience: str = ""
    path: Path | None = None


def string_list(value: Any, key: str, path: Path, error: type[Exception] | None = None) -> list[str]:
    """Return a TOML value as a list of strings (one string is a list of one); `error` (ConfigError) names the file."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise (error or ConfigError)(f"{path}: '{key}' must be a list of strings, e.g. {key.rsplit('.', 1)[-1]} = [\"a\", \"b\"]")
    return list(value)


# Settings a briefs.toml (user or corpus) may hold, with their built-in defaults.
DEFAULTS: dict[str, Any] = {
    "subject.name": "",
    "subject.aliases": [],
    "subject.tickers": [],
    "subject.related": [],
    "audience": "investor",
    "method": "default",
    "formats": ["md", "pdf", "json"],
    "out": "out",
    "themes": [],
}
_LISTS = {"subject.aliases", "subject.tickers", "subject.related", "formats"}
# Where each setting sits in a briefs.toml, for messages: top level, or inside a table.
_TABLES = {"subject": ("name", "aliases", "tickers", "related"), "output": ("formats", "out")}
_TOP_LEVEL = ("subject", "audience", "method", "themes", "output")
_THEME_KEYS = ("name", "description", "terms", "drop")


def check_themes(value: Any, path: Path) -> list[dict[str, Any]]:
    """Return [[themes]] entries (of a briefs.toml or an audience.toml), checked: name and terms, or name and drop = true."""
    how = "each [[themes]] needs name = \"…\" and terms = [\"…\"] (or drop = true)"
    if not isinstance(value, list):
        raise ConfigError(f"{path}: 'themes' must be [[themes]] tables; {how}")
    themes = []
    for theme in value:
        if not isinstance(theme, dict) or not isinstance(theme.get("name"), str) or not theme["name"].strip():
            raise ConfigError(f"{path}: {how}")
        unknown = [k for k in theme if k not in _THEME_KEYS]
        if unknown:
            raise ConfigError(f"{path}: theme {theme['name']!r}: unknown key '{unknown[0]}'; "
                              f"known: {', '.join(_THEME_KEYS)}")
        if not isinstance(theme.get("drop", False), bool):
            raise ConfigError(f"{path}: theme {theme['name']!r}: 'drop' must be true or false")
        if not isinstance(theme.get("description", ""), str):
            raise ConfigError(f"{path}: theme {theme['name']!r}: 'description' must be a string")
        if not theme.get("drop") and "terms" not in theme:
            raise ConfigError(f"{path}: theme {theme['name']!r}: {how}")
        entry = {"name": theme["name"].strip(), "description": theme.get("description", "")}
        if theme.get("drop"):
            entry["drop"] = True
        else:
            entry["terms"] = string_list(theme["terms"], "terms", path)
        themes.append(entry)
    return themes


def _flatten(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Return the settings of a briefs.toml table as dotted keys, checked; unknown keys are errors."""
    for key in data:
        if key not in _TOP_LEVEL:
            raise ConfigError(f"{path}: unknown setting '{key}'; known: {', '.join(_TOP_LEVEL)}")
    flat: dict[str, Any] = {}
    subject = data.get("subject", {})
    if isinstance(subject, str):  # the short form: subject = "Acme Corp"
        subject = {"name": subject}
    for table, keys in _TABLES.items():
        value = subject if table == "subject" else data.get(table, {})
        if not isinstance(value, dict):
            raise ConfigError(f"{path}: [{table}] must be a table")
        for key, item in value.items():
            if key not in keys:
                raise ConfigError(f"{path}: unknown setting '{key}' in [{table}]; known: {', '.join(keys)}")
            flat[key if table == "output" else f"{table}.{key}"] = item
    for key in ("audience", "method"):
        if key in data:
            flat[key] = data[key]
    for key, value in flat.items():
        if key in _LISTS:
            flat[key] = string_list(value, key, path)
        elif not isinstance(value, str):
            raise ConfigError(f"{path}: '{key}' must be a string in quotes, not {value!r}")
    if "themes" in data:
        flat["themes"] = check_themes(data["themes"], path)
    return flat


def user_config_file() -> Path:
    """Return the user's briefs.toml (it may not exist)."""
    return config_dir() / CORPUS_FILE


@dataclass
class Settings:
    """Resolved settings and, for each, where its value came from; `files` lists the files consulted."""

    values: dict[str, Any]
    origin: dict[str, str]
    files: list[tuple[str, Path]] = field(default_factory=list)

    @property
    def subject(self) -> Subject:
        return Subject(name=self.values["subject.name"], aliases=self.values["subject.aliases"],
                       tickers=self.values["subject.tickers"], related=self.values["subject.related"])

    def source(self, key: str) -> str:
        """Return where a value came from, for an error message: '' for a flag, else ' (from …)'."""
        origin = self.origin[key]
        return "" if origin == "command line" else f" (from {origin})"


def resolve(corpus_folder: Path | None, flags: dict[str, Any] | None = None,
            audience_settings: dict[str, Any] | None = None, audience_name: str = "") -> Settings:
    """Return settings resolved as defaults < user briefs.toml < corpus briefs.toml < audience < flags."""
    values = dict(DEFAULTS)
    origin = {key: "default" for key in DEFAULTS}
    layers: list[tuple[str, dict[str, Any]]] = []
    files = [("user config", user_config_file())]
    if files[0][1].is_file():
        layers.append((str(files[0][1]), _flatten(read_toml(files[0][1]), files[0][1])))
    if corpus_folder is not None:
        path = corpus_folder / CORPUS_FILE
        files.append(("corpus config", path))
        if path.is_file():
            layers.append((str(path), _flatten(read_toml(path), path)))
    if audience_settings:
        layers.append((f"audience {audience_name}".strip(),
                       {k: audience_settings[k] for k in ("method", "formats") if k in audience_settings}))
    layers.append(("command line", {k: v for k, v in (flags or {}).items() if v not in (None, "", [])}))
    for name, layer in layers:
        for key, value in layer.items():
            values[key] = value
            origin[key] = name
    return Settings(values, origin, files)


def override_themes(audience_settings: dict[str, Any], themes: list[dict[str, Any]]) -> dict[str, Any]:
    """Return audience settings with a briefs.toml's themes applied: same name replaces, new adds, drop removes.

    The corpus file wins over the audience here although the audience wins for other settings:
    its themes describe this corpus's subject, which the audience cannot know.
    """
    if not themes:
        return audience_settings
    by_name = {str(t["name"]).casefold(): dict(t) for t in audience_settings.get("themes", [])}
    order = list(audience_settings.get("theme_order") or [])
    for theme in themes:
        key = theme["name"].casefold()
        if theme.get("drop"):
            by_name.pop(key, None)
            order = [n for n in order if n.casefold() != key]
            continue
        if key not in by_name and order:
            order.append(theme["name"])  # an ordered audience would otherwise hide the new theme
        by_name[key] = {"name": theme["name"], "description": theme.get("description", ""), "terms": theme["terms"]}
    settings = dict(audience_settings, themes=list(by_name.values()))
    if order:
        settings["theme_order"] = order
    return settings


def load_corpus(folder: Path | None) -> Corpus:
    """Return the corpus settings in `folder/briefs.toml`, or empty settings if there is none."""
    if folder is None or not (folder / CORPUS_FILE).is_file():
        return Corpus()
    path = folder / CORPUS_FILE
    flat = _flatten(read_toml(path), path)
    subject = Subject(name=flat.get("subject.name", ""), aliases=flat.get("subject.aliases", []),
                      tickers=flat.get("subject.tickers", []), related=flat.get("subject.related", []))
    return Corpus(subject=subject, audience=flat.get("audience", ""), path=path)


INIT_TEMPLATE = """# briefs.toml: settings for the articles in this folder.
# Resolution: built-in defaults < your user briefs.toml < this file < the audience < command-line flags.
# `briefs config` shows each resolved value and where it came from.

[subject]
name = {name}{pad}# the company the brief is about
aliases = []                    # other names of the company itself, e.g. ["Acme", "Acme Corp."]
tickers = []                    # e.g. ["ACME"]; matched case-sensitively
related = []                    # people, products and units whose mention means a passage is about it

# audience = "investor"         # default audience (templates/<name>): investor, executive, newsletter
# method = "default"            # ranking: default, lexrank, textrank, lsa, luhn, kl, sumbasic, edmundson

[output]
# formats = ["md", "pdf", "json"]   # any of md, html, pdf, json
# out = "out"                       # folder for the written briefs

# Themes: the audience's themes, adjusted for this subject. A theme with the name of one of the
# audience's replaces it, a new name adds a theme, drop = true removes one. Terms are matched on
# word stems; a phrase counts one point per word. `briefs templates` edits whole audiences.
#
# [[themes]]
# name = "Clinical trials"
# description = "Trial results, approvals and regulators' decisions"
# terms = ["trial", "phase 3", "endpoint", "fda", "approval"]
#
# [[themes]]
# name = "AI strategy & models"
# drop = true
"""


def init_text(subject: str = "") -> str:
    """Return a commented briefs.toml for a corpus about `subject`."""
    name = json.dumps(subject, ensure_ascii=False)  # a JSON string is a valid TOML basic string
    return INIT_TEMPLATE.format(name=name, pad=" " * max(1, 25 - len(name)))
