"""parse_date: every form the counter types, and impossible dates refused with a message."""

from __future__ import annotations

import datetime as dt

import pytest

from kyodo_desktop.rules import RulesValidationError, parse_date, parse_wareki


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和8年4月1日", dt.date(2026, 4, 1)),
        ("令和元年5月1日", dt.date(2019, 5, 1)),
        ("令和1年5月1日", dt.date(2019, 5, 1)),
        ("R8.4.1", dt.date(2026, 4, 1)),
        ("r8.4.1", dt.date(2026, 4, 1)),
        ("R8/4/1", dt.date(2026, 4, 1)),
        ("R8-4-1", dt.date(2026, 4, 1)),
        ("R08.04.01", dt.date(2026, 4, 1)),
        ("H31.4.30", dt.date(2019, 4, 30)),
        ("平成31年4月30日", dt.date(2019, 4, 30)),
        ("S64.1.7", dt.date(1989, 1, 7)),
        ("昭和64年1月7日", dt.date(1989, 1, 7)),
        ("H1.1.8", dt.date(1989, 1, 8)),
        ("2026-04-01", dt.date(2026, 4, 1)),
        ("2026/4/1", dt.date(2026, 4, 1)),
        ("2026.4.1", dt.date(2026, 4, 1)),
        ("2026年4月1日", dt.date(2026, 4, 1)),
        ("20260401", dt.date(2026, 4, 1)),
        ("２０２６／４／１", dt.date(2026, 4, 1)),
        ("２０２６ー０４ー０１", dt.date(2026, 4, 1)),
        ("令和８年４月１日", dt.date(2026, 4, 1)),
        ("Ｒ８．４．１", dt.date(2026, 4, 1)),
        (" 令和 8年 4月 1日 ", dt.date(2026, 4, 1)),
        ("2026 / 4 / 1", dt.date(2026, 4, 1)),
        ("\u3000R8.4.1\u3000", dt.date(2026, 4, 1)),
        ("2028-02-29", dt.date(2028, 2, 29)),
    ],
)
def test_accepts(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-02-30", "2026年2月30日 は存在しない日付です（2026年2月は28日まで）"),
        ("2027-02-29", "存在しない日付"),
        ("令和8年2月30日", "令和8年2月30日 は存在しない日付です"),
        (
            "平成31年5月1日",
            "平成31年5月1日 は平成の終わった後の日付です（平成は平成31年4月30日まで）",
        ),
        ("H31.5.1", "令和元年5月1日 のように入力してください"),
        ("令和元年4月1日", "令和元年4月1日 は令和の始まる前の日付です（令和は令和元年5月1日から）"),
        ("R1.4.30", "平成31年4月30日 のように入力してください"),
        ("昭和64年1月8日", "昭和の終わった後"),
        ("平成元年1月7日", "平成の始まる前"),
        ("昭和元年12月24日", "昭和の始まる前"),
        ("R0.4.1", "令和0年はありません"),
        ("2026-13-01", "月 13 は1から12の間ではありません"),
        ("2026-04-00", "日 0 は1以上"),
        ("2026-4/1", "読み取れません"),
        ("abc", "読み取れません"),
        ("", "入力されていません"),
        ("   ", "入力されていません"),
        ("2026年4月", "読み取れません"),
        ("M45.1.1", "読み取れません"),
    ],
)
def test_refuses_with_message(text, message):
    with pytest.raises(RulesValidationError) as caught:
        parse_date(text)
    assert message in str(caught.value)


def test_unreadable_message_names_the_formats():
    with pytest.raises(RulesValidationError) as caught:
        parse_date("4/1")
    assert "令和8年4月1日、R8.4.1、2026-04-01、2026/4/1" in str(caught.value)


def test_not_a_string():
    with pytest.raises(RulesValidationError):
        parse_date(20260401)  # type: ignore[arg-type]


def test_parse_wareki_refuses_gregorian():
    with pytest.raises(RulesValidationError, match="和暦"):
        parse_wareki("2026-04-01")


def test_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_date("2026-02-30")
