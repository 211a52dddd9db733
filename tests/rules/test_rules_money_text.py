"""Yen formatting (50,000円, 金伍萬円也) and text keys (search, phone, postal code)."""

from __future__ import annotations

import pytest

from kyodo_desktop.rules import (
    RulesValidationError,
    format_yen,
    format_yen_formal,
    normalize_phone,
    normalize_postal_code,
    parse_yen,
    search_key,
)


@pytest.mark.parametrize(
    ("amount", "text"),
    [(0, "0円"), (50_000, "50,000円"), (1_000_000, "1,000,000円"), (-5_000, "-5,000円")],
)
def test_format_yen(amount, text):
    assert format_yen(amount) == text


@pytest.mark.parametrize("amount", [1.5, "1000", True, None])
def test_format_yen_refuses_non_int(amount):
    with pytest.raises(RulesValidationError):
        format_yen(amount)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "金零円也"),
        (1, "金壱円也"),
        (10, "金壱拾円也"),
        (15, "金壱拾伍円也"),
        (100, "金壱百円也"),
        (1_000, "金壱阡円也"),
        (10_000, "金壱萬円也"),
        (12_300, "金壱萬弐阡参百円也"),
        (50_000, "金伍萬円也"),
        (75_000, "金漆萬伍阡円也"),
        (100_000, "金壱拾萬円也"),
        (200_000, "金弐拾萬円也"),
        (1_000_000, "金壱百萬円也"),
        (1_234_567, "金壱百弐拾参萬肆阡伍百陸拾漆円也"),
        (100_000_000, "金壱億円也"),
        (1_000_000_000_000, "金壱兆円也"),
    ],
)
def test_format_yen_formal(amount, text):
    assert format_yen_formal(amount) == text


@pytest.mark.parametrize("amount", [-1, 10**16, 1.0, False])
def test_format_yen_formal_refuses(amount):
    with pytest.raises(RulesValidationError):
        format_yen_formal(amount)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("ＮＰＯ法人　ねりま", "npo法人ネリマ"),
        ("ﾈﾘﾏ", "ねりま"),
        ("ネリマ 区", "ねりま区"),
        ("光ヶ丘", "光ケ丘"),
        ("ABC", "ａｂｃ"),
        ("ヴァイオリン", "ゔぁいおりん"),
    ],
)
def test_search_key_folds(left, right):
    assert search_key(left) == search_key(right)


def test_search_key_value():
    assert search_key("ＮＰＯ法人　ねりま") == "npo法人ねりま"


def test_search_key_keeps_distinct_names_apart():
    assert search_key("ねりま") != search_key("ねりか")


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("０３ー３９９３ー１１１１", "03-3993-1111"),
        ("03-3993-1111", "03-3993-1111"),
        ("0339931111", "03-3993-1111"),
        ("03(3993)1111", "03-3993-1111"),
        ("03 3993 1111", "03-3993-1111"),
        ("+81-3-3993-1111", "03-3993-1111"),
        ("09012345678", "090-1234-5678"),
        ("０８０－１２３４－５６７８", "080-1234-5678"),
        ("070 1234 5678", "070-1234-5678"),
        ("042-123-4567", "042-123-4567"),
        ("０４２（１２３）４５６７", "042-123-4567"),
        ("0421234567", "0421234567"),
        ("0120-123-456", "0120-123-456"),
    ],
)
def test_normalize_phone(typed, canonical):
    assert normalize_phone(typed) == canonical


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "入力されていません"),
        ("abc", "数字と「-」以外"),
        ("3993-1111", "0で始まる"),
        ("090-1234-567", "11桁"),
        ("03-3993-111", "10桁"),
        ("042-123-45", "10桁または11桁"),
    ],
)
def test_normalize_phone_refuses(typed, message):
    with pytest.raises(RulesValidationError, match=message):
        normalize_phone(typed)


@pytest.mark.parametrize(
    "typed", ["〒１７６ー８５０１", "176-8501", "1768501", "〒176-8501", " 176 8501 "]
)
def test_normalize_postal_code(typed):
    assert normalize_postal_code(typed) == "176-8501"


@pytest.mark.parametrize("typed", ["", "176-850", "17685012", "abc-defg"])
def test_normalize_postal_code_refuses(typed):
    with pytest.raises(RulesValidationError, match="7桁"):
        normalize_postal_code(typed)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("50000", 50_000),
        ("50,000", 50_000),
        ("５０，０００円", 50_000),
        ("¥50,000", 50_000),
        ("￥５０，０００", 50_000),
        ("5万", 50_000),
        ("5万円", 50_000),
        ("12万3,000円", 123_000),
        ("0", 0),
        (" 1000 ", 1_000),
    ],
)
def test_parse_yen(typed, value):
    assert parse_yen(typed) == value


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "加入世帯数が入力されていません"),
        ("-100", "加入世帯数に負の数は入力できません"),
        ("－１００", "負の数"),
        ("1.5", "小数ではなく整数"),
        ("5,0000", "読み取れません"),
        ("abc", "読み取れません"),
        ("12万30000", "万より下の桁"),
    ],
)
def test_parse_yen_refuses(typed, message):
    with pytest.raises(RulesValidationError, match=message):
        parse_yen(typed, label="加入世帯数")
