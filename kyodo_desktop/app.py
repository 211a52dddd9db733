"""kyodo-desktop: the composition root of the program a ward officer keeps open all day."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from kyodo_desktop import __version__

APP_NAME = "kyodo-desktop"
SMOKE_TEST_MILLISECONDS = 300


def default_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=APP_NAME, description="協働デスク")
    parser.add_argument("--data-dir", type=Path, help="use this folder for the database")
    parser.add_argument("--demo", action="store_true", help="open the demo database")
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

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kyodo_desktop.ui.errors import report_startup_failure
    from kyodo_desktop.ui.resources import install_fonts, install_translations

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    translators = install_translations(app, args.language)  # must outlive the event loop
    install_fonts(app)

    data_dir = args.data_dir or default_data_dir()
    try:
        window = open_main_window(data_dir, demo=args.demo, remember_layout=not args.smoke_test)
    except Exception as error:
        return report_startup_failure(error, data_dir, interactive=not args.smoke_test)
    window.show()

    if args.smoke_test:
        failures: list[str] = []

        def finish() -> None:
            if not window.isVisible():
                failures.append("the main window is not visible")
            window.close()
            app.exit(1 if failures else 0)

        QTimer.singleShot(SMOKE_TEST_MILLISECONDS, finish)
        code = app.exec()
        for failure in failures:
            print(f"smoke test failed: {failure}", file=sys.stderr)
        window.workspace.close()
        return code

    code = app.exec()
    window.workspace.close()
    for translator in translators:
        app.removeTranslator(translator)
    return code


def open_main_window(data_dir: Path, *, demo: bool, remember_layout: bool = True):  # type: ignore[no-untyped-def]
    from kyodo_desktop.services.workspace import open_demo_workspace, open_workspace
    from kyodo_desktop.ui.main_window import MainWindow
    from kyodo_desktop.ui.screens.catalogue import screen_entries

    if demo:
        workspace = open_demo_workspace(data_dir, today=date.today())
    else:
        workspace = open_workspace(data_dir, url=os.environ.get("KYODO_DATABASE_URL"))
    return MainWindow(
        workspace,
        screen_entries(),
        workspace.data_dir / "window.ini",
        remember_layout=remember_layout,
    )


if __name__ == "__main__":
    sys.exit(main())
