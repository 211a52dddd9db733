"""Property tests: no amount exceeds its cap, ① grows with households, ⑤ stays bounded."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyodo_desktop.rules import (
    Award,
    GrantRequest,
    Group,
    GroupKind,
    MonthRequest,
    RuleSettings,
    RulesValidationError,
    days_in_month,
    evaluate,
    format_wareki,
    jichi_grant,
    parse_date,
    programme,
    search_key,
)

quick = settings(database=None, max_examples=200, deadline=None)

CAPPED = [
    ("yasashii", "hajime"),
    ("yasashii", "katsudo"),
    ("machizukuri", "tamago"),
    ("machizukuri", "habataki"),
    ("teian", None),
    ("okoshi", None),
]

rule_settings = st.builds(
    RuleSettings,
    jichi_count_part_blocks=st.booleans(),
    one_award_per_fiscal_year=st.booleans(),
    one_award_per_fiscal_year_across_divisions=st.booleans(),
    okoshi_consecutive_years=st.booleans(),
    hiroba_chukan_eligible=st.booleans(),
    hiroba_venue_needs_opening=st.booleans(),
)
fiscal_years = st.integers(2000, 2040)
kinds = st.sampled_from(list(GroupKind))


@st.composite
def capped_requests(draw):
    code, division = draw(st.sampled_from(CAPPED))
    divisions = [d for c, d in CAPPED if c == code]
    history = draw(
        st.lists(st.builds(Award, fiscal_year=fiscal_years, division=st.sampled_from(divisions)))
    )
    amount = draw(st.none() | st.integers(0, 3_000_000))
    group = Group(draw(kinds))
    return GrantRequest(code, draw(fiscal_years), group, division, amount, award_history=history)


@quick
@given(capped_requests(), rule_settings)
def test_no_capped_amount_exceeds_its_cap(request, rule_settings):
    result = evaluate(request, settings=rule_settings)
    prog = programme(request.programme)
    caps = {d.cap for v in prog.versions for d in v.divisions if d.code == request.division}
    assert 0 <= result.grantable <= result.max_grantable <= max(c for c in caps if c)
    if request.amount is not None:
        assert result.grantable <= request.amount
    if not result.eligible:
        assert result.grantable == 0 and result.blocking
    assert sum(line.amount for line in result.breakdown) == result.grantable


@quick
@given(st.integers(0, 200_000), st.integers(0, 5_000), st.booleans())
def test_jichi_never_decreases(households, more, part):
    smaller = jichi_grant(households, count_part_blocks=part)
    larger = jichi_grant(households + more, count_part_blocks=part)
    assert larger.total >= smaller.total
    assert larger.base >= smaller.base
    assert smaller.total == smaller.base + smaller.per_household


@quick
@given(st.integers(0, 200_000))
def test_jichi_part_block_reading_never_gives_less(households):
    assert jichi_grant(households, count_part_blocks=True).base >= jichi_grant(households).base


@quick
@given(st.integers(0, 200_000), st.none() | st.integers(0, 10_000_000), rule_settings)
def test_jichi_evaluation_within_formula(households, amount, rule_settings):
    request = GrantRequest("jichi", 2026, Group(GroupKind.CHOKAI, households), amount=amount)
    result = evaluate(request, settings=rule_settings)
    formula = jichi_grant(households, count_part_blocks=rule_settings.jichi_count_part_blocks)
    assert result.max_grantable == formula.total
    assert result.grantable <= formula.total
    assert sum(line.amount for line in result.breakdown) == result.grantable


@st.composite
def hiroba_months(draw):
    fy = draw(st.integers(2017, 2030))
    chosen = draw(st.lists(st.integers(0, 11), unique=True, max_size=12))
    months = []
    for index in chosen:
        year, month = (fy, 4 + index) if index < 9 else (fy + 1, index - 8)
        days = draw(st.integers(0, days_in_month(year, month)))
        months.append(MonthRequest(year, month, days, draw(st.integers(0, 300_000))))
    return fy, months


@quick
@given(hiroba_months(), st.none() | st.integers(0, 5_000_000), rule_settings)
def test_hiroba_never_exceeds_its_caps(fy_months, operating, rule_settings):
    fy, months = fy_months
    request = GrantRequest(
        "hiroba", fy, Group(GroupKind.NPO), operating_cost=operating, months=months
    )
    result = evaluate(request, settings=rule_settings)
    days = sum(m.days_opened for m in months)
    bound = 6_000 * days + 75_000 * len(months)
    assert result.grantable <= result.max_grantable <= bound
    if months:
        venue = sum(min(m.venue_cost, 75_000) for m in months)
        assert result.grantable <= (operating if operating is not None else 6_000 * days) + venue
        assert sum(line.amount for line in result.breakdown) == result.grantable


@quick
@given(st.dates(dt.date(1926, 12, 25), dt.date(2400, 12, 31)))
def test_wareki_round_trip_far_future(day):
    assert parse_date(format_wareki(day)) == day


@quick
@given(st.text(max_size=30))
def test_search_key_is_idempotent(text):
    assert search_key(search_key(text)) == search_key(text)


@quick
@given(st.integers(1900, 2100), st.integers(1, 12), st.integers(29, 40))
def test_parse_date_refuses_days_past_month_end(year, month, day):
    last = days_in_month(year, month)
    text = f"{year}/{month}/{day}"
    if day <= last:
        assert parse_date(text) == dt.date(year, month, day)
    else:
        with pytest.raises(RulesValidationError, match="存在しない日付"):
            parse_date(text)


@quick
@given(st.dates(dt.date(2019, 5, 1), dt.date(2060, 12, 31)))
def test_heisei_after_its_end_is_refused(day):
    heisei_year = day.year - 1988
    with pytest.raises(RulesValidationError, match="平成の終わった後"):
        parse_date(f"平成{heisei_year}年{day.month}月{day.day}日")
