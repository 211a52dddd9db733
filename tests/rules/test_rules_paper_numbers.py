"""Every number in the ward's paper (seed/000_f14d564fea6edce9.txt), as the data holds it."""

from __future__ import annotations

import pytest

from kyodo_desktop.rules import (
    Award,
    Formula,
    GrantRequest,
    Group,
    GroupKind,
    LimitUnit,
    MonthRequest,
    evaluate,
    jichi_grant,
    programme,
    programmes,
)


def _division(code: str, division: str | None, fy: int = 2017):
    version = programme(code).version_for(fy)
    assert version is not None
    return version.division(division)


@pytest.mark.parametrize(
    ("code", "division", "cap", "max_awards", "unit"),
    [
        ("yasashii", "hajime", 50_000, 1, LimitUnit.AWARDS),  # ５万円上限、１事業１回のみ
        ("yasashii", "katsudo", 200_000, 3, LimitUnit.AWARDS),  # 20万円上限、１事業３回上限
        ("machizukuri", "tamago", 50_000, 1, LimitUnit.AWARDS),  # ５万円上限、１事業１回のみ
        ("machizukuri", "habataki", 300_000, 3, LimitUnit.AWARDS),  # 30万円上限、１事業３回上限
        ("teian", None, 500_000, 2, LimitUnit.AWARDS),  # 50万円上限、１事業２回上限
        ("okoshi", None, 1_000_000, 3, LimitUnit.FISCAL_YEARS),  # ３年度を上限、100万円上限
    ],
)
def test_caps_and_times(code, division, cap, max_awards, unit):
    fy = 2015 if code == "teian" else 2017
    d = _division(code, division, fy)
    assert (d.formula, d.cap, d.max_awards, d.limit_unit) == (Formula.CAPPED, cap, max_awards, unit)


def test_jichi_rates():
    rates = _division("jichi", None).jichi
    assert rates is not None
    # 基礎割 500世帯まで15,000円 以降500世帯ごとに5,000円を加算; 世帯割 120円×世帯数
    assert (rates.base_amount, rates.base_households) == (15_000, 500)
    assert (rates.block_households, rates.block_amount) == (500, 5_000)
    assert rates.per_household == 120


def test_hiroba_rates():
    rates = _division("hiroba", None).hiroba
    assert rates is not None
    assert rates.operating_per_day == 6_000  # 運営費（１日６千円上限）
    assert rates.venue_per_month == 75_000  # 会場費（月７万５千円上限）


@pytest.mark.parametrize(
    ("households", "base", "per_household", "total"),
    [
        (0, 15_000, 0, 15_000),
        (1, 15_000, 120, 15_120),
        (500, 15_000, 60_000, 75_000),
        (501, 15_000, 60_120, 75_120),
        (999, 15_000, 119_880, 134_880),
        (1_000, 20_000, 120_000, 140_000),
        (1_499, 20_000, 179_880, 199_880),
        (1_500, 25_000, 180_000, 205_000),
        (3_000, 40_000, 360_000, 400_000),
    ],
)
def test_jichi_grant_default_reading(households, base, per_household, total):
    grant = jichi_grant(households)
    assert (grant.base, grant.per_household, grant.total) == (base, per_household, total)


@pytest.mark.parametrize(
    ("households", "base"),
    [(500, 15_000), (501, 20_000), (999, 20_000), (1_000, 20_000), (1_001, 25_000)],
)
def test_jichi_grant_part_blocks_reading(households, base):
    assert jichi_grant(households, count_part_blocks=True).base == base


@pytest.mark.parametrize(
    ("code", "number", "name", "since", "until", "run_by"),
    [
        ("jichi", 1, "自治活動推進協力費", 2007, None, "地域文化部地域振興課"),
        ("yasashii", 2, "やさしいまちづくり支援事業", 2006, None, "福祉部管理課"),
        (
            "machizukuri",
            3,
            "まちづくり活動助成",
            2006,
            None,
            "公益財団法人練馬区環境まちづくり公社",
        ),
        ("teian", 4, "協働事業提案制度", 2011, 2015, "地域文化部地域振興課"),
        ("hiroba", 5, "相談情報ひろば運営支援", 2006, None, "地域文化部協働推進課"),
        ("okoshi", 6, "地域おこしプロジェクト", 2017, None, "地域文化部協働推進課"),
    ],
)
def test_programme_identity_and_window(code, number, name, since, until, run_by):
    p = programme(code)
    assert (p.number, p.name, p.since_fy, p.until_fy) == (number, name, since, until)
    assert p.mark == "①②③④⑤⑥"[number - 1]
    assert p.latest.run_by == run_by


def test_hiroba_run_by_from_fy2017():
    # 担当部署：地域文化部協働推進課（平成29年度～）
    p = programme("hiroba")
    assert p.version_for(2016).run_by is None
    assert p.version_for(2017).run_by == "地域文化部協働推進課"


@pytest.mark.parametrize(
    ("code", "division_names"),
    [
        ("yasashii", ("はじめの一歩部門", "やさしいまちづくり活動助成部門")),
        ("machizukuri", ("たまご部門", "はばたき部門")),
    ],
)
def test_division_names(code, division_names):
    assert tuple(d.name for d in programme(code).latest.divisions) == division_names


@pytest.mark.parametrize(
    ("code", "from_fy", "until_fy", "count", "unit", "out_of"),
    [
        ("jichi", 2016, 2016, 201, "団体", 252),  # 平成28年度 201団体; 252団体（H29.7.1現在）
        ("yasashii", 2006, 2016, 83, "団体", None),
        ("machizukuri", 2006, 2016, 79, "団体", None),
        ("teian", 2011, 2015, 23, "団体", None),
        ("hiroba", 2017, 2017, 12, "団体", None),
        ("okoshi", 2017, 2017, 3, "事業", 27),  # 27事業の提案から３事業を選定
    ],
)
def test_results(code, from_fy, until_fy, count, unit, out_of):
    (result,) = programme(code).results
    assert (result.from_fy, result.until_fy, result.count, result.unit, result.out_of) == (
        from_fy,
        until_fy,
        count,
        unit,
        out_of,
    )


@pytest.mark.parametrize(
    ("fy", "codes"),
    [
        (2005, ()),
        (2006, ("yasashii", "machizukuri", "hiroba")),
        (2007, ("jichi", "yasashii", "machizukuri", "hiroba")),
        (2011, ("jichi", "yasashii", "machizukuri", "teian", "hiroba")),
        (2015, ("jichi", "yasashii", "machizukuri", "teian", "hiroba")),
        (2016, ("jichi", "yasashii", "machizukuri", "hiroba")),
        (2017, ("jichi", "yasashii", "machizukuri", "hiroba", "okoshi")),
        (2026, ("jichi", "yasashii", "machizukuri", "hiroba", "okoshi")),
    ],
)
def test_fiscal_year_windows(fy, codes):
    assert tuple(p.code for p in programmes(fy)) == codes


@pytest.mark.parametrize(
    ("code", "kinds"),
    [
        ("jichi", {GroupKind.CHOKAI}),
        (
            "teian",
            {GroupKind.CHOKAI, GroupKind.NPO, GroupKind.VOLUNTEER, GroupKind.OTHER},
        ),
        ("hiroba", {GroupKind.NPO, GroupKind.SHAFUKU}),
        ("yasashii", set(GroupKind)),
        ("machizukuri", set(GroupKind)),
        ("okoshi", set(GroupKind)),
    ],
)
def test_eligible_kinds_in_data(code, kinds):
    assert programme(code).latest.eligible_kinds == kinds


@pytest.mark.parametrize(
    ("code", "division", "history", "allowed"),
    [
        ("yasashii", "hajime", [Award(2020, "hajime")], False),  # １事業１回のみ
        ("yasashii", "katsudo", [Award(y, "katsudo") for y in (2020, 2021)], True),
        ("yasashii", "katsudo", [Award(y, "katsudo") for y in (2020, 2021, 2022)], False),
        ("machizukuri", "tamago", [Award(2020, "tamago")], False),
        ("machizukuri", "habataki", [Award(y, "habataki") for y in (2020, 2021)], True),
        ("machizukuri", "habataki", [Award(y, "habataki") for y in (2020, 2021, 2022)], False),
        ("okoshi", None, [Award(2017), Award(2019)], True),
        ("okoshi", None, [Award(2017), Award(2019), Award(2021)], False),  # ３年度を上限
    ],
)
def test_times_per_project(code, division, history, allowed):
    request = GrantRequest(code, 2025, Group(GroupKind.NPO), division, award_history=history)
    assert evaluate(request).eligible is allowed


def test_teian_two_times_within_window():
    def ask(history):
        return evaluate(GrantRequest("teian", 2015, Group(GroupKind.NPO), award_history=history))

    assert ask([Award(2012)]).eligible
    assert not ask([Award(2012), Award(2013)]).eligible  # １事業２回上限


def test_hiroba_numbers_through_evaluate():
    months = [MonthRequest(2017, 4, 10, 100_000)]
    result = evaluate(GrantRequest("hiroba", 2017, Group(GroupKind.NPO), months=months))
    assert result.grantable == 6_000 * 10 + 75_000


def test_okoshi_one_million_per_year():
    request = GrantRequest("okoshi", 2017, Group(GroupKind.OTHER), amount=1_200_000)
    assert evaluate(request).grantable == 1_000_000
