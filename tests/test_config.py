"""Settings as a user writes them: layered briefs.toml files, checked values, theme overrides."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from briefs.config import ConfigError, init_text, load_corpus, override_themes, resolve

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture
def user_dir(tmp_path, monkeypatch):
    folder = tmp_path / "user"
    folder.mkdir()
    monkeypatch.setenv("BRIEFS_CONFIG_DIR", str(folder))
    return folder


def corpus(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    (folder / "briefs.toml").write_text(text, encoding="utf-8")
    return folder


def test_seed_config_still_loads_unchanged():
    subject = load_corpus(SEEDS).subject
    assert subject.name == "Meta Platforms" and "Facebook" in subject.aliases and subject.tickers == ["META", "FB"]
    assert "Instagram" in subject.related


def test_short_forms_of_older_files_still_load(tmp_path):
    folder = corpus(tmp_path, 'subject = "Acme Corp"\naudience = "executive"\n')
    loaded = load_corpus(folder)
    assert loaded.subject.name == "Acme Corp" and loaded.audience == "executive"
    corpus(tmp_path, '[subject]\nname = "Acme"\ntickers = "ACM"\n')  # one ticker as a plain string
    assert load_corpus(folder).subject.tickers == ["ACM"]


def test_no_files_gives_builtin_defaults(user_dir, tmp_path):
    settings = resolve(tmp_path)
    assert settings.values["audience"] == "investor" and settings.values["formats"] == ["md", "pdf", "json"]
    assert set(settings.origin.values()) == {"default"}


def test_each_layer_overrides_the_one_before_and_says_so(user_dir, tmp_path):
    (user_dir / "briefs.toml").write_text('audience = "newsletter"\nmethod = "lexrank"\n[output]\nout = "briefs"\n'
                                          'formats = ["md"]\n')
    folder = corpus(tmp_path, 'audience = "executive"\nmethod = "luhn"\n[subject]\nname = "Acme"\n')
    settings = resolve(folder, {"method": "textrank", "out": None}, {"formats": ["pdf"]}, "board")
    assert settings.values["out"] == "briefs" and settings.origin["out"] == str(user_dir / "briefs.toml")
    assert settings.values["audience"] == "executive" and settings.origin["audience"] == str(folder / "briefs.toml")
    assert settings.values["formats"] == ["pdf"] and settings.origin["formats"] == "audience board"
    assert settings.values["method"] == "textrank" and settings.origin["method"] == "command line"
    assert settings.source("method") == "" and str(folder) in settings.source("audience")


def test_user_config_dir_comes_from_the_environment(user_dir, tmp_path):
    (user_dir / "briefs.toml").write_text('[subject]\nname = "Globex"\n')
    assert resolve(None).values["subject.name"] == "Globex"
    assert ("user config", user_dir / "briefs.toml") in resolve(None).files


@pytest.mark.parametrize("text, words", [
    ("[subject]\nname = 42\n", ["subject.name", "string"]),
    ('[subject]\naliases = [1, 2]\n', ["subject.aliases", "list of strings"]),
    ('audiance = "executive"\n', ["unknown setting 'audiance'", "audience"]),
    ('[output]\nfromats = ["md"]\n', ["fromats", "[output]", "formats"]),
    ('[subject]\nnmae = "Acme"\n', ["nmae", "name"]),
    ("[subject\nname = 'x'\n", ["invalid TOML"]),
    ('[[themes]]\nname = "Trials"\n', ["Trials", "terms"]),
    ('[[themes]]\nterms = ["trial"]\n', ["name"]),
    ('[[themes]]\nname = "Trials"\nterms = ["trial"]\ncolour = "red"\n', ["colour"]),
    ('themes = "Trials"\n', ["[[themes]]"]),
])
def test_bad_values_name_the_file_and_the_setting(user_dir, tmp_path, text, words):
    folder = corpus(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        resolve(folder)
    message = str(caught.value)
    assert str(folder / "briefs.toml") in message
    for word in words:
        assert word in message


def test_corpus_themes_replace_add_and_drop_audience_themes(user_dir, tmp_path):
    folder = corpus(tmp_path, '[[themes]]\nname = "Clinical trials"\nterms = ["trial", "phase 3"]\n'
                              '[[themes]]\nname = "talent & leadership"\nterms = ["hire"]\n'
                              '[[themes]]\nname = "Products"\ndrop = true\n')
    themes = resolve(folder).values["themes"]
    audience = {"themes": [{"name": "Products", "terms": ["app"]}, {"name": "Talent & leadership", "terms": ["ceo"]}],
                "theme_order": ["Talent & leadership", "Products"]}
    merged = override_themes(audience, themes)
    assert [t["name"] for t in merged["themes"]] == ["talent & leadership", "Clinical trials"]
    assert merged["themes"][0]["terms"] == ["hire"]
    assert merged["theme_order"] == ["Talent & leadership", "Clinical trials"]
    assert audience["themes"][0]["name"] == "Products"  # the audience's own settings are untouched
    assert override_themes(audience, []) is audience


TRIAL_NEWS = """Acme Corp said its phase 3 trial of the heart drug met its main endpoint in 4,000 patients.

Acme Corp will ask regulators to approve the drug next year, its chief executive said on Monday.

Acme Corp shares rose 12% after the trial results were published in the morning.

The trial enrolled patients in 14 countries, and Acme Corp said side effects were mild in most patients.

Analysts said the trial result could add $2 billion to Acme Corp's yearly sales by 2030.

A second trial in 900 patients with kidney disease will report its first results in March, Acme Corp said.

Doctors running the trial said patients on the drug spent 20% fewer days in hospital than those on placebo.

The company also said it would cut 5% of its office staff in Europe to save $150 million a year.

Acme Corp plans to publish the full trial data at a cardiology meeting in November.
"""


def test_corpus_themes_shape_the_brief(user_dir, tmp_path):
    from briefs.build import Options, build_brief

    folder = corpus(tmp_path, '[subject]\nname = "Acme Corp"\n')
    (folder / "a.txt").write_text(TRIAL_NEWS)
    before = [t.name for t in build_brief([folder], Options(cache=False)).brief.themes]
    assert "Clinical trials" not in before and "Talent & leadership" in before
    corpus(tmp_path, '[subject]\nname = "Acme Corp"\n[[themes]]\nname = "Clinical trials"\n'
                     'terms = ["trial", "patients", "endpoint"]\n[[themes]]\nname = "Talent & leadership"\ndrop = true\n')
    after = [t.name for t in build_brief([folder], Options(cache=False)).brief.themes]
    assert "Clinical trials" in after and "Talent & leadership" not in after


@pytest.mark.parametrize("name", ["Acme Corp", 'Acme "Quoted" Corp', "Back\\slash AG", ""])
def test_init_text_is_valid_toml_with_the_subject(name):
    text = init_text(name)
    assert tomllib.loads(text)["subject"]["name"] == name
    assert "[[themes]]" in text and "formats" in text and "out" in text and "audience" in text
