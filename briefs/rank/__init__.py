"""Sentence ranking methods behind one call: `scores(sentences, method)`.

Names: `default` (ours), the sumy method names (`lexrank`, `textrank`, `lsa`, `luhn`, `kl`,
`sumbasic`, `edmundson`), computed by the vectorized versions in `fast` that give sumy's
ratings, and `sumy:<name>` for sumy's own implementation, the reference and the fallback.
"""

from __future__ import annotations

from collections.abc import Sequence

# sumy's methods by name (`stock.SUMMARIZERS` maps them to its classes). Named here so that checking
# a method name does not import sumy and NLTK (seconds), only ranking with one does.
SUMY_NAMES = ("lexrank", "textrank", "lsa", "luhn", "kl", "sumbasic", "edmundson")
METHODS = ("default", *SUMY_NAMES)
STOCK_METHODS = tuple(f"sumy:{name}" for name in SUMY_NAMES)


class UnknownMethod(ValueError):
    """Raised for a method name that is not one of `METHODS` or `STOCK_METHODS`."""

    def __init__(self, name: str):
        super().__init__(f"unknown method {name!r}; valid methods: {', '.join(METHODS + STOCK_METHODS)}")


def check(method: str) -> str:
    """Return the method name if it is known, else raise UnknownMethod."""
    if method not in METHODS and method not in STOCK_METHODS:
        raise UnknownMethod(method)
    return method


def scores(sentences: Sequence[str], method: str = "default") -> list[float]:
    """Return one importance score per sentence (higher ranks first) for the named method."""
    check(method)
    if method == "default":
        from . import default

        return default.scores(sentences)
    if method.startswith("sumy:"):
        from .. import language

        language.import_nltk()  # before sumy imports NLTK
        from . import stock

        return stock.scores(sentences, method.removeprefix("sumy:"))
    from . import fast

    return fast.scores(sentences, method)
