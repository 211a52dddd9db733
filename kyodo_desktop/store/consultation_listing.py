"""The consultation log's listing: its filters as one WHERE, its order, its pages and chunks.

The screen, the day's follow-ups and the CSV export all read through `ConsultationListing`,
so the file holds the screen's rows in the screen's order by construction.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, Select, func, literal_column, select
from sqlalchemy.orm import Session, aliased

from kyodo_desktop.store.consultations import Consultation, consultation_topic
from kyodo_desktop.store.dialect import POSTGRESQL, is_sqlite, name_of, prefer_indexes
from kyodo_desktop.store.filters import ConsultationFilter, FollowUp
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.paging import Listing, Queries
from kyodo_desktop.store.people import Person, Staff
from kyodo_desktop.store.reference import Department, Office, Topic
from kyodo_desktop.store.search.index import phrase
from kyodo_desktop.store.search.match import IndexedSearch, consultation_text_match, server_count
from kyodo_desktop.store.search.topics import only_topic_count, tagged_for_count, tagged_for_page


class ConsultationRow(NamedTuple):
    id: uuid.UUID
    occurred_on: date
    office_name: str
    channel: str
    group_name: str | None
    person_name: str | None
    topics: str
    asked: str
    staff_name: str
    follow_up_on: date | None
    follow_up_done: bool


def consultation_conditions(
    office_id: uuid.UUID | None, wanted: ConsultationFilter, today: date, *, counting: bool = False
) -> list[ColumnElement[bool]]:
    """The WHERE of a consultation list: the office scope and the officer's filters.

    ``counting``: the same rows, in the shape a count reads fastest (store/search/topics.py).
    """
    where: list[ColumnElement[bool]] = [Consultation.deleted_at.is_(None)]  # type: ignore[list-item]
    if office_id is not None:
        where.append(Consultation.office_id == office_id)
    if wanted.office_id is not None:
        where.append(Consultation.office_id == wanted.office_id)
    if wanted.date_from is not None:
        where.append(Consultation.occurred_on >= wanted.date_from)
    if wanted.date_to is not None:
        where.append(Consultation.occurred_on <= wanted.date_to)
    where.extend(_row_conditions(wanted, today, counting=counting))
    if wanted.text.strip():
        where.append(consultation_text_match(wanted.text))
    return where


def _row_conditions(
    wanted: ConsultationFilter, today: date, *, counting: bool = False
) -> list[ColumnElement[bool]]:
    """The filters that the search index does not hold: checked row by row."""
    where: list[ColumnElement[bool]] = []
    if wanted.staff_id is not None:
        where.append(Consultation.staff_id == wanted.staff_id)
    if wanted.channel:
        where.append(Consultation.channel == wanted.channel)
    if wanted.group_id is not None:
        where.append(Consultation.group_id == wanted.group_id)
    if wanted.person_id is not None:
        where.append(Consultation.person_id == wanted.person_id)
    if wanted.topic_code:
        tagged = tagged_for_count if counting else tagged_for_page
        where.append(tagged(wanted.topic_code))
    if wanted.follow_up is not None:
        pending = [Consultation.follow_up_on.is_not(None), Consultation.follow_up_done.is_(False)]
        where.extend(pending)
        if wanted.follow_up is FollowUp.DUE_TODAY:
            where.append(Consultation.follow_up_on == today)
        elif wanted.follow_up is FollowUp.OVERDUE:
            where.append(Consultation.follow_up_on < today)
        elif wanted.follow_up is FollowUp.DUE_OR_OVERDUE:
            where.append(Consultation.follow_up_on <= today)
    return where


# The asker when a person: Person is joined once more for the officer's own name.
ASKER = aliased(Person, name="asker")
# What a row of the list holds (ConsultationRow); the CSV export asks for more.
LIST_COLUMNS = (
    Consultation.id,
    Consultation.occurred_on,
    Office.name,
    Consultation.channel,
    Group.name,
    ASKER.name,
    Consultation.asked,
    Staff.name,
    Consultation.follow_up_on,
    Consultation.follow_up_done,
)


def _joined(columns: Sequence) -> Select:
    return (
        select(*columns)
        .select_from(Consultation)
        .join(Office, Office.id == Consultation.office_id)
        .join(Staff, Staff.id == Consultation.staff_id)
        .outerjoin(Group, Group.id == Consultation.group_id)
        .outerjoin(ASKER, ASKER.id == Consultation.person_id)
        .outerjoin(Department, Department.id == Consultation.referred_department_id)
    )


def topics_of(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """The topics' names of each consultation, in the topics' order."""
    topics: dict[uuid.UUID, list[str]] = defaultdict(list)
    if ids:
        for consultation_id, name in session.execute(
            select(consultation_topic.c.consultation_id, Topic.name)
            .join(Topic, Topic.id == consultation_topic.c.topic_id)
            .where(consultation_topic.c.consultation_id.in_(ids))
            .order_by(Topic.sort_order)
        ):
            topics[consultation_id].append(name)
    return topics


class ConsultationListing(Listing[ConsultationRow]):
    """The consultations (of one office, if given) that match a filter, newest first.

    ``columns`` are what each row holds (the screen's by default); the CSV export reads
    more of them through `chunks`, so the file has the screen's rows in the screen's order
    by construction.
    """

    def __init__(
        self,
        office_id: uuid.UUID | None = None,
        wanted: ConsultationFilter | None = None,
        *,
        today: date | None = None,
        columns: Sequence = LIST_COLUMNS,
    ) -> None:
        wanted = wanted or ConsultationFilter()
        today = today or wanted.as_of or date.today()
        where = consultation_conditions(office_id, wanted, today)
        counted = consultation_conditions(office_id, wanted, today, counting=True)
        rows = _joined(columns)
        forward, backward = self.orders()

        def by_id(keys: Select, ahead: bool) -> Select:
            return rows.where(Consultation.id.in_(keys)).order_by(*(forward if ahead else backward))

        keys = select(Consultation.id).where(*where)
        count = select(func.count()).select_from(Consultation).where(*counted)
        super().__init__(count, keys.order_by(*forward), keys.order_by(*backward))
        self._queries = self._queries._replace(rows=by_id)
        self._indexed: Queries | None = None  # the statements SQLite runs instead
        self._served: Queries | None = None  # and the server's, where it has its own
        self._searching = bool(wanted.text.strip())
        if (
            office_id is None
            and wanted.topic_code
            and wanted == ConsultationFilter(topic_code=wanted.topic_code)
        ):
            self._indexed = self._queries._replace(count=only_topic_count(wanted.topic_code))
        if wanted.text.strip() and phrase(wanted.text) is not None:
            # On SQLite the search index drives the query, in its own newest-first order
            # (the day, then the rowid: ties fall in another order than above).
            search = IndexedSearch(
                typed=wanted.text,
                offices=[o for o in (office_id, wanted.office_id) if o is not None],
                date_from=wanted.date_from,
                date_to=wanted.date_to,
                rest=_row_conditions(wanted, today),
            )
            rowid = literal_column(f"{Consultation.__tablename__}.rowid")
            day_first = (Consultation.occurred_on.desc(), rowid.desc())
            day_last = (Consultation.occurred_on, rowid)

            def by_rowid(keys: Select, ahead: bool) -> Select:
                return rows.where(rowid.in_(keys)).order_by(*(day_first if ahead else day_last))

            self._indexed = Queries(search.count_query(), *search.key_queries(), by_rowid)
            # On the server the count comes from its search table alone when nothing else
            # narrows the list (the page is the plain one: the newest index, each row checked).
            served = None
            if not search.rest:
                served = server_count(wanted.text, search.offices, wanted.date_from, wanted.date_to)
            if served is not None:
                self._served = self._queries._replace(count=served)

    def orders(self) -> tuple[tuple, tuple]:
        """The list's order and its opposite; ties broken by id in the same direction, so
        that an index of live rows (occurred_on, id) gives it read either way."""
        return (
            (Consultation.occurred_on.desc(), Consultation.id.desc()),
            (Consultation.occurred_on, Consultation.id),
        )

    def queries(self, session: Session) -> Queries:
        if self._indexed is not None and is_sqlite(session):
            return self._indexed
        if self._searching and name_of(session) == POSTGRESQL:
            prefer_indexes(session)  # the search documents' index, not every document
            if self._served is not None:
                return self._served
        return super().queries(session)

    def chunks(self, session: Session, size: int) -> Iterator[tuple[Sequence, dict]]:
        """Every row in the list's order, `size` at a time, with each one's topics.

        The keys are streamed from one statement (one snapshot of the session's read),
        each chunk's rows read by key with the page's own statement.
        """
        queries = self.queries(session)
        assert queries.rows is not None
        keys = session.execute(queries.page.execution_options(yield_per=size))
        for part in keys.partitions():
            rows = session.execute(queries.rows([key for (key,) in part], True)).all()  # type: ignore[arg-type]
            yield rows, topics_of(session, [row[0] for row in rows])

    def decorate(self, session: Session, rows: Sequence) -> list[ConsultationRow]:
        topics = topics_of(session, [row[0] for row in rows])
        return [
            ConsultationRow(
                id=row[0],
                occurred_on=row[1],
                office_name=row[2],
                channel=row[3],
                group_name=row[4],
                person_name=row[5],
                topics="・".join(topics[row[0]]),
                asked=row[6],
                staff_name=row[7],
                follow_up_on=row[8],
                follow_up_done=row[9],
            )
            for row in rows
        ]


class FollowUpListing(ConsultationListing):
    """Consultations by their follow-up day, the longest overdue first (今日のフォロー)."""

    def orders(self) -> tuple[tuple, tuple]:
        first = (Consultation.follow_up_on, Consultation.occurred_on, Consultation.id)
        return first, tuple(column.desc() for column in first)
