"""Projects (事業) and subsidy applications (申請) with their steps and amounts."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kyodo_desktop.rules.vocabulary import StepKind
from kyodo_desktop.store.base import Base, Mergeable
from kyodo_desktop.store.groups import Group

# Every step from the 交付決定 on: an application that reached one of them was awarded
# (store/awards.py counts them; DOMAIN.md "N times per project").
NOT_AWARDED = frozenset(
    {
        StepKind.PRIOR_CONSULTATION,
        StepKind.FILED,
        StepKind.REVIEW,
        StepKind.REJECTED,
        StepKind.WITHDRAWN,
    }
)
AWARDED_STATUSES = tuple(str(kind) for kind in StepKind if kind not in NOT_AWARDED)
# The same as SQL, written out: a partial index is used only for a query whose condition
# is this very text (SQLite compares the expressions, and a bound parameter never matches).
AWARDED_SQL = "status IN ({})".format(", ".join(f"'{status}'" for status in AWARDED_STATUSES))
LIVE_AWARD_SQL = f"deleted_at IS NULL AND {AWARDED_SQL}"


class Project(Mergeable, Base):
    """A group's project (事業): "N times per project" is counted here."""

    __tablename__ = "project"
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("civic_group.id"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    # ④ 協働事業提案制度: the department in charge of the project (所管課).
    department_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("department.id"))

    group: Mapped[Group] = relationship(lazy="raise")


class Application(Mergeable, Base):
    """A subsidy application (申請) of one project to one programme for one 年度."""

    __tablename__ = "application"
    __table_args__ = (
        Index("ix_application_programme_fy", "programme_code", "fiscal_year"),
        # The figures (store/figures.py): a 年度's applications, and the live awards of
        # every 年度 with their groups, offices and projects, read from the index alone
        # (the condition's columns too, for "covering").
        Index("ix_application_fy", "fiscal_year", "programme_code", "status"),
        Index(
            "ix_application_awarded_groups",
            "programme_code",
            "fiscal_year",
            "group_id",
            "office_id",
            "project_id",
            "status",
            "deleted_at",
            sqlite_where=text(LIVE_AWARD_SQL),
            postgresql_where=text(LIVE_AWARD_SQL),
        ),
    )

    project_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("project.id"), index=True)
    # The project's group, copied when the application is opened (a project never changes
    # group): the figures count the groups funded from the awards' index alone.
    group_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("civic_group.id"))
    programme_code: Mapped[str] = mapped_column(ForeignKey("programme.code"))
    division: Mapped[str | None] = mapped_column(String(16))
    fiscal_year: Mapped[int]
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    status: Mapped[str] = mapped_column(String(24))  # the last StepKind reached
    amount_requested: Mapped[int] = mapped_column(default=0)
    amount_decided: Mapped[int | None]
    amount_confirmed: Mapped[int | None]
    amount_paid: Mapped[int] = mapped_column(default=0)
    # ①: 加入世帯数 and the day they were counted, as stated on this application.
    households: Mapped[int | None]
    households_counted_on: Mapped[date | None]
    # ⑤: the operating cost asked (運営費); days and venue costs are per month below.
    operating_cost: Mapped[int | None]
    purpose: Mapped[str] = mapped_column(Text, default="")
    # The latest head-office override of the rules: its written reason, who and when.
    # Each overridden step keeps its own (ApplicationStep.override_reason).
    override_reason: Mapped[str | None] = mapped_column(Text)
    override_staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    override_on: Mapped[date | None]

    project: Mapped[Project] = relationship(lazy="raise")
    steps: Mapped[list[ApplicationStep]] = relationship(
        lazy="raise", order_by="ApplicationStep.occurred_on"
    )


class ApplicationStep(Mergeable, Base):
    """A dated step of an application, with its document (申請書, 交付決定通知書, ...)."""

    __tablename__ = "application_step"

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("application.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # rules.vocabulary.StepKind
    occurred_on: Mapped[date]
    document_number: Mapped[str] = mapped_column(String(40), default="")
    # The officer who recorded it; None: the program itself (kyodo-admin's ① round).
    staff_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff.id"))
    amount: Mapped[int | None]
    note: Mapped[str] = mapped_column(Text, default="")
    # Set when the head office decided this step against the rules: the written reason
    # and the rules' own reasons that were overridden (one per line).
    override_reason: Mapped[str | None] = mapped_column(Text)
    overridden_reasons: Mapped[str | None] = mapped_column(Text)


class BudgetLine(Mergeable, Base):
    """One line of a 収支予算書 (stage "budget") or 収支決算書 (stage "actual")."""

    __tablename__ = "budget_line"

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("application.id"), index=True)
    stage: Mapped[str] = mapped_column(String(8))  # budget | actual
    side: Mapped[str] = mapped_column(String(8))  # income | expense
    item: Mapped[str] = mapped_column(String(80))
    amount: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)  # the order the lines were written in
    note: Mapped[str] = mapped_column(String(200), default="")


class ApplicationMonth(Mergeable, Base):
    """⑤ 相談情報ひろば: the days the desk opened and the venue cost, month by month."""

    __tablename__ = "application_month"

    application_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("application.id"), index=True)
    # budget: the plan filed with the application; actual: what happened (実績報告).
    stage: Mapped[str] = mapped_column(String(8), default="budget")
    year: Mapped[int]
    month: Mapped[int]
    days_opened: Mapped[int]
    venue_cost: Mapped[int]
