"""How values read on screen: 和暦 dates, yen, 年度, the ward's vocabulary."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from kyodo_desktop.rules import (
    RulesValidationError,
    format_fiscal_year,
    format_wareki_short,
    format_yen,
    programme,
)


def wareki(day: date | None) -> str:
    return "" if day is None else format_wareki_short(day)


def yen(amount: int | None) -> str:
    return "" if amount is None else format_yen(amount)


def fiscal(year: int) -> str:
    return format_fiscal_year(year)


def label(vocabulary: type[StrEnum], code: str | None) -> str:
    """The Japanese label of a stored code, or the code itself if it is unknown here."""
    if code is None:
        return ""
    try:
        return vocabulary(code).label  # type: ignore[attr-defined]
    except ValueError:
        return code


def programme_label(number: int, name: str) -> str:
    """``'① 自治活動推進協力費'``: the circled number the ward's paper uses."""
    return f"{chr(0x2460 + number - 1)} {name}"


def programme_code_label(code: str) -> str:
    """``'① 自治活動推進協力費'`` for a stored programme code, or the code if it is unknown."""
    try:
        found = programme(code)
    except RulesValidationError:
        return code
    return programme_label(found.number, found.name)


def division_label(programme_code: str, division: str | None) -> str:
    """The Japanese name of a programme's division (はばたき部門), or nothing if undivided."""
    if division is None:
        return ""
    for version in programme(programme_code).versions:
        for candidate in version.divisions:
            if candidate.code == division and candidate.name:
                return candidate.name
    return division
