"""A ward at full size for the list and search scenarios: 1,000,000 consultations, 20,000 groups.

The demo generator writes a realistic ward year by year; at a million rows that takes too
long for a bench. So the demo database of the run (its offices, staff, persons, groups and
consultations) is copied and its rows are multiplied with raw sqlite ``executemany``: each
new consultation is a copy of a demo one (its memo text, date, office, staff, topics) with
a new id and, if it was about a group, a group drawn from all of them; each new group is a
demo group under a town's name (``豊玉北`` + ``子ども食堂ひまわり``). The search tables are
rebuilt at the end, as after any bulk write. Built once per run and scale, then shared.
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from pathlib import Path

from kyodo_desktop.bench.registry import BenchContext
from kyodo_desktop.rules import search_key
from kyodo_desktop.services.demo.places import TOWNS
from kyodo_desktop.services.workspace import DEMO_FOLDER_NAME
from kyodo_desktop.store.database import DATABASE_FILE_NAME
from kyodo_desktop.store.engine import make_engine, sqlite_url
from kyodo_desktop.store.search import index as search_index

CONSULTATIONS = 1_000_000  # at --scale 1
GROUPS = 20_000
CHUNK = 20_000
SEED = 5


def consultations_at(scale: float) -> int:
    return max(100, round(CONSULTATIONS * scale))


def groups_at(scale: float) -> int:
    return max(20, round(GROUPS * scale))


def large_ward(context: BenchContext) -> Path:
    """The folder of a database with the ward at the run's scale (built on first use)."""
    folder = context.work_dir / f"large-ward-{context.scale:g}"
    path = folder / DATABASE_FILE_NAME
    if not path.exists():
        source = context.demo_data_dir() / DEMO_FOLDER_NAME / DATABASE_FILE_NAME
        folder.mkdir(parents=True, exist_ok=True)
        building = folder / (DATABASE_FILE_NAME + ".building")
        copy_database(source, building)
        connection = sqlite3.connect(building, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=OFF")  # a throw-away file being built
            connection.execute("PRAGMA synchronous=OFF")
            connection.execute("PRAGMA cache_size=-524288")
            connection.execute("BEGIN")
            rng = random.Random(SEED)
            _more_groups(connection, rng, groups_at(context.scale))
            _more_consultations(connection, rng, consultations_at(context.scale))
            connection.execute("COMMIT")
            connection.execute("PRAGMA journal_mode=WAL")
        finally:
            connection.close()
        _rebuild_search(building)
        building.replace(path)
    return folder


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (the demo may have a WAL)."""
    reader = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]


def _more_groups(connection: sqlite3.Connection, rng: random.Random, wanted: int) -> None:
    columns = _columns(connection, "civic_group")
    source = connection.execute(f"SELECT {', '.join(columns)} FROM civic_group").fetchall()
    at = {name: i for i, name in enumerate(columns)}
    missing = wanted - len(source)
    insert = (
        f"INSERT INTO civic_group ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    )
    rows = []
    for n in range(max(0, missing)):
        row = list(source[n % len(source)])
        town = TOWNS[(n // len(source)) % len(TOWNS)]
        name, kana = town.name + row[at["name"]], town.kana + row[at["name_kana"]]
        row[at["id"]] = uuid.UUID(int=rng.getrandbits(128), version=4).hex
        row[at["name"]], row[at["name_kana"]] = name, kana
        row[at["name_key"]] = search_key(name + kana)
        office = rng.choice(source)[at["office_id"]]
        row[at["office_id"]] = office
        rows.append(row)
        if len(rows) >= CHUNK:
            connection.executemany(insert, rows)
            rows = []
    connection.executemany(insert, rows)


def _more_consultations(connection: sqlite3.Connection, rng: random.Random, wanted: int) -> None:
    columns = _columns(connection, "consultation")
    source = connection.execute(f"SELECT {', '.join(columns)} FROM consultation").fetchall()
    at = {name: i for i, name in enumerate(columns)}
    topics: dict[str, list[str]] = {}
    for consultation_id, topic_id in connection.execute(
        "SELECT consultation_id, topic_id FROM consultation_topic"
    ):
        topics.setdefault(consultation_id, []).append(topic_id)
    groups = [row[0] for row in connection.execute("SELECT id FROM civic_group")]
    insert = (
        f"INSERT INTO consultation ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    )
    insert_topic = "INSERT INTO consultation_topic (consultation_id, topic_id) VALUES (?, ?)"
    rows: list[list[object]] = []
    topic_rows: list[tuple[str, str]] = []
    for _ in range(max(0, wanted - len(source))):
        original = rng.choice(source)
        row = list(original)
        new_id = uuid.UUID(int=rng.getrandbits(128), version=4).hex
        row[at["id"]] = new_id
        if row[at["group_id"]] is not None:
            row[at["group_id"]] = rng.choice(groups)
        row[at["deleted_at"]] = None
        rows.append(row)
        topic_rows.extend((new_id, topic) for topic in topics.get(original[at["id"]], ()))
        if len(rows) >= CHUNK:
            connection.executemany(insert, rows)
            connection.executemany(insert_topic, topic_rows)
            rows, topic_rows = [], []
    connection.executemany(insert, rows)
    connection.executemany(insert_topic, topic_rows)


def _rebuild_search(path: Path) -> None:
    engine = make_engine(sqlite_url(path))
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("PRAGMA cache_size=-524288")
            search_index.rebuild(connection)
    finally:
        engine.dispose()
