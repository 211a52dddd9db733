"""The rules' judgement shown beside a form, and the head office's decision against it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import Evaluation, RulesValidationError, Severity, format_yen

SEVERITY_COLOURS = {Severity.BLOCK: "#b00020", Severity.LIMIT: "#8a5a00", Severity.INFO: "#333333"}
# What the service refuses a filing for besides a block (services/applications/judging.py).
REFUSING = frozenset({"over_cap"})


class JudgementView(QWidget):
    """What the rules say of the request as typed: eligible or not, the most, the reasons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("judgementVerdict")
        self.verdict.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.limit = QLabel(self)
        self.limit.setWordWrap(True)
        self.reasons = QListWidget(self)
        self.reasons.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addWidget(self.limit)
        layout.addWidget(self.reasons, 1)
        self.refused = False

    def show_result(self, result: Evaluation | RulesValidationError | None) -> None:
        self.reasons.clear()
        self.refused = False
        if result is None:
            self.verdict.setText(
                QCoreApplication.translate("ApplicationForm", "Choose the group and the programme.")
            )
            self.limit.clear()
            return
        if isinstance(result, RulesValidationError):
            self.verdict.setText(QCoreApplication.translate("ApplicationForm", "Check the input."))
            self.limit.clear()
            self._add(str(result), Severity.BLOCK)
            return
        blocks = [r for r in result.reasons if r.severity is Severity.BLOCK or r.code in REFUSING]
        self.refused = bool(blocks)
        if not result.eligible:
            self.verdict.setText(QCoreApplication.translate("ApplicationForm", "Not eligible"))
        elif self.refused:
            self.verdict.setText(
                QCoreApplication.translate("ApplicationForm", "The rules refuse this request")
            )
        else:
            self.verdict.setText(
                QCoreApplication.translate("ApplicationForm", "Grantable: %1").replace(
                    "%1", format_yen(result.grantable)
                )
            )
        self.verdict.setStyleSheet(
            "font-size: 14pt; font-weight: bold;"
            + (f" color: {SEVERITY_COLOURS[Severity.BLOCK]};" if self.refused else "")
        )
        text = QCoreApplication.translate("ApplicationForm", "Most grantable: %1").replace(
            "%1", format_yen(result.max_grantable)
        )
        if result.awards_left is not None:
            text += "　" + QCoreApplication.translate(
                "ApplicationForm", "Awards left for this project: %1"
            ).replace("%1", str(result.awards_left))
        self.limit.setText(text)
        for reason in result.reasons:
            self._add(reason.text, reason.severity)

    def refuse_over(self, asked: int, grantable: int) -> None:
        """⑤: more asked than the operating and venue costs allow (the service refuses it)."""
        self.refused = True
        self.verdict.setText(
            QCoreApplication.translate("ApplicationForm", "The rules refuse this request")
        )
        self._add(
            QCoreApplication.translate(
                "ApplicationForm", "%1 requested is more than the %2 the costs allow"
            )
            .replace("%1", format_yen(asked))
            .replace("%2", format_yen(grantable)),
            Severity.BLOCK,
        )

    def _add(self, text: str, severity: Severity) -> None:
        item = QListWidgetItem(text)
        item.setForeground(QColor(SEVERITY_COLOURS[severity]))
        self.reasons.addItem(item)

    @property
    def texts(self) -> list[str]:
        return [self.reasons.item(row).text() for row in range(self.reasons.count())]


class OverrideBox(QGroupBox):
    """協働推進課: the written reason, kept with the application, and the button to decide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("ApplicationForm", "Decide against the rules"), parent
        )
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setTabChangesFocus(True)
        self.reason_edit.setPlaceholderText(
            QCoreApplication.translate(
                "ApplicationForm",
                "Why the head office decides against the rules (kept with the application)",
            )
        )
        self.button = QPushButton(
            QCoreApplication.translate("ApplicationForm", "Decide against the rules"), self
        )
        self.button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.button)
        self.hide()  # shown once the rules refused and the officer may override

    def reason(self) -> str:
        return self.reason_edit.toPlainText()
