"""What the audit trail costs: saving consultations with their entries, beside the same saves without.

Both sides run the same use case (`services.consultations.log.log_consultation`'s body: the
checks, the row, its topics) in one `BEGIN IMMEDIATE` transaction per save, committed with
``synchronous=FULL``, on a copy of the demo database. The measured side goes through the
service as the counter does: the permission check, the audit context, and the audit trail's
listeners (stamps, the entry with the row's content, the hash chain). The baseline opens its
sessions from a session factory of its own on the same engine, with no audit listener (the
search index is kept up to date on both sides): it stamps the row (office of origin, who) as
the trail would and writes nothing else. So the production code has no switch that turns the audit trail off; only this bench leaves it out.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from itertools import count
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from kyodo_desktop.bench.registry import BenchContext, Prepared, scenario
from kyodo_desktop.services.access.signing_in import sign_in_demo_officer
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.core import UnitOfWork
from kyodo_desktop.services.workspace import DEMO_FOLDER_NAME, open_workspace
from kyodo_desktop.store.base import Mergeable, utcnow
from kyodo_desktop.store.database import DATABASE_FILE_NAME
from kyodo_desktop.store.search import index as search_index

SAVES = 100  # consultations saved per timed run, one transaction each


def _drafts(today: date) -> Any:
    for n in count():
        yield ConsultationDraft(
            occurred_on=today - timedelta(days=n % 300),
            channel="counter",
            asked=f"相談 {n}：団体の会計報告の書き方と、助成金の実績報告の期限を知りたい。",
            answered="様式と記入例を渡し、期限を説明した。" * 3,
            topic_codes=("npo_procedure", "startup"),
        )


def _unaudited_sessions(engine: Any, actor: Actor) -> sessionmaker[Session]:
    """Sessions on the same engine with no audit listener; rows stamped as the trail would."""
    factory = sessionmaker(engine, expire_on_commit=False)
    search_index.install(factory)  # the search index is kept on both sides: not the audit's cost

    @event.listens_for(factory, "before_flush")
    def stamp(session: Session, _context: Any, _instances: Any) -> None:
        now = utcnow()
        for obj in session.new:
            if isinstance(obj, Mergeable):
                obj.origin_office = obj.origin_office or actor.office_code
                obj.created_by = obj.updated_by = actor.staff_id
                obj.created_at = obj.updated_at = now

    return factory


@scenario(
    "audit_cost",
    f"{SAVES} consultations saved through the service, each with its audit entry",
    goal="the audit trail adds at most 30% (ratio ≤ 1.3)",
)
def audit_cost(context: BenchContext) -> Prepared:
    source = context.demo_data_dir() / DEMO_FOLDER_NAME / DATABASE_FILE_NAME
    folder = context.work_dir / "audit-cost"
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, folder / DATABASE_FILE_NAME)  # the bench writes: never the demo
    workspace = open_workspace(folder)
    database = workspace.database
    actor = sign_in_demo_officer(database)
    drafts = _drafts(context.today)
    unaudited = _unaudited_sessions(database.engine, actor)
    save = log_consultation.__wrapped__  # type: ignore[attr-defined] # the use case's body

    def with_audit() -> None:
        for _ in range(SAVES):
            log_consultation(database, actor, next(drafts))

    def without_audit() -> None:
        for _ in range(SAVES):
            with unaudited.begin() as session:
                save(UnitOfWork(session, actor), next(drafts))

    return Prepared(
        rows=SAVES,
        run=with_audit,
        baseline_name="same saves, no audit entry",
        baseline=without_audit,
    )
