"""A program that logs consultations in a loop, for the crash and contention tests.

    python tests/crash_writer.py DATA_DIR LOGIN_ID [--count N] [--tag TEXT]

It opens the workspace in DATA_DIR as the staff member LOGIN_ID and logs consultations
through `services.consultations.log.log_consultation`, the path the counter screen takes. After
each save returns (committed) it prints the consultation's id on a line of its own and
flushes, so that a test reading its output knows exactly which records were promised to the
officer. ``--count 0`` (the default) writes until it is killed; with ``--ready`` it says
"ready" once the workspace is open and waits for a line on stdin before it starts. A refusal (a ServiceError or
an environment fault) is printed to stderr with exit status 3: the tests look for
"database is locked" there, which must never reach an officer.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from itertools import count as counter
from pathlib import Path

from sqlalchemy import select

from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.errors import ServiceError
from kyodo_desktop.services.workspace import open_workspace
from kyodo_desktop.store.errors import EnvironmentFaultError
from kyodo_desktop.store.people import Staff
from kyodo_desktop.store.reference import Office


def acting_as(workspace, login_id: str) -> Actor:  # type: ignore[no-untyped-def]
    """The staff member as the services see them (no sign-in: the test made the account)."""
    with workspace.database.reading() as session:
        staff, office = session.execute(
            select(Staff, Office)
            .join(Office, Office.id == Staff.office_id)
            .where(Staff.login_id == login_id)
        ).one()
        return Actor(
            staff.id,
            staff.login_id,
            staff.name,
            StaffRole(staff.role),
            office.id,
            office.code,
            office.name,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("login_id")
    parser.add_argument("--count", type=int, default=0, help="consultations to log (0: forever)")
    parser.add_argument("--tag", default="writer", help="written into each consultation")
    parser.add_argument(
        "--ready",
        action="store_true",
        help='print "ready" once open, then wait for a line on stdin',
    )
    args = parser.parse_args(argv)

    workspace = open_workspace(args.data_dir)
    try:
        actor = acting_as(workspace, args.login_id)
        if args.ready:  # lets a test start two writers at the same moment
            print("ready", flush=True)
            sys.stdin.readline()
        numbers = range(1, args.count + 1) if args.count else counter(1)
        for n in numbers:
            draft = ConsultationDraft(
                occurred_on=date.today(),
                channel="counter",
                asked=f"{args.tag} の相談 {n}：ＮＰＯ法人の設立について。" + "詳しく。" * (n % 50),
                answered="設立の流れを説明した。",
                topic_codes=("npo_procedure",),
            )
            try:
                consultation_id = log_consultation(workspace.database, actor, draft)
            except ServiceError as error:
                print(f"crash_writer: {error}", file=sys.stderr, flush=True)
                return 3
            except EnvironmentFaultError as error:  # with SQLite's own words, for the tests
                print(f"crash_writer: {error} ({error.detail})", file=sys.stderr, flush=True)
                return 3
            print(consultation_id, flush=True)
    finally:
        workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
