"""Project-level promises: the declared Python floor is the one the code needs and CI tests;
the test extra declares what the tests import."""

from __future__ import annotations

import ast
import re
import sys
import tomllib

from .conftest import ROOT

# Standard-library modules the package might import, with the first Python that has them.
_STDLIB_SINCE = {"tomllib": (3, 11)}


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _floor() -> tuple[int, int]:
    found = re.fullmatch(r">=\s*(\d+)\.(\d+)", _pyproject()["project"]["requires-python"].strip())
    assert found, "requires-python should be a plain floor like >=3.11"
    return int(found.group(1)), int(found.group(2))


def _top_level_imports(path) -> set[str]:
    """Return modules a file imports outside any try: block (an import guarded by try may fall back)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    guarded = {id(n) for t in ast.walk(tree) if isinstance(t, ast.Try) for b in t.body for n in ast.walk(b)}
    names = set()
    for node in ast.walk(tree):
        if id(node) in guarded:
            continue
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_declared_python_floor_covers_every_import():
    """Bug 3: `import tomllib` on a declared-but-too-old Python crashed `briefs --version`."""
    floor = _floor()
    for path in sorted((ROOT / "briefs").rglob("*.py")):
        for module in _top_level_imports(path) & set(_STDLIB_SINCE):
            assert floor >= _STDLIB_SINCE[module], f"{path.name} imports {module}, new in {_STDLIB_SINCE[module]}"
    assert sys.version_info[:2] >= floor  # the interpreter running the tests meets the floor


def test_ci_runs_on_the_declared_floor():
    major, minor = _floor()
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(rf"^FLOOR={major}\.{minor}$", script, re.M), "CI must test the floor pyproject declares"
    assert 'python$FLOOR' in script


def test_test_extra_declares_what_the_tests_import():
    declared = {re.split(r"[<>=\[ ]", d)[0].lower().replace("_", "-")
                for d in _pyproject()["project"]["optional-dependencies"]["test"]}
    distributions = {"markdown_it": "markdown-it-py", "pypdf": "pypdf", "rouge_score": "rouge-score"}
    imported = set().union(*(_top_level_imports(p) for p in (ROOT / "tests").glob("*.py")))
    for module, distribution in distributions.items():
        if module in imported:
            assert distribution in declared, f"tests import {module}; declare {distribution} in the test extra"


def test_readme_layout_names_every_module():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text[text.index("## Layout"):]
    for path in sorted((ROOT / "briefs").rglob("*.py")):
        if path.name == "__main__.py" or (path.name == "__init__.py" and path.parent.name == "briefs"):
            continue
        name = path.parent.name if path.name == "__init__.py" else path.stem
        assert f"`{name}" in layout, f"README layout does not mention {path.relative_to(ROOT)}"
