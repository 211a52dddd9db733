"""PLACEHOLDER until the application forms land (owned by a helper)."""

from .document import Sheet
from . import layout as L


def application(paper):
    return [
        Sheet(
            "交付申請書",
            [*L.title(f"{paper.programme_name}交付申請書"), L.text(paper.group.name)],
            office=paper.office,
        )
    ]
