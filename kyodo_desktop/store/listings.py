"""Read-only listings for the screens, a page at a time (never every row at once)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Generic, NamedTuple, TypeVar

from sqlalchemy import ColumnElement, Select, exists, func, literal_column, select
from sqlalchemy.orm import Session, aliased

from kyodo_desktop.store.applications import Application, ApplicationStep, Project
from kyodo_desktop.store.cases import CaseEvent, SupportCase
from kyodo_desktop.store.consultations import Consultation, consultation_topic
from kyodo_desktop.store.filters import ConsultationFilter, FollowUp, GroupFilter
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.people import Person, Staff
from kyodo_desktop.store.reference import Department, Office, Programme, Topic
from kyodo_desktop.store.search_index import phrase
from kyodo_desktop.store.search_match import (
    IndexedSearch,
    consultation_text_match,
    group_text_match,
)

RowT = TypeVar("RowT")


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


class GroupRow(NamedTuple):
    id: uuid.UUID
    name: str
    name_kana: str
    kind: str
    office_name: str
    households: int | None
    households_counted_on: date | None
    representative: str
    active: bool


class CaseRow(NamedTuple):
    id: uuid.UUID
    opened_on: date
    group_name: str
    title: str
    status: str
    lead_staff_name: str
    events: int
    next_action: str
    next_action_due: date | None


class ApplicationRow(NamedTuple):
    id: uuid.UUID
    fiscal_year: int
    programme_number: int
    programme_name: str
    programme_code: str
    division: str | None
    group_name: str
    project_title: str
    status: str
    amount_requested: int
    amount_decided: int | None
    amount_paid: int


class DocumentRow(NamedTuple):
    id: uuid.UUID
    occurred_on: date
    document_number: str
    kind: str
    programme_name: str
    fiscal_year: int
    group_name: str
    amount: int | None


class FigureRow(NamedTuple):
    fiscal_year: int
    programme_number: int
    programme_name: str
    applications: int
    groups_funded: int
    awards: int
    amount_decided: int
    amount_paid: int


class OfficeRow(NamedTuple):
    code: str
    name: str
    kind: str
    name_confirmed: bool
    staff: int


class StaffRow(NamedTuple):
    login_id: str
    name: str
    office_name: str
    role: str
    active: bool


# Past this offset a page of a reversible listing may be read from the other end.
REVERSE_FROM = 1000


class Queries(NamedTuple):
    """A listing's statements: its count, its page in order, and in the opposite order.

    With ``rows``, ``page`` and ``reversed`` select only the rows' keys, and ``rows(keys,
    forward)`` is the statement of the rows with those keys (a deferred join): a page far
    down the list skips over entries of an index, not over rows joined to their office,
    officer and group.
    """

    count: Select
    page: Select
    reversed: Select | None = None
    rows: Callable[[Select, bool], Select] | None = None


class Listing(Generic[RowT]):
    """A fixed query over a table: its count, and any page of it in a stable order.

    With ``reversed_query`` (the same rows in the opposite order), a page in the second
    half is read from the end: OFFSET steps over rows one by one, so the last page of a
    million rows costs what the first costs.
    """

    def __init__(
        self, count_query: Select, page_query: Select, reversed_query: Select | None = None
    ) -> None:
        self._queries = Queries(count_query, page_query, reversed_query)
        self._counted: int | None = None

    def queries(self, session: Session) -> Queries:
        """The statements for this session's database (a listing may have one per engine)."""
        return self._queries

    def count(self, session: Session) -> int:
        self._counted = session.scalar(self.queries(session).count) or 0
        return self._counted

    def page(self, session: Session, offset: int, limit: int) -> list[RowT]:
        queries = self.queries(session)
        offset, limit = max(0, offset), max(0, limit)
        if queries.reversed is not None and offset >= REVERSE_FROM:
            # The count the list was shown with (a list counts before it pages): its rows
            # are the ones the officer scrolls, and the last page costs no second count.
            total = self._counted if self._counted is not None else self.count(session)
            if offset > total // 2:
                end = min(offset + limit, total)
                if end <= offset:
                    return []
                query = queries.reversed.offset(total - end).limit(end - offset)
                return self.decorate(session, _fetch(session, queries, query, False)[::-1])
        query = queries.page.offset(offset).limit(limit)
        return self.decorate(session, _fetch(session, queries, query, True))

    def decorate(self, session: Session, rows: Sequence) -> list[RowT]:
        return [tuple(row) for row in rows]  # type: ignore[misc]


def _fetch(session: Session, queries: Queries, window: Select, forward: bool) -> Sequence:
    if queries.rows is not None:
        window = queries.rows(window, forward)
    return session.execute(window).all()


def _live(model) -> object:  # type: ignore[no-untyped-def]
    return model.deleted_at.is_(None)


def consultation_conditions(
    office_id: uuid.UUID | None, wanted: ConsultationFilter, today: date
) -> list[ColumnElement[bool]]:
    """The WHERE of a consultation list: the office scope and the officer's filters."""
    where: list[ColumnElement[bool]] = [_live(Consultation)]  # type: ignore[list-item]
    if office_id is not None:
        where.append(Consultation.office_id == office_id)
    if wanted.office_id is not None:
        where.append(Consultation.office_id == wanted.office_id)
    if wanted.date_from is not None:
        where.append(Consultation.occurred_on >= wanted.date_from)
    if wanted.date_to is not None:
        where.append(Consultation.occurred_on <= wanted.date_to)
    where.extend(_row_conditions(wanted, today))
    if wanted.text.strip():
        where.append(consultation_text_match(wanted.text))
    return where


def _row_conditions(wanted: ConsultationFilter, today: date) -> list[ColumnElement[bool]]:
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
        where.append(
            exists().where(
                consultation_topic.c.consultation_id == Consultation.id,
                consultation_topic.c.topic_id == Topic.id,
                Topic.code == wanted.topic_code,
            )
        )
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


class ConsultationListing(Listing[ConsultationRow]):
    """The consultations (of one office, if given) that match a filter, newest first."""

    def __init__(
        self,
        office_id: uuid.UUID | None = None,
        wanted: ConsultationFilter | None = None,
        *,
        today: date | None = None,
    ) -> None:
        wanted = wanted or ConsultationFilter()
        today = today or date.today()
        where = consultation_conditions(office_id, wanted, today)
        person = aliased(Person)
        columns = select(
            Consultation.id,
            Consultation.occurred_on,
            Office.name,
            Consultation.channel,
            Group.name,
            person.name,
            Consultation.asked,
            Staff.name,
            Consultation.follow_up_on,
            Consultation.follow_up_done,
        )

        def joins(query: Select) -> Select:
            return (
                query.join(Office, Office.id == Consultation.office_id)
                .join(Staff, Staff.id == Consultation.staff_id)
                .outerjoin(Group, Group.id == Consultation.group_id)
                .outerjoin(person, person.id == Consultation.person_id)
            )

        rows = joins(columns.select_from(Consultation))
        # Ties broken by id in the same direction, so that an index of live rows
        # (occurred_on, id) gives the order as it stands, read backwards or forwards.
        newest = (Consultation.occurred_on.desc(), Consultation.id.desc())
        oldest = (Consultation.occurred_on, Consultation.id)

        def by_id(keys: Select, forward: bool) -> Select:
            return rows.where(Consultation.id.in_(keys)).order_by(*(newest if forward else oldest))

        keys = select(Consultation.id).where(*where)
        count = select(func.count()).select_from(Consultation).where(*where)
        super().__init__(count, keys.order_by(*newest), keys.order_by(*oldest))
        self._queries = self._queries._replace(rows=by_id)
        self._indexed: Queries | None = None
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

            def by_rowid(keys: Select, forward: bool) -> Select:
                order = day_first if forward else day_last
                return rows.where(rowid.in_(keys)).order_by(*order)

            self._indexed = Queries(search.count_query(), *search.key_queries(), by_rowid)

    def queries(self, session: Session) -> Queries:
        if self._indexed is not None and session.get_bind().dialect.name == "sqlite":
            return self._indexed
        return super().queries(session)

    def decorate(self, session: Session, rows: Sequence) -> list[ConsultationRow]:
        ids = [row[0] for row in rows]
        topics: dict[uuid.UUID, list[str]] = defaultdict(list)
        if ids:
            for consultation_id, name in session.execute(
                select(consultation_topic.c.consultation_id, Topic.name)
                .join(Topic, Topic.id == consultation_topic.c.topic_id)
                .where(consultation_topic.c.consultation_id.in_(ids))
                .order_by(Topic.sort_order)
            ):
                topics[consultation_id].append(name)
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


def group_conditions(wanted: GroupFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [_live(Group)]  # type: ignore[list-item]
    if wanted.kind:
        where.append(Group.kind == wanted.kind)
    if wanted.office_id is not None:
        where.append(Group.office_id == wanted.office_id)
    if wanted.active is not None:
        where.append(Group.active.is_(wanted.active))
    if wanted.text.strip():
        where.append(group_text_match(wanted.text))
    return where


class GroupListing(Listing[GroupRow]):
    """The groups that match a filter, in 五十音 order of their reading."""

    def __init__(self, wanted: GroupFilter | None = None) -> None:
        where = group_conditions(wanted or GroupFilter())
        page = (
            select(
                Group.id,
                Group.name,
                Group.name_kana,
                Group.kind,
                Office.name,
                Group.households,
                Group.households_counted_on,
                Group.representative,
                Group.active,
            )
            .join(Office, Office.id == Group.office_id)
            .where(*where)
        )
        in_order = page.order_by(Group.name_kana, Group.id)
        backwards = page.order_by(Group.name_kana.desc(), Group.id.desc())
        count = select(func.count()).select_from(Group).where(*where)
        super().__init__(count, in_order, backwards)

    def decorate(self, session: Session, rows: Sequence) -> list[GroupRow]:
        return [GroupRow(*row) for row in rows]


class CaseListing(Listing[CaseRow]):
    """Every support case (of one office, if given), the most recently opened first."""

    def __init__(self, office_id: uuid.UUID | None = None) -> None:
        where = [_live(SupportCase)]
        if office_id is not None:
            where.append(SupportCase.office_id == office_id)
        events = (
            select(CaseEvent.case_id, func.count().label("n"))
            .where(_live(CaseEvent))
            .group_by(CaseEvent.case_id)
            .subquery()
        )
        page = (
            select(
                SupportCase.id,
                SupportCase.opened_on,
                Group.name,
                SupportCase.title,
                SupportCase.status,
                Staff.name,
                func.coalesce(events.c.n, 0),
                SupportCase.next_action,
                SupportCase.next_action_due,
            )
            .join(Group, Group.id == SupportCase.group_id)
            .join(Staff, Staff.id == SupportCase.lead_staff_id)
            .outerjoin(events, events.c.case_id == SupportCase.id)
            .where(*where)
            .order_by(SupportCase.opened_on.desc(), SupportCase.id)
        )
        count = select(func.count()).select_from(SupportCase).where(*where)
        super().__init__(count, page)

    def decorate(self, session: Session, rows: Sequence) -> list[CaseRow]:
        return [CaseRow(*row) for row in rows]


class ApplicationListing(Listing[ApplicationRow]):
    """Every application, the latest 年度 first, then by programme."""

    def __init__(self) -> None:
        page = (
            select(
                Application.id,
                Application.fiscal_year,
                Programme.number,
                Programme.name,
                Programme.code,
                Application.division,
                Group.name,
                Project.title,
                Application.status,
                Application.amount_requested,
                Application.amount_decided,
                Application.amount_paid,
            )
            .join(Programme, Programme.code == Application.programme_code)
            .join(Project, Project.id == Application.project_id)
            .join(Group, Group.id == Project.group_id)
            .where(_live(Application))
            .order_by(
                Application.fiscal_year.desc(), Programme.number, Group.name_kana, Application.id
            )
        )
        count = select(func.count()).select_from(Application).where(_live(Application))
        super().__init__(count, page)

    def decorate(self, session: Session, rows: Sequence) -> list[ApplicationRow]:
        return [ApplicationRow(*row) for row in rows]


class DocumentListing(Listing[DocumentRow]):
    """Every document issued or received on an application step, newest first."""

    def __init__(self) -> None:
        has_document = ApplicationStep.document_number != ""
        page = (
            select(
                ApplicationStep.id,
                ApplicationStep.occurred_on,
                ApplicationStep.document_number,
                ApplicationStep.kind,
                Programme.name,
                Application.fiscal_year,
                Group.name,
                ApplicationStep.amount,
            )
            .join(Application, Application.id == ApplicationStep.application_id)
            .join(Programme, Programme.code == Application.programme_code)
            .join(Project, Project.id == Application.project_id)
            .join(Group, Group.id == Project.group_id)
            .where(_live(ApplicationStep), has_document)
            .order_by(ApplicationStep.occurred_on.desc(), ApplicationStep.id)
        )
        count = (
            select(func.count())
            .select_from(ApplicationStep)
            .where(_live(ApplicationStep), has_document)
        )
        super().__init__(count, page)

    def decorate(self, session: Session, rows: Sequence) -> list[DocumentRow]:
        return [DocumentRow(*row) for row in rows]


AWARDED_STATUSES = (
    "decided",
    "change_approved",
    "reported",
    "confirmed",
    "claimed",
    "paid",
    "advance_paid",
    "settled",
    "refunded",
)


def figures_by_programme_and_year(session: Session) -> list[FigureRow]:
    """Per 年度 and programme: applications, groups funded, awards, amounts decided and paid."""
    awarded = Application.status.in_(AWARDED_STATUSES)
    rows = session.execute(
        select(
            Application.fiscal_year,
            Programme.number,
            Programme.name,
            func.count(),
            func.count(func.distinct(Project.group_id)).filter(awarded),
            func.count().filter(awarded),
            func.coalesce(func.sum(Application.amount_decided).filter(awarded), 0),
            func.coalesce(func.sum(Application.amount_paid), 0),
        )
        .join(Programme, Programme.code == Application.programme_code)
        .join(Project, Project.id == Application.project_id)
        .where(_live(Application))
        .group_by(Application.fiscal_year, Programme.number, Programme.name)
        .order_by(Application.fiscal_year.desc(), Programme.number)
    ).all()
    return [FigureRow(*row) for row in rows]


def offices(session: Session) -> list[OfficeRow]:
    staff = (
        select(Staff.office_id, func.count().label("n"))
        .where(_live(Staff), Staff.active)
        .group_by(Staff.office_id)
        .subquery()
    )
    rows = session.execute(
        select(
            Office.code,
            Office.name,
            Office.kind,
            Office.name_confirmed,
            func.coalesce(staff.c.n, 0),
        )
        .outerjoin(staff, staff.c.office_id == Office.id)
        .where(_live(Office))
        .order_by(Office.code)
    ).all()
    return [OfficeRow(*row) for row in rows]


def staff_members(session: Session) -> list[StaffRow]:
    rows = session.execute(
        select(Staff.login_id, Staff.name, Office.name, Staff.role, Staff.active)
        .join(Office, Office.id == Staff.office_id)
        .where(_live(Staff))
        .order_by(Office.code, Staff.name_kana, Staff.login_id)
    ).all()
    return [StaffRow(*row) for row in rows]


def departments(session: Session) -> list[tuple[str, str, str]]:
    return [
        tuple(row)
        for row in session.execute(
            select(Department.code, Department.name, Department.division)
            .where(_live(Department))
            .order_by(Department.division, Department.name)
        )
    ]


def topics(session: Session) -> list[tuple[str, str]]:
    return [
        tuple(row)
        for row in session.execute(
            select(Topic.code, Topic.name).where(_live(Topic)).order_by(Topic.sort_order)
        )
    ]
