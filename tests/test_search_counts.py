"""A search's count is the number of rows it lists, for any period, after saves and deletes.

On the server the count of one to three characters is summed from counts kept per token and
month, with the days of partly covered months counted from the documents: each period shape
(whole months, a month's middle, across a year's end, one day, none) is checked against the
rows themselves, as the counts follow a save, a change and a tombstone.
"""

from __future__ import annotations

from datetime import date

import pytest

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.consultations.log import (
    ConsultationDraft,
    change_consultation,
    delete_consultation,
    log_consultation,
)
from kyodo_desktop.store.filters import ConsultationFilter

DAYS = [date(2025, 11, 3), date(2025, 11, 30), date(2025, 12, 1), date(2025, 12, 15),
        date(2025, 12, 31), date(2026, 1, 1), date(2026, 1, 20), date(2026, 3, 31)]  # fmt: skip
PERIODS = [
    (None, None),
    (date(2025, 12, 1), date(2025, 12, 31)),
    (date(2025, 11, 15), date(2026, 1, 10)),
    (date(2025, 12, 10), date(2025, 12, 20)),
    (date(2025, 12, 15), date(2025, 12, 15)),
    (None, date(2025, 12, 15)),
    (date(2025, 12, 31), None),
    (date(2026, 2, 1), date(2025, 12, 1)),
    (date(2025, 11, 30), date(2026, 1, 1)),
]


def _listed(workspace, actor, typed, period) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    wanted = ConsultationFilter(text=typed, date_from=period[0], date_to=period[1])
    browser = browse.consultations(workspace.database, actor, wanted)
    return browser.count(), len(browser.page(0, 1000))


@pytest.fixture
def head(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return actor_factory(workspace, "01", StaffRole.HEAD_OFFICE)


def test_the_count_is_the_rows_listed_for_every_period(workspace, head, actor_factory) -> None:  # type: ignore[no-untyped-def]
    counter = actor_factory(workspace, "01", StaffRole.COUNTER)
    made = []
    for number, day in enumerate(DAYS):
        asked = "会計の相談" if number % 3 else "助成金と会計"
        draft = ConsultationDraft(occurred_on=day, channel="counter", asked=asked, answered="説明")
        made.append(log_consultation(workspace.database, counter, draft))
    for typed in ("会", "会計", "助成金"):
        for period in PERIODS:
            count, rows = _listed(workspace, head, typed, period)
            assert count == rows, (typed, period)
    assert _listed(workspace, head, "会計", (None, None)) == (8, 8)
    if workspace.database.is_server:  # the counts the server sums are there
        from sqlalchemy import text

        from kyodo_desktop.store.search.server import query

        with workspace.database.reading() as session:
            held = session.execute(
                text("SELECT sum(n) FROM consultation_search_count WHERE token = :t"),
                {"t": query("会計").tokens[0]},
            ).scalar()
        assert held == 8

    view = workspace.database
    changed = ConsultationDraft(occurred_on=date(2025, 12, 2), channel="counter", asked="別の話",
                                answered="説明")  # fmt: skip
    from kyodo_desktop.services.consultations.log import get_consultation

    opened = get_consultation(view, counter, made[0])
    change_consultation(view, counter, made[0], changed, row_version=opened.row_version)
    delete_consultation(view, counter, made[1])
    for typed in ("会", "会計", "助成金", "別"):
        for period in PERIODS:
            count, rows = _listed(workspace, head, typed, period)
            assert count == rows, (typed, period)
    assert _listed(workspace, head, "会計", (None, None)) == (6, 6)
    assert _listed(workspace, head, "別の", (date(2025, 12, 1), date(2025, 12, 31))) == (1, 1)
