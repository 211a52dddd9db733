"""Reading the head office's own ledgers (団体一覧, 町会・自治会の加入世帯数) from .xlsx or CSV.

The ledgers are whatever Excel sheets the ward has kept for years, so the reader is lenient
where a person would be: the header row may sit below a title, its column names come in
the usual variants (団体名 or 名称, フリガナ or ふりがな or カナ ...), columns it does not know
are ignored, digits may be full width or grouped (「１，２３４」), dates are 和暦 or ISO. A CSV
is UTF-8 (with or without the BOM Excel writes) or CP932, as older Excel saves it.

A cell that cannot be read (a count that is not a whole number, a date that does not exist)
rejects its row here, with the row number Excel shows; what the row means — its kind, its
office, whether the group is registered — is the import's business (ledger_import.py).
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kyodo_desktop.rules import RulesValidationError, parse_date, search_key
from kyodo_desktop.services.errors import InputError

HEADER_SEARCH_ROWS = 20  # a title and a few notes above the header are usual
MAX_ROWS = 20_000  # the ward has about 250 町会 and a few hundred other groups
BOM = b"\xef\xbb\xbf"

# Each field and the column names it is known by (compared by search_key: width, kana and
# spaces do not matter, so 「ﾌﾘｶﾞﾅ」 and 「ふりがな」 are the same column).
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("団体名", "名称", "団体名称"),
    "name_kana": ("フリガナ", "カナ", "団体名フリガナ", "よみがな"),
    "kind": ("種別", "団体種別"),
    "office": ("担当事務所", "事務所", "事務所コード"),
    "representative": ("代表者", "代表者名"),
    "postal_code": ("郵便番号", "〒"),
    "address": ("所在地", "住所"),
    "phone": ("電話", "電話番号"),
    "email": ("メール", "メールアドレス", "電子メール"),
    "households": ("加入世帯数", "世帯数"),
    "households_counted_on": ("基準日", "世帯数基準日", "加入世帯数基準日"),
}
_KNOWN = {search_key(name): field for field, names in COLUMNS.items() for name in names}


@dataclass(frozen=True)
class LedgerRow:
    """One row of a ledger, each cell as text except the count and its day."""

    row: int  # the row number Excel shows
    name: str
    name_kana: str = ""
    kind: str = ""  # as written: 町会・自治会, NPO法人 ... (or the code)
    office: str = ""  # as written: 01–17 or the office's name
    representative: str = ""
    postal_code: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    households: int | None = None
    households_counted_on: date | None = None


@dataclass(frozen=True)
class RejectedRow:
    """A row left out of the import, with why (a Japanese sentence without the row number)."""

    row: int
    name: str
    reason: str


@dataclass(frozen=True)
class Ledger:
    """What a file holds: the rows that could be read and those that could not."""

    file_name: str
    rows: tuple[LedgerRow, ...]
    rejected: tuple[RejectedRow, ...] = ()
    ignored_columns: tuple[str, ...] = ()  # columns the reader does not know, by their name


class _BadCellError(Exception):
    pass


class _NoHeaderError(InputError):
    """No header row: another sheet of the workbook may have it."""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "はい" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel keeps every number as a float: 1768501.0 is 1768501
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def whole_number(value: object) -> int | None:
    """A count as the ledgers write it: 1234, 1,234, １，２３４, 1234世帯; None when blank."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise _BadCellError(f"加入世帯数「{value}」を読み取れません。")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _BadCellError(
            f"加入世帯数「{value:g}」が整数ではありません。1,234 のように整数で入力してください。"
        )
    typed = str(value).strip()
    digits = unicodedata.normalize("NFKC", typed).replace(",", "").replace(" ", "")
    digits = digits.removesuffix("世帯").removesuffix("戸")
    if not digits:
        return None
    if not (digits.isascii() and digits.isdigit()):
        raise _BadCellError(
            f"加入世帯数「{typed}」が整数ではありません。1,234 のように整数で入力してください。"
        )
    return int(digits)


def day(value: object) -> date | None:
    """The counting day: a date cell, or text in any of the ward's forms; None when blank."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    typed = _text(value)
    if not typed:
        return None
    try:
        return parse_date(typed)
    except RulesValidationError as error:
        raise _BadCellError(f"基準日: {error}") from error


def _header(cells: Sequence[object]) -> dict[str, int] | None:
    """Field → column index, if this row is the header (it names at least the 団体名)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        field = _KNOWN.get(search_key(_text(cell)))
        if field is None:
            continue
        if field in found:
            raise InputError(
                f"見出しの「{_text(cell)}」が2つあります（{COLUMNS[field][0]}の列）。"
                "どちらか一方の列にしてから取り込んでください。"
            )
        found[field] = index
    return found if "name" in found else None


def _rows(file_name: str, records: Iterable[tuple[int, Sequence[object]]]) -> Ledger:
    """A ledger from (row number, cells) records: find the header, then read every row."""
    columns: dict[str, int] | None = None
    header_cells: Sequence[object] = ()
    rows: list[LedgerRow] = []
    rejected: list[RejectedRow] = []
    for number, cells in records:
        if columns is None:
            if number > HEADER_SEARCH_ROWS:
                break
            columns = _header(cells)
            header_cells = cells
            continue
        if all(_text(cell) == "" for cell in cells):
            continue  # a blank line between blocks
        if len(rows) + len(rejected) >= MAX_ROWS:
            raise InputError(
                f"行が多すぎます（{MAX_ROWS:,}行まで）。ファイルを分けて取り込んでください。"
            )

        def cell(field: str, cells: Sequence[object] = cells, at: dict = columns) -> object:
            index = at.get(field)
            return cells[index] if index is not None and index < len(cells) else None

        name = _text(cell("name"))
        try:
            households = whole_number(cell("households"))
            counted_on = day(cell("households_counted_on"))
        except _BadCellError as error:
            rejected.append(RejectedRow(number, name, str(error)))
            continue
        texts = {
            field: _text(cell(field))
            for field in COLUMNS
            if field not in ("households", "households_counted_on")
        }
        rows.append(
            LedgerRow(row=number, households=households, households_counted_on=counted_on, **texts)
        )
    if columns is None:
        names = "・".join(names[0] for names in COLUMNS.values())
        raise _NoHeaderError(
            f"「{file_name}」の{HEADER_SEARCH_ROWS}行目までに見出しの行が見つかりません。"
            f"団体名の列を含む見出し（{names}）を1行目に入れてください。"
        )
    used = set(columns.values())
    ignored = tuple(
        _text(c) for i, c in enumerate(header_cells) if i not in used and _text(c) != ""
    )
    return Ledger(file_name, tuple(rows), tuple(rejected), ignored)


def _decoded(data: bytes, file_name: str) -> str:
    if data.startswith(BOM):
        return data.decode("utf-8-sig")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp932")
    except UnicodeDecodeError as error:
        raise InputError(
            f"「{file_name}」の文字コードを読み取れません（{error.start + 1:,}バイト目）。"
            "Excel で「CSV UTF-8」か「CSV（コンマ区切り）」で保存し直してください。"
        ) from error


def _csv_records(data: bytes, file_name: str) -> Iterator[tuple[int, list[str]]]:
    text = _decoded(data, file_name)
    try:
        # Excel numbers the records, not the lines: a quoted cell may hold a line break.
        yield from enumerate(csv.reader(io.StringIO(text, newline="")), start=1)
    except csv.Error as error:
        raise InputError(
            f"「{file_name}」をCSVとして読めません（{error}）。Excel で開いて保存し直してください。"
        ) from error


def _xlsx_ledger(path: Path) -> Ledger:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        raise InputError(
            f"「{path.name}」を Excel のファイルとして読めません。壊れていないか、"
            "Excel で開いて「.xlsx」で保存し直してから取り込んでください。"
        ) from error
    try:
        first_error: _NoHeaderError | None = None
        for sheet in book.worksheets:  # the first sheet that has the header
            records = (
                (number, row)
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)
            )
            try:
                return _rows(path.name, records)
            except _NoHeaderError as error:
                first_error = first_error or error
        raise first_error or InputError(f"「{path.name}」にシートがありません。")
    finally:
        book.close()


def read_ledger(path: Path) -> Ledger:
    """The ledger in `path` (.xlsx or .csv); `InputError` saying what to do if it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise InputError(
            f"「{path.name}」は古い形式（Excel 97-2003）のため読めません。"
            "Excel で開いて「Excel ブック（.xlsx）」か CSV で保存し直してください。"
        )
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise InputError(
            f"「{path.name}」は Excel（.xlsx）でも CSV（.csv）でもありません。"
            "団体の一覧を .xlsx か .csv で保存して選んでください。"
        )
    try:
        if path.stat().st_size == 0:
            raise InputError(
                f"「{path.name}」は空のファイルです。中身のあるファイルを選んでください。"
            )
        if suffix in (".xlsx", ".xlsm"):
            return _xlsx_ledger(path)
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise InputError(
            f"ファイル「{path}」が見つかりません。場所と名前を確かめてください。"
        ) from error
    except OSError as error:  # locked by Excel, no permission, a share gone away
        raise InputError(
            f"ファイル「{path.name}」を開けません（{error.strerror or error}）。"
            "Excel などで開いている場合は閉じてから、もう一度取り込んでください。"
        ) from error
    return _rows(path.name, _csv_records(data, path.name))
