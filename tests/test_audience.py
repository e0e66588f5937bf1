"""Audience settings resolve along `extends`, user folders first, bad values named with their file."""

from pathlib import Path

import pytest

from briefs.audience import load_audience, template_roots, unknown_keys
from briefs.config import ConfigError

ROOT = Path(__file__).resolve().parent.parent


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
        ('extends = "investor"\npages = -1\n', "pages"),
        ('extends = "investor"\ntheme_order = "Results"\n', "theme_order"),
        ('extends = "investor"\n[labels]\nsummary = 3\n', "label 'summary'"),
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


def test_shipped_audiences_use_only_known_settings():
    for name in ("investor", "executive", "newsletter"):
        assert unknown_keys(load_audience(name)) == [], name


def test_typos_are_reported_with_their_file(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "audience.toml").write_text(
        'extends = "executive"\nsumary_sentences = 2\nmethod = "lsa"\n[sections]\nchrt = false\n[labels]\nmy_own = "x"\n')
    messages = unknown_keys(load_audience("mine", template_roots(tmp_path)))
    assert len(messages) == 2, messages  # method is known; a label of one's own is allowed
    assert "sumary_sentences" in messages[0] and "mine/audience.toml" in messages[0]
    assert "chrt" in messages[1]


def test_template_prefixes_name_each_audience_in_the_chain(tmp_path):
    (tmp_path / "investor").mkdir()
    (tmp_path / "investor" / "audience.toml").write_text('extends = "investor"\n')
    (tmp_path / "board").mkdir()
    (tmp_path / "board" / "audience.toml").write_text('extends = "investor"\n')
    prefixes = load_audience("board", template_roots(tmp_path)).template_prefixes()
    assert list(prefixes) == ["board", "investor", "base"]
    # the user's investor shadows the shipped one: the name means the shipped (parent) copy
    assert prefixes["investor"][0] == ROOT / "templates" / "investor"
    assert prefixes["base"] == [ROOT / "templates" / "base"]
