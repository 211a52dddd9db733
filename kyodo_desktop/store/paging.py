"""Paging a fixed query: its count, and any page of it in a stable order, from either end."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, NamedTuple, TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Session

RowT = TypeVar("RowT")


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
