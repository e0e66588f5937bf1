"""Audience settings resolve along `extends`, user folders first, bad values named with their file."""

from pathlib import Path

import pytest

from briefs.audience import load_audience, template_roots
from briefs.config import ConfigError


def test_child_overrides_only_what_it_sets():
    executive = load_audience("executive")
    investor = load_audience("investor")
    assert executive.parents == ["investor", "base"]
    assert executive.get("sentences_per_theme") == 2
    assert [t.name for t in executive.themes] == [t.name for t in investor.themes]  # inherited
    assert executive.section("chart") is False and investor.section("chart") is True
    assert executive.get("labels")["sources"] == investor.get("labels")["sources"]  # tables merge by key


def test_user_folder_comes_first_and_may_extend_the_shipped_copy(tmp_path):
    user = tmp_path / "investor"
    user.mkdir()
    (user / "audience.toml").write_text('extends = "investor"\nsentences_per_theme = 9\n')
    audience = load_audience("investor", template_roots(tmp_path))
    assert audience.get("sentences_per_theme") == 9
    assert len(audience.themes) >= 7  # the shipped investor's themes still come through
    assert audience.folders[0] == user


def test_user_config_dir_is_searched(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFS_CONFIG_DIR", str(tmp_path))
    (tmp_path / "templates" / "mine").mkdir(parents=True)
    (tmp_path / "templates" / "mine" / "audience.toml").write_text('extends = "newsletter"\n')
    assert load_audience("mine").parents[0] == "newsletter"


@pytest.mark.parametrize(
    "content, message",
    [
        ('extends = "investor"\nsentences_per_theme = "three"\n', "sentences_per_theme"),
        ('extends = "investor"\n[[themes]]\ndescription = "no name"\n', "themes"),
        ('extends = "investor"\nsections = 3\n', "sections"),
        ("extends = [\n", "invalid TOML"),
        ('extends = "nowhere"\n', "unknown audience"),
    ],
)
def test_bad_audience_files_are_named_in_the_error(tmp_path, content, message):
    (tmp_path / "odd").mkdir()
    (tmp_path / "odd" / "audience.toml").write_text(content)
    with pytest.raises(ConfigError) as error:
        load_audience("odd", template_roots(tmp_path))
    assert message in str(error.value)
    if message not in ("unknown audience",):
        assert "odd" in str(error.value)


def test_extends_loop_is_an_error(tmp_path):
    for a, b in (("a", "b"), ("b", "a")):
        (tmp_path / a).mkdir()
        (tmp_path / a / "audience.toml").write_text(f'extends = "{b}"\n')
    with pytest.raises(ConfigError, match="loops"):
        load_audience("a", template_roots(tmp_path))
