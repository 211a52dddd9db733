"""The programme catalogue: resources/rules/*.json read once, looked up by code or 年度."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

from .errors import RulesDataError, RulesValidationError
from .groups import GroupKind
from .programmes import (
    Division,
    Formula,
    HirobaRates,
    JichiRates,
    LimitUnit,
    Programme,
    ProgrammeVersion,
    Result,
)
from .settings import RuleSettings

_SETTINGS_FILE = "settings.json"


def programmes(fiscal_year: int | None = None) -> tuple[Programme, ...]:
    """All programmes ①..⑥, or those taking applications in ``fiscal_year``."""
    every = _load_all()
    if fiscal_year is None:
        return every
    return tuple(p for p in every if p.is_open(fiscal_year))


def programme(code: str) -> Programme:
    """The programme with ``code`` (jichi, yasashii, machizukuri, teian, hiroba, okoshi)."""
    for candidate in _load_all():
        if candidate.code == code:
            return candidate
    codes = "、".join(p.code for p in _load_all())
    raise RulesValidationError(
        f"事業コード「{code}」は登録されていません（使えるコード: {codes}）。", field="programme"
    )


@functools.cache
def _load_all() -> tuple[Programme, ...]:
    folder = resources.files("kyodo_desktop.resources") / "rules"
    loaded = []
    for entry in folder.iterdir():
        if entry.name.endswith(".json") and entry.name != _SETTINGS_FILE:
            try:
                loaded.append(_programme(json.loads(entry.read_text(encoding="utf-8"))))
            except (KeyError, TypeError, ValueError) as error:
                raise RulesDataError(f"rules data {entry.name} is malformed: {error!r}") from error
    loaded.sort(key=lambda p: p.number)
    if len({p.code for p in loaded}) != len(loaded):
        raise RulesDataError("two rules data files share a programme code")
    return tuple(loaded)


def _int_or_none(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {value!r}")
    return value


def _kinds(value: Any) -> frozenset[GroupKind]:
    if value == "any":
        return frozenset(GroupKind)
    return frozenset(GroupKind(code) for code in value)


def _division(data: Mapping[str, Any]) -> Division:
    formula = Formula(data["formula"])
    division = Division(
        code=data["code"],
        name=data["name"],
        purpose=data.get("purpose"),
        formula=formula,
        cap=_int_or_none(data.get("cap")),
        max_awards=_int_or_none(data.get("max_awards")),
        limit_unit=LimitUnit(data.get("limit_unit", LimitUnit.AWARDS)),
        jichi=JichiRates(**data["jichi"]) if "jichi" in data else None,
        hiroba=HirobaRates(**data["hiroba"]) if "hiroba" in data else None,
    )
    if formula is Formula.CAPPED and division.cap is None:
        raise ValueError(f"division {division.code} needs a cap")
    if formula is Formula.JICHI and division.jichi is None:
        raise ValueError("jichi formula needs jichi rates")
    if formula is Formula.HIROBA and division.hiroba is None:
        raise ValueError("hiroba formula needs hiroba rates")
    return division


def _version(data: Mapping[str, Any]) -> ProgrammeVersion:
    known_settings = set(RuleSettings().to_mapping())
    by_setting = tuple(
        (name, _kinds(codes)) for name, codes in data.get("eligible_kinds_by_setting", {}).items()
    )
    for name, _ in by_setting:
        if name not in known_settings:
            raise ValueError(f"unknown setting {name}")
    return ProgrammeVersion(
        from_fy=int(data["from_fy"]),
        run_by=data.get("run_by"),
        eligible_kinds=_kinds(data["eligible_kinds"]),
        kinds_by_setting=by_setting,
        divisions=tuple(_division(d) for d in data["divisions"]),
        notes=tuple(data.get("notes", ())),
        pays_in_advance=bool(data.get("pays_in_advance", False)),
        needs_report=bool(data.get("needs_report", True)),
    )


def _result(data: Mapping[str, Any]) -> Result:
    return Result(
        from_fy=int(data["from_fy"]),
        until_fy=int(data["until_fy"]),
        count=int(data["count"]),
        unit=data["unit"],
        out_of=_int_or_none(data.get("out_of")),
        out_of_label=data.get("out_of_label"),
        text=data["text"],
    )


def _programme(data: Mapping[str, Any]) -> Programme:
    versions = tuple(sorted((_version(v) for v in data["versions"]), key=lambda v: v.from_fy))
    if not versions:
        raise ValueError("a programme needs at least one version")
    return Programme(
        code=data["code"],
        number=int(data["number"]),
        name=data["name"],
        summary=data["summary"],
        source=data["source"],
        until_fy=_int_or_none(data.get("until_fy")),
        versions=versions,
        results=tuple(_result(r) for r in data.get("results", ())),
        awards_per_group=bool(data.get("awards_per_group", False)),
    )
