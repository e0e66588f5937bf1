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


def load_corpus(folder: Path | None) -> Corpus:
    """Return the corpus settings in `folder/briefs.toml`, or empty settings if there is none."""
    if folder is None:
        return Corpus()
    path = folder / CORPUS_FILE
    if not path.is_file():
        return Corpus()
    data = read_toml(path)
    table = data.get("subject", {})
    if isinstance(table, str):
        table = {"name": table}
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [subject] must be a table")
    name = table.get("name", "")
    if not isinstance(name, str):
        raise ConfigError(f"{path}: 'subject.name' must be a string")
    subject = Subject(
        name=name,
        aliases=_str_list(table.get("aliases", []), "subject.aliases", path),
        tickers=_str_list(table.get("tickers", []), "subject.tickers", path),
        related=_str_list(table.get("related", []), "subject.related", path),
    )
    audience = data.get("audience", "")
    if not isinstance(audience, str):
        raise ConfigError(f"{path}: 'audience' must be a string")
    return Corpus(subject=subject, audience=audience, path=path)
