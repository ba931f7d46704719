"""The error log: every unexpected error with its traceback, in the user's data folder.

The clerk sees a sentence; whoever helps the clerk later reads this file. It rotates (5 files of
1 MB), so it never fills the disk. Used by the window's error dialog and by the command line,
which never prints a traceback.
"""
from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

_logger: logging.Logger | None = None


def data_folder() -> Path:
    """The user's data folder, where Qt's AppDataLocation puts it for MeetingDesk (the window
    keeps its demo there); MEETINGDESK_DATA overrides it."""
    if os.environ.get("MEETINGDESK_DATA"):
        return Path(os.environ["MEETINGDESK_DATA"])
    if sys.platform == "win32":  # pragma: no cover
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":  # pragma: no cover
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "MeetingDesk" / "MeetingDesk"


def log_path() -> Path:
    return data_folder() / "logs" / "meetingdesk.log"


def logger() -> logging.Logger:
    global _logger
    if _logger is None:
        _logger = logging.getLogger("meetingdesk.errors")
        _logger.propagate = False
        try:
            log_path().parent.mkdir(parents=True, exist_ok=True)
            handler: logging.Handler = logging.handlers.RotatingFileHandler(
                log_path(), maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        except OSError:
            handler = logging.NullHandler()  # no log is better than no program
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        _logger.addHandler(handler)
        _logger.setLevel(logging.INFO)
    return _logger


def record(exc: BaseException, context: str = "") -> Path:
    """Write EXC with its traceback to the log; returns the log's path for the message."""
    try:
        logger().error("%s", context or type(exc).__name__, exc_info=(type(exc), exc, exc.__traceback__))
    except Exception:  # the log must never be the second failure
        pass
    return log_path()
