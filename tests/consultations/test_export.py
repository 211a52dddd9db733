"""Out to Excel: the filtered consultation log as CSV, in both encodings, audited."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from kyodo_desktop.services import browse
from kyodo_desktop.services.consultations.export import (
    HEADER,
    CsvEncoding,
    export_consultations,
    neutralise,
)
from kyodo_desktop.services.consultations.log import ConsultationDraft, log_consultation
from kyodo_desktop.services.errors import PermissionDeniedError
from kyodo_desktop.store.audit.entries import AuditEntry
from kyodo_desktop.store.filters import ConsultationFilter, FollowUp


def read_back(path: Path, encoding: str) -> list[list[str]]:
    with open(path, encoding=encoding, newline="") as file:
        return list(csv.reader(file))


def test_utf8_has_a_bom_crlf_a_japanese_header_and_every_row(demo_head_office, out) -> None:  # type: ignore[no-untyped-def]
    wanted = ConsultationFilter(date_from=date(2025, 4, 1), date_to=date(2026, 3, 31))
    target = out / "相談記録.csv"
    result = export_consultations(demo_head_office.database, demo_head_office.actor, wanted, target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with its BOM
    assert raw.count(b"\r\n") >= result.rows + 1
    rows = read_back(target, "utf-8-sig")
    assert tuple(rows[0]) == HEADER
    expected = browse.consultations(demo_head_office.database, demo_head_office.actor, wanted)
    assert result.rows == expected.count() == len(rows) - 1 > 0
    shown = expected.page(0, 5)
    for row, listed in zip(rows[1:6], shown, strict=True):
        assert row[0] == listed.occurred_on.isoformat()
        assert row[1].startswith("令和") and row[1].endswith("日")
        assert row[2] == listed.office_name
        assert row[5] == listed.topics
        assert row[6] == neutralise(listed.asked)
        assert row[8] == listed.staff_name
    assert {r[12] for r in rows[1:]} <= {"", "完了", "未完了"}
    assert list(out.iterdir()) == [target], "the temporary file was left behind"


def test_cp932_is_decodable_and_says_how_many_characters_it_replaced(demo_head_office, out) -> None:  # type: ignore[no-untyped-def]
    actor = demo_head_office.actor
    asked = "𠮷野さんの相談〜ご案内🎌"  # 𠮷 and 🎌 are not in CP932; 〜 has a look-alike
    log_consultation(
        demo_head_office.database,
        actor,
        ConsultationDraft(date(2026, 11, 2), "phone", asked, office_code="01"),
    )
    wanted = ConsultationFilter(text="ご案内")
    target = out / "old-excel.csv"
    result = export_consultations(
        demo_head_office.database, actor, wanted, target, encoding=CsvEncoding.CP932
    )
    raw = target.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("cp932")  # would raise if anything were not CP932
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == HEADER
    assert result.rows == len(rows) - 1 >= 1
    ours = [r for r in rows[1:] if "ご案内" in r[6]]
    assert ours and ours[0][6] == "〓野さんの相談～ご案内〓"
    assert result.replaced >= 2


def test_cells_that_a_spreadsheet_would_run_are_neutralised(demo_head_office, out) -> None:  # type: ignore[no-untyped-def]
    for formula in ('=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"):
        log_consultation(
            demo_head_office.database,
            demo_head_office.actor,
            ConsultationDraft(date(2026, 11, 3), "mail", formula, office_code="01"),
        )
    target = out / "x.csv"
    export_consultations(
        demo_head_office.database,
        demo_head_office.actor,
        ConsultationFilter(date_from=date(2026, 11, 3), date_to=date(2026, 11, 3)),
        target,
    )
    asked = {r[6] for r in read_back(target, "utf-8-sig")[1:]}
    assert {'\'=HYPERLINK("http://x")', "'+1+1", "'-2+3", "'@SUM(A1)"} <= asked
    assert neutralise("相談") == "相談" and neutralise("") == ""


def test_an_export_is_audited_with_its_count(demo_head_office, out) -> None:  # type: ignore[no-untyped-def]
    wanted = ConsultationFilter(channel="visit")
    result = export_consultations(
        demo_head_office.database, demo_head_office.actor, wanted, out / "v.csv"
    )
    with demo_head_office.database.reading() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.seq.desc())
        ).first()
    assert entry is not None
    assert entry.staff_id == demo_head_office.actor.staff_id
    detail = json.loads(entry.after or "{}")
    assert detail["rows"] == result.rows and detail["conditions"] == {"channel": "visit"}


def test_an_officer_without_export_is_refused_and_nothing_is_written(demo_workspace, out) -> None:  # type: ignore[no-untyped-def]
    target = out / "no.csv"
    with pytest.raises(PermissionDeniedError) as refused:
        export_consultations(demo_workspace.database, demo_workspace.actor, None, target)
    assert "書き出す権限がありません" in refused.value.message
    assert not list(out.iterdir())


def test_a_failed_export_leaves_an_earlier_file_alone(demo_head_office, out, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import kyodo_desktop.services.consultations.export as export

    target = out / "keep.csv"
    target.write_text("earlier", encoding="utf-8")

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")
        yield []  # a generator, like the real one

    monkeypatch.setattr(export, "_rows", broken)
    from kyodo_desktop.services.errors import InputError

    with pytest.raises(InputError) as refused:
        export_consultations(demo_head_office.database, demo_head_office.actor, None, target)
    assert "書き出せませんでした" in refused.value.message
    assert target.read_text(encoding="utf-8") == "earlier"
    assert list(out.iterdir()) == [target]


@pytest.mark.usefixtures("ui_resources")
def test_the_screen_exports_what_it_shows_in_the_encoding_chosen(
    demo_head_office, qtbot, out, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.consultations import export_dialog
    from kyodo_desktop.ui.consultations.screen import ConsultationScreen

    screen = ConsultationScreen(demo_head_office)
    qtbot.addWidget(screen)
    screen.filters.channel.setCurrentIndex(screen.filters.channel.findData("phone"))
    target = out / "phone.csv"
    told: list[str] = []
    monkeypatch.setattr(
        export_dialog, "ask_destination", lambda parent: (target, CsvEncoding.CP932)
    )
    monkeypatch.setattr(export_dialog, "tell", lambda parent, text, failed=False: told.append(text))
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)  # written on a worker thread
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("cp932"), newline="")))
    assert len(rows) - 1 == screen.model.rowCount() > 0
    assert {r[3] for r in rows[1:]} == {"電話"}
    assert len(told) == 1 and f"{screen.model.rowCount():,}" in told[0]


def test_chunks_join_up_to_the_whole_list(demo_head_office, out, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import kyodo_desktop.services.consultations.export as export

    whole = out / "whole.csv"
    export_consultations(demo_head_office.database, demo_head_office.actor, None, whole)
    monkeypatch.setattr(export, "CHUNK_ROWS", 7)  # many chunks, and a ragged last one
    chunked = out / "chunked.csv"
    result = export_consultations(demo_head_office.database, demo_head_office.actor, None, chunked)
    assert result.rows > 7
    assert chunked.read_bytes() == whole.read_bytes()


def test_an_export_can_be_stopped_and_then_writes_and_records_nothing(
    demo_head_office, out
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.consultations.export import ExportCancelledError

    def watch_audit() -> int:
        with demo_head_office.database.reading() as session:
            return len(
                session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
            )

    before = watch_audit()
    seen: list[int] = []
    with pytest.raises(ExportCancelledError):
        export_consultations(
            demo_head_office.database,
            demo_head_office.actor,
            None,
            out / "stopped.csv",
            progress=lambda rows: seen.append(rows) and False,
        )
    assert seen and not list(out.iterdir())
    assert watch_audit() == before


@pytest.mark.usefixtures("ui_resources")
def test_the_save_dialog_s_file_type_chooses_the_encoding(qtbot, monkeypatch, out) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog, QWidget

    from kyodo_desktop.ui.consultations import export_dialog

    parent = QWidget()
    qtbot.addWidget(parent)
    utf8, cp932 = list(export_dialog.encoding_filters())
    answers = iter([(str(out / "a"), cp932), (str(out / "b.csv"), utf8), ("", "")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: next(answers))
    assert export_dialog.ask_destination(parent) == (out / "a.csv", CsvEncoding.CP932)
    assert export_dialog.ask_destination(parent) == (out / "b.csv", CsvEncoding.UTF8_BOM)
    assert export_dialog.ask_destination(parent) is None


def _screen_rows(workspace, wanted: ConsultationFilter) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    browser = browse.consultations(workspace.database, workspace.actor, wanted)
    shown = browser.page(0, browser.count())
    return [
        (row.occurred_on.isoformat(), row.office_name, neutralise(row.asked), row.topics)
        for row in shown
    ]


@pytest.mark.parametrize(
    "wanted",
    [
        ConsultationFilter(),
        ConsultationFilter(text="会計"),  # the search index drives the list
        ConsultationFilter(text="会"),  # one character: a prefix query
        ConsultationFilter(text="相談", channel="counter"),  # index, then a row filter
        ConsultationFilter(follow_up=FollowUp.PENDING),
    ],
)
def test_the_file_has_the_screen_s_rows_in_the_screen_s_order(
    demo_head_office, out, monkeypatch, wanted
) -> None:  # type: ignore[no-untyped-def]
    import kyodo_desktop.services.consultations.export as export

    monkeypatch.setattr(export, "CHUNK_ROWS", 13)  # chunks that cut through days
    target = out / "list.csv"
    export_consultations(demo_head_office.database, demo_head_office.actor, wanted, target)
    written = [(r[0], r[2], r[6], r[5]) for r in read_back(target, "utf-8-sig")[1:]]
    assert written == _screen_rows(demo_head_office, wanted)
    assert written


@pytest.mark.usefixtures("ui_resources")
def test_an_export_right_after_typing_writes_what_the_search_box_says(
    demo_head_office, qtbot, out, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from kyodo_desktop.ui.consultations import export_dialog
    from kyodo_desktop.ui.consultations.screen import ConsultationScreen

    screen = ConsultationScreen(demo_head_office)
    qtbot.addWidget(screen)
    everything = screen.model.rowCount()
    target = out / "typed.csv"
    told: list[str] = []
    monkeypatch.setattr(
        export_dialog, "ask_destination", lambda parent: (target, CsvEncoding.UTF8_BOM)
    )
    monkeypatch.setattr(export_dialog, "tell", lambda parent, text, failed=False: told.append(text))
    screen.filters.search.setText("会計")  # and the export clicked before the pause ends
    qtbot.mouseClick(screen.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    rows = read_back(target, "utf-8-sig")[1:]
    wanted = ConsultationFilter(text="会計")
    assert (
        0
        < len(rows)
        == browse.consultations(demo_head_office.database, demo_head_office.actor, wanted).count()
        < everything
    )
    assert screen.model.rowCount() == len(rows)  # the list shows what left
