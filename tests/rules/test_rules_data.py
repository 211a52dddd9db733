"""The shipped data and settings, the public names, and the purity of the rules package."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import pytest

import kyodo_desktop.rules as rules
from kyodo_desktop.rules import (
    GroupKind,
    RuleSettings,
    RulesValidationError,
    load_default_settings,
    programme,
    programmes,
)


def test_settings_file_matches_defaults():
    assert load_default_settings() == RuleSettings()
    path = resources.files("kyodo_desktop.resources") / "rules" / "settings.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data["descriptions"]) == set(data["settings"])


def test_default_interpretations():
    settings = RuleSettings()
    assert settings.jichi_count_part_blocks is False
    assert settings.okoshi_consecutive_years is False
    assert settings.one_award_per_fiscal_year is True


def test_settings_refuse_unknown_and_non_bool():
    with pytest.raises(RulesValidationError, match="ありません"):
        RuleSettings.from_mapping({"nosuch": True})
    with pytest.raises(RulesValidationError, match="true か false"):
        RuleSettings.from_mapping({"jichi_count_part_blocks": 1})


def test_settings_labels_are_japanese():
    for name in RuleSettings().to_mapping():
        assert RuleSettings.label(name)


def test_programme_lookup():
    assert [p.code for p in programmes()] == [
        "jichi",
        "yasashii",
        "machizukuri",
        "teian",
        "hiroba",
        "okoshi",
    ]
    assert programme("jichi").label == "① 自治活動推進協力費"
    assert programme("teian").period_text == "平成23年度～平成27年度"
    with pytest.raises(RulesValidationError, match="使えるコード"):
        programme("nosuch")


def test_history_readable_after_end():
    assert programme("teian").version_for(2026) is programme("teian").latest


def test_group_kind_labels():
    assert [k.label for k in GroupKind] == [
        "町会・自治会",
        "NPO法人",
        "ボランティア団体",
        "社会福祉法人",
        "青少年育成地区委員会",
        "中間支援組織",
        "公益財団法人",
        "その他の市民活動団体",
    ]
    assert GroupKind("chokai") is GroupKind.CHOKAI


def test_all_public_names_exist():
    for name in rules.__all__:
        assert hasattr(rules, name), name


def test_rules_import_nothing_heavy():
    code = (
        "import sys, kyodo_desktop.rules as r; r.programmes(); "
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'sqlalchemy', 'alembic', 'reportlab')]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == ""
