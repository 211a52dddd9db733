"""How long nobody has touched the PC: Windows' own last-input time (the screen saver's).

Elsewhere there is no such call the program may use, and the idle lock watches the window
instead (ui/sign_in/idle_lock.py).
"""

from __future__ import annotations

import sys


def seconds_since_input() -> float | None:
    """Seconds since the last keyboard or mouse input to Windows (GetLastInputInfo); None
    on any other system or when Windows cannot say."""
    if sys.platform != "win32":
        return None
    import ctypes
    from ctypes import wintypes

    class LastInputInfo(ctypes.Structure):
        _fields_ = [("cbSize", wintypes.UINT), ("dwTime", wintypes.DWORD)]

    info = LastInputInfo(ctypes.sizeof(LastInputInfo), 0)
    if not ctypes.windll.user32.GetLastInputInfo(ctypes.byref(info)):  # type: ignore[attr-defined]
        return None
    # GetTickCount wraps after 49.7 days; the difference of two DWORDs wraps with it.
    elapsed_ms = (ctypes.windll.kernel32.GetTickCount() - info.dwTime) & 0xFFFFFFFF  # type: ignore[attr-defined]
    return elapsed_ms / 1000
