"""Text search in the lists: the bigram index on SQLite (FTS5) and on the server (GIN).

Two shapes. `consultation_text_match` / `group_text_match` are plain conditions (``rowid IN
(matches)``) whose SQL is chosen when the statement is compiled, so a WHERE built before the
database is known works everywhere. `IndexedSearch` is the fast shape of a consultation list
with text: the FTS table drives the query in its rowid order (newest first), the office and
the period are part of the FTS query, and only the other filters are checked row by row.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Select,
    and_,
    column,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.ext.compiler import compiles

from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.search import server
from kyodo_desktop.store.search.index import (
    CONSULTATIONS,
    GROUPS,
    ROWID_MASK,
    day_rowid,
    office_token,
    phrase,
)
from kyodo_desktop.store.search.text import contains

# The consultation's own columns and its group's name; the office column is a filter.
TEXT_COLUMNS = "{memo grp}"


class _SubstringMatch(ColumnElement[bool]):
    """``indexed`` on SQLite (FTS5), ``served`` on PostgreSQL (its token arrays), ``scanned``
    (the LIKE) on any other engine."""

    type = Boolean()
    inherit_cache = False  # three inner clauses: not worth a cache key of its own
    _is_implicitly_boolean = True  # a condition already: no "= 1" (that would hide the index)

    def __init__(
        self,
        indexed: ColumnElement[bool],
        served: ColumnElement[bool],
        scanned: ColumnElement[bool],
    ) -> None:
        self.indexed = indexed
        self.served = served
        self.scanned = scanned


@compiles(_SubstringMatch)
def _scanned(element: _SubstringMatch, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.scanned, **kw)


@compiles(_SubstringMatch, "sqlite")
def _indexed(element: _SubstringMatch, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.indexed, **kw)


@compiles(_SubstringMatch, "postgresql")
def _served(element: _SubstringMatch, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.served, **kw)


def _documents(name: str, key: str) -> Any:
    return table(name, column(key), column("tokens"), column("occurred_on"), column("office_id"))


def _holds(documents: Any, found: server.Query) -> ColumnElement[bool]:
    # The tokens are hex digits only, made from code points, never typed: written out.
    wanted = ", ".join(f"'{token}'" for token in found.tokens)
    return documents.c.tokens.op("@>")(literal_column(f"ARRAY[{wanted}]::text[]"))


def _served(
    name: str, key: str, typed: str, row_key: Any, scanned: ColumnElement[bool]
) -> ColumnElement[bool]:
    """The rows whose server document holds the typed text (checked again when the index
    only narrows it down: four characters or more)."""
    found = server.query(typed)
    if found is None:
        return false()
    documents = _documents(name, key)
    matched = row_key.in_(select(documents.c[key]).where(_holds(documents, found)))
    return matched if found.exact else and_(matched, scanned)


def _fts(name: str) -> Any:
    return table(name, column("rowid"), column(name))


def _matches(fts: Any, expression: str) -> ColumnElement[bool]:
    return fts.c[fts.name].op("MATCH")(literal(expression))


def live_groups_matching(typed: str) -> Select:
    """The ids of live groups whose name or reading holds the typed text (LIKE off SQLite)."""
    return select(Group.id).where(Group.deleted_at.is_(None), group_text_match(typed))


def group_text_match(typed: str) -> ColumnElement[bool]:
    """The group's name or reading holds the typed text."""
    found = phrase(typed)
    if found is None:
        return false()
    fts = _fts(GROUPS.name)
    rowids = select(fts.c.rowid).where(_matches(fts, found))
    indexed = literal_column(f"{Group.__tablename__}.rowid").in_(rowids)
    scanned = contains(Group.name_key, typed)
    served = _served(server.GROUPS, "group_id", typed, Group.id, scanned)
    return _SubstringMatch(indexed, served, scanned)


def consultation_text_match(typed: str) -> ColumnElement[bool]:
    """What was asked or answered, or the name of the group, holds the typed text."""
    found = phrase(typed)
    if found is None:
        return false()
    fts = _fts(CONSULTATIONS.name)
    rowids = select(fts.c.rowid.op("&")(ROWID_MASK)).where(
        _matches(fts, f"{TEXT_COLUMNS} : {found}")
    )
    indexed = literal_column(f"{Consultation.__tablename__}.rowid").in_(rowids)
    scanned = or_(
        contains(Consultation.text_key, typed),
        Consultation.group_id.in_(live_groups_matching(typed)),
    )
    # The server's document holds the memo and the live group's name: one index answers both.
    served = _served(server.CONSULTATIONS, "consultation_id", typed, Consultation.id, scanned)
    return _SubstringMatch(indexed, served, scanned)


@dataclass(frozen=True)
class IndexedSearch:
    """A consultation list with text, driven by the FTS table (SQLite only)."""

    typed: str
    offices: Sequence[uuid.UUID]  # each must match (the officer's scope, the filter)
    date_from: date | None
    date_to: date | None
    rest: Sequence[ColumnElement[bool]]  # the other filters, checked row by row

    def _where(self, fts: Any) -> list[ColumnElement[bool]]:
        expression = f"{TEXT_COLUMNS} : {phrase(self.typed)}"
        for office_id in dict.fromkeys(self.offices):
            expression += f' AND office : "{office_token(office_id)}"'
        where = [_matches(fts, expression)]
        if self.date_from is not None:
            where.append(fts.c.rowid >= day_rowid(self.date_from))
        if self.date_to is not None:
            where.append(fts.c.rowid <= day_rowid(self.date_to) | ROWID_MASK)
        return where

    def fts(self) -> Any:
        return _fts(CONSULTATIONS.name)

    def joined(self, query: Select, fts: Any) -> Select:
        """The query over the FTS table, each hit joined to its consultation."""
        rowid = literal_column(f"{Consultation.__tablename__}.rowid")
        return query.select_from(fts).join(Consultation, rowid == fts.c.rowid.op("&")(ROWID_MASK))

    def count_query(self) -> Select:
        fts = self.fts()
        if not self.rest:  # the index alone answers
            return select(func.count()).select_from(fts).where(*self._where(fts))
        return self.joined(select(func.count()), fts).where(*self._where(fts), *self.rest)

    def key_queries(self) -> tuple[Select, Select]:
        """The matching consultations' rowids, newest first and oldest first.

        Only the FTS table is read (and each hit's row when other filters must be checked),
        so skipping to a page far down the list steps over index entries, not joined rows.
        """
        fts = self.fts()
        consultation_rowid = fts.c.rowid.op("&")(ROWID_MASK)
        if self.rest:
            keys = self.joined(select(literal_column("consultation.rowid")), fts)
            keys = keys.where(*self._where(fts), *self.rest)
        else:
            keys = select(consultation_rowid).where(*self._where(fts))
        return keys.order_by(fts.c.rowid.desc()), keys.order_by(fts.c.rowid)


def server_count(
    typed: str, offices: Sequence[uuid.UUID], date_from: date | None, date_to: date | None
) -> Select | None:
    """The count of a consultation search read from the server's search tables alone, or
    None when the text needs its rows checked (four characters or more).

    With no office named, the months the period covers whole are summed from the counts
    kept per token and month, and only the days of a month it covers in part are counted
    in the documents; with an office, the documents (each holds its day and office)."""
    found = server.query(typed)
    if found is None or not found.exact:
        return None
    documents = _documents(server.CONSULTATIONS, "consultation_id")
    if offices:
        where = [_holds(documents, found)]
        where += [documents.c.office_id == office for office in dict.fromkeys(offices)]
        where += _period(documents, date_from, date_to)
        return select(func.count()).select_from(documents).where(*where)
    (token,) = found.tokens
    counts = table(server.COUNTS, column("token"), column("month"), column("n"))
    first, last, edges = _whole_months(date_from, date_to)
    summed = [counts.c.token == token]
    if first is not None:
        summed.append(counts.c.month >= first)
    if last is not None:
        summed.append(counts.c.month <= last)
    total: Any = select(func.coalesce(func.sum(counts.c.n), 0)).where(*summed).scalar_subquery()
    if first is not None and last is not None and first > last:
        total = literal(0)
    for start, end in edges:
        part = select(func.count()).select_from(documents)
        part = part.where(_holds(documents, found), *_period(documents, start, end))
        total = total + part.scalar_subquery()
    return select(total)


def _period(documents: Any, date_from: date | None, date_to: date | None) -> list[Any]:
    where = []
    if date_from is not None:
        where.append(documents.c.occurred_on >= date_from)
    if date_to is not None:
        where.append(documents.c.occurred_on <= date_to)
    return where


def _whole_months(
    date_from: date | None, date_to: date | None
) -> tuple[date | None, date | None, list[tuple[date, date]]]:
    """The first and last month a period covers whole (None: no bound), and the spans of
    days in a month it covers in part."""
    if date_from is not None and date_to is not None and date_from > date_to:
        return date(2, 1, 1), date(1, 1, 1), []
    first = last = None
    edges: list[tuple[date, date]] = []
    if date_from is not None:
        start = date_from.replace(day=1)
        if date_from == start:
            first = start
        else:
            first = _next_month(start)
            end = _next_month(start) - timedelta(days=1)
            edges.append((date_from, end if date_to is None else min(end, date_to)))
    if date_to is not None:
        end = _next_month(date_to.replace(day=1)) - timedelta(days=1)
        if date_to == end:
            last = date_to.replace(day=1)
        else:
            last = _previous_month(date_to.replace(day=1))
            start = date_to.replace(day=1)
            if not edges or start > edges[0][1]:
                edges.append((start if date_from is None else max(start, date_from), date_to))
    return first, last, edges


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)
