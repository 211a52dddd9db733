"""PLACEHOLDER."""

from .document import Sheet
from . import layout as L


def group_card(paper):
    return [
        Sheet("団体台帳", [*L.title("団体台帳"), L.text(paper.party.name)], office=paper.office)
    ]
