"""Date windows for weekly briefs: ISO weeks (`2026-W47`, `last`) and `--since/--until` ranges."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .language import folded


class PeriodError(ValueError):
    """A window that cannot be understood; the message says what was expected."""


@dataclass(frozen=True)
class Window:
    """An inclusive date range; either end may be open. `week` names an ISO week when it is one."""

    start: dt.date | None = None
    end: dt.date | None = None
    week: str = ""

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    @property
    def bounded(self) -> bool:
        return self.start is not None or self.end is not None


def iso_week(label: str) -> Window:
    """Return the Monday–Sunday window of an ISO week label like 2026-W47."""
    match = re.fullmatch(r"(\d{4})-?W(\d{1,2})", label.strip(), re.I)
    if not match:
        raise PeriodError(f"--week {label!r} is not an ISO week like 2026-W47 or 'last'")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        monday = dt.date.fromisocalendar(year, week, 1)
        sunday = monday + dt.timedelta(days=6)
    except ValueError:
        raise PeriodError(f"--week {label!r}: {year} has no week {week}") from None
    except OverflowError:  # 9999-W52 ends in year 10000, past the last date Python has
        raise PeriodError(f"--week {label!r}: that week ends after {dt.date.max}") from None
    return Window(monday, sunday, f"{year}-W{week:02d}")


def last_week(today: dt.date) -> Window:
    """Return the last complete ISO week before `today`."""
    previous = today - dt.timedelta(days=today.isoweekday())  # the Sunday that ended it
    year, week, _ = previous.isocalendar()
    return iso_week(f"{year}-W{week:02d}")


def window(week: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
           today: dt.date | None = None) -> Window:
    """Return the window the options ask for (unbounded when they ask for none)."""
    if week and (since or until):
        raise PeriodError("--week cannot be combined with --since/--until")
    if week:
        if week.strip().lower() == "last":
            return last_week(today or dt.date.today())
        return iso_week(week)
    if since and until and since > until:
        raise PeriodError(f"--since {since} is after --until {until}")
    return Window(since, until)


_MONTH_YEAR = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2},?)?\s+((?:19|20)\d\d)\b",
                         re.I)
_MONTH_NUMBER = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}


def dated_before(text: str, start: dt.date | None) -> bool:
    """Return True when a text dates itself ("the quarter ended January 2025", "as of Dec. 31, 2022")
    and every month it names is before the month `start` falls in: it tells what happened before."""
    if start is None:
        return False
    months = [(int(year), folded(month, _MONTH_NUMBER)) for month, year in _MONTH_YEAR.findall(text)]
    return bool(months) and all(month < (start.year, start.month) for month in months)


# A month named without its year after a past verb ("… cheered its results in January"): earlier
# this year when it falls before the week's month. Not a future ("will open in January"), nor the
# week's own month, nor a span reaching the week ("down 20% since January").
_BARE_MONTH = re.compile(r"\b(?:in|during|back in|earlier in|early|late|mid-?)\s+"
                         r"(January|February|March|April|May|June|July|August|September|October|November|December)\b"
                         r"(?!\s+\d)(?!,?\s+(?:19|20)\d\d)")
# (in lower case: "May" is a month)
_FUTURE = re.compile(r"\b(?:will|would|shall|plans?|planned|expects?|expected|aims?|set to|due to|scheduled|next|upcoming|"
                     r"could|may|might|intends?|going to)\b")
_PAST_VERB = re.compile(r"\b(?:was|were|had|did|[a-z]{3,}ed)\b")


def bare_month_before(text: str, start: dt.date | None) -> bool:
    """Return True when a past-tense text names only months, without a year, before the month `start` falls in."""
    if start is None:
        return False
    months = [folded(m[:3].lower(), _MONTH_NUMBER) for m in _BARE_MONTH.findall(text)]
    return bool(months) and all(m < start.month for m in months) and not _FUTURE.search(text) \
        and _PAST_VERB.search(text) is not None
