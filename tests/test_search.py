"""Full-text substring search over consultations and groups: what an officer types finds it.

The search index (FTS5 over bigrams, store/search/index.py) must give exactly what a
plain substring test of the folded keys gives, for any text, and follow every save.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import or_, select, text

from kyodo_desktop.rules import search_key
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.consultations.askers import find_persons
from kyodo_desktop.services.consultations.log import (
    ConsultationDraft,
    change_consultation,
    delete_consultation,
    get_consultation,
    log_consultation,
)
from kyodo_desktop.store import listings, migrate, paging
from kyodo_desktop.store.audit.trail import AuditContext
from kyodo_desktop.store.filters import ConsultationFilter, FollowUp, GroupFilter
from kyodo_desktop.store.models import Consultation, Group, Office, Person
from kyodo_desktop.store.search import index as search_index
from kyodo_desktop.store.search.text import contains

HOSTILE = [
    '"',
    "'",
    '"" OR 1=1 --',
    "a OR b",
    "NEAR(a b)",
    "会 AND 計",
    "*",
    "^会",
    "{memo}: 会",
    "grp : 町会",
    "office:o01",
    "%",
    "_",
    "\\",
    "'); DROP TABLE consultation; --",
    "😀",
    "👨‍👩‍👧",
    "\ud800",
    "会\udfff計",
    "   ",
    "\u3000",
    "",
    "ﾞ",
    "x" * 500,
]

MEMOS = [
    ("練馬区の町会の会計について相談したい。", "会計報告の様式を渡した。"),
    ("町内会の役員の決め方を知りたい。", ""),
    ("ネリマ祭りの助成金を申請したい。", "申請書の書き方を説明した。"),
    ("ねりまの子ども食堂を始めたい。", "活動場所を案内した。"),
    ("NPO法人の設立手続きについて。", "手引きを渡した。"),
    ("会", ""),
    ("50% の補助_率を知りたい", '\\ と " を含む回答'),
]


def _draft(asked: str, answered: str = "", **fields) -> ConsultationDraft:  # type: ignore[no-untyped-def]
    return ConsultationDraft(
        occurred_on=fields.pop("occurred_on", date(2026, 11, 2)),
        channel="counter",
        asked=asked,
        answered=answered,
        **fields,
    )


def _add_group(workspace, name: str, kana: str, office_code: str = "01") -> uuid.UUID:  # type: ignore[no-untyped-def]
    """A group written through the ORM, as any group service would (the hook is the store's)."""
    with workspace.database.transaction(AuditContext(None, office_code)) as session:
        office = session.scalars(select(Office).where(Office.code == office_code)).one()
        group = Group(
            id=uuid.uuid4(),
            name=name,
            name_kana=kana,
            name_key=search_key(name + kana),
            kind="volunteer",
            office_id=office.id,
        )
        session.add(group)
        return group.id


def _rename_group(workspace, group_id: uuid.UUID, name: str, kana: str) -> None:  # type: ignore[no-untyped-def]
    with workspace.database.transaction(AuditContext(None, "01")) as session:
        group = session.get(Group, group_id)
        group.name, group.name_kana = name, kana
        group.name_key = search_key(name + kana)


@pytest.fixture
def counter(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return actor_factory(workspace, "01", StaffRole.COUNTER)


@pytest.fixture
def head_office(workspace, actor_factory):  # type: ignore[no-untyped-def]
    return actor_factory(workspace, "01", StaffRole.HEAD_OFFICE)


def _found(workspace, actor, typed: str, **fields) -> set[uuid.UUID]:  # type: ignore[no-untyped-def]
    browser = browse.consultations(
        workspace.database, actor, ConsultationFilter(text=typed, **fields)
    )
    rows = browser.page(0, 10_000)
    assert browser.count() == len(rows)
    return {row.id for row in rows}


def _log_all(workspace, actor) -> dict[str, uuid.UUID]:  # type: ignore[no-untyped-def]
    return {
        asked: log_consultation(workspace.database, actor, _draft(asked, answered))
        for asked, answered in MEMOS
    }


def test_one_two_and_more_characters_find_exact_substrings(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    ids = _log_all(workspace, counter)
    kai = {ids[a] for a, b in MEMOS if "会" in a + b}
    assert _found(workspace, counter, "会") == kai
    # 町会 is in the first memo only: 町内会 has the same characters, not next to each other.
    assert _found(workspace, counter, "町会") == {ids[MEMOS[0][0]]}
    assert _found(workspace, counter, "区の町会の") == {ids[MEMOS[0][0]]}
    # Across what was asked and what was answered: the key is asked + answered.
    assert _found(workspace, counter, "したい。会計報告") == {ids[MEMOS[0][0]]}
    assert _found(workspace, counter, "会計について相談したくない") == set()
    assert _found(workspace, counter, "%") == {ids[MEMOS[6][0]]}
    assert _found(workspace, counter, "_率") == {ids[MEMOS[6][0]]}
    assert _found(workspace, counter, '\\ と "') == {ids[MEMOS[6][0]]}


def test_width_case_and_kana_are_folded(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    ids = _log_all(workspace, counter)
    nerima = {ids[MEMOS[2][0]], ids[MEMOS[3][0]]}
    assert _found(workspace, counter, "ﾈﾘﾏ") == nerima
    assert _found(workspace, counter, "ねりま") == nerima
    assert _found(workspace, counter, "ネリマ") == nerima
    assert _found(workspace, counter, "ｎｐｏ法人") == {ids[MEMOS[4][0]]}
    assert _found(workspace, counter, "Npo 法人") == {ids[MEMOS[4][0]]}


def test_the_name_of_the_group_finds_its_consultations(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    group_id = _add_group(workspace, "豊玉北ひまわり食堂", "トヨタマキタヒマワリショクドウ")
    mine = log_consultation(workspace.database, counter, _draft("運営の相談。", group_id=group_id))
    other = log_consultation(workspace.database, counter, _draft("運営の相談。"))
    assert _found(workspace, counter, "ひまわり") == {mine}
    assert _found(workspace, counter, "ﾋﾏﾜﾘｼｮｸﾄﾞｳ") == {mine}  # the reading, typed half-width
    assert _found(workspace, counter, "運営") == {mine, other}
    groups = browse.groups(workspace.database, counter, GroupFilter(text="ひまわり"))
    assert [row.id for row in groups.page(0, 10)] == [group_id]

    _rename_group(workspace, group_id, "豊玉北あさがお食堂", "トヨタマキタアサガオショクドウ")
    assert _found(workspace, counter, "ひまわり") == set()
    assert _found(workspace, counter, "あさがお") == {mine}
    assert browse.groups(workspace.database, counter, GroupFilter(text="ひまわり")).count() == 0
    assert browse.groups(workspace.database, counter, GroupFilter(text="あさがお")).count() == 1


def test_the_index_follows_changes_and_deleted_rows_never_match(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    first = log_consultation(workspace.database, counter, _draft("会計の相談。"))
    second = log_consultation(workspace.database, counter, _draft("会計と広報の相談。"))
    assert _found(workspace, counter, "会計") == {first, second}

    view = get_consultation(workspace.database, counter, first)
    change_consultation(
        workspace.database,
        counter,
        first,
        _draft("広報紙の作り方。", occurred_on=date(2025, 4, 1)),
        row_version=view.row_version,
    )
    assert _found(workspace, counter, "会計") == {second}
    assert _found(workspace, counter, "広報") == {first, second}
    fy2025 = {"date_from": date(2025, 4, 1), "date_to": date(2026, 3, 31)}
    assert _found(workspace, counter, "広報", **fy2025) == {first}

    delete_consultation(workspace.database, counter, second)
    assert _found(workspace, counter, "広報") == {first}
    assert _found(workspace, counter, "会計") == set()


def test_office_scope_and_filters_narrow_a_search(
    workspace, counter, head_office, actor_factory
) -> None:  # type: ignore[no-untyped-def]
    other_office = actor_factory(workspace, "02", StaffRole.COUNTER)
    here = log_consultation(workspace.database, counter, _draft("助成金の相談。"))
    there = log_consultation(workspace.database, other_office, _draft("助成金の相談。"))
    phone = log_consultation(
        workspace.database, counter, ConsultationDraft(date(2026, 11, 3), "phone", "助成金の電話。")
    )
    assert _found(workspace, counter, "助成金") == {here, phone}
    assert _found(workspace, other_office, "助成金") == {there}
    assert _found(workspace, head_office, "助成金") == {here, there, phone}
    assert _found(workspace, head_office, "助成金", office_id=other_office.office_id) == {there}
    assert _found(workspace, head_office, "助成金", channel="phone") == {phone}
    assert _found(workspace, counter, "助成金", office_id=other_office.office_id) == set()


@pytest.mark.parametrize("typed", HOSTILE)
def test_whatever_is_typed_never_raises(workspace, counter, typed: str) -> None:  # type: ignore[no-untyped-def]
    _log_all(workspace, counter)
    found = _found(workspace, counter, typed)
    assert found == _reference(workspace, typed)
    groups = browse.groups(workspace.database, counter, GroupFilter(text=typed, active=None))
    assert groups.count() == len(groups.page(0, 100))


def _reference(workspace, typed: str) -> set[uuid.UUID]:  # type: ignore[no-untyped-def]
    """What a plain substring test of the folded keys finds (every live row, any office).

    Nothing but spaces is no search at all: the whole list.
    """
    key = search_key(typed)
    if typed.strip() and not key:
        return set()
    with workspace.database.reading() as session:
        groups = {
            group_id
            for group_id, name_key in session.execute(
                select(Group.id, Group.name_key).where(Group.deleted_at.is_(None))
            )
            if key in name_key
        }
        return {
            consultation_id
            for consultation_id, text_key, group_id in session.execute(
                select(Consultation.id, Consultation.text_key, Consultation.group_id).where(
                    Consultation.deleted_at.is_(None)
                )
            )
            if key in text_key or group_id in groups
        }


def _like_path(workspace, typed: str) -> set[uuid.UUID]:  # type: ignore[no-untyped-def]
    """The LIKE scan other engines use, run on this database."""
    groups = select(Group.id).where(Group.deleted_at.is_(None), contains(Group.name_key, typed))
    with workspace.database.reading() as session:
        return set(
            session.scalars(
                select(Consultation.id).where(
                    Consultation.deleted_at.is_(None),
                    or_(contains(Consultation.text_key, typed), Consultation.group_id.in_(groups)),
                )
            )
        )


ALPHABET = [
    *"練馬区町内会計のねりまネリマﾈﾘﾏﾞ子ども食堂助成金NPOnpo法人%_\\\"'*:^(){}- \u3000。",
    "😀",
    "\u0301",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=st.text(alphabet=st.sampled_from(ALPHABET) | st.characters(), max_size=6))
def test_any_text_finds_what_the_like_scan_finds(workspace, head_office, typed: str) -> None:  # type: ignore[no-untyped-def]
    if not getattr(workspace, "_search_rows", False):
        group_id = _add_group(workspace, "ねりま子ども食堂", "ネリマコドモショクドウ")
        for asked, answered in MEMOS:
            log_consultation(workspace.database, head_office, _draft(asked, answered))
        log_consultation(workspace.database, head_office, _draft("食堂の相談", group_id=group_id))
        gone = log_consultation(workspace.database, head_office, _draft("削除した会計の相談"))
        delete_consultation(workspace.database, head_office, gone)
        workspace._search_rows = True
    found = _found(workspace, head_office, typed)
    assert found == _reference(workspace, typed)
    if typed.strip() and not any("\ud800" <= ch <= "\udfff" for ch in typed):
        assert found == _like_path(workspace, typed)


def test_the_last_pages_read_backwards_equal_the_forward_pages(
    workspace, counter, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    for n in range(23):
        day = date(2026, 1 + n % 11, 1 + n % 3)  # several on one day: ties in the order
        log_consultation(workspace.database, counter, _draft(f"会計の相談 {n}", occurred_on=day))
    for typed in ("", "会計", "相談 1"):
        wanted = ConsultationFilter(text=typed)
        listing = listings.ConsultationListing(None, wanted)
        with workspace.database.reading() as session:
            forward = listing.page(session, 0, 1000)
            monkeypatch.setattr(paging, "REVERSE_FROM", 1)
            pages = [row for offset in range(0, 30, 4) for row in listing.page(session, offset, 4)]
            assert listing.page(session, len(forward), 4) == []
            monkeypatch.setattr(paging, "REVERSE_FROM", 1000)
        assert pages == forward
        days = [row.occurred_on for row in forward]
        assert days == sorted(days, reverse=True)


def test_rebuilding_the_index_gives_what_the_saves_kept(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    ids = _log_all(workspace, counter)
    delete_consultation(workspace.database, counter, ids[MEMOS[0][0]])
    queries = ["会", "会計", "ねりま", "町内会", "手引き"]
    before = [_found(workspace, counter, q) for q in queries]
    with workspace.database.transaction() as session:
        search_index.rebuild(session.connection())
    assert [_found(workspace, counter, q) for q in queries] == before


def test_the_migration_indexes_the_rows_already_there(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    ids = _log_all(workspace, counter)
    migrate.downgrade(workspace.database.engine, "0002")
    migrate.upgrade(workspace.database.engine)
    assert _found(workspace, counter, "ねりま") == {ids[MEMOS[2][0]], ids[MEMOS[3][0]]}


@pytest.mark.sqlite_only  # SQLite's query plans
def test_the_newest_first_pages_need_no_sort(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    """The live-row indexes give the list's order: no temporary B-tree, no full scan."""
    with workspace.database.engine.connect() as connection:
        for office_id in (None, counter.office_id):
            listing = listings.ConsultationListing(office_id, ConsultationFilter())
            page = listing.queries(None).page.limit(50)  # type: ignore[arg-type] # the keys
            compiled = page.compile(connection, compile_kwargs={"literal_binds": True})
            plan = " | ".join(
                row[3] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
            )
            assert "TEMP B-TREE" not in plan
            assert "ix_consultation_" in plan


@given(typed=st.text(max_size=40))
def test_the_fts_query_is_made_only_of_our_own_tokens(typed: str) -> None:
    """Nothing typed reaches FTS5's query syntax: only hex digits, spaces, quotes and '*'."""
    expression = search_index.phrase(typed)
    if expression is not None:
        assert set(expression) <= set('0123456789abcdef "*')
        assert expression.count('"') == 2


def test_the_server_reads_its_own_index_and_any_other_engine_the_like_path() -> None:
    """PostgreSQL's statements match its arrays of tokens; an engine with neither index
    (MySQL here, as an example of any other) compiles the same listing to LIKE."""
    from sqlalchemy.dialects import mysql, postgresql

    wanted = ConsultationFilter(text="会計")
    # What the listings give a session on another engine (the base class's statements).
    for listing, table in (
        (listings.ConsultationListing(None, wanted), "consultation_search"),
        (listings.GroupListing(GroupFilter(text="会計")), "civic_group_search"),
    ):
        query = listings.Listing.queries(listing, None).page  # type: ignore[arg-type]
        served = str(query.compile(dialect=postgresql.dialect()))
        assert f"FROM {table}" in served and "tokens @> ARRAY['004f1a008a08']" in served
        assert "MATCH" not in served and "LIKE" not in served
        scanned = str(query.compile(dialect=mysql.dialect()))
        assert "LIKE" in scanned
        assert "MATCH" not in scanned and "_search" not in scanned


def _add_person(workspace, name: str, kana: str, *, anonymised_on: date | None = None) -> uuid.UUID:  # type: ignore[no-untyped-def]
    with workspace.database.transaction(AuditContext(None, "01")) as session:
        person = Person(
            id=uuid.uuid4(),
            name=name,
            name_kana=kana,
            name_key=search_key(name + kana),
            anonymised_on=anonymised_on,
        )
        session.add(person)
        return person.id


def test_the_person_picker_never_offers_an_anonymised_person(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    named = _add_person(workspace, "匿名川 花子", "トクナガワ ハナコ")
    purged = _add_person(workspace, "匿名（保存期間経過）", "", anonymised_on=date(2026, 4, 1))
    offered = find_persons(workspace.database, counter, "匿名")
    assert [match.id for match in offered] == [named]
    assert purged not in {m.id for m in find_persons(workspace.database, counter, "")}


def _plan(connection, query) -> str:  # type: ignore[no-untyped-def]
    compiled = query.compile(connection, compile_kwargs={"literal_binds": True})
    return " | ".join(row[3] for row in connection.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))


@pytest.mark.sqlite_only  # SQLite's query plans
def test_each_filter_reads_its_own_index(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    """Officer, channel, follow-ups and topic each start from an index, never a full scan."""
    office = counter.office_id
    pending = ConsultationFilter(follow_up=FollowUp.DUE_OR_OVERDUE)
    cases = [
        (None, ConsultationFilter(staff_id=counter.staff_id), "ix_consultation_staff_newest"),
        (None, ConsultationFilter(channel="phone"), "ix_consultation_channel_newest"),
        (office, ConsultationFilter(channel="phone"), "ix_consultation_office_channel_newest"),
    ]
    with workspace.database.reading() as session:
        connection = session.connection()
        for office_id, wanted, index in cases:
            queries = listings.ConsultationListing(office_id, wanted).queries(session)
            for query in (queries.count, queries.page.limit(50)):
                plan = _plan(connection, query)
                assert index in plan and "TEMP B-TREE" not in plan, plan
        for office_id, index in (
            (None, "ix_consultation_follow_up"),
            (office, "ix_consultation_office_follow_up"),
        ):
            queries = listings.FollowUpListing(office_id, pending).queries(session)
            plan = _plan(connection, queries.page.limit(500))
            assert index in plan and "TEMP B-TREE" not in plan, plan
        topic = ConsultationFilter(topic_code="accounting")
        for office_id in (None, office):
            queries = listings.ConsultationListing(office_id, topic).queries(session)
            plan = _plan(connection, queries.page.limit(50))  # newest first, probing the pairs
            assert "TEMP B-TREE" not in plan and "ix_consultation_" in plan, plan
        count = listings.ConsultationListing(office, topic).queries(session).count
        assert "ix_consultation_topic_topic" in _plan(connection, count)


def test_a_topic_s_count_leaves_out_deleted_consultations(workspace, counter) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.consultations.log import delete_consultation

    tagged = [
        log_consultation(
            workspace.database, counter, _draft(f"会計 {n}", topic_codes=("accounting",))
        )
        for n in range(4)
    ]
    log_consultation(workspace.database, counter, _draft("別の分類", topic_codes=("funding",)))
    delete_consultation(workspace.database, counter, tagged[0])
    for office_id in (None, counter.office_id):  # the pairs less the tombstones; the lookups
        listing = listings.ConsultationListing(
            office_id, ConsultationFilter(topic_code="accounting")
        )
        with workspace.database.reading() as session:
            assert listing.count(session) == 3
            assert {row.id for row in listing.page(session, 0, 50)} == set(tagged[1:])


def test_tokens_keep_nothing_per_text() -> None:
    """Unique memos (a million of them at a ward) must not pile up in a cache of tokens."""
    import gc
    import tracemalloc

    memos = [f"{n:06d}" + "町会の会計報告と助成金の申請について相談した。" * 5 for n in range(2000)]
    search_index.tokens("会計")  # the table of codes is made at import, not here
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for memo in memos:
            search_index.tokens(memo)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 200_000, f"{kept:,} bytes kept after tokenizing {len(memos):,} memos"
    assert search_index.tokens("会計") == "004f1a008a08 008a08110000"
