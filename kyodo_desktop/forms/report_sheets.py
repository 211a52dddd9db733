"""PLACEHOLDER."""

from .document import Sheet
from . import layout as L


def report(paper):
    return [
        Sheet("実績報告書", [*L.title("実績報告書"), L.text(paper.group.name)], office=paper.office)
    ]
