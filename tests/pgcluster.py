"""A throw-away PostgreSQL cluster for the tests and the benchmark: `initdb` in a temporary
folder, reached only through a Unix socket in that folder (no network), stopped and removed
at the end.

MEETINGDESK_TEST_PG=postgresql://… uses a server that is already running instead (its user must
be allowed to create databases and roles). Run as root, the cluster belongs to the `postgres`
user, as PostgreSQL refuses to run as root."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "meetingdesk_test"


def binaries() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, or Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


class Cluster:
    """A running cluster; URL(db) names a database on it."""

    def __init__(self, folder: Path, owner: str | None) -> None:
        self.folder = folder
        self.socket = folder / "socket"
        self.data = folder / "data"
        self.owner = owner
        self.bin = binaries()

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> "Cluster":
        self.socket.mkdir(parents=True)
        if self.owner:
            shutil.chown(self.folder, self.owner)
            shutil.chown(self.socket, self.owner)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        options = (f"-c listen_addresses='' -k {self.socket} -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-w", "-l", str(self.folder / "log"), "start")
        return self

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@/{database}?host={self.socket}"


def start() -> Cluster | None:
    """A new cluster, None when PostgreSQL's server programs are not installed."""
    if binaries() is None:
        return None
    owner = None
    if os.geteuid() == 0:
        owner = "postgres" if _user_exists("postgres") else "nobody"
    folder = Path(tempfile.mkdtemp(prefix="meetingdesk-pg-"))
    os.chmod(folder, 0o755)
    cluster = Cluster(folder, owner)
    try:
        return cluster.start()
    except (subprocess.CalledProcessError, OSError):
        cluster.stop()
        raise


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


if __name__ == "__main__":  # python -m tests.pgcluster: a cluster to try things on, until Ctrl-C
    c = start()
    print(c.url(), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        c.stop()
