"""The topic filter of the consultation log, shaped for each of the two questions a list asks.

A page walks the list's own index newest first and keeps the rows tagged with the topic:
a correlated probe of the pairs' primary key per row, which stops after a screenful. A
count must see every tagged row, so it starts from the topic instead (the pairs by topic,
``ix_consultation_topic_topic``) and looks each one up; and when the topic is all that
narrows the list, the count is the topic's pairs less those of tombstoned consultations,
the few rows of ``ix_consultation_tombstoned``, so that it reads no consultation at all.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, TextClause, exists, select, text

from kyodo_desktop.store.consultations import Consultation, consultation_topic
from kyodo_desktop.store.reference import Topic


def _topic_id(code: str):  # type: ignore[no-untyped-def]
    return select(Topic.id).where(Topic.code == code).scalar_subquery()


def tagged_for_page(code: str) -> ColumnElement[bool]:
    """The consultation is tagged with the topic: probed row by row, in the list's order."""
    return exists().where(
        consultation_topic.c.consultation_id == Consultation.id,
        consultation_topic.c.topic_id == _topic_id(code),
    )


def tagged_for_count(code: str) -> ColumnElement[bool]:
    """The consultation is tagged with the topic: the topic's consultations, looked up."""
    tagged = select(consultation_topic.c.consultation_id).where(
        consultation_topic.c.topic_id == _topic_id(code)
    )
    return Consultation.id.in_(tagged)


# SQLite plans without statistics (nothing runs ANALYZE): CROSS JOIN keeps the tombstones
# the outer loop, where the planner would otherwise look up every pair of the topic.
_ONLY_TOPIC_COUNT = """
SELECT
  (SELECT count(*) FROM consultation_topic
   WHERE topic_id = (SELECT id FROM topic WHERE code = :code))
  -
  (SELECT count(*) FROM consultation AS gone CROSS JOIN consultation_topic AS pair
     ON pair.consultation_id = gone.id
    AND pair.topic_id = (SELECT id FROM topic WHERE code = :code)
   WHERE gone.deleted_at IS NOT NULL)
"""


def only_topic_count(code: str) -> TextClause:
    """The live consultations tagged with the topic, when nothing else narrows (SQLite)."""
    return text(_ONLY_TOPIC_COUNT).bindparams(code=code)
