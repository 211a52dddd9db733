"""A throwaway PostgreSQL server for the tests: initdb in a temporary folder, a Unix socket.

Debian's postgresql package provides the binaries (`.ci/setup` installs it). initdb and
pg_ctl refuse to run as root, so as root they run as the ``postgres`` user. The server
listens on a socket in its own folder only (no TCP port), trusts that socket, and skips
fsync: it holds nothing that must survive the run. If it cannot start, the tests that need
it fail with what the server said; they are never skipped.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

SUPERUSER = "kyodo_test"


def _bin_dir() -> Path:
    try:
        found = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if (Path(found) / "initdb").exists():
            return Path(found)
    except (OSError, subprocess.CalledProcessError):
        pass
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not candidates:
        raise RuntimeError(
            "PostgreSQL's initdb was not found: run `bash .ci/setup`, which installs Debian's "
            "postgresql package"
        )
    return Path(candidates[-1]).parent


class ThrowawayServer:
    """One PostgreSQL server for a test run."""

    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.folder = Path(tempfile.mkdtemp(prefix="kyodo-pg-"))
        self.data = self.folder / "data"
        self.socket = self.folder / "socket"
        self.socket.mkdir()
        self.log = self.folder / "server.log"
        self._as_root = os.geteuid() == 0
        if self._as_root:
            shutil.chown(self.folder, "postgres")
            shutil.chown(self.socket, "postgres")
            os.chmod(self.folder, 0o755)

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self._as_root else []
        result = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, check=False, timeout=120
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{Path(command[0]).name} failed ({result.returncode}): "
                f"{result.stderr.strip()[-2000:]}\n{log}"
            )

    def start(self) -> ThrowawayServer:
        self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = (
            f"-k {self.socket} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
            "-w", "start",
        )  # fmt: skip
        return self

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def add_password_user(self, name: str, password: str) -> None:
        """A role that must give its password over the socket (the others are trusted)."""
        self.execute(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
        hba = self.data / "pg_hba.conf"
        rules = hba.read_text()
        if f" {name} " not in rules:
            hba.write_text(f"local all {name} scram-sha-256\n" + rules)
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "reload")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(
            dbname=database, user=SUPERUSER, host=str(self.socket), autocommit=True
        ) as connection:
            connection.execute(sql)

    def create_database(self, template: str | None = None) -> str:
        name = "t_" + uuid.uuid4().hex[:12]
        self.execute(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
