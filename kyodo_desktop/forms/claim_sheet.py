"""PLACEHOLDER."""

from .document import Sheet
from . import layout as L


def claim(paper):
    return [Sheet("請求書", [*L.title("請求書"), L.text(paper.group.name)], office=paper.office)]
