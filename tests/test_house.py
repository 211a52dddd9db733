"""The house itself: every package ships, no module imports another in a circle."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import kyodo_desktop

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(kyodo_desktop.__file__).resolve().parent


def test_pyproject_lists_every_package_so_that_pip_install_ships_it() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(init.parent.relative_to(PACKAGE.parent).parts)
        for init in PACKAGE.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found - listed == set(), "add these packages to [tool.setuptools] packages"
    assert {
        name
        for name in listed - found
        if not name.startswith(("kyodo_desktop.resources", "kyodo_desktop.migrations"))
    } == set(), "these listed packages no longer exist"


def _modules() -> list[tuple[str, ast.Module]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        name = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found.append((name.removesuffix(".__init__"), ast.parse(path.read_text(encoding="utf-8"))))
    return found


def test_no_module_imports_another_modules_private_name() -> None:
    """A name starting with _ is its module's own: share it under a public name instead."""
    crossing = [
        f"{module}: from {node.module} import {alias.name}"
        for module, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kyodo_desktop")
        for alias in node.names
        if alias.name.startswith("_") and not alias.name.startswith("__")
    ]
    assert crossing == []


# Modules and calls that exist on only one of the counters' Windows and other systems.
POSIX_ONLY_MODULES = {"fcntl", "pwd", "grp", "termios", "resource", "tty", "pty", "posix"}
WINDOWS_ONLY_MODULES = {"winreg", "msvcrt", "_winapi", "winsound", "nt"}
ONE_SYSTEM_CALLS = (
    {
        ("os", name)
        for name in [
            "fork",
            "forkpty",
            "getuid",
            "geteuid",
            "getgid",
            "getegid",
            "getgroups",
            "setuid",
            "setgid",
            "seteuid",
            "setegid",
            "setsid",
            "getsid",
            "getpgid",
            "setpgid",
            "getpgrp",
            "killpg",
            "chown",
            "lchown",
            "fchown",
            "lchmod",
            "mkfifo",
            "mknod",
            "statvfs",
            "fstatvfs",
            "sync",
            "fdatasync",
            "getloadavg",
            "uname",
            "nice",
            "wait3",
            "wait4",
            "openpty",
            "pipe2",
            "posix_fadvise",
            "posix_fallocate",
            "sched_getaffinity",
            "sched_setaffinity",
            "ttyname",
            "ctermid",
            "sysconf",
            "pathconf",
            "fpathconf",
            "confstr",
            "getresuid",
            "getresgid",
            "startfile",
            "O_DIRECTORY",
            "O_NOFOLLOW",
            "O_NONBLOCK",
        ]
    }
    | {
        ("signal", name)
        for name in [
            "SIGKILL",
            "SIGHUP",
            "SIGUSR1",
            "SIGUSR2",
            "SIGALRM",
            "SIGCHLD",
            "SIGPIPE",
            "SIGQUIT",
            "alarm",
            "pause",
            "setitimer",
            "getitimer",
            "siginterrupt",
            "pthread_kill",
            "pthread_sigmask",
            "sigwait",
        ]
    }
    | {("select", "poll"), ("select", "epoll"), ("select", "kqueue"), ("ctypes", "windll")}
)
# The one place each such concern lives (see kyodo_desktop/host/__init__.py).
PLATFORM_MODULES = "kyodo_desktop.host"


def one_system_uses(tree: ast.Module) -> list[str]:
    """The POSIX- or Windows-only modules and calls a module's source uses."""
    used = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in ONE_SYSTEM_CALLS:
                used.append(f"{node.value.id}.{node.attr}")
            continue
        if isinstance(node, ast.Import):
            names = [(alias.name.split(".")[0], "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            head = (node.module or "").split(".")[0]
            names = [(head, "")] + [(head, alias.name) for alias in node.names]
        else:
            continue
        for head, attr in names:
            if (
                head in POSIX_ONLY_MODULES | WINDOWS_ONLY_MODULES
                or (head, attr) in ONE_SYSTEM_CALLS
            ):
                used.append(f"import {head}{'.' + attr if attr else ''}")
    return used


def test_what_only_one_system_has_is_used_only_in_the_host_modules() -> None:
    """The branch PCs run Windows and CI cannot: keep anything POSIX- or Windows-only in host/."""
    used = [
        f"{module}: {use}"
        for module, tree in _modules()
        if not module.startswith(PLATFORM_MODULES)
        for use in one_system_uses(tree)
    ]
    assert used == []


def test_the_check_finds_posix_and_windows_only_imports_and_calls() -> None:
    source = (
        "import fcntl\nimport os\nfrom signal import SIGKILL\nimport ctypes\n"
        "def f():\n    os.getuid()\n    ctypes.windll.kernel32\n    os.replace('a', 'b')\n"
    )
    assert one_system_uses(ast.parse(source)) == [
        "import fcntl",
        "import signal.SIGKILL",
        "os.getuid",
        "ctypes.windll",
    ]
