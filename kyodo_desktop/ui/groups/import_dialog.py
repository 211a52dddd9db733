"""団体 → ファイルから取り込む…: choose a ledger, see what it would do, then import it or not.

The file is read and planned before the dialog opens (a ledger of a few hundred rows takes
well under a second), so what the officer sees is what 取り込む does; if the file or the
registry changes in between, the service refuses and nothing is written.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import format_wareki
from kyodo_desktop.services.groups.ledger_file import Ledger, read_ledger
from kyodo_desktop.services.groups.ledger_import import (
    ImportPlan,
    import_groups,
    preview_group_import,
)
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.widgets.refusal_box import tell_refusal


def _counted(households: int | None, day: object) -> str:
    return "" if households is None else f"{households:,}世帯（{format_wareki(day)}現在）"  # type: ignore[arg-type]


class GroupImportDialog(QDialog):
    """The plan of one ledger in three lists, and 取り込む / キャンセル."""

    def __init__(
        self, workspace: Workspace, ledger: Ledger, plan: ImportPlan, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace, self._ledger, self.plan = workspace, ledger, plan
        self.imported: ImportPlan | None = None
        self.setWindowTitle(self.tr("Import groups from a file"))
        self.setObjectName("groupImportDialog")
        summary = (
            self.tr("%1: %2 to create, %3 to update, %4 unchanged, %5 not imported.")
            .replace("%1", plan.file_name)
            .replace("%2", f"{len(plan.created):,}")
            .replace("%3", f"{len(plan.updated):,}")
            .replace("%4", f"{len(plan.unchanged):,}")
            .replace("%5", f"{len(plan.left_out):,}")
        )
        if plan.flagged:
            summary += " " + self.tr(
                "%1 row(s) look like registered groups and are not created."
            ).replace("%1", f"{len(plan.flagged):,}")
        if ledger.ignored_columns:
            summary += "\n" + self.tr("Columns not used: %1").replace(
                "%1", "、".join(ledger.ignored_columns)
            )
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        row_text = self.tr("Row %1")
        self.created_list = self._list(
            "createdList",
            [
                f"{row_text.replace('%1', str(g.row))}　{g.name}　{g.kind}　{g.office_name}　"
                f"{_counted(g.households, g.households_counted_on)}".rstrip()
                for g in plan.created
            ],
        )
        unknown = self.tr("not recorded")
        self.updated_list = self._list(
            "updatedList",
            [
                f"{row_text.replace('%1', str(u.row))}　{u.name}　"
                f"{_counted(u.households_before, u.counted_on_before) or unknown} → "
                f"{_counted(u.households, u.households_counted_on)}"
                for u in plan.updated
            ],
        )
        duplicate = self.tr("Possible duplicate")
        self.left_out_list = self._list(
            "leftOutList",
            [f"【{duplicate}】{r.line}" if r.possible_duplicate else r.line for r in plan.left_out],
        )
        self.tabs = QTabWidget(self)
        for widget, title, count in (
            (self.created_list, self.tr("Create (%1)"), len(plan.created)),
            (self.updated_list, self.tr("Update (%1)"), len(plan.updated)),
            (self.left_out_list, self.tr("Not imported (%1)"), len(plan.left_out)),
        ):
            self.tabs.addTab(widget, title.replace("%1", f"{count:,}"))
        if plan.nothing_to_do and plan.left_out:
            self.tabs.setCurrentWidget(self.left_out_list)
        buttons = QDialogButtonBox(self)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(not plan.nothing_to_do)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self.do_import)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)

    def _list(self, name: str, lines: list[str]) -> QListWidget:
        widget = QListWidget(self)
        widget.setObjectName(name)
        # A reason is a sentence or two: wrapped, so it is read whole without scrolling sideways.
        widget.setWordWrap(True)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setResizeMode(QListWidget.ResizeMode.Adjust)
        widget.setAlternatingRowColors(True)
        widget.addItems(lines)
        return widget

    def do_import(self) -> None:
        try:
            self.imported = import_groups(
                self._workspace.database, self._workspace.actor, self._ledger, expected=self.plan
            )
        except Exception as error:  # refused (plan changed), a locked disk ...
            if not tell_refusal(self, error):
                raise  # a bug
            return
        self.tell(
            self,
            self.tr("%1 group(s) created, %2 updated.")
            .replace("%1", f"{len(self.imported.created):,}")
            .replace("%2", f"{len(self.imported.updated):,}"),
        )
        self.accept()

    # Seams: tests answer these instead of a person.

    @classmethod
    def ask_path(cls, parent: QWidget | None) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _chosen = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("GroupImportDialog", "Import groups from a file"),
            folder,
            QCoreApplication.translate("GroupImportDialog", "Excel or CSV (*.xlsx *.csv)"),
        )
        return Path(path) if path else None

    @classmethod
    def tell(cls, parent: QWidget | None, text: str) -> None:
        title = QCoreApplication.translate("GroupImportDialog", "Import groups from a file")
        QMessageBox.information(parent, title, text)

    @classmethod
    def run(cls, workspace: Workspace, parent: QWidget | None) -> ImportPlan | None:
        """Choose a file, preview it, import it if the officer says so; what was imported."""
        path = cls.ask_path(parent)
        if path is None:
            return None
        try:
            ledger = read_ledger(path)
            plan = preview_group_import(workspace.database, workspace.actor, ledger)
        except Exception as error:  # a file that cannot be read, a refusal
            if not tell_refusal(parent, error):
                raise
            return None
        dialog = cls(workspace, ledger, plan, parent)
        try:
            dialog.exec()
            return dialog.imported
        finally:
            dialog.deleteLater()
