"""PLACEHOLDER."""

from .document import Sheet
from . import layout as L


def decision(paper):
    return [
        Sheet(
            "交付決定通知書",
            [*L.title("交付決定通知書"), L.text(paper.group.name)],
            office=paper.office,
        )
    ]


def rejection(paper):
    return [
        Sheet(
            "不採択通知書",
            [*L.title("不採択通知書"), L.text(paper.group.name)],
            office=paper.office,
        )
    ]
