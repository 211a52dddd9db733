"""PLACEHOLDER."""

from .document import Sheet
from . import layout as L


def consultation(paper):
    return [Sheet("相談記録票", [*L.title("相談記録票"), L.text(paper.asked)], office=paper.office)]
