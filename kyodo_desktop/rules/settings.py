"""Interpretations of the paper that the head office can change (解釈の設定).

Each field is one reading the paper leaves open; the default is the one DOMAIN.md states.
The shipped defaults are also in ``resources/rules/settings.json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from importlib import resources
from typing import Any

from .errors import RulesValidationError


def _setting(default: bool, label: str) -> Any:
    return field(default=default, metadata={"label": label})


@dataclass(frozen=True)
class RuleSettings:
    """The interpretations in force; evaluation takes one, defaulting to these."""

    # 自治活動推進協力費: 「以降500世帯ごとに5,000円を加算」 — does a part block count?
    jichi_count_part_blocks: bool = _setting(
        False, "自治活動推進協力費: 500世帯に満たない端数の世帯にも5,000円を加算する"
    )
    # DOMAIN.md: at most one award (交付決定) per project per 年度.
    one_award_per_fiscal_year: bool = _setting(True, "交付決定は1事業につき1年度1回まで")
    # Our reading: the one-per-年度 rule spans the programme's divisions (はじめの一歩 and
    # 活動助成 are not both given to one project in one 年度).
    one_award_per_fiscal_year_across_divisions: bool = _setting(
        True, "1年度1回の制限を部門をまたいで適用する"
    )
    # 地域おこしプロジェクト: 「３年度を上限」 counts 年度 with an award, consecutive or not.
    okoshi_consecutive_years: bool = _setting(
        False, "地域おこしプロジェクト: 3年度は最初の交付決定から連続した3年度とする"
    )
    # 相談情報ひろば: 「ＮＰＯや社会福祉法人等」 — 中間支援組織 are NPO法人 or 社会福祉協議会.
    hiroba_chukan_eligible: bool = _setting(
        True, "相談情報ひろば運営支援: 中間支援組織を対象に含める"
    )
    # 相談情報ひろば: 「開催日数に応じて」 — a month with no opening day gets no 会場費.
    hiroba_venue_needs_opening: bool = _setting(
        True, "相談情報ひろば運営支援: 開催のない月の会場費は助成しない"
    )

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> RuleSettings:
        """Settings from a mapping (a settings file); unknown names and non-bools are refused."""
        known = {f.name for f in fields(cls)}
        for name, value in values.items():
            if name not in known:
                raise RulesValidationError(f"設定「{name}」はありません。", field=name)
            if not isinstance(value, bool):
                raise RulesValidationError(
                    f"設定「{name}」は true か false で指定してください（入力: {value!r}）。",
                    field=name,
                )
        return cls(**{name: bool(value) for name, value in values.items()})

    def to_mapping(self) -> dict[str, bool]:
        """The settings as a plain mapping, as stored in settings.json."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @staticmethod
    def label(name: str) -> str:
        """The Japanese description of a setting, for the head office's screen."""
        for f in fields(RuleSettings):
            if f.name == name:
                return str(f.metadata["label"])
        raise RulesValidationError(f"設定「{name}」はありません。", field=name)


DEFAULT_SETTINGS = RuleSettings()


def load_default_settings() -> RuleSettings:
    """The defaults shipped in ``resources/rules/settings.json``."""
    path = resources.files("kyodo_desktop.resources") / "rules" / "settings.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return RuleSettings.from_mapping(data["settings"])
