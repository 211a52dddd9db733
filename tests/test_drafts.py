"""Drafts of forms being typed: written atomically, listed per officer, damaged ones set aside."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from kyodo_desktop.services import drafts


def test_a_draft_is_written_whole_and_read_back(tmp_path: Path) -> None:
    draft_id = uuid.uuid4()
    path = drafts.save(tmp_path, "t03-counter", draft_id, {"asked": "会計の相談", "n": 1})

    assert path.parent == tmp_path / "drafts"
    assert "t03-counter" not in path.name  # the login is quoted, its "-" too
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind
    (found,) = drafts.list_drafts(tmp_path, "t03-counter")
    assert found.draft_id == draft_id
    assert found.login_id == "t03-counter"
    assert found.data == {"asked": "会計の相談", "n": 1}


def test_writing_again_replaces_the_draft(tmp_path: Path) -> None:
    draft_id = uuid.uuid4()
    drafts.save(tmp_path, "a", draft_id, {"asked": "一"})
    drafts.save(tmp_path, "a", draft_id, {"asked": "一二"})

    (found,) = drafts.list_drafts(tmp_path, "a")
    assert found.data == {"asked": "一二"}


def test_each_officer_sees_only_their_own_drafts(tmp_path: Path) -> None:
    mine, theirs = uuid.uuid4(), uuid.uuid4()
    drafts.save(tmp_path, "tanaka", mine, {})
    drafts.save(tmp_path, "tanaka-2", theirs, {})
    drafts.save(tmp_path, "田中/../x", uuid.uuid4(), {})  # odd characters stay in the folder

    assert [d.draft_id for d in drafts.list_drafts(tmp_path, "tanaka")] == [mine]
    assert [d.draft_id for d in drafts.list_drafts(tmp_path, "tanaka-2")] == [theirs]
    assert len(drafts.list_drafts(tmp_path, "田中/../x")) == 1
    assert len(list((tmp_path / "drafts").iterdir())) == 3


def test_removing_forgets_the_draft_and_never_fails(tmp_path: Path) -> None:
    draft_id = uuid.uuid4()
    drafts.save(tmp_path, "a", draft_id, {})
    drafts.remove(tmp_path, "a", draft_id)
    drafts.remove(tmp_path, "a", draft_id)  # gone already: nothing to do

    assert drafts.list_drafts(tmp_path, "a") == []
    assert drafts.list_drafts(tmp_path / "never-made", "a") == []


def test_a_damaged_draft_is_set_aside_not_a_crash(tmp_path: Path) -> None:
    good = uuid.uuid4()
    drafts.save(tmp_path, "a", good, {"asked": "残る"})
    broken = drafts.draft_path(tmp_path, "a", uuid.uuid4())
    broken.write_bytes(b'{"asked": "\xe4\xb8')  # cut off mid-character by a crash
    not_an_object = drafts.draft_path(tmp_path, "a", uuid.uuid4())
    not_an_object.write_text(json.dumps(["a list"]), encoding="utf-8")

    found = drafts.list_drafts(tmp_path, "a")

    assert [d.draft_id for d in found] == [good]
    assert not broken.exists() and not not_an_object.exists()
    aside = sorted(p.name for p in (tmp_path / "drafts").glob("*.damaged"))
    assert aside == sorted([broken.name + ".damaged", not_an_object.name + ".damaged"])
    assert drafts.list_drafts(tmp_path, "a") == found  # set aside once, not offered again
