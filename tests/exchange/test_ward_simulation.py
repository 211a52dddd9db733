"""Seventeen offices and the head office, offline for weeks: a seeded random walk.

Each walk: the head office registers groups and returns them to every branch; then, step by
step, branches log consultations, change groups (clashing with one another and with the head
office), tombstone their own consultations and send files; the head office receives what is
in the post in random order, with repeats, once with the process killed half-way through a
file, and returns files that the branches receive in random order, with repeats. After a last
round it checks what the issue asks (#17 item 10):

- every consultation any office committed is at the head office;
- every office holds what it may read: its own consultations only, every group;
- every clash is in the 競合 list with both sides, and the row shows the same value whatever
  order the files came in: the branches' files received by two copies of the head office in
  two other orders end in the same rows (a digest of their content);
- a killed import leaves the database as it was, and the same file is received after;
- every office's audit chain arrives unbroken.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from exchange_ward import Office, make_office, receive, send_files
from sqlalchemy import select
from test_review import _award, _project

from kyodo_desktop.services.consultations.log import (
    ConsultationDraft,
    delete_consultation,
    log_consultation,
)
from kyodo_desktop.services.core import perform
from kyodo_desktop.services.exchange.cards import add_card
from kyodo_desktop.services.exchange.keys import load_own_keys
from kyodo_desktop.services.exchange.receiving import APPLIED, receive_files
from kyodo_desktop.services.groups.draft import GroupDraft
from kyodo_desktop.services.groups.registry import change_group, create_group, get_group
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.services.workspace import open_workspace
from kyodo_desktop.store.audit import trail as audit_trail
from kyodo_desktop.store.backup.check import quick_check
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.database import DATABASE_FILE_NAME
from kyodo_desktop.store.engine import make_engine, sqlite_url
from kyodo_desktop.store.exchange import apply as exchange_apply
from kyodo_desktop.store.exchange.records import LOCAL, TOUCH, travelling
from kyodo_desktop.store.exchange.state import ExchangeConflict, ExchangePeer, ExchangeReview
from kyodo_desktop.store.groups import Group
from kyodo_desktop.store.reference import Office as OfficeRow
from kyodo_desktop.store.server.copy import copy_database

BRANCHES = tuple(f"{n:02d}" for n in range(1, 18))
STEPS = 70
FIELDS = ("phone", "representative", "address")


def _draft(number: int) -> GroupDraft:
    return GroupDraft(
        name=f"練馬の会{'一二三四'[number]}",
        name_kana=f"ネリマノカイ{'アイウエ'[number]}",
        kind="volunteer",
        office_code="01",
        phone="03-0000-0000",
        address="練馬1-1",
        representative="練馬 太郎",
    )


@dataclasses.dataclass
class Walk:
    head: Office
    branches: dict[str, Office]
    rng: random.Random
    post: Path  # where files go
    to_head: list[Path] = dataclasses.field(default_factory=list)
    to_branch: dict[str, list[Path]] = dataclasses.field(default_factory=dict)
    committed: dict[str, set[Any]] = dataclasses.field(default_factory=dict)
    groups: list[Any] = dataclasses.field(default_factory=list)
    drafts: dict[Any, GroupDraft] = dataclasses.field(default_factory=dict)
    sent: int = 0
    killed: int = 0
    project: Any = None  # a 町会's project every office may award ① to
    awards: list[Any] = dataclasses.field(default_factory=list)

    def folder(self) -> Path:
        self.sent += 1
        return self.post / f"{self.sent:04d}"

    # --- what offices do ------------------------------------------------------------------

    def log(self, code: str) -> None:
        office = self.branches[code]
        draft = ConsultationDraft(
            occurred_on=date(2026, 11, self.rng.randint(1, 28)),
            channel="counter",
            asked=f"相談{self.rng.randrange(10**6)}",
            answered="説明した。",
            group_id=self.rng.choice(self.groups),
        )
        made = log_consultation(office.database, office.counter, draft)
        self.committed.setdefault(code, set()).add(made)

    def change(self, office: Office) -> None:
        group = self.rng.choice(self.groups)
        held = get_group(office.database, office.counter, group)
        field = self.rng.choice(FIELDS)
        value = f"{field}-{office.code}-{self.rng.randrange(100)}"
        if field == "phone":
            value = f"03-{self.rng.randrange(1000, 9999)}-{self.rng.randrange(1000, 9999)}"
        now = {"phone": held.phone, "address": held.address, "representative": held.representative}
        now[field] = value
        draft = dataclasses.replace(self.drafts[group], **now)
        change_group(office.database, office.counter, group, draft, row_version=held.row_version)

    def award(self, code: str) -> None:
        """A ① award recorded offline at a branch: two in one 年度 break 1年度1回."""
        office = self.branches[code]
        made = perform(
            office.database, office.counter, Permission.WRITE, _award, self.project, "jichi", 2026
        )
        self.awards.append(made)

    def tombstone(self, code: str) -> None:
        own = sorted(self.committed.get(code, ()), key=str)
        if own:
            office = self.branches[code]
            victim = self.rng.choice(own)
            with office.database.reading() as session:
                row = session.get(Consultation, victim)
                if row is None or row.deleted_at is not None:
                    return
            delete_consultation(office.database, office.counter, victim)

    def send(self, code: str) -> None:
        self.to_head += send_files(self.branches[code], self.folder())

    def head_receives(self) -> None:
        if self.to_head:
            picked = self.rng.sample(self.to_head, self.rng.randint(1, len(self.to_head)))
            picked += self.rng.sample(picked, len(picked) // 3)  # some twice
            self.rng.shuffle(picked)
            receive(self.head, picked)

    def head_returns(self) -> None:
        codes = self.rng.sample(BRANCHES, self.rng.randint(1, 6))
        for path in send_files(self.head, self.folder(), *codes):
            self.to_branch.setdefault(path.name.split("-")[3], []).append(path)

    def branch_receives(self, code: str) -> None:
        waiting = self.to_branch.get(code, [])
        if waiting:
            picked = self.rng.sample(waiting, self.rng.randint(1, len(waiting)))
            self.rng.shuffle(picked)
            receive(self.branches[code], picked)

    def killed_import(self, monkeypatch: pytest.MonkeyPatch, path: Path | None = None) -> None:
        """The head office's process dies half-way through a file: nothing of it stays."""
        if not self.to_head:
            return
        path = path or self.rng.choice(self.to_head)
        before = digest(self.head)
        real = exchange_apply._apply_batch
        calls = {"n": 0}

        def dies(*args: Any, **kwargs: Any) -> None:
            calls["n"] += 1
            real(*args, **kwargs)  # the first rows are written ...
            raise KeyboardInterrupt("power cut")  # ... and the process dies

        monkeypatch.setattr(exchange_apply, "_apply_batch", dies)
        try:
            receive(self.head, [path])
        except KeyboardInterrupt:
            self.killed += 1
        finally:
            monkeypatch.setattr(exchange_apply, "_apply_batch", real)
        assert digest(self.head) == before  # the file's transaction was rolled back whole


def digest(office: Office) -> str:
    """The content of every business row (not the bookkeeping of when or in what order it
    arrived: local numbers, row versions, who touched it last)."""
    found = hashlib.sha256()
    with office.database.engine.connect() as connection:
        for table in travelling():
            columns = [c for c in table.c if c.name not in LOCAL | TOUCH and c.name != "rev_office"]
            for row in connection.execute(select(*columns).order_by(table.c.id)):
                found.update(json.dumps([str(v) for v in row], ensure_ascii=False).encode())
    return found.hexdigest()


def _ward(tmp_path: Path, make_actor, url: str | None) -> tuple[Office, dict[str, Office]]:  # type: ignore[no-untyped-def]
    head = make_office(tmp_path, "00", make_actor, url)
    branches = {code: make_office(tmp_path, code, make_actor) for code in BRANCHES}
    for branch in branches.values():
        add_card(head.data_dir, load_own_keys(branch.data_dir).card, own_office="00")
        add_card(branch.data_dir, load_own_keys(head.data_dir).card, own_office=branch.code)
    return head, branches


def _snapshot(head: Office, target: Path) -> None:
    """The head office as it is now, as a data folder of its own (its keys, a SQLite file)."""
    shutil.copytree(head.data_dir / "exchange", target / "exchange")
    engine = make_engine(sqlite_url(target / DATABASE_FILE_NAME))
    try:
        copy_database(head.database.engine, engine)
    finally:
        engine.dispose()


@pytest.mark.parametrize("seed", [11, 29])
def test_seventeen_offices_offline_end_with_every_record(
    tmp_path: Path,
    actor_factory,
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
    engine: str,
    request: pytest.FixtureRequest,
) -> None:  # type: ignore[no-untyped-def]
    """The head office on each engine (its server in CI); the branches on their files."""
    from conftest import database_url

    url = database_url(request, engine, "pg_empty_template")
    head, branches = _ward(tmp_path, actor_factory, url)
    request.addfinalizer(lambda: [o.workspace.close() for o in (head, *branches.values())])
    walk = Walk(head, branches, random.Random(seed), tmp_path / "post")
    for number in range(4):
        group = create_group(head.database, head.counter, _draft(number))
        walk.groups.append(group)
        walk.drafts[group] = _draft(number)
    chokai = create_group(
        head.database,
        head.counter,
        GroupDraft(name="豊玉町会", name_kana="トヨタマチョウカイ", kind="chokai", office_code="01",
                   households=300, households_counted_on=date(2026, 4, 1)),
    )  # fmt: skip
    walk.project = perform(
        head.database, head.counter, Permission.WRITE, _project, chokai, "町会の活動"
    )
    for path in send_files(head, walk.folder()):
        receive(branches[path.name.split("-")[3]], [path])
    before_branch_files = tmp_path / "head-before"
    _snapshot(head, before_branch_files)

    steps = ["log"] * 5 + ["change"] * 4 + ["head_change", "tombstone", "award"] + ["send"] * 3
    steps += ["head_receives"] * 2 + ["head_returns", "branch_receives"] * 2 + ["killed"]
    for _ in range(STEPS):
        step = walk.rng.choice(steps)
        code = walk.rng.choice(BRANCHES)
        if step == "log":
            walk.log(code)
        elif step == "change":
            walk.change(branches[code])
        elif step == "head_change":
            walk.change(head)
        elif step == "tombstone":
            walk.tombstone(code)
        elif step == "award":
            walk.award(code)
        elif step == "send":
            walk.send(code)
        elif step == "head_receives":
            walk.head_receives()
        elif step == "head_returns":
            walk.head_returns()
        elif step == "branch_receives":
            walk.branch_receives(code)
        else:
            walk.killed_import(monkeypatch)

    awarding = walk.rng.sample(BRANCHES, 2)
    for code in awarding:  # two offices award ① offline in one 年度
        walk.award(code)
    # The last round: every branch sends, the head office receives all ever sent (any order),
    # returns to every branch, and each branch receives everything waiting for it.
    for code in BRANCHES:
        walk.send(code)
        if code == awarding[0]:  # its file holds the award: the head office dies in it once
            walk.killed_import(monkeypatch, walk.to_head[-1])
    everything = list(walk.to_head)
    walk.rng.shuffle(everything)
    assert {r.outcome for r in receive(head, everything)} <= {APPLIED, "already"}
    for path in send_files(head, walk.folder()):
        walk.to_branch.setdefault(path.name.split("-")[3], []).append(path)
    for code, office in branches.items():
        receive(office, sorted(walk.to_branch.get(code, []), reverse=True))

    with head.database.reading() as session:
        at_head = set(session.scalars(select(Consultation.id)))
        for code, made in walk.committed.items():
            assert made <= at_head, f"office {code}'s consultations did not all arrive"
        groups_at_head = set(session.scalars(select(Group.id)))
        for peer in session.scalars(select(ExchangePeer)):
            assert peer.audit_break is None, peer.office
        involved: set[str] = set()
        for review in session.scalars(select(ExchangeReview)):
            involved.update(json.loads(review.records))
        if len(walk.awards) >= 2:  # every award of a year with two is in 要確認
            assert {str(a) for a in walk.awards} <= involved
        for conflict in session.scalars(select(ExchangeConflict)):
            theirs = json.loads(conflict.theirs)
            assert theirs["id"] == str(conflict.row_id) and json.loads(conflict.ours)
    for code, office in branches.items():
        with office.database.reading() as session:
            own_office = session.scalar(select(OfficeRow.id).where(OfficeRow.code == code))
            offices = set(session.scalars(select(Consultation.office_id)))
            assert offices <= {own_office}, f"office {code} holds another office's records"
            assert set(session.scalars(select(Group.id))) == groups_at_head
    assert walk.killed >= 1 and _conflicts(head) >= 1  # the walk did kill and did clash
    with head.database.reading() as session:  # the audit chain of the head office verifies
        checked, broken = audit_trail.verify(session)
        assert checked > 0 and broken is None
    if not head.database.is_server:
        assert quick_check(head.database.path) == ["ok"]

    # The same branch files in two other orders, into copies of the head office as it was
    # before them: the same rows.
    results = []
    for order in (1, 2):
        copy = tmp_path / f"head-copy-{order}"
        shutil.copytree(before_branch_files, copy)
        workspace = open_workspace(copy)
        try:
            files = list(walk.to_head)
            random.Random(seed * 10 + order).shuffle(files)
            files += files[: len(files) // 4]
            receive_files(workspace.database, head.counter, copy, files)
            results.append(digest(Office("00", workspace, head.counter)))
        finally:
            workspace.close()
    assert results[0] == results[1]


def _conflicts(office: Office) -> int:
    with office.database.reading() as session:
        return len(session.scalars(select(ExchangeConflict.id)).all())
