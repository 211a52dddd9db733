"""The exchange at the ward's rate: the head office receives seventeen offices' 年度.

The data: the run's demo database is the head office (its registry, staff and persons are
there already, as the ward-wide registry is). Each of the 17 offices sends one sealed file
holding one 年度 of its own work at the large ward's rate: 1/17 of 60,000 consultations
(copies of demo consultations, with their topics) and of 6,000 applications with their
steps, each for a project of its own (a copy of the demo's), each row with the audit entry that created it, chained as the office's own trail.

- ``exchange_receive_ward``: the 17 files received by a copy of the head office (the
  decryption, the signature, the merge, the audit chains, the search index), beside plain
  bulk INSERTs of the same rows into another copy. Both sides start by copying the head
  office's file (the same cost on each side, a fraction of a second).
- ``exchange_receive_again``: the same files received again by a head office that holds
  them all: nothing changes; beside only opening the files (decrypt and verify).
- ``exchange_send_day``: a branch's send for one day's work (15 consultations logged
  through the service after everything before was confirmed), beside only reading the
  same rows and audit entries.
The files' sizes (per office-year) are reported with the first scenario.
"""

from __future__ import annotations

import json
import random
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from kyodo_desktop.bench.large_ward import copy_database
from kyodo_desktop.bench.registry import BenchContext, Prepared, scenario
from kyodo_desktop.rules import fiscal_year, fiscal_year_range, search_key
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.access.installation import system_actor
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.exchange import payload
from kyodo_desktop.services.exchange.cards import add_card, load_known
from kyodo_desktop.services.exchange.keys import OwnKeys, create_own_keys, load_own_keys
from kyodo_desktop.services.exchange.receiving import ALREADY, receive_files
from kyodo_desktop.services.exchange.sealing import open_sealed, seal
from kyodo_desktop.services.exchange.sending import send
from kyodo_desktop.services.exchange.setup import set_exchange_office
from kyodo_desktop.services.workspace import DEMO_FOLDER_NAME, open_workspace
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.audit.trail import entry_hash, payload_digest
from kyodo_desktop.store.database import DATABASE_FILE_NAME
from kyodo_desktop.store.exchange import audit_chains, collect, stamping
from kyodo_desktop.store.exchange.records import Record, encode, table_named
from kyodo_desktop.store.exchange.state import ExchangeAudit, ExchangePeer
from kyodo_desktop.store.migrate import shipped_head
from kyodo_desktop.store.reference import Office
from kyodo_desktop.store.search import index as search_index

CONSULTATIONS = 60_000  # the ward's 年度 at the large ward's rate, at --scale 1
APPLICATIONS = 6_000
OFFICES = tuple(f"{n:02d}" for n in range(1, 18))
DAY = 15  # consultations in a branch's day
SEED = 17


@dataclass
class ExchangeWard:
    folder: Path  # the head office's data folder as it was before any file (a template)
    files: list[Path]
    rows: int  # rows in the files (consultations, topics, applications, steps)
    audit: int  # audit entries in the files
    plain: dict[str, list[dict[str, Any]]]  # the same rows as plain values, by table


_built: dict[tuple[str, float], ExchangeWard] = {}


def exchange_ward(context: BenchContext) -> ExchangeWard:
    key = (str(context.work_dir), context.scale)
    if key not in _built:
        _built[key] = _build(context)
    return _built[key]


def _build(context: BenchContext) -> ExchangeWard:
    root = context.work_dir / f"exchange-{context.scale:g}"
    shutil.rmtree(root, ignore_errors=True)
    head = root / "head"
    head.mkdir(parents=True)
    copy_database(
        context.demo_data_dir() / DEMO_FOLDER_NAME / DATABASE_FILE_NAME, head / DATABASE_FILE_NAME
    )
    workspace = open_workspace(head)
    try:
        set_exchange_office(
            workspace.database, system_actor(workspace.database, StaffRole.ADMIN), "00"
        )
        with workspace.database.engine.connect() as connection:
            demo = _demo_rows(connection)
    finally:
        workspace.close()
    head_keys = create_own_keys(head, "00")
    rng = random.Random(SEED)
    fy = fiscal_year(context.today) - 1
    first_day, last_day = fiscal_year_range(fy)
    consultations = max(17, round(CONSULTATIONS * context.scale))
    applications = max(17, round(APPLICATIONS * context.scale))
    files, rows, audit = [], 0, 0
    registry: list[dict[str, Any]] = []  # groups the head office holds (added below)
    plain: dict[str, list[dict[str, Any]]] = {}
    for office in OFFICES:
        keys = create_own_keys(root / f"office-{office}", office)
        add_card(head, keys.card, own_office="00")
        made = _office_year(
            demo, office, rng, consultations // 17, applications // 17, first_day, last_day,
            registry,
        )  # fmt: skip
        entries = _audit_chain(office, made)
        header = payload.Header(
            kind=payload.CHANGES, sender=office, recipient="00", first=0, last=len(made),
            confirms=0, schema=shipped_head(), file_id=uuid.uuid4().hex,
            made_at=datetime.now(UTC).isoformat(), audit_first=0, audit_last=len(entries),
            audit_head=entries[-1]["hash"] if entries else "",
        )  # fmt: skip
        sealed = _seal(payload.write(header, made, entries), header, keys, head_keys)
        path = root / "stick" / f"kyodo-{office}-to-00.kyodox"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(sealed)
        files.append(path)
        rows += len(made) + sum(len(r.topics or ()) for r in made)
        audit += len(entries)
        for record in made:
            plain.setdefault(record.table, []).append(_values(record, office))
            if record.topics:
                plain.setdefault("consultation_topic", []).extend(
                    {"consultation_id": record.id, "topic_id": uuid.UUID(t)} for t in record.topics
                )
        plain.setdefault("exchange_audit", []).extend(_audit_values(office, e) for e in entries)
    _register(head, registry)
    return ExchangeWard(head, files, rows, audit, plain)


def _register(head: Path, groups: list[dict[str, Any]]) -> None:
    """The registry's groups the year's awards go to, written into the head office's file."""
    workspace = open_workspace(head)
    try:
        with workspace.database.engine.begin() as connection:
            connection.execute(insert(table_named("civic_group")), groups)
            search_index.rebuild(connection)  # rows written with Core
    finally:
        workspace.close()


def _seal(data: bytes, header: payload.Header, own: OwnKeys, head: OwnKeys) -> bytes:
    return seal(data, {"schema": header.schema, "file_id": header.file_id}, own, head.card)


def _demo_rows(connection: Any) -> dict[str, Any]:
    """What the office-years are copied from: the demo's consultations with their topics,
    applications with their steps, and each office's staff."""
    found: dict[str, Any] = {}
    for name in ("consultation", "civic_group", "project", "application", "application_step"):
        table = table_named(name)
        found[name] = [dict(row._mapping) for row in connection.execute(select(table))]
    topics = collect.TOPICS
    found["topics"] = {}
    for consultation_id, topic_id in connection.execute(select(topics)):
        found["topics"].setdefault(consultation_id, []).append(str(topic_id))
    steps: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for step in found["application_step"]:
        steps.setdefault(step["application_id"], []).append(step)
    found["steps"] = steps
    found["projects"] = {row["id"]: row for row in found["project"]}
    found["groups"] = {row["id"]: row for row in found["civic_group"]}
    offices = {row.code: row.id for row in connection.execute(select(Office.code, Office.id))}
    found["offices"] = offices
    staff_table = table_named("staff")
    staff: dict[uuid.UUID, list[uuid.UUID]] = {}
    for staff_id, office_id in connection.execute(
        select(staff_table.c.id, staff_table.c.office_id)
    ):
        staff.setdefault(office_id, []).append(staff_id)
    found["staff"] = staff
    return found


def _record(
    table: str, values: dict[str, Any], office: str, seq: int, topics: Any = None
) -> Record:
    table_ = table_named(table)
    row = {c.name: encode(values.get(c.name)) for c in table_.c if c.name not in _LOCAL}
    return Record(table, values["id"], (office, seq), None, row, topics)


_LOCAL = {"rev_office", "rev_seq", "base_office", "base_seq", "local_seq", "row_version"}


def _group_like(source: dict[str, Any], number: int) -> dict[str, Any]:
    """A group of the ward's registry like a demo one (another town's, say): the head office
    holds thousands, and an office-year's awards go to many of them."""
    group = dict(source)
    name = f"{source['name']}（{number + 1}）"
    group.update(id=uuid.uuid4(), name=name, name_key=search_key(name + source["name_kana"]))
    return group


def _office_year(
    demo: dict[str, Any], office: str, rng: random.Random, consultations: int,
    applications: int, first: date, last: date, registry: list[dict[str, Any]],
) -> list[Record]:  # fmt: skip
    office_id = demo["offices"][office]
    staff = demo["staff"].get(office_id) or [s for v in demo["staff"].values() for s in v]
    days = (last - first).days
    now = datetime.now(UTC)
    made: list[Record] = []
    seq = 0
    for source in rng.sample(demo["consultation"], min(consultations, len(demo["consultation"]))):
        seq += 1
        values = dict(source)
        values.update(
            id=uuid.uuid4(), office_id=office_id, staff_id=rng.choice(staff),
            occurred_on=first + timedelta(days=rng.randrange(days)), origin_office=office,
            created_at=now, updated_at=now, deleted_at=None,
        )  # fmt: skip
        made.append(
            _record(
                "consultation", values, office, seq, tuple(demo["topics"].get(source["id"], ()))
            )
        )
    awarded = [a for a in demo["application"] if a["deleted_at"] is None]
    for source in rng.sample(awarded, min(applications, len(awarded))):
        # Each award of the year is its own project's (as an office-year mostly is): no
        # synthetic cap breaches for the 要確認 to list.
        seq += 1
        project = dict(demo["projects"][source["project_id"]])
        group = _group_like(demo["groups"][project["group_id"]], len(registry))
        registry.append(group)
        project.update(
            id=uuid.uuid4(), group_id=group["id"], origin_office=office, created_at=now,
            updated_at=now,
        )  # fmt: skip
        made.append(_record("project", project, office, seq))
        seq += 1
        values = dict(source)
        values.update(
            id=uuid.uuid4(), project_id=project["id"], group_id=group["id"], office_id=office_id,
            origin_office=office, created_at=now, updated_at=now,
        )  # fmt: skip
        made.append(_record("application", values, office, seq))
        for step in demo["steps"].get(source["id"], ()):
            seq += 1
            step_values = dict(step)
            step_values.update(id=uuid.uuid4(), application_id=values["id"], origin_office=office,
                               created_at=now, updated_at=now)  # fmt: skip
            made.append(_record("application_step", step_values, office, seq))
    order = {"project": 0, "application": 1, "application_step": 2, "consultation": 3}
    made.sort(key=lambda r: order[r.table])  # parents before children, as a send writes them
    return made


def _audit_chain(office: str, made: list[Record]) -> list[dict[str, Any]]:
    """The office's own trail of creating the rows, chained as its database chains it."""
    entries, prev = [], ""
    for seq, record in enumerate(made, start=1):
        after = json.dumps(record.row, ensure_ascii=False)
        entry = AuditEntry(
            id=uuid.uuid4(), at=datetime.now(UTC), office=office, staff_id=None, action="create",
            entity=record.table, entity_id=str(record.id), payload_digest=payload_digest(None, after),
        )  # fmt: skip
        digest = entry_hash(entry, prev)
        entries.append({
            "seq": seq, "id": str(entry.id), "at": entry.at.isoformat(), "office": office,
            "staff_id": None, "action": "create", "entity": record.table,
            "entity_id": str(record.id), "before": None, "after": after,
            "payload_digest": entry.payload_digest, "redacted_at": None, "prev_hash": prev,
            "hash": digest,
        })  # fmt: skip
        prev = digest
    return entries


def _values(record: Record, office: str) -> dict[str, Any]:
    from kyodo_desktop.store.exchange.records import values_of

    values = values_of(table_named(record.table), record.row)
    values.update(rev_office=office, rev_seq=record.rev[1], local_seq=1, row_version=1)
    return values


def _audit_values(office: str, entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "office": office, "seq": entry["seq"], "id": uuid.UUID(entry["id"]),
        "at": datetime.fromisoformat(entry["at"]), "entry_office": office, "staff_id": None,
        "action": entry["action"], "entity": entry["entity"], "entity_id": entry["entity_id"],
        "before": None, "after": entry["after"], "payload_digest": entry["payload_digest"],
        "redacted_at": None, "prev_hash": entry["prev_hash"], "hash": entry["hash"],
    }  # fmt: skip


def _fresh_head(ward: ExchangeWard, name: str) -> Path:
    target = ward.folder.parent / name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    copy_database(ward.folder / DATABASE_FILE_NAME, target / DATABASE_FILE_NAME)
    shutil.copytree(ward.folder / "exchange", target / "exchange")
    return target


def _receive_all(ward: ExchangeWard, folder: Path) -> list[Any]:
    workspace = open_workspace(folder)
    try:
        actor = system_actor(workspace.database, StaffRole.HEAD_OFFICE)
        return receive_files(workspace.database, actor, folder, ward.files)
    finally:
        workspace.close()


def _insert_plainly(ward: ExchangeWard, folder: Path) -> None:
    workspace = open_workspace(folder)
    try:
        with workspace.database.engine.begin() as connection:
            for table in ("project", "application", "application_step", "consultation"):
                connection.execute(insert(table_named(table)), ward.plain[table])
            connection.execute(insert(collect.TOPICS), ward.plain["consultation_topic"])
            connection.execute(insert(ExchangeAudit.__table__), ward.plain["exchange_audit"])
    finally:
        workspace.close()


def _sizes(ward: ExchangeWard) -> dict[str, float]:
    sizes = [path.stat().st_size / 1_000_000 for path in ward.files]
    return {"file_mb_mean": sum(sizes) / len(sizes), "file_mb_max": max(sizes)}


@scenario(
    "exchange_receive_ward",
    "the head office receives 17 offices' files of one 年度 (60,000 consultations, 6,000 "
    "applications with steps and audit entries), beside bulk INSERTs of the same rows",
    goal="at most 30 s; files at most 20 MB per office-year",
)
def exchange_receive_ward(context: BenchContext) -> Prepared:
    ward = exchange_ward(context)

    def received() -> object:
        results = _receive_all(ward, _fresh_head(ward, "receiving"))
        if any(r.outcome != "applied" for r in results):
            raise RuntimeError(f"a file was not applied: {[r.message for r in results]}")
        return results

    return Prepared(
        rows=ward.rows + ward.audit,
        run=received,
        baseline_name="bulk INSERTs of the same rows",
        baseline=lambda: _insert_plainly(ward, _fresh_head(ward, "inserting")),
        measures=lambda: _sizes(ward),
    )


@scenario(
    "exchange_receive_again",
    "the same 17 files received again by a head office that holds them: nothing changes",
    goal="at most 1 s",
)
def exchange_receive_again(context: BenchContext) -> Prepared:
    ward = exchange_ward(context)
    folder = _fresh_head(ward, "holding")
    _receive_all(ward, folder)
    own = load_own_keys(folder)
    known = load_known(folder)

    def again() -> object:
        results = _receive_all(ward, folder)
        if any(r.outcome != ALREADY for r in results):
            raise RuntimeError("a file received again changed something")
        return results

    def opened_only() -> object:
        return [payload.read(open_sealed(p.read_bytes(), own, known).payload) for p in ward.files]

    return Prepared(
        rows=ward.rows, run=again, baseline_name="opening the files only", baseline=opened_only
    )


@scenario(
    "exchange_send_day",
    f"a branch sends one day's work ({DAY} consultations) to the head office",
    goal="at most 1 s",
)
def exchange_send_day(context: BenchContext) -> Prepared:
    root = context.work_dir / f"exchange-branch-{context.scale:g}"
    shutil.rmtree(root, ignore_errors=True)
    (root / "stick").mkdir(parents=True)
    copy_database(
        context.demo_data_dir() / DEMO_FOLDER_NAME / DATABASE_FILE_NAME, root / DATABASE_FILE_NAME
    )
    workspace = open_workspace(root)
    database = workspace.database
    set_exchange_office(database, system_actor(database, StaffRole.ADMIN), "02")
    create_own_keys(root, "02")
    add_card(root, create_own_keys(root / "head", "00").card, own_office="02")
    actor = system_actor(database, StaffRole.HEAD_OFFICE)
    send(database, actor, root, root / "stick")  # everything before: sent ...
    with database.engine.begin() as connection:  # ... and confirmed by the head office
        last = stamping.last_number(connection)
        seq = connection.execute(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())).scalar()
        connection.execute(
            ExchangePeer.__table__.update().values(confirmed_seq=last, audit_confirmed=seq)
        )
    counter = _counter_officer(database, "02")
    for number in range(DAY):
        draft = ConsultationDraft(
            occurred_on=context.today, channel="counter", asked=f"今日の相談 {number + 1}",
            answered="説明した。", topic_codes=("npo_procedure",),
        )  # fmt: skip
        log_consultation(database, counter, draft)

    def read_only() -> object:
        with database.engine.connect() as connection, connection.begin():
            peer = connection.execute(select(ExchangePeer.__table__)).first()
            records = list(collect.own_changes(connection, "02", peer.confirmed_seq))
            entries = audit_chains.entries_after(connection, peer.audit_confirmed)
        return len(records), len(entries)

    return Prepared(
        rows=DAY,
        run=lambda: send(database, counter, root, root / "stick"),
        baseline_name="reading the same rows and entries",
        baseline=read_only,
    )


def _counter_officer(database: Any, code: str) -> Any:
    from kyodo_desktop.services.actor import Actor
    from kyodo_desktop.store.people import Staff

    with database.reading() as session:
        office = session.scalars(select(Office).where(Office.code == code)).one()
        staff = session.scalars(select(Staff).where(Staff.office_id == office.id)).first()
        return Actor(
            staff.id, staff.login_id, staff.name, StaffRole.COUNTER, office.id, code, office.name
        )
