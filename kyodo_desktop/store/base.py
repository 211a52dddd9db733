"""The declarative base and the columns every mergeable business row carries."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import BigInteger, DateTime, Integer, MetaData, String, TypeDecorator, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

# Stable constraint names, so that batch migrations on SQLite can find them again.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC; SQLite drops the zone, so it is put back on load."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        uuid.UUID: Uuid(),
        datetime: UTCDateTime(),
    }


class Mergeable:
    """Columns that let 17 offline offices' rows be merged at the head office.

    A UUID key made where the row was born, the office of origin, who made and last
    changed it and when, a version that every change increases (also SQLAlchemy's
    optimistic lock), and a tombstone instead of a hard delete.
    """

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    origin_office: Mapped[str] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by: Mapped[uuid.UUID | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    updated_by: Mapped[uuid.UUID | None]
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    deleted_at: Mapped[datetime | None]
    # The exchange (store/exchange): which change this row's content is, named by the office
    # that made it and that office's own number for it (never a clock); the change it was
    # made from, as last agreed with the head office; and this database's own number for
    # when the row last changed here (what a file to another office starts after). NULL
    # until the row is first stamped (rows written in bulk are stamped before a send).
    rev_office: Mapped[str | None] = mapped_column(String(2))
    rev_seq: Mapped[int | None] = mapped_column(BigInteger)
    base_office: Mapped[str | None] = mapped_column(String(2))
    base_seq: Mapped[int | None] = mapped_column(BigInteger)
    local_seq: Mapped[int | None] = mapped_column(BigInteger, index=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805 - SQLAlchemy's declared_attr
        return {"version_id_col": cls.row_version}

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None
