"""Bad input to every service and every search box: a plain refusal, never a crash or half a write.

For every service registered with `@service` (services/core.py, `SERVICES`), Hypothesis
draws its arguments from the annotations of the use case ``fn(uow, ...)`` and calls it on
a copy of the demo workspace as an officer whose role allows it (the counter officer when
the role allows, otherwise the head office or the administrator). Each call must either
return or raise a `ServiceError` whose message is a Japanese sentence; when it raises, every
table (and the audit trail) is as it was; when it returns having changed a row, the audit
trail has grown; and at the end the audit chain still verifies.

How a service joins: register it with ``@service(name, permission, input_type=Draft)`` in a
module under ``kyodo_desktop.services`` (every such module is imported here). Nothing else is
needed when its parameters are annotated with the types below; the draft a person fills in
is a dataclass (named by ``input_type``), drawn field by field. A parameter of another type
makes `test_every_registered_service_can_be_fuzzed` fail and say which: give the service a
draft dataclass instead. A service whose every valid call is slow by design (an argon2
hash) is listed in `FEW_EXAMPLES`, with the reason, and is fuzzed with fewer examples.

What is drawn, per annotation and half the time "plausible", half the time hostile:
``str``: text the database holds in a column of the same name (a channel, a role), codes
for ``*_code`` / ``*_codes`` (an office, a topic, a department), ordinary Japanese and ASCII
text; or full-width text, emoji and joiners, NUL and control characters, SQL quotes, text
longer than any limit, unknown codes. ``uuid.UUID``: ids of rows of the table a ``*_id``
name points at, ids of any other table, random UUIDs. ``date``: the years the ward's records
cover, or any date from year 1 to 9999 (and datetimes). ``int``: small numbers and extremes.

Search boxes: a search that is a service (a ``query: str`` parameter) joins by registering, like any other; a search function that is not
a service goes into `SEARCH_BOXES` as ``fn(database, actor, typed_text)``: the screens' search
boxes and the pickers of the consultation form.
"""

from __future__ import annotations

import dataclasses
import enum
import importlib
import inspect
import pkgutil
import re
import sqlite3
import tempfile
import types
import typing
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import Integer, String, select, text

import kyodo_desktop.services
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.applications.entitlements import what_group_could_receive
from kyodo_desktop.services.consultations.askers import find_persons
from kyodo_desktop.services.core import SERVICES, ServiceInfo
from kyodo_desktop.services.errors import ServiceError
from kyodo_desktop.services.permissions import allows
from kyodo_desktop.store.audit import trail as audit_trail
from kyodo_desktop.store.base import Base
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.filters import (
    ApplicationFilter,
    CaseFilter,
    ConsultationFilter,
    GroupFilter,
)


def _import_every_service_module() -> None:
    package = kyodo_desktop.services
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)


_import_every_service_module()

EXAMPLES = 50
# Services whose every valid call costs an argon2 hash or check (about 0.1 s by design).
FEW_EXAMPLES = {
    "installation.set_up": "a valid draft hashes the first administrator's password",
    "staff.sign_in": "every attempt, right or wrong, costs one argon2 check",
    "staff.change_password": "the current password is checked with argon2",
    "staff.set_password": "a valid password is hashed with argon2",
    "print.batch": "a valid programme and 年度 render every application of it",
}
FEW = 8

SEARCH_BOXES: dict[str, Callable[[Database, Actor, str], object]] = {
    # The search boxes of the screens, as the screens ask (count and the first page).
    "consultations": lambda database, actor, typed: _count_and_page(
        browse.consultations(database, actor, ConsultationFilter(text=typed))
    ),
    "groups": lambda database, actor, typed: _count_and_page(
        browse.groups(database, actor, GroupFilter(text=typed, active=None))
    ),
    "person_picker": lambda database, actor, typed: find_persons(database, actor, typed),
    "cases": lambda database, actor, typed: _count_and_page(
        browse.cases(database, actor, CaseFilter(text=typed))
    ),
    "applications": lambda database, actor, typed: _count_and_page(
        browse.applications(database, actor, ApplicationFilter(text=typed))
    ),
    "group_entitlements": lambda database, actor, typed: _entitlements(database, actor, typed),
}


def _entitlements(database: Database, actor: Actor, typed: str) -> object:
    """What a group could receive, for a group found by the typed text (any 年度 typed too)."""
    found = browse.groups(database, actor, GroupFilter(text=typed, active=None)).page(0, 1)
    if not found:
        return None
    digits = "".join(ch for ch in typed if ch.isdigit())[:4]
    year = int(digits) if digits else 2026
    try:
        return what_group_could_receive(database, actor, found[0].id, year)
    except ServiceError:
        return None


def _count_and_page(browser: browse.Browser) -> object:
    return browser.count(), browser.page(0, 20)


JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")
TODAY = date.today()
# The folder a service that reads or writes files is given (data folder, target folder).
FUZZ_FOLDER = Path(tempfile.mkdtemp(prefix="kyodo-fuzz-"))
FIRST_DAY = date(2006, 4, 1)  # the ward's records begin with FY2006 (平成18年度)

HOSTILE_TEXTS = [
    "",
    " ",
    "\u3000",  # a full-width space
    "\x00",
    "相談\x00内容",
    "'",
    "' OR '1'='1",
    "'); DROP TABLE consultation; --",
    '"; DELETE FROM staff; --',
    "\\",
    "%_%",
    "NULL",
    "ＮＰＯ法人　ねりま",
    "髙橋 𠮷野 﨑",
    "🎌🙇‍♀️👨‍👩‍👧‍👦",
    "\u200b\u200d\ufeff",
    "\u202eevil",
    "ｶﾀｶﾅ①②Ⅲ㈱",
    "\r\n\t",
    "x" * 10_001,
    "相" * 10_000,
    "🎌" * 5_001,
    "zz99",  # an unknown code
    "-1",
]


class UnfuzzableError(TypeError):
    """A parameter whose type the harness draws nothing for."""


class Known:
    """What the database holds, so that drawn input meets real rows, codes and words.

    ``ids``: per table, rows the acting officer may open (their office's, where rows have
    one); ``other_ids``: rows of any office. ``vocabulary``: per column name, the values of a
    column that holds few (a channel, a role); ``values``: other text and numbers it holds.
    """

    VOCABULARY_SIZE = 12

    def __init__(self, database: Database | None, office_id: uuid.UUID | None = None) -> None:
        self.ids: dict[str, list[uuid.UUID]] = {}
        self.other_ids: list[uuid.UUID] = []
        self.codes: dict[str, list[str]] = {}
        self.vocabulary: dict[str, set[object]] = {}
        self.values: dict[str, set[object]] = {}
        if database is None:
            return
        with database.reading() as session:
            for table in Base.metadata.sorted_tables:
                if table.name == "audit_entry":
                    continue
                if "id" in table.c:
                    query = select(table.c.id).limit(30)
                    self.other_ids += session.scalars(query)
                    if "office_id" in table.c:
                        query = query.where(table.c.office_id == office_id)
                    self.ids[table.name] = list(session.scalars(query))
                if "code" in table.c:
                    self.codes[table.name] = list(session.scalars(select(table.c.code)))
                for column in table.c:
                    if column.name in {"id", "code"} or column.foreign_keys:
                        continue
                    if not isinstance(column.type, String | Integer):
                        continue
                    found = set(session.scalars(select(column).distinct().limit(40))) - {None}
                    few = len(found) <= self.VOCABULARY_SIZE and not column.unique
                    kind = self.vocabulary if few else self.values
                    kind.setdefault(column.name, set()).update(found)

    @staticmethod
    def _points_at(stem: str, table: str) -> bool:
        return bool(stem) and (stem.endswith(table) or table.endswith(stem))

    def ids_for(self, name: str) -> list[uuid.UUID]:
        stem = name.removesuffix("_id")
        return [i for t, ids in self.ids.items() if self._points_at(stem, t) for i in ids]

    def codes_for(self, name: str) -> list[str]:
        stem = name.removesuffix("s").removesuffix("_code")
        codes = [c for t, cs in self.codes.items() if self._points_at(stem, t) for c in cs]
        return sorted(codes or {c for cs in self.codes.values() for c in cs})

    def plausible(self, name: str, kind: type, otherwise: st.SearchStrategy) -> st.SearchStrategy:
        """Codes for a code, a vocabulary's words, else the column's values or `otherwise`."""
        if kind is str and name.removesuffix("s").endswith("_code"):
            return st.sampled_from(self.codes_for(name))
        singular = name.removesuffix("s")
        words = sorted(
            v
            for v in self.vocabulary.get(name, set()) | self.vocabulary.get(singular, set())
            if type(v) is kind
        )
        if words:
            return st.sampled_from(words)
        held = sorted(v for v in self.values.get(name, set()) if type(v) is kind)
        return st.one_of(st.sampled_from(held), otherwise) if held else otherwise


ORDINARY_TEXT = st.one_of(
    st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=2, max_size=20),
    st.text("あいうえおかきくけこ相談団体設立会計ＮＰＯ　、。", min_size=1, max_size=60),
)
HOSTILE_TEXT = st.one_of(
    st.sampled_from(HOSTILE_TEXTS),
    st.text(max_size=200),
    st.text(st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E), max_size=40),
    st.text(st.characters(categories=["Cc", "Cf", "Zs", "So"]), max_size=20),
)


def _optional_parts(annotation: Any) -> tuple[bool, Any]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        parts = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(parts) == 1 and len(parts) < len(typing.get_args(annotation)):
            return True, parts[0]
    return False, annotation


def strategy(annotation: Any, name: str, known: Known, *, hostile: bool) -> st.SearchStrategy:
    """What to draw for a parameter or field `name` of this type."""
    optional, annotation = _optional_parts(annotation)
    if optional:
        return st.one_of(st.none(), strategy(annotation, name, known, hostile=hostile))
    if typing.get_origin(annotation) is tuple:
        args = typing.get_args(annotation)
        if len(args) == 2 and args[1] is Ellipsis:
            item = strategy(args[0], name, known, hostile=hostile)
            return st.lists(item, max_size=3 if not hostile else 6).map(tuple)
        raise UnfuzzableError(f"{name}: {annotation}")
    if annotation is str:
        plausible = known.plausible(name, str, ORDINARY_TEXT)
        return st.one_of(plausible, HOSTILE_TEXT) if hostile else plausible
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        plausible_int = known.plausible(name, int, st.integers(0, 200))
        if not hostile:
            return plausible_int
        return st.one_of(
            plausible_int,
            st.integers(),
            st.sampled_from([0, -1, 2**31, 2**63, -(2**63) - 1, 2**64]),
        )
    if annotation is date:
        plausible_date = st.dates(FIRST_DAY, TODAY)
        if not hostile:
            return plausible_date
        return st.one_of(
            plausible_date,
            st.dates(),
            st.sampled_from([FIRST_DAY - timedelta(days=1), TODAY + timedelta(days=1)]),
            st.datetimes(),
        )
    if annotation is uuid.UUID:
        pointed = known.ids_for(name)
        plausible_id = st.sampled_from(pointed) if pointed else st.uuids()
        if not hostile:
            return plausible_id
        return st.one_of(plausible_id, st.uuids(), st.sampled_from(known.other_ids))
    if annotation is Path:
        # A folder of the run's own (empty: no keys, nothing to read), or one that is not there.
        plausible_path = st.just(FUZZ_FOLDER)
        if not hostile:
            return plausible_path
        return st.one_of(plausible_path, st.just(FUZZ_FOLDER / "missing"), st.just(Path("")))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        members = st.sampled_from(list(annotation))  # a form, a role: one of its members
        return st.one_of(members, HOSTILE_TEXT) if hostile else members
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        hints = typing.get_type_hints(annotation)
        fields = {
            f.name: strategy(hints[f.name], f.name, known, hostile=hostile)
            for f in dataclasses.fields(annotation)
            if f.init
        }
        return st.builds(annotation, **fields)
    raise UnfuzzableError(f"{name}: {annotation}")


@dataclasses.dataclass(frozen=True)
class Parameter:
    name: str
    annotation: Any
    keyword: bool


def parameters(info: ServiceInfo) -> list[Parameter]:
    """The parameters a caller must give the use case ``fn(uow, ...)``, after the uow."""
    use_case = info.function.__wrapped__  # type: ignore[attr-defined]
    hints = typing.get_type_hints(use_case)
    found = []
    for parameter in list(inspect.signature(use_case).parameters.values())[1:]:
        if parameter.default is not inspect.Parameter.empty:
            continue  # an option the caller may leave out
        keyword = parameter.kind is inspect.Parameter.KEYWORD_ONLY
        found.append(Parameter(parameter.name, hints[parameter.name], keyword))
    return found


def calls(info: ServiceInfo, known: Known) -> st.SearchStrategy:
    """Drawn (args, kwargs) for a service: all plausible, or each part plausible or hostile."""

    def call(hostile: bool) -> st.SearchStrategy:
        drawn = [
            (p, strategy(p.annotation, p.name, known, hostile=hostile)) for p in parameters(info)
        ]
        args = st.tuples(*[s for p, s in drawn if not p.keyword])
        kwargs = st.fixed_dictionaries({p.name: s for p, s in drawn if p.keyword})
        return st.tuples(args, kwargs)

    return st.one_of(call(False), call(True))


class Watch:
    """A connection of its own on the database, which sees every commit anyone makes to it.

    On SQLite, ``data_version`` changes whenever another connection commits a change, so a
    refused call that left it as it was wrote nothing at all, not even half of something.
    On the server, each table's count and the sum of its rows' ``xmin`` (the transaction that
    wrote each row version) make a digest that any committed insert, update or delete
    changes: a refused call must leave every table's digest as it was.
    """

    def __init__(self, database: Database) -> None:
        self._database = database
        self._connection = (
            sqlite3.connect(f"file:{database.path}?mode=ro", uri=True) if database.path else None
        )

    def state(self) -> tuple[object, int]:
        """(what changes with any commit, the last audit entry's number)."""
        if self._connection is not None:
            version = self._connection.execute("PRAGMA data_version").fetchone()[0]
            last = self._connection.execute("SELECT max(seq) FROM audit_entry").fetchone()[0]
            return version, last or 0
        with self._database.engine.connect() as connection:
            digest = tuple(
                tuple(
                    connection.execute(
                        text(
                            f"SELECT count(*), coalesce(sum(xmin::text::bigint), 0) "
                            f"FROM {table.name}"
                        )
                    ).one()
                )
                for table in Base.metadata.sorted_tables
            )
            last = connection.execute(text("SELECT max(seq) FROM audit_entry")).scalar()
        return digest, last or 0

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()


def assert_plain(error: ServiceError) -> None:
    assert error.message.strip(), f"{type(error).__name__} without a message"
    assert JAPANESE.search(error.message), f"not a Japanese sentence: {error.message!r}"


def acting_for(info: ServiceInfo, workspace, actor_factory) -> Actor:  # type: ignore[no-untyped-def]
    """The counter officer when their role allows the service, else who may."""
    if allows(workspace.actor, info.permission):
        return workspace.actor
    for role in (StaffRole.HEAD_OFFICE, StaffRole.ADMIN):
        actor = actor_factory(workspace, "01", role, f"試験用の{role.label}")
        if allows(actor, info.permission):
            return actor
    raise AssertionError(f"no role may call {info.name}")


def test_every_registered_service_can_be_fuzzed() -> None:
    assert "consultation.log" in SERVICES
    assert set(FEW_EXAMPLES) <= set(SERVICES), "FEW_EXAMPLES names a service that is gone"
    for info in SERVICES.values():
        given_types = [p.annotation for p in parameters(info)]
        try:
            calls(info, Known(None))
        except UnfuzzableError as error:
            pytest.fail(f"{info.name}: nothing to draw for {error}; give it a draft dataclass")
        if info.input_type is not None:
            assert info.input_type in given_types, f"{info.name} does not take its input_type"


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_bad_input_to_a_service_is_refused_plainly_and_saves_nothing_half_way(
    name, demo_workspace, actor_factory
) -> None:  # type: ignore[no-untyped-def]
    info = SERVICES[name]
    database = demo_workspace.database
    actor = acting_for(info, demo_workspace, actor_factory)
    drawn = calls(info, Known(database, actor.office_id))
    outcomes: Counter[str] = Counter()
    watch = Watch(database)

    @settings(
        max_examples=FEW if name in FEW_EXAMPLES else EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(drawn)
    def call_once(call: tuple[tuple[object, ...], dict[str, object]]) -> None:
        args, kwargs = call
        version, last_entry = watch.state()
        try:
            info.function(database, actor, *args, **kwargs)
        except ServiceError as error:
            outcomes["refused"] += 1
            event(f"refused: {type(error).__name__}")
            assert_plain(error)
            assert watch.state() == (version, last_entry), "a refused call committed something"
        else:
            outcomes["done"] += 1
            event("done")
            new_version, new_last_entry = watch.state()
            if new_version != version:
                assert new_last_entry > last_entry, "a call committed without an audit entry"

    try:
        call_once()
    finally:
        watch.close()
    assert sum(outcomes.values()) > 0
    with database.reading() as session:
        _checked, broken = audit_trail.verify(session)
    assert broken is None, broken


@pytest.mark.parametrize("name", sorted(SEARCH_BOXES))
def test_whatever_is_typed_into_a_search_box_is_answered_and_changes_nothing(
    name, demo_workspace
) -> None:  # type: ignore[no-untyped-def]
    search = SEARCH_BOXES[name]
    database = demo_workspace.database
    watch = Watch(database)
    before = watch.state()

    @settings(max_examples=20, deadline=None, database=None)
    @given(st.one_of(ORDINARY_TEXT, HOSTILE_TEXT))
    def type_and_search(typed: str) -> None:
        try:
            search(database, demo_workspace.actor, typed)
        except ServiceError as error:
            assert_plain(error)
        assert watch.state() == before, "a search wrote to the file"

    try:
        type_and_search()
    finally:
        watch.close()
