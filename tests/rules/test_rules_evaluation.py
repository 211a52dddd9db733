"""evaluate() and what_remains(): answers with reasons, and impossible input refused."""

from __future__ import annotations

import datetime as dt

import pytest

from kyodo_desktop.rules import (
    Award,
    BreakdownLine,
    GrantRequest,
    Group,
    GroupKind,
    MonthRequest,
    RuleSettings,
    RulesValidationError,
    Severity,
    evaluate,
    what_remains,
)

NPO = Group(GroupKind.NPO)


def chokai(households: int | None, counted_on: dt.date | None = None) -> Group:
    return Group(GroupKind.CHOKAI, households, counted_on)


class TestJichi:
    def test_thousand_households(self):
        result = evaluate(GrantRequest("jichi", 2026, chokai(1_000, dt.date(2026, 4, 1))))
        assert result.eligible
        assert result.grantable == result.max_grantable == 140_000
        assert result.breakdown == (
            BreakdownLine("基礎割", 20_000),
            BreakdownLine("世帯割", 120_000),
        )
        assert "基礎割 20,000円（1,000世帯：500世帯まで15,000円＋500世帯ごとに5,000円×1）" in (
            result.messages
        )
        assert "世帯割 120,000円（120円×1,000世帯）" in result.messages
        assert "加入世帯数 1,000世帯（令和8年4月1日現在）" in result.messages
        assert result.settings_used == ()

    def test_part_block_names_the_setting(self):
        result = evaluate(GrantRequest("jichi", 2026, chokai(999)))
        assert result.breakdown[0] == BreakdownLine("基礎割", 15_000)
        assert result.settings_used == ("jichi_count_part_blocks",)

    def test_part_block_switch(self):
        settings = RuleSettings(jichi_count_part_blocks=True)
        result = evaluate(GrantRequest("jichi", 2026, chokai(999)), settings=settings)
        assert result.breakdown[0] == BreakdownLine("基礎割", 20_000)
        assert any("端数も加算する" in m for m in result.messages)

    def test_needs_households(self):
        result = evaluate(GrantRequest("jichi", 2026, chokai(None)))
        assert not result.eligible
        assert result.blocking[0].code == "households_missing"

    def test_only_chokai(self):
        result = evaluate(GrantRequest("jichi", 2026, Group(GroupKind.NPO, 1_000)))
        assert not result.eligible
        assert result.messages == (
            "自治活動推進協力費の対象は町会・自治会です（この団体: NPO法人）",
        )

    def test_asked_less_than_formula(self):
        result = evaluate(GrantRequest("jichi", 2026, chokai(1_000), amount=100_000))
        assert (result.max_grantable, result.grantable) == (140_000, 100_000)

    def test_one_per_year(self):
        request = GrantRequest("jichi", 2026, chokai(100), award_history=[Award(2026)])
        result = evaluate(request)
        assert not result.eligible
        assert (
            result.messages[0] == "交付決定は1事業につき1年度1回までです（令和8年度に交付決定済み）"
        )

    def test_one_per_year_setting_off(self):
        request = GrantRequest("jichi", 2026, chokai(100), award_history=[Award(2026)])
        settings = RuleSettings(one_award_per_fiscal_year=False)
        assert evaluate(request, settings=settings).eligible


class TestCapped:
    def test_over_cap_is_capped_with_reason(self):
        request = GrantRequest("machizukuri", 2026, NPO, "habataki", amount=350_000)
        result = evaluate(request)
        assert result.eligible
        assert result.grantable == 300_000
        assert "申請額 350,000円 は上限 300,000円 を超えています" in result.messages
        over = next(r for r in result.reasons if r.code == "over_cap")
        assert over.severity is Severity.LIMIT

    def test_times_used_up(self):
        history = [Award(y, "habataki") for y in (2020, 2021, 2022)]
        result = evaluate(GrantRequest("machizukuri", 2026, NPO, "habataki", award_history=history))
        assert not result.eligible
        assert (result.grantable, result.max_grantable) == (0, 0)
        assert result.messages == ("はばたき部門は1事業3回までです（交付決定済み3回）",)
        assert (result.awards_used, result.awards_left) == (3, 0)

    def test_other_division_awards_do_not_count(self):
        history = [Award(2020, "tamago")]
        result = evaluate(GrantRequest("machizukuri", 2026, NPO, "habataki", award_history=history))
        assert result.eligible
        assert result.awards_used == 0

    def test_hajime_only_once(self):
        history = [Award(2020, "hajime")]
        result = evaluate(GrantRequest("yasashii", 2026, NPO, "hajime", award_history=history))
        assert result.messages == ("はじめの一歩部門は1事業1回のみです（交付決定済み1回）",)

    def test_one_per_year_across_divisions(self):
        history = [Award(2026, "hajime")]
        request = GrantRequest("yasashii", 2026, NPO, "katsudo", award_history=history)
        assert not evaluate(request).eligible
        settings = RuleSettings(one_award_per_fiscal_year_across_divisions=False)
        assert evaluate(request, settings=settings).eligible

    def test_teian_ended(self):
        result = evaluate(GrantRequest("teian", 2026, NPO))
        assert not result.eligible
        assert result.messages == (
            "協働事業提案制度は平成27年度で終了しました（申請年度: 令和8年度）",
        )

    def test_teian_within_window(self):
        assert evaluate(GrantRequest("teian", 2013, NPO)).max_grantable == 500_000

    def test_teian_kinds(self):
        refused = evaluate(GrantRequest("teian", 2013, Group(GroupKind.SHAFUKU)))
        assert not refused.eligible
        assert refused.blocking[0].code == "kind"

    def test_before_start(self):
        result = evaluate(GrantRequest("okoshi", 2016, NPO))
        assert result.messages == (
            "地域おこしプロジェクトは平成29年度からの事業です（申請年度: 平成28年度）",
        )

    def test_okoshi_years_need_not_be_consecutive(self):
        history = [Award(2017), Award(2020)]
        assert evaluate(GrantRequest("okoshi", 2024, NPO, award_history=history)).eligible

    def test_okoshi_consecutive_setting(self):
        history = [Award(2017), Award(2018)]
        settings = RuleSettings(okoshi_consecutive_years=True)
        request = GrantRequest("okoshi", 2020, NPO, award_history=history)
        result = evaluate(request, settings=settings)
        assert not result.eligible
        assert result.settings_used == ("okoshi_consecutive_years",)
        inside = GrantRequest("okoshi", 2019, NPO, award_history=history)
        assert evaluate(inside, settings=settings).eligible

    def test_okoshi_used_up_lists_years(self):
        history = [Award(2017), Award(2018), Award(2020)]
        result = evaluate(GrantRequest("okoshi", 2022, NPO, award_history=history))
        assert result.messages == (
            "地域おこしプロジェクトは1事業3年度までです"
            "（交付決定済み3年度: 平成29年度・平成30年度・令和2年度）",
        )

    def test_no_amount_means_the_most(self):
        result = evaluate(GrantRequest("yasashii", 2026, NPO, "katsudo"))
        assert result.grantable == result.max_grantable == 200_000


class TestHiroba:
    months = (
        MonthRequest(2026, 4, 10, 80_000),
        MonthRequest(2026, 5, 0, 30_000),
        MonthRequest(2026, 6, 4, 50_000),
    )

    def test_formula_and_breakdown(self):
        request = GrantRequest("hiroba", 2026, NPO, operating_cost=100_000, months=self.months)
        result = evaluate(request)
        # 運営費 min(100,000, 6,000×14) + 会場費 75,000 (cap) + 0 (no opening) + 50,000
        assert result.grantable == 84_000 + 75_000 + 0 + 50_000
        assert result.max_grantable == 84_000 + 2 * 75_000
        assert result.breakdown == (
            BreakdownLine("運営費", 84_000),
            BreakdownLine("会場費 令和8年4月", 75_000),
            BreakdownLine("会場費 令和8年5月", 0),
            BreakdownLine("会場費 令和8年6月", 50_000),
        )
        assert "令和8年4月の会場費 80,000円 は月の上限 75,000円 を超えています" in result.messages
        assert "hiroba_venue_needs_opening" in result.settings_used

    def test_venue_without_opening_setting(self):
        settings = RuleSettings(hiroba_venue_needs_opening=False)
        request = GrantRequest("hiroba", 2026, NPO, operating_cost=0, months=self.months)
        assert evaluate(request, settings=settings).grantable == 75_000 + 30_000 + 50_000

    def test_chukan_by_setting(self):
        request = GrantRequest("hiroba", 2026, Group(GroupKind.CHUKAN), months=self.months)
        assert evaluate(request).eligible
        refused = evaluate(request, settings=RuleSettings(hiroba_chukan_eligible=False))
        assert not refused.eligible
        assert refused.settings_used == ("hiroba_chukan_eligible",)

    def test_volunteer_refused(self):
        request = GrantRequest("hiroba", 2026, Group(GroupKind.VOLUNTEER), months=self.months)
        assert evaluate(request).messages == (
            "相談情報ひろば運営支援の対象はNPO法人・社会福祉法人・中間支援組織です"
            "（この団体: ボランティア団体）",
        )

    def test_needs_months(self):
        result = evaluate(GrantRequest("hiroba", 2026, NPO))
        assert not result.eligible
        assert result.blocking[0].code == "months_missing"


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (GrantRequest("jichi", 2026, chokai(-1)), "加入世帯数に負の数"),
        (GrantRequest("jichi", 2026, chokai(True)), "加入世帯数は整数"),  # type: ignore[arg-type]
        (GrantRequest("jichi", 2026, chokai(10.0)), "加入世帯数は整数"),  # type: ignore[arg-type]
        (GrantRequest("okoshi", 2026, NPO, amount=-1), "申請額に負の数"),
        (GrantRequest("okoshi", 2026, NPO, amount=1.5), "1円単位"),  # type: ignore[arg-type]
        (GrantRequest("okoshi", 2026, NPO, amount=True), "申請額は整数"),  # type: ignore[arg-type]
        (GrantRequest("okoshi", 2026, NPO, amount="100"), "申請額は整数"),  # type: ignore[arg-type]
        (GrantRequest("okoshi", True, NPO), "申請年度は整数"),  # type: ignore[arg-type]
        (GrantRequest("nosuch", 2026, NPO), "事業コード「nosuch」"),
        (GrantRequest("yasashii", 2026, NPO), "部門を選んでください"),
        (GrantRequest("yasashii", 2026, NPO, "tamago"), "部門「tamago」はありません"),
        (GrantRequest("okoshi", 2026, Group("club")), "団体の種別「club」"),  # type: ignore[arg-type]
        (
            GrantRequest("okoshi", 2026, NPO, award_history=[Award(2020, "habataki")]),
            "部門「habataki」",
        ),
        (
            GrantRequest("hiroba", 2026, NPO, months=[MonthRequest(2026, 2, 1, 0)]),
            "2026年2月 は申請年度",
        ),
        (
            GrantRequest("hiroba", 2026, NPO, months=[MonthRequest(2027, 2, 29, 0)]),
            "開催日数 29日 はその月の日数（28日）を超えています",
        ),
        (
            GrantRequest("hiroba", 2026, NPO, months=[MonthRequest(2026, 4, -1, 0)]),
            "開催日数に負の数",
        ),
        (
            GrantRequest("hiroba", 2026, NPO, months=[MonthRequest(2026, 13, 1, 0)]),
            "存在しません",
        ),
        (
            GrantRequest("hiroba", 2026, NPO, months=[MonthRequest(2026, 4, 1, -5)]),
            "会場費に負の数",
        ),
        (
            GrantRequest("hiroba", 2026, NPO, months=[MonthRequest(2026, 4, 1, 0)] * 2),
            "2回入力",
        ),
        (GrantRequest("hiroba", 2026, NPO, amount=1), "運営費と月ごと"),
        (GrantRequest("okoshi", 2026, NPO, operating_cost=1), "相談情報ひろば運営支援だけ"),
    ],
)
def test_impossible_input_raises(request_, message):
    with pytest.raises(RulesValidationError) as caught:
        evaluate(request_)
    assert message in str(caught.value)


class TestWhatRemains:
    def test_times_and_most(self):
        left = what_remains("machizukuri", "habataki", 2026, NPO, [Award(2020, "habataki")])
        assert (left.eligible, left.awards_used, left.awards_left) == (True, 1, 2)
        assert left.max_grantable == 300_000
        assert "はばたき部門は1事業3回までです（交付決定済み1回、残り2回）" in left.messages

    def test_hiroba_without_months_tells_rates(self):
        left = what_remains("hiroba", None, 2026, NPO)
        assert left.eligible
        assert left.max_grantable is None
        assert any("6,000円" in m and "75,000円" in m for m in left.messages)

    def test_jichi_with_households(self):
        assert what_remains("jichi", None, 2026, chokai(1_000)).max_grantable == 140_000

    def test_closed(self):
        left = what_remains("teian", None, 2026, NPO)
        assert (left.eligible, left.max_grantable) == (False, 0)


def test_a_total_asked_beyond_the_hiroba_costs_is_named() -> None:
    from kyodo_desktop.rules import Group, GroupKind, MonthRequest, asked_over

    npo = Group(GroupKind.NPO)
    months = [MonthRequest(2026, 4, 10, 80_000)]  # 60,000 + 75,000 = 135,000
    result = evaluate(GrantRequest("hiroba", 2026, npo, months=months))
    assert result.grantable == 135_000
    assert asked_over(result, 135_000) is None and asked_over(result, None) is None
    over = asked_over(result, 150_000, label="交付決定額")
    assert over is not None and over.code == "over_cap"
    assert (
        over.text == "交付決定額 150,000円 は運営費・会場費から算定した額 135,000円 を超えています"
    )
