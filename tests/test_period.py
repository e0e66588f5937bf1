"""Date windows: ISO weeks, `last`, and --since/--until ranges, with one-line errors."""

from __future__ import annotations

import datetime as dt

import pytest

from briefs import period
from briefs.period import PeriodError, Window, iso_week, last_week, window


def test_iso_week_runs_monday_to_sunday_and_is_named():
    week = iso_week("2026-w47")
    assert (week.start, week.end, week.week) == (dt.date(2026, 11, 16), dt.date(2026, 11, 22), "2026-W47")


def test_week_one_may_start_in_the_previous_year():
    assert iso_week("2026-W01").start == dt.date(2025, 12, 29)


@pytest.mark.parametrize("today, expected", [
    (dt.date(2026, 11, 25), "2026-W47"),  # a Wednesday: last complete week is the one before
    (dt.date(2026, 11, 23), "2026-W47"),  # a Monday: the week that ended yesterday
    (dt.date(2026, 11, 22), "2026-W46"),  # a Sunday: its own week is not complete yet
    (dt.date(2026, 1, 2), "2025-W52"),    # across a year end
])
def test_last_week_is_the_last_complete_week(today, expected):
    assert last_week(today).week == expected
    assert window("last", today=today).week == expected


@pytest.mark.parametrize("label, words", [("2026-W54", "has no week 54"), ("November", "not an ISO week")])
def test_bad_weeks_say_what_was_expected(label, words):
    with pytest.raises(PeriodError, match=words):
        iso_week(label)


def test_since_until_window_is_inclusive_and_open_ended():
    bounded = window(since=dt.date(2026, 11, 16), until=dt.date(2026, 11, 18))
    assert bounded.contains(dt.date(2026, 11, 16)) and bounded.contains(dt.date(2026, 11, 18))
    assert not bounded.contains(dt.date(2026, 11, 19))
    since_only = window(since=dt.date(2026, 11, 16))
    assert since_only.contains(dt.date(2030, 1, 1)) and not since_only.contains(dt.date(2026, 11, 15))


def test_no_window_contains_every_day_and_is_unbounded():
    assert window() == Window() and not Window().bounded and Window().contains(dt.date(1990, 1, 1))


@pytest.mark.parametrize("kwargs, words", [
    ({"week": "2026-W47", "since": dt.date(2026, 11, 1)}, "cannot be combined"),
    ({"since": dt.date(2026, 11, 20), "until": dt.date(2026, 11, 1)}, "after --until"),
])
def test_contradictory_windows_are_refused(kwargs, words):
    with pytest.raises(PeriodError, match=words):
        window(**kwargs)


def test_a_text_dated_only_in_months_before_the_week_tells_what_happened_before():
    start = dt.date(2025, 4, 14)
    assert period.dated_before("Acme reported $35.6 billion in its fourth quarter ended January 2025.", start)
    assert period.dated_before("As of Dec. 31, 2024, Acme had $88 billion in assets.", start)
    assert not period.dated_before("Acme will report on May 28, 2025, after the market closes.", start)
    assert not period.dated_before("Acme's sales fell in April 2025, as they had in March 2025.", start)
    assert not period.dated_before("Acme reported strong sales last quarter.", start)  # no date: not this rule's
    assert not period.dated_before("Acme reported $35.6 billion in its quarter ended January 2025.", None)


def test_a_month_written_with_a_letter_only_ignore_case_folds_still_dates_a_text():
    assert period.dated_before("Acme cut its forecast in ſeptember 2025.", dt.date(2026, 3, 2))
    assert not period.dated_before("Acme cut its forecast in ſeptember 2026.", dt.date(2026, 3, 2))
