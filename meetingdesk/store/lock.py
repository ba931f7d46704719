"""One writer at a time: a lock file beside the session file.

SQLite alone lets two programs write one file in turn, each overwriting the other's view of it;
the lock keeps a second window, program or command from writing while another holds the session.
The lock is an operating-system lock on `SESSION.lock` (released by the system when the holder
dies, so a crash never leaves the session locked for good) and the file's text says who holds it
(computer, user, since when) for the refusal's message. A lock file whose OS lock is free is a
stale one from a crash and is taken over.
"""
from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass
from pathlib import Path

from .errors import UserError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt
else:
    import fcntl


@dataclass(frozen=True)
class Holder:
    computer: str
    user: str
    since: str  # ISO time
    pid: int = 0
    program: str = "MeetingDesk"

    def describe(self) -> str:
        since = self.since.replace("T", " ")[:16]
        return f"计算机“{self.computer or '未知'}”上的用户“{self.user or '未知'}”自 {since} 起"


class SessionLockedError(UserError):
    """Another window, program or command holds the session for writing."""

    def __init__(self, path: Path, holder: Holder | None) -> None:
        who = holder.describe() if holder else "另一个程序"
        super().__init__(f"会议文件“{path.name}”正由{who}打开并修改，为免互相覆盖，此处不能同时修改。"
                         "可以只读方式打开查看和打印，或请对方关闭后再试。")
        self.path = path
        self.holder = holder


def lock_path(session: Path) -> Path:
    return session.with_name(session.name + ".lock")


def me() -> Holder:
    try:
        user = getpass.getuser()
    except Exception:  # no login name (a service account): the lock still works
        user = ""
    return Holder(socket.gethostname(), user, dt.datetime.now().isoformat(timespec="seconds"), os.getpid())


def _read(fd: int) -> Holder | None:
    os.lseek(fd, 0, os.SEEK_SET)
    raw = os.read(fd, 4096)
    try:
        data = json.loads(raw.decode("utf-8"))
        return Holder(str(data.get("computer", "")), str(data.get("user", "")), str(data.get("since", "")),
                      int(data.get("pid", 0)), str(data.get("program", "MeetingDesk")))
    except (ValueError, AttributeError, TypeError):
        return None


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":  # pragma: no cover
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class SessionLock:
    """The held lock of one session file; release() (or the process ending) frees it."""

    def __init__(self, session: Path, fd: int, stale: Holder | None) -> None:
        self.session = session
        self.file = lock_path(session)
        self._fd: int | None = fd
        self.stale = stale  # who held it before a crash, when the lock was taken over

    @classmethod
    def acquire(cls, session: Path) -> "SessionLock":
        """Hold SESSION for writing; SessionLockedError naming the holder when another has it,
        UserError when the folder cannot take a lock file (the caller may open read-only)."""
        path = lock_path(session)
        for _ in range(3):  # the holder may remove the file between our open and our lock
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise UserError(f"无法在“{path.parent}”建立锁文件（{exc.strerror or exc}），"
                                "会议文件只能以只读方式打开。") from exc
            if not _try_lock(fd):
                holder = _read(fd)
                os.close(fd)
                raise SessionLockedError(session, holder)
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                os.close(fd)
                continue
            previous = _read(fd)
            here = me()
            if (previous and previous.computer == here.computer and previous.pid != here.pid
                    and _alive(previous.pid) and _same_program(previous.pid) and network_drive(session)):
                # The OS lock is free but its holder runs on: the folder's locks do not work
                # (a network drive); its text is all there is to go by.
                os.close(fd)
                raise SessionLockedError(session, previous)
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(here.__dict__, ensure_ascii=False).encode("utf-8"))
            os.fsync(fd)
            return cls(session, fd, previous if previous and previous.pid != here.pid else None)
        raise SessionLockedError(session, None)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            if os.path.exists(self.file) and os.stat(self.file).st_ino == os.fstat(self._fd).st_ino:
                os.unlink(self.file)
        except OSError:
            pass  # a read-only folder after all: the OS lock below is what counts
        os.close(self._fd)
        self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


def holder_of(session: Path) -> Holder | None:
    """Who holds SESSION for writing now, None when nobody does (a stale file is nobody)."""
    path = lock_path(session)
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            return None  # closing the descriptor frees our probe
        return _read(fd) or Holder("", "", "")
    finally:
        os.close(fd)


def _same_program(pid: int) -> bool:
    """Whether PID is still a Python program (a reused pid of something else is no holder)."""
    try:
        return "python" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").lower()
    except OSError:
        return True  # no /proc (Windows, macOS): trust the pid


NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ceph",
                       "glusterfs", "fuse.glusterfs", "davfs", "fuse.davfs2", "ncpfs", "lustre"}


def network_drive(session: Path) -> bool:
    """Whether SESSION lies on a network drive, where SQLite's and our locks are unreliable."""
    try:
        target = session.resolve()
    except OSError:
        return False
    if sys.platform == "win32":  # pragma: no cover
        import ctypes

        text = str(target)
        if text.startswith("\\\\"):
            return True
        return ctypes.windll.kernel32.GetDriveTypeW(text[:3]) == 4  # DRIVE_REMOTE
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    best, kind = "", ""
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ")
        if (str(target) == point or str(target).startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, kind = point, parts[2]
    return kind in NETWORK_FILESYSTEMS
