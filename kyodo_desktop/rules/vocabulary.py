"""The ward's fixed vocabularies: codes stored in files and databases, labels people read."""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A code with the Japanese label people read (the second value of each member)."""

    label: str

    def __new__(cls, code: str, label: str) -> Labelled:
        member = str.__new__(cls, code)
        member._value_ = code
        member.label = label
        return member


class Channel(Labelled):
    """How a consultation (相談) reached the office."""

    COUNTER = "counter", "来所"
    PHONE = "phone", "電話"
    MAIL = "mail", "メール"
    VISIT = "visit", "訪問"  # 「地域に足を運び」: staff go out to groups
    OTHER = "other", "その他"


class CaseStatus(Labelled):
    """Where a support case (支援ケース) stands."""

    ACTIVE = "active", "対応中"
    WATCHING = "watching", "見守り"
    CLOSED = "closed", "終結"


class CaseEventKind(Labelled):
    """What happened on a support case's timeline."""

    CONSULTATION = "consultation", "相談"
    VISIT = "visit", "訪問"
    REFERRAL = "referral", "つなぎ"  # 区の関係部署とのつなぎ
    NOTE = "note", "記録"
    APPLICATION = "application", "申請"


class StepKind(Labelled):
    """A step in a subsidy's life (補助金の流れ)."""

    PRIOR_CONSULTATION = "prior_consultation", "事前相談"
    FILED = "filed", "交付申請"
    REVIEW = "review", "審査"
    DECIDED = "decided", "交付決定"
    REJECTED = "rejected", "不採択"
    CHANGE_APPROVED = "change_approved", "変更承認"
    WITHDRAWN = "withdrawn", "取下げ"
    REPORTED = "reported", "実績報告"
    CONFIRMED = "confirmed", "額の確定"
    CLAIMED = "claimed", "請求"
    PAID = "paid", "支払"
    ADVANCE_PAID = "advance_paid", "概算払"
    SETTLED = "settled", "精算"
    REFUNDED = "refunded", "返還"


class StaffRole(Labelled):
    """What a staff member may do."""

    COUNTER = "counter", "窓口職員"
    HEAD_OFFICE = "head_office", "協働推進課"
    VIEWER = "viewer", "閲覧"
    ADMIN = "admin", "管理者"


class OfficeKind(Labelled):
    """The two kinds of branch office (区民事務所・出張所)."""

    KUMIN = "kumin", "区民事務所"
    SHUTCHOSHO = "shutchosho", "出張所"
