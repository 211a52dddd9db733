"""The head office extends the consultation topics; the counter's form offers the new one."""

from __future__ import annotations

from pathlib import Path

import pytest

from kyodo_desktop.admin.main import main
from kyodo_desktop.rules.vocabulary import StaffRole
from kyodo_desktop.services import browse
from kyodo_desktop.services.consultations.topics import TopicDraft, add_topic
from kyodo_desktop.services.errors import InputError, PermissionDeniedError


def test_an_administrator_adds_a_topic_after_the_others(workspace) -> None:  # type: ignore[no-untyped-def]
    before = browse.reference(workspace.database, workspace.actor).topics
    add_topic(workspace.database, workspace.actor, TopicDraft(code="disaster_prep", name="防災"))
    after = browse.reference(workspace.database, workspace.actor).topics
    assert after == [*before, ("disaster_prep", "防災")]


@pytest.mark.parametrize(
    ("draft", "field", "words"),
    [
        (TopicDraft(code="", name="防災"), "code", "入力してください"),
        (TopicDraft(code="防災", name="防災"), "code", "英小文字"),
        (TopicDraft(code="accounting", name="経理"), "code", "もうあります"),
        (TopicDraft(code="kaikei2", name="会計・税務"), "name", "もうあります"),
        (TopicDraft(code="kouhou2", name="広報 "), "name", "もうあります"),
        (TopicDraft(code="empty", name="　"), "name", "入力してください"),
    ],
)
def test_a_bad_topic_is_refused_with_its_field(workspace, draft, field, words) -> None:  # type: ignore[no-untyped-def]
    before = browse.reference(workspace.database, workspace.actor).topics
    with pytest.raises(InputError) as refused:
        add_topic(workspace.database, workspace.actor, draft)
    assert refused.value.field == field and words in refused.value.message
    assert browse.reference(workspace.database, workspace.actor).topics == before


def test_a_counter_officer_may_not_add_topics(workspace, actor_factory) -> None:  # type: ignore[no-untyped-def]
    counter = actor_factory(workspace, "03", StaffRole.COUNTER)
    with pytest.raises(PermissionDeniedError):
        add_topic(workspace.database, counter, TopicDraft(code="disaster_prep", name="防災"))


def test_kyodo_admin_adds_and_lists_topics(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", "--data-dir", str(tmp_path)]) == 0
    code = main(
        ["topics", "add", "--code", "disaster_prep", "--name", "防災", "--data-dir", str(tmp_path)]
    )
    assert code == 0
    assert "相談分類「防災」（disaster_prep）を追加しました。" in capsys.readouterr().out
    assert main(["topics", "list", "--data-dir", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "startup\t団体の立ち上げ" and lines[-1] == "disaster_prep\t防災"
    assert (
        main(
            [
                "topics",
                "add",
                "--code",
                "disaster_prep",
                "--name",
                "防災2",
                "--data-dir",
                str(tmp_path),
            ]
        )
        != 0
    )
    assert "もうあります" in capsys.readouterr().err
