"""Yen as the ward writes it: 50,000円 on screens, 金伍萬円也 (大字) on receipts."""

from __future__ import annotations

import re
import unicodedata

from .errors import RulesValidationError
from .validation import require_int

# 大字 (formal numerals) as used on Japanese receipts. 壱・弐・参・拾 are the legal set
# (戸籍法施行規則 第31条); the other digits and 阡 (thousand), 萬 (ten thousand) follow
# the common receipt convention, e.g. 金壱萬弐阡参百円也. 百 stays plain, as on most receipts.
_DIGITS = "〇壱弐参肆伍陸漆捌玖"
_SMALL_UNITS = ("阡", "百", "拾", "")  # 1000, 100, 10, 1 inside a group of four digits
_LARGE_UNITS = ("", "萬", "億", "兆")
_MAX_FORMAL = 10**16 - 1


def format_yen(amount: int) -> str:
    """``50000`` → ``'50,000円'``; a negative amount keeps its sign (``'-5,000円'``)."""
    return f"{require_int(amount, '金額'):,}円"


def _group_kanji(group: int) -> str:
    digits = f"{group:04d}"
    return "".join(
        _DIGITS[int(digit)] + unit
        for digit, unit in zip(digits, _SMALL_UNITS, strict=True)
        if digit != "0"
    )


def formal_numerals(amount: int) -> str:
    """``12300`` → ``'壱萬弐阡参百'``: every unit carries its digit, 壱 included."""
    number = require_int(amount, "金額")
    if number < 0 or number > _MAX_FORMAL:
        raise RulesValidationError(
            f"大字で書ける金額は0円から{_MAX_FORMAL:,}円までです（入力: {number:,}円）。"
        )
    if number == 0:
        return "零"
    parts: list[str] = []
    for index, unit in enumerate(_LARGE_UNITS):
        group = (number // 10 ** (4 * index)) % 10_000
        if group:
            parts.append(_group_kanji(group) + unit)
    return "".join(reversed(parts))


def format_yen_formal(amount: int) -> str:
    """``10000`` → ``'金壱萬円也'``, ``50000`` → ``'金伍萬円也'``, ``12300`` → ``'金壱萬弐阡参百円也'``."""
    return f"金{formal_numerals(amount)}円也"


# 50,000 / 50000円 / ¥50,000 / 5万 / 5万円 / 12万3,000円 (after NFKC and removing spaces).
_GROUPED = r"\d{1,3}(?:,\d{3})+|\d+"
_TYPED_YEN = re.compile(rf"[¥\\]?(?:(?P<man>{_GROUPED})万)?(?P<rest>{_GROUPED})?円?")


def parse_yen(text: str, *, label: str = "金額") -> int:
    """A whole, non-negative number typed at the counter: ``'５０，０００円'`` → ``50000``.

    Accepts full-width digits, thousands commas, a leading ¥, a trailing 円 and 万
    (``'5万'`` → ``50000``, ``'12万3,000円'`` → ``123000``). Also used for counts
    (households, days opened), whose ``label`` names the field in the message.
    """
    if not isinstance(text, str):
        raise RulesValidationError(f"{label}は文字で入力してください（入力: {text!r}）。")
    cleaned = "".join(unicodedata.normalize("NFKC", text).split()).replace("￥", "¥")
    if not cleaned:
        raise RulesValidationError(f"{label}が入力されていません。")
    if cleaned.startswith(("-", "−", "▲", "△")):
        raise RulesValidationError(
            f"{label}に負の数は入力できません（入力: {text}）。0以上の整数で入力してください。"
        )
    match = _TYPED_YEN.fullmatch(cleaned)
    if match is None or (match["man"] is None and match["rest"] is None):
        if re.fullmatch(r"[¥\\]?[\d,]*\.\d*円?", cleaned):
            raise RulesValidationError(
                f"{label}は小数ではなく整数で入力してください（入力: {text}）。"
            )
        raise RulesValidationError(
            f"{label}「{text}」を読み取れません。50,000 のように数字で入力してください。"
        )
    man = int(match["man"].replace(",", "")) if match["man"] else 0
    rest = int(match["rest"].replace(",", "")) if match["rest"] else 0
    if match["man"] and rest >= 10_000:
        raise RulesValidationError(
            f"{label}「{text}」の万より下の桁が1万以上です。123,000 のように入力してください。"
        )
    return man * 10_000 + rest
