"""How each programme's forms are worded: the grant's name, to whom, by whom, what to attach.

Read from ``resources/forms/programmes.json`` in the package, so the head office can change
the wording without a new program and a frozen build finds it the same way.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Wording:
    grant_name: str  # 自治活動推進協力費, まちづくり活動助成金 ...
    addressee: str  # to whom a group hands its forms (練馬区長)
    issuer: str  # who signs a decision (練馬区長; ③: the 公社's 理事長)
    application_attachments: tuple[str, ...]
    report_attachments: tuple[str, ...]
    claim_attachments: tuple[str, ...]
    decision_conditions: tuple[str, ...]
    appeal_notice: str  # 教示: how to appeal a decision; empty where none applies


@functools.cache
def _data() -> dict[str, dict[str, object]]:
    path = resources.files("kyodo_desktop.resources") / "forms" / "programmes.json"
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def wording(programme_code: str) -> Wording:
    """The wording of ``programme_code``'s forms; a KeyError names an unknown programme."""
    data = _data()
    common: dict[str, object] = data["common"]
    own: dict[str, object] = data["programmes"][programme_code]  # type: ignore[index]
    merged = {**common, **own}
    return Wording(
        grant_name=str(merged["grant_name"]),
        addressee=str(merged["addressee"]),
        issuer=str(merged["issuer"]),
        application_attachments=tuple(merged["application_attachments"]),  # type: ignore[arg-type]
        report_attachments=tuple(merged["report_attachments"]),  # type: ignore[arg-type]
        claim_attachments=tuple(merged["claim_attachments"]),  # type: ignore[arg-type]
        decision_conditions=tuple(merged["decision_conditions"]),  # type: ignore[arg-type]
        appeal_notice=str(merged["appeal_notice"]),
    )
