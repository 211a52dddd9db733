"""The consultation topics (相談分類): reference data the head office extends.

The ward ships eleven topics (resources/reference/topics.json); the head office's
administrator adds more as the counters meet new kinds of questions. A topic is never
removed: consultations keep the topics they were logged with.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import func, select

from kyodo_desktop.rules import search_key
from kyodo_desktop.services.core import UnitOfWork, service
from kyodo_desktop.services.errors import InputError
from kyodo_desktop.services.fields import text_field
from kyodo_desktop.services.permissions import Permission
from kyodo_desktop.store.reference import Topic

_CODE = re.compile(r"[a-z][a-z0-9_]{1,31}")


@dataclass(frozen=True)
class TopicDraft:
    """A new topic: the code files and settings use, and the name officers see."""

    code: str
    name: str


@service("topic.add", Permission.MANAGE_REFERENCE, input_type=TopicDraft)
def add_topic(uow: UnitOfWork, draft: TopicDraft) -> uuid.UUID:
    """Add a topic after the existing ones; its id."""
    if not isinstance(draft, TopicDraft):
        raise InputError("相談分類のコードと名前を入力してください。")
    code = text_field(draft.code, "相談分類のコード", 32, field="code", required=True)
    if not _CODE.fullmatch(code):
        raise InputError(
            f"相談分類のコード「{code}」は使えません。英小文字で始まる2〜32文字の英小文字・数字・"
            "「_」で入力してください（例: disaster_prep）。",
            field="code",
        )
    name = text_field(draft.name, "相談分類の名前", 60, field="name", required=True)
    session = uow.session
    if session.scalar(select(Topic.id).where(Topic.code == code)) is not None:
        raise InputError(
            f"相談分類のコード「{code}」はもうあります。別のコードにしてください。", field="code"
        )
    key = search_key(name)
    for existing in session.scalars(select(Topic)):
        if search_key(existing.name) == key:
            raise InputError(
                f"相談分類「{existing.name}」がもうあります。同じ分類を二つ作らないでください。",
                field="name",
            )
    last = session.scalar(select(func.max(Topic.sort_order))) or 0
    row = Topic(id=uuid.uuid4(), code=code, name=name, sort_order=last + 10, active=True)
    session.add(row)
    session.flush()
    return row.id
