"""The Jinja environment briefs render through: audience folders, sandbox, escaping filters, a budget.

Templates run in Jinja's immutable sandbox with StrictUndefined and see `brief`, the `audience`
settings and `labels`. A user's template is code we did not write: its rendering is bounded in
time and in output size, so a runaway loop fails with one line instead of hanging the build.
"""

from __future__ import annotations

import re
import time
from contextvars import ContextVar
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError, safe_range
from markupsafe import Markup

from ..audience import Audience
from ..config import data_dir
from ..model import MAX_CITES, Brief

# A real brief renders in milliseconds; a template still running after this is looping.
RENDER_SECONDS = 20.0
# A real week of 146 articles gives about 40 kB of HTML; 5 million characters is a hundred times
# more than any brief needs, so only a template repeating itself reaches it.
MAX_OUTPUT_CHARS = 5_000_000
# How many loop steps pass between looks at the clock (a look costs more than a step).
_CHECK_EVERY = 4096


class RenderError(RuntimeError):
    """A template or output problem; the message names the template file and line, or the path."""


class _BudgetExceeded(RuntimeError):
    """Raised inside a template whose rendering ran past RENDER_SECONDS."""


_deadline: ContextVar[float] = ContextVar("briefs_render_deadline", default=float("inf"))


def _check_time() -> None:
    if time.monotonic() > _deadline.get():
        raise _BudgetExceeded


def _bounded_range(*args: int):
    """Return Jinja's safe `range`, checking the render deadline as it is iterated."""
    for step, value in enumerate(safe_range(*args)):
        if step % _CHECK_EVERY == 0:
            _check_time()
        yield value


class _BudgetedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, also checking the render deadline at every call a template makes.

    Jinja has no public hook for "every loop step"; its sandbox routes each call through
    `call`, and `range` (the usual way to loop many times) is ours, so both look at the clock.
    """

    def call(self, __context, __obj, *args, **kwargs):  # noqa: N807 (Jinja's signature)
        _check_time()
        return super().call(__context, __obj, *args, **kwargs)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def escape_markdown(text: object) -> str:
    """Return text on one line with Markdown syntax backslash-escaped, so scraped text stays text."""
    value = re.sub(r"\s+", " ", str(text)).strip()
    value = _MD_SPECIAL.sub(r"\\\1", value)
    value = re.sub(r"^(\d+)([.)])(?=\s|$)", r"\1\\\2", value)  # "1." would start a numbered list
    return re.sub(r"^([-=])", r"\\\1", value)  # "-" a bullet, "=" a heading underline


def cites(ids: list[int]) -> str:
    """Return citation markers "[1][4][7]", at most MAX_CITES of them and "[+N]" for the rest."""
    shown = "".join(f"[{i}]" for i in list(ids)[:MAX_CITES])
    extra = len(ids) - MAX_CITES
    return shown + (f"[+{extra}]" if extra > 0 else "")


def weblink(url: object) -> str:
    """Return the URL when it is a plain http(s) address safe to link, else ""."""
    value = str(url or "").strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or re.search(r"[\s<>\"'`\\]", value):
        return ""
    return value


def css_string(text: object) -> Markup:
    """Return text as a quoted CSS string with every unusual character escaped, for `content:`."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-+()" else f"\\{ord(c):06x}" for c in str(text))
    return Markup(f'"{escaped}"')


def chain(audience: Audience) -> list[Path]:
    """Return the audience's folders, child first, ending with the packaged base."""
    base = data_dir("templates") / "base"
    folders = list(audience.folders)
    return folders if base in folders else folders + [base]


def prefixes(audience: Audience) -> dict[str, list[Path]]:
    """Return the folders each `!name/` template prefix stands for, `!base/` included."""
    base = data_dir("templates") / "base"
    return {**audience.template_prefixes(), "base": [base]}


def environment(audience: Audience) -> ImmutableSandboxedEnvironment:
    """Return the sandboxed Jinja environment: the audience chain's folders, `!base/` and `!<name>/`.

    One per set of folders in a process: an environment keeps the templates it compiled (and
    recompiles one whose file changed), and a portfolio renders a hundred briefs of one audience.
    """
    folders = tuple(chain(audience))
    named = tuple((name, tuple(paths)) for name, paths in sorted(prefixes(audience).items()))
    key = (folders, named)  # all the environment reads of the audience (its stylesheet too: assets.locate_asset)
    if key not in _ENVIRONMENTS:
        if len(_ENVIRONMENTS) >= MAX_ENVIRONMENTS:
            _ENVIRONMENTS.pop(next(iter(_ENVIRONMENTS)))
        _ENVIRONMENTS[key] = _environment(folders, named, audience)
    return _ENVIRONMENTS[key]


# Environments kept per process, oldest dropped first: a portfolio's audiences, bounded.
MAX_ENVIRONMENTS = 16
_ENVIRONMENTS: dict[tuple, ImmutableSandboxedEnvironment] = {}


def _environment(folders: tuple[Path, ...], named: tuple[tuple[str, tuple[Path, ...]], ...],
                 audience: Audience) -> ImmutableSandboxedEnvironment:
    from .assets import stylesheet

    env = _BudgetedSandbox(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader([str(f) for f in folders]),
            jinja2.PrefixLoader({f"!{name}": jinja2.FileSystemLoader([str(f) for f in paths])
                                 for name, paths in named}, delimiter="/"),
        ]),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2", "htm"), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update({
        "md": escape_markdown,
        "cites": cites,
        "shown": lambda ids: list(ids)[:MAX_CITES],
        "more": lambda ids: max(0, len(ids) - MAX_CITES),
        "basename": lambda path: Path(str(path)).name,
        "weblink": weblink,
        "css_string": css_string,
    })
    env.globals["range"] = _bounded_range
    env.globals["stylesheet"] = lambda name="style.css": stylesheet(audience, str(name))
    return env


def _template_error(error: BaseException) -> RenderError:
    """Return a one-line RenderError naming the template file and line where the error arose."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return RenderError(f"{error.filename or error.name}:{error.lineno}: template syntax error: {error.message}")
    # Jinja rewrites tracebacks so template frames carry the template's file and line.
    where = ""
    tb = error.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            where = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}: "
        tb = tb.tb_next
    if isinstance(error, jinja2.TemplateNotFound):
        return RenderError(f"{where}template not found: {error.name} (names: brief.md.j2, !base/brief.md.j2, …)")
    if isinstance(error, SecurityError):
        return RenderError(f"{where}unsafe template operation refused: {error}")
    if isinstance(error, jinja2.UndefinedError):
        return RenderError(f"{where}undefined variable: {error.message} (docs/templates.md lists every variable)")
    if isinstance(error, RecursionError):
        return RenderError(f"{where}templates include or extend each other endlessly; "
                           "extend the parent's copy with !base/ or !<audience>/")
    message = " ".join(str(error).split()) or type(error).__name__
    return RenderError(f"{where}template error: {message}")


def render_text(brief: Brief, audience: Audience, template: str,
                env: ImmutableSandboxedEnvironment | None = None) -> str:
    """Return one template rendered against the brief, or raise RenderError naming the template.

    Rendering that runs past RENDER_SECONDS or writes more than MAX_OUTPUT_CHARS stops with an error.
    """
    env = env or environment(audience)
    token = _deadline.set(time.monotonic() + RENDER_SECONDS)
    name = template
    try:
        compiled = env.get_template(template)
        name = compiled.filename or template
        parts, size = [], 0
        for step, part in enumerate(compiled.generate(brief=brief, audience=audience.settings,
                                                      labels=audience.get("labels", {}))):
            parts.append(part)
            size += len(part)
            if size > MAX_OUTPUT_CHARS:
                raise RenderError(f"{name}: template output passed {MAX_OUTPUT_CHARS:,} characters; "
                                  "a loop in it repeats far more than a brief needs")
            if step % _CHECK_EVERY == 0:
                _check_time()
        return "".join(parts)
    except RenderError:
        raise
    except _BudgetExceeded:
        raise RenderError(f"{name}: template still rendering after {RENDER_SECONDS:g} s; "
                          "a loop in it runs far longer than a brief needs") from None
    except Exception as error:  # noqa: BLE001 (anything a user's template raises is a template error)
        raise _template_error(error) from None
    finally:
        _deadline.reset(token)
