"""Reading dates as people type them at the counter: 和暦, R8.4.1, 2026/4/1, full width."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .calendar import ERAS, ERAS_BY_NAME, Era, days_in_month, format_wareki
from .errors import RulesValidationError

FORMAT_HELP = "令和8年4月1日、R8.4.1、2026-04-01、2026/4/1 のいずれかの形で入力してください。"

# Dash-like characters typed for a separator (NFKC leaves most of them alone).
_DASHES = str.maketrans(dict.fromkeys("ー‐‑‒–—―−─━", "-"))

_ERA = r"(?P<era>令和|平成|昭和|[RHS])"
_EYEAR = r"(?P<year>元|\d{1,3})"
_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"{_ERA}{_EYEAR}年(?P<month>\d{{1,2}})月(?P<day>\d{{1,2}})日", re.I),
    re.compile(
        rf"{_ERA}{_EYEAR}(?P<sep>[./-])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})", re.I
    ),
    re.compile(r"(?P<gyear>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日"),
    re.compile(r"(?P<gyear>\d{4})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"),
    re.compile(r"(?P<gyear>\d{4})(?P<month>\d{2})(?P<day>\d{2})"),
)


def _clean(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_DASHES)
    return "".join(folded.split())


def parse_date(text: str) -> dt.date:
    """Read a date typed in any of the ward's usual forms.

    Accepts 令和8年4月1日, 令和元年5月1日, R8.4.1, R8/4/1, H31.4.30, S64.1.7, 2026-04-01,
    2026/4/1, 2026年4月1日, 20260401, full-width digits and stray spaces. Impossible
    dates (2026-02-30, 平成31年5月1日, 令和元年4月1日) raise ``RulesValidationError``.
    """
    if not isinstance(text, str):
        raise RulesValidationError(f"日付は文字で入力してください（入力: {text!r}）。{FORMAT_HELP}")
    cleaned = _clean(text)
    if not cleaned:
        raise RulesValidationError(f"日付が入力されていません。{FORMAT_HELP}")
    for pattern in _PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match is None:
            continue
        parts = match.groupdict()
        month, day = int(parts["month"]), int(parts["day"])
        if parts.get("gyear") is not None:
            return _gregorian(int(parts["gyear"]), month, day, text)
        year = 1 if parts["year"] == "元" else int(parts["year"])
        return _wareki(ERAS_BY_NAME[parts["era"].upper()], year, month, day, text)
    raise RulesValidationError(f"日付「{text}」を読み取れません。{FORMAT_HELP}")


def parse_wareki(text: str) -> dt.date:
    """Read a 和暦 date only (令和8年4月1日, R8.4.1); Gregorian input is refused."""
    cleaned = _clean(text) if isinstance(text, str) else ""
    if not re.match(r"(令和|平成|昭和|[RHS])", cleaned, re.I):
        raise RulesValidationError(
            f"和暦の日付「{text}」を読み取れません。令和8年4月1日 または R8.4.1 の形で入力してください。"
        )
    return parse_date(text)


def _check_month_day(month: int, day: int, text: str) -> None:
    if not 1 <= month <= 12:
        raise RulesValidationError(
            f"日付「{text}」の月 {month} は1から12の間ではありません。{FORMAT_HELP}"
        )
    if day < 1:
        raise RulesValidationError(f"日付「{text}」の日 {day} は1以上にしてください。{FORMAT_HELP}")


def _gregorian(year: int, month: int, day: int, text: str) -> dt.date:
    if year < 1:
        raise RulesValidationError(f"日付「{text}」の年 {year} は扱えません。{FORMAT_HELP}")
    _check_month_day(month, day, text)
    last = days_in_month(year, month)
    if day > last:
        raise RulesValidationError(
            f"{year}年{month}月{day}日 は存在しない日付です（{year}年{month}月は{last}日まで）。"
        )
    return dt.date(year, month, day)


def _wareki(era: Era, year: int, month: int, day: int, text: str) -> dt.date:
    year_text = "元" if year == 1 else str(year)
    written = f"{era.name}{year_text}年{month}月{day}日"
    if year < 1:
        raise RulesValidationError(
            f"日付「{text}」の{era.name}{year}年はありません（和暦の年は元年（1年）から）。"
        )
    _check_month_day(month, day, text)
    gyear = era.first_day.year + year - 1
    last = days_in_month(gyear, month)
    if day > last:
        raise RulesValidationError(
            f"{written} は存在しない日付です（{era.name}{year_text}年{month}月は{last}日まで）。"
        )
    day_ = dt.date(gyear, month, day)
    if day_ < era.first_day:
        raise RulesValidationError(
            f"{written} は{era.name}の始まる前の日付です（{era.name}は{format_wareki(era.first_day)}から）。"
            f"{_suggest(day_)} のように入力してください。"
        )
    if era.last_day is not None and day_ > era.last_day:
        raise RulesValidationError(
            f"{written} は{era.name}の終わった後の日付です（{era.name}は{format_wareki(era.last_day)}まで）。"
            f"{format_wareki(day_)} のように入力してください。"
        )
    return day_


def _suggest(day: dt.date) -> str:
    """The same day written correctly: 和暦 when it has one, else ISO."""
    return format_wareki(day) if day >= ERAS[0].first_day else day.isoformat()
