"""ファイル → データの受け渡し…: send this office's file to a folder, or receive files.

送る asks for a folder (a USB stick; the shared folder's inbox of the recipient when one is
set in 設定), 受け取る for one or more ``*.kyodox`` files. Either runs on a worker thread
with a progress bar; the summary at the end says to whom and how many, or what became of
each file. A refusal (no keys yet, no permission) is told in a box as everywhere else.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.services.exchange.offices import HEAD_OFFICE
from kyodo_desktop.services.exchange.receiving import APPLIED, receive_files
from kyodo_desktop.services.exchange.sending import SUFFIX, send
from kyodo_desktop.services.exchange.setup import exchange_office
from kyodo_desktop.services.exchange.shared_folder import inbox, shared_folder
from kyodo_desktop.services.workspace import Workspace
from kyodo_desktop.ui.exchange.job import ExchangeJob
from kyodo_desktop.ui.exchange.summary import received_summary, sent_summary
from kyodo_desktop.ui.widgets.refusal_box import tell_refusal


def choose_folder(parent: QWidget, start: Path | None) -> Path | None:
    """Where to write the file(s); None if the officer cancelled (tests replace this)."""
    chosen = QFileDialog.getExistingDirectory(
        parent,
        QCoreApplication.translate("ExchangeDialog", "Send to which folder?"),
        str(start or ""),
    )
    return Path(chosen) if chosen else None


def choose_files(parent: QWidget, start: Path | None) -> list[Path]:
    """The files to receive; empty if the officer cancelled (tests replace this)."""
    chosen, _ = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("ExchangeDialog", "Receive which files?"),
        str(start or ""),
        QCoreApplication.translate("ExchangeDialog", "Exchange files (*%1)").replace("%1", SUFFIX),
    )
    return [Path(path) for path in chosen]


class ExchangeDialog(QDialog):
    """送る and 受け取る, a progress bar while one runs, and what came of it."""

    done = Signal()  # a send or a receive ended (whatever came of it)
    received = Signal()  # files were taken in: the lists may show new records

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exchangeDialog")
        self.setWindowTitle(self.tr("Exchange data"))
        self._workspace = workspace
        self._job = ExchangeJob(self)
        self._job.finished.connect(self._finished)
        self._doing = ""
        intro = QLabel(
            self.tr(
                "Send this office's records to the head office (or, at the head office, the "
                "return files to the branches), or receive the files brought on a USB stick "
                "or put in the shared folder."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.send_button = QPushButton(self.tr("&Send..."), self)
        self.send_button.setObjectName("sendButton")
        self.send_button.clicked.connect(self.send)
        self.receive_button = QPushButton(self.tr("&Receive..."), self)
        self.receive_button.setObjectName("receiveButton")
        self.receive_button.clicked.connect(self.receive)
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.receive_button)
        buttons.addStretch(1)
        self.working = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exchangeProgress")
        self.progress.setRange(0, 0)  # busy: a file is applied in one transaction
        self.progress.setTextVisible(False)
        self.working.hide()
        self.progress.hide()
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("exchangeSummary")
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText(self.tr("What was sent or received is shown here."))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.close_buttons = close
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.working)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary, 1)
        layout.addWidget(close)
        self.resize(640, 420)

    @property
    def busy(self) -> bool:
        return self._job.busy

    def _start_folder(self, office: str | None) -> Path | None:
        """Where the file dialog opens: the shared folder's inbox for ``office`` (or the
        shared folder itself), if one is set and reachable."""
        shared = shared_folder(self._workspace.database)
        if shared is None or not shared.is_dir():
            return None
        folder = shared if office is None else inbox(shared, office)
        return folder if folder.is_dir() else shared

    def _here(self) -> str:
        actor = self._workspace.actor
        assert actor is not None
        return exchange_office(self._workspace.database, actor)

    def send(self) -> None:
        """送る: ask for the folder, then write the file(s) in the background."""
        if self.busy:
            return
        try:
            here = self._here()
            # The head office writes one file per branch: into the folder itself.
            start = self._start_folder(None if here == HEAD_OFFICE else HEAD_OFFICE)
        except Exception as error:
            self._refused(error)
            return
        folder = choose_folder(self, start)
        if folder is None:
            return
        actor = self._workspace.actor
        self._begin(self.tr("Sending to %1...").replace("%1", str(folder)), "send")
        self._job.start(send, self._workspace.database, actor, self._workspace.data_dir, folder)

    def receive(self) -> None:
        """受け取る: ask for the files, then receive them in the background."""
        if self.busy:
            return
        try:
            start = self._start_folder(self._here())
        except Exception as error:
            self._refused(error)
            return
        files = choose_files(self, start)
        if not files:
            return
        actor = self._workspace.actor
        self._begin(self.tr("Receiving %1 file(s)...").replace("%1", str(len(files))), "receive")
        self._job.start(
            receive_files, self._workspace.database, actor, self._workspace.data_dir, files
        )

    def _begin(self, text: str, doing: str) -> None:
        self._doing = doing
        self.working.setText(text)
        self.working.show()
        self.progress.show()
        self.send_button.setEnabled(False)
        self.receive_button.setEnabled(False)
        self.close_buttons.setEnabled(False)  # the database is being written: wait for it

    def _finished(self, result: object, error: Exception | None) -> None:
        self.working.hide()
        self.progress.hide()
        self.send_button.setEnabled(True)
        self.receive_button.setEnabled(True)
        self.close_buttons.setEnabled(True)
        doing, self._doing = self._doing, ""
        if error is not None:
            self.summary.setPlainText("")
            self._refused(error)
        elif doing == "send":
            self.summary.setPlainText(sent_summary(result))  # type: ignore[arg-type]
        else:
            self.summary.setPlainText(received_summary(result))  # type: ignore[arg-type]
            if any(item.outcome == APPLIED for item in result):  # type: ignore[attr-defined]
                self.received.emit()
        self.done.emit()

    def _refused(self, error: Exception) -> None:
        if not tell_refusal(self, error):
            raise error  # a bug: the program's error handling shows it

    def reject(self) -> None:
        if self.busy:
            return  # Esc while a file is applied: the dialog stays until it is done
        super().reject()
