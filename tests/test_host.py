"""The host modules: names Windows accepts, drafts only their owner reads, one-system calls."""

from __future__ import annotations

import os
import stat
import sys
import uuid
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyodo_desktop.host import drives, idle
from kyodo_desktop.host.file_names import MAX_NAME, file_name
from kyodo_desktop.host.files import replace_durably
from kyodo_desktop.services import drafts
from kyodo_desktop.services.figures.export import FigureFormat
from kyodo_desktop.services.figures.export import file_name as figures_file_name
from kyodo_desktop.services.printing.printouts import file_name as printout_file_name

RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{p}{n}" for p in ("COM", "LPT") for n in range(10)}


def windows_accepts(name: str) -> bool:
    """What Windows asks of one file name (not a path)."""
    stem = name.split(".")[0].upper()
    return (
        bool(name)
        and not any(c in '<>:"/\\|?*' or ord(c) < 32 for c in name)
        and not name.endswith((".", " "))
        and stem not in RESERVED
        and len(name) <= MAX_NAME
    )


@given(st.lists(st.text(max_size=120), max_size=4), st.sampled_from([".pdf", ".csv", ".xlsx"]))
def test_every_suggested_name_is_one_windows_accepts(parts: list[str], suffix: str) -> None:
    name = file_name(*parts, suffix=suffix)
    assert windows_accepts(name), name
    assert name.endswith(suffix)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("交付申請書", "さくら町会"), "交付申請書_さくら町会.pdf"),
        (("交付申請書", 'NPO "あおぞら" / 練馬'), "交付申請書_NPO_あおぞら_練馬.pdf"),
        (("con",), "con_.pdf"),
        (("NUL.2026",), "NUL_.2026.pdf"),
        (("COM1",), "COM1_.pdf"),
        (("会計.",), "会計.pdf"),
        (("", "  "), "_.pdf"),
    ],
)
def test_names_read_as_the_officer_expects(parts: tuple[str, ...], expected: str) -> None:
    assert file_name(*parts, suffix=".pdf") == expected


def test_a_long_group_name_is_shortened_before_the_suffix() -> None:
    name = printout_file_name("交付申請書", "練" * 300)
    assert len(name) == MAX_NAME and name.endswith(".pdf") and name.startswith("交付申請書_練")


def test_the_programs_own_suggestions_go_through_the_same_rule() -> None:
    assert printout_file_name("請求書", "令和8年度", "a:b") == "請求書_令和8年度_a_b.pdf"
    assert figures_file_name(2026, "光が丘", FigureFormat.XLSX) == "集計_令和8年度_光が丘.xlsx"


@pytest.mark.skipif(os.name != "posix", reason="Windows keeps a profile's files private itself")
def test_a_draft_of_what_a_resident_said_is_readable_by_its_officer_only(tmp_path: Path) -> None:
    saved = drafts.save(tmp_path, "sato", uuid.uuid4(), {"memo": "相談の途中"})
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_a_durable_replace_puts_the_new_file_in_place(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    target.write_text("old", encoding="utf-8")
    incoming = tmp_path / "a.csv.part"
    incoming.write_text("new", encoding="utf-8")
    replace_durably(incoming, target)
    assert target.read_text(encoding="utf-8") == "new" and not incoming.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows answers these itself")
def test_off_windows_the_windows_calls_say_they_do_not_know() -> None:
    assert idle.seconds_since_input() is None
    assert drives.drive_type("Z:\\") == 0
