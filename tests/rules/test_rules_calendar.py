"""年度 and 和暦: changeover days, formatting, and every day from 昭和元年 to 2099."""

from __future__ import annotations

import datetime as dt

import pytest

from kyodo_desktop.rules import (
    RulesValidationError,
    days_in_month,
    fiscal_year,
    fiscal_year_range,
    format_fiscal_year,
    format_wareki,
    format_wareki_short,
    parse_date,
    parse_wareki,
    to_wareki,
)


@pytest.mark.parametrize(
    ("day", "fy"),
    [
        (dt.date(2017, 4, 1), 2017),
        (dt.date(2018, 3, 31), 2017),
        (dt.date(2018, 4, 1), 2018),
        (dt.date(2026, 1, 1), 2025),
        (dt.date(2026, 12, 31), 2026),
    ],
)
def test_fiscal_year(day, fy):
    assert fiscal_year(day) == fy


def test_fiscal_year_range():
    assert fiscal_year_range(2017) == (dt.date(2017, 4, 1), dt.date(2018, 3, 31))


@pytest.mark.parametrize(
    ("fy", "label"),
    [
        (1927, "昭和2年度"),
        (1988, "昭和63年度"),  # ended in 平成元年, named when it began
        (1989, "平成元年度"),
        (2006, "平成18年度"),
        (2015, "平成27年度"),
        (2017, "平成29年度"),
        (2018, "平成30年度"),
        (2019, "令和元年度"),  # began in 平成31; the ward writes 令和元年度
        (2020, "令和2年度"),
        (2026, "令和8年度"),
    ],
)
def test_format_fiscal_year(fy, label):
    assert format_fiscal_year(fy) == label


@pytest.mark.parametrize("fy", [1926, 0, True, 2026.0])
def test_format_fiscal_year_refuses(fy):
    with pytest.raises(RulesValidationError):
        format_fiscal_year(fy)


@pytest.mark.parametrize(
    ("day", "long", "short"),
    [
        (dt.date(1926, 12, 25), "昭和元年12月25日", "S1.12.25"),
        (dt.date(1989, 1, 7), "昭和64年1月7日", "S64.1.7"),
        (dt.date(1989, 1, 8), "平成元年1月8日", "H1.1.8"),
        (dt.date(2019, 4, 30), "平成31年4月30日", "H31.4.30"),
        (dt.date(2019, 5, 1), "令和元年5月1日", "R1.5.1"),
        (dt.date(2020, 1, 1), "令和2年1月1日", "R2.1.1"),
        (dt.date(2026, 4, 1), "令和8年4月1日", "R8.4.1"),
    ],
)
def test_changeover_days(day, long, short):
    assert format_wareki(day) == long
    assert format_wareki_short(day) == short
    assert parse_date(long) == day
    assert parse_date(short) == day
    assert parse_wareki(long) == day


def test_before_showa_is_refused():
    with pytest.raises(RulesValidationError, match="昭和より前"):
        format_wareki(dt.date(1926, 12, 24))


def test_every_day_round_trips():
    """Every day from 昭和元年12月25日 to 2099-12-31: date → 和暦 → date, both forms."""
    day, last, one = dt.date(1926, 12, 25), dt.date(2099, 12, 31), dt.timedelta(days=1)
    count = 0
    while day <= last:
        assert parse_date(format_wareki(day)) == day, day
        assert parse_date(format_wareki_short(day)) == day, day
        day += one
        count += 1
    assert count == (last - dt.date(1926, 12, 25)).days + 1


def test_era_year_one_is_gannen():
    assert to_wareki(dt.date(2019, 12, 31)).year_text == "元"
    assert to_wareki(dt.date(2020, 1, 1)).year_text == "2"


@pytest.mark.parametrize(("year", "month", "days"), [(2026, 2, 28), (2028, 2, 29), (2026, 12, 31)])
def test_days_in_month(year, month, days):
    assert days_in_month(year, month) == days
