"""A Yes/No question whose safe answer is No: the one shape of every "discard?" question.

Each question keeps its own class with an ``ask()`` classmethod (the seam tests replace) and
its own literal texts (so that lupdate collects them); this is what they share.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Whether the officer answered Yes (No is the default button: Enter does not discard)."""
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
