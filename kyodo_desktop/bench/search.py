"""Searching a million consultations for 3, 2 and 1 characters, beside the LIKE scan.

The measured side is the list as the screen asks for it (services.browse: the count and
the first 50 rows) through the FTS5 bigram index; the baseline is the LIKE '%key%' scan
over the same rows with the same result (what the list did before, and what other
engines than SQLite still do): the memo key, or the name of a live group.
"""

from __future__ import annotations

from sqlalchemy import func, or_, select

from kyodo_desktop.bench.registry import BenchContext, Prepared, scenario
from kyodo_desktop.bench.ward import FIRST_SCREEN, ward
from kyodo_desktop.services import browse
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.filters import ConsultationFilter
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.search.text import contains

# Words an officer types at the counter, found in the demo's memos and group names.
QUERIES = {"search_3chars": "助成金", "search_2chars": "会計", "search_1char": "会"}


def _like_scan(typed: str):  # type: ignore[no-untyped-def]
    groups = select(Group.id).where(Group.deleted_at.is_(None), contains(Group.name_key, typed))
    where = (
        Consultation.deleted_at.is_(None),
        or_(contains(Consultation.text_key, typed), Consultation.group_id.in_(groups)),
    )
    count = select(func.count()).select_from(Consultation).where(*where)
    page = (
        select(Consultation.id, Consultation.occurred_on, Consultation.asked)
        .where(*where)
        .order_by(Consultation.occurred_on.desc(), Consultation.id.desc())
        .limit(FIRST_SCREEN)
    )
    return count, page


def _prepare(context: BenchContext, typed: str) -> Prepared:
    large = ward(context)
    database = large.workspace.database
    browser = browse.consultations(database, large.ward_wide, ConsultationFilter(text=typed))
    count, page = _like_scan(typed)

    def indexed() -> None:
        browser.count()
        browser.page(0, FIRST_SCREEN)

    def scanned() -> None:
        with database.reading() as session:
            session.scalar(count)
            session.execute(page).all()

    return Prepared(rows=large.rows, run=indexed, baseline_name="LIKE scan", baseline=scanned)


@scenario(
    "search_3chars",
    f"text search for 「{QUERIES['search_3chars']}」: count and first 50 rows",
    goal="at most 50 ms and at least 20x faster than LIKE (ratio ≤ 0.05)",
)
def search_3chars(context: BenchContext) -> Prepared:
    return _prepare(context, QUERIES["search_3chars"])


@scenario(
    "search_2chars",
    f"text search for 「{QUERIES['search_2chars']}」: count and first 50 rows",
    goal="at most 50 ms and at least 20x faster than LIKE (ratio ≤ 0.05)",
)
def search_2chars(context: BenchContext) -> Prepared:
    return _prepare(context, QUERIES["search_2chars"])


@scenario(
    "search_1char",
    f"text search for 「{QUERIES['search_1char']}」: count and first 50 rows",
    goal="faster than LIKE (no goal set for one character)",
)
def search_1char(context: BenchContext) -> Prepared:
    return _prepare(context, QUERIES["search_1char"])
