"""Crashes, two programs on one file, a full disk, a read-only file: nothing committed is lost.

The crash and contention tests run `crash_writer.py` (this folder) as separate programs:
it logs consultations through the service and prints each id once the save has returned,
so every printed id is a record the officer was told is saved. The tests kill it with
SIGKILL at moments chosen by a fixed seed, then check that every printed id is in the file,
that SQLite's integrity check passes and that the audit chain verifies.

A full disk is SQLite's SQLITE_FULL, made by capping the file's size on every connection
(``PRAGMA max_page_count``); a read-only file is a connection that may not write
(``PRAGMA query_only`` or ``mode=ro``), since root ignores a folder's permissions.
"""

from __future__ import annotations

import dataclasses
import os
import random
import signal
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.consultations.log import (
    ConsultationDraft,
    get_consultation,
    log_consultation,
)
from kyodo_desktop.store.audit import trail as audit_trail
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.base import Base
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.database import DATABASE_FILE_NAME, Database
from kyodo_desktop.store.engine import make_engine
from kyodo_desktop.store.errors import EnvironmentFaultError, Problem

# A SQLite file's own: killed writers, two programs on one file, a full or read-only disk.
pytestmark = pytest.mark.sqlite_only

WRITER = Path(__file__).with_name("crash_writer.py")
CRASH_ROUNDS = 14
CRASH_SEED = 20261128


class Writer:
    """crash_writer.py running as its own program; its stderr kept in a file."""

    def __init__(self, data_dir: Path, login_id: str, stderr_file: Path, *args: str) -> None:
        self.stderr_file = stderr_file
        with stderr_file.open("w") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, str(WRITER), str(data_dir), login_id, *args],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
        self.ids: list[uuid.UUID] = []

    def read_ids(self, n: int) -> None:
        """Wait until the program has reported `n` more saved consultations."""
        assert self.process.stdout is not None
        for _ in range(n):
            line = self.process.stdout.readline()
            assert line, f"the writer stopped early: {self.stderr()}"
            self.ids.append(uuid.UUID(line.strip()))

    def wait_ready(self) -> None:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line == "ready\n", f"the writer did not start: {self.stderr()}"

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.finish()
        assert self.process.returncode == -signal.SIGKILL

    def finish(self) -> int:
        """Wait for the end; every id it printed (a pipe keeps them past a kill) is read."""
        rest, _ = self.process.communicate()
        self.ids += [uuid.UUID(line) for line in rest.split()]
        return self.process.returncode

    def stderr(self) -> str:
        return self.stderr_file.read_text()


@pytest.fixture
def officer(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return actor_factory(workspace, "03", StaffRole.COUNTER, "光が丘の窓口")


def saved_ids(database: Database) -> set[uuid.UUID]:
    with database.reading() as session:
        return set(session.scalars(select(Consultation.id)))


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return "\n".join(row[0] for row in connection.execute("PRAGMA integrity_check"))
    finally:
        connection.close()


def assert_chain_verifies(database: Database) -> int:
    with database.reading() as session:
        checked, broken = audit_trail.verify(session)
    assert broken is None, broken
    return checked


def table_counts(database: Database) -> dict[str, int]:
    with database.reading() as session:
        return {
            table.name: session.scalar(select(func.count()).select_from(table))
            for table in Base.metadata.sorted_tables
        }


@pytest.mark.slow
def test_killed_again_and_again_while_writing_it_loses_no_committed_record(
    workspace, officer, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    workspace.database.engine.dispose()  # only the writers hold the file while they are killed
    moments = random.Random(CRASH_SEED)
    promised: set[uuid.UUID] = set()
    for round_ in range(CRASH_ROUNDS):
        writer = Writer(
            workspace.data_dir,
            officer.login_id,
            tmp_path / f"writer-{round_}.err",
            "--tag",
            f"r{round_}",
        )
        writer.read_ids(moments.choice([1, 2, 3, 5, 8, 13]))
        writer.kill()
        promised.update(writer.ids)
        assert "Traceback" not in writer.stderr()

    path = workspace.data_dir / DATABASE_FILE_NAME
    assert integrity(path) == "ok"
    saved = saved_ids(workspace.database)
    assert promised <= saved, f"{len(promised - saved)} saved consultations were lost"
    # At most one save per kill committed after its id could be printed.
    assert len(saved - promised) <= CRASH_ROUNDS
    checked = assert_chain_verifies(workspace.database)
    with workspace.database.reading() as session:
        created = set(
            session.scalars(
                select(AuditEntry.entity_id).where(
                    AuditEntry.entity == "consultation", AuditEntry.action == "create"
                )
            )
        )
    assert {str(i) for i in saved} == created  # every saved consultation, audited once
    assert checked >= len(saved)


@pytest.mark.slow
def test_two_programs_on_one_file_both_save_everything_and_nobody_sees_locked(
    workspace, officer, actor_factory, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    colleague = actor_factory(workspace, "03", StaffRole.COUNTER, "光が丘のもう一人")
    each = 40
    writers = [
        Writer(
            workspace.data_dir,
            who.login_id,
            tmp_path / f"{tag}.err",
            *("--count", str(each), "--tag", tag, "--ready"),
        )
        for who, tag in ((officer, "first"), (colleague, "second"))
    ]
    # Both open the file, then both start at once: each save begins IMMEDIATE, so one waits
    # for the other's lock on every save it tries while the other is writing (SQLite's busy
    # handler backs off, so they mostly take long turns rather than alternate).
    for writer in writers:
        writer.wait_ready()
    for writer in writers:
        writer.go()
    results = [writer.finish() for writer in writers]
    for writer, result in zip(writers, results, strict=True):
        assert "database is locked" not in writer.stderr()
        assert result == 0, writer.stderr()
        assert writer.stderr() == ""
        assert len(writer.ids) == each
    saved = saved_ids(workspace.database)
    assert saved == set(writers[0].ids) | set(writers[1].ids)
    assert len(saved) == 2 * each
    assert integrity(workspace.data_dir / DATABASE_FILE_NAME) == "ok"
    assert_chain_verifies(workspace.database)


# A full disk and a read-only file --------------------------------------------------------


def typed_draft() -> ConsultationDraft:
    # Long enough to need new pages in the file, short enough to be valid.
    return ConsultationDraft(
        occurred_on=date.today(),
        channel="counter",
        asked="団体の会計報告の書き方について相談したい。" * 400,
        answered="様式と記入例を渡した。",
        topic_codes=("npo_procedure",),
    )


@pytest.fixture
def capped(workspace) -> Iterator[dict[str, bool]]:  # type: ignore[no-untyped-def]
    """While ``capped["on"]``, every new connection may not make the file any larger."""
    state = {"on": True}

    def cap(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        if state["on"]:
            pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    engine = workspace.database.engine
    event.listen(engine, "connect", cap)
    engine.dispose()  # the pooled connections were made before the cap
    yield state
    event.remove(engine, "connect", cap)


def test_a_full_disk_says_so_in_japanese_saves_nothing_and_keeps_the_draft(
    workspace, officer, capped
) -> None:  # type: ignore[no-untyped-def]
    draft = typed_draft()
    as_typed = dataclasses.asdict(draft)
    before = table_counts(workspace.database)

    with pytest.raises(EnvironmentFaultError) as caught:
        log_consultation(workspace.database, officer, draft)

    assert caught.value.problem is Problem.FULL
    assert str(caught.value).startswith("ディスクの空きがなくなったため、保存できませんでした。")
    assert "入力した内容はそのまま残っています" in caught.value.message
    assert table_counts(workspace.database) == before  # nothing half-saved, no audit entry
    assert_chain_verifies(workspace.database)
    assert dataclasses.asdict(draft) == as_typed

    capped["on"] = False  # space is freed
    workspace.database.engine.dispose()
    saved = log_consultation(workspace.database, officer, draft)
    assert get_consultation(workspace.database, officer, saved).asked == as_typed["asked"]
    assert table_counts(workspace.database)["consultation"] == 1
    assert_chain_verifies(workspace.database)


def _query_only(workspace) -> Database:  # type: ignore[no-untyped-def]
    engine = workspace.database.engine

    @event.listens_for(engine, "connect")
    def query_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA query_only=ON")

    engine.dispose()
    return workspace.database


def _opened_read_only(workspace) -> Database:  # type: ignore[no-untyped-def]
    path = workspace.data_dir / DATABASE_FILE_NAME
    return Database(make_engine(f"sqlite+pysqlite:///file:{path}?mode=ro&uri=true"), path)


@pytest.mark.parametrize(
    "read_only", [_query_only, _opened_read_only], ids=["query_only", "mode_ro"]
)
def test_a_read_only_file_says_so_in_japanese_and_keeps_the_draft(
    workspace, officer, read_only, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    draft = typed_draft()
    as_typed = dataclasses.asdict(draft)
    before = table_counts(workspace.database)
    database = read_only(workspace)
    try:
        with pytest.raises(EnvironmentFaultError) as caught:
            log_consultation(database, officer, draft)
    finally:
        database.close()

    assert caught.value.problem is Problem.READ_ONLY
    assert str(caught.value).startswith("データの保存先に書き込む権限がありません。")
    assert dataclasses.asdict(draft) == as_typed

    # The folder is writable again (another program, or the same engine without the pragma).
    writable = Database(
        make_engine(f"sqlite+pysqlite:///{workspace.data_dir / DATABASE_FILE_NAME}"), None
    )
    try:
        assert table_counts(writable) == before
        log_consultation(writable, officer, draft)
        assert table_counts(writable)["consultation"] == 1
        assert_chain_verifies(writable)
        with writable.reading() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        writable.close()
