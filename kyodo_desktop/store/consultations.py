"""The consultation log (相談記録)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kyodo_desktop.store.base import Base, Mergeable
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.people import Person, Staff
from kyodo_desktop.store.reference import Department, Office, Topic

# One consultation can touch several topics; the pair is its own natural key for merging.
consultation_topic = Table(
    "consultation_topic",
    Base.metadata,
    Column("consultation_id", ForeignKey("consultation.id"), primary_key=True),
    Column("topic_id", ForeignKey("topic.id"), primary_key=True),
    # The topic filter starts from the topic: its consultations without a scan of the pairs.
    Index("ix_consultation_topic_topic", "topic_id", "consultation_id"),
)


LIVE = text("deleted_at IS NULL")
# Follow-ups not done, as the listing asks for them (store/listings.py `follow_up_done IS 0`:
# SQLite uses a partial index only when the query repeats its condition).
PENDING = text("deleted_at IS NULL AND follow_up_done IS 0")
PENDING_ON_SERVER = text("deleted_at IS NULL AND follow_up_done IS false")  # PostgreSQL's words
TOMBSTONED = text("deleted_at IS NOT NULL")


class Consultation(Mergeable, Base):
    """A consultation (相談) at a counter, on the phone or on a visit."""

    __tablename__ = "consultation"
    # The lists show live rows newest first: these indexes hold only live rows, in that
    # order (with the id that breaks ties), so a count reads only the index and a page
    # needs no sort, for the whole ward and for one office, officer or channel
    # (store/listings.py); the follow-ups come by due day, the most overdue first.
    __table_args__ = (
        Index(
            "ix_consultation_newest", "occurred_on", "id", sqlite_where=LIVE, postgresql_where=LIVE
        ),
        Index(
            "ix_consultation_office_newest",
            "office_id",
            "occurred_on",
            "id",
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        ),
        Index(
            "ix_consultation_staff_newest",
            "staff_id",
            "occurred_on",
            "id",
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        ),
        Index(
            "ix_consultation_channel_newest",
            "channel",
            "occurred_on",
            "id",
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        ),
        Index(
            "ix_consultation_office_channel_newest",
            "office_id",
            "channel",
            "occurred_on",
            "id",
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        ),
        # The figures of a period (store/figures.py): office, month, channel and the id for
        # its topics, read from the index alone (deleted_at too, for "covering").
        Index(
            "ix_consultation_figures",
            "occurred_on",
            "office_id",
            "channel",
            "topic_codes",
            "deleted_at",
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        ),
        # The few deleted rows: a topic's count subtracts theirs (store/search/topics.py).
        Index(
            "ix_consultation_tombstoned", "id", sqlite_where=TOMBSTONED, postgresql_where=TOMBSTONED
        ),
        Index(
            "ix_consultation_follow_up",
            "follow_up_on",
            "occurred_on",
            "id",
            sqlite_where=PENDING,
            postgresql_where=PENDING_ON_SERVER,
        ),
        Index(
            "ix_consultation_office_follow_up",
            "office_id",
            "follow_up_on",
            "occurred_on",
            "id",
            sqlite_where=PENDING,
            postgresql_where=PENDING_ON_SERVER,
        ),
    )

    occurred_on: Mapped[date]
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("office.id"))
    staff_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("staff.id"))
    channel: Mapped[str] = mapped_column(String(16))  # rules.vocabulary.Channel
    group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("civic_group.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"), index=True)
    asked: Mapped[str] = mapped_column(Text, default="")
    answered: Mapped[str] = mapped_column(Text, default="")
    # search_key(asked + answered): free text stays as typed, the key sits beside it.
    text_key: Mapped[str] = mapped_column(Text, default="")
    referred_department_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("department.id"))
    follow_up_on: Mapped[date | None]
    follow_up_done: Mapped[bool] = mapped_column(default=False)
    # The topics' codes, comma-separated: a copy of consultation_topic kept by the service,
    # so that the figures count a period's topics from an index alone (store/figures.py).
    topic_codes: Mapped[str] = mapped_column(Text, default="", server_default="")

    office: Mapped[Office] = relationship(lazy="raise")
    staff: Mapped[Staff] = relationship(lazy="raise")
    group: Mapped[Group | None] = relationship(lazy="raise")
    person: Mapped[Person | None] = relationship(lazy="raise")
    referred_department: Mapped[Department | None] = relationship(lazy="raise")
    topics: Mapped[list[Topic]] = relationship(secondary=consultation_topic, lazy="raise")
