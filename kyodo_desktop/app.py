"""kyodo-desktop: the composition root of the program a ward officer keeps open all day."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from kyodo_desktop import __version__
from kyodo_desktop.host.folders import APP_NAME, default_data_dir

SMOKE_TEST_MILLISECONDS = 300


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=APP_NAME, description="協働デスク")
    parser.add_argument("--data-dir", type=Path, help="use this folder for the database")
    parser.add_argument("--demo", action="store_true", help="open the demo database")
    parser.add_argument(
        "--database-url",
        metavar="URL",
        help="the head office's server, postgresql://USER@HOST/DATABASE (default: "
        "KYODO_DATABASE_URL); the password comes from ~/.pgpass or PGPASSFILE",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start, show the main window, run the event loop briefly and exit",
    )
    parser.add_argument("--language", default="ja", choices=["ja", "en"])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.smoke_test and sys.platform.startswith("linux"):
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    import threading

    # Load the database layer on the other core while Qt starts on this one.
    folder_ahead = _folder(args)
    preload = threading.Thread(target=_preload_database_layer, args=(folder_ahead,), daemon=True)
    preload.start()

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kyodo_desktop.ui.main_window import MainWindow
    from kyodo_desktop.ui.resources import install_fonts, install_translations
    from kyodo_desktop.ui.screens import screen_entries

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    translators = install_translations(app, args.language)  # must outlive the event loop
    install_fonts(app)

    data_dir = args.data_dir or default_data_dir()
    folder = folder_ahead
    # The window shows at once; the database (and the layers under it) load behind it.
    window = MainWindow(
        screen_entries(), folder / "window.ini", remember_layout=not args.smoke_test
    )
    window.show()
    failed: list[int] = []
    backups: list = []  # the BackupTimer, once the records are open
    checks: list = []  # a large file's quick_check, run behind the open window
    exchanges: list = []  # the shared folder's passes, once the records are open

    def open_records() -> None:
        preload.join()  # never import the same modules from two threads at once
        try:
            workspace = open_workspace_for(data_dir, demo=args.demo, url=args.database_url)
            if not sign_in_to(workspace, window, unattended=args.smoke_test):
                window.close()  # the officer closed the sign-in: nothing was opened
                app.exit(0)
                return
            window.attach(workspace)
            from kyodo_desktop.ui.safekeeping.backup_timer import start_backups

            backups.append(start_backups(window, workspace, interactive=not args.smoke_test))
            from kyodo_desktop.ui.safekeeping.background_check import check_behind_window

            checks.append(check_behind_window(window, workspace, backups[-1]))
            from kyodo_desktop.ui.exchange.folder_timer import start_folder_exchange

            exchanges.append(start_folder_exchange(window, workspace))
        except Exception as error:
            from kyodo_desktop.ui.errors import report_startup_failure

            failed.append(report_startup_failure(error, folder, interactive=not args.smoke_test))
            window.close()
            app.exit(failed[-1])

    QTimer.singleShot(0, open_records)

    if args.smoke_test:
        # Exit once the records are on screen and the loop has run briefly.
        def finish() -> None:
            if failed:
                return
            if window.workspace is None:
                QTimer.singleShot(20, finish)
                return
            from kyodo_desktop.ui.printing.printer import self_check

            problems = [] if window.isVisible() else ["the main window is not visible"]
            problems += [problem for problem in (self_check(),) if problem]
            for problem in problems:
                print(f"smoke test failed: {problem}", file=sys.stderr)
            window.close()
            app.exit(1 if problems else 0)

        QTimer.singleShot(SMOKE_TEST_MILLISECONDS, finish)

    code = app.exec()
    for timer in backups:
        timer.stop()  # a backup in progress finishes before the file is closed
    for check in checks:
        if check is not None:
            check.stop()
    for exchange in exchanges:
        exchange.at_exit()  # the officer's last work goes to the shared folder
    if window.workspace is not None:
        if window.workspace.actor is not None and window.workspace.actor.staff_id is not None:
            sign_out_at_exit(window.workspace)
        window.workspace.close()
    for translator in translators:
        app.removeTranslator(translator)
    return code


def _folder(args: argparse.Namespace) -> Path:
    from kyodo_desktop.store.locations import DEMO_FOLDER_NAME

    data_dir = args.data_dir or default_data_dir()
    return data_dir / DEMO_FOLDER_NAME if args.demo else data_dir


def _preload_database_layer(folder: Path) -> None:
    """Import the database layer and check the file while Qt starts on the other core."""
    # The first screen's list and the day's follow-ups, then the rest of the layer.
    import kyodo_desktop.services.browse
    import kyodo_desktop.services.consultations.follow_ups
    import kyodo_desktop.services.workspace  # noqa: F401
    from kyodo_desktop.store.backup.check import checked_before_opening, quick_check
    from kyodo_desktop.store.locations import DATABASE_FILE_NAME

    path = folder / DATABASE_FILE_NAME
    try:
        if path.is_file() and checked_before_opening(path):
            quick_check(path)  # sqlite3 releases the GIL; open_database reuses a sound result
    except Exception:
        return


def sign_in_to(workspace, window, *, unattended: bool) -> bool:  # type: ignore[no-untyped-def]
    """Someone signs in (the first start sets up first); False if nobody did."""
    from kyodo_desktop.ui.sign_in.opening import first_sign_in

    if workspace.actor is None:  # the demo signs its officer in by itself
        workspace.actor = first_sign_in(workspace, window, unattended=unattended)
    if workspace.actor is None:
        workspace.close()
        return False
    return True


def sign_out_at_exit(workspace) -> None:  # type: ignore[no-untyped-def]
    """The trail records the end of the session; a full or locked disk must not stop the exit."""
    from kyodo_desktop.services.access.signing_in import sign_out
    from kyodo_desktop.store.errors import classify

    try:
        sign_out(workspace.database, workspace.actor)
    except Exception as error:
        if classify(error) is None:
            raise


def open_workspace_for(data_dir: Path, *, demo: bool, url: str | None = None):  # type: ignore[no-untyped-def]
    """The real database (the data folder's file, or the server), or the demo database."""
    from kyodo_desktop.services.workspace import open_demo_workspace, open_workspace
    from kyodo_desktop.store.server.url import ENVIRONMENT, server_url

    if demo:
        return open_demo_workspace(data_dir, today=date.today())
    text = url or os.environ.get(ENVIRONMENT)
    server = server_url(text, from_command_line=bool(url)) if text else None
    return open_workspace(data_dir, url=server)


if __name__ == "__main__":
    sys.exit(main())
