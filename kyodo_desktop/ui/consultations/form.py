"""The quick-entry form of a consultation (相談の記録), built for the counter.

Keyboard only from the first field to saved: Tab moves on, Space ticks a topic, typing in
a list finds the entry, Ctrl+S saves, Esc asks before discarding anything typed. A new
consultation clears the form when saved, ready for the next person in the queue; changing a
saved one closes the form. What is typed is written to a draft file a second after the
last change (services/drafts.py) and offered again after a crash (ui/consultations/drafts.py).
When someone else signs in the form closes but its draft stays, offered to its officer at
their next sign-in; while the screen is locked the form is hidden (ui/main_window.py).
"""

from __future__ import annotations

import contextlib
import itertools
import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kyodo_desktop.rules import format_wareki
from kyodo_desktop.services import drafts
from kyodo_desktop.services.consultations.log import (
    change_consultation,
    get_consultation,
    log_consultation,
)
from kyodo_desktop.ui.consultations.entry import ConsultationEntry
from kyodo_desktop.ui.printing.menu import ConsultationPrintButton
from kyodo_desktop.ui.widgets.fields import FieldError
from kyodo_desktop.ui.widgets.questions import confirm
from kyodo_desktop.ui.widgets.refusal_box import message_label, refusal_text, say_refusal

if TYPE_CHECKING:
    from kyodo_desktop.services.workspace import Workspace

DRAFT_DELAY_MS = 1000  # a draft is written this long after the last change
DRAFT_KIND = "consultation"
SAVED_STYLE = "color: #1b5e20;"


class DiscardTypedQuestion:
    """Asked before a form with typed text is closed without saving."""

    @classmethod
    def ask(cls, parent: QWidget) -> bool:
        return confirm(
            parent,
            QCoreApplication.translate("ConsultationForm", "Discard the consultation"),
            QCoreApplication.translate(
                "ConsultationForm",
                "What you typed has not been saved. Close the form and discard it?",
            ),
        )


class ConsultationForm(QDialog):
    """One consultation being typed: new, or a saved one being changed."""

    saved = Signal(object)  # the consultation's id
    draft_written = Signal(object)  # the draft file's path (None: nothing typed, removed)

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        draft_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        if workspace.actor is None:
            raise RuntimeError("nobody is signed in to the workspace")
        self._workspace = workspace
        self._actor = workspace.actor  # the officer who opened it saves it
        self.draft_id = draft_id or uuid.uuid4()
        self.consultation_id: uuid.UUID | None = None
        self._row_version: int | None = None
        self._hidden_by_lock = False
        self.setWindowTitle(QCoreApplication.translate("ConsultationForm", "New consultation"))
        self.entry = ConsultationEntry(workspace, self._actor, self)
        self.message = message_label(self)
        self.status = QLabel(self)
        self.status.setStyleSheet(SAVED_STYLE)
        self.save_button = QPushButton(
            QCoreApplication.translate("ConsultationForm", "Save (Ctrl+S)"), self
        )
        self.close_button = QPushButton(
            QCoreApplication.translate("ConsultationForm", "Close"), self
        )
        self.print_button = ConsultationPrintButton(
            workspace,
            self._actor,
            lambda: self.consultation_id,
            lambda error: say_refusal(self.message, error),
            self,
        )
        self.saved.connect(self.print_button.saved)
        for button in (self.save_button, self.close_button):
            button.setAutoDefault(False)  # Enter in a field must not save half a form
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.entry)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(640, 720)
        order = [*self.entry.tab_order(), self.save_button, self.print_button, self.close_button]
        for first, second in itertools.pairwise(order):
            self.setTabOrder(first, second)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.write_draft)
        self._baseline = self.entry.snapshot()
        self.entry.changed.connect(self._changed)
        self.print_button.refresh(unsaved=False)

    # Opening -----------------------------------------------------------------------

    @classmethod
    def open_new(cls, workspace: Workspace, parent: QWidget | None) -> ConsultationForm:
        """A form for a new consultation, shown beside the main window."""
        return cls._opened(cls(workspace, parent))

    @classmethod
    def open_existing(
        cls, workspace: Workspace, consultation_id: uuid.UUID, parent: QWidget | None
    ) -> ConsultationForm:
        """A form over a saved consultation (a ServiceError if it cannot be opened)."""
        form = cls(workspace, parent)
        try:
            view = get_consultation(workspace.database, form._actor, consultation_id)
            form.consultation_id, form._row_version = view.id, view.row_version
            form.setWindowTitle(
                QCoreApplication.translate("ConsultationForm", "Consultation of %1").replace(
                    "%1", format_wareki(view.occurred_on)
                )
            )
            form.entry.load(view)
        except BaseException:
            form.deleteLater()
            raise
        form._settle()
        return cls._opened(form)

    @classmethod
    def open_draft(
        cls, workspace: Workspace, draft: drafts.Draft, parent: QWidget | None
    ) -> ConsultationForm:
        """A form filled in from a draft a crash left (KeyError, TypeError, ValueError if
        the file is not a draft of this form)."""
        form = cls(workspace, parent, draft_id=draft.draft_id)
        try:
            if draft.data.get("kind") != DRAFT_KIND:
                raise ValueError("not a consultation draft")
            if draft.data.get("consultation_id"):
                form.consultation_id = uuid.UUID(str(draft.data["consultation_id"]))
                form._row_version = int(draft.data["row_version"])
                form.setWindowTitle(
                    QCoreApplication.translate("ConsultationForm", "Consultation (restored)")
                )
            form.entry.restore(dict(draft.data["fields"]))
        except BaseException:
            form.deleteLater()
            raise
        form._draft_timer.stop()
        form._baseline = {}  # a restored draft is unsaved work until saved or discarded
        return cls._opened(form)

    @staticmethod
    def _opened(form: ConsultationForm) -> ConsultationForm:
        form.finished.connect(form.deleteLater)
        form.print_button.refresh(form.has_unsaved_work())
        # Whoever opened it, the window refreshes its other lists when it saves.
        opener = form.parentWidget()
        watch = getattr(opener.window(), "watch_consultation_form", None) if opener else None
        if callable(watch):
            watch(form)
        form.show()
        form.raise_()
        form.activateWindow()
        form.entry.occurred_on.edit.setFocus()
        return form

    def _settle(self) -> None:
        """What is shown now is what is saved: nothing to keep, nothing to discard."""
        self._draft_timer.stop()
        self._baseline = self.entry.snapshot()
        self.print_button.refresh(unsaved=False)

    # Drafts ------------------------------------------------------------------------

    def has_unsaved_work(self) -> bool:
        return self.entry.snapshot() != self._baseline

    def _changed(self) -> None:
        self.status.clear()
        self._draft_timer.start()
        self.print_button.refresh(self.has_unsaved_work())

    def _draft_data(self) -> dict[str, Any]:
        return {
            "kind": DRAFT_KIND,
            "version": 1,
            "consultation_id": str(self.consultation_id) if self.consultation_id else None,
            "row_version": self._row_version,
            "fields": self.entry.snapshot(),
        }

    def write_draft(self) -> bool:
        """Keep what is typed on disk (or forget the draft when nothing is); False if the
        disk refused, so that closing the form now would lose what is typed."""
        self._draft_timer.stop()
        data_dir, login = self._workspace.data_dir, self._actor.login_id
        try:
            if not self.has_unsaved_work():
                drafts.remove(data_dir, login, self.draft_id)
                self.draft_written.emit(None)
                return True
            path = drafts.save(data_dir, login, self.draft_id, self._draft_data())
        except OSError as error:
            self.status.setText(
                QCoreApplication.translate(
                    "ConsultationForm", "The draft could not be kept on disk (%1)."
                ).replace("%1", str(error))
            )
            return False
        self.draft_written.emit(path)
        return True

    def _forget_draft(self) -> None:
        self._draft_timer.stop()
        # A draft left behind is only offered again, never saved by itself.
        with contextlib.suppress(OSError):
            drafts.remove(self._workspace.data_dir, self._actor.login_id, self.draft_id)

    # Saving ------------------------------------------------------------------------

    def save(self) -> bool:
        """Ctrl+S: save what is typed; whether it was saved."""
        # A word still being converted by the IME goes in as typed, never lost.
        QGuiApplication.inputMethod().commit()
        self.entry.commit_preedit()
        self.message.hide()
        self.status.clear()
        try:
            draft = self.entry.draft()
        except FieldError as error:
            self._refuse(error.message, error.widget)
            return False
        database = self._workspace.database
        try:
            if self.consultation_id is None:
                saved_id = log_consultation(database, self._actor, draft)
            else:
                view = change_consultation(
                    database,
                    self._actor,
                    self.consultation_id,
                    draft,
                    row_version=self._row_version,
                )
                saved_id, self._row_version = view.id, view.row_version
        except Exception as error:
            text = refusal_text(error)
            if text is None:
                raise  # a bug, not a refusal: reported as one
            self._refuse(text, self.entry.widget_for(getattr(error, "field", None)))
            self.write_draft()  # whatever happens next, what was typed is on disk
            return False
        self._forget_draft()
        self.saved.emit(saved_id)
        if self.consultation_id is None:
            # The next person in the queue: a fresh form, the cursor in the first field.
            self.entry.reset()
            self._settle()
            self.draft_id = uuid.uuid4()
            self.status.setText(
                QCoreApplication.translate(
                    "ConsultationForm", "Saved. Ready for the next consultation."
                )
            )
            self.entry.occurred_on.edit.setFocus()
        else:
            self._settle()
            self.accept()
        return True

    def _refuse(self, text: str, widget: QWidget | None) -> None:
        self.message.setText(text)
        self.message.show()
        if widget is not None:
            widget.setFocus()

    # Closing -----------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Close, the window's ×: ask first if anything typed would be lost."""
        if self.has_unsaved_work() and not DiscardTypedQuestion.ask(self):
            return
        self.discard()

    def discard(self) -> None:
        """Close without saving and forget the draft (the officer agreed)."""
        self._forget_draft()
        self._hidden_by_lock = False
        self._baseline = self.entry.snapshot()
        super().reject()

    def close_keeping_draft(self) -> None:
        """Someone else signs in: close, what is typed waiting in the draft for its officer."""
        self.write_draft()
        self._hidden_by_lock = False
        self._baseline = self.entry.snapshot()
        super().reject()

    # The idle lock -----------------------------------------------------------------

    def is_open(self) -> bool:
        """Shown, or hidden only while the screen is locked."""
        return self.isVisible() or self._hidden_by_lock

    def hide_for_lock(self) -> None:
        """The screen locked: nobody passing the desk reads it, and a power cut loses nothing."""
        if not self.isVisible():
            return
        self.write_draft()
        self._hidden_by_lock = True
        self.hide()  # a window hidden keeps its place: shown again where it was

    def show_after_lock(self) -> None:
        """Unlocked by the same officer: back where it was, with what was typed."""
        if self._hidden_by_lock:
            self._hidden_by_lock = False
            self.show()
