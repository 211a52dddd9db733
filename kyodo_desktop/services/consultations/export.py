"""Out to Excel: the consultation log, as it is filtered, written to a CSV file (書出し).

The file is what a spreadsheet on a branch PC opens as it is: UTF-8 with a byte order mark
(Excel reads UTF-8 only when the BOM is there) or CP932 for older Excel, CRLF line ends, a
header row in Japanese, dates ISO (YYYY-MM-DD) with a 和暦 column beside them.

CSV injection: a cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
return) would be run by a spreadsheet as a formula — free text typed at the counter must
never do that — so such a cell gets a leading apostrophe (OWASP's advice), which Excel
shows as text and does not calculate.

Rows are streamed from one read-only session a chunk at a time (a snapshot: the file is the
list as it stood when the export began), so a million rows never sit in memory and no write
lock is held while the file is written. The file is written beside the destination under a
temporary name and renamed into place only when complete and audited: a failed export
leaves no half file and an earlier file of that name untouched.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date
from enum import StrEnum
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from kyodo_desktop.host.files import replace_durably
from kyodo_desktop.rules import format_wareki
from kyodo_desktop.rules.vocabulary import Channel
from kyodo_desktop.services.actor import Actor
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError, PermissionDeniedError
from kyodo_desktop.services.permissions import DENIED, Permission, allows, office_scope
from kyodo_desktop.store.consultation_listing import LIST_COLUMNS, ConsultationListing
from kyodo_desktop.store.consultations import Consultation
from kyodo_desktop.store.database import Database
from kyodo_desktop.store.errors import classify
from kyodo_desktop.store.filters import ConsultationFilter
from kyodo_desktop.store.reference import Department

CHUNK_ROWS = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MISSING_MARK = "〓"  # 下駄記号: the typesetter's mark for a character that cannot be shown
HEADER = (
    "相談日",
    "相談日（和暦）",
    "事務所",
    "相談方法",
    "相談者",
    "相談分類",
    "相談内容",
    "対応内容",
    "担当職員",
    "つなぎ先",
    "フォロー予定日",
    "フォロー予定日（和暦）",
    "フォロー状況",
)
# Characters that JIS text uses but CP932 holds under a look-alike code point
# (the "wave dash problem"): written as the look-alike rather than as a missing mark.
CP932_LOOKALIKES = str.maketrans(
    {
        "\u301c": "\uff5e",  # 〜 WAVE DASH → ～
        "\u2016": "\u2225",  # ‖ → ∥
        "\u2212": "\uff0d",  # − MINUS SIGN → －
        "\u2014": "\u2015",  # — EM DASH → ―
        "\u00a2": "\uffe0",  # ¢ → ￠
        "\u00a3": "\uffe1",  # £ → ￡
        "\u00ac": "\uffe2",  # ¬ → ￢
    }
)


class CsvEncoding(StrEnum):
    """How the file is encoded: what the officer's spreadsheet can read."""

    UTF8_BOM = "utf-8-sig"  # Excel 2016 and later, LibreOffice, everything else
    CP932 = "cp932"  # older Excel (Shift_JIS as Windows writes it)


class ExportCancelledError(Exception):
    """The officer stopped the export: no file was written, nothing was recorded."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    replaced: int  # characters CP932 cannot hold, written as 〓


def neutralise(cell: str) -> str:
    """A cell a spreadsheet will show as text, never run as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


class Cp932Cells:
    """Makes cells CP932 can hold, counting the characters it had to replace."""

    def __init__(self) -> None:
        self.replaced = 0

    def __call__(self, cell: str) -> str:
        cell = cell.translate(CP932_LOOKALIKES)
        try:
            cell.encode("cp932")
        except UnicodeEncodeError:
            kept = []
            for character in cell:
                try:
                    character.encode("cp932")
                except UnicodeEncodeError:
                    self.replaced += 1
                    character = MISSING_MARK
                kept.append(character)
            cell = "".join(kept)
        return cell


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()


def _wareki(day: date | None) -> str:
    return "" if day is None else format_wareki(day)


def _channel(code: str) -> str:
    try:
        return Channel(code).label
    except ValueError:
        return code


# The screen's columns and what only the file has: the answer and the department.
EXPORT_COLUMNS = (*LIST_COLUMNS, Consultation.answered, Department.name)


def _rows(
    database: Database, actor: Actor, wanted: ConsultationFilter, today: date
) -> Iterator[Sequence[list[str]]]:
    """The rows of the file, a chunk at a time: the screen's listing, row for row."""
    listing = ConsultationListing(office_scope(actor), wanted, today=today, columns=EXPORT_COLUMNS)
    with database.reading() as session:
        for chunk, topics in listing.chunks(session, CHUNK_ROWS):
            yield [
                [
                    _iso(row[1]),
                    _wareki(row[1]),
                    row[2],
                    _channel(row[3]),
                    row[4] or row[5] or "匿名",
                    "・".join(topics[row[0]]),
                    row[6],
                    row[10],
                    row[7],
                    row[11] or "",
                    _iso(row[8]),
                    _wareki(row[8]),
                    "" if row[8] is None else "完了" if row[9] else "未完了",
                ]
                for row in chunk
            ]


def _described(wanted: ConsultationFilter) -> dict[str, str]:
    """The filter as the audit entry records it: only the fields that narrowed."""
    described = {}
    for field in fields(wanted):
        value = getattr(wanted, field.name)
        if value not in (None, ""):
            described[field.name] = str(value)[:200]
    return described


@service("consultation.export", Permission.EXPORT)
def record_export(
    uow: UnitOfWork, rows: int, encoding: str, *, conditions: dict[str, str] | None = None
) -> None:
    """The audit entry of an export (書出し): how many consultations left the program."""
    if isinstance(rows, bool) or not isinstance(rows, int) or not 0 <= rows < 2**53:
        raise InputError("書き出した件数が正しくありません。")
    if encoding not in {e.value for e in CsvEncoding}:
        raise InputError("文字コードは UTF-8（BOM付き）か Shift_JIS（CP932）を選んでください。")
    uow.record_event(
        "export", "consultation", "", rows=rows, encoding=encoding, conditions=conditions or {}
    )


def export_consultations(
    database: Database,
    actor: Actor,
    wanted: ConsultationFilter | None,
    destination: Path,
    *,
    encoding: CsvEncoding = CsvEncoding.UTF8_BOM,
    today: date | None = None,
    progress: Callable[[int], bool] | None = None,
) -> ExportResult:
    """Write the consultations the actor sees that match `wanted` to `destination` as CSV.

    ``progress(rows_written)`` is called after each chunk; returning False stops the
    export (`ExportCancelledError`). It may run on a worker thread: it opens its own sessions.
    """
    if not allows(actor, Permission.EXPORT):
        raise PermissionDeniedError(DENIED[Permission.EXPORT])
    wanted = wanted or ConsultationFilter()
    destination = Path(destination)
    cp932 = Cp932Cells() if encoding is CsvEncoding.CP932 else None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=destination.parent, prefix=f".{destination.name}.", suffix=".partial"
        )
    except OSError as error:
        raise InputError(
            f"書き出し先のフォルダ「{destination.parent}」に書き込めません。"
            "別のフォルダを選んでください。"
        ) from error
    count = 0
    try:
        # newline="": the csv module writes the CRLF itself.
        with open(handle, "w", encoding=encoding.value, newline="") as file:
            writer = csv.writer(file, lineterminator="\r\n")
            writer.writerow(HEADER)
            for chunk in _rows(database, actor, wanted, today or date.today()):
                for row in chunk:
                    cells = [neutralise(cell) for cell in row]
                    writer.writerow([cp932(c) for c in cells] if cp932 else cells)
                count += len(chunk)
                if progress is not None and not progress(count):
                    raise ExportCancelledError
        # Audited before it is published: no export leaves without its entry.
        record_export(database, actor, count, encoding.value, conditions=_described(wanted))
        replace_durably(temporary, destination)
    except OSError as error:
        _discard(temporary)
        raise InputError(
            f"ファイル「{destination.name}」を書き出せませんでした（{error.strerror or error}）。"
            "同じ名前のファイルを Excel などで開いている場合は閉じてください。"
            "空き容量と書き込み権限を確かめて、もう一度書き出してください。"
        ) from error
    except DBAPIError as error:
        _discard(temporary)
        # A locked, full or damaged database file: told plainly, like a service would.
        fault = classify(error)
        if fault is None:
            raise
        raise fault from error
    except BaseException:
        _discard(temporary)
        raise
    return ExportResult(destination, count, cp932.replaced if cp932 else 0)


def _discard(temporary: str) -> None:
    Path(temporary).unlink(missing_ok=True)
