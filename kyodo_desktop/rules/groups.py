"""Kinds of group (団体の種別) named in the ward's paper, with stable codes."""

from __future__ import annotations

from enum import StrEnum

from .errors import RulesValidationError


class GroupKind(StrEnum):
    """A kind of group (団体の種別); the value is the code used in files and settings."""

    CHOKAI = "chokai"
    NPO = "npo"
    VOLUNTEER = "volunteer"
    SHAFUKU = "shafuku"
    SEISHONEN = "seishonen"
    CHUKAN = "chukan"
    KOEKI = "koeki"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The Japanese name shown to people: 町会・自治会, NPO法人, ..."""
        return _LABELS[self]

    @classmethod
    def parse(cls, value: str | GroupKind) -> GroupKind:
        """The kind for a code; an unknown code raises ``RulesValidationError``."""
        try:
            return cls(value)
        except ValueError:
            codes = "、".join(kind.value for kind in cls)
            raise RulesValidationError(
                f"団体の種別「{value}」は登録されていません（使える種別: {codes}）。"
            ) from None


_LABELS: dict[GroupKind, str] = {
    GroupKind.CHOKAI: "町会・自治会",
    GroupKind.NPO: "NPO法人",
    GroupKind.VOLUNTEER: "ボランティア団体",
    GroupKind.SHAFUKU: "社会福祉法人",
    GroupKind.SEISHONEN: "青少年育成地区委員会",
    GroupKind.CHUKAN: "中間支援組織",
    GroupKind.KOEKI: "公益財団法人",
    GroupKind.OTHER: "その他の市民活動団体",
}
