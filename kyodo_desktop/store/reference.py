"""Reference data the head office keeps: offices, departments, programmes, topics."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kyodo_desktop.store.base import Base, Mergeable


class Office(Mergeable, Base):
    """A branch office (区民事務所・出張所), known everywhere by its two-digit code."""

    __tablename__ = "office"

    code: Mapped[str] = mapped_column(String(2), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(16))  # OfficeKind
    # False while the name is a stand-in the head office has yet to confirm.
    name_confirmed: Mapped[bool] = mapped_column(default=True)
    active: Mapped[bool] = mapped_column(default=True)


class Department(Mergeable, Base):
    """A department of the ward (所管課) that residents and groups are referred to."""

    __tablename__ = "department"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    division: Mapped[str] = mapped_column(String(60))  # the 部 it belongs to
    active: Mapped[bool] = mapped_column(default=True)


class Programme(Mergeable, Base):
    """One of the ward's subsidy programmes (①–⑥); its rules live in the rules module."""

    __tablename__ = "programme"

    code: Mapped[str] = mapped_column(String(16), unique=True)
    number: Mapped[int]
    name: Mapped[str] = mapped_column(String(60))
    run_by: Mapped[str] = mapped_column(String(80))
    first_fiscal_year: Mapped[int]
    last_fiscal_year: Mapped[int | None]


class Topic(Mergeable, Base):
    """A consultation topic (相談分類); the head office may add more."""

    __tablename__ = "topic"

    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)


class Setting(Base):
    """A setting of this installation or of the ward (key → JSON text)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
