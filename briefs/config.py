"""Corpus configuration as data: the `briefs.toml` beside the articles (subject, default audience)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS_FILE = "briefs.toml"


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
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
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


def _str_list(value: Any, key: str, path: Path) -> list[str]:
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{path}: '{key}' must be a list of strings")
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
}
_LISTS = {"subject.aliases", "subject.tickers", "subject.related", "formats"}


def _flatten(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """Return the known settings of a briefs.toml table as dotted keys, checked."""
    flat: dict[str, Any] = {}
    subject = data.get("subject", {})
    if isinstance(subject, str):
        subject = {"name": subject}
    if not isinstance(subject, dict):
        raise ConfigError(f"{path}: [subject] must be a table")
    for key, value in subject.items():
        flat[f"subject.{key}"] = value
    output = data.get("output", {})
    if not isinstance(output, dict):
        raise ConfigError(f"{path}: [output] must be a table")
    for key in ("formats", "out"):
        if key in output:
            flat[key] = output[key]
    for key in ("audience", "method"):
        if key in data:
            flat[key] = data[key]
    for key, value in flat.items():
        if key not in DEFAULTS:
            raise ConfigError(f"{path}: unknown setting '{key}'; known: {', '.join(DEFAULTS)}")
        if key in _LISTS:
            flat[key] = _str_list(value, key, path)
        elif not isinstance(value, str):
            raise ConfigError(f"{path}: '{key}' must be a string")
    return flat


def user_config_file() -> Path:
    """Return the user's briefs.toml (it may not exist)."""
    return config_dir() / CORPUS_FILE


@dataclass
class Settings:
    """Resolved settings and, for each, where its value came from."""

    values: dict[str, Any]
    origin: dict[str, str]

    @property
    def subject(self) -> Subject:
        return Subject(name=self.values["subject.name"], aliases=self.values["subject.aliases"],
                       tickers=self.values["subject.tickers"], related=self.values["subject.related"])


def resolve(corpus_folder: Path | None, flags: dict[str, Any] | None = None,
            audience_settings: dict[str, Any] | None = None) -> Settings:
    """Return settings resolved as defaults < user briefs.toml < corpus briefs.toml < audience < flags."""
    values = dict(DEFAULTS)
    origin = {key: "default" for key in DEFAULTS}
    layers: list[tuple[str, dict[str, Any]]] = []
    user = user_config_file()
    if user.is_file():
        layers.append((str(user), _flatten(read_toml(user), user)))
    if corpus_folder is not None and (corpus_folder / CORPUS_FILE).is_file():
        path = corpus_folder / CORPUS_FILE
        layers.append((str(path), _flatten(read_toml(path), path)))
    if audience_settings:
        layers.append(("audience", {k: audience_settings[k] for k in ("method", "formats") if k in audience_settings}))
    layers.append(("command line", {k: v for k, v in (flags or {}).items() if v not in (None, "", [])}))
    for name, layer in layers:
        for key, value in layer.items():
            values[key] = value
            origin[key] = name
    return Settings(values, origin)


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
name = "{name}"                 # the company the brief is about
aliases = []                    # other names of the company itself, e.g. ["Acme", "Acme Corp."]
tickers = []                    # e.g. ["ACME"]; matched case-sensitively
related = []                    # people, products and units whose mention means a passage is about it

# audience = "investor"         # default audience (templates/<name>): investor, executive, newsletter
# method = "default"            # ranking: default, lexrank, textrank, lsa, luhn, kl, sumbasic, edmundson

[output]
# formats = ["md", "pdf", "json"]   # any of md, html, pdf, json
# out = "out"                       # folder for the written briefs

# Themes are set per audience: copy an audience with `briefs templates new` and edit its
# [[themes]] tables (name, description, terms).
"""
